package app.tandem.shell

import app.tandem.ffi.ReminderChannel
import app.tandem.ffi.Choice
import app.tandem.ffi.PauseProtocol
import app.tandem.ffi.PauseState
import app.tandem.ffi.ReminderKind
import app.tandem.ffi.TandemException
import kotlin.test.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test

/**
 * Pauses: the partner's view after a sync, return reminders, extend and end,
 * TIME_TO_RECONNECT, and a pause agreement's cool-down.
 */
class PauseTests : StoreTestBase() {
    @Test
    @DisplayName("pauses: seen by the partner after a sync with the same return and note; PAUSE_RETURN reminders on both; only the starter extends (once) or ends; kept when ended in time, seen only by the starter")
    fun `pauses - seen by the partner after a sync with the same return and note, PAUSE_RETURN reminders on both, only the starter extends (once) or ends, kept when ended in time, seen only by the starter`() {
        couple { k ->
            val (a, b) = k.a to k.b
            val rig = ReminderRig(k)
            val start = ms("2027-03-02T01:50:00Z") // 20:50 in New York
            val back = start + 20 * MINUTE // 21:10
            k.setClocks(start)
            val note = "Going for a walk. I love you."
            val p = a.c.core.startPause(20u, "  $note ")
            assertEquals(
                listOf<Any?>(true, start, back, back, false, null, note, PauseState.RUNNING, null),
                listOf(p.mine, p.startedAtMs, p.firstReturnAtMs, p.returnAtMs, p.extended, p.endedAtMs, p.note, p.state, p.kept),
                "A: a running pause, back at 21:10",
            )
            assertEquals(listOf(p), a.c.core.pauses(), "A's pauses")
            val armed = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            val onA = armed.planned.single { it.kind == ReminderKind.PAUSE_RETURN }
            assertEquals(
                listOf<Any>(p.id, back, "2027-03-01 21:10", "Time to reconnect", "You said you'd be back at 21:10", ReminderChannel.PAUSES),
                listOf(onA.sourceId, onA.fireAtMs, onA.localTime, onA.title, onA.body, rig.scheduler.alarms.getValue(onA.id).channel),
                "A: the return reminder",
            )
            assertEquals(onA.privateTitle to onA.privateBody, rig.scheduler.armed.getValue(onA.id).let { it.title to it.body }, "A: armed with the private text (content hidden by default)")
            assertTrue("21:10" !in onA.privateTitle + onA.privateBody) { "the private text names the return" }
            a.pauseScreen().let { s ->
                assertEquals(listOf(listOf<Any?>("You are taking a pause, back at 21:10", "21:10", note, listOf(PauseAction.EXTEND, PauseAction.END))), s.current.map { listOf(it.text, it.returnAt, it.note, it.actions) }, "A: the banner row")
                assertEquals("You are taking a pause, back at 21:10" to false, s.banner to s.canStart, "A: banner; no second pause")
            }
            refusedHere<TandemException.NotAllowedNow>(a, "a second pause while one runs", "still running") { a.c.core.startPause(30u, null) }
            for (m in listOf(19u, 1441u, UInt.MAX_VALUE, 0u)) {
                val e = refusedHere<TandemException.InvalidInput>(b, "a pause of $m minutes", "a pause lasts") { b.c.core.startPause(m, null) }
                assertEquals(UserMessages.PAUSE_INPUT, UserMessages.forPauseAction(e), "$m minutes: its message")
            }

            k.sync()
            val seen = b.c.core.pauses().single()
            assertEquals(
                listOf<Any?>(p.id, false, start, back, note, PauseState.RUNNING, null, null),
                listOf(seen.id, seen.mine, seen.startedAtMs, seen.returnAtMs, seen.note, seen.state, seen.endedAtMs, seen.kept),
                "B: the partner's pause, same return and note",
            )
            val onB = b.c.core.planReminders(NY, 60u).filter { it.kind == ReminderKind.PAUSE_RETURN }
            assertEquals(
                listOf(listOf<Any>(p.id, back, "Your partner is coming back", "Back at 21:10")),
                onB.map { listOf(it.sourceId, it.fireAtMs, it.title, it.body) },
                "B: the return reminder",
            )
            b.pauseScreen().let { s ->
                assertEquals(listOf(listOf<Any?>("Your partner needs a pause, back at 21:10", note, emptyList<PauseAction>())), s.current.map { listOf(it.text, it.note, it.actions) }, "B: the banner row, no buttons")
                assertEquals(true, s.canStart, "B may take a pause of its own")
            }
            val notB = refusedHere<TandemException.NotAllowedNow>(b, "B ends A's pause", "partner's pause") { b.c.core.endPause(p.id) }
            assertEquals(UserMessages.PAUSE_NOT_NOW, UserMessages.forPauseAction(notB), "its message")
            refusedHere<TandemException.NotAllowedNow>(b, "B extends A's pause", "partner's pause") { b.c.core.extendPause(p.id, 10u) }
            refusedHere<TandemException.NotFound>(a, "an unknown pause", "no pause") { a.c.core.endPause(UNKNOWN_ID) }

            k.setClocks(start + 15 * MINUTE)
            val longer = a.c.core.extendPause(p.id, 10u)
            assertEquals(listOf<Any?>(back, back + 10 * MINUTE, true, PauseState.RUNNING), listOf(longer.firstReturnAtMs, longer.returnAtMs, longer.extended, longer.state), "A: extended once, to 21:20")
            refusedHere<TandemException.NotAllowedNow>(a, "a second extension", "extended once") { a.c.core.extendPause(p.id, 5u) }
            val moved = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE).planned.single { it.kind == ReminderKind.PAUSE_RETURN }
            assertEquals(back + 10 * MINUTE to "You said you'd be back at 21:20", moved.fireAtMs to moved.body, "A: the reminder follows the new return")
            assertEquals(listOf(PauseAction.END), a.pauseScreen().current.single().actions, "A: only END after the extension")
            k.sync()
            assertEquals(back + 10 * MINUTE to "Back at 21:20", b.c.core.planReminders(NY, 60u).single { it.kind == ReminderKind.PAUSE_RETURN }.let { it.fireAtMs to it.body }, "B: the new return")
            assertEquals("Your partner needs a pause, back at 21:20", b.pauseScreen().banner, "B: the banner")

            val endAt = start + 25 * MINUTE // 21:15
            k.setClocks(endAt)
            val ended = a.c.core.endPause(p.id)
            assertEquals(listOf<Any?>(PauseState.ENDED, endAt, true), listOf(ended.state, ended.endedAtMs, ended.kept), "A: ended by its return")
            val after = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            assertTrue(after.planned.none { it.kind == ReminderKind.PAUSE_RETURN }) { "A still plans the return" }
            assertEquals(listOf(moved.id), after.cancelled.filter { it == moved.id }, "A: the return reminder cancelled")
            refusedHere<TandemException.NotAllowedNow>(a, "end it twice", "already ended") { a.c.core.endPause(p.id) }
            k.sync()
            val endedOnB = b.c.core.pauses().single()
            assertEquals(listOf<Any?>(PauseState.ENDED, null, endAt, false), listOf(endedOnB.state, endedOnB.kept, endedOnB.endedAtMs, endedOnB.mine), "B: ended; whether it was kept is only A's to see")
            assertTrue(b.c.core.planReminders(NY, 60u).none { it.kind == ReminderKind.PAUSE_RETURN }) { "B still plans the return" }
            b.pauseScreen().let { s ->
                assertEquals(null to emptyList<PauseRow>(), s.banner to s.current, "B: no banner")
                assertEquals(listOf("The pause ended at 21:15"), s.past.map { it.text }, "B: in the past section")
            }
        }
    }

    @Test
    @DisplayName("pauses: past its return and not ended, the starter sees TIME_TO_RECONNECT and the partner still RUNNING; ended later, kept false on A only, told without blame")
    fun `pauses - past its return and not ended, the starter sees TIME_TO_RECONNECT and the partner still RUNNING, ended later, kept false on A only, told without blame`() {
        couple { k ->
            val (a, b) = k.a to k.b
            val start = ms("2027-03-02T02:30:00Z") // 21:30 in New York
            k.setClocks(start)
            val p = a.c.core.startPause(null, null)
            assertEquals(start + 20 * MINUTE, p.returnAtMs, "no pause agreement: 20 minutes")
            k.sync()
            k.setClocks(start + 30 * MINUTE) // 22:00, ten minutes past the return
            assertEquals(PauseState.TIME_TO_RECONNECT, a.c.core.pauses().single().state, "A: time to reconnect")
            assertEquals(PauseState.RUNNING, b.c.core.pauses().single().state, "B: still running")
            assertEquals("Time to reconnect" to listOf(PauseAction.EXTEND, PauseAction.END), a.pauseScreen().current.single().let { it.text to it.actions }, "A's banner")
            assertEquals("Your partner needs a pause, back at 21:50", b.pauseScreen().banner, "B's banner keeps the promised time")
            assertTrue(a.c.core.planReminders(NY, 60u).none { it.kind == ReminderKind.PAUSE_RETURN }) { "a return reminder in the past" }
            val ended = a.c.core.endPause(p.id)
            assertEquals(PauseState.ENDED to false, ended.state to ended.kept, "ended after its return: not kept")
            k.sync()
            assertEquals(PauseState.ENDED to null, b.c.core.pauses().single().let { it.state to it.kept }, "B: ended, and not told whether it was kept")
            val texts = listOf(a.pauseScreen(), b.pauseScreen()).flatMap { it.past + it.current }.map { it.text }
            assertEquals(listOf("The pause ended at 22:00", "The pause ended at 22:00"), texts, "both: when it ended, nothing more")
            noBlame(texts, "ended pause")
        }
    }

    @Test
    @DisplayName("pauses: a pause agreement's cool-down is the default length once in effect, on both phones")
    fun `pauses - a pause agreement's cool-down is the default length once in effect, on both phones`() {
        couple { k ->
            val (a, b) = k.a to k.b
            val proposed = a.c.core.proposeAgreement(ag("When we argue", "Either of us may call a pause; we come back after it.", coolDown = 45, revisit = "  On the sofa "))
            assertEquals(PauseProtocol(45u, true, "On the sofa"), proposed.pending.single().pauseProtocol, "the protocol as written")
            val before = a.c.core.startPause(null, null)
            assertEquals(20 * MINUTE, before.returnAtMs - before.startedAtMs, "not in effect yet: 20 minutes")
            a.c.core.endPause(before.id)
            k.sync()
            b.c.core.acceptAgreement(proposed.id, b.agreement(proposed.id).pending.single().hash)
            val onB = b.c.core.startPause(null, null)
            assertEquals(45 * MINUTE, onB.returnAtMs - onB.startedAtMs, "B: 45 minutes, from the agreement in effect")
            k.sync()
            val onA = a.c.core.startPause(null, "Back soon")
            assertEquals(45 * MINUTE to "Back soon", (onA.returnAtMs - onA.startedAtMs) to onA.note, "A: 45 minutes too")
            a.c.core.endPause(onA.id)
            assertEquals(30 * MINUTE, a.c.core.startPause(30u, null).let { it.returnAtMs - it.startedAtMs }, "a length given still wins")
        }
    }

    @Test
    @DisplayName("offers: the pause lengths, the extension and \"later\" come from the core, the same on both phones; the buttons carry them")
    fun `offers - the pause lengths, the extension and later come from the core, the same on both phones, the buttons carry them`() {
        couple { k ->
            val (a, b) = k.a to k.b
            val shown = a.c.pauseScreen(NY) as PauseScreen.Shown
            assertEquals(listOf(Choice(20u, "20 min"), Choice(30u, "30 min"), Choice(60u, "1 hour")), shown.lengths, "A's lengths")
            assertEquals(shown.lengths, (b.c.pauseScreen(NY) as PauseScreen.Shown).lengths, "B offers the same")
            assertEquals(Choice(15u, "In 15 min"), a.c.todayModel(NY).snooze, "later")
            val p = a.c.core.startPause(shown.lengths[1].minutes, null)
            val row = (a.c.pauseScreen(NY) as PauseScreen.Shown).current.single()
            assertEquals(Choice(15u, "15 more minutes"), row.extend, "A's own pause offers the extension")
            assertEquals(listOf("A little more time", "I'm back"), row.buttons.map { it.label }, "the core's button labels")
            val longer = a.c.core.extendPause(p.id, row.extend!!.minutes)
            assertEquals(15 * MINUTE, longer.returnAtMs - p.returnAtMs, "extended by what was offered")
            assertEquals(null, (a.c.pauseScreen(NY) as PauseScreen.Shown).current.single().extend, "once only")
            k.sync()
            assertEquals(null, (b.c.pauseScreen(NY) as PauseScreen.Shown).current.single().extend, "never on the partner's pause")
        }
    }
}
