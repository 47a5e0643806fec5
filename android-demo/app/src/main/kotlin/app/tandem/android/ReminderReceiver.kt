package app.tandem.android

import android.app.Notification
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent

/**
 * An alarm fired: posts the notification the shell prepared. The title and
 * body in the extras are already the private, content-free text when the
 * reminder hides its content (the default); nothing here reads the
 * database. Every notification is VISIBILITY_PRIVATE with a public version
 * holding only the core's private wording, so a locked screen never shows
 * a ritual, whatever the person chose.
 */
class ReminderReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        val manager = context.getSystemService(NotificationManager::class.java)!!
        if (!manager.areNotificationsEnabled()) return // the shell's notice already tells the person why
        try {
            manager.notify(intent.getIntExtra(NOTIFICATION_ID, 0), notification(context, intent))
        } catch (e: SecurityException) {
            // POST_NOTIFICATIONS was revoked between the check and the post: nothing to show.
        }
    }

    companion object {
        const val TITLE = "title"
        const val BODY = "body"
        const val PUBLIC_TITLE = "publicTitle"
        const val PUBLIC_BODY = "publicBody"
        const val CHANNEL = "channel"
        const val NOTIFICATION_ID = "notificationId"

        /** The notification for an alarm's [intent], on the channel it names. */
        fun notification(context: Context, intent: Intent): Notification {
            val open = PendingIntent.getActivity(
                context, 0, Intent(context, MainActivity::class.java),
                PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT,
            )
            val channel = intent.getStringExtra(CHANNEL) ?: "rituals"
            val public = Notification.Builder(context, channel)
                .setSmallIcon(android.R.drawable.ic_popup_reminder)
                .setContentTitle(intent.getStringExtra(PUBLIC_TITLE))
                .setContentText(intent.getStringExtra(PUBLIC_BODY))
                .build()
            return Notification.Builder(context, channel)
                .setSmallIcon(android.R.drawable.ic_popup_reminder)
                .setContentTitle(intent.getStringExtra(TITLE))
                .setContentText(intent.getStringExtra(BODY))
                .setVisibility(Notification.VISIBILITY_PRIVATE)
                .setPublicVersion(public)
                .setContentIntent(open)
                .setAutoCancel(true)
                .build()
        }
    }
}
