package app.tandem.shell

import app.tandem.ffi.Occurrence
import app.tandem.ffi.PendingChange
import app.tandem.ffi.Recurrence
import app.tandem.ffi.ReminderKind
import app.tandem.ffi.Repeat
import app.tandem.ffi.ReviewOutcome
import app.tandem.ffi.Rhythm
import app.tandem.ffi.Ritual
import app.tandem.ffi.RitualDraft
import app.tandem.ffi.RitualStatus
import app.tandem.ffi.TandemException
import app.tandem.ffi.RitualFormResult
import app.tandem.ffi.RitualPurpose
import app.tandem.ffi.Weekday
import app.tandem.ffi.ZoneMode
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.fail
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test

/**
 * Ritual options: weekday repeats, personal rituals, trials and their
 * review, snooze, rest weeks, and personal rows on Today.
 */
class RitualOptionsTests : StoreTestBase() {
    @Test
    @DisplayName("Weekday enum: Weekdays and MonthlyOnWeekday round-trip by value, normalised, and drive upcoming dates")
    fun `Weekday enum - Weekdays and MonthlyOnWeekday round-trip by value, normalised, and drive upcoming dates`() {
        val db = newDb()
        db.tandem.closing { t ->
            val monFri = Repeat.Weekdays(listOf(Weekday.MONDAY, Weekday.FRIDAY))
            val gym = t.proposeRitual(draft(title = "Gym").copy(recurrence = Recurrence(monFri, startDate = "2027-03-01")))
            // Value equality: a fresh list equals the one the core returned.
            assertEquals(Repeat.Weekdays(listOf(Weekday.MONDAY, Weekday.FRIDAY)), gym.recurrence.repeat, "Weekdays on the ritual")
            assertEquals(Repeat.Weekdays(listOf(Weekday.MONDAY, Weekday.FRIDAY)), t.rituals().single().recurrence.repeat, "Weekdays in rituals()")
            assertEquals(Recurrence(monFri, startDate = "2027-03-01"), t.ritualDraft(gym.id).recurrence, "Weekdays in ritualDraft")
            fun dates(id: String) = t.upcoming(T0 - DAY, T0 + 14 * DAY, NY).filter { it.ritualId == id }.map { it.date }
            assertEquals(listOf("2027-03-01", "2027-03-05", "2027-03-08", "2027-03-12"), dates(gym.id), "Mondays and Fridays")

            // A set of days: order and repeats do not matter; Monday first.
            val shuffled = t.proposeRitual(
                draft(title = "Shuffled").copy(recurrence = Recurrence(Repeat.Weekdays(listOf(Weekday.SUNDAY, Weekday.WEDNESDAY, Weekday.SUNDAY)), startDate = "2027-03-01")),
            )
            assertEquals(Repeat.Weekdays(listOf(Weekday.WEDNESDAY, Weekday.SUNDAY)), shuffled.recurrence.repeat, "normalised day set")
            assertEquals(listOf("2027-03-03", "2027-03-07", "2027-03-10", "2027-03-14"), dates(shuffled.id), "Wednesdays and Sundays")

            val secondTuesday = Repeat.MonthlyOnWeekday(2, Weekday.TUESDAY)
            val lastFriday = Repeat.MonthlyOnWeekday(-1, Weekday.FRIDAY)
            val book = t.proposeRitual(draft(title = "Book club").copy(recurrence = Recurrence(secondTuesday, startDate = "2027-03-01")))
            val dinner = t.proposeRitual(draft(title = "Dinner out").copy(recurrence = Recurrence(lastFriday, startDate = "2027-03-01")))
            assertEquals(Repeat.MonthlyOnWeekday(2, Weekday.TUESDAY), book.recurrence.repeat, "second Tuesday")
            assertEquals(Repeat.MonthlyOnWeekday(-1, Weekday.FRIDAY), dinner.recurrence.repeat, "last Friday")
            fun monthly(id: String) = t.upcoming(T0, T0 + 90 * DAY, NY).filter { it.ritualId == id }.map { it.date }
            assertEquals(listOf("2027-03-09", "2027-04-13", "2027-05-11"), monthly(book.id), "second Tuesdays")
            assertEquals(listOf("2027-03-26", "2027-04-30", "2027-05-28"), monthly(dinner.id), "last Fridays")

            for ((what, repeat) in listOf(
                "no weekday" to Repeat.Weekdays(emptyList()),
                "0th Tuesday" to Repeat.MonthlyOnWeekday(0, Weekday.TUESDAY),
                "6th Tuesday" to Repeat.MonthlyOnWeekday(6, Weekday.TUESDAY),
            )) {
                assertFailsWith<TandemException.InvalidInput>(what) { t.proposeRitual(draft().copy(recurrence = Recurrence(repeat))) }
            }
            assertEquals(4, t.rituals().size, "refused recurrences wrote nothing")
        }
    }

    @Test
    @DisplayName("personal ritual: ACTIVE at once before pairing, never reaches the partner, needs no answer, changes at once")
    fun `personal ritual - ACTIVE at once before pairing, never reaches the partner, needs no answer, changes at once`() {
        val a = phone(ANA)
        val b = phone(BEN)
        using(a, b) {
            val me = a.c.core.device().deviceId
            val journal = a.c.core.addPersonalRitual(draft("Morning pages", null, 20u, "08:00", ZoneMode.Floating))
            assertEquals(RitualStatus.ACTIVE, journal.status, "active at once")
            assertEquals(true, journal.personal, "personal")
            assertEquals(null, journal.pending, "nothing waits")
            assertEquals(null, journal.trialUntil, "no trial")
            assertEquals(me to T0, journal.proposedBy to journal.proposedAtMs, "made by this phone, now")
            assertEquals(listOf(journal), a.c.core.rituals(), "A's rituals")
            assertEquals(
                RitualDraft(journal.title, journal.prompt, journal.minutes, journal.timeOfDay, journal.zone, journal.recurrence, journal.windowEnd, journal.leadMinutes, null),
                a.c.core.ritualDraft(journal.id), "ritualDraft is the version shown",
            )
            val row = a.row(journal.id)
            assertEquals(
                listOf(journal.id, "Morning pages", "08:00", 20u, null, RitualTexts.PERSONAL, null, listOf(RitualAction.CHANGE, RitualAction.PAUSE, RitualAction.RETIRE), true),
                listOf(row.id, row.title, row.time, row.minutes, row.zoneNote, row.status, row.suggestion, row.actions, row.personal), "a personal row: no partner to wait for",
            )
            // In effect at once: on Today and reminded, before any pairing.
            assertEquals(listOf("Morning pages" to "08:00"), a.agenda(), "A's Today")
            val first = a.c.core.planReminders(NY, 60u).first()
            assertEquals(listOf<Any>(journal.id, ReminderKind.RITUAL, ms("2027-03-01T13:00:00Z")), listOf(first.sourceId, first.kind, first.fireAtMs), "first reminder at 08:00 New York")

            notNow(a, "accept a personal ritual", "personal") { a.c.core.acceptRitual(journal.id) }
            notNow(a, "decline a personal ritual", "personal") { a.c.core.declineRitual(journal.id) }
            val changed = a.c.core.counterRitual(journal.id, "Morning pages", null, 20u, "09:15", ZoneMode.Floating)
            assertEquals(journal.copy(timeOfDay = "09:15", version = changed.version, terms = changed.terms), changed, "a counter is in effect at once: ACTIVE, 09:15, nothing pending")
            assertEquals("09:15", changed.terms.first { it.field == "time_of_day" }.text, "its words say 09:15")
            assertTrue(changed.version != journal.version) { "a new version, a new id" }
            assertEquals(listOf(changed), a.c.core.rituals(), "A's rituals after the change")
            assertEquals("09:15" to null, a.row(journal.id).time to a.row(journal.id).suggestion, "the row shows 09:15, no suggestion")
            // The same version again: the change form holds it back with its words, and nothing changes.
            val again = a.c.core.submitRitualForm(a.c.core.ritualDraft(journal.id).copy(title = "Morning pages", prompt = null, minutes = 20u, timeOfDay = "09:15", zone = ZoneMode.Floating).asForm(), RitualPurpose.Change(journal.id), phoneNow())
            val held = (again as? RitualFormResult.Check)?.check ?: fail("the same version again was sent: $again")
            assertEquals("This is the same as the version it changes." to null, held.form to held.draft, "the same version again: the form's words, no draft")
            assertEquals(listOf(changed), a.c.core.rituals(), "A's rituals after the same version again")

            // Pair, propose a shared ritual, sync both ways: only the shared one travels.
            pairFlows(a, b)
            val k = Couple(a, b)
            val walk = a.c.core.proposeRitual(draft("Evening walk", null, 30u, "20:30", ZoneMode.Floating))
            k.sync()
            assertEquals(listOf(walk.id), b.c.core.rituals().map { it.id }, "B holds the shared ritual only")
            assertEquals(setOf(journal.id, walk.id), a.c.core.rituals().map { it.id }.toSet(), "A holds both")
            assertTrue(b.c.core.planReminders(NY, 60u).none { it.sourceId == journal.id }) { "B plans reminders for A's personal ritual" }
            notFound(b, "B accepts A's personal ritual", "no ritual has this id") { b.c.core.acceptRitual(journal.id) }

            // Paused and changed again after pairing: still never on B.
            assertEquals(RitualStatus.PAUSED, a.c.core.pauseRitual(journal.id).status, "paused")
            assertEquals(RitualTexts.PERSONAL_PAUSED to listOf(RitualAction.CHANGE, RitualAction.RESUME, RitualAction.RETIRE), a.row(journal.id).let { it.status to it.actions }, "paused personal row")
            a.c.core.resumeRitual(journal.id)
            a.c.core.counterRitual(journal.id, "Morning pages", "Three pages", 25u, "07:30", ZoneMode.Floating)
            k.sync()
            assertEquals(listOf(walk.id), b.c.core.rituals().map { it.id }, "B after another sync")

            // The calendar file leaves it out unless asked for.
            assertTrue(!a.c.core.exportIcs().contains(journal.id)) { "a personal ritual in the default calendar" }
            assertTrue(a.c.core.exportIcs(includePersonal = true).contains("UID:${journal.id}@tandem")) { "no personal ritual when asked for" }
        }
    }

    @Test
    @DisplayName("trial: due on its last day with a TRIAL_REVIEW reminder; Keep waits for the partner, who accepts; then no trial on both")
    fun `trial - due on its last day with a TRIAL_REVIEW reminder, Keep waits for the partner, who accepts, then no trial on both`() {
        couple { k ->
            val (a, b) = k.a to k.b
            val rig = ReminderRig(k)
            val walk = a.c.core.proposeRitual(draft("Evening walk", null, 30u, "20:30", ZoneMode.Floating).copy(trialUntil = "2027-03-08"))
            assertEquals("2027-03-08" to "2027-03-08", walk.trialUntil to walk.pending?.trialUntil, "the proposal carries the trial end")
            assertEquals("2027-03-08", a.c.core.ritualDraft(walk.id).trialUntil, "and so does its draft")
            k.aToB()
            b.c.core.acceptRitual(walk.id)
            k.bToA()
            for ((who, p) in listOf("A" to a, "B" to b)) {
                val r = p.c.core.rituals().single()
                assertEquals(Triple(RitualStatus.ACTIVE, "2027-03-08", null as PendingChange?), Triple(r.status, r.trialUntil, r.pending), "$who: active trial")
                assertEquals(emptyList<Ritual>(), p.c.core.reviewsDue(NY), "$who: nothing due at T0")
                assertEquals("Trying it until Mon 8 Mar 2027" to false, p.row(walk.id).let { it.trialNote to it.reviewDue }, "$who: the row shows the trial")
            }
            // Planned ahead like any reminder: the last day, at the ritual's time.
            assertEquals(
                listOf(ms("2027-03-09T01:30:00Z")),
                a.c.core.planReminders(NY, 60u).filter { it.kind == ReminderKind.TRIAL_REVIEW }.map { it.fireAtMs },
                "the review reminder, planned at T0",
            )

            // The evening before, in New York: not yet. Floating, so a Berlin clock already reads the 8th.
            k.setClocks(ms("2027-03-08T01:00:00Z"))
            assertEquals(emptyList<Ritual>(), a.c.core.reviewsDue(NY), "not due on the 7th in New York")
            assertEquals(listOf(walk.id), a.c.core.reviewsDue(BERLIN).map { it.id }, "due on the 8th in Berlin")

            // The last day, 07:00 in New York.
            k.setClocks(ms("2027-03-08T12:00:00Z"))
            for ((who, p) in listOf("A" to a, "B" to b)) {
                assertEquals(listOf(walk.id), p.c.core.reviewsDue(NY).map { it.id }, "$who: due on its last day")
                val row = p.row(walk.id)
                assertEquals(RitualTexts.REVIEW_DUE, row.status, "$who: status")
                assertEquals(listOf(RitualAction.KEEP, RitualAction.ADJUST, RitualAction.STOP, RitualAction.PAUSE, RitualAction.RETIRE), row.actions, "$who: look back instead of counter")
                assertEquals(listOf(row), p.screen().rows.filter { it.reviewDue }, "$who: the review section")
            }
            val plan = rig.replan(ReplanTrigger.TIME_CHANGED)
            val review = plan.planned.filter { it.kind == ReminderKind.TRIAL_REVIEW }
            assertEquals(1, review.size, "one review reminder")
            assertEquals(
                listOf<Any>(walk.id, ms("2027-03-09T01:30:00Z"), "2027-03-08 20:30", "Time to look back: Evening walk", "Your experiment ends today: keep it, adjust it, or stop?"),
                review.single().let { listOf(it.sourceId, it.fireAtMs, it.localTime, it.title, it.body) },
                "the review reminder: the last day at the ritual's time",
            )
            assertEquals(review.single().privateTitle, rig.scheduler.armed.getValue(review.single().id).title, "armed with the private title (content hidden by default)")
            assertTrue("Evening walk" !in rig.scheduler.armed.getValue(review.single().id).let { it.title + it.body }) { "the review names the ritual while hidden" }
            assertTrue(plan.planned.filter { it.sourceId == walk.id && it.kind != ReminderKind.TRIAL_REVIEW }.all { it.kind == ReminderKind.RITUAL }) { "other kinds in the plan" }
            assertTrue(plan.planned.any { it.kind == ReminderKind.RITUAL && it.fireAtMs == ms("2027-03-09T01:30:00Z") }) { "the occurrence's own reminder is gone" }

            // Past its time that evening: still due, but its reminder has gone by.
            k.setClocks(ms("2027-03-09T02:00:00Z"))
            assertEquals(listOf(walk.id), a.c.core.reviewsDue(NY).map { it.id }, "still due at 21:00 on the last day")
            assertTrue(a.c.core.planReminders(NY, 60u).none { it.kind == ReminderKind.TRIAL_REVIEW }) { "a review reminder in the past" }

            // A keeps it: the same version without the trial end waits for B.
            val kept = a.c.core.reviewRitual(walk.id, ReviewOutcome.Keep)
            assertEquals(RitualStatus.ACTIVE to "2027-03-08", kept.status to kept.trialUntil, "the trial stays in effect until B agrees")
            assertEquals(
                PendingChange("Evening walk", null, 30u, "20:30", ZoneMode.Floating, walk.recurrence, walk.windowEnd, walk.leadMinutes, null, k.aId, version = kept.pending!!.version, terms = kept.pending!!.terms, changes = kept.pending!!.changes),
                kept.pending, "A's keep waits: the same version, no trial end",
            )
            assertEquals(listOf("trial: none (for good) instead of until 2027-03-08, then a review"), kept.pending!!.changes.map { it.summary }, "the keep says what it changes")
            assertEquals(emptyList<Ritual>(), a.c.core.reviewsDue(NY), "A: answered, no longer due")
            assertEquals(RitualTexts.ACTIVE_CHANGE_FOR_PARTNER to false, a.row(walk.id).let { it.status to it.reviewDue }, "A's row")
            k.aToB()
            assertEquals(emptyList<Ritual>(), b.c.core.reviewsDue(NY), "B: an answer waits, not due")
            val bRow = b.row(walk.id)
            assertEquals(RitualTexts.ACTIVE_CHANGE_FOR_YOU to CHANGE_BUTTONS_ACTIVE, bRow.status to bRow.actions, "B is asked")
            assertEquals(listOf("trial: none (for good) instead of until 2027-03-08, then a review"), bRow.changes, "B sees the keep without a trial end")
            val forGood = b.c.core.acceptRitual(walk.id)
            assertEquals(kept.copy(trialUntil = null, pending = null, version = kept.pending!!.version, terms = kept.pending!!.terms), forGood, "B accepts: kept for good")
            k.bToA()
            for ((who, p) in listOf("A" to a, "B" to b)) {
                val r = p.c.core.rituals().single()
                assertEquals(Triple(RitualStatus.ACTIVE, null as String?, null as PendingChange?), Triple(r.status, r.trialUntil, r.pending), "$who: no trial, nothing pending")
                assertEquals(emptyList<Ritual>(), p.c.core.reviewsDue(NY), "$who: nothing due")
                assertTrue(p.c.core.planReminders(NY, 60u).none { it.kind == ReminderKind.TRIAL_REVIEW }) { "$who: a review reminder after keeping" }
                assertEquals(RitualTexts.ACTIVE to ACTIVE_BUTTONS, p.row(walk.id).let { it.status to it.actions }, "$who: a plain active row")
            }
            notNow(a, "keep a ritual that is no longer a trial", "not a trial") { a.c.core.reviewRitual(walk.id, ReviewOutcome.Keep) }
            k.sync()
        }
    }

    @Test
    @DisplayName("trial: an end date today, past, unparsable or over a year is InvalidInput; review refusals; Adjust, Stop, personal Keep")
    fun `trial - an end date today, past, unparsable or over a year is InvalidInput, review refusals, Adjust, Stop, personal Keep`() {
        paired { a, b ->
            val t = a.tandem
            for ((what, until) in listOf(
                "today" to "2027-03-01",
                "in the past" to "2027-02-20",
                "a year and a day ahead" to "2028-03-02",
                "not a date" to "2027-13-01",
            )) {
                assertFailsWith<TandemException.InvalidInput>("propose, trial ending $what") { t.proposeRitual(draft().copy(trialUntil = until)) }
                assertFailsWith<TandemException.InvalidInput>("personal, trial ending $what") { t.addPersonalRitual(draft().copy(trialUntil = until)) }
            }
            assertEquals(emptyList<Ritual>(), t.rituals(), "nothing written by refused trials")
            assertEquals("2028-03-01", t.proposeRitual(draft(title = "Year").copy(trialUntil = "2028-03-01")).trialUntil, "a year ahead is the limit")

            val plain = activeFromA(a, b, draft(title = "Plain"))
            assertFailsWith<TandemException.NotAllowedNow>("review a ritual without a trial") { t.reviewRitual(plain.id, ReviewOutcome.Keep) }
            assertFailsWith<TandemException.NotFound>("review an unknown id") { t.reviewRitual("0123456789abcdef01234567", ReviewOutcome.Stop) }
            assertFailsWith<TandemException.NotFound>("ritualDraft of an unknown id") { t.ritualDraft("0123456789abcdef01234567") }
            assertFailsWith<TandemException.InvalidInput>("reviewsDue in an unknown zone") { t.reviewsDue("Mars/Olympus") }

            // Adjust: a counter that ends the experiment at another time.
            val tea = activeFromA(a, b, draft(title = "Tea", minutes = 15u, time = "16:00").copy(trialUntil = "2027-03-15"))
            val adjusted = t.reviewRitual(tea.id, ReviewOutcome.Adjust(t.ritualDraft(tea.id).copy(timeOfDay = "17:00", trialUntil = null)))
            assertEquals(listOf<Any?>("16:00", "2027-03-15", "17:00", null), listOf(adjusted.timeOfDay, adjusted.trialUntil, adjusted.pending?.timeOfDay, adjusted.pending?.trialUntil), "the adjustment waits beside the trial")
            deliver(a, b)
            val accepted = b.tandem.acceptRitual(tea.id)
            assertEquals("17:00" to null as String?, accepted.timeOfDay to accepted.trialUntil, "accepted: 17:00 for good")

            // Stop: retired on both, by one partner alone.
            val run = activeFromA(a, b, draft(title = "Run", time = "07:00").copy(trialUntil = "2027-03-10"))
            assertEquals(RitualStatus.RETIRED, t.reviewRitual(run.id, ReviewOutcome.Stop).status, "stopped")
            deliver(a, b)
            assertEquals(RitualStatus.RETIRED, b.tandem.rituals().single { it.id == run.id }.status, "stopped on B")
            assertFailsWith<TandemException.NotAllowedNow>("review a stopped trial") { t.reviewRitual(run.id, ReviewOutcome.Keep) }

            // A personal trial is kept at once.
            val mine = t.addPersonalRitual(draft(title = "Stretch", time = "06:30").copy(trialUntil = "2027-03-05"))
            assertEquals(RitualStatus.ACTIVE to "2027-03-05", mine.status to mine.trialUntil, "a personal trial")
            val keptMine = t.reviewRitual(mine.id, ReviewOutcome.Keep)
            assertEquals(mine.copy(trialUntil = null, version = keptMine.version, terms = keptMine.terms), keptMine, "kept at once: no trial, nothing pending")
            assertEquals("none (for good)", keptMine.terms.first { it.field == "trial_until" }.text, "its words say: for good")
        }
    }

    @Test
    @DisplayName("snooze: one SNOOZED reminder at the returned instant replaces the earlier ones, on this phone only; refusals by kind")
    fun `snooze - one SNOOZED reminder at the returned instant replaces the earlier ones, on this phone only, refusals by kind`() {
        couple { k ->
            val (a, b) = k.a to k.b
            val rig = ReminderRig(k)
            val walk = k.activeFromA(walkDraft())
            val base = rig.replan(ReplanTrigger.APP_START).planned
            val firstStart = ms("2027-03-02T01:30:00Z") // 2027-03-01 20:30 in New York
            val firstIds = base.filter { it.occurrenceStartMs == firstStart }.map { it.id }
            assertEquals(2, firstIds.size, "the first evening's two reminders")

            // 20:05: the 20:00 reminder has fired; "in 45 minutes".
            k.setClocks(ms("2027-03-02T01:05:00Z"))
            val until = a.c.core.snoozeReminder(walk.id, "2027-03-01", 45u, NY)
            assertEquals(ms("2027-03-02T01:50:00Z"), until, "back 45 minutes from now")
            val r = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            val snoozed = r.planned.filter { it.kind == ReminderKind.SNOOZED }
            assertEquals(1, snoozed.size, "one snoozed reminder")
            assertEquals(
                listOf<Any>(walk.id, until, firstStart, "2027-03-01 20:50", "Evening walk", "Snoozed from 20:30"),
                snoozed.single().let { listOf(it.sourceId, it.fireAtMs, it.occurrenceStartMs, it.localTime, it.title, it.body) },
                "the snoozed reminder",
            )
            assertTrue(r.planned.none { it.kind == ReminderKind.RITUAL && it.occurrenceStartMs == firstStart && it.fireAtMs <= until }) {
                "a ritual reminder for the snoozed evening at or before the snooze"
            }
            assertEquals(listOf(snoozed.single().id), r.armed, "armed: the snoozed one")
            assertEquals(firstIds.sorted(), r.cancelled.sorted(), "cancelled: that evening's two reminders (20:30 gives way to 20:50)")
            assertEquals(base.filter { it.occurrenceStartMs != firstStart }, r.planned.filter { it.kind == ReminderKind.RITUAL }, "the other evenings unchanged")

            // Device-local: B, even after a sync, keeps the 20:30 reminder and has no snooze.
            k.aToB()
            val onB = b.c.core.planReminders(NY, 60u)
            assertTrue(onB.none { it.kind == ReminderKind.SNOOZED }) { "a snooze reached B" }
            assertTrue(onB.any { it.kind == ReminderKind.RITUAL && it.occurrenceStartMs == firstStart && it.fireAtMs == firstStart }) { "B lost its 20:30 reminder" }

            for (m in listOf(0u, 721u, UInt.MAX_VALUE)) {
                assertFailsWith<TandemException.InvalidInput>("snooze $m minutes") { a.c.core.snoozeReminder(walk.id, "2027-03-01", m, NY) }
            }
            assertFailsWith<TandemException.InvalidInput>("snooze in an unknown zone") { a.c.core.snoozeReminder(walk.id, "2027-03-01", 10u, "Mars/Olympus") }
            assertFailsWith<TandemException.NotFound>("snooze an unknown ritual") { a.c.core.snoozeReminder("0123456789abcdef01234567", "2027-03-01", 10u, NY) }
            assertFailsWith<TandemException.NotAllowedNow>("snooze an evening two days off") { a.c.core.snoozeReminder(walk.id, "2027-03-03", 10u, NY) }
            assertEquals(until, rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE).planned.single { it.kind == ReminderKind.SNOOZED }.fireAtMs, "refusals left the snooze as it was")

            // 20:05 on the 1st in New York: tomorrow evening cannot be done yet (InvalidInput), tonight's can.
            assertFailsWith<TandemException.InvalidInput>("done for tomorrow, in New York") { a.c.core.markDoneIn(walk.id, "2027-03-02", null, null, NY) }
            // Done: the snooze goes with its evening's reminders, and it cannot be snoozed again.
            a.c.core.markDoneIn(walk.id, "2027-03-01", null, null, NY)
            val done = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            assertEquals(listOf(snoozed.single().id), done.cancelled, "done: the snoozed reminder cancelled")
            assertTrue(done.planned.none { it.occurrenceStartMs == firstStart }) { "reminders for a done evening" }
            assertFailsWith<TandemException.NotAllowedNow>("snooze a done evening") { a.c.core.snoozeReminder(walk.id, "2027-03-01", 10u, NY) }
        }
    }

    @Test
    @DisplayName("rest week: declared on A, synced, resting on B; no reminders and no rhythm that week; call off; refusals")
    fun `rest week - declared on A, synced, resting on B, no reminders and no rhythm that week, call off, refusals`() {
        paired { a, b ->
            val walk = activeFromA(a, b, draft(title = "Evening walk", minutes = 30u, time = "20:30"))
            assertEquals(emptyList<String>(), a.tandem.restWeeks(), "no rest weeks at first")
            assertEquals("2027-03-08", a.tandem.declareRestWeek("2027-03-10", NY), "the Monday of the week holding Wednesday the 10th")
            assertEquals("2027-03-08", a.tandem.declareRestWeek("2027-03-14", NY), "declaring it again (from its Sunday) is fine")
            assertEquals(listOf("2027-03-08"), a.tandem.restWeeks(), "A's rest weeks")
            assertEquals(emptyList<String>(), b.tandem.restWeeks(), "B before the sync")
            deliver(a, b)
            assertEquals(listOf("2027-03-08"), b.tandem.restWeeks(), "B after the sync")

            val (from, to) = ms("2027-03-05T00:00:00Z") to ms("2027-03-17T00:00:00Z")
            val expected = (4..15).map { d -> "2027-03-%02d".format(d) to (d in 8..14) }
            for ((who, db) in listOf("A" to a, "B" to b)) {
                assertEquals(expected, db.tandem.upcoming(from, to, NY).filter { it.ritualId == walk.id }.map { it.date to it.resting }, "$who: resting exactly Monday 8th to Sunday 14th")
                val plan = db.tandem.planReminders(NY, 60u)
                val week = ms("2027-03-08T05:00:00Z") until ms("2027-03-15T04:00:00Z") // that week in New York
                assertTrue(plan.none { it.occurrenceStartMs in week || it.fireAtMs in week }) { "$who: a reminder in the rest week" }
                assertEquals(true to true, plan.any { it.fireAtMs == ms("2027-03-08T01:30:00Z") } to plan.any { it.fireAtMs == ms("2027-03-16T00:30:00Z") }, "$who: the Sundays around it are reminded")
            }

            // A fortnight on: the week counts as neither kept nor missed, even a walk marked done in it.
            setClocks(ms("2027-03-15T12:00:00Z"), a, b)
            a.tandem.markDone(walk.id, "2027-03-03", null, null)
            a.tandem.markDone(walk.id, "2027-03-09", null, null)
            // (The 1st's 20:30 had begun in the east before the walk was agreed: unmarked, it counts
            // in no figure.)
            assertEquals(listOf(Rhythm(walk.id, "Evening walk", 1u, 6u, 1u, 6u)), a.tandem.rhythm(NY), "rhythm without the rest week")

            // B calls it off (the later word wins); A hears of it.
            assertEquals("2027-03-08", b.tandem.callOffRestWeek("2027-03-09", NY), "called off")
            deliver(b, a)
            assertEquals(emptyList<String>(), a.tandem.restWeeks(), "A after the call-off")
            assertTrue(a.tandem.upcoming(from, to, NY).none { it.resting }) { "resting after the call-off" }
            assertEquals(listOf(Rhythm(walk.id, "Evening walk", 1u, 7u, 2u, 13u)), a.tandem.rhythm(NY), "rhythm with the week back")

            assertFailsWith<TandemException.NotFound>("call off a week that is not a rest week") { a.tandem.callOffRestWeek("2027-03-17", NY) }
            assertFailsWith<TandemException.InvalidInput>("a week more than four weeks back") { a.tandem.declareRestWeek("2027-02-10", NY) }
            assertFailsWith<TandemException.InvalidInput>("a week more than a year ahead") { a.tandem.declareRestWeek("2028-06-01", NY) }
            assertFailsWith<TandemException.InvalidInput>("not a date") { a.tandem.declareRestWeek("2027-02-30", NY) }
            assertFailsWith<TandemException.InvalidInput>("an unknown zone") { a.tandem.declareRestWeek("2027-03-22", "Mars/Olympus") }
            assertEquals(emptyList<String>(), a.tandem.restWeeks(), "nothing written by the refusals")
        }
    }

    @Test
    @DisplayName("controller: a rest week re-plans away exactly that week's reminders; Today shows it resting; calling it off re-arms the same ids")
    fun `controller - a rest week re-plans away exactly that week's reminders, Today shows it resting, calling it off re-arms the same ids`() {
        couple { k ->
            val (a, b) = k.a to k.b
            val rig = ReminderRig(k)
            val walk = k.activeFromA(walkDraft().copy(recurrence = Recurrence(Repeat.Daily, startDate = "2027-03-01", count = 14u)))
            val base = rig.replan(ReplanTrigger.APP_START)
            assertEquals(28, base.armed.size, "two reminders an evening for 14 evenings")
            val week = ms("2027-03-08T05:00:00Z") until ms("2027-03-15T04:00:00Z")
            val inWeek = base.planned.filter { it.occurrenceStartMs in week }.map { it.id }
            assertEquals(14, inWeek.size, "seven evenings in the rest week")

            assertEquals("2027-03-08", a.c.core.declareRestWeek("2027-03-08", NY), "declared from its Monday")
            val rested = rig.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            assertEquals(inWeek.sorted(), rested.cancelled.sorted(), "exactly that week's reminders cancelled")
            assertEquals(emptyList<String>(), rested.armed, "nothing armed")
            assertEquals(
                listOf(true, false),
                listOf(ms("2027-03-10T12:00:00Z"), T0).map { now -> a.clock.set(now); a.c.todayModel(NY).coming.single { it.ritualId == walk.id }.resting },
                "Today: resting on the 10th, not on the 1st",
            )

            k.aToB()
            assertEquals(listOf("2027-03-08"), b.c.core.restWeeks(), "B holds the rest week")
            assertTrue(b.c.core.planReminders(NY, 60u).none { it.occurrenceStartMs in week }) { "B plans reminders in the rest week" }
            assertEquals("2027-03-08", b.c.core.callOffRestWeek("2027-03-12", NY), "B calls it off")
            k.bToA()
            assertEquals(emptyList<String>(), a.c.core.restWeeks(), "A after B called it off")
            val back = rig.replan(ReplanTrigger.AFTER_IMPORT)
            assertEquals(inWeek.sorted(), back.armed.sorted(), "the same ids re-armed")
            val gone = assertFailsWith<TandemException.NotFound>("call it off twice") { a.c.core.callOffRestWeek("2027-03-08", NY) }
            assertEquals(UserMessages.NOT_FOUND, UserMessages.forError(gone), "its message")
        }
    }

    @Test
    @DisplayName("controller: on a trial's last day, adjustRitual (no new trial end) and stopRitual end the experiment on both phones")
    fun `controller - on a trial's last day, adjustRitual (no new trial end) and stopRitual end the experiment on both phones`() {
        couple { k ->
            val (a, b) = k.a to k.b
            val tea = a.c.core.proposeRitual(draft("Tea", null, 15u, "16:00", ZoneMode.Fixed(BERLIN)).copy(trialUntil = "2027-03-03"))
            val run = a.c.core.proposeRitual(draft("Run", null, 40u, "07:00", ZoneMode.Floating).copy(trialUntil = "2027-03-03"))
            k.aToB()
            b.c.core.acceptRitual(tea.id)
            b.c.core.acceptRitual(run.id)
            k.bToA()
            k.setClocks(ms("2027-03-03T12:00:00Z"))
            assertEquals(listOf(tea.id, run.id), a.c.core.reviewsDue(NY).map { it.id }, "both due on their last day")
            val adjusted = a.c.core.reviewRitual(
                tea.id,
                ReviewOutcome.Adjust(a.c.core.ritualDraft(tea.id).copy(title = "Tea", prompt = "Green, please", minutes = 20u, timeOfDay = "17:00", zone = ZoneMode.Fixed(BERLIN), trialUntil = null)),
            )
            assertEquals(
                listOf<Any?>("16:00", "2027-03-03", "17:00", 20u, "Green, please", null, ZoneMode.Fixed(BERLIN)),
                listOf(adjusted.timeOfDay, adjusted.trialUntil, adjusted.pending?.timeOfDay, adjusted.pending?.minutes, adjusted.pending?.prompt, adjusted.pending?.trialUntil, adjusted.pending?.zone),
                "the adjustment waits beside the trial, without a trial end",
            )
            assertEquals(tea.recurrence, adjusted.pending?.recurrence, "the repeat carries over")
            val stopped = a.c.core.reviewRitual(run.id, ReviewOutcome.Stop)
            assertEquals(RitualStatus.RETIRED, stopped.status, "stopped")
            assertEquals(emptyList<Ritual>(), a.c.core.reviewsDue(NY), "nothing due on A")
            assertEquals(listOf(run.id to RitualTexts.RETIRED), a.screen().ended.map { it.ritualId to it.status }, "the stopped run is in the past section")
            k.aToB()
            assertEquals(RitualStatus.RETIRED, b.c.core.rituals().single { it.id == run.id }.status, "stopped on B")
            val accepted = b.c.core.acceptRitual(tea.id)
            assertEquals(listOf<Any?>("17:00", 20u, null, null), listOf(accepted.timeOfDay, accepted.minutes, accepted.trialUntil, accepted.pending), "B accepts: 17:00 for good")
            k.bToA()
            assertEquals(emptyList<Ritual>(), a.c.core.reviewsDue(NY) + b.c.core.reviewsDue(NY), "nothing due on either phone")
            k.sync()
        }
    }

    @Test
    @DisplayName("trials: on the last day a counter carrying the trial end unchanged is accepted; keeping it while that change waits is NotAllowedNow")
    fun `trials - on the last day a counter carrying the trial end unchanged is accepted, keeping it while that change waits is NotAllowedNow`() {
        couple { k ->
            val (a, b) = k.a to k.b
            val tea = a.c.core.proposeRitual(draft("Tea", null, 15u, "16:00", ZoneMode.Floating).copy(trialUntil = "2027-03-03"))
            k.aToB()
            b.c.core.acceptRitual(tea.id)
            k.bToA()
            k.setClocks(ms("2027-03-03T12:00:00Z"))
            assertEquals(listOf(tea.id), a.c.core.reviewsDue(NY).map { it.id }, "its last day")
            assertEquals("2027-03-03", a.c.core.ritualDraft(tea.id).trialUntil, "the draft carries the trial end")
            val countered = a.c.core.counterRitual(tea.id, "Tea", null, 15u, "17:00", ZoneMode.Floating)
            assertEquals(listOf<Any?>("16:00", "17:00", "2027-03-03"), listOf(countered.timeOfDay, countered.pending?.timeOfDay, countered.pending?.trialUntil), "the counter waits, the trial end carried unchanged")
            notNow(a, "keep the trial while a change waits", "already waits") { a.c.core.reviewRitual(tea.id, ReviewOutcome.Keep) }
            k.sync()
        }
    }

    @Test
    @DisplayName("Today: rows carry Occurrence.personal (a personal ritual true, a shared one false)")
    fun `Today - rows carry Occurrence personal (a personal ritual true, a shared one false)`() {
        couple { k ->
            val (a, b) = k.a to k.b
            a.c.core.addPersonalRitual(draft("Journal", null, 10u, "21:00", ZoneMode.Floating))
            val walk = a.c.core.proposeRitual(draft("Walk", null, 30u, "20:30", ZoneMode.Floating))
            k.aToB()
            b.c.core.acceptRitual(walk.id)
            k.bToA()
            val rows = a.c.todayModel(NY).coming
            assertEquals(listOf("Walk" to null, "Journal" to "Just for you"), rows.map { it.title to it.personalNote }, "A's Today rows")
            assertEquals(listOf("Walk" to false), b.c.todayModel(NY).coming.map { it.title to it.personal }, "B's Today rows")
        }
    }
}
