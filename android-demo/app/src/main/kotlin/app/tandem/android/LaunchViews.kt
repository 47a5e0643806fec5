package app.tandem.android

import android.content.Context
import android.content.Intent
import android.net.Uri
import android.os.Build
import android.provider.Settings
import app.tandem.shell.LaunchState
import app.tandem.shell.ReminderNotice
import app.tandem.shell.UserMessages

/** Why reminders may not show or come late (the shell's notices, read on every launch), with a way to the setting. */
fun Ui.notices(notices: List<ReminderNotice>) {
    notices.forEach { n ->
        warn(n.text)
        if (n.opensExactAlarmSettings && Build.VERSION.SDK_INT >= 31) {
            button(words.openSettings) { activity.startActivity(exactAlarmSettings(activity)) }
        }
    }
}

/** The exact-alarm setting for this app: without the `package:` URI the phone shows a list of every app. */
fun exactAlarmSettings(context: Context): Intent =
    Intent(Settings.ACTION_REQUEST_SCHEDULE_EXACT_ALARM, Uri.parse("package:${context.packageName}"))

/** The key is gone: restore from an export (with its passphrase) or start over, after the warning. */
fun Ui.keyMissing(s: LaunchState.KeyMissing) {
    text(s.message)
    field(words.exportPassphrase, activity.passphrase, secret = true) { activity.passphrase = it }
    button(words.restore) {
        val pick = Intent(Intent.ACTION_OPEN_DOCUMENT).addCategory(Intent.CATEGORY_OPENABLE).setType("*/*")
        @Suppress("DEPRECATION")
        activity.startActivityForResult(pick, MainActivity.PICK_EXPORT)
    }
    val warning = text(UserMessages.START_OVER_WARNING).apply { visibility = android.view.View.GONE }
    val confirm = button(words.startOverConfirm) { activity.background { activity.app.session.startOver() } }
        .apply { visibility = android.view.View.GONE }
    button(words.startOver) {
        warning.visibility = android.view.View.VISIBLE
        confirm.visibility = android.view.View.VISIBLE
    }
}

/** The key store refused: the recovery screen. Nothing was changed; try again. */
fun Ui.keyStoreFailed(s: LaunchState.KeyStoreFailed) {
    heading(words.cantOpen)
    text(s.message)
    button(words.tryAgain) { activity.background { activity.app.session.start() } }
}
