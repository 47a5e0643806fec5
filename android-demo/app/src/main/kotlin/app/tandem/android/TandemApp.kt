package app.tandem.android

import android.app.Application
import android.app.Notification
import android.app.NotificationChannel
import android.app.NotificationManager
import app.tandem.shell.AppLockController
import app.tandem.shell.FileSyncTransport
import app.tandem.shell.ReminderChannel
import app.tandem.shell.TandemLauncher
import app.tandem.shell.TandemSession
import app.tandem.shell.UserAuthenticator
import java.io.File
import java.time.ZoneId
import java.util.concurrent.Executors

/** Holds the one [TandemSession]; every core call runs on [worker], off the main thread. */
class TandemApp : Application() {
    lateinit var session: TandemSession
        private set
    val worker = Executors.newSingleThreadExecutor()

    /** The activity's BiometricPrompt while one is shown; none: every ask is refused. */
    @Volatile
    var authenticator: UserAuthenticator? = null

    /** The app lock, per process (a rotation asks nothing); its calls run on [worker]. */
    val lock: AppLockController by lazy {
        session.lockController({ reason, done -> authenticator?.authenticate(reason, done) ?: done(false) })
    }

    override fun onCreate() {
        super.onCreate()
        val manager = getSystemService(NotificationManager::class.java)
        ReminderChannel.values().forEach { ch ->
            manager.createNotificationChannel(
                NotificationChannel(ch.name, ch.title, NotificationManager.IMPORTANCE_DEFAULT)
                    .apply { lockscreenVisibility = Notification.VISIBILITY_PRIVATE }, // the public version only
            )
        }
        val launcher = TandemLauncher(File(filesDir, "tandem.db"), KeystoreKeyProvider(this), android.os.Build.MODEL)
        // The Sync screen's folders: sync-out/ is shared through the FileProvider, sync-in/ receives.
        val files = FileSyncTransport(File(filesDir, "sync-out"), File(filesDir, "sync-in"))
        session = TandemSession(launcher, AlarmScheduler(this), files) { ZoneId.systemDefault().id }
        worker.execute { session.start() }
    }
}
