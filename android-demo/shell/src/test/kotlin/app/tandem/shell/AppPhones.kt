package app.tandem.shell

import app.tandem.ffi.BoundariesScreenModel
import app.tandem.ffi.ManualClock
import app.tandem.ffi.RitualScreenModel
import app.tandem.ffi.RitualsScreenModel
import java.io.File
import kotlin.test.assertEquals
import kotlin.test.fail
import org.junit.jupiter.api.Assertions.assertTrue

// Phones as the app runs them: a TandemSession each (a fake scheduler, the
// sync folders, a ManualClock, New York), buttons pressed and forms sent
// through the session, changes carried by sync files shared between them.

internal class AppPhone(name: String) {
    val clock = ManualClock(T0)
    val scheduler = FakeScheduler()
    private val dir = tempDir()
    val session = TandemSession(
        TandemLauncher(File(dir, "tandem.db"), InMemoryStorageKeyProvider(), name, clock),
        scheduler, FileSyncTransport(File(dir, "sync-out"), File(dir, "sync-in")),
    ) { NY }.also { assertTrue(it.start() is LaunchState.Opened) { "start: ${it.state}" } }
    val c: TandemController get() = session.controller ?: fail("not open")
    val now: Long get() = clock.nowMs()

    fun load(s: Screen): ScreenModel = session.load(s, now, NY)

    /** Presses a button that carries [does] on [s], as the app does. */
    fun press(s: Screen, does: UserAction?): ActionResult<ActionEffects> = session.perform(s, now, NY, does ?: fail("the button carries no action"))

    /** Sends [form] with its [submit]th button from [s], as the app does. */
    fun submit(s: Screen, form: FormEdit, submit: Int): ActionResult<Submitted> = session.submit(s, now, NY, form, submit)

    /** The form a button's [opens] names, as the core opens it. */
    fun open(opens: FormRequest?): FormEdit = c.openForm(opens ?: fail("the button opens no form"))

    fun boundariesScreen(): BoundariesScreenModel = load(Screen.BOUNDARIES).boundaries

    /** Ritual [id]'s own screen, opened as from its row. */
    fun ritual(id: String): RitualScreenModel = session.ritual(id, now, NY).ritual

    /** This phone sends; every file it wrote is shared to [to], which imports them. */
    fun shareTo(to: AppPhone) {
        val files = session.send(now, NY).value ?: fail("nothing sent")
        val got = to.session.receiveShared(to.now, NY, files.map { f -> SharedFile(f.name) { f.inputStream() } })
        assertTrue(got.outcome is ActionOutcome.Done) { "received: ${got.outcome}" }
        assertEquals(emptyList<SyncItem.Refused>(), got.value?.refused, "files refused")
    }

    fun close() = runCatching { session.controller?.close() }
}

/** Ana's and Ben's phones, paired through their Pairing screens and synced both ways once. */
internal fun <T> appCouple(block: (AppPhone, AppPhone) -> T): T {
    val a = AppPhone(ANA)
    val b = try { AppPhone(BEN) } catch (e: Throwable) { a.close(); throw e }
    return try {
        pairFlows(a.session.pairing()!!, b.session.pairing()!!, NY)
        a.shareTo(b)
        b.shareTo(a)
        block(a, b)
    } finally {
        a.close()
        b.close()
    }
}

/** Both phones' clocks at [nowMs] (paired phones agree on the time to sync). */
internal fun setClocks(nowMs: Long, vararg phones: AppPhone) = phones.forEach { it.clock.set(nowMs) }

/** The boundaries screen this model shows; fails the test for any other model or a failure. */
internal val ScreenModel.boundaries: BoundariesScreenModel
    get() = ((this as? ScreenModel.Boundaries)?.model as? Rendered.Shown)?.model ?: fail("expected the boundaries screen, got $this")

/** The rituals screen this model shows; fails the test for any other model or a failure. */
internal val ScreenModel.rituals: RitualsScreenModel
    get() = ((this as? ScreenModel.Rituals)?.model as? Rendered.Shown)?.model ?: fail("expected the rituals screen, got $this")

/** The ritual's own screen this model shows; fails the test for any other model or a failure. */
internal val ScreenModel.ritual: RitualScreenModel
    get() = ((this as? ScreenModel.Ritual)?.model as? Rendered.Shown)?.model ?: fail("expected a ritual's own screen, got $this")
