package app.tandem.android

import android.Manifest
import android.app.AlarmManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.content.pm.PackageManager
import android.net.Uri
import android.os.Build
import androidx.core.app.NotificationManagerCompat
import androidx.core.content.ContextCompat
import app.tandem.shell.Alarm
import app.tandem.shell.AlarmTiming
import app.tandem.shell.ReminderAccess
import app.tandem.shell.ReminderScheduler

/**
 * The shell's [ReminderScheduler] over AlarmManager. AlarmManager cannot
 * list alarms, so the armed ids are recorded in private preferences; the
 * shell re-arms everything on the triggers where that record may be stale.
 */
class AlarmScheduler(private val context: Context) : ReminderScheduler {
    private val alarms = context.getSystemService(AlarmManager::class.java)
    private val prefs = context.getSharedPreferences("armed-reminders", Context.MODE_PRIVATE)

    @Synchronized
    override fun pendingIds(): List<String> = prefs.getStringSet(KEY, emptySet()).orEmpty().toList()

    override fun access(): ReminderAccess {
        val notifications = NotificationManagerCompat.from(context).areNotificationsEnabled() &&
            (Build.VERSION.SDK_INT < 33 ||
                ContextCompat.checkSelfPermission(context, Manifest.permission.POST_NOTIFICATIONS) == PackageManager.PERMISSION_GRANTED)
        val exact = Build.VERSION.SDK_INT < 31 || alarms.canScheduleExactAlarms()
        return ReminderAccess(notifications, exact)
    }

    @Synchronized
    override fun arm(alarm: Alarm) {
        val intent = intent(alarm.id)
            .putExtra(ReminderReceiver.TITLE, alarm.title)
            .putExtra(ReminderReceiver.BODY, alarm.body)
            .putExtra(ReminderReceiver.PUBLIC_TITLE, alarm.publicTitle)
            .putExtra(ReminderReceiver.PUBLIC_BODY, alarm.publicBody)
            .putExtra(ReminderReceiver.CHANNEL, alarm.channel.name)
            .putExtra(ReminderReceiver.NOTIFICATION_ID, alarm.notificationId)
        val pending = PendingIntent.getBroadcast(context, 0, intent, PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE)
        when (val t = alarm.timing) {
            // The shell chose Exact only when canScheduleExactAlarms() said yes; re-checked here for a race.
            is AlarmTiming.Exact -> if (Build.VERSION.SDK_INT < 31 || alarms.canScheduleExactAlarms()) {
                alarms.setExactAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, t.atMs, pending)
            } else {
                alarms.setWindow(AlarmManager.RTC_WAKEUP, t.atMs, WINDOW_MS, pending)
            }
            is AlarmTiming.Window -> alarms.setWindow(AlarmManager.RTC_WAKEUP, t.startMs, t.lengthMs, pending)
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
        const val WINDOW_MS = app.tandem.shell.ReminderCoordinator.WINDOW_MS
    }
}
