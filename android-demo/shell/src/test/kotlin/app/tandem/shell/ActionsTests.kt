package app.tandem.shell

import app.tandem.ffi.FormRequest
import app.tandem.ffi.ManualClock
import app.tandem.ffi.Repeat
import app.tandem.ffi.RitualActionKind
import app.tandem.ffi.RitualPurpose
import app.tandem.ffi.TandemException
import app.tandem.ffi.VisibleKind
import app.tandem.ffi.ZoneMode
import app.tandem.ffi.UserAction.MarkDone
import app.tandem.ffi.UserAction.PauseRitual
import app.tandem.ffi.UserAction.ResumeRitual
import app.tandem.ffi.UserAction.Snooze
import java.io.File
import java.util.concurrent.CountDownLatch
import kotlin.concurrent.thread
import kotlin.test.assertEquals
import kotlin.test.fail
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test

/**
 * A person's action as one core call (`perform`) through the session and
 * the coordinator: the outcome's reminders reach the scheduler (cancel
 * first, then arm), a refusal touches nothing, the notice reaches the caller.
 */
class ActionsTests : StoreTestBase() {
    /** Ana's phone as the app runs it, with a personal walk armed at start. */
    private class Solo {
        val scheduler = FakeScheduler()
        val session = TandemSession(TandemLauncher(File(tempDir(), "tandem.db"), InMemoryStorageKeyProvider(), ANA, ManualClock(T0)), scheduler) { NY }
        val walk = run {
            assertTrue(session.start() is LaunchState.Opened) { "start: ${session.state}" }
            session.change { it.core.addPersonalRitual(walkDraft()) }
        }

        fun perform(action: UserAction) = session.perform(Screen.TODAY, T0, NY, action)
    }

    @Test
    @DisplayName("perform: the session cancels what the outcome says, then arms what it says, and nothing else")
    fun `perform - the session cancels what the outcome says, then arms what it says, and nothing else`() {
        val s = Solo()
        try {
            val armed = s.scheduler.armed.keys.toList()
            assertEquals(6, armed.size, "the walk armed at the change")
            s.scheduler.take()

            val paused = s.perform(PauseRitual(s.walk.id))
            assertEquals(ActionOutcome.Done(null), paused.outcome, "paused: the screen says it")
            val out = paused.value ?: fail("no outcome")
            assertEquals(armed.sorted(), out.reminders.cancel.sorted(), "the outcome cancels the walk's reminders")
            assertEquals(emptyList<Alarm>(), out.reminders.arm, "and arms nothing")
            assertEquals(0u, out.toSend, "a personal ritual waits for nobody")
            assertEquals(listOf("pending", "cancel ${out.reminders.cancel}"), s.scheduler.take(), "exactly the outcome, on the scheduler")
            assertEquals(emptyMap<String, FakeScheduler.Armed>(), s.scheduler.armed, "nothing armed")

            val resumed = s.perform(ResumeRitual(s.walk.id)).value ?: fail("no outcome")
            assertEquals(emptyList<String>(), resumed.reminders.cancel, "nothing to cancel")
            assertEquals(armed.sorted(), resumed.reminders.arm.map { it.id }.sorted(), "the walk armed again, under the same ids")
            assertEquals(listOf("pending") + resumed.reminders.arm.map { "arm ${it.id}" }, s.scheduler.take(), "armed in the outcome's order")
            assertEquals(resumed.reminders.arm, s.scheduler.alarms.values.toList(), "the alarms as the core worded them")
            assertTrue(s.session.replan(ReplanTrigger.AFTER_LOCAL_CHANGE).let { it is ReplanResult.Replanned && it.armed.isEmpty() && it.cancelled.isEmpty() }) {
                "a re-plan afterwards finds nothing left to do"
            }
        } finally {
            s.session.controller?.close()
        }
    }

    @Test
    @DisplayName("perform: a refused action arms and cancels nothing, and its refusal is the screen's words")
    fun `perform - a refused action arms and cancels nothing, and its refusal is the screen's words`() {
        val s = Solo()
        try {
            val before = s.scheduler.alarms.toMap()
            s.scheduler.take()
            val gone = s.perform(PauseRitual(UNKNOWN_ID))
            val failed = gone.outcome as? ActionOutcome.Failed ?: fail("expected a refusal, got ${gone.outcome}")
            assertTrue(failed.error is TandemException.NotFound) { "the error: ${failed.error}" }
            assertEquals(UserMessages.RITUAL_GONE, failed.message, "Today's words for a ritual gone")
            assertEquals(null, gone.value, "no outcome")
            val late = s.perform(Snooze(s.walk.id, "2027-03-03", 15u)).outcome
            assertTrue(late is ActionOutcome.Failed && late.error is TandemException.NotAllowedNow) { "an evening two days off: $late" }
            assertEquals(listOf("pending", "pending"), s.scheduler.take(), "only what is armed was read")
            assertEquals(before, s.scheduler.alarms, "the scheduler untouched")

            s.session.controller!!.close()
            val closed = s.perform(ResumeRitual(s.walk.id)).outcome
            assertTrue(closed is ActionOutcome.Failed && closed.error is TandemException.Closed) { "closed: $closed" }
            assertEquals(listOf("pending"), s.scheduler.take(), "closed: nothing armed or cancelled")
        } finally {
            s.session.controller?.close()
        }
    }

    @Test
    @DisplayName("perform: the outcome's notice reaches the caller (snooze, words kept, words shared) and toSend counts what waits for the partner")
    fun `perform - the outcome's notice reaches the caller and toSend counts what waits for the partner`() {
        val s = Solo()
        try {
            val snoozed = s.perform(Snooze(s.walk.id, "2027-03-01", 15u))
            assertTrue(snoozed.outcome.shown?.startsWith("Reminder snoozed until ") == true) { "the snooze's notice: ${snoozed.outcome}" }
            val done = s.perform(MarkDone(s.walk.id, "2027-03-01", "lovely", null))
            assertEquals(ActionOutcome.Done("Your words stay on this phone."), done.outcome, "a personal ritual's words")
            assertTrue(done.model is ScreenModel.Today) { "Today reloaded: ${done.model}" }
        } finally {
            s.session.controller?.close()
        }
        couple { k ->
            val walk = k.activeFromA(walkDraft())
            val scheduler = FakeScheduler()
            val coordinator = ReminderCoordinator(k.a.c, scheduler) { NY }
            val out = coordinator.perform(MarkDone(walk.id, "2027-03-01", null, "calm"), NY)
            assertEquals("Your partner will read your words after the next sync.", out.notice, "a shared ritual's words")
            assertTrue(out.toSend > 0u) { "the mark waits for the partner: ${out.toSend}" }
            assertEquals(out.reminders.arm.map { it.id }, scheduler.armed.keys.toList(), "armed what the outcome says")
        }
    }

    @Test
    @DisplayName("perform: serialised with the re-plans, so a platform re-plan never interleaves with an action's cancel and arm")
    fun `perform - serialised with the re-plans`() {
        val s = Solo()
        try {
            s.perform(PauseRitual(s.walk.id))
            val entered = CountDownLatch(1)
            val release = CountDownLatch(1)
            val log = java.util.Collections.synchronizedList(mutableListOf<String>())
            var first = true
            val gated = object : ReminderScheduler by s.scheduler {
                override fun pendingIds(): List<String> {
                    if (Thread.currentThread().name == "action" && first) { first = false; entered.countDown(); release.await() }
                    log += "${Thread.currentThread().name} pending"
                    return s.scheduler.pendingIds()
                }
                override fun arm(alarm: Alarm) { log += "${Thread.currentThread().name} arm"; s.scheduler.arm(alarm) }
                override fun cancel(ids: List<String>) { log += "${Thread.currentThread().name} cancel"; s.scheduler.cancel(ids) }
            }
            val coordinator = ReminderCoordinator(s.session.controller!!, gated) { NY }
            val action = thread(name = "action") { coordinator.perform(ResumeRitual(s.walk.id), NY) }
            entered.await()
            val replan = thread(name = "replan") { coordinator.replan(ReplanTrigger.AFTER_LOCAL_CHANGE) }
            while (replan.state != Thread.State.BLOCKED) Thread.sleep(5)
            release.countDown()
            action.join()
            replan.join()
            val lastAction = log.indexOfLast { it.startsWith("action") }
            assertEquals(listOf("action pending") + List(6) { "action arm" }, log.take(lastAction + 1), "the action's calls first, whole")
            assertEquals(listOf("replan pending"), log.drop(lastAction + 1), "then the re-plan, which finds nothing to do")
        } finally {
            s.session.controller?.close()
        }
    }

    @Test
    @DisplayName("forms: a ritual's change opens from its screen button as the core fills it ('Save', a personal one); a field the core refuses arms nothing; saved, the scheduler sees exactly the outcome")
    fun `forms - a ritual's change opens from its button, a refused field arms nothing, saved arms exactly the outcome`() {
        val s = Solo()
        try {
            val rituals = (s.session.load(Screen.RITUALS, T0, NY) as ScreenModel.Rituals).model as? Rendered.Shown ?: fail("the rituals screen")
            val change = rituals.model.rows.single().buttons.single { it.opens != null }
            assertEquals(FormRequest.ChangeRitual(s.walk.id) to null, change.opens to change.perform, "the button names its form and performs nothing")
            val form = s.session.controller!!.openForm(change.opens!!) as? FormEdit.Ritual ?: fail("a ritual form")
            assertEquals(listOf("Save" to RitualPurpose.Change(s.walk.id)), form.submits.map { it.label to it.purpose }, "a personal ritual's change: saved at once")
            assertEquals("Change this ritual", form.heading, "headed as a change nobody answers, not a suggestion")
            assertEquals(
                listOf("Evening walk", "", "30", "20:30", Repeat.Daily, "2027-03-01", 3u, listOf(0u, 30u), ""),
                form.form.let { listOf(it.title, it.prompt, it.minutes, it.timeOfDay, it.repeat, it.startDate, it.count, it.leadMinutes, it.trialUntil) },
                "prefilled from the walk, with what the form does not show",
            )
            assertEquals(null, form.check, "no words before a submit")

            val before = s.scheduler.alarms.toMap()
            s.scheduler.take()
            val bad = s.session.submit(Screen.RITUALS, T0, NY, form.typed { it.copy(minutes = "ten") })
            assertEquals(ActionOutcome.Done(null), bad.outcome, "held back: nothing to say above the form")
            val held = bad.value?.form as? FormEdit.Ritual ?: fail("the form back: ${bad.value}")
            assertEquals(false, bad.value?.sent, "not sent")
            assertEquals("The length is a whole number of minutes, 1 to 1440.", held.check?.minutes, "the field's words")
            assertEquals(listOf(null, null), listOf(held.check?.title, held.check?.timeOfDay), "the other fields read well")
            assertEquals("ten", held.form.minutes, "what was typed stays")
            assertEquals(listOf("pending"), s.scheduler.take(), "only what is armed was read")
            assertEquals(before, s.scheduler.alarms, "the scheduler untouched")
            assertEquals(30u, s.session.controller!!.core.rituals().single().minutes, "nothing changed")

            val saved = s.session.submit(Screen.RITUALS, T0, NY, held.typed { it.copy(minutes = "45", timeOfDay = "21:00") })
            val out = saved.value?.effects ?: fail("not sent: ${saved.outcome}")
            assertEquals(ActionOutcome.Done(out.notice), saved.outcome, "the outcome's notice shown")
            assertEquals(listOf(45u, "21:00"), s.session.controller!!.core.rituals().single().let { listOf(it.minutes, it.timeOfDay) }, "changed at once")
            assertTrue(out.reminders.arm.isNotEmpty() && out.reminders.cancel.isNotEmpty()) { "the old times cancelled, the new armed: ${out.reminders}" }
            assertEquals(
                listOf("pending", "cancel ${out.reminders.cancel}") + out.reminders.arm.map { "arm ${it.id}" },
                s.scheduler.take(), "exactly the outcome: cancel first, then arm",
            )
            assertEquals(out.reminders.arm.map { it.fireAtMs }.sorted(), s.scheduler.alarms.values.map { it.fireAtMs }.sorted(), "what is armed now")
            assertTrue(saved.model is ScreenModel.Rituals) { "the screen reloaded: ${saved.model}" }
            assertTrue(s.session.replan(ReplanTrigger.AFTER_LOCAL_CHANGE).let { it is ReplanResult.Replanned && it.armed.isEmpty() && it.cancelled.isEmpty() }) {
                "a re-plan afterwards finds nothing left to do"
            }
        } finally {
            s.session.controller?.close()
        }
    }

    @Test
    @DisplayName("forms: a new ritual's form opens with the core's defaults and two submits; unnamed, the title's words; 'Just for me' sends it and arms exactly the outcome")
    fun `forms - a new ritual's form opens with the core's defaults and two submits, Just for me sends it and arms exactly the outcome`() {
        val s = Solo()
        try {
            val form = s.session.controller!!.openForm(NEW_RITUAL) as? FormEdit.Ritual ?: fail("a ritual form")
            assertEquals(
                listOf("Suggest to my partner" to RitualPurpose.Propose, "Just for me" to RitualPurpose.Personal),
                form.submits.map { it.label to it.purpose }, "shared or personal",
            )
            assertEquals("New ritual", form.heading, "the core's heading")
            assertEquals(
                listOf("", "", "10", "20:00", ZoneMode.Floating, Repeat.Daily),
                form.form.let { listOf(it.title, it.prompt, it.minutes, it.timeOfDay, it.zone, it.repeat) },
                "daily at 20:00 for 10 minutes on the phone's clock, no title yet",
            )
            s.scheduler.take()
            val unnamed = s.session.submit(Screen.RITUALS, T0, NY, form, submit = 1).value ?: fail("the form back")
            assertEquals("Give your ritual a short title.", (unnamed.form as FormEdit.Ritual).check?.title, "only the title is asked for")
            assertEquals(listOf("pending"), s.scheduler.take(), "nothing armed or cancelled")

            val tea = s.session.submit(Screen.RITUALS, T0, NY, form.typed { it.copy(title = "Evening tea") }.toggle(Weekday.MONDAY), submit = 1)
            val out = tea.value?.effects ?: fail("not sent: ${tea.outcome}")
            val made = s.session.controller!!.core.rituals().single { it.title == "Evening tea" }
            assertEquals(listOf(true, "20:00", 10u, Repeat.Weekdays(listOf(Weekday.MONDAY))), listOf(made.personal, made.timeOfDay, made.minutes, made.recurrence.repeat), "personal, as the form opened, on Mondays")
            assertEquals(emptyList<String>(), out.reminders.cancel, "nothing to cancel")
            assertTrue(out.reminders.arm.isNotEmpty()) { "the tea armed" }
            assertEquals(listOf("pending") + out.reminders.arm.map { "arm ${it.id}" }, s.scheduler.take(), "exactly the outcome")
        } finally {
            s.session.controller?.close()
        }
    }

    @Test
    @DisplayName("RitualsScreen: the past shows the 20 that ended most recently, newest first, and says so; show all loads every one")
    fun `RitualsScreen - the past shows the 20 that ended most recently and says so, show all loads every one`() {
        val a = AppPhone(ANA)
        try {
            repeat(21) { i ->
                val form = a.c.openForm(NEW_RITUAL) as? FormEdit.Ritual ?: fail("a ritual form")
                val made = a.submit(Screen.RITUALS, form.typed { it.copy(title = "Idea %02d".format(i)) }, submit = 1)
                assertTrue(made.value?.effects != null) { "not added: ${made.outcome}" }
                val row = a.load(Screen.RITUALS).rituals.rows.single { it.title == "Idea %02d".format(i) }
                val retire = row.buttons.single { it.action == RitualActionKind.RETIRE }
                val retired = a.press(Screen.RITUALS, retire.perform)
                assertTrue(retired.outcome is ActionOutcome.Done) { "not retired: ${retired.outcome}" }
                a.clock.advance(MINUTE)
            }
            val first = a.load(Screen.RITUALS).rituals
            assertEquals((20 downTo 1).map { "Idea %02d".format(it) }, first.ended.map { it.title }, "the 20 that ended most recently, newest first")
            assertEquals("Only the 20 that ended most recently are shown here.", first.endedMore, "the past says so")
            assertEquals("Show all past rituals", first.showAll, "the button's label")
            assertEquals(emptyList(), first.rows, "nothing in effect")

            val all = a.session.loadEverything(Screen.RITUALS, a.now, NY).rituals
            assertEquals((20 downTo 0).map { "Idea %02d".format(it) }, all.ended.map { it.title }, "every one, in the same order")
            assertEquals(null to null, all.endedMore to all.showAll, "no note, no button")
            assertEquals(first.rows, all.rows, "the rituals in play are the same")
            assertEquals(UserMessages.UNKNOWN_ZONE, a.session.loadEverything(Screen.RITUALS, a.now, "Mars/Olympus").failure, "an unknown zone")
        } finally {
            a.close()
        }
    }

    @Test
    @DisplayName("VisibilityScreen: a long group shows its newest 30 and says so, the audit its newest 100; show all has everything")
    fun `VisibilityScreen - a long group shows its newest 30 and says so, show all has everything`() {
        val a = phone(ANA)
        using(a) {
            val few = a.c.visibilityScreen(NY) as? Rendered.Shown ?: fail("the mirror")
            assertEquals(null to null, few.showAll to few.auditMore, "nothing left out yet: no button, no note")
            repeat(31) { i ->
                a.c.core.appreciate("Thank you for the tea, $i")
                a.clock.advance(MINUTE)
            }
            val diary = a.c.core.addBoundary(PRIVATE_BOUNDARY, shared = false)
            repeat(101) { i -> a.c.core.shareBoundary(diary.id, i % 2 == 0) }

            val cut = a.c.visibilityScreen(NY) as? Rendered.Shown ?: fail("the mirror")
            val thanks = cut.group(VisibleKind.APPRECIATION) ?: fail("no appreciation group in ${cut.groups.map { it.kind }}")
            assertEquals(30, thanks.rows.size, "the newest 30")
            assertEquals((1..30).map { "Thank you for the tea, $it" }, thanks.rows.map { it.summary }, "the newest 30, in the core's order; the oldest left out")
            assertEquals("Only the newest 30 are shown here.", thanks.more, "the group says so")
            assertEquals("Show everything", cut.showAll, "the button's label")
            assertEquals(100, cut.audit.size, "the newest 100 audit lines")
            assertEquals("Only the newest 100 are shown here.", cut.auditMore, "the audit says so")

            val all = a.c.visibilityScreenAll(NY) as? Rendered.Shown ?: fail("the whole mirror")
            assertEquals(31, all.group(VisibleKind.APPRECIATION)?.rows?.size, "every appreciation")
            assertEquals(null, all.group(VisibleKind.APPRECIATION)?.more, "nothing left out")
            assertEquals(a.c.core.sharingAudit().size, all.audit.size, "every audit line")
            assertEquals(null to null, all.showAll to all.auditMore, "no button, no note")
            assertTrue(a.c.visibilityScreenAll("Mars/Olympus") is Rendered.Failed) { "an unknown zone" }
        }
    }
}
