package app.tandem.android

import app.tandem.shell.ActionResult
import app.tandem.shell.FormEdit
import app.tandem.shell.FormRequest
import app.tandem.shell.PairingFlow
import app.tandem.shell.PairingScreen
import app.tandem.shell.ReplanTrigger
import app.tandem.shell.Screen
import app.tandem.shell.TandemController
import app.tandem.shell.UserAction
import java.io.File

// The screens' calls: each runs on the worker through the shell's session,
// and its outcome, the reloaded screen and the notices come back to the activity.

/** One pairing step on the session's flow. */
fun MainActivity.pair(step: (PairingFlow) -> PairingScreen) = result({ app.session.pair(now(), zone(), step) })

/** Exports into the outbox; [share] gets every file written, on the main thread. */
fun MainActivity.send(share: (List<File>) -> Unit) = result({ app.session.send(now(), zone()) }, share)

/** Imports what waits in the inbox. */
fun MainActivity.receive() = result({ app.session.receive(now(), zone()) })

/** A person's action on the worker, one core call: its notice and the reloaded screen come back to the activity. */
fun MainActivity.perform(action: UserAction) {
    val on = screen
    result({ app.session.perform(on, now(), zone(), action) })
}

/** Ritual [id]'s own screen, opened from its row and loaded on the worker; its buttons reload it. */
fun MainActivity.openRitual(id: String) = show(Screen.RITUAL) { app.session.ritual(id, now(), zone()) }

/** A screen's button: what it carries ([UserAction]) is performed, else the form it [opens]. */
fun MainActivity.press(does: UserAction?, opens: FormRequest?) {
    if (does != null) perform(does) else if (opens != null) openForm(opens)
}

/** Opens the form [request] names, filled in by the core on the worker. */
fun MainActivity.openForm(request: FormRequest) = act(replan = null, then = { e: FormEdit -> editing = e; render() }) { it.openForm(request) }

/** Sends [form] with its [submit]th button, as an action: sent, it closes; held back, it shows the core's words. */
fun MainActivity.submit(form: FormEdit, submit: Int = 0) {
    val on = screen
    result({ app.session.submit(on, now(), zone(), form, submit) }) { s -> editing = s.form.takeUnless { s.sent }; render() }
}

/** Runs a call with no [UserAction] (opening a form, the app lock) on the worker; its words and the reloaded screen come back. */
fun <T> MainActivity.act(messagesOf: Screen = screen, replan: ReplanTrigger? = ReplanTrigger.AFTER_LOCAL_CHANGE, done: (T) -> String? = { null },
                         then: (T) -> Unit = {}, action: (TandemController) -> T) {
    val on = screen
    result({ app.session.act(on, now(), zone(), replan, messagesOf, done, action) }, then)
}

/** Runs a session call giving an [ActionResult] on the worker; [then] gets its value on the main thread. */
fun <T> MainActivity.result(block: () -> ActionResult<T>, then: (T) -> Unit = {}) = app.worker.execute {
    val r = block()
    val notices = app.session.notices()
    runOnUiThread {
        shown(r, notices)
        r.value?.let(then)
    }
}

/** Runs a shell call that never throws on the worker, then shows what it returned and the notices as they stand. */
fun MainActivity.background(block: () -> Any?) = app.worker.execute {
    val result = block()
    val notices = app.session.notices()
    runOnUiThread { shown(result, notices) }
}
