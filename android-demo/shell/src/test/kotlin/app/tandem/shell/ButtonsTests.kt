package app.tandem.shell

import app.tandem.ffi.TodayActionKind as TodayAction
import app.tandem.ffi.RitualActionKind as RitualsButton
import app.tandem.ffi.AgreementActionKind as AgreementAction
import app.tandem.ffi.AgreementDraft
import app.tandem.ffi.PauseProtocol
import app.tandem.ffi.AgreementStatus
import app.tandem.ffi.ManualClock
import app.tandem.ffi.OccurrenceStatus
import app.tandem.ffi.PauseState
import app.tandem.ffi.Recurrence
import app.tandem.ffi.Repeat
import app.tandem.ffi.RitualDraft
import app.tandem.ffi.RitualStatus
import app.tandem.ffi.TodayScreenModel
import app.tandem.ffi.UserAction
import app.tandem.ffi.ZoneMode
import java.io.File
import kotlin.test.assertEquals
import kotlin.test.fail
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test

/**
 * Every screen button carries what it performs (`perform`), read from a
 * real core's screen model and pressed as the app presses it: through
 * [TandemSession.perform], its outcome carried out. A button that opens a
 * form carries nothing.
 */
class ButtonsTests : StoreTestBase() {
    // One phone as the app runs it (AppPhones.kt), and the screens these tests read.
    private fun AppPhone.today(): TodayScreenModel = ((load(Screen.TODAY) as ScreenModel.Today).model as? Rendered.Shown)?.model ?: fail("Today: ${load(Screen.TODAY)}")
    private fun AppPhone.rituals() = ((load(Screen.RITUALS) as ScreenModel.Rituals).model as? Rendered.Shown)?.model ?: fail("Rituals: ${load(Screen.RITUALS)}")
    private fun AppPhone.agreements() = ((load(Screen.AGREEMENTS) as ScreenModel.Agreements).model as? Rendered.Shown)?.model ?: fail("Agreements: ${load(Screen.AGREEMENTS)}")
    private fun AppPhone.pause() = (load(Screen.PAUSE) as ScreenModel.Pause).model as? PauseScreen.Shown ?: fail("Pause: ${load(Screen.PAUSE)}")

    private fun <T> sides(vararg names: String, block: (List<AppPhone>) -> T): T {
        val all = names.map { AppPhone(it) }
        return try {
            block(all)
        } finally {
            all.forEach { it.close() }
        }
    }

    /** [from] sends; every file it wrote is shared to [to], which imports them. */
    private fun share(from: AppPhone, to: AppPhone) = from.shareTo(to)

    private fun daily(title: String, time: String) = RitualDraft(
        title = title, prompt = null, minutes = 15u, timeOfDay = time, zone = ZoneMode.Floating,
        recurrence = Recurrence(Repeat.Daily, startDate = "2027-03-01"), leadMinutes = listOf(0u),
    )

    @Test
    @DisplayName("buttons: Today's Later and Done, a ritual row's Pause and Resume, and the pause row's Extend and End perform what they carry")
    fun `buttons - Today's Later and Done, a ritual row's Pause and Resume, and the pause row's Extend and End perform what they carry`() {
        sides(ANA) { (a) ->
            val tea = a.c.core.addPersonalRitual(daily("Morning tea", "07:30"))
            a.clock.advance(40 * MINUTE) // 07:40 in New York: the tea has started
            val row = a.today().due.single()
            assertEquals(listOf(TodayAction.DONE, TodayAction.SKIP, TodayAction.LATER), row.buttons.map { it.action }, "the due row's buttons")
            val later = row.buttons.single { it.action == TodayAction.LATER }
            assertEquals(UserAction.Snooze(tea.id, "2027-03-01", a.today().snooze.minutes), later.perform, "Later: the row's keys and the screen's snooze")
            a.scheduler.take()
            val snoozed = a.press(Screen.TODAY, later.perform)
            assertEquals(ActionOutcome.Done("Reminder snoozed until 07:55."), snoozed.outcome, "snoozed: the core's notice")
            assertTrue(a.scheduler.take().any { it.startsWith("arm ") }) { "the snoozed reminder armed" }
            val done = a.press(Screen.TODAY, a.today().due.single().buttons.single { it.action == TodayAction.DONE }.perform)
            assertEquals(ActionOutcome.Done(null), done.outcome, "done")
            val after = ((done.model as ScreenModel.Today).model as Rendered.Shown).model
            assertEquals(listOf("Morning tea" to OccurrenceStatus.DONE), after.earlier.map { it.title to it.status }, "the tea is done")

            val pauseRow = a.rituals().rows.single().buttons.single { it.action == RitualsButton.PAUSE }
            assertEquals(UserAction.PauseRitual(tea.id), pauseRow.perform, "Pause: the row's id")
            a.press(Screen.RITUALS, pauseRow.perform)
            assertEquals(RitualStatus.PAUSED, a.c.core.rituals().single().status, "paused in the core")
            assertEquals(emptyMap<String, FakeScheduler.Armed>(), a.scheduler.armed, "its reminders cancelled")
            a.press(Screen.RITUALS, a.rituals().rows.single().buttons.single { it.action == RitualsButton.RESUME }.perform)
            assertEquals(RitualStatus.ACTIVE, a.c.core.rituals().single().status, "resumed in the core")
            assertTrue(a.scheduler.armed.isNotEmpty()) { "its reminders armed again" }
            val change = a.rituals().rows.single().buttons.single { it.action == RitualsButton.CHANGE }
            assertEquals(null, change.perform, "Change opens the form: nothing to perform")

            // "Take a pause" has no row yet: the app builds StartPause from the core's lengths.
            val length = a.pause().lengths.first()
            a.session.perform(Screen.PAUSE, a.clock.nowMs(), NY, StartPause(length.minutes, null))
            val running = a.pause().current.single()
            assertEquals(listOf(PauseAction.EXTEND, PauseAction.END), running.actions, "my running pause's buttons")
            val extend = running.buttons.single { it.action == PauseAction.EXTEND }
            assertEquals(UserAction.ExtendPause(running.pauseId, running.extend?.minutes ?: fail("no extension")), extend.perform, "Extend: the screen's extension")
            a.press(Screen.PAUSE, extend.perform)
            assertEquals(true, a.c.core.pauses().single().extended, "extended in the core")
            val banner = a.today().pause ?: fail("no banner")
            assertEquals(listOf(PauseAction.END), banner.buttons.map { it.action }, "the banner after the extension")
            a.press(Screen.TODAY, banner.buttons.single().perform)
            assertEquals(PauseState.ENDED, a.c.core.pauses().single().state, "ended in the core")
            assertEquals(null, a.today().pause, "no banner once ended")
        }
    }

    @Test
    @DisplayName("buttons: an agreement version's Accept and a ritual invitation's Accept on Today perform what they carry; Counter and Amend carry nothing")
    fun `buttons - an agreement version's Accept and a ritual invitation's Accept on Today perform what they carry, Counter and Amend carry nothing`() {
        sides(ANA, BEN) { (a, b) ->
            pairFlows(a.session.pairing()!!, b.session.pairing()!!, NY)
            share(a, b)
            share(b, a)
            val rule = b.c.core.proposeAgreement(AgreementDraft("Pause rule", "We pause when heated.", PauseProtocol(30u, true, null), null))
            val call = b.c.core.proposeRitual(daily("Sunday call", "19:00"))
            share(b, a)

            val option = a.agreements().rows.single().options.single()
            val hash = a.c.core.agreements().single().pending.single().hash
            assertEquals(hash, option.version, "the version waiting")
            val accept = option.buttons.single { it.action == AgreementAction.ACCEPT }
            assertEquals(UserAction.AcceptAgreement(rule.id, hash), accept.perform, "Accept: the agreement's id and the version read")
            assertEquals(null, option.buttons.singleOrNull { it.action == AgreementAction.AMEND }?.perform, "a change opens the form")
            val accepted = a.press(Screen.AGREEMENTS, accept.perform)
            assertTrue(accepted.outcome is ActionOutcome.Done) { "accepted: ${accepted.outcome}" }
            assertTrue((accepted.value?.toSend ?: 0u) > 0u) { "the answer waits for Ben: ${accepted.value}" }
            assertEquals(AgreementStatus.ACTIVE, a.c.core.agreements().single().status, "in effect in the core")

            val invitation = a.today().invitations.single()
            assertEquals(call.id, invitation.id, "the ritual asked")
            assertEquals(null, invitation.buttons.single { it.action == TodayAction.COUNTER }.perform, "Counter opens the form")
            a.press(Screen.TODAY, invitation.buttons.single { it.action == TodayAction.ACCEPT }.perform)
            assertEquals(RitualStatus.ACTIVE, a.c.core.rituals().single { it.id == call.id }.status, "Ben's ritual is active on Ana's phone")
            assertEquals(emptyList<TodayItem>(), a.today().invitations, "answered: gone from Today")
        }
    }
}
