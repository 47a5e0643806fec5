package app.tandem.android

import android.app.Application
import android.widget.TextView
import android.view.View
import android.view.ViewGroup
import app.tandem.ffi.Alarm
import app.tandem.ffi.ManualClock
import app.tandem.ffi.NoticeKind
import app.tandem.ffi.Pause
import app.tandem.ffi.PhoneNow
import app.tandem.ffi.ReminderChannel
import app.tandem.ffi.ReminderKind
import app.tandem.ffi.Repeat
import app.tandem.ffi.Ritual
import app.tandem.ffi.RitualFormInput
import app.tandem.ffi.RitualFormResult
import app.tandem.ffi.RitualPurpose
import app.tandem.ffi.Tandem
import app.tandem.ffi.UserAction
import app.tandem.ffi.ZoneMode
import app.tandem.shell.InMemoryStorageKeyProvider
import app.tandem.shell.ReminderAccess
import app.tandem.shell.StorageKeyProvider
import app.tandem.shell.TandemLauncher
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
open class TestApp : TandemApp() {
    override val worker = DirectExecutor()
    override fun keys(): StorageKeyProvider = InMemoryStorageKeyProvider()
}

/** [TestApp] on a clock the test moves ([clock]): a ritual's past days need time to pass. */
class ClockedApp : TestApp() {
    override fun launcher() = TandemLauncher(java.io.File(filesDir, "tandem.db"), keys(), "Pixel", clock)

    companion object {
        /** Monday 1 March 2027, 12:00 UTC, when each test's app opens. */
        val START = java.time.Instant.parse("2027-03-01T12:00:00Z").toEpochMilli()
        val clock = ManualClock(START)
    }
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

/** Every view under [v] (itself first), in order. */
fun views(v: View): List<View> = listOf(v) + if (v is ViewGroup) (0 until v.childCount).flatMap { views(v.getChildAt(it)) } else emptyList()

/** Every text shown under [v], in order. */
fun texts(v: View): List<String> = views(v).filterIsInstance<TextView>().map { it.text.toString() }

/** Every text field under [v], in order. */
fun fields(v: View): List<android.widget.EditText> = views(v).filterIsInstance<android.widget.EditText>()

/** "Stretch", a personal ritual at 07:00 for 10 minutes, every day, as its form is typed. */
fun stretch() = RitualFormInput(title = "Stretch", prompt = "", minutes = "10", timeOfDay = "07:00", zone = ZoneMode.Floating, repeat = Repeat.Daily)

/**
 * The phone as a test's setup gives it to the core: this device's zone,
 * nothing armed, everything allowed. The outcome's arming is dropped: a
 * test that counts alarms re-plans through the session, as the app does
 * after a change.
 */
fun setupPhone() = PhoneNow(java.time.ZoneId.systemDefault().id, emptyList(), ReminderAccess.ALL.forCore())

/** A test's setup: [form] added as a personal ritual through the form's submit (the facade's one way); the ritual it added. */
fun Tandem.addPersonalRitual(form: RitualFormInput): Ritual {
    val before = rituals().map { it.id }.toSet()
    val r = submitRitualForm(form, RitualPurpose.Personal, setupPhone())
    check(r is RitualFormResult.Sent) { "the personal ritual was held back: $r" }
    return rituals().single { it.id !in before }
}

/** A test's setup: a pause started through `perform`; the pause it started. */
fun Tandem.startPause(minutes: UInt?, note: String?): Pause {
    val before = pauses().map { it.id }.toSet()
    perform(UserAction.StartPause(minutes, note), setupPhone())
    return pauses().single { it.id !in before }
}

/** Every button under [v], in order. */
fun buttons(v: View): List<android.widget.Button> = views(v).filterIsInstance<android.widget.Button>()

fun Application.tandem() = this as TandemApp

/**
 * The open session's generated core, for what the app has no screen for. The
 * shell keeps it `internal`; the lane compiles these tests as the app's
 * friends (-Xfriend-paths, scripts/test-android-robolectric.sh).
 */
fun TandemApp.core(): Tandem = session.controller!!.core

/** The core's notice when exact alarms are not allowed, in the phone's language. */
fun exactAlarmsOff(): String = app.tandem.ffi.noticeText(NoticeKind.EXACT_ALARMS_OFF, java.util.Locale.getDefault().toLanguageTag())
