package app.tandem.shell

import app.tandem.ffi.OccurrenceStatus
import app.tandem.ffi.Recurrence
import app.tandem.ffi.Repeat
import app.tandem.ffi.Rhythm
import app.tandem.ffi.RitualStatus
import app.tandem.ffi.Said
import app.tandem.ffi.TandemException
import app.tandem.ffi.ZoneMode
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test

/**
 * Marks (done, skipped, moved) on both phones, the rhythm they feed, the
 * calendar export and recurrence rules.
 */
class MarksTests : StoreTestBase() {
    @Test
    @DisplayName("marks: done on both phones, a skip, a move and a done-beats-skip conflict agree on both after sync")
    fun `marks - done on both phones, a skip, a move and a done-beats-skip conflict agree on both after sync`() {
        paired { a, b ->
            val walk = activeFromA(a, b, draft(title = "Evening walk", minutes = 30u, time = "20:30"))
            val (from, to) = T0 to T0 + 4 * DAY
            assertEquals(
                listOf(
                    listOf("2027-03-01", OccurrenceStatus.SCHEDULED, false, "2027-03-01 20:30"),
                    listOf("2027-03-02", OccurrenceStatus.SCHEDULED, false, "2027-03-02 20:30"),
                    listOf("2027-03-03", OccurrenceStatus.SCHEDULED, false, "2027-03-03 20:30"),
                    listOf("2027-03-04", OccurrenceStatus.SCHEDULED, false, "2027-03-04 20:30"),
                ),
                a.tandem.marks(walk.id, from, to), "A before any mark",
            )

            // The 4th, so that every evening marked done below has come.
            for (db in listOf(a, b)) db.clock.set(T0 + 3 * DAY)
            // Both phones mark the first evening done, before hearing of each other.
            a.tandem.markDone(walk.id, "2027-03-01", "lovely", "calm")
            b.tandem.markDone(walk.id, "2027-03-01", null, null)
            b.tandem.skipOccurrence(walk.id, "2027-03-02")
            val newStart = ms("2027-03-04T02:00:00Z") // 21:00 New York
            a.tandem.moveOccurrence(walk.id, "2027-03-03", newStart)
            // A conflict: A skips the 4th, B says it happened. Done wins.
            a.tandem.skipOccurrence(walk.id, "2027-03-04")
            b.tandem.markDone(walk.id, "2027-03-04", null, "happy")

            assertEquals(
                listOf(
                    listOf("2027-03-01", OccurrenceStatus.DONE, false, "2027-03-01 20:30"),
                    listOf("2027-03-02", OccurrenceStatus.SCHEDULED, false, "2027-03-02 20:30"),
                    listOf("2027-03-03", OccurrenceStatus.SCHEDULED, true, "2027-03-03 21:00"),
                    listOf("2027-03-04", OccurrenceStatus.SKIPPED, false, "2027-03-04 20:30"),
                ),
                a.tandem.marks(walk.id, from, to), "A's own marks before the sync",
            )
            assertEquals(
                listOf(
                    listOf("2027-03-01", OccurrenceStatus.DONE, false, "2027-03-01 20:30"),
                    listOf("2027-03-02", OccurrenceStatus.SKIPPED, false, "2027-03-02 20:30"),
                    listOf("2027-03-03", OccurrenceStatus.SCHEDULED, false, "2027-03-03 20:30"),
                    listOf("2027-03-04", OccurrenceStatus.DONE, false, "2027-03-04 20:30"),
                ),
                b.tandem.marks(walk.id, from, to), "B's own marks before the sync",
            )

            deliver(a, b)
            deliver(b, a)
            val expected = listOf(
                listOf("2027-03-01", OccurrenceStatus.DONE, false, "2027-03-01 20:30"),
                listOf("2027-03-02", OccurrenceStatus.SKIPPED, false, "2027-03-02 20:30"),
                listOf("2027-03-03", OccurrenceStatus.SCHEDULED, true, "2027-03-03 21:00"),
                listOf("2027-03-04", OccurrenceStatus.DONE, false, "2027-03-04 20:30"),
            )
            assertEquals(expected, a.tandem.marks(walk.id, from, to), "A after the sync")
            assertEquals(expected, b.tandem.marks(walk.id, from, to), "B after the sync")
            val moved = b.tandem.upcoming(from, to, NY).single { it.date == "2027-03-03" }
            assertEquals(newStart, moved.startMs, "moved startMs on B")
            assertEquals(newStart + 30 * MINUTE, moved.endMs, "moved endMs keeps the length")
            assertEquals("2027-03-03T21:00:00-05:00", moved.start, "moved start (RFC 3339)")
            assertEquals(a.tandem.upcoming(from, to, NY).map { it.copy(said = emptyList()) }, b.tandem.upcoming(from, to, NY).map { it.copy(said = emptyList()) }, "identical occurrences on both phones")
            // The words left when marking done travel too, each phone knowing whose they are.
            fun said(db: Db) = db.tandem.upcoming(from, to, NY).filter { it.said.isNotEmpty() }.map { it.date to it.said }
            assertEquals(listOf("2027-03-01" to listOf(Said(true, "lovely", "calm")), "2027-03-04" to listOf(Said(false, null, "happy"))), said(a), "A: its own words and B's feeling")
            assertEquals(listOf("2027-03-01" to listOf(Said(false, "lovely", "calm")), "2027-03-04" to listOf(Said(true, null, "happy"))), said(b), "B: A's words and its own feeling")
            // Seen from Berlin, the floating walk is at 20:30 there; the move is a one-off instant.
            assertEquals(listOf(true), b.tandem.upcoming(from, to, BERLIN).filter { it.moved }.map { it.startMs == newStart }, "the move from Berlin")

            // The latest move wins; marks on a paused ritual are allowed.
            b.tandem.pauseRitual(walk.id)
            val later = ms("2027-03-04T03:00:00Z") // 22:00 New York
            b.tandem.moveOccurrence(walk.id, "2027-03-03", later)
            deliver(b, a)
            assertEquals(RitualStatus.PAUSED, a.tandem.rituals().single().status, "paused on A")
            b.tandem.resumeRitual(walk.id)
            deliver(b, a)
            assertEquals("2027-03-03 22:00", a.tandem.upcoming(from, to, NY).single { it.date == "2027-03-03" }.localStart, "the second move on A")
        }
    }

    @Test
    @DisplayName("rhythm: kept out of scheduled over the last 7 and 28 occurrences since proposing; done on both counts once")
    fun `rhythm - kept out of scheduled over the last 7 and 28 occurrences since proposing, done on both counts once`() {
        paired { a, b ->
            assertEquals(emptyList<Rhythm>(), a.tandem.rhythm(NY), "no rituals, no rhythm")
            val walk = activeFromA(a, b, draft(title = "Evening walk", minutes = 30u, time = "20:30"))
            val waiting = a.tandem.proposeRitual(draft(title = "Tea", minutes = 15u, time = "16:00"))
            assertEquals(listOf(Rhythm(walk.id, "Evening walk", 0u, 0u, 0u, 0u)), a.tandem.rhythm(NY), "at T0 nothing has started (the 02-28 evening predates the proposal)")

            // Ten evenings later: 2027-03-01 .. 2027-03-10 have started in New York.
            for (db in listOf(a, b)) db.clock.set(T0 + 10 * DAY)
            a.tandem.markDone(walk.id, "2027-03-01", null, null)
            b.tandem.markDone(walk.id, "2027-03-01", "again", null)
            a.tandem.markDone(walk.id, "2027-03-05", null, null)
            b.tandem.skipOccurrence(walk.id, "2027-03-08")
            a.tandem.markDone(walk.id, "2027-03-09", null, null)
            b.tandem.markDone(walk.id, "2027-03-10", null, null)
            a.tandem.markDone(walk.id, "2027-03-11", null, null) // tonight: not started yet
            deliver(a, b)
            deliver(b, a)
            // Shared figures count up to the newest shared change (12:00Z on the 11th), on any clock:
            // the 1st to the 10th have ended everywhere; the 11th, done ahead, has begun in the
            // east (20:30 in Kiritimati is 06:30Z). The 1st had begun there before the walk was
            // agreed, so it counts only because it was done.
            val expected = listOf(Rhythm(walk.id, "Evening walk", keptLast7 = 4u, scheduledLast7 = 7u, keptLast28 = 5u, scheduledLast28 = 11u))
            assertEquals(expected, a.tandem.rhythm(NY), "A's rhythm")
            assertEquals(expected, b.tandem.rhythm(NY), "B's rhythm (done on both phones counts once)")
            assertTrue(a.tandem.rhythm(NY).none { it.ritualId == waiting.id }) { "a waiting proposal has a rhythm" }

            assertEquals(T0 + 10 * DAY, a.tandem.sharedFiguresAsOf(), "A counts up to the newest shared change")
            assertEquals(T0 + 10 * DAY, b.tandem.sharedFiguresAsOf(), "and so does B")
            // Later, on a New York or a Tokyo clock: the same, until the next shared change.
            a.clock.set(ms("2027-03-12T02:00:00Z"))
            assertEquals(expected, a.tandem.rhythm(NY), "after tonight's walk")
            assertEquals(expected, a.tandem.rhythm("Asia/Tokyo"), "the floating walk on a Tokyo clock")

            // Forty days on (B thanks A, a shared change): the 28-window is full and rolls.
            setClocks(T0 + 40 * DAY, a, b)
            b.tandem.appreciate("Thank you.")
            deliver(b, a)
            val rolled = a.tandem.rhythm(NY).single()
            assertEquals(7u to 28u, rolled.scheduledLast7 to rolled.scheduledLast28, "full windows")
            assertEquals(0u to 0u, rolled.keptLast7 to rolled.keptLast28, "the early marks rolled out")

            // Paused still has a rhythm; retired has none.
            a.tandem.pauseRitual(walk.id)
            assertEquals(1, a.tandem.rhythm(NY).size, "paused keeps its rhythm")
            a.tandem.retireRitual(walk.id)
            assertEquals(emptyList<Rhythm>(), a.tandem.rhythm(NY), "retired: no rhythm")
            assertFailsWith<TandemException.InvalidInput>("rhythm in an unknown zone") { a.tandem.rhythm("Mars/Olympus") }
        }
    }

    @Test
    @DisplayName("exportIcs: CRLF calendar with one VEVENT per active ritual, fixed TZID and floating; proposals left out")
    fun `exportIcs - CRLF calendar with one VEVENT per active ritual, fixed TZID and floating, proposals left out`() {
        paired { a, b ->
            assertEquals(
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tandem//Tandem core//EN\r\nCALSCALE:GREGORIAN\r\nEND:VCALENDAR\r\n",
                a.tandem.exportIcs(), "an empty calendar",
            )
            val walk = activeFromA(a, b, draft(title = "Evening walk", minutes = 30u, time = "20:30"))
            val call = activeFromA(
                a, b,
                draft(title = "Sunday call, with tea", prompt = "How was the week?", minutes = 60u, time = "18:00", zone = ZoneMode.Fixed(BERLIN))
                    .copy(recurrence = Recurrence(Repeat.Weekly, startDate = "2027-03-07", count = 10u)),
            )
            val tea = a.tandem.proposeRitual(draft(title = "Tea", minutes = 15u, time = "16:00"))
            deliver(a, b)
            val ics = a.tandem.exportIcs()
            assertTrue(ics.endsWith("\r\n")) { "the last line is not CRLF-terminated" }
            assertTrue(!ics.replace("\r\n", "").contains('\n')) { "a bare LF in <$ics>" }
            val lines = ics.removeSuffix("\r\n").split("\r\n")
            assertEquals(listOf("BEGIN:VCALENDAR", "VERSION:2.0"), lines.take(2), "header")
            assertEquals("END:VCALENDAR", lines.last(), "footer")
            assertEquals(2, lines.count { it == "BEGIN:VEVENT" }, "two VEVENTs")
            assertEquals(2, lines.count { it == "END:VEVENT" }, "two END:VEVENTs")
            assertTrue(!ics.contains(tea.id) && lines.none { it == "SUMMARY:Tea" }) { "the waiting proposal is in the calendar" }
            assertTrue(lines.all { it.length <= 75 }) { "a line over 75 octets" }

            fun event(id: String): List<String> {
                val start = lines.indexOf("UID:$id@tandem")
                assertTrue(start > 0 && lines[start - 1] == "BEGIN:VEVENT") { "no VEVENT for $id" }
                return lines.subList(start, start + lines.drop(start).indexOf("END:VEVENT")).filter { !it.startsWith("DTSTAMP:") }
            }
            assertEquals(
                listOf("UID:${walk.id}@tandem", "SUMMARY:Evening walk", "DTSTART:20270301T203000", "DURATION:PT30M", "RRULE:FREQ=DAILY"),
                event(walk.id), "the floating daily walk (from its first evening after both accepted, not the day before)",
            )
            assertEquals(
                listOf(
                    "UID:${call.id}@tandem", "SUMMARY:Sunday call\\, with tea", "DESCRIPTION:How was the week?",
                    "DTSTART;TZID=$BERLIN:20270307T180000", "DURATION:PT60M", "RRULE:FREQ=WEEKLY;COUNT=10",
                ),
                event(call.id), "the fixed weekly call",
            )
            assertEquals(2, lines.count { it == "DTSTAMP:20270301T120000Z" }, "a DTSTAMP per event, the clock's now")
            // B, holding the same rituals at the same time, exports the same calendar.
            assertEquals(ics, b.tandem.exportIcs(), "B's calendar")

            // Paused and retired rituals leave the calendar.
            a.tandem.pauseRitual(walk.id)
            assertTrue(!a.tandem.exportIcs().contains(walk.id)) { "a paused ritual is in the calendar" }
            a.tandem.retireRitual(call.id)
            assertEquals(0, a.tandem.exportIcs().split("\r\n").count { it == "BEGIN:VEVENT" }, "nothing active, no events")
        }
    }

    @Test
    @DisplayName("recurrence: weekly, count, until and every-n-days round-trip and drive upcoming dates")
    fun `recurrence - weekly, count, until and every-n-days round-trip and drive upcoming dates`() {
        val db = newDb()
        db.tandem.closing { t ->
            val weekly = Recurrence(repeat = Repeat.Weekly, startDate = "2027-03-07")
            val run = t.proposeRitual(draft(title = "Long run", minutes = 60u, time = "10:00", zone = ZoneMode.Fixed(NY)).copy(recurrence = weekly))
            assertEquals(weekly, run.recurrence, "weekly round-trips on the ritual")
            assertEquals(weekly, t.rituals().single().recurrence, "and in rituals()")
            val occ = t.upcoming(T0, T0 + 28 * DAY, NY)
            assertEquals(listOf("2027-03-07", "2027-03-14", "2027-03-21", "2027-03-28"), occ.map { it.date }, "Sundays from 2027-03-07")
            assertEquals(listOf("2027-03-07 10:00", "2027-03-14 10:00", "2027-03-21 10:00", "2027-03-28 10:00"), occ.map { it.localStart }, "10:00 each, across the DST change")
            assertEquals(listOf(ms("2027-03-07T15:00:00Z"), ms("2027-03-14T14:00:00Z")), occ.take(2).map { it.startMs }, "EST then EDT")
            assertTrue(occ.all { it.status == OccurrenceStatus.SCHEDULED && !it.moved }) { "fresh occurrences: $occ" }

            val twice = Recurrence(Repeat.Weekly, startDate = "2027-03-07", count = 2u)
            val until = Recurrence(Repeat.Daily, startDate = "2027-03-02", untilDate = "2027-03-04")
            val everyThird = Recurrence(Repeat.EveryNDays(3u), startDate = "2027-03-01")
            val a = t.proposeRitual(draft(title = "Twice").copy(recurrence = twice))
            val b = t.proposeRitual(draft(title = "Until").copy(recurrence = until))
            val c = t.proposeRitual(draft(title = "Every third").copy(recurrence = everyThird))
            assertEquals(listOf(twice, until, everyThird), listOf(a, b, c).map { it.recurrence }, "recurrences round-trip")
            fun dates(id: String) = t.upcoming(T0 - DAY, T0 + 28 * DAY, NY).filter { it.ritualId == id }.map { it.date }
            assertEquals(listOf("2027-03-07", "2027-03-14"), dates(a.id), "count = 2")
            assertEquals(listOf("2027-03-02", "2027-03-03", "2027-03-04"), dates(b.id), "until 2027-03-04")
            assertEquals(listOf("2027-03-01", "2027-03-04", "2027-03-07", "2027-03-10"), dates(c.id).take(4), "every third day")
            // No recurrence: daily from the day before proposing.
            val daily = t.proposeRitual(draft(title = "Daily"))
            assertEquals(Recurrence(Repeat.Daily, startDate = "2027-02-28"), daily.recurrence, "no recurrence: daily from the day before proposing")
        }
    }

    @Test
    @DisplayName("marks: InvalidInput for a bad date, a date without an occurrence, a move over a week; NotAllowedNow for a waiting proposal; NotFound for an unknown id; nothing written")
    fun `marks - InvalidInput for a bad date, a date without an occurrence, a move over a week, NotAllowedNow for a waiting proposal, NotFound for an unknown id, nothing written`() {
        paired { a, b ->
            val run = activeFromA(a, b, draft(title = "Long run", minutes = 60u, time = "10:00").copy(recurrence = Recurrence(Repeat.Weekly, startDate = "2027-03-07", count = 3u)))
            val tea = a.tandem.proposeRitual(draft(title = "Tea", minutes = 15u, time = "16:00"))
            val before = a.tandem.upcoming(T0, T0 + 30 * DAY, NY)
            val sunday10 = ms("2027-03-07T15:00:00Z")
            val cases: Map<String, () -> Unit> = mapOf(
                "done, month 13" to { a.tandem.markDone(run.id, "2027-13-01", null, null) },
                "skip, month 13" to { a.tandem.skipOccurrence(run.id, "2027-13-01") },
                "move, month 13" to { a.tandem.moveOccurrence(run.id, "2027-13-01", sunday10) },
                "done, not a date" to { a.tandem.markDone(run.id, "next sunday", null, null) },
                "done, a Monday of a weekly ritual" to { a.tandem.markDone(run.id, "2027-03-08", null, null) },
                // T0 is 07:00 on 1 March in New York: Sunday the 7th has not come.
                "done, a day that has not come here" to { a.tandem.markDoneIn(run.id, "2027-03-07", null, null, NY) },
                "done, a day that has begun nowhere" to { a.tandem.markDone(run.id, "2027-03-14", null, null) },
                "done, in an unknown zone" to { a.tandem.markDoneIn(run.id, "2027-03-07", null, null, "Mars/Olympus") },
                "skip, before the start" to { a.tandem.skipOccurrence(run.id, "2027-02-28") },
                "move, after the count ends" to { a.tandem.moveOccurrence(run.id, "2027-03-28", ms("2027-03-28T14:00:00Z")) },
                "move, nine days later" to { a.tandem.moveOccurrence(run.id, "2027-03-07", sunday10 + 9 * DAY) },
                "move, nine days earlier" to { a.tandem.moveOccurrence(run.id, "2027-03-14", ms("2027-03-14T14:00:00Z") - 9 * DAY) },
            )
            for ((what, call) in cases) assertFailsWith<TandemException.InvalidInput>(what, call)
            // Well-formed, but a proposal has no occurrences yet: not now.
            val waiting: Map<String, () -> Unit> = mapOf(
                "done, a waiting proposal" to { a.tandem.markDone(tea.id, "2027-03-02", null, null) },
                "skip, a waiting proposal" to { a.tandem.skipOccurrence(tea.id, "2027-03-02") },
                "move, a waiting proposal" to { a.tandem.moveOccurrence(tea.id, "2027-03-02", T0 + DAY) },
            )
            for ((what, call) in waiting) assertFailsWith<TandemException.NotAllowedNow>(what, call)
            assertFailsWith<TandemException.NotFound>("done, unknown ritual") { a.tandem.markDone("0123456789abcdef01234567", "2027-03-07", null, null) }
            assertEquals(before, a.tandem.upcoming(T0, T0 + 30 * DAY, NY), "nothing marked by the refusals")
            // The proposal on B, once B is asked, is still unmarkable there.
            deliver(a, b)
            assertFailsWith<TandemException.NotAllowedNow>("B marks the waiting proposal") { b.tandem.markDone(tea.id, "2027-03-02", null, null) }
            // Within a week is fine.
            a.tandem.moveOccurrence(run.id, "2027-03-07", sunday10 + 6 * DAY)
            assertEquals(
                listOf(
                    listOf("2027-03-07", OccurrenceStatus.SCHEDULED, true, "2027-03-13 10:00"),
                    listOf("2027-03-14", OccurrenceStatus.SCHEDULED, false, "2027-03-14 10:00"),
                    listOf("2027-03-21", OccurrenceStatus.SCHEDULED, false, "2027-03-21 10:00"),
                ),
                a.tandem.marks(run.id, T0, T0 + 30 * DAY), "a six-day move",
            )
            // Retired: no longer in effect.
            a.tandem.retireRitual(run.id)
            assertFailsWith<TandemException.NotAllowedNow>("done on a retired ritual") { a.tandem.markDone(run.id, "2027-03-14", null, null) }
        }
    }
}
