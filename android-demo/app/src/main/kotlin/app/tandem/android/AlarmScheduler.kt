package app.tandem.android

import android.Manifest
import android.app.AlarmManager
import android.app.Notification
import android.app.NotificationChannel
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.content.pm.PackageManager
import android.net.Uri
import android.os.Build
import app.tandem.shell.Alarm
import app.tandem.shell.ReminderAccess
import app.tandem.shell.ReminderScheduler
import app.tandem.shell.exact
import app.tandem.shell.notificationId

/**
 * The shell's [ReminderScheduler] over AlarmManager. With the exact-alarm
 * permission each reminder is `setExactAndAllowWhileIdle`; without it
 * (Android 14 and 15 deny SCHEDULE_EXACT_ALARM to most new installs) it is
 * `setAndAllowWhileIdle`, which also fires in Doze, a few minutes late at
 * most, where `setWindow` would wait for Doze's next maintenance window.
 * AlarmManager cannot list alarms, so the armed ids are recorded in private
 * preferences; the core re-arms everything on the triggers where that
 * record may be stale. Each alarm's channel is (re)made as it is armed, so
 * its name follows the phone's language.
 */
class AlarmScheduler(private val context: Context) : ReminderScheduler {
    private val alarms = context.getSystemService(AlarmManager::class.java)!!
    private val prefs = context.getSharedPreferences("armed-reminders", Context.MODE_PRIVATE)

    @Synchronized
    override fun pendingIds(): List<String> = prefs.getStringSet(KEY, emptySet()).orEmpty().toList()

    override fun access(): ReminderAccess {
        val notifications = context.getSystemService(NotificationManager::class.java)!!.areNotificationsEnabled() &&
            (Build.VERSION.SDK_INT < 33 || context.checkSelfPermission(Manifest.permission.POST_NOTIFICATIONS) == PackageManager.PERMISSION_GRANTED)
        return ReminderAccess(notifications, exactAllowed())
    }

    private fun exactAllowed() = Build.VERSION.SDK_INT < 31 || alarms.canScheduleExactAlarms()

    @Synchronized
    override fun arm(alarm: Alarm) {
        context.getSystemService(NotificationManager::class.java)!!.createNotificationChannel(
            NotificationChannel(alarm.channelKey, alarm.channelTitle, NotificationManager.IMPORTANCE_DEFAULT)
                .apply { lockscreenVisibility = Notification.VISIBILITY_PRIVATE }, // the public version only
        )
        val intent = intent(alarm.id)
            .putExtra(ReminderReceiver.TITLE, alarm.title)
            .putExtra(ReminderReceiver.BODY, alarm.body)
            .putExtra(ReminderReceiver.PUBLIC_TITLE, alarm.publicTitle)
            .putExtra(ReminderReceiver.PUBLIC_BODY, alarm.publicBody)
            .putExtra(ReminderReceiver.CHANNEL, alarm.channelKey)
            .putExtra(ReminderReceiver.NOTIFICATION_ID, alarm.notificationId)
        val pending = PendingIntent.getBroadcast(context, 0, intent, PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE)
        // The core chose exact only when canScheduleExactAlarms() said yes; re-checked here for a race
        // (an exact alarm without the permission throws SecurityException).
        if (alarm.exact && exactAllowed()) {
            alarms.setExactAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, alarm.fireAtMs, pending)
        } else {
            alarms.setAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, alarm.fireAtMs, pending)
        }
        record { it + alarm.id }
    }

    @Synchronized
    override fun cancel(ids: List<String>) {
        ids.forEach { id ->
            val pending = PendingIntent.getBroadcast(context, 0, intent(id), PendingIntent.FLAG_NO_CREATE or PendingIntent.FLAG_IMMUTABLE)
            if (pending != null) {
                alarms.cancel(pending)
                pending.cancel()
            }
        }
        record { it - ids.toSet() }
    }

    /** One PendingIntent per reminder id: the data URI makes the intents differ. */
    private fun intent(id: String) = Intent(context, ReminderReceiver::class.java)
        .setData(Uri.parse("tandem://reminder/$id"))

    private fun record(change: (Set<String>) -> Set<String>) {
        prefs.edit().putStringSet(KEY, change(prefs.getStringSet(KEY, emptySet()).orEmpty()).toSet()).apply()
    }

    private companion object {
        const val KEY = "ids"
    }
}
