package app.tandem.android

import app.tandem.shell.AppLockSetting
import app.tandem.shell.CleanExitScreen
import app.tandem.shell.CleanExitTexts
import app.tandem.shell.LockGuard
import app.tandem.shell.LockTexts
import app.tandem.shell.TandemController

// The app lock and the clean exit as the app draws them. The shell's
// AppLockController decides when to ask (the core's lockDue and
// needsUnlockFor); BiometricAuthenticator asks; nothing here decides.

/** While locked: no content at all, only the way to unlock. */
fun Ui.locked() {
    heading(LockTexts.LOCKED)
    quiet(LockTexts.HINT)
    button(LockTexts.UNLOCK_BUTTON) { activity.app.worker.execute { activity.app.lock.unlock() } }
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
                if (result == null) say(LockTexts.REFUSED) else shown(result, notices)
                result?.value?.let(then)
            }
        }
    }
}

/** The lock's setting: off, every time, after 1, 5 or 15 minutes away. */
fun Ui.lockSettings(current: AppLockSetting?) {
    heading(LockTexts.HEADING)
    LockTexts.CHOICES.forEach { (label, setting) ->
        button(if (setting == current) "• $label" else label) { activity.act(replan = null) { it.setAppLock(setting) } }
    }
}

/** After unpairing: stop the shared things here, delete the partner's data here; nothing is sent. */
fun Ui.cleanExit(s: CleanExitScreen?) {
    if (s == null || !s.offered) return
    heading(s.heading)
    quiet(s.note)
    s.done.forEach { quiet(it) }
    s.actions.forEach { a ->
        text(a.explanation)
        button(a.label) { activity.guarded(LockGuard.CLEAN_EXIT, done = { n: Int -> CleanExitTexts.result(a, n) }) { it.cleanExit(a) } }
    }
}
