package app.tandem.android

import android.app.Application
import android.widget.TextView
import android.view.View
import android.view.ViewGroup
import app.tandem.ffi.Alarm
import app.tandem.ffi.NoticeKind
import app.tandem.ffi.Recurrence
import app.tandem.ffi.ReminderChannel
import app.tandem.ffi.ReminderKind
import app.tandem.ffi.Repeat
import app.tandem.ffi.RitualDraft
import app.tandem.ffi.Tandem
import app.tandem.ffi.ZoneMode
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

/** An alarm as the core words it (`armReminders`): [exact] or in the core's 10-minute window. */
fun alarm(id: String, atMs: Long, hide: Boolean = false, exact: Boolean = true) = Alarm(
    id = id, kind = ReminderKind.RITUAL, channel = ReminderChannel.RITUALS, channelKey = "rituals", channelTitle = "Rituals",
    fireAtMs = atMs, windowMs = if (exact) 0L else 600_000L, localTime = "2030-03-17 07:00", followsDeviceZone = false,
    title = if (hide) "Tandem" else "Walk together", body = if (hide) "A moment for the two of you" else "In 30 min",
    publicTitle = "Tandem", publicBody = "A moment for the two of you",
)

/** Every text shown under [v], in order. */
fun texts(v: View): List<String> = when (v) {
    is TextView -> listOf(v.text.toString())
    is ViewGroup -> (0 until v.childCount).flatMap { texts(v.getChildAt(it)) }
    else -> emptyList()
}

/** Every text field under [v], in order. */
fun fields(v: View): List<android.widget.EditText> = when (v) {
    is android.widget.EditText -> listOf(v)
    is ViewGroup -> (0 until v.childCount).flatMap { fields(v.getChildAt(it)) }
    else -> emptyList()
}

/** "Stretch", a personal ritual at 07:00 for 10 minutes, every day. */
fun stretch() = RitualDraft(title = "Stretch", prompt = null, minutes = 10u, timeOfDay = "07:00", zone = ZoneMode.Floating, recurrence = Recurrence(Repeat.Daily))

/** Every button under [v], in order. */
fun buttons(v: View): List<android.widget.Button> = when (v) {
    is android.widget.Button -> listOf(v)
    is ViewGroup -> (0 until v.childCount).flatMap { buttons(v.getChildAt(it)) }
    else -> emptyList()
}

fun Application.tandem() = this as TandemApp

/**
 * The open session's generated core, for what the app has no screen for. The
 * shell keeps it `internal`; the lane compiles these tests as the app's
 * friends (-Xfriend-paths, scripts/test-android-robolectric.sh).
 */
fun TandemApp.core(): Tandem = session.controller!!.core

/** The core's notice when exact alarms are not allowed, in the phone's language. */
fun exactAlarmsOff(): String = app.tandem.ffi.noticeText(NoticeKind.EXACT_ALARMS_OFF, java.util.Locale.getDefault().toLanguageTag())
