package app.tandem.shell

import app.tandem.ffi.Capacity
import app.tandem.ffi.CheckInFormCheck
import app.tandem.ffi.EntryKind
import app.tandem.ffi.Happened
import app.tandem.ffi.LabelCount
import app.tandem.ffi.LogEntry
import app.tandem.ffi.Need
import app.tandem.ffi.Notebook
import app.tandem.ffi.NotebookDay
import app.tandem.ffi.NotebookItem
import app.tandem.ffi.NotebookKind
import app.tandem.ffi.PatternDraft
import app.tandem.ffi.PatternEntry
import app.tandem.ffi.Phrase
import app.tandem.ffi.RepairAct
import app.tandem.ffi.Situation
import app.tandem.ffi.TandemException
import app.tandem.ffi.iStatement
import app.tandem.ffi.suggestedTags
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test

/** [block] is refused with InvalidInput whose reason mentions [mentions]; [p]'s notebook and pattern log stay. */
private fun notebookRefused(p: Phone, what: String, mentions: String, block: () -> Unit) {
    val before = p.c.core.entries(ALL_TIME_FROM, ALL_TIME_TO) to p.c.core.patternLog(ALL_TIME_FROM, ALL_TIME_TO)
    val e = assertFailsWith<TandemException.InvalidInput>(what, block)
    assertTrue(e.message.orEmpty().contains(mentions)) { "$what: <${e.message}> does not mention <$mentions>" }
    assertEquals(before, p.c.core.entries(ALL_TIME_FROM, ALL_TIME_TO) to p.c.core.patternLog(ALL_TIME_FROM, ALL_TIME_TO), "$what: notebook after the refusal")
}

/**
 * The notebook: check-ins (private and shared, the slider's value as is),
 * appreciations, the private pattern log, insights over two scripted weeks,
 * refused input, and the I-statement builder.
 */
class CheckinTests : StoreTestBase() {
    @Test
    @DisplayName("check-in form: the slider's number reaches the core as it is; out of range, the core's words and nothing recorded or armed; valid, recorded with the outcome's notice")
    fun `check-in form - out of range is the core's words and nothing recorded or armed, valid is recorded with the outcome's notice`() {
        val p = phone(ANA)
        using(p) {
            val scheduler = FakeScheduler()
            val screen = p.c.checkInScreen(NY) as? Rendered.Shown ?: kotlin.test.fail("the check-in screen")
            val fresh = screen.model.newForm()
            assertEquals(CheckInFormInput(3, Capacity.SOME, Need.NOTHING_RIGHT_NOW, "", false), fresh.form, "a new form: the slider where the core says")
            for (t in listOf(0L, 11L, -1L, 300L)) {
                val held = p.submit(fresh.typed { it.copy(temperature = t) }, scheduler = scheduler)
                assertEquals(false, held.sent, "temperature $t: held back")
                assertEquals(CheckInFormCheck("Choose a number from 1 to 10.", null), (held.form as FormEdit.CheckIn).check, "temperature $t: the slider's words")
                assertEquals(t, (held.form as FormEdit.CheckIn).form.temperature, "temperature $t: as typed, never clamped")
            }
            val long = p.submit(fresh.typed { it.copy(note = "n".repeat(501)) }, scheduler = scheduler)
            assertEquals(CheckInFormCheck(null, "The note is 501 characters long; it can be up to 500."), (long.form as FormEdit.CheckIn).check, "the note's words")
            assertEquals(emptyList<LogEntry>(), p.c.core.entries(ALL_TIME_FROM, ALL_TIME_TO), "nothing recorded")
            assertEquals(listOf("pending", "pending", "pending", "pending", "pending"), scheduler.take(), "only what is armed was read")

            val sent = p.submit(fresh.typed { it.copy(temperature = 7, need = Need.SPACE, note = "Long day", shared = true) }, scheduler = scheduler)
            val out = sent.effects ?: kotlin.test.fail("not sent: $sent")
            assertEquals("Checked in." to null, out.notice to (sent.form as FormEdit.CheckIn).check, "the outcome's notice")
            assertEquals(listOf("pending") + out.reminders.arm.map { "arm ${it.id}" }, scheduler.take(), "exactly the outcome on the scheduler")
            val entry = p.c.core.entries(ALL_TIME_FROM, ALL_TIME_TO).single()
            assertEquals(EntryKind.CheckIn(7u, "heated", Capacity.SOME, Need.SPACE, "Long day") to true, entry.kind to entry.shared, "recorded as typed")
        }
    }

    @Test
    @DisplayName("check-ins: a private one stays on its phone; a shared one reaches the partner with temperature, words, capacity and need")
    fun `check-ins - a private one stays on its phone, a shared one reaches the partner with temperature, words, capacity and need`() {
        couple { k ->
            val (a, b) = k.a to k.b
            k.setClocks(T0 + HOUR)
            val private = a.c.checkIn(slider = 4, capacity = Capacity.LOW, need = Need.SPACE, note = "Long day", shared = false)
            assertEquals(
                LogEntry(private.id, true, T0 + HOUR, false, EntryKind.CheckIn(4u, "settled", Capacity.LOW, Need.SPACE, "Long day")),
                private,
                "A's private check-in",
            )
            k.setClocks(T0 + HOUR + MINUTE)
            val shared = a.c.checkIn(slider = 8, capacity = Capacity.SOME, need = Need.REASSURANCE, shared = true)
            assertEquals(
                LogEntry(shared.id, true, T0 + HOUR + MINUTE, true, EntryKind.CheckIn(8u, "heated", Capacity.SOME, Need.REASSURANCE, null)),
                shared,
                "A's shared check-in",
            )
            assertTrue(private.id != shared.id) { "two check-ins share an id" }
            k.setClocks(T0 + HOUR + 2 * MINUTE)
            val privateRepair = a.c.core.recordRepair(RepairAct.APOLOGISED, "Said sorry for snapping", null, shared = false)
            k.setClocks(T0 + HOUR + 3 * MINUTE)
            val sharedRepair = a.c.core.recordRepair(RepairAct.CAME_BACK_FROM_PAUSE, null, null, shared = true)
            k.setClocks(T0 + HOUR + 4 * MINUTE)
            assertEquals(EntryKind.Repair(RepairAct.APOLOGISED, "Said sorry for snapping", null), privateRepair.kind, "private repair")
            a.c.core.addPhrase(Situation.ASKING_FOR_SPACE, "I need a walk, then I'm back.", shared = false)
            k.setClocks(T0 + HOUR + 5 * MINUTE)
            a.c.core.addPhrase(Situation.INVITING_CLOSENESS, "Sit with me for a bit?", shared = true)
            k.sync()

            assertEquals(listOf(private.id, shared.id, privateRepair.id, sharedRepair.id), a.c.core.entries(T0, T0 + DAY).take(4).map { it.id }, "A holds all of its own, oldest first")
            assertEquals(6, a.c.core.entries(T0, T0 + DAY).size, "A: two check-ins, two repairs, two phrases")
            val onB = b.c.core.entries(T0, T0 + DAY)
            assertEquals(
                listOf(
                    LogEntry(shared.id, false, T0 + HOUR + MINUTE, true, EntryKind.CheckIn(8u, "heated", Capacity.SOME, Need.REASSURANCE, null)),
                    LogEntry(sharedRepair.id, false, T0 + HOUR + 3 * MINUTE, true, EntryKind.Repair(RepairAct.CAME_BACK_FROM_PAUSE, null, null)),
                ),
                onB.filter { it.kind !is EntryKind.Phrase },
                "B: only the shared check-in and repair, not B's own",
            )
            assertEquals(
                listOf(Phrase(Situation.INVITING_CLOSENESS, "Sit with me for a bit?", false, true)),
                b.c.core.phrases().filter { !it.builtIn },
                "B's phrasebook: A's shared phrase only",
            )
            assertEquals(
                listOf(
                    Phrase(Situation.ASKING_FOR_SPACE, "I need a walk, then I'm back.", false, false),
                    Phrase(Situation.INVITING_CLOSENESS, "Sit with me for a bit?", false, true),
                ),
                a.c.core.phrases().filter { !it.builtIn },
                "A's phrasebook: both of its own",
            )
            val builtIn = a.c.core.phrases().filter { it.builtIn }
            assertEquals(15, builtIn.size, "built-in phrases")
            assertEquals(Situation.entries.associateWith { 3 }, builtIn.groupingBy { it.situation }.eachCount(), "three built-in phrases per situation")
            assertEquals(builtIn, b.c.core.phrases().filter { it.builtIn }, "the same built-in phrases on B")
        }
    }

    @Test
    @DisplayName("appreciations: always shared; the partner receives it and both count it in insights")
    fun `appreciations - always shared, the partner receives it and both count it in insights`() {
        couple { k ->
            val (a, b) = k.a to k.b
            k.setClocks(T0 + 2 * HOUR)
            val thanks = a.c.core.appreciate("Thank you for making dinner when I was tired.")
            assertEquals(
                LogEntry(thanks.id, true, T0 + 2 * HOUR, true, EntryKind.Appreciation("Thank you for making dinner when I was tired.")),
                thanks,
                "A's appreciation",
            )
            k.sync()
            assertEquals(listOf(thanks.copy(mine = false)), b.c.core.entries(T0, T0 + DAY), "B: the appreciation, from the partner")
            assertEquals(listOf(1.0), a.c.insightsOver(1u, NY).row("appreciations given")?.values, "A: given this week")
            assertEquals(null, b.c.insightsOver(1u, NY).row("appreciations received"), "B: no series counts what the partner gave")
            assertEquals(listOf(0.0), b.c.insightsOver(1u, NY).row("appreciations given")?.values, "B: given this week")
        }
    }

    @Test
    @DisplayName("pattern log: private; tags lowercased; never reaches the partner, whose insights show no triggers")
    fun `pattern log - private, tags lowercased, never reaches the partner, whose insights show no triggers`() {
        couple { k ->
            val (a, b) = k.a to k.b
            k.setClocks(T0 + 3 * HOUR)
            val entry = a.c.core.logPattern(PatternDraft(Happened.WITHDREW, tags = listOf("Tired", "WORK"), temperatureBefore = 7u, note = "Went for a drive"))
            assertEquals(
                PatternEntry(entry.id, T0 + 3 * HOUR, Happened.WITHDREW, listOf("tired", "work"), null, 7u, "Went for a drive"),
                entry,
                "the entry as logged",
            )
            assertEquals(listOf(entry), a.c.core.patternLog(ALL_TIME_FROM, ALL_TIME_TO), "A's pattern log")
            a.c.core.appreciate("Thanks for the tea.") // something shared, so the sync carries a payload
            k.sync()
            assertEquals(emptyList<PatternEntry>(), b.c.core.patternLog(ALL_TIME_FROM, ALL_TIME_TO), "B's pattern log")
            assertTrue(b.c.core.entries(ALL_TIME_FROM, ALL_TIME_TO).none { it.id == entry.id }) { "the pattern entry reached B's notebook" }
            val onB = b.c.core.insights(1u, NY)
            assertEquals(
                listOf<Any?>(emptyList<LabelCount>(), List(7) { 0u }, List(4) { 0u }, null),
                listOf(onB.triggers, onB.distanceByWeekday, onB.distanceByPartOfDay, onB.temperatureBeforeDistance),
                "B's insights: nothing of A's log",
            )
            assertEquals(listOf(0.0), b.c.insightsOver(1u, NY).row("withdrawals and silences")?.values, "B: no withdrawals")
            val onA = a.c.core.insights(1u, NY)
            assertEquals(
                listOf<Any?>(listOf(LabelCount("tired", 1u), LabelCount("work", 1u)), 7.0),
                listOf(onA.triggers, onA.temperatureBeforeDistance),
                "A's insights from its own log",
            )
        }
    }

    @Test
    @DisplayName("insights: two scripted weeks in New York (Friday-evening withdrawals after heated check-ins, calm mornings)")
    fun `insights - two scripted weeks in New York (Friday-evening withdrawals after heated check-ins, calm mornings)`() {
        val p = phone(ANA)
        using(p) {
            fun at(iso: String) = p.clock.set(ms(iso))
            // EST (UTC-5) until 2027-03-14.
            at("2027-03-02T14:00:00Z") // Tuesday 09:00
            p.c.checkIn(slider = 3, capacity = Capacity.PLENTY, need = Need.NOTHING_RIGHT_NOW)
            at("2027-03-05T22:00:00Z") // Friday 17:00
            p.c.checkIn(slider = 8, capacity = Capacity.LOW, need = Need.SPACE)
            at("2027-03-06T00:00:00Z") // Friday 19:00
            p.c.core.logPattern(PatternDraft(Happened.WITHDREW, tags = listOf("tired")))
            at("2027-03-09T14:00:00Z") // Tuesday 09:00
            p.c.checkIn(slider = 3, capacity = Capacity.SOME, need = Need.CLOSENESS)
            at("2027-03-11T01:00:00Z") // Wednesday 20:00
            p.c.core.logPattern(PatternDraft(Happened.TALK_DERAILED, topic = "Money"))
            at("2027-03-12T22:00:00Z") // Friday 17:00
            p.c.checkIn(slider = 8, capacity = Capacity.LOW, need = Need.SPACE)
            at("2027-03-13T00:00:00Z") // Friday 19:00
            p.c.core.logPattern(PatternDraft(Happened.WENT_SILENT, tags = listOf("Tired", "work")))
            at("2027-03-13T10:00:00Z")
            p.c.core.recordRepair(RepairAct.CHECKED_IN, null, null, false)
            at("2027-03-13T17:00:00Z") // Saturday 12:00

            val i = p.c.core.insights(2u, NY)
            assertEquals(listOf("2027-03-01", "2027-03-08"), i.weeks, "weeks (Mondays)")
            assertEquals(listOf(LabelCount("tired", 2u), LabelCount("work", 1u)), i.triggers, "triggers")
            assertEquals(LabelCount("tired", 2u), i.triggers[0], "the first trigger")
            assertEquals(listOf(LabelCount("money", 1u)), i.derailingTopics, "derailing topics")
            assertEquals(8.0, i.temperatureBeforeDistance, "temperature before distance")
            assertEquals(5.5, i.temperatureBaseline, "temperature baseline")
            assertEquals(listOf<UInt>(0u, 0u, 0u, 0u, 2u, 0u, 0u), i.distanceByWeekday, "by weekday: two Fridays")
            assertEquals(listOf<UInt>(0u, 0u, 0u, 2u), i.distanceByPartOfDay, "by part of day: two evenings")
            assertEquals(
                listOf(
                    "rituals kept", "rituals scheduled", "personal rituals kept", "personal rituals scheduled", "pauses started", "pauses kept", "appreciations given",
                    "repairs", "my check-ins", "withdrawals and silences",
                ),
                i.series.map { it.name },
                "series names",
            )
            i.series.forEach { assertEquals(i.weeks.size, it.values.size, "values of ${it.name}") }
            assertEquals(
                listOf(
                    "Before you withdrew or went quiet, “tired” came up most often (twice).",
                    "In the hours before a silence you ran warmer than usual (8.0 against 5.5): an early pause may help.",
                    "Talks about “money” derailed most often; it may deserve a calm moment of its own.",
                ),
                i.sentences,
                "sentences",
            )
            noBlame(i.sentences, "insight sentences")

            val screen = p.c.insightsOver(2u, NY)
            assertEquals(listOf("week of Mon 1 Mar", "week of Mon 8 Mar"), screen.weeks, "screen weeks")
            assertEquals(i.sentences, screen.sentences, "screen sentences")
            assertEquals(
                listOf(
                    "Rituals kept: 0 0", "Rituals planned: 0 0", "Your own rituals kept: 0 0", "Your own rituals planned: 0 0",
                    "Pauses you took: 0 0", "Pauses you came back from as promised: 0 0", "Appreciations you gave: 0 0",
                    "Repairs: 0 1", "Your check-ins: 2 2", "Withdrawals and silences: 1 1",
                ),
                screen.rows.map { it.text },
                "chart rows, as the core words them",
            )
            assertEquals(listOf(2.0, 2.0), screen.row("my check-ins")?.values, "row by the core's key")
            assertEquals(2.0, screen.row("my check-ins")?.peak, "the chart's scale")
            val m = screen
            assertEquals(listOf("“tired” · twice", "“work” · once"), m.triggers.map { it.text }, "triggers")
            assertEquals(listOf("“money” · once"), m.topics.map { it.text }, "topics")
            assertEquals(listOf("Fri · twice"), m.byWeekday.map { it.text }, "by weekday")
            assertEquals(listOf("in the evening · twice"), m.byPartOfDay.map { it.text }, "by part of day")
            assertEquals("Before a withdrawal or silence your check-ins averaged 8.0; usually 5.5.", m.temperature, "temperature")
            assertEquals(null, m.empty, "not empty")
            val five = p.c.core.insights(5u, NY)
            assertEquals(listOf("2027-02-08", "2027-02-15", "2027-02-22", "2027-03-01", "2027-03-08"), five.weeks, "five weeks")
            assertEquals(listOf(0.0, 0.0, 0.0, 2.0, 2.0), five.series.single { it.name == "my check-ins" }.values, "five weeks: the two with check-ins last")
        }
    }

    @Test
    @DisplayName("notebook: bad input is refused (temperature 0 and 11, empty or long appreciation, 0 and 521 weeks, an empty I-statement part)")
    fun `notebook - bad input is refused (temperature 0 and 11, empty or long appreciation, 0 and 521 weeks, an empty I-statement part)`() {
        val p = phone(ANA)
        using(p) {
            notebookRefused(p, "temperature 0", "temperature") { p.c.checkIn(slider = 0) }
            notebookRefused(p, "temperature 11", "temperature") { p.c.checkIn(slider = 11) }
            notebookRefused(p, "a negative slider value", "temperature") { p.c.checkIn(slider = -1) }
            notebookRefused(p, "a 501-character note", "note") { p.c.checkIn(slider = 5, note = "n".repeat(501)) }
            notebookRefused(p, "an empty appreciation", "empty") { p.c.core.appreciate("") }
            notebookRefused(p, "a blank appreciation", "empty") { p.c.core.appreciate("   ") }
            notebookRefused(p, "a 281-character appreciation", "280") { p.c.core.appreciate("a".repeat(281)) }
            notebookRefused(p, "pattern temperature 0", "temperature") { p.c.core.logPattern(PatternDraft(Happened.PURSUED, temperatureBefore = 0u)) }
            notebookRefused(p, "eleven tags", "tag") { p.c.core.logPattern(PatternDraft(Happened.PURSUED, tags = List(11) { "t$it" })) }
            notebookRefused(p, "a 31-character tag", "tag") { p.c.core.logPattern(PatternDraft(Happened.PURSUED, tags = listOf("t".repeat(31)))) }
            for (weeks in listOf(0u, 521u, UInt.MAX_VALUE)) {
                notebookRefused(p, "$weeks weeks", "week") { p.c.core.insights(weeks, NY) }
                assertFailsWith<TandemException.InvalidInput>("$weeks weeks: screen") { p.c.core.insightsScreen(weeks, NY) }
            }
            assertEquals(520, p.c.core.insights(520u, NY).weeks.size, "520 weeks is fine")
            assertEquals(1, p.c.core.insights(1u, NY).weeks.size, "1 week is fine")
            for ((part, args) in listOf(
                "observation" to listOf("", "hurt", "care", "a hug"),
                "feeling" to listOf("you leave", "", "care", "a hug"),
                "need" to listOf("you leave", "hurt", "  ", "a hug"),
                "request" to listOf("you leave", "hurt", "care", ""),
            )) {
                val e = assertFailsWith<TandemException.InvalidInput>("I-statement without its $part") { iStatement(args[0], args[1], args[2], args[3]) }
                assertTrue(e.message.orEmpty().contains("the $part is empty")) { "empty $part: <${e.message}>" }
            }
            val leadOnly = assertFailsWith<TandemException.InvalidInput>("an I-statement feeling of only its lead") { iStatement("you leave", "I feel", "care", "a hug") }
            assertTrue(leadOnly.message.orEmpty().contains("the feeling is empty")) { "lead only: <${leadOnly.message}>" }
            assertEquals(emptyList<LogEntry>(), p.c.core.entries(ALL_TIME_FROM, ALL_TIME_TO), "nothing was written")
        }
    }

    @Test
    @DisplayName("iStatement: the exact sentence; lead words and end punctuation typed into a part are not doubled")
    fun `iStatement - the exact sentence, lead words and end punctuation typed into a part are not doubled`() {
        val plain = app.tandem.ffi.iStatement("you look at your phone while I talk", "unheard", "your attention", "putting phones away at dinner")
        assertEquals("When you look at your phone while I talk, I feel unheard, and I need your attention. Would you be open to putting phones away at dinner?", plain, "plain parts")
        val p = phone(ANA)
        using(p) {
            assertEquals(
                "When the dishes pile up, I feel tired, and I need help. Would you be open to a rota?",
                iStatement("When the dishes pile up.", "I feel tired", "I need help", "Would you be open to a rota?"),
                "parts typed with their lead words",
            )
            val tags = suggestedTags()
            assertTrue(tags.isNotEmpty()) { "no suggested tags" }
            assertTrue(tags.all { it == it.lowercase() && it.length <= 30 }) { "suggested tags not lowercase or too long: $tags" }
            assertEquals(tags, app.tandem.ffi.suggestedTags(), "the controller passes them through")
        }
    }

    @Test
    @DisplayName("notebook screen: both partners' words day by day, worded and timed by the core; a private check-in only on its phone")
    fun `notebook screen - both partners' words day by day, worded and timed by the core, a private check-in only on its phone`() {
        couple { k ->
            val (a, b) = k.a to k.b
            assertEquals(Notebook(emptyList(), "Nothing written in the last 4 weeks. Check-ins, appreciations, repairs and notes on rituals appear here."), b.c.core.notebook(4u, NY), "B's empty notebook")
            k.setClocks(T0 + 2 * HOUR) // 14:00 UTC, 09:00 in New York
            val thanks = a.c.core.appreciate("Thank you for the tea.")
            val private = a.c.checkIn(slider = 6, capacity = Capacity.SOME, need = Need.CLOSENESS, shared = false)
            k.sync()
            val onB = b.c.core.notebook(4u, NY)
            assertEquals(
                Notebook(
                    listOf(NotebookDay("Today", listOf(NotebookItem(thanks.id, NotebookKind.APPRECIATION, false, false, "09:00", "Ana's phone appreciated you", listOf("Thank you for the tea."))))),
                    null,
                ),
                onB,
                "B's notebook: A's appreciation, not her private check-in",
            )
            assertEquals(Rendered.Shown(onB), b.c.notebookScreen(NY), "the screen both apps show: the core's four weeks")
            assertTrue(b.c.notebookScreen("Mars/Base") is Rendered.Failed) { "an unknown zone: a message, no throw" }
            val onA = a.c.core.notebook(1u, NY).days.single().items
            assertEquals(listOf("You appreciated Ben's phone", "You checked in: stirred, some capacity, needing closeness"), onA.map { it.headline }, "A's lines")
            assertEquals(listOf(false, true), onA.map { it.private }, "private marks")
            assertEquals(private.id, onA[1].id, "the check-in's id")
            for (weeks in listOf(0u, 521u, UInt.MAX_VALUE)) {
                assertFailsWith<TandemException.InvalidInput>("$weeks weeks") { b.c.core.notebook(weeks, NY) }
            }
            assertFailsWith<TandemException.InvalidInput>("an unknown zone") { b.c.core.notebook(4u, "Mars/Base") }
        }
    }
}
