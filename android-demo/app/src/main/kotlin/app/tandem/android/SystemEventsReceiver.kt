package app.tandem.android

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import app.tandem.shell.SystemEvents

/**
 * Boot, time set, zone changed, app updated, exact-alarm permission changed:
 * each broadcast becomes the shell's re-plan trigger ([SystemEvents.trigger]).
 * A key store that refuses leaves Tandem closed (the shell's KeyStoreFailed):
 * nothing is re-planned, nothing throws.
 */
class SystemEventsReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        val trigger = SystemEvents.trigger(intent.action) ?: return
        val app = context.applicationContext as TandemApp
        val done = goAsync()
        app.worker.execute {
            try {
                app.session.start() // opens (and plans APP_START) if this process just started
                app.session.replan(trigger)
            } finally {
                done.finish()
            }
        }
    }
}
