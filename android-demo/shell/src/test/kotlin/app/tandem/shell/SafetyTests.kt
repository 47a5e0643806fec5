package app.tandem.shell

import app.tandem.ffi.lockWords
import app.tandem.ffi.AppLock
import app.tandem.ffi.AuditChange
import app.tandem.ffi.Capacity
import app.tandem.ffi.Happened
import app.tandem.ffi.ManualClock
import app.tandem.ffi.Need
import app.tandem.ffi.PatternDraft
import app.tandem.ffi.PauseState
import app.tandem.ffi.Recurrence
import app.tandem.ffi.Repeat
import app.tandem.ffi.RitualDraft
import app.tandem.ffi.RitualStatus
import app.tandem.ffi.Said
import app.tandem.ffi.TandemException
import app.tandem.ffi.ZoneMode
import java.io.File
import java.time.Instant
import java.time.ZoneId
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.fail
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test

// Safe when someone else holds the phone, and leaving cleanly: the forgotten
// pause, quiet notifications, what was said on a done occurrence, the app
// lock (with a fake authenticator) and the clean exit after unpairing,
// through the shell and the real bindings on ManualClocks.

private const val Z = "America/New_York"
private val ZONE: ZoneId = ZoneId.of(Z)
private const val MIN = 60_000L
private const val HOUR_MS = 60 * MIN

/** 2027-03-01T12:00:00Z: a Monday, 07:00 in New York. */
private val START = Instant.parse("2027-03-01T12:00:00Z").toEpochMilli()
private const val PASSPHRASE = "a passphrase long enough"

/** One phone: its clock and its controller. */
private class Side(val clock: ManualClock, val c: TandemController)

private fun side(name: String): Side {
    val clock = ManualClock(START)
    return Side(clock, TandemController.open(File(tempDir(), "tandem.db").path, InMemoryStorageKeyProvider(), name, clock))
}

/** Ana's and Ben's phones, paired through their PairingFlows, with the folders their files travel through. */
private class Pair2(val a: Side, val b: Side) {
    private val aToB = tempDir()
    private val bToA = tempDir()
    private val ta = FileSyncTransport(outbox = aToB, inbox = bToA)
    private val tb = FileSyncTransport(outbox = bToA, inbox = aToB)
    val flowA: PairingFlow = a.c.pairingFlow()

    init {
        pairFlows(flowA, b.c.pairingFlow())
        sync()
    }

    fun aToB() = move(a, ta, b, tb)
    fun bToA() = move(b, tb, a, ta)
    fun sync() {
        aToB()
        bToA()
    }

    fun setClocks(ms: Long) {
        a.clock.set(ms)
        b.clock.set(ms)
    }

    private fun move(from: Side, out: SyncTransport, to: Side, into: SyncTransport) {
        from.c.syncOut(out)
        assertEquals(emptyList<SyncItem.Refused>(), to.c.syncIn(into).refused, "payloads refused")
    }
}

private fun <T> pair2(block: (Pair2) -> T): T {
    val a = side("Ana's phone")
    val b = side("Ben's phone")
    return try {
        block(Pair2(a, b))
    } finally {
        runCatching { a.c.close() }
        runCatching { b.c.close() }
    }
}

private fun <T> alone(block: (Side) -> T): T {
    val s = side("Ana's phone")
    return try {
        block(s)
    } finally {
        runCatching { s.c.close() }
    }
}

/** A fake of the platform's authentication: counts the asks and answers [answer], at once or when [later] is set, on [finish]. */
private class FakeAuthenticator(var answer: Boolean, var later: Boolean = false) : UserAuthenticator {
    val reasons = mutableListOf<String>()
    private var waiting: ((Boolean) -> Unit)? = null
    val asked: Int get() = reasons.size

    override fun authenticate(reason: String, done: (Boolean) -> Unit) {
        reasons += reason
        if (later) waiting = done else done(answer)
    }

    /** Answers the prompt still showing. */
    fun finish(ok: Boolean) {
        val w = waiting ?: fail("no prompt is showing")
        waiting = null
        w(ok)
    }
}

private fun Side.lock(auth: UserAuthenticator) = AppLockController(c, auth, { clock.nowMs() })

private fun TandemController.newest(): AuditChange = core.sharingAudit().first().change

private fun <T> GuardOutcome<T>.value(): T = (this as? GuardOutcome.Done)?.value
    ?: fail("expected Done, got $this")

class SafetyTests : StoreTestBase() {
    @Test
    @DisplayName("pauses: the partner's forgotten pause leaves today's pauses after 24 h, ENDED with kept null; the starter still sees TIME_TO_RECONNECT")
    fun `pauses - the partner's forgotten pause leaves today's pauses after 24 h, ENDED with kept null, the starter still sees TIME_TO_RECONNECT`() {
        pair2 { k ->
            val started = k.a.c.core.startPause(20u, "A walk")
            k.sync()
            val onB = k.b.c.core.pauses().single()
            assertEquals(listOf<Any?>(false, PauseState.RUNNING, null), listOf(onB.mine, onB.state, onB.kept), "B: the partner's pause, running")
            assertEquals(listOf(started.id), listOfNotNull(k.b.c.todayModel(Z).pause?.id), "B: on today")

            k.setClocks(START + 24 * HOUR_MS - MIN)
            assertEquals(PauseState.RUNNING, k.b.c.core.pauses().single().state, "B: still running a minute before 24 hours")
            assertEquals(listOf(started.id), listOfNotNull(k.b.c.todayModel(Z).pause?.id), "B: still on today")
            assertEquals("Your partner needs a pause, back at Mon 1 Mar 07:20", k.b.c.todayModel(Z).pause?.text, "B's banner keeps the promised time, with its day once that day is past")

            k.setClocks(START + 24 * HOUR_MS + MIN)
            val forgotten = k.b.c.core.pauses().single()
            assertEquals(listOf<Any?>(PauseState.ENDED, null, null), listOf(forgotten.state, forgotten.kept, forgotten.endedAtMs), "B: over after 24 hours, never called kept or not")
            assertEquals(emptyList<String>(), listOfNotNull(k.b.c.todayModel(Z).pause?.id), "B: gone from today's pauses")
            assertEquals(null, k.b.c.todayModel(Z).pause, "B: no banner")
            val screen = k.b.c.pauseScreen(Z) as PauseScreen.Shown
            assertEquals(emptyList<PauseRow>() to listOf("The pause is over"), screen.current to screen.past.map { it.text }, "B: in the past, without a time or blame")
            assertTrue(screen.canStart) { "B may start a pause" }

            val mine = k.a.c.core.pauses().single()
            assertEquals(listOf<Any?>(true, PauseState.TIME_TO_RECONNECT, null), listOf(mine.mine, mine.state, mine.kept), "A: still time to reconnect")
            assertEquals("Time to reconnect", (k.a.c.pauseScreen(Z) as PauseScreen.Shown).banner, "A's banner")
            assertEquals(listOf(PauseAction.EXTEND, PauseAction.END), k.a.c.todayModel(Z).pause?.buttons?.map { it.action }, "A's Today still offers I'm back")
        }
    }

    @Test
    @DisplayName("notifications: quiet by default; every alarm private on the lock screen with the private wording as its public version; a personal ritual's is 'A moment for yourself'")
    fun `notifications - quiet by default, every alarm private on the lock screen with the private wording as its public version, a personal ritual's is 'A moment for yourself'`() {
        alone { s ->
            assertEquals(true, s.c.core.reminderSettings().hideContent, "a new install hides content")
            val stretch = s.c.core.addPersonalRitual(
                RitualDraft(
                    title = "Secret stretch", prompt = null, minutes = 10u, timeOfDay = "07:30", zone = ZoneMode.Floating,
                    recurrence = Recurrence(Repeat.Daily, startDate = "2027-03-01", count = 2u), leadMinutes = listOf(10u, 0u),
                ),
            )
            val scheduler = FakeScheduler()
            val result = ReminderCoordinator(s.c, scheduler) { Z }.replan(ReplanTrigger.APP_START) as ReplanResult.Replanned
            assertEquals(4, result.planned.size, "two days, two reminders each")
            assertTrue(result.planned.all { it.sourceId == stretch.id && it.hideContent }) { "planned: ${result.planned}" }
            assertEquals(List(4) { "Tandem" to "A moment for yourself" }, scheduler.alarms.values.map { it.title to it.body }, "the text shown")
            assertEquals(List(4) { "Tandem" to "A moment for yourself" }, scheduler.alarms.values.map { it.publicTitle to it.publicBody }, "private on the lock screen")
            for (a in scheduler.alarms.values) {
                for (text in listOf(a.title, a.body, a.publicTitle, a.publicBody)) {
                    assertTrue("Secret stretch" !in text && "07:" !in text) { "the notification shows <$text>" }
                }
            }
            assertEquals("Next reminder 07:20 · Tandem", s.c.todayModel(Z).nextReminder, "Today names no ritual either")
        }
    }

    @Test
    @DisplayName("said: Ana and Ben both mark the same shared occurrence done with feelings; both phones see both, first marker first, with the right mine flags, on Today's done row")
    fun `said - Ana and Ben both mark the same shared occurrence done with feelings, both phones see both, first marker first, with the right mine flags, on Today's done row`() {
        pair2 { k ->
            val coffee = k.a.c.core.proposeRitual(draft("Coffee together", null, 15u, "07:10", ZoneMode.Floating))
            k.aToB()
            k.b.c.core.acceptRitual(coffee.id)
            k.bToA()
            assertEquals(RitualStatus.ACTIVE, k.a.c.core.rituals().single().status, "active")
            k.setClocks(START + 30 * MIN)
            k.a.c.core.markDoneIn(coffee.id, "2027-03-01", "Lovely start", "calm", Z)
            k.setClocks(START + 31 * MIN)
            k.b.c.core.markDoneIn(coffee.id, "2027-03-01", null, "grateful", Z)
            k.sync()
            fun said(s: Side) = s.c.core.upcoming(START, START + HOUR_MS, Z).single { it.ritualId == coffee.id }.said
            assertEquals(listOf(Said(true, "Lovely start", "calm"), Said(false, null, "grateful")), said(k.a), "Ana's phone")
            assertEquals(listOf(Said(false, "Lovely start", "calm"), Said(true, null, "grateful")), said(k.b), "Ben's phone")
            val onA = k.a.c.todayModel(Z).earlier.single()
            assertEquals(listOf("You: calm · “Lovely start”", "Ben's phone: grateful"), onA.said, "Ana's Today")
            val onB = k.b.c.todayModel(Z).earlier.single()
            assertEquals(listOf("Ana's phone: calm · “Lovely start”", "You: grateful"), onB.said, "Ben's Today")
            assertEquals("Done", onB.detail, "still one done occurrence")
        }
    }

    @Test
    @DisplayName("app lock: off, never asked; on 60 s, asked at start, not after 30 s away, asked after 61 s; content hidden until the person proves it is them")
    fun `app lock - off, never asked, on 60 s, asked at start, not after 30 s away, asked after 61 s, content hidden until the person proves it is them`() {
        alone { s ->
            assertEquals(AppLock.Off, s.c.core.appLock(), "off on a new install")
            val auth = FakeAuthenticator(answer = true)
            val off = s.lock(auth)
            assertEquals(true, off.locked, "hidden until the start decides")
            off.started()
            assertEquals(0 to false, auth.asked to off.locked, "lock off: not asked, shown")
            off.backgrounded()
            s.clock.advance(2 * HOUR_MS)
            off.foregrounded()
            assertEquals(0 to false, auth.asked to off.locked, "lock off: not asked after two hours away")
            var ran = 0
            off.guard(LockGuard.WIPE, { ran++ }) { }
            assertEquals(0 to 1, auth.asked to ran, "lock off: a guarded action runs without asking")

            s.c.setAppLock(LockSetting.after(60))
            assertEquals(AppLock.On(60u), s.c.core.appLock(), "on, 60 seconds")
            assertEquals(AuditChange.LOCK_ON, s.c.newest(), "the audit notes it")
            val bad = assertFailsWith<TandemException.InvalidInput>("3601 seconds") { s.c.setAppLock(AppLock.On(3601u)) }
            assertTrue(!UserMessages.forError(bad).contains("3601")) { "the message shows the value" }
            assertEquals(AppLock.On(60u), s.c.core.appLock(), "unchanged after the refusal")

            val lock = s.lock(auth)
            val changes = mutableListOf<Boolean>()
            lock.onChange = { changes += it }
            var shown: Boolean? = null
            lock.started { shown = it }
            assertEquals(listOf<Any?>(1, false, true, listOf(false)), listOf(auth.asked, lock.locked, shown, changes), "asked at start, then shown")
            assertEquals("Unlock Tandem", auth.reasons.last(), "the prompt's words, the core's")
            assertEquals(lockWords("de-DE").unlockReason, "Tandem entsperren", "German")
            lock.backgrounded()
            s.clock.advance(30_000)
            lock.foregrounded()
            assertEquals(1 to false, auth.asked to lock.locked, "not asked after 30 s away")
            lock.backgrounded()
            s.clock.advance(61_000)
            lock.foregrounded()
            assertEquals(2 to false, auth.asked to lock.locked, "asked after 61 s away")

            auth.answer = false
            lock.backgrounded()
            s.clock.advance(61_000)
            lock.foregrounded { shown = it }
            assertEquals(listOf<Any?>(3, true, false), listOf(auth.asked, lock.locked, shown), "refused: content stays hidden")
            lock.foregrounded()
            assertEquals(3 to true, auth.asked to lock.locked, "coming back without having left asks nothing")
            auth.answer = true
            lock.unlock { shown = it }
            assertEquals(listOf<Any?>(4, false, true), listOf(auth.asked, lock.locked, shown), "the unlock button asks again")
            assertEquals(listOf(false, true, false, true, false), changes, "every change of locked was told (hidden while each prompt shows)")

            // While the prompt shows (the device-credential screen is another activity), leaving and coming back changes nothing.
            auth.later = true
            lock.backgrounded()
            s.clock.advance(61_000)
            lock.foregrounded()
            assertEquals(5 to true, auth.asked to lock.locked, "asked once")
            lock.backgrounded()
            s.clock.advance(10 * MIN)
            lock.foregrounded()
            assertEquals(5, auth.asked, "no second prompt over the first")
            auth.finish(true)
            assertEquals(false, lock.locked, "unlocked by the answer")
            lock.backgrounded()
            s.clock.advance(30_000)
            lock.foregrounded()
            assertEquals(5 to false, auth.asked to lock.locked, "the time away counts from after the prompt")

            s.c.setAppLock(LockSetting.OFF)
            assertEquals(AuditChange.LOCK_OFF, s.c.newest(), "the audit notes it")
            s.c.close()
            val closed = s.lock(FakeAuthenticator(answer = false))
            closed.started()
            assertEquals(true, closed.locked, "a core that cannot answer keeps the content hidden")
        }
    }

    @Test
    @DisplayName("app lock: export with the lock on asks first; a refusing authenticator exports nothing and adds no audit entry; an accepting one exports and the audit's newest entry is the export")
    fun `app lock - export with the lock on asks first, a refusing authenticator exports nothing and adds no audit entry, an accepting one exports and the audit's newest entry is the export`() {
        alone { s ->
            s.c.core.addPersonalRitual(draft("Stretch", null, 10u, "07:30", ZoneMode.Floating))
            s.c.setAppLock(AppLock.On(300u))
            val refusing = FakeAuthenticator(answer = false)
            val audit = s.c.core.sharingAudit()
            var outcome: GuardOutcome<ByteArray>? = null
            s.lock(refusing).guard(LockGuard.EXPORT, { s.c.core.exportData(PASSPHRASE) }) { outcome = it }
            assertEquals(GuardOutcome.Refused, outcome, "refused")
            assertEquals(listOf("Confirm it's you to export your Tandem data"), refusing.reasons, "asked once, saying why in the core's words")
            assertEquals(audit, s.c.core.sharingAudit(), "no audit entry")
            var plain: GuardOutcome<ByteArray>? = null
            s.lock(refusing).guard(LockGuard.PLAINTEXT_EXPORT, { s.c.core.exportPlaintext() }) { plain = it }
            assertEquals(GuardOutcome.Refused to audit, plain to s.c.core.sharingAudit(), "no plaintext export either")
            var wiped: GuardOutcome<Unit>? = null
            s.lock(refusing).guard(LockGuard.WIPE, { s.c.wipe() }) { wiped = it }
            assertEquals(GuardOutcome.Refused, wiped, "no wipe")
            assertEquals(listOf("Stretch"), s.c.core.rituals().map { it.title }, "everything still here")

            val accepting = FakeAuthenticator(answer = true)
            val lock = s.lock(accepting)
            lock.started()
            assertEquals(1, accepting.asked, "asked at start")
            // Within the grace time: the export asks again all the same.
            lock.guard(LockGuard.EXPORT, { s.c.core.exportData(PASSPHRASE) }) { outcome = it }
            assertEquals(2, accepting.asked, "asked again for the export")
            assertTrue(outcome!!.value().isNotEmpty()) { "an empty export" }
            assertEquals(AuditChange.EXPORTED, s.c.newest(), "the audit's newest entry is the export")
            lock.guard(LockGuard.PLAINTEXT_EXPORT, { s.c.core.exportPlaintext() }) { plain = it }
            assertTrue(String(plain!!.value(), Charsets.UTF_8).contains("Stretch")) { "the plaintext export" }
            assertEquals(AuditChange.EXPORTED_PLAINTEXT, s.c.newest(), "then the plaintext export")
            assertEquals(3, accepting.asked, "asked for each")
            val lines = (s.c.visibilityScreen(Z) as Rendered.Shown).audit.take(2).map { it.change to it.text }
            assertEquals(
                listOf(
                    AuditChange.EXPORTED_PLAINTEXT to "You exported everything unsealed (plain text)",
                    AuditChange.EXPORTED to "You exported everything, sealed with a passphrase",
                ),
                lines,
                "the audit lines, in the core's words",
            )
        }
    }

    @Test
    @DisplayName("clean exit: refused while paired; after Ana unpairs (through the lock), stopShared retires the shared ritual and its reminders, deletePartnerData leaves none of Ben's words in Ana's plaintext export and keeps hers")
    fun `clean exit - refused while paired, after Ana unpairs (through the lock), stopShared retires the shared ritual and its reminders, deletePartnerData leaves none of Ben's words in Ana's plaintext export and keeps hers`() {
        pair2 { k ->
            val (a, b) = k.a to k.b
            val walk = a.c.core.proposeRitual(
                RitualDraft(
                    title = "Evening walk", prompt = null, minutes = 30u, timeOfDay = "20:30", zone = ZoneMode.Floating,
                    recurrence = Recurrence(Repeat.Daily, startDate = "2027-03-01"),
                ),
            )
            k.aToB()
            b.c.core.acceptRitual(walk.id)
            b.c.core.appreciate("Thank you for the soup, Ana")
            b.c.core.addBoundary("Ben needs quiet after night shifts", shared = true)
            k.bToA()
            assertEquals(RitualStatus.ACTIVE, a.c.core.rituals().single().status, "shared and accepted")
            a.c.checkIn(4, Capacity.SOME, Need.SPACE, "Ana's own tired evening", shared = false)
            a.c.core.logPattern(PatternDraft(Happened.WENT_SILENT, note = "Ana's private pattern note"))
            val before = String(a.c.core.exportPlaintext(), Charsets.UTF_8)
            assertTrue("Thank you for the soup" in before && "Ben needs quiet" in before) { "Ben's words never reached Ana" }
            assertTrue(a.c.core.planReminders(Z, 60u).any { it.sourceId == walk.id }) { "the walk has reminders" }

            for (action in CleanExitStep.values()) {
                val e = assertFailsWith<TandemException.NotAllowedNow>("$action while paired") { a.c.cleanExit(action) }
                assertEquals(UserMessages.NOT_ALLOWED_NOW, UserMessages.forError(e), "$action: its message")
            }
            assertFailsWith<TandemException.NotAllowedNow>("stopShared while paired") { a.c.core.stopShared() }
            assertFailsWith<TandemException.NotAllowedNow>("deletePartnerData while paired") { a.c.core.deletePartnerData() }
            assertEquals(null, a.c.settingsScreen().cleanExit, "nothing offered while paired")

            a.c.setAppLock(AppLock.On(0u))
            val auth = FakeAuthenticator(answer = false)
            val lock = a.lock(auth)
            var unpaired: GuardOutcome<PairingScreen>? = null
            lock.guard(LockGuard.UNPAIR, { k.flowA.press(PairingAction.UNPAIR, BERLIN) }) { unpaired = it }
            assertEquals(GuardOutcome.Refused, unpaired, "a refused authentication unpairs nothing")
            assertTrue(a.c.core.pairingStatus() is app.tandem.ffi.PairingStatus.Paired) { "unpaired anyway" }
            auth.answer = true
            lock.guard(LockGuard.UNPAIR, { k.flowA.press(PairingAction.UNPAIR, BERLIN) }) { unpaired = it }
            assertEquals(PairingStage.START, shown(unpaired!!.value()).stage, "unpaired: the screen is back at the start")
            assertEquals(AuditChange.UNPAIRED, a.c.newest(), "the audit notes it")
            val exit = a.c.settingsScreen().cleanExit ?: fail("the clean exit after unpairing")
            assertEquals(listOf(CleanExitStep.STOP_SHARED, CleanExitStep.DELETE_PARTNER_DATA), exit.offers.map { it.step }, "both offered after unpairing")
            assertEquals("You unpaired this phone", exit.heading, "its heading")
            assertEquals("Stop our shared rituals and agreements on this phone", exit.offers[0].label, "its first button")
            assertEquals(null, b.c.settingsScreen().cleanExit, "Ben's phone offers nothing: it is not told")

            auth.answer = false
            var stopped: GuardOutcome<CleanExitDone>? = null
            lock.guard(LockGuard.CLEAN_EXIT, { a.c.cleanExit(CleanExitStep.STOP_SHARED) }) { stopped = it }
            assertEquals(GuardOutcome.Refused to RitualStatus.ACTIVE, stopped to a.c.core.rituals().single().status, "refused: nothing stopped")
            auth.answer = true
            lock.guard(LockGuard.CLEAN_EXIT, { a.c.cleanExit(CleanExitStep.STOP_SHARED) }) { stopped = it }
            val done = stopped!!.value()
            assertTrue(done.count >= 1u) { "stopped ${stopped}" }
            assertEquals(if (done.count == 1u) "Stopped 1 shared thing on this phone." else "Stopped ${done.count} shared things on this phone.", done.text, "the core's words for it")
            assertEquals(RitualStatus.RETIRED, a.c.core.rituals().single { it.id == walk.id }.status, "the shared ritual is retired on Ana's phone")
            assertTrue(a.c.core.planReminders(Z, 60u).none { it.sourceId == walk.id }) { "planReminders still plans the walk" }
            val today = a.c.todayModel(Z)
            assertTrue((today.due + today.coming + today.earlier).none { it.ritualId == walk.id }) { "today still shows the walk: $today" }
            val then = a.c.settingsScreen().cleanExit
            assertEquals(listOf(CleanExitStep.DELETE_PARTNER_DATA), then?.offers?.map { it.step }, "then only the deletion is offered")
            assertEquals(listOf("The shared rituals and agreements are stopped on this phone."), then?.done, "and the stop shows as done")

            var deleted: GuardOutcome<CleanExitDone>? = null
            lock.guard(LockGuard.CLEAN_EXIT, { a.c.cleanExit(CleanExitStep.DELETE_PARTNER_DATA) }) { deleted = it }
            assertTrue(deleted!!.value().count >= 2u) { "deleted $deleted" }
            assertEquals(listOf(AuditChange.DELETED_PARTNER_DATA, AuditChange.STOPPED_SHARED, AuditChange.UNPAIRED), a.c.core.sharingAudit().take(3).map { it.change }, "the audit, newest first")
            assertEquals(0, a.c.settingsScreen().cleanExit?.offers?.size, "nothing left to offer")
            assertEquals(2, a.c.settingsScreen().cleanExit?.done?.size, "both done")
            val after = String(a.c.core.exportPlaintext(), Charsets.UTF_8)
            for (words in listOf("Thank you for the soup", "Ben needs quiet after night shifts")) {
                assertTrue(words !in after) { "Ana's plaintext export still holds <$words>" }
            }
            assertTrue("Ana's own tired evening" in after && "Ana's private pattern note" in after) { "Ana's own words went too" }
            val left = a.c.core.entries(0, Long.MAX_VALUE)
            assertTrue(left.size == 1 && left.single().mine && "Ana's own tired evening" in left.single().toString()) { "Ana's entries: $left" }
            assertEquals(listOf("Ana's private pattern note"), a.c.core.patternLog(0, Long.MAX_VALUE).mapNotNull { it.note }, "Ana's pattern log remains")
            assertTrue(a.c.core.boundaries().none { !it.mine }) { "Ben's boundary is still on Ana's phone" }
            assertEquals(5, auth.asked, "asked for every guarded step, refused ones included")

            // Ben's phone keeps its own copy; nothing was sent to it.
            assertTrue(b.c.core.entries(0, Long.MAX_VALUE).any { "Thank you for the soup, Ana" in it.toString() }) { "Ben lost his appreciation" }
            assertEquals(RitualStatus.ACTIVE, b.c.core.rituals().single().status, "Ben's ritual untouched")
        }
    }
}
