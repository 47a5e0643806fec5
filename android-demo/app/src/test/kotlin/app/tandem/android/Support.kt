package app.tandem.android

import android.app.Application
import android.widget.TextView
import android.view.View
import android.view.ViewGroup
import app.tandem.ffi.Reminder
import app.tandem.ffi.ReminderKind
import app.tandem.shell.InMemoryStorageKeyProvider
import app.tandem.shell.StorageKeyProvider
import java.util.concurrent.AbstractExecutorService
import java.util.concurrent.TimeUnit

/** Runs the worker's tasks at once, on the calling thread: the tests see every effect before they look. */
class DirectExecutor : AbstractExecutorService() {
    override fun execute(command: Runnable) = command.run()
    override fun shutdown() = Unit
    override fun shutdownNow(): MutableList<Runnable> = mutableListOf()
    override fun isShutdown() = false
    override fun isTerminated() = false
    override fun awaitTermination(timeout: Long, unit: TimeUnit) = true
}

/** The app with the core but an in-memory key (Robolectric has no AndroidKeyStore) and a direct worker. */
class TestApp : TandemApp() {
    override val worker = DirectExecutor()
    override fun keys(): StorageKeyProvider = InMemoryStorageKeyProvider()
}

/** The real app (KeystoreKeyProvider over AndroidKeyStore, which Robolectric does not have) with a direct worker. */
class KeystoreApp : TandemApp() {
    override val worker = DirectExecutor()
}

/** A reminder as the core plans it. */
fun reminder(id: String, atMs: Long, hide: Boolean = false) = Reminder(
    id = id, kind = ReminderKind.RITUAL, sourceId = "r-$id", occurrenceStartMs = atMs, fireAtMs = atMs,
    localTime = "07:00", zone = "Europe/Berlin", leadMinutes = 0u, title = "Walk together", body = "In 30 min",
    privateTitle = "Tandem", privateBody = "A moment for the two of you", hideContent = hide,
)

/** Every text shown under [v], in order. */
fun texts(v: View): List<String> = when (v) {
    is TextView -> listOf(v.text.toString())
    is ViewGroup -> (0 until v.childCount).flatMap { texts(v.getChildAt(it)) }
    else -> emptyList()
}

fun Application.tandem() = this as TandemApp
