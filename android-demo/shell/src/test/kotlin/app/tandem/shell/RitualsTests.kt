package app.tandem.shell

import app.tandem.ffi.RitualButton
import app.tandem.ffi.RitualRowModel
import app.tandem.ffi.RitualsScreenModel
import app.tandem.ffi.RitualActionKind
import app.tandem.ffi.Occurrence
import app.tandem.ffi.PendingChange
import app.tandem.ffi.Recurrence
import app.tandem.ffi.Repeat
import app.tandem.ffi.Ritual
import app.tandem.ffi.RitualStatus
import app.tandem.ffi.TandemException
import app.tandem.ffi.ZoneMode
import app.tandem.ffi.payloadFromText
import app.tandem.ffi.payloadToText
import java.io.File
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test

/** The one row of ritual [id] on [p]'s Rituals screen, checked field by field. */
private fun checkRow(
    p: Phone,
    who: String,
    id: String,
    status: String,
    actions: List<RitualAction>,
    time: String,
    suggested: String? = null,
    ended: Boolean = false,
): RitualRowModel {
    val screen = p.screen()
    val live = screen.rows.filter { it.id == id }
    val past = screen.ended.filter { it.id == id }
    assertEquals(if (ended) 0 to 1 else 1 to 0, live.size to past.size, "$who: rows for $id (live to ended)")
    val row = (live + past).single()
    assertEquals(status, row.status, "$who: status text")
    assertEquals(actions, row.actions, "$who: buttons")
    assertEquals(time, row.time, "$who: time")
    assertEquals(suggested != null, row.suggestion != null, "$who: a suggestion shows: ${row.suggestion}")
    suggested?.let { t -> assertTrue(row.suggestion.orEmpty().contains(t)) { "$who: <${row.suggestion}> names $t" } }
    return row
}

private val NO_BUTTONS = emptyList<RitualAction>()

private val PAUSED_BUTTONS = listOf(RitualAction.COUNTER, RitualAction.RESUME, RitualAction.RETIRE)

private val CHANGE_BUTTONS_PAUSED = ANSWER_BUTTONS + listOf(RitualAction.RESUME, RitualAction.RETIRE)

/**
 * Rituals: proposing, upcoming dates across time zones and DST, refused
 * drafts, and the consent lifecycle (accept, decline, counter, amend, pause,
 * resume, retire) through two paired controllers, with the Rituals screen of
 * both phones.
 */
class RitualsTests : StoreTestBase() {
    @Test
    @DisplayName("proposeRitual: fields, proposer, proposedAtMs from the manual clock")
    fun `proposeRitual - fields, proposer, proposedAtMs from the manual clock`() {
        val db = newDb()
        db.tandem.closing { t ->
            val me = t.device().deviceId
            val walk = t.proposeRitual(draft(title = "  Evening walk ", prompt = "  ", minutes = 30u, time = "9:05"))
            assertTrue(walk.id.isNotBlank()) { "ritual id is blank" }
            assertEquals("Evening walk", walk.title, "title (trimmed)")
            assertEquals(null, walk.prompt, "blank prompt becomes none")
            assertEquals(30u, walk.minutes, "minutes")
            assertEquals("09:05", walk.timeOfDay, "time of day (normalised)")
            assertEquals(ZoneMode.Floating, walk.zone, "zone")
            assertEquals(me, walk.proposedBy, "proposedBy")
            assertEquals(T0, walk.proposedAtMs, "proposedAtMs")
            assertEquals(RitualStatus.PROPOSED, walk.status, "status")

            db.clock.advance(90_000)
            val call = t.proposeRitual(draft(title = "Sunday call", prompt = "How was the week?", minutes = 1440u, time = "23:59", zone = ZoneMode.Fixed(" $BERLIN ")))
            assertEquals(T0 + 90_000, call.proposedAtMs, "proposedAtMs after advance")
            assertEquals(ZoneMode.Fixed(BERLIN), call.zone, "fixed zone (trimmed)")
            assertEquals("How was the week?", call.prompt, "prompt")
            assertEquals(1440u, call.minutes, "minutes at the limit")
            assertTrue(call.id != walk.id) { "two rituals share an id" }

            db.clock.set(ms("2027-04-01T00:00:00Z"))
            val tea = t.proposeRitual(draft(title = "T".repeat(80), minutes = 1u, time = "00:00"))
            assertEquals(ms("2027-04-01T00:00:00Z"), tea.proposedAtMs, "proposedAtMs after set")

            assertEquals(listOf(walk, call, tea), t.rituals(), "rituals() in proposal order")
        }
        reopen(db).closing { t ->
            assertEquals(3, t.rituals().size, "rituals after reopen")
            assertEquals(listOf("Evening walk", "Sunday call", "T".repeat(80)), t.rituals().map { it.title }, "titles after reopen")
        }
    }

    @Test
    @DisplayName("upcoming: 02:30 in the New York spring gap moves to 03:30 EDT")
    fun `upcoming - 02-30 in the New York spring gap moves to 03-30 EDT`() {
        val db = newDb()
        db.tandem.closing { t ->
            val r = t.proposeRitual(draft(title = "Night feed", minutes = 20u, time = "02:30"))
            val occ = t.upcoming(ms("2027-03-13T12:00:00Z"), ms("2027-03-15T12:00:00Z"), NY)
            assertEquals(2, occ.size, "occurrences in two days")
            val gap = occ[0]
            assertEquals(r.id, gap.ritualId, "ritualId")
            assertEquals("Night feed", gap.title, "title")
            assertEquals(ms("2027-03-14T07:30:00Z"), gap.startMs, "startMs in the gap")
            assertEquals(gap.startMs + 20 * MINUTE, gap.endMs, "endMs")
            assertEquals("2027-03-14T03:30:00-04:00", gap.start, "start (RFC 3339)")
            assertEquals("2027-03-14 03:30", gap.localStart, "localStart")
            assertEquals(NY, gap.zone, "zone")
            assertEquals(-240, gap.utcOffsetMinutes, "utcOffsetMinutes")
            assertEquals("2027-03-14 03:30", gap.deviceLocalStart, "deviceLocalStart (floating: the device's zone)")
            assertEquals(-240, gap.deviceUtcOffsetMinutes, "deviceUtcOffsetMinutes")
            // The next day is a normal 02:30 EDT.
            assertEquals(ms("2027-03-15T06:30:00Z"), occ[1].startMs, "startMs the day after")
            assertEquals("2027-03-15 02:30", occ[1].localStart, "localStart the day after")
            // And the day before, 02:30 EST.
            val before = t.upcoming(ms("2027-03-13T00:00:00Z"), ms("2027-03-13T12:00:00Z"), NY)
            assertEquals(listOf(ms("2027-03-13T07:30:00Z")), before.map { it.startMs }, "startMs the day before")
            assertEquals(-300, before[0].utcOffsetMinutes, "EST offset")
            assertEquals(-300, before[0].deviceUtcOffsetMinutes, "EST device offset")
        }
    }

    @Test
    @DisplayName("upcoming: 01:30 on the New York fall-back day is its first instance")
    fun `upcoming - 01-30 on the New York fall-back day is its first instance`() {
        val db = newDb()
        db.tandem.closing { t ->
            t.proposeRitual(draft(title = "Late tea", minutes = 15u, time = "01:30"))
            val occ = t.upcoming(ms("2027-11-07T00:00:00Z"), ms("2027-11-08T00:00:00Z"), NY)
            assertEquals(1, occ.size, "one occurrence on the repeated day")
            assertEquals(ms("2027-11-07T05:30:00Z"), occ[0].startMs, "startMs (first 01:30, EDT)")
            assertEquals("2027-11-07T01:30:00-04:00", occ[0].start, "start")
            assertEquals(-240, occ[0].utcOffsetMinutes, "offset")
            assertEquals("2027-11-07 01:30", occ[0].deviceLocalStart, "deviceLocalStart")
            // The next day, 01:30 EST.
            val next = t.upcoming(ms("2027-11-08T00:00:00Z"), ms("2027-11-09T00:00:00Z"), NY)
            assertEquals(ms("2027-11-08T06:30:00Z"), next.single().startMs, "startMs the day after")
            assertEquals(-300, next.single().utcOffsetMinutes, "EST offset the day after")
        }
    }

    @Test
    @DisplayName("upcoming: floating follows the device zone, fixed stays in its zone")
    fun `upcoming - floating follows the device zone, fixed stays in its zone`() {
        val db = newDb()
        db.tandem.closing { t ->
            val floating = t.proposeRitual(draft(title = "Floating", time = "20:00"))
            val fixed = t.proposeRitual(draft(title = "Fixed", time = "20:00", zone = ZoneMode.Fixed(BERLIN)))
            // From 01:00Z: the previous evening's 20:00 New York (00:00Z) is out.
            val from = ms("2027-06-01T01:00:00Z")
            val to = ms("2027-06-02T04:00:00Z")

            val inNy = t.upcoming(from, to, NY)
            assertEquals(listOf(fixed.id, floating.id), inNy.map { it.ritualId }, "order in New York (soonest first)")
            assertEquals(ms("2027-06-01T18:00:00Z"), inNy[0].startMs, "fixed 20:00 Berlin")
            assertEquals(BERLIN, inNy[0].zone, "fixed ritual's zone")
            assertEquals("2027-06-01 20:00", inNy[0].localStart, "fixed localStart")
            assertEquals(120, inNy[0].utcOffsetMinutes, "CEST offset")
            assertEquals("2027-06-01 14:00", inNy[0].deviceLocalStart, "fixed ritual on a New York clock")
            assertEquals(-240, inNy[0].deviceUtcOffsetMinutes, "New York offset for the fixed ritual")
            assertEquals(ms("2027-06-02T00:00:00Z"), inNy[1].startMs, "floating 20:00 New York")
            assertEquals(NY, inNy[1].zone, "floating ritual's zone on a New York device")
            assertEquals("2027-06-01 20:00", inNy[1].localStart, "floating localStart")
            assertEquals("2027-06-01 20:00", inNy[1].deviceLocalStart, "floating deviceLocalStart")
            assertEquals(-240, inNy[1].utcOffsetMinutes, "floating offset")
            assertEquals(-240, inNy[1].deviceUtcOffsetMinutes, "floating device offset")
            assertEquals(6 * HOUR, inNy[1].startMs - inNy[0].startMs, "fixed vs floating difference")

            val inBerlin = t.upcoming(from, to, BERLIN)
            assertEquals(listOf(ms("2027-06-01T18:00:00Z"), ms("2027-06-01T18:00:00Z")), inBerlin.map { it.startMs }, "both at 18:00Z in Berlin")
            // Equal starts are ordered by ritual id.
            assertEquals(listOf(fixed.id, floating.id).sorted(), inBerlin.map { it.ritualId }, "ties ordered by id")
            assertEquals(listOf(BERLIN, BERLIN), inBerlin.map { it.zone }, "zones in Berlin")
            assertEquals(listOf("2027-06-01 20:00", "2027-06-01 20:00"), inBerlin.map { it.deviceLocalStart }, "device wall times in Berlin")
            assertEquals(listOf(120, 120), inBerlin.map { it.deviceUtcOffsetMinutes }, "device offsets in Berlin")
        }
    }

    @Test
    @DisplayName("upcoming: range rules, daily count, empty database")
    fun `upcoming - range rules, daily count, empty database`() {
        // Proposed before the range: a ritual repeats from the day before its proposal.
        val db = newDb(now = ms("2026-12-01T12:00:00Z"))
        db.tandem.closing { t ->
            val from = ms("2027-01-01T00:00:00Z")
            assertEquals(emptyList(), t.upcoming(from, from + DAY, NY), "no rituals, no occurrences")
            t.proposeRitual(draft(minutes = 45u, time = "07:15"))
            val week = t.upcoming(from, from + 7 * DAY, NY)
            assertEquals(7, week.size, "one a day for a week")
            assertTrue(week.zipWithNext().all { (a, b) -> a.startMs < b.startMs }) { "not soonest first" }
            assertTrue(week.all { it.endMs - it.startMs == 45 * MINUTE }) { "an occurrence is not 45 minutes" }
            assertEquals(366, t.upcoming(from, from + 366 * DAY, NY).size, "366 days is allowed")
            val start = ms("2027-01-02T12:15:00Z") // 07:15 EST exactly: [from, to) includes it
            assertEquals(listOf(start), t.upcoming(start, start + 1, NY).map { it.startMs }, "range start is inclusive")
            assertEquals(emptyList(), t.upcoming(start - 1, start, NY).map { it.startMs }, "range end is exclusive")
            assertFailsWith<TandemException.InvalidInput>("empty range") { t.upcoming(from, from, NY) }
            assertFailsWith<TandemException.InvalidInput>("reversed range") { t.upcoming(from, from - 1, NY) }
            assertFailsWith<TandemException.InvalidInput>("range over 366 days") { t.upcoming(from, from + 366 * DAY + 1, NY) }
            assertFailsWith<TandemException.InvalidInput>("unknown device zone") { t.upcoming(from, from + DAY, "Mars/Olympus") }
            assertFailsWith<TandemException.InvalidInput>("empty device zone") { t.upcoming(from, from + DAY, "") }
        }
    }

    @Test
    @DisplayName("InvalidInput: each refused draft, nothing written, reason never echoes the title")
    fun `InvalidInput - each refused draft, nothing written, reason never echoes the title`() {
        val db = newDb()
        db.tandem.closing { t ->
            val bad = mapOf(
                "unknown zone" to draft(zone = ZoneMode.Fixed("Mars/Olympus")),
                "empty zone" to draft(zone = ZoneMode.Fixed("")),
                "empty title" to draft(title = ""),
                "blank title" to draft(title = "   "),
                "81-char title" to draft(title = "secret".repeat(13) + "abc"),
                "control char in title" to draft(title = "secret\u0007bell"),
                "0 minutes" to draft(minutes = 0u),
                "1441 minutes" to draft(minutes = 1441u),
                "25:00" to draft(time = "25:00"),
                "12:60" to draft(time = "12:60"),
                "7pm" to draft(time = "7pm"),
                "501-char prompt" to draft(prompt = "p".repeat(501)),
            )
            for ((what, d) in bad) {
                val e = assertFailsWith<TandemException.InvalidInput>(what) { t.proposeRitual(d) }
                assertTrue(e.reason.isNotBlank()) { "$what: empty reason" }
                assertTrue(!e.reason.contains("secret")) { "$what: reason echoes the title: ${e.reason}" }
            }
            assertEquals(emptyList<Ritual>(), t.rituals(), "rituals after refused drafts")
            assertFailsWith<TandemException.InvalidInput>("empty device name") { t.setDeviceName(" ") }
            assertEquals("Ana's phone", t.device().name, "name after a refused rename")
        }
    }

    @Test
    @DisplayName("consent: proposed, synced, accepted by the partner: ACTIVE on both with nothing pending")
    fun `consent - proposed, synced, accepted by the partner - ACTIVE on both with nothing pending`() {
        couple { k ->
            val (a, b) = k.a to k.b
            val walk = a.c.core.proposeRitual(draft("Evening walk", "Where shall we go?", 30u, "20:30", ZoneMode.Floating))
            assertEquals(RitualStatus.PROPOSED, walk.status, "status after proposing")
            assertEquals(k.aId, walk.proposedBy, "proposedBy")
            assertEquals(PendingChange("Evening walk", "Where shall we go?", 30u, "20:30", ZoneMode.Floating, walk.pending!!.recurrence, walk.pending!!.windowEnd, walk.pending!!.leadMinutes, null, k.aId, version = walk.pending!!.version, terms = walk.pending!!.terms), walk.pending, "A's proposal waits: whole, no difference to show")
            assertEquals(listOf("30 min", "20:30", "every day"), listOf("minutes", "time_of_day", "repeat").map { f -> walk.pending!!.terms.first { it.field == f }.text }, "what B will read before answering")
            assertEquals(listOf(walk), a.c.core.rituals(), "A's rituals")
            val aRow = checkRow(a, "A", walk.id, RitualTexts.WAITING_FOR_PARTNER, NO_BUTTONS, "20:30")
            assertEquals(RitualRowModel(walk.id, "Evening walk", "20:30", 30u, "30 min", null, RitualTexts.WAITING_FOR_PARTNER, null, false, null, false, emptyList(), emptyList(), null, emptyList()), aRow, "A's whole row")
            assertEquals(null, a.screen().empty, "no empty message with a row")
            notNow(a, "A accepts its own proposal", "your own proposal") { a.c.core.acceptRitual(walk.id) }
            notNow(a, "A declines its own proposal", "your own proposal") { a.c.core.declineRitual(walk.id) }
            notNow(a, "A pauses a proposal", "only an active ritual") { a.c.core.pauseRitual(walk.id) }
            notNow(a, "A resumes a proposal", "not paused") { a.c.core.resumeRitual(walk.id) }
            // Not on the proposer's Today while it waits: nothing is due before both agreed.
            assertEquals(emptyList<Pair<String, String>>(), a.agenda(), "A's Today while waiting")
            assertEquals(emptyList<String>(), a.c.todayModel(NY).invitations.map { it.id }, "nothing for A to answer")

            k.aToB()
            assertEquals(listOf(walk), b.c.core.rituals(), "B holds A's proposal exactly")
            checkRow(b, "B", walk.id, RitualTexts.WAITING_FOR_YOU, ANSWER_BUTTONS, "20:30")
            checkRow(a, "A", walk.id, RitualTexts.WAITING_FOR_PARTNER, NO_BUTTONS, "20:30")
            assertEquals(emptyList<Pair<String, String>>(), b.agenda(), "B's Today: not a row before B agreed")
            assertEquals(listOf("Evening walk" to "20:30 · 30 min · every day"), b.c.todayModel(NY).invitations.map { it.title to it.detail }, "B's invitation")

            val accepted = b.c.core.acceptRitual(walk.id)
            assertEquals(walk.copy(status = RitualStatus.ACTIVE, pending = null), accepted, "B accepts: the same ritual, active, nothing pending")
            assertEquals(listOf(accepted), b.c.core.rituals(), "B's rituals")
            checkRow(b, "B after accepting", walk.id, RitualTexts.ACTIVE, ACTIVE_BUTTONS, "20:30")
            // A has not heard yet.
            assertEquals(RitualStatus.PROPOSED, a.c.core.rituals().single().status, "A before the sync")
            checkRow(a, "A before the sync", walk.id, RitualTexts.WAITING_FOR_PARTNER, NO_BUTTONS, "20:30")

            k.bToA()
            assertEquals(listOf(accepted), a.c.core.rituals(), "A after B's acceptance")
            assertEquals(null, a.c.core.rituals().single().pending, "nothing pending on A")
            checkRow(a, "A after the sync", walk.id, RitualTexts.ACTIVE, ACTIVE_BUTTONS, "20:30")
            checkRow(b, "B after the sync", walk.id, RitualTexts.ACTIVE, ACTIVE_BUTTONS, "20:30")
            assertEquals(a.screen(), b.screen(), "the same screen on both phones once active")
            notNow(b, "B accepts again", "nothing about this ritual waits") { b.c.core.acceptRitual(walk.id) }
            notNow(a, "A accepts an active ritual", "nothing about this ritual waits") { a.c.core.acceptRitual(walk.id) }
            notNow(b, "B declines with nothing waiting", "nothing about this ritual waits") { b.c.core.declineRitual(walk.id) }
            notNow(a, "A resumes an active ritual", "not paused") { a.c.core.resumeRitual(walk.id) }
            assertEquals(listOf("Evening walk" to "20:30"), a.agenda(), "A's Today once active")
            assertEquals(a.agenda(), b.agenda(), "the same Today on both phones")
            k.sync()
        }
    }

    @Test
    @DisplayName("consent: declining needs no reason; the ritual ends on both phones with no occurrences")
    fun `consent - declining needs no reason, the ritual ends on both phones with no occurrences`() {
        couple { k ->
            val (a, b) = k.a to k.b
            val call = a.c.core.proposeRitual(draft("Daily call", null, 15u, "07:00", ZoneMode.Fixed(BERLIN)))
            k.aToB()
            val row = checkRow(b, "B", call.id, RitualTexts.WAITING_FOR_YOU, ANSWER_BUTTONS, "07:00")
            assertEquals("$BERLIN time", row.zoneNote, "B's row names the fixed zone")
            val declined = b.c.core.declineRitual(call.id)
            assertEquals(RitualStatus.DECLINED, declined.status, "status after declining")
            assertEquals(null, declined.pending, "nothing waits once declined")
            assertEquals(call.copy(status = RitualStatus.DECLINED, pending = null), declined, "the declined ritual still shows what it said")
            assertEquals(call.id, declined.id, "id")
            checkRow(b, "B after declining", call.id, RitualTexts.NOT_GOING_AHEAD, NO_BUTTONS, "07:00", ended = true)
            assertEquals(emptyList<RitualRowModel>(), b.screen().rows, "no live rows on B")
            assertEquals(RitualTexts.EMPTY, b.screen().empty, "B's empty message")
            checkRow(a, "A before the sync", call.id, RitualTexts.WAITING_FOR_PARTNER, NO_BUTTONS, "07:00")

            k.bToA()
            assertEquals(listOf(declined), a.c.core.rituals(), "A after B declined")
            checkRow(a, "A after the sync", call.id, RitualTexts.NOT_GOING_AHEAD, NO_BUTTONS, "07:00", ended = true)
            assertEquals(a.screen(), b.screen(), "the same screen on both phones")
            for (p in listOf(a, b)) {
                assertEquals(emptyList<Pair<String, String>>(), p.agenda(), "no Today rows")
                assertEquals(emptyList<Occurrence>(), p.c.core.upcoming(T0, T0 + 7 * DAY, NY), "no occurrences in a week")
            }
            notNow(b, "B accepts a declined ritual", "was declined") { b.c.core.acceptRitual(call.id) }
            notNow(b, "B declines again", "was declined") { b.c.core.declineRitual(call.id) }
            notNow(a, "A counters a declined ritual", "was declined") {
                a.c.core.counterRitual(call.id, "Daily call", null, 15u, "08:00", ZoneMode.Fixed(BERLIN))
            }
            notNow(b, "B counters a declined ritual", "was declined") {
                b.c.core.counterRitual(call.id, "Daily call", null, 15u, "08:00", ZoneMode.Fixed(BERLIN))
            }
            notNow(a, "A pauses a declined ritual", "only an active ritual") { a.c.core.pauseRitual(call.id) }
            notNow(a, "A resumes a declined ritual", "not paused") { a.c.core.resumeRitual(call.id) }
            k.sync()
        }
    }

    @Test
    @DisplayName("consent: a counter waits for the proposer; accepted, it is ACTIVE at the countered time")
    fun `consent - a counter waits for the proposer, accepted, it is ACTIVE at the countered time`() {
        couple { k ->
            val (a, b) = k.a to k.b
            val walk = a.c.core.proposeRitual(draft("Walk", null, 30u, "07:00", ZoneMode.Floating))
            k.aToB()
            refused(b, "B counters with a negative length", "minutes") { b.c.core.counterRitual(walk.id, "Walk", null, UInt.MAX_VALUE, "18:00", ZoneMode.Floating) }
            refused(b, "B counters with no title", "title") { b.c.core.counterRitual(walk.id, "  ", null, 20u, "18:00", ZoneMode.Floating) }
            val countered = b.c.core.counterRitual(walk.id, "Walk", null, 20u, "18:00", ZoneMode.Floating)
            assertEquals(RitualStatus.COUNTERED, countered.status, "status after countering")
            assertEquals("18:00" to 20u, countered.timeOfDay to countered.minutes, "the counter is shown while nothing is in effect")
            assertEquals(PendingChange("Walk", null, 20u, "18:00", ZoneMode.Floating, countered.pending!!.recurrence, countered.pending!!.windowEnd, countered.pending!!.leadMinutes, null, k.bId, version = countered.pending!!.version, terms = countered.pending!!.terms, changes = countered.pending!!.changes), countered.pending, "B's counter waits")
            assertEquals(listOf("duration: 20 min instead of 30 min", "time: 18:00 instead of 07:00"), countered.pending!!.changes.map { it.summary }, "the counter says what it changes against the proposal it answers")
            assertEquals(k.aId, countered.proposedBy, "proposer unchanged")
            checkRow(b, "B after countering", walk.id, RitualTexts.WAITING_FOR_PARTNER, NO_BUTTONS, "18:00")
            notNow(b, "B accepts its own counter", "your own proposal") { b.c.core.acceptRitual(walk.id) }
            notNow(b, "B declines its own counter", "your own proposal") { b.c.core.declineRitual(walk.id) }
            checkRow(a, "A before the sync", walk.id, RitualTexts.WAITING_FOR_PARTNER, NO_BUTTONS, "07:00")

            k.bToA()
            assertEquals(listOf(countered), a.c.core.rituals(), "A holds B's counter")
            checkRow(a, "A", walk.id, RitualTexts.ANOTHER_TIME, ANSWER_BUTTONS, "18:00")
            assertEquals(
                listOf("Walk" to "18:00 · 20 min · every day"),
                a.c.todayModel(NY).invitations.map { it.title to it.detail }, "A's Today shows the suggested time, to answer",
            )
            val active = a.c.core.acceptRitual(walk.id)
            assertEquals(countered.copy(status = RitualStatus.ACTIVE, pending = null), active, "A accepts the counter")
            assertEquals("18:00" to 20u, active.timeOfDay to active.minutes, "the countered time and length")
            checkRow(a, "A after accepting", walk.id, RitualTexts.ACTIVE, ACTIVE_BUTTONS, "18:00")
            checkRow(b, "B before the sync", walk.id, RitualTexts.WAITING_FOR_PARTNER, NO_BUTTONS, "18:00")
            k.aToB()
            assertEquals(listOf(active), b.c.core.rituals(), "B after A accepted")
            checkRow(b, "B after the sync", walk.id, RitualTexts.ACTIVE, ACTIVE_BUTTONS, "18:00")
            assertEquals(listOf("Walk" to "18:00"), b.agenda(), "B's Today")

            // Counter, counter back, decline: the proposer's own version waits
            // for B again (PROPOSED), and B may decline it.
            val tea = a.c.core.proposeRitual(draft("Tea", null, 15u, "16:00", ZoneMode.Floating))
            k.aToB()
            assertEquals(RitualStatus.COUNTERED, b.c.core.counterRitual(tea.id, "Tea", null, 15u, "17:00", ZoneMode.Floating).status, "B counters the tea")
            k.bToA()
            checkRow(a, "A sees B's tea counter", tea.id, RitualTexts.ANOTHER_TIME, ANSWER_BUTTONS, "17:00")
            val back = a.c.core.counterRitual(tea.id, "Tea", null, 15u, "16:30", ZoneMode.Floating)
            assertEquals(RitualStatus.PROPOSED, back.status, "the proposer's counter back")
            assertEquals(k.aId, back.pending?.by, "A's counter back waits for B")
            checkRow(a, "A after countering back", tea.id, RitualTexts.WAITING_FOR_PARTNER, NO_BUTTONS, "16:30")
            k.aToB()
            checkRow(b, "B sees A's counter back", tea.id, RitualTexts.WAITING_FOR_YOU, ANSWER_BUTTONS, "16:30")
            assertEquals(RitualStatus.DECLINED, b.c.core.declineRitual(tea.id).status, "B declines the counter back")
            k.bToA()
            checkRow(a, "A after B declined", tea.id, RitualTexts.NOT_GOING_AHEAD, NO_BUTTONS, "16:30", ended = true)
            checkRow(b, "B after declining", tea.id, RitualTexts.NOT_GOING_AHEAD, NO_BUTTONS, "16:30", ended = true)
            assertEquals(listOf("Walk" to "18:00"), a.agenda(), "only the walk on A's Today")
            k.sync()
        }
    }

    @Test
    @DisplayName("consent: an amendment keeps the version in effect until the partner accepts it")
    fun `consent - an amendment keeps the version in effect until the partner accepts it`() {
        couple { k ->
            val (a, b) = k.a to k.b
            val checkIn = a.c.core.proposeRitual(draft("Check-in", null, 20u, "20:30", ZoneMode.Floating))
            k.aToB()
            b.c.core.acceptRitual(checkIn.id)
            k.bToA()

            val amended = a.c.core.counterRitual(checkIn.id, "Check-in", null, 20u, "21:00", ZoneMode.Floating)
            assertEquals(RitualStatus.ACTIVE, amended.status, "still active while the change waits")
            assertEquals("20:30", amended.timeOfDay, "the old time stays in effect")
            assertEquals(PendingChange("Check-in", null, 20u, "21:00", ZoneMode.Floating, amended.pending!!.recurrence, amended.pending!!.windowEnd, amended.pending!!.leadMinutes, null, k.aId, version = amended.pending!!.version, terms = amended.pending!!.terms, changes = amended.pending!!.changes), amended.pending, "A's change waits")
            assertEquals(listOf("time: 21:00 instead of 20:30"), amended.pending!!.changes.map { it.summary }, "what A's change changes")
            checkRow(a, "A", checkIn.id, RitualTexts.ACTIVE_CHANGE_FOR_PARTNER, ACTIVE_BUTTONS, "20:30", suggested = "21:00")
            notNow(a, "A accepts its own change", "your own proposal") { a.c.core.acceptRitual(checkIn.id) }
            notNow(a, "A declines its own change", "your own proposal") { a.c.core.declineRitual(checkIn.id) }
            assertEquals(listOf("Check-in" to "20:30"), a.agenda(), "A's Today keeps 20:30")

            k.aToB()
            assertEquals(listOf(amended), b.c.core.rituals(), "B holds the amendment beside the version in effect")
            val bRow = checkRow(b, "B", checkIn.id, RitualTexts.ACTIVE_CHANGE_FOR_YOU, CHANGE_BUTTONS_ACTIVE, "20:30", suggested = "21:00")
            assertEquals("Suggested: time: 21:00 instead of 20:30", bRow.suggestion, "B's row says what is suggested")
            assertEquals(listOf("time: 21:00 instead of 20:30"), bRow.changes, "B's row says what the change changes")
            assertTrue("time: 21:00" in bRow.reads && "repeats: every day" in bRow.reads) { "B reads the change whole: ${bRow.reads}" }
            assertEquals(amended.pending!!.version, bRow.answerVersion, "B's answer names the version B read")
            assertEquals(listOf("Check-in" to "20:30"), b.agenda(), "B's Today keeps 20:30")

            // Paused while the change waits: the change still waits.
            val paused = b.c.core.pauseRitual(checkIn.id)
            assertEquals(RitualStatus.PAUSED to amended.pending, paused.status to paused.pending, "paused, the change still waits")
            checkRow(b, "B paused", checkIn.id, RitualTexts.PAUSED_CHANGE_FOR_YOU, CHANGE_BUTTONS_PAUSED, "20:30", suggested = "21:00")
            assertEquals(emptyList<Pair<String, String>>(), b.agenda(), "B's Today while paused")
            k.bToA()
            checkRow(a, "A sees the pause", checkIn.id, RitualTexts.PAUSED_CHANGE_FOR_PARTNER, PAUSED_BUTTONS, "20:30", suggested = "21:00")
            assertEquals(RitualStatus.ACTIVE, b.c.core.resumeRitual(checkIn.id).status, "B resumes")
            checkRow(b, "B resumed", checkIn.id, RitualTexts.ACTIVE_CHANGE_FOR_YOU, CHANGE_BUTTONS_ACTIVE, "20:30", suggested = "21:00")

            notNow(b, "B accepts a version that is not the one waiting", "look again") { b.c.core.acceptRitualVersion(checkIn.id, amended.version.take(8)) }
            val now = b.c.core.acceptRitualVersion(checkIn.id, bRow.answerVersion!!.take(8))
            assertEquals(amended.copy(timeOfDay = "21:00", pending = null, version = amended.pending!!.version, terms = amended.pending!!.terms), now, "B accepts: 21:00 in effect, nothing pending")
            checkRow(b, "B after accepting", checkIn.id, RitualTexts.ACTIVE, ACTIVE_BUTTONS, "21:00")
            assertEquals(listOf("Check-in" to "21:00"), b.agenda(), "B's Today at 21:00")
            checkRow(a, "A before the sync", checkIn.id, RitualTexts.PAUSED_CHANGE_FOR_PARTNER, PAUSED_BUTTONS, "20:30", suggested = "21:00")
            k.bToA()
            assertEquals(listOf(now), a.c.core.rituals(), "A after B accepted")
            checkRow(a, "A after the sync", checkIn.id, RitualTexts.ACTIVE, ACTIVE_BUTTONS, "21:00")
            assertEquals(listOf("Check-in" to "21:00"), a.agenda(), "A's Today at 21:00")
            k.sync()
        }
    }

    @Test
    @DisplayName("consent: a change to a ritual in effect can be declined; the ritual stays as it was on both")
    fun `consent - a change to a ritual in effect can be declined, the ritual stays as it was on both`() {
        couple { k ->
            val (a, b) = k.a to k.b
            val checkIn = a.c.core.proposeRitual(draft("Check-in", null, 20u, "20:30", ZoneMode.Floating))
            k.aToB()
            val active = b.c.core.acceptRitual(checkIn.id)
            k.bToA()
            notNow(a, "A declines an active ritual", "nothing about this ritual waits") { a.c.core.declineRitual(checkIn.id) }
            notNow(b, "B declines an active ritual", "nothing about this ritual waits") { b.c.core.declineRitual(checkIn.id) }

            // B (not the proposer) suggests a change; A turns it down.
            val change = b.c.core.counterRitual(checkIn.id, "Check-in", null, 45u, "19:00", ZoneMode.Floating)
            assertEquals(PendingChange("Check-in", null, 45u, "19:00", ZoneMode.Floating, change.pending!!.recurrence, change.pending!!.windowEnd, change.pending!!.leadMinutes, null, k.bId, version = change.pending!!.version, terms = change.pending!!.terms, changes = change.pending!!.changes), change.pending, "B's change waits")
            assertEquals(listOf("duration: 45 min instead of 20 min", "time: 19:00 instead of 20:30"), change.pending!!.changes.map { it.summary }, "what B's change changes")
            checkRow(b, "B", checkIn.id, RitualTexts.ACTIVE_CHANGE_FOR_PARTNER, ACTIVE_BUTTONS, "20:30", suggested = "19:00")
            k.bToA()
            checkRow(a, "A", checkIn.id, RitualTexts.ACTIVE_CHANGE_FOR_YOU, CHANGE_BUTTONS_ACTIVE, "20:30", suggested = "19:00")
            val kept = a.c.core.declineRitual(checkIn.id)
            assertEquals(active, kept, "A declines the change: the ritual as it was, nothing pending")
            checkRow(a, "A after declining", checkIn.id, RitualTexts.ACTIVE, ACTIVE_BUTTONS, "20:30")
            notNow(a, "A declines twice", "nothing about this ritual waits") { a.c.core.declineRitual(checkIn.id) }
            notNow(a, "A accepts the declined change", "nothing about this ritual waits") { a.c.core.acceptRitual(checkIn.id) }
            checkRow(b, "B before the sync", checkIn.id, RitualTexts.ACTIVE_CHANGE_FOR_PARTNER, ACTIVE_BUTTONS, "20:30", suggested = "19:00")
            k.aToB()
            assertEquals(listOf(active), b.c.core.rituals(), "B after A declined the change")
            checkRow(b, "B after the sync", checkIn.id, RitualTexts.ACTIVE, ACTIVE_BUTTONS, "20:30")
            notNow(b, "B accepts its declined change", "nothing about this ritual waits") { b.c.core.acceptRitual(checkIn.id) }
            for (p in listOf(a, b)) assertEquals(listOf("Check-in" to "20:30"), p.agenda(), "Today keeps 20:30")

            // Another change still works afterwards.
            val next = b.c.core.counterRitual(checkIn.id, "Check-in", null, 20u, "19:30", ZoneMode.Floating).pending!!
            k.bToA()
            checkRow(a, "A sees B's next change", checkIn.id, RitualTexts.ACTIVE_CHANGE_FOR_YOU, CHANGE_BUTTONS_ACTIVE, "20:30", suggested = "19:30")
            assertEquals(active.copy(timeOfDay = "19:30", version = next.version, terms = next.terms), a.c.core.acceptRitual(checkIn.id), "A accepts the next change")
            k.aToB()
            for ((who, p) in listOf("A" to a, "B" to b)) {
                checkRow(p, who, checkIn.id, RitualTexts.ACTIVE, ACTIVE_BUTTONS, "19:30")
                assertEquals(listOf("Check-in" to "19:30"), p.agenda(), "$who: Today at 19:30")
            }
            k.sync()
        }
    }

    @Test
    @DisplayName("consent: either partner pauses, resumes and retires; the other phone follows; upcoming skips paused")
    fun `consent - either partner pauses, resumes and retires, the other phone follows, upcoming skips paused`() {
        couple { k ->
            val (a, b) = k.a to k.b
            val walk = a.c.core.proposeRitual(draft("Evening walk", null, 30u, "20:30", ZoneMode.Floating))
            val tea = b.c.core.proposeRitual(draft("Tea", null, 15u, "16:00", ZoneMode.Floating))
            k.sync()
            b.c.core.acceptRitual(walk.id)
            a.c.core.acceptRitual(tea.id)
            k.sync()
            val week = T0 to T0 + 7 * DAY
            fun ids(p: Phone) = p.c.core.upcoming(week.first, week.second, NY).map { it.ritualId }.toSet()
            assertEquals(setOf(walk.id, tea.id), ids(a), "both rituals upcoming")
            notNow(a, "A resumes an active ritual", "not paused") { a.c.core.resumeRitual(walk.id) }

            // B (who did not propose the walk) pauses it.
            assertEquals(RitualStatus.PAUSED, b.c.core.pauseRitual(walk.id).status, "B pauses the walk")
            checkRow(b, "B", walk.id, RitualTexts.PAUSED, PAUSED_BUTTONS, "20:30")
            notNow(b, "B pauses again", "only an active ritual") { b.c.core.pauseRitual(walk.id) }
            assertEquals(setOf(tea.id), ids(b), "B: the paused walk is not upcoming")
            assertEquals(listOf("Tea" to "16:00"), b.agenda(), "B's Today without the walk")
            checkRow(a, "A before the sync", walk.id, RitualTexts.ACTIVE, ACTIVE_BUTTONS, "20:30")
            k.bToA()
            assertEquals(RitualStatus.PAUSED, a.c.core.rituals().first { it.id == walk.id }.status, "A after the sync")
            checkRow(a, "A", walk.id, RitualTexts.PAUSED, PAUSED_BUTTONS, "20:30")
            assertEquals(setOf(tea.id), ids(a), "A: the paused walk is not upcoming")
            assertEquals(listOf("Tea" to "16:00"), a.agenda(), "A's Today without the walk")

            // A resumes it.
            assertEquals(RitualStatus.ACTIVE, a.c.core.resumeRitual(walk.id).status, "A resumes the walk")
            notNow(a, "A resumes again", "not paused") { a.c.core.resumeRitual(walk.id) }
            checkRow(a, "A resumed", walk.id, RitualTexts.ACTIVE, ACTIVE_BUTTONS, "20:30")
            k.aToB()
            checkRow(b, "B sees the resume", walk.id, RitualTexts.ACTIVE, ACTIVE_BUTTONS, "20:30")
            assertEquals(setOf(walk.id, tea.id), ids(b), "B: the walk is upcoming again")
            assertEquals(listOf("Tea" to "16:00", "Evening walk" to "20:30"), b.agenda(), "B's Today with both")

            // B retires A's walk.
            val retired = b.c.core.retireRitual(walk.id)
            assertEquals(RitualStatus.RETIRED to null, retired.status to retired.pending, "B retires the walk; nothing waits")
            checkRow(b, "B", walk.id, RitualTexts.RETIRED, NO_BUTTONS, "20:30", ended = true)
            notNow(b, "B retires twice", "already retired") { b.c.core.retireRitual(walk.id) }
            k.bToA()
            checkRow(a, "A", walk.id, RitualTexts.RETIRED, NO_BUTTONS, "20:30", ended = true)
            notNow(a, "A retires a retired ritual", "already retired") { a.c.core.retireRitual(walk.id) }
            notNow(a, "A resumes a retired ritual", "not paused") { a.c.core.resumeRitual(walk.id) }
            notNow(a, "A pauses a retired ritual", "only an active ritual") { a.c.core.pauseRitual(walk.id) }
            notNow(a, "A counters a retired ritual", "was retired") { a.c.core.counterRitual(walk.id, "Evening walk", null, 30u, "21:00", ZoneMode.Floating) }
            notNow(a, "A accepts a retired ritual", "was retired") { a.c.core.acceptRitual(walk.id) }
            notNow(a, "A declines a retired ritual", "was retired") { a.c.core.declineRitual(walk.id) }
            assertEquals(setOf(tea.id), ids(a), "A: a retired walk is not upcoming")

            // A pauses B's tea, then B retires it while paused.
            a.c.core.pauseRitual(tea.id)
            k.aToB()
            checkRow(b, "B sees the tea paused", tea.id, RitualTexts.PAUSED, PAUSED_BUTTONS, "16:00")
            assertEquals(emptySet<String>(), ids(b), "B: nothing upcoming")
            assertEquals(RitualStatus.RETIRED, b.c.core.retireRitual(tea.id).status, "B retires the paused tea")
            k.bToA()
            for ((who, p) in listOf("A" to a, "B" to b)) {
                val s = p.screen()
                assertEquals(emptyList<RitualRowModel>(), s.rows, "$who: no live rows")
                assertEquals(setOf(walk.id to RitualTexts.RETIRED, tea.id to RitualTexts.RETIRED), s.ended.map { it.ritualId to it.status }.toSet(), "$who: ended rows")
                assertEquals(RitualTexts.EMPTY, s.empty, "$who: empty message")
                assertEquals(emptyList<Pair<String, String>>(), p.agenda(), "$who: empty Today")
            }
            k.sync()
        }
    }

    @Test
    @DisplayName("controller.counterRitual keeps the ritual's repeat, window and reminders")
    fun `controller counterRitual keeps the ritual's repeat, window and reminders`() {
        // The controller proposes daily rituals only: Ana's phone is a bare
        // Tandem here, paired with Ben's controller through the flows.
        val a = newDb(ANA)
        val b = phone(BEN)
        using(b) {
            using(a) {
                pairFlows(PairingFlow(a.tandem), b.c.pairingFlow())
                val toB = tempDir()
                val fromB = tempDir()
                fun aToB() {
                    File(toB, "from-a.txt").writeText(payloadToText(a.tandem.exportOne()))
                    assertEquals(1, b.c.syncIn(FileSyncTransport(outbox = tempDir(), inbox = toB)).imported.size, "B imports A's payload")
                }
                fun bToA() {
                    b.c.syncOut(FileSyncTransport(outbox = fromB, inbox = tempDir()))
                    fromB.listFiles()!!.forEach { f ->
                        a.tandem.importPayload(payloadFromText(f.readText()))
                        f.delete()
                    }
                }

                val weekly = Recurrence(Repeat.Weekly, startDate = "2027-03-01", untilDate = "2027-12-31")
                val run = a.tandem.proposeRitual(
                    draft(title = "Long run", minutes = 60u, time = "07:00").copy(recurrence = weekly, windowEnd = "09:00", leadMinutes = listOf(30u, 0u)),
                )
                assertEquals(weekly, run.recurrence, "A's weekly run")
                aToB()
                val onB = b.c.core.rituals().single()
                assertEquals(Triple(weekly, "09:00", listOf(0u, 30u)), Triple(onB.recurrence, onB.windowEnd, onB.leadMinutes), "B's copy of the schedule")

                val countered = b.c.core.counterRitual(run.id, "Long run", null, 45u, "07:30", ZoneMode.Floating)
                assertEquals(RitualStatus.COUNTERED, countered.status, "B counters")
                assertEquals(Triple(weekly, "09:00", listOf(0u, 30u)), Triple(countered.recurrence, countered.windowEnd, countered.leadMinutes), "the counter keeps the schedule")
                bToA()
                val active = a.tandem.acceptRitual(run.id)
                assertEquals(RitualStatus.ACTIVE to "07:30", active.status to active.timeOfDay, "A accepts 07:30")
                assertEquals(Triple(weekly, "09:00", listOf(0u, 30u)), Triple(active.recurrence, active.windowEnd, active.leadMinutes), "the accepted version keeps the schedule")
                aToB()
                assertEquals(listOf(active), b.c.core.rituals(), "B after A accepted")
                // Weekly from Monday 2027-03-01: one run in the week from T0.
                assertEquals(listOf("2027-03-01 07:30"), b.c.core.upcoming(T0 - 6 * HOUR, T0 - 6 * HOUR + 7 * DAY, NY).map { it.localStart }, "one run a week")
            }
        }
    }

    @Test
    @DisplayName("consent: acting on an unknown id is NotFound for all six actions")
    fun `consent - acting on an unknown id is NotFound for all six actions`() {
        couple { k ->
            val a = k.a
            // A ritual of another pairing: its id means nothing to A.
            val stranger = phone("Cleo's phone")
            val foreign = using(stranger) { stranger.c.core.proposeRitual(draft("Walk", null, 10u, "08:00", ZoneMode.Floating)).id }
            a.c.core.proposeRitual(draft("Walk", null, 10u, "08:00", ZoneMode.Floating))
            for (id in listOf(foreign, "0123456789abcdef01234567", "", "nope")) {
                val actions: Map<String, () -> Unit> = mapOf(
                    "accept" to { a.c.core.acceptRitual(id) },
                    "decline" to { a.c.core.declineRitual(id) },
                    "counter" to { a.c.core.counterRitual(id, "Walk", null, 10u, "09:00", ZoneMode.Floating) },
                    "pause" to { a.c.core.pauseRitual(id) },
                    "resume" to { a.c.core.resumeRitual(id) },
                    "retire" to { a.c.core.retireRitual(id) },
                )
                for ((what, call) in actions) notFound(a, "$what <$id>", "no ritual has this id", call)
            }
        }
    }

    @Test
    @DisplayName("RitualsScreen: distinct words that blame nobody; refusals and a closed database have messages")
    fun `RitualsScreen - distinct words that blame nobody, refusals and a closed database have messages`() {
        val texts = listOf(
            RitualTexts.WAITING_FOR_YOU, RitualTexts.WAITING_FOR_PARTNER, RitualTexts.ANOTHER_TIME,
            RitualTexts.ACTIVE, RitualTexts.ACTIVE_CHANGE_FOR_YOU, RitualTexts.ACTIVE_CHANGE_FOR_PARTNER,
            RitualTexts.PAUSED, RitualTexts.PAUSED_CHANGE_FOR_YOU, RitualTexts.PAUSED_CHANGE_FOR_PARTNER,
            RitualTexts.NOT_GOING_AHEAD, RitualTexts.RETIRED,
            RitualTexts.PERSONAL, RitualTexts.PERSONAL_PAUSED, RitualTexts.REVIEW_DUE,
        )
        assertEquals(texts.size, texts.toSet().size, "distinct status texts")
        for (t in texts + RitualTexts.EMPTY + UserMessages.RITUAL_CHANGED + UserMessages.RITUAL_GONE +
            UserMessages.NOT_ALLOWED_NOW + UserMessages.NOT_FOUND) {
            for (word in listOf("miss", "fail", "ignor", "late", "forgot", "didn't", "refus", "reject", "declined")) {
                assertTrue(!t.lowercase().contains(word)) { "<$t> says <$word>" }
            }
        }
        val stale = TandemException.NotAllowedNow("this ritual was retired")
        assertEquals(UserMessages.RITUAL_CHANGED, UserMessages.forRitualAction(stale), "a stale button")
        assertTrue(!UserMessages.forRitualAction(stale).contains("retired")) { "the message shows the reason" }
        val gone = TandemException.NotFound("no ritual has this id")
        assertEquals(UserMessages.RITUAL_GONE, UserMessages.forRitualAction(gone), "a ritual that is gone")
        assertTrue(UserMessages.RITUAL_GONE != UserMessages.RITUAL_CHANGED) { "changed and gone read the same" }
        val typed = TandemException.InvalidInput("minutes must be 1 to 1440")
        assertEquals(UserMessages.forError(typed), UserMessages.forRitualAction(typed), "a refused form reads as usual")
        val closed = TandemException.Closed("x")
        assertEquals(UserMessages.forError(closed), UserMessages.forRitualAction(closed), "other errors read as usual")

        val p = phone(ANA)
        val screen = p.screen()
        assertEquals(RitualsScreenModel(emptyList(), emptyList(), 0u, RitualTexts.EMPTY, null, null), screen, "a new phone's screen")
        assertEquals(RitualTexts.EMPTY, screen.empty, "empty message")
        val walk = p.c.core.proposeRitual(draft("Walk", null, 10u, "08:00", ZoneMode.Floating))
        p.c.close()
        val failed = p.c.ritualsScreen(NY)
        assertTrue(failed is Rendered.Failed && failed.error is TandemException.Closed) { "expected Failed(Closed), got $failed" }
        failed as Rendered.Failed
        assertEquals(UserMessages.forError(failed.error as TandemException), failed.message, "message for a closed database")
        assertFailsWith<TandemException.Closed>("accept after close") { p.c.core.acceptRitual(walk.id) }
        assertFailsWith<TandemException.Closed>("counter after close") { p.c.core.counterRitual(walk.id, "Walk", null, 10u, "09:00", ZoneMode.Floating) }
    }

    @Test
    @DisplayName("core rituals screen: the bindings carry each phone's statuses, buttons and labels, decided once for both phones")
    fun `core rituals screen - the bindings carry each phone's statuses, buttons and labels, decided once for both phones`() {
        paired { a, b ->
            val walk = a.tandem.proposeRitual(draft(title = "Evening walk"))
            deliver(a, b)
            val onB = b.tandem.ritualsScreen(NY)
            val row = onB.rows.single()
            assertEquals(walk.id to "Waiting for your answer", row.id to row.status, "B's row")
            assertEquals(
                listOf(RitualActionKind.ACCEPT to "Accept", RitualActionKind.DECLINE to "Decline", RitualActionKind.COUNTER to "Suggest another time"),
                row.buttons.map { it.action to it.label },
                "B's buttons",
            )
            assertEquals(1u, onB.answersWaiting, "B's badge")
            assertTrue(row.reads.contains("title: “Evening walk”")) { "${row.reads}" }
            val onA = a.tandem.ritualsScreen(NY).rows.single()
            assertEquals("Waiting for your partner" to emptyList<RitualButton>(), onA.status to onA.buttons, "A's row")
            b.tandem.acceptRitual(walk.id)
            deliver(b, a)
            for (t in listOf(a.tandem, b.tandem)) {
                assertEquals(
                    listOf(RitualActionKind.COUNTER, RitualActionKind.PAUSE, RitualActionKind.RETIRE),
                    t.ritualsScreen(NY).rows.single().buttons.map { it.action },
                    "an active ritual's buttons, the same on both phones",
                )
            }
            assertFailsWith<TandemException.InvalidInput>("an unknown zone") { a.tandem.ritualsScreen("Mars/Base") }
        }
    }
}
