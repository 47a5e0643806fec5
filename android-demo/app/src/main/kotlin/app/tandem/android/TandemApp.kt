package app.tandem.android

import android.app.Application
import app.tandem.shell.AppLockController
import app.tandem.shell.FileSyncTransport
import app.tandem.shell.ReminderScheduler
import app.tandem.shell.StorageKeyProvider
import app.tandem.shell.TandemLauncher
import app.tandem.shell.TandemSession
import app.tandem.shell.UserAuthenticator
import java.io.File
import java.time.ZoneId
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors

/**
 * Holds the one [TandemSession]; every core call runs on [worker], off the
 * main thread. [keys] and [scheduler] are the platform's (Keystore,
 * AlarmManager); tests give their own. Nothing here touches the key store:
 * the session opens on the worker, where a refusal is KeyStoreFailed.
 */
open class TandemApp : Application() {
    lateinit var session: TandemSession
        private set
    open val worker: ExecutorService = Executors.newSingleThreadExecutor()

    /** The activity's BiometricPrompt while one is shown; none: every ask is refused. */
    @Volatile
    var authenticator: UserAuthenticator? = null

    /** The app lock, per process (a rotation asks nothing); its calls run on [worker]. */
    val lock: AppLockController by lazy {
        session.lockController({ reason, done -> authenticator?.authenticate(reason, done) ?: done(false) })
    }

    open fun keys(): StorageKeyProvider = KeystoreKeyProvider(this)
    open fun scheduler(): ReminderScheduler = AlarmScheduler(this)

    /** Opens Tandem in files/ (tests give it a clock of their own). */
    open fun launcher() = TandemLauncher(File(filesDir, "tandem.db"), keys(), android.os.Build.MODEL ?: "Android")

    override fun onCreate() {
        super.onCreate()
        val launcher = launcher()
        // The Sync screen's folders: sync-out/ is shared through SyncFilesProvider, sync-in/ receives.
        val files = FileSyncTransport(File(filesDir, "sync-out"), File(filesDir, "sync-in"))
        session = TandemSession(launcher, scheduler(), files) { ZoneId.systemDefault().id }
        worker.execute { session.start() }
    }
}
