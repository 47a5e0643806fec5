package app.tandem.android

import androidx.compose.material3.Button
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import app.tandem.shell.AppLockSetting
import app.tandem.shell.CleanExitScreen
import app.tandem.shell.LockGuard
import app.tandem.shell.LockTexts
import app.tandem.shell.TandemController
import app.tandem.shell.CleanExitTexts

// The app lock and the clean exit as the app draws them. The shell's
// AppLockController decides when to ask (the core's lockDue and
// needsUnlockFor); BiometricAuthenticator asks; nothing here decides.

/** While locked: no content at all, only the way to unlock. */
@Composable
fun LockedView(activity: MainActivity) {
    Heading(LockTexts.LOCKED)
    Quiet(LockTexts.HINT)
    Button(onClick = { activity.app.worker.execute { activity.app.lock.unlock() } }) { Text(LockTexts.UNLOCK_BUTTON) }
}

/**
 * A guarded action (export, plaintext export, unpairing, a clean exit step,
 * wiping) from the screen shown: the lock asks first when the core says so
 * (always while it is on); a refused or cancelled prompt does nothing and
 * says so. Runs on the worker; the outcome comes back as any action's does.
 */
fun <T> MainActivity.guarded(guard: LockGuard, done: (T) -> String? = { null }, action: (TandemController) -> T) {
    val on = screen
    app.worker.execute {
        app.session.guarded(app.lock, guard, on, { now() }, zone(), done = done, action = action) { result ->
            runOnUiThread { if (result == null) say(LockTexts.REFUSED) else shown(result) }
        }
    }
}

/** The lock's setting: off, every time, after 1, 5 or 15 minutes away. */
@Composable
fun LockSettings(activity: MainActivity, current: AppLockSetting?) {
    Heading(LockTexts.HEADING)
    LockTexts.CHOICES.forEach { (label, setting) ->
        TextButton(onClick = { activity.act(replan = null) { it.setAppLock(setting) } }) {
            Text(if (setting == current) "• $label" else label)
        }
    }
}

/** After unpairing: stop the shared things here, delete the partner's data here; nothing is sent. */
@Composable
fun CleanExitView(activity: MainActivity, s: CleanExitScreen?) {
    if (s == null || !s.offered) return
    Heading(s.heading)
    Quiet(s.note)
    s.done.forEach { Quiet(it) }
    s.actions.forEach { a ->
        Text(a.explanation)
        Button(onClick = { activity.guarded(LockGuard.CLEAN_EXIT, done = { n: Int -> CleanExitTexts.result(a, n) }) { it.cleanExit(a) } }) {
            Text(a.label)
        }
    }
}
