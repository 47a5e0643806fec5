package app.tandem.android

import app.tandem.shell.AppLockSetting
import app.tandem.shell.CleanExitDone
import app.tandem.shell.SettingsScreen
import app.tandem.shell.LockGuard
import app.tandem.shell.TandemController

// The app lock and the clean exit as the app draws them. The shell's
// AppLockController decides when to ask (the core's lockDue and
// needsUnlockFor); BiometricAuthenticator asks; nothing here decides.

/** While locked: no content at all, only the way to unlock. */
fun Ui.locked() {
    val w = activity.app.lock.words()
    heading(w.locked)
    quiet(w.hint)
    button(w.unlockButton) { activity.app.worker.execute { activity.app.lock.unlock() } }
}

/**
 * A guarded action (export, plaintext export, unpairing, a clean exit step,
 * wiping) from the screen shown: the lock asks first when the core says so
 * (always while it is on); a refused or cancelled prompt does nothing and
 * says so. Runs on the worker; the outcome comes back as any action's does.
 */
fun <T> MainActivity.guarded(guard: LockGuard, done: (T) -> String? = { null }, then: (T) -> Unit = {}, action: (TandemController) -> T) {
    val on = screen
    app.worker.execute {
        app.session.guarded(app.lock, guard, on, { now() }, zone(), done = done, action = action) { result ->
            val notices = app.session.notices()
            runOnUiThread {
                if (result == null) say(app.lock.words().refused) else shown(result, notices)
                result?.value?.let(then)
            }
        }
    }
}

/** This phone's settings as the core words them: the app lock's choices, then the clean exit after unpairing. */
fun Ui.settings(s: SettingsScreen?) {
    if (s == null) return
    s.cleanExit?.let { exit ->
        heading(exit.heading)
        quiet(exit.note)
        exit.done.forEach { quiet(it) }
        exit.offers.forEach { o ->
            text(o.explanation)
            button(o.label) { activity.guarded(LockGuard.CLEAN_EXIT, done = { d: CleanExitDone -> d.text }) { it.cleanExit(o.step) } }
        }
    }
    heading(s.lockHeading)
    quiet(s.lockHint)
    s.lockChoices.forEach { c ->
        button(if (c.chosen) "• ${c.label}" else c.label) { activity.act(replan = null) { it.setAppLock(c.setting) } }
    }
}
