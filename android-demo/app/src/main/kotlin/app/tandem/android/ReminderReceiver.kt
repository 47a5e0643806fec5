package app.tandem.android

import android.app.PendingIntent
import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import androidx.core.app.NotificationCompat
import androidx.core.app.NotificationManagerCompat

/**
 * An alarm fired: posts the notification the shell prepared. The title and
 * body in the extras are already the private, content-free text when the
 * reminder hides its content; nothing here reads the database.
 */
class ReminderReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        val manager = NotificationManagerCompat.from(context)
        if (!manager.areNotificationsEnabled()) return // the shell's notice already told the person why
        val open = PendingIntent.getActivity(
            context, 0, Intent(context, MainActivity::class.java),
            PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT,
        )
        val notification = NotificationCompat.Builder(context, intent.getStringExtra(CHANNEL) ?: "RITUALS")
            .setSmallIcon(android.R.drawable.ic_popup_reminder)
            .setContentTitle(intent.getStringExtra(TITLE))
            .setContentText(intent.getStringExtra(BODY))
            .setContentIntent(open)
            .setAutoCancel(true)
            .build()
        try {
            manager.notify(intent.getIntExtra(NOTIFICATION_ID, 0), notification)
        } catch (e: SecurityException) {
            // POST_NOTIFICATIONS was revoked between the check and the post: nothing to show.
        }
    }

    companion object {
        const val TITLE = "title"
        const val BODY = "body"
        const val CHANNEL = "channel"
        const val NOTIFICATION_ID = "notificationId"
    }
}
