package app.tandem.shell

import app.tandem.ffi.TodayActionKind as TodayAction
import app.tandem.ffi.OccurrenceStatus
import app.tandem.ffi.Recurrence
import app.tandem.ffi.Repeat
import app.tandem.ffi.RitualDraft
import app.tandem.ffi.RitualPurpose
import app.tandem.ffi.UserAction
import app.tandem.ffi.ZoneMode
import kotlin.test.assertEquals
import kotlin.test.fail
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test

/** Friday 5 March 2027, 07:00 in New York: Monday to Thursday's 20:30 have been, Friday's has not. */
private val FRIDAY = ms("2027-03-05T12:00:00Z")

private fun walk() = RitualDraft(
    title = "Evening walk", prompt = null, minutes = 30u, timeOfDay = "20:30", zone = ZoneMode.Floating,
    recurrence = Recurrence(Repeat.Daily, startDate = "2027-03-01"), leadMinutes = listOf(0u),
)

private val RitualDay.actions get() = buttons.map { it.action }

/**
 * A ritual's own screen through the session as the app drives it: opened
 * from its row on the Rituals screen, the last two weeks on both phones
 * with both partners' marks and words and one count, and its buttons (a
 * day's, the row's, the form the row opens) reloading the same screen.
 */
class RitualScreenTests : StoreTestBase() {
    @Test
    @DisplayName("ritual screen: after marks on both phones the days read Done, Skipped and Not marked, with both partners' words and one count; an unmarked day's Done marks it on both phones")
    fun `ritual screen - after marks on both phones the days read Done, Skipped and Not marked, with both partners' words and one count, an unmarked day's Done marks it on both phones`() {
        appCouple { a, b ->
            val id = a.c.core.proposeRitual(walk()).id
            a.shareTo(b)
            val invitation = (b.load(Screen.RITUALS) as ScreenModel.Rituals).model.let { (it as Rendered.Shown).model.rows.single() }
            b.press(Screen.RITUALS, invitation.buttons.single { it.action == RitualAction.ACCEPT }.perform)
            b.shareTo(a)

            setClocks(FRIDAY, a, b)
            a.c.core.markDone(id, "2027-03-01", "Lovely light", null)
            setClocks(FRIDAY + MINUTE, a, b) // Ben marks Monday a minute after Ana: hers is said first
            b.c.core.markDone(id, "2027-03-01", null, "calm")
            b.c.core.skipOccurrence(id, "2027-03-02")
            a.c.core.markDone(id, "2027-03-03", null, null)
            a.shareTo(b)
            b.shareTo(a)

            // Opened from its row, as the Rituals screen's row opens it.
            val row = (a.load(Screen.RITUALS) as ScreenModel.Rituals).model.let { (it as Rendered.Shown).model.rows.single() }
            val onAna = a.ritual(row.id)
            assertEquals(row, onAna.row, "the row as on the Rituals screen, with its buttons")
            assertEquals("Evening walk" to RitualTexts.ACTIVE, onAna.row.title to onAna.row.status, "the row")
            assertEquals(
                listOf(
                    listOf("2027-03-04", "Thu 4 Mar", "20:30", "Not marked"),
                    listOf("2027-03-03", "Wed 3 Mar", "20:30", "Done"),
                    listOf("2027-03-02", "Tue 2 Mar", "20:30", "Skipped"),
                    listOf("2027-03-01", "Mon 1 Mar", "20:30", "Done"),
                ),
                onAna.days.map { listOf(it.date, it.day, it.time, it.state) },
                "the days so far, newest first; tonight's not yet",
            )
            assertEquals(
                listOf(OccurrenceStatus.SCHEDULED, OccurrenceStatus.DONE, OccurrenceStatus.SKIPPED, OccurrenceStatus.DONE),
                onAna.days.map { it.status },
                "each day's status",
            )
            assertEquals(listOf("You: “Lovely light”", "$BEN: calm"), onAna.days[3].said, "Ana: both partners' words, first marker first")
            assertEquals(listOf(listOf(TodayAction.DONE, TodayAction.SKIP), emptyList(), emptyList(), emptyList()), onAna.days.map { it.actions }, "done and skip only on the day nobody marked")
            assertEquals("Together you kept 2 of 4 times in the last four weeks.", onAna.kept, "the couple's count")
            assertEquals("Fri 5 Mar · 20:30", onAna.next.firstOrNull(), "tonight comes next")
            assertTrue("repeats: every day" in onAna.terms) { "terms: ${onAna.terms}" }
            val onBen = b.ritual(id)
            assertEquals(listOf("$ANA: “Lovely light”", "You: calm"), onBen.days[3].said, "Ben: the same words from his side")
            assertEquals(onAna.kept to onAna.days.map { it.state }, onBen.kept to onBen.days.map { it.state }, "the same days and count on Ben's phone")

            // Thursday's Done, pressed on Ben's phone: the same screen comes back, Thursday done.
            val done = onBen.days[0].buttons.single { it.action == TodayAction.DONE }
            assertEquals(UserAction.MarkDone(id, "2027-03-04", null, null), done.perform, "Done carries the ritual and the day")
            val pressed = b.press(Screen.RITUAL, done.perform)
            assertTrue(pressed.outcome is ActionOutcome.Done) { "pressed: ${pressed.outcome}" }
            assertTrue((pressed.value?.toSend ?: 0u) > 0u) { "the mark waits for Ana: ${pressed.value}" }
            val reloaded = pressed.model.ritual
            assertEquals("Done" to emptyList<TodayAction>(), reloaded.days[0].state to reloaded.days[0].actions, "Thursday: done, no buttons")
            assertEquals("Together you kept 3 of 4 times in the last four weeks.", reloaded.kept, "the count follows")
            b.shareTo(a)
            assertEquals("Done" to "Together you kept 3 of 4 times in the last four weeks.", a.ritual(id).let { it.days[0].state to it.kept }, "Ana's phone after the sync")
        }
    }

    @Test
    @DisplayName("ritual screen: the row's Pause, a day's Skip and the Change form act from a ritual's own screen, which comes back each time; a paused ritual offers no day buttons and no next times; an unknown id fails")
    fun `ritual screen - the row's Pause, a day's Skip and the Change form act from a ritual's own screen, which comes back each time, a paused ritual offers no day buttons and no next times, an unknown id fails`() {
        val a = AppPhone(ANA)
        try {
            val id = a.c.core.addPersonalRitual(walk()).id
            a.clock.set(FRIDAY)
            val open = a.ritual(id)
            assertEquals(RitualTexts.PERSONAL to "You kept 0 of 4 times in the last four weeks.", open.row.status to open.kept, "personal, nothing marked yet: this person's count")
            assertEquals(listOf("Not marked"), open.days.map { it.state }.distinct(), "nothing marked yet")

            val skip = open.days[1].buttons.single { it.action == TodayAction.SKIP }
            assertEquals(UserAction.SkipOccurrence(id, "2027-03-03"), skip.perform, "Skip carries the ritual and the day")
            val skipped = a.press(Screen.RITUAL, skip.perform).model.ritual
            assertEquals("Skipped" to emptyList<TodayAction>(), skipped.days[1].state to skipped.days[1].actions, "Wednesday skipped")

            val paused = a.press(Screen.RITUAL, skipped.row.buttons.single { it.action == RitualAction.PAUSE }.perform)
            assertTrue(paused.outcome is ActionOutcome.Done) { "paused: ${paused.outcome}" }
            val p = paused.model.ritual
            assertEquals(listOf<Any?>(RitualTexts.PERSONAL_PAUSED, emptyList<String>(), emptyList<TodayAction>()), listOf(p.row.status, p.next, p.days.flatMap { it.actions }), "paused: no next times, no day buttons")
            assertEquals(emptyMap<String, FakeScheduler.Armed>(), a.scheduler.armed, "its reminders cancelled")
            val resumed = a.press(Screen.RITUAL, p.row.buttons.single { it.action == RitualAction.RESUME }.perform).model.ritual
            assertEquals(RitualTexts.PERSONAL to "Fri 5 Mar · 20:30", resumed.row.status to resumed.next.firstOrNull(), "resumed")

            val change = resumed.row.buttons.single { it.action == RitualAction.CHANGE }
            val form = a.open(change.opens) as? FormEdit.Ritual ?: fail("a ritual form")
            val saved = a.submit(Screen.RITUAL, form.typed { it.copy(timeOfDay = "21:15") }, form.submits.indexOfFirst { it.purpose == RitualPurpose.Change(id) })
            assertTrue(saved.value?.sent == true) { "the change: ${saved.outcome} ${saved.value}" }
            assertEquals("21:15" to "Fri 5 Mar · 21:15", saved.model.ritual.let { it.row.time to it.next.firstOrNull() }, "the same screen, at the new time")

            val unknown = a.session.ritual(UNKNOWN_ID, a.now, NY)
            assertEquals(Screen.RITUAL to UserMessages.NOT_FOUND, unknown.screen to unknown.failure, "an id naming nothing here")
            assertEquals(UserMessages.UNKNOWN_ZONE, a.session.ritual(id, a.now, "Mars/Olympus").failure, "an unknown zone")
        } finally {
            a.close()
        }
    }
}
