package app.tandem.shell

import app.tandem.ffi.RitualPurpose
import app.tandem.ffi.TodayActionKind as TodayAction
import app.tandem.ffi.AgreementDraft
import app.tandem.ffi.AgreementPurpose
import app.tandem.ffi.AgreementStatus
import app.tandem.ffi.AppLock
import app.tandem.ffi.Capacity
import app.tandem.ffi.EntryKind
import app.tandem.ffi.FormRequest
import app.tandem.ffi.LogEntry
import app.tandem.ffi.ManualClock
import app.tandem.ffi.Need
import app.tandem.ffi.NoticeKind
import app.tandem.ffi.OccurrenceStatus
import app.tandem.ffi.PauseButton
import app.tandem.ffi.PauseProtocol
import app.tandem.ffi.Recurrence
import app.tandem.ffi.ReminderSettings
import app.tandem.ffi.Repeat
import app.tandem.ffi.AgreementReview
import app.tandem.ffi.ReviewOutcome
import app.tandem.ffi.Ritual
import app.tandem.ffi.RitualDraft
import app.tandem.ffi.RitualStatus
import app.tandem.ffi.TandemException
import app.tandem.ffi.TodayScreenModel
import app.tandem.ffi.Weekday
import app.tandem.ffi.ZoneMode
import app.tandem.ffi.payloadToText
import app.tandem.ffi.temperatureWords
import app.tandem.ffi.UserAction.AcceptAgreement
import app.tandem.ffi.UserAction.DeclineAgreement
import app.tandem.ffi.UserAction.KeepAgreement
import app.tandem.ffi.UserAction.MarkDone
import app.tandem.ffi.UserAction.PauseRitual
import app.tandem.ffi.UserAction.SkipOccurrence
import app.tandem.ffi.UserAction.Snooze
import app.tandem.ffi.UserAction.WithdrawAgreement
import java.io.ByteArrayInputStream
import java.io.File
import java.time.Instant
import java.time.ZoneId
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.fail
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test

// The screen loader, action outcomes, forms, the Check-in, Sync and Today
// models, and files shared to the phone, through TandemSession as the app
// drives it (a ManualClock, New York, a fake scheduler).

private const val S_NY = "America/New_York"
private val S_ZONE: ZoneId = ZoneId.of(S_NY)

/** 2027-03-01T12:00:00Z: a Monday, 07:00 in New York. */
private val S_T0 = Instant.parse("2027-03-01T12:00:00Z").toEpochMilli()
private const val S_MIN = 60_000L

private val CLOSED_MESSAGE = UserMessages.forError(TandemException.Closed("x"))

/** One phone as the app runs it: a session with a launcher, a fake scheduler and the sync folders. */
private class Rig(name: String, start: Boolean = true) {
    val dir: File = tempDir()
    val clock = ManualClock(S_T0)
    val scheduler = FakeScheduler()
    val outbox = File(dir, "sync-out")
    val inbox = File(dir, "sync-in")
    val files = FileSyncTransport(outbox, inbox)
    val session = TandemSession(TandemLauncher(File(dir, "tandem.db"), InMemoryStorageKeyProvider(), name, clock), scheduler, files) { S_NY }

    init {
        if (start) session.start()
    }

    val c: TandemController get() = session.controller ?: fail("not open")
    val now: Long get() = clock.nowMs()

    fun load(s: Screen) = session.load(s, now, S_NY)

    fun <T> act(s: Screen, action: (TandemController) -> T) = session.act(s, now, S_NY, action = action)

    fun perform(s: Screen, action: UserAction) = session.perform(s, now, S_NY, action)

    fun today(): TodayScreenModel = when (val m = load(Screen.TODAY)) {
        is ScreenModel.Today -> (m.model as? Rendered.Shown)?.model ?: fail("Today: ${m.model}")
        else -> fail("expected Today, got $m")
    }

    fun sync(): SyncScreen.Shown = ((load(Screen.SYNC) as ScreenModel.Sync).model as? SyncScreen.Shown)
        ?: fail("Sync: ${load(Screen.SYNC)}")

    fun close() = runCatching { session.controller?.close() }
}

private fun <T> rigs(vararg names: String, block: (List<Rig>) -> T): T {
    val all = names.map { Rig(it) }
    return try {
        block(all)
    } finally {
        all.forEach { it.close() }
    }
}

/** Pairs two sessions through their pairing flows, as the Pairing screen does. */
private fun pairRigs(a: Rig, b: Rig) {
    val offer = expectStage("A shows", PairingStage.SHOWING_CODE, a.session.pair(a.now, S_NY) { it.press(PairingAction.SHOW_MY_CODE, S_NY) }.value!!)
    b.session.pair(b.now, S_NY) { it.press(PairingAction.SCAN_PARTNERS_CODE, S_NY) }
    val answer = expectStage("B scans", PairingStage.SHOWING_ANSWER, b.session.pair(b.now, S_NY) { it.scanned(offer.qr!!.text, S_NY) }.value!!)
    a.session.pair(a.now, S_NY) { it.scanned(answer.qr!!.text, S_NY) }
    expectStage("A paired", PairingStage.PAIRED, a.session.pair(a.now, S_NY) { it.press(PairingAction.THEY_MATCH, S_NY) }.value!!)
    expectStage("B paired", PairingStage.PAIRED, b.session.pair(b.now, S_NY) { it.press(PairingAction.THEY_MATCH, S_NY) }.value!!)
}

/** [from] sends; every file it wrote is shared to [to], which imports them. */
private fun share(from: Rig, to: Rig): ActionResult<SyncInResult> {
    val sent = from.session.send(from.now, S_NY)
    val files = sent.value ?: fail("send: ${sent.outcome}")
    return to.session.receiveShared(to.now, S_NY, files.map { f -> SharedFile(f.name) { f.inputStream() } })
}

private fun personal(title: String, time: String, minutes: UInt = 15u, leads: List<UInt> = listOf(0u), trialUntil: String? = null) = RitualDraft(
    title = title, prompt = null, minutes = minutes, timeOfDay = time, zone = ZoneMode.Floating,
    recurrence = Recurrence(Repeat.Daily, startDate = "2027-03-01"), leadMinutes = leads, trialUntil = trialUntil,
)

private fun syncText(bytes: ByteArray = byteArrayOf(1, 2, 3, 4)) = payloadToText(bytes).toByteArray(Charsets.UTF_8)

class ScreenTests : StoreTestBase() {
    @Test
    @DisplayName("screens: before Tandem opens, every screen loads as closed with its message, and an action is refused the same way")
    fun `screens - before Tandem opens, every screen loads as closed with its message, and an action is refused the same way`() {
        val rig = Rig(BEN_NAME, start = false)
        for (s in Screen.values()) {
            val m = rig.load(s)
            assertEquals(s, m.screen, "$s: the model's screen")
            assertEquals(CLOSED_MESSAGE, m.failure, "$s: the closed message")
        }
        val r = rig.act(Screen.RITUALS) { it.core.rituals() }
        assertEquals(CLOSED_MESSAGE, (r.outcome as? ActionOutcome.Failed)?.message, "action refused")
        assertEquals(null, r.value, "no value")
        assertEquals(null, rig.session.resumed(), "no re-plan while closed")
        assertEquals(emptyList<String>(), rig.scheduler.take(), "the scheduler untouched")
    }

    @Test
    @DisplayName("screens: once open, each screen loads its own model from the core")
    fun `screens - once open, each screen loads its own model from the core`() {
        rigs(ANA_NAME) { (a) ->
            val walk = a.c.core.addPersonalRitual(personal("Evening walk", "20:30"))
            assertEquals(Screen.values().toList(), Screen.values().map { a.load(it).screen }, "one model per screen, in order")
            Screen.TABS.forEach { assertEquals(null, a.load(it).failure, "$it: loaded") }
            assertEquals(Screen.values().toList() - Screen.RITUAL, Screen.TABS, "every screen is a tab but a ritual's own")
            assertEquals(UserMessages.NOT_FOUND, a.load(Screen.RITUAL).failure, "a ritual's own screen before one was opened")
            val own = a.session.ritual(walk.id, a.now, S_NY)
            assertEquals(walk.id to RitualTexts.PERSONAL, ((own as ScreenModel.Ritual).model as Rendered.Shown).model.row.let { it.id to it.status }, "the walk's own screen")
            assertEquals(own, a.load(Screen.RITUAL), "Screen.RITUAL shows the ritual opened last")
            val rituals = ((a.load(Screen.RITUALS) as ScreenModel.Rituals).model as Rendered.Shown).model
            assertEquals(listOf(walk.id to RitualTexts.PERSONAL), rituals.rows.map { it.ritualId to it.status }, "rituals")
            assertEquals("No agreements yet. Write one down together.", ((a.load(Screen.AGREEMENTS) as ScreenModel.Agreements).model as Rendered.Shown).model.empty, "agreements")
            assertEquals(true, ((a.load(Screen.PAUSE) as ScreenModel.Pause).model as PauseScreen.Shown).canStart, "pause")
            assertEquals(8, ((a.load(Screen.INSIGHTS) as ScreenModel.Insights).model as Rendered.Shown).model.weeks.size, "insights weeks")
            assertEquals(PairingStage.START, shown((a.load(Screen.PAIRING) as ScreenModel.Pairing).model).stage, "pairing")
            assertEquals(SyncScreen.Shown(false, PAIR_FIRST, 0, null, emptyList()), a.sync(), "sync")
            assertEquals(listOf("Evening walk"), a.today().coming.map { it.title }, "today")
            assertEquals("Next reminder 20:30 · Tandem", a.today().nextReminder, "the next reminder, quiet by default: the private title")
            val bad = a.session.load(Screen.PAUSE, a.now, "Mars/Olympus")
            assertEquals(UserMessages.UNKNOWN_ZONE, bad.failure, "an unknown zone")
            assertEquals(UserMessages.UNKNOWN_ZONE, a.session.load(Screen.CHECK_IN, a.now, "Mars/Olympus").failure, "an unknown zone on Check-in")
        }
    }

    @Test
    @DisplayName("screens: an action that succeeds re-plans and reloads; a refused one gives the screen's message, re-plans, and reloads with the data unchanged")
    fun `screens - an action that succeeds re-plans and reloads, a refused one gives the screen's message, re-plans, and reloads with the data unchanged`() {
        rigs(ANA_NAME) { (a) ->
            a.scheduler.take()
            val added = a.session.act(Screen.RITUALS, a.now, S_NY, done = { r: Ritual -> "Added ${r.title}." }) { it.core.addPersonalRitual(personal("Evening walk", "20:30", leads = listOf(30u, 0u))) }
            assertEquals(ActionOutcome.Done("Added Evening walk."), added.outcome, "outcome")
            assertEquals("Evening walk", added.value?.title, "the value")
            val rows = ((added.model as ScreenModel.Rituals).model as Rendered.Shown).model.rows
            assertEquals(listOf("Evening walk"), rows.map { it.title }, "the reloaded screen shows it")
            assertTrue(a.scheduler.take().count { it.startsWith("arm ") } > 0) { "re-planned: the walk armed" }

            val before = a.c.core.rituals()
            val shownBefore = a.load(Screen.RITUALS)
            a.scheduler.take()
            val gone = a.perform(Screen.RITUALS, PauseRitual("0123456789abcdef01234567"))
            val failed = gone.outcome as? ActionOutcome.Failed ?: fail("expected a refusal, got ${gone.outcome}")
            assertEquals(UserMessages.RITUAL_GONE, failed.message, "the ritual screen's message")
            assertTrue(failed.error is TandemException.NotFound) { "the error: ${failed.error}" }
            assertEquals(null, gone.value, "no value")
            assertEquals(shownBefore, gone.model, "the reloaded screen is as before")
            assertEquals(before, a.c.core.rituals(), "the data unchanged")
            assertEquals(listOf("pending"), a.scheduler.take(), "refused: what is armed was read, nothing cancelled or armed")

            val typed = a.act(Screen.RITUALS) { it.core.addPersonalRitual(personal("Walk", "20:30", minutes = UInt.MAX_VALUE)) }
            assertEquals(UserMessages.forError(TandemException.InvalidInput("x")), typed.outcome.shown, "a bad length: the core's refusal in words")
            assertEquals(before, a.c.core.rituals(), "nothing added")

            val agreement = a.act(Screen.AGREEMENTS) { it.core.proposeAgreement(AgreementDraft("", "We pause.", null, null)) }
            assertEquals(UserMessages.AGREEMENT_INPUT, agreement.outcome.shown, "the agreement screen's message")
            val pause = a.perform(Screen.PAUSE, StartPause(5u, null))
            assertEquals(UserMessages.PAUSE_INPUT, pause.outcome.shown, "the pause screen's message")
            val fromToday = a.perform(Screen.TODAY, WithdrawAgreement("0123456789abcdef01234567"))
            assertEquals(UserMessages.AGREEMENT_GONE, fromToday.outcome.shown, "worded for what the action is about, not the screen")
            assertTrue(fromToday.model is ScreenModel.Today) { "Today reloaded" }

            val wrongStep = a.session.pair(a.now, S_NY) { it.press(PairingAction.THEY_MATCH, S_NY) }
            assertEquals(null, wrongStep.outcome.shown, "a pairing step the screen did not offer changes nothing, and says nothing")
            val start = wrongStep.model as ScreenModel.Pairing
            val settings = start.settings ?: fail("the settings under pairing")
            assertEquals(PairingStage.START to null, shown(start.model).stage to shown(start.model).notice, "pairing as it was")
            assertEquals(null, settings.cleanExit, "no clean exit before any pairing")
            assertEquals(listOf("Off"), settings.lockChoices.filter { it.chosen }.map { it.label }, "the lock off, chosen")
            val refused = a.session.pair(a.now, S_NY) { it.scanned("https://example.com/", S_NY) }
            assertEquals(null, refused.outcome.shown, "a refused scan is the screen's notice, not the action's")
            assertEquals("pairing.failed", shown((refused.model as ScreenModel.Pairing).model).notice?.code, "the reloaded screen keeps the notice")
            assertEquals(null, a.load(Screen.PAIRING).failure, "a notice is not a failure")
            a.session.pair(a.now, S_NY) { it.press(PairingAction.CANCEL, S_NY) }
        }
    }

    @Test
    @DisplayName("screens: coming back to the app re-plans only when notifications or exact alarms changed since the last re-plan")
    fun `screens - coming back to the app re-plans only when notifications or exact alarms changed since the last re-plan`() {
        rigs(ANA_NAME) { (a) ->
            a.session.change { it.core.addPersonalRitual(personal("Evening walk", "20:30", leads = listOf(30u, 0u))) }
            a.scheduler.take()
            assertEquals(null, a.session.resumed(), "unchanged access: no re-plan")
            assertEquals(null, a.session.resumed(), "still unchanged")
            assertEquals(emptyList<String>(), a.scheduler.take(), "nothing armed or cancelled")
            // The phone's language changed while away: Today follows it.
            val german = a.session.resumed("de-DE") as? ReplanResult.Replanned ?: fail("a new language re-words the reminders")
            assertEquals(ReplanTrigger.LANGUAGE_CHANGED, german.trigger, "trigger")
            assertEquals(german.planned.map { it.id }, german.armed, "every reminder re-armed in German")
            assertEquals("Als Nächstes", a.today().headings.coming, "German after coming back")
            assertEquals(null, a.session.resumed("de-DE"), "the same language again: no re-plan")
            a.session.resumed("en-US")
            assertEquals("Coming up", a.today().headings.coming, "and back")
            a.scheduler.take()

            a.scheduler.access = ReminderAccess(notifications = true, exactAlarms = false)
            val revoked = a.session.resumed() as? ReplanResult.Replanned ?: fail("expected a re-plan")
            assertEquals(ReplanTrigger.PERMISSION_CHANGED, revoked.trigger, "trigger")
            assertEquals(listOf(NoticeKind.EXACT_ALARMS_OFF), revoked.notices.kinds(), "notice")
            assertEquals(revoked.planned.map { it.id }, revoked.armed, "every reminder re-armed")
            assertEquals(60, revoked.armed.size, "as many as the plan holds")
            assertTrue(a.scheduler.alarms.values.all { !it.exact }) { "windowed now" }
            a.scheduler.take()
            assertEquals(null, a.session.resumed(), "the same denial: no re-plan")

            a.scheduler.access = ReminderAccess(notifications = false, exactAlarms = false)
            assertEquals(listOf(NoticeKind.NOTIFICATIONS_OFF, NoticeKind.EXACT_ALARMS_OFF), a.session.resumed()?.let { (it as ReplanResult.Replanned).notices.kinds() }, "notifications off too")
            a.scheduler.access = ReminderAccess.ALL
            val granted = a.session.resumed() as? ReplanResult.Replanned ?: fail("expected a re-plan")
            assertEquals(emptyList<ReminderNotice>(), granted.notices, "no notice")
            assertTrue(a.scheduler.alarms.values.all { it.exact }) { "exact again" }
            a.scheduler.take()
            a.session.replan(ReplanTrigger.AFTER_LOCAL_CHANGE)
            a.scheduler.take()
            assertEquals(null, a.session.resumed(), "after another re-plan with the same access: none")
        }
    }

    @Test
    @DisplayName("labels: the tab row, form fields and buttons are the core's words, in the phone's language")
    fun `labels - the tab row, form fields and buttons are the core's words, in the phone's language`() {
        val en = labelsIn("en-US")
        val de = labelsIn("de-AT")
        assertEquals(listOf("Today", "Rituals", "Agreements"), Screen.values().take(3).map { it.title(en) }, "English tabs")
        assertEquals(listOf("Heute", "Rituale", "Vereinbarungen"), Screen.values().take(3).map { it.title(de) }, "German tabs")
        // The day picker: the core's rule (toggleWeekday), the core's words.
        val daily = FormEdit.Ritual(newDb().tandem.closing { it.newRitualForm() }, emptyList())
        assertEquals("Every day" to "Jeden Tag", daily.repeatLabel(en) to daily.repeatLabel(de), "daily")
        val days = daily.toggle(Weekday.FRIDAY).toggle(Weekday.MONDAY).toggle(Weekday.WEDNESDAY).toggle(Weekday.WEDNESDAY)
        assertEquals(Repeat.Weekdays(listOf(Weekday.MONDAY, Weekday.FRIDAY)), days.form.repeat, "weekdays in week order")
        assertEquals(listOf(Weekday.MONDAY, Weekday.FRIDAY), days.days, "ticked")
        assertEquals("Mon, Fri" to "Mo, Fr", days.repeatLabel(en) to days.repeatLabel(de), "the days picked")
        assertEquals(Repeat.Daily, days.toggle(Weekday.MONDAY).toggle(Weekday.FRIDAY).form.repeat, "none picked: every day")
        val other = daily.typed { it.copy(repeat = Repeat.EveryNDays(2u)) }
        assertEquals("As before" to emptyList<Weekday>(), other.repeatLabel(en) to other.days, "a repeat the picker can't show")
        assertEquals(Repeat.Weekdays(listOf(Weekday.TUESDAY)), other.toggle(Weekday.TUESDAY).form.repeat, "picking a day replaces it")
        assertEquals(en, labelsIn("xx-unknown"), "a language Tandem does not have reads as English")
    }

    @Test
    @DisplayName("check-in screen: the slider reads the core's words, options have labels, and today's rows are this person's own since local midnight")
    fun `check-in screen - the slider reads the core's words, options have labels, and today's rows are this person's own since local midnight`() {
        assertEquals(
            listOf("calm", "calm", "settled", "settled", "stirred", "stirred", "heated", "heated", "flooded", "flooded"),
            (1..10).map { temperatureWords(it.toUByte()) }, "the core's words",
        )
        listOf(0, 11, 255).forEach { t -> assertFailsWith<TandemException.InvalidInput>("temperatureWords($t)") { temperatureWords(t.toUByte()) } }
        rigs(ANA_NAME) { (a) ->
            a.clock.set(Instant.parse("2027-03-01T04:50:00Z").toEpochMilli()) // 23:50 the day before in New York
            a.c.checkIn(slider = 3)
            a.clock.set(Instant.parse("2027-03-02T01:10:00Z").toEpochMilli()) // 20:10 on 2027-03-01
            val before = ((a.load(Screen.CHECK_IN) as ScreenModel.CheckIn).model as Rendered.Shown).model
            assertEquals("No check-ins yet today.", before.empty, "yesterday's is not today's")
            val fresh = (a.load(Screen.CHECK_IN) as ScreenModel.CheckIn).model.let { it as Rendered.Shown }.model.newForm()
            a.scheduler.take()
            val refused = a.session.submit(Screen.CHECK_IN, a.now, S_NY, fresh.typed { it.copy(temperature = 11, note = "n".repeat(501)) })
            val left = refused.value?.form as? FormEdit.CheckIn ?: fail("the form comes back: ${refused.value}")
            assertEquals(ActionOutcome.Done(null), refused.outcome, "nothing said above the form")
            assertEquals("Choose a number from 1 to 10.", left.check?.temperature, "the slider's words")
            assertEquals("The note is 501 characters long; it can be up to 500.", left.check?.note, "the note's words")
            assertEquals(listOf("pending"), a.scheduler.take(), "nothing armed or cancelled")
            val done = a.session.submit(Screen.CHECK_IN, a.now, S_NY, left.typed { it.copy(temperature = 5, need = Need.SPACE, note = "Long day", shared = true) })
            assertEquals(ActionOutcome.Done("Checked in."), done.outcome, "checked in: the outcome's notice")
            assertEquals(true to null, done.value?.sent to (done.value?.form as? FormEdit.CheckIn)?.check, "sent")
            assertEquals(refused.model.let { (it as ScreenModel.CheckIn).model as Rendered.Shown }.model.today, emptyList<app.tandem.ffi.CheckInRowModel>(), "nothing added by the refused one")
            val shown = (done.model as ScreenModel.CheckIn).model as? Rendered.Shown ?: fail("${done.model}")
            val s = shown.model
            assertEquals(
                listOf(Triple("20:10 · stirred · some capacity · needing space", "Long day", "Shared with your partner")),
                s.today.map { Triple(it.text, it.note, it.sharedNote) }, "today's rows (yesterday's left out)",
            )
            assertEquals("5 · stirred", s.label(5), "slider label")
            assertEquals("10 · flooded", s.label(10), "slider label at the top")
            assertEquals("0" to "11", s.label(0) to s.label(11), "no words outside 1 to 10")
            assertEquals(1..10, s.range, "the slider's range")
            assertEquals(3, s.defaultTemperature.toInt(), "where the slider starts, on both phones")
            assertEquals(Capacity.values().toList(), s.capacities.map { it.value }, "capacity options")
            assertEquals(listOf("Running low", "Some room", "Plenty of room"), s.capacities.map { it.label }, "capacity labels")
            assertEquals(listOf("Space", "Closeness", "Reassurance", "Practical help", "Nothing right now"), s.needs.map { it.label }, "need labels")
            assertEquals(s.capacities.map { it.value to it.label } to s.needs.map { it.value to it.label }, s.capacityChoices.map { it.value to it.label } to s.needChoices.map { it.value to it.label }, "the pickers: the core's choices")
            assertEquals(null, s.empty, "not empty")

        }
    }

    @Test
    @DisplayName("screens: the words of rows and buttons: chart values, a Today row with another zone's clock or resting, messages by screen")
    fun `screens - the words of rows and buttons - chart values, a Today row with another zone's clock or resting, messages by screen`() {
        assertEquals(UserMessages.FILES_FAILED, ActionOutcome.message(Screen.SYNC, java.io.IOException("disk full")), "a file error")
        assertEquals(UserMessages.NOT_ALLOWED_NOW, ActionOutcome.message(Screen.PAIRING, IllegalStateException("stale screen")), "a step not offered")
        assertEquals(UserMessages.PAUSE_GONE, ActionOutcome.message(Screen.PAUSE, TandemException.NotFound("x")), "pause words")
        assertEquals(UserMessages.AGREEMENT_GONE, ActionOutcome.message(Screen.AGREEMENTS, TandemException.NotFound("x")), "agreement words")
        assertEquals(UserMessages.RITUAL_GONE, ActionOutcome.message(Screen.TODAY, TandemException.NotFound("x")), "Today's ritual words")
        assertEquals(UserMessages.NOT_FOUND, ActionOutcome.message(Screen.CHECK_IN, TandemException.NotFound("x")), "general words")
        noBlameIn(listOf(NOTHING_WAITING, PAIR_FIRST, "No check-ins yet today."))
    }

    @Test
    @DisplayName("inbox: a shared sync file is saved beside then moved; hostile names, oversized and foreign files are refused with a message and nothing written")
    fun `inbox - a shared sync file is saved beside then moved, hostile names, oversized and foreign files are refused with a message and nothing written`() {
        val dir = tempDir()
        val inbox = File(dir, "sync-in")
        val t = FileSyncTransport(File(dir, "sync-out"), inbox)
        val text = syncText()
        assertEquals(FileSyncTransport.Accepted.Saved("tandem-sync-1.txt"), t.accept("tandem-sync-1.txt", text), "saved")
        assertTrue(File(inbox, "tandem-sync-1.txt").readBytes().contentEquals(text)) { "the bytes" }
        assertEquals(FileSyncTransport.Accepted.Saved("tandem-sync-1-2.txt"), t.accept("tandem-sync-1.txt", syncText(byteArrayOf(9))), "a second file of that name")
        val unnamed = t.accept(null, ByteArrayInputStream(text)) as? FileSyncTransport.Accepted.Saved ?: fail("unnamed")
        assertTrue(SYNC_FILE_NAME.matches(unnamed.name)) { "a made-up name: ${unnamed.name}" }
        assertEquals(3, t.waiting(), "three waiting")
        val before = dir.walk().map { it.relativeTo(dir).path }.sorted().toList()

        for (bad in listOf("../evil.txt", "../../etc/passwd", "a/b.txt", "..\\evil.txt", "x..txt", ".hidden", "", "  ", "tab\there", "nul\u0000.txt", "C:evil.txt", "x".repeat(200))) {
            assertEquals(FileSyncTransport.Accepted.Refused(bad, SyncTexts.UNSAFE_NAME), t.accept(bad, text), "name <$bad>")
        }
        val big = "TSYNC1:".toByteArray() + ByteArray(FileSyncTransport.MAX_FILE_BYTES) { 'A'.code.toByte() }
        assertEquals(FileSyncTransport.Accepted.Refused("big.txt", SyncTexts.TOO_BIG), t.accept("big.txt", big), "oversized")
        assertEquals(FileSyncTransport.Accepted.Refused("big.txt", SyncTexts.TOO_BIG), t.accept("big.txt", ByteArrayInputStream(big)), "oversized, as a stream")
        assertEquals(FileSyncTransport.Accepted.Refused("(no name)", SyncTexts.TOO_BIG), t.accept(null, big), "a file shared without a name, in the core's words")
        assertEquals(FileSyncTransport.MAX_FILE_BYTES + 1, FileSyncTransport.readCapped(ByteArrayInputStream(big)).size, "the stream read no further than the cap")
        assertEquals(FileSyncTransport.Accepted.Refused("photo.jpg", SyncTexts.NOT_SYNC_TEXT), t.accept("photo.jpg", byteArrayOf(-1, -40, -1, -32)), "not sync text")
        assertEquals(before, dir.walk().map { it.relativeTo(dir).path }.sorted().toList(), "nothing written anywhere")
        assertEquals(3, t.waiting(), "still three")
    }

    @Test
    @DisplayName("sync screen: Pair first until paired; sending shares every file of a split backlog; receiving reports changes and each refused file")
    fun `sync screen - Pair first until paired, sending shares every file of a split backlog, receiving reports changes and each refused file`() {
        rigs(ANA_NAME, BEN_NAME) { (a, b) ->
            assertEquals(SyncScreen.Shown(false, PAIR_FIRST, 0, null, emptyList()), a.sync(), "not paired")
            assertEquals(false, a.sync().canSend, "no sending")
            val early = a.session.send(a.now, S_NY)
            assertEquals(UserMessages.forError(TandemException.NotPaired("x")), early.outcome.shown, "sending before pairing")
            assertEquals(ScreenModel.Sync(SyncScreen.Shown(false, PAIR_FIRST, 0, null, emptyList())), early.model, "the screen as it was")

            pairRigs(a, b)
            assertEquals(SyncScreen.Shown(true, UP_TO_DATE, 0, 0, emptyList(), EVERYTHING), a.sync(), "paired")
            // Enough long rituals to split the backlog over two files (a payload holds 256 KiB).
            val n = 560
            val prompt = "p".repeat(490)
            repeat(n) { i -> a.c.core.sendRitual(draft("Ritual $i", "$prompt$i", 10u, "08:00", ZoneMode.Floating), RitualPurpose.Propose) }
            assertEquals(SyncScreen.Shown(true, SEND_CHANGES, 0, n, emptyList(), "$n changes to send"), a.sync(), "$n to send")
            val sent = a.session.send(a.now, S_NY)
            val files = sent.value ?: fail("send: ${sent.outcome}")
            assertTrue(files.size >= 2) { "a split backlog: ${files.size} file(s)" }
            assertEquals(files.map { it.name }.sorted(), a.outbox.list()?.sorted(), "every file is in the outbox and handed over")
            assertEquals(ActionOutcome.Done("Sent $n changes as ${files.size} files."), sent.outcome, "the send line")
            assertEquals(listOf("Sent $n changes as ${files.size} files."), a.sync().last, "the screen's last lines")

            // Ben's phone gets them all, plus a stray photo, a hostile name and a file from another pair.
            val foreign = syncText(ByteArray(200) { 7 })
            val shared = files.map { f -> SharedFile(f.name) { f.inputStream() } } + listOf(
                SharedFile("IMG_0001.jpg") { ByteArrayInputStream(byteArrayOf(-1, -40)) },
                SharedFile("../../evil.txt") { ByteArrayInputStream(foreign) },
                SharedFile("gone.txt") { null },
                SharedFile("other-pair.txt") { ByteArrayInputStream(foreign) },
            )
            val got = b.session.receiveShared(b.now, S_NY, shared)
            val imported = got.value ?: fail("receive: ${got.outcome}")
            assertEquals(n, b.c.core.rituals().size, "every ritual arrived")
            assertEquals(listOf("other-pair.txt"), imported.refused.map { it.source }, "the foreign payload refused")
            // The split backlog tells one story: 20 invitations, then the rest counted.
            assertEquals(21, imported.news.size, "news lines")
            assertTrue(imported.news.take(20).all { it.startsWith("Ana's phone invited you to a new ritual: Ritual ") }) { "${imported.news}" }
            assertEquals("and ${n - 20} more changes from Ana's phone", imported.news.last(), "the rest, counted")
            val payloadMessage = UserMessages.forError(TandemException.PayloadRejected("x"))
            assertEquals(
                listOf(
                    "${imported.applied} changes received.",
                ) + imported.news + listOf(
                    "Your partner's phone confirmed the pairing.",
                    "other-pair.txt: $payloadMessage",
                    "IMG_0001.jpg: ${SyncTexts.NOT_SYNC_TEXT}",
                    "../../evil.txt: ${SyncTexts.UNSAFE_NAME}",
                    "gone.txt: ${SyncTexts.UNREADABLE}",
                ),
                b.sync().last, "the receive lines",
            )
            assertTrue(imported.applied >= n) { "applied ${imported.applied}" }
            assertEquals(ActionOutcome.Done("${imported.applied} changes received."), got.outcome, "the outcome's line")
            assertEquals(SyncScreen.Shown(true, REPLY_NEXT, 0, 0, b.sync().last, EVERYTHING), b.sync(), "the refused file is set aside, out of the count; new changes are worth a reply")
            assertEquals(listOf("other-pair.txt.rejected"), b.inbox.list()?.toList(), "only the refused file stays in the inbox, set aside with the core's suffix")
            assertTrue(File(b.dir.parentFile, "evil.txt").exists().not() && File(b.dir, "evil.txt").exists().not()) { "nothing written outside" }

            File(b.inbox, "other-pair.txt").delete()
            val nothing = b.session.receive(b.now, S_NY)
            assertEquals(ActionOutcome.Done(NOTHING_WAITING), nothing.outcome, "nothing waiting")
            assertEquals(SyncScreen.Shown(true, UP_TO_DATE, 0, 0, listOf(NOTHING_WAITING), EVERYTHING), (nothing.model as ScreenModel.Sync).model, "the screen")
        }
    }

    @Test
    @DisplayName("sync screen: the changes to send (0, 1, N) and the hint follow the partner's confirmation; the send line counts changes and files; NotPaired reads as Pair first")
    fun `sync screen - the changes to send (0, 1, N) and the hint follow the partner's confirmation, the send line counts changes and files, NotPaired reads as Pair first`() {
        noBlameIn(listOf(EVERYTHING, SEND_CHANGES, UP_TO_DATE, REPLY_NEXT))
        rigs(ANA_NAME, BEN_NAME) { (a, b) ->
            // Before pairing the core says NotPaired: the screen loads and says Pair first, with no count.
            assertFailsWith<TandemException.NotPaired>("the core before pairing") { a.c.core.changesToSend() }
            val before = a.load(Screen.SYNC)
            assertEquals(null, before.failure, "loaded, not failed")
            assertEquals(SyncScreen.Shown(false, PAIR_FIRST, 0, null, emptyList()), a.sync(), "Pair first")
            assertEquals(null, a.sync().toSendLine, "no count before pairing")
            a.c.core.addPersonalRitual(draft("Stretch", null, 10u, "07:00", ZoneMode.Floating))
            assertEquals(PAIR_FIRST, a.sync().next, "a personal ritual changes nothing")
            // Half-way through pairing: confirm the digits first, still no count.
            val offer = shown(a.session.pair(a.now, S_NY) { it.press(PairingAction.SHOW_MY_CODE, S_NY) }.value!!)
            val answer = shown(b.session.pair(b.now, S_NY) { it.scanned(offer.qr!!.text, S_NY) }.value!!)
            a.session.pair(a.now, S_NY) { it.scanned(answer.qr!!.text, S_NY) }
            assertEquals(SyncScreen.Shown(false, "Confirm the check code on the Pairing screen first, then sync.", 0, null, emptyList()), a.sync(), "awaiting the digits")
            a.session.pair(a.now, S_NY) { it.press(PairingAction.THEY_MATCH, S_NY) }
            b.session.pair(b.now, S_NY) { it.press(PairingAction.THEY_MATCH, S_NY) }
            share(a, b)
            share(b, a)

            val synced = a.sync()
            assertEquals(0, synced.toSend, "0 after a full exchange")
            assertEquals("Your partner's phone has everything", synced.toSendLine, "the 0 line")
            assertEquals(UP_TO_DATE, synced.next, "nothing to send")
            a.c.core.proposeRitual(draft("Evening walk", null, 30u, "20:30", ZoneMode.Floating))
            assertEquals("1 change to send" to SEND_CHANGES, a.sync().toSendLine to a.sync().next, "one proposal")
            a.c.core.proposeRitual(draft("Sunday call", null, 60u, "18:00", ZoneMode.Floating))
            assertEquals("2 changes to send" to SEND_CHANGES, a.sync().toSendLine to a.sync().next, "two proposals")

            val sent = a.session.send(a.now, S_NY)
            assertEquals(ActionOutcome.Done("Sent 2 changes as 1 file."), sent.outcome, "the send line")
            val afterSend = (sent.model as ScreenModel.Sync).model as SyncScreen.Shown
            assertEquals(SyncScreen.Shown(true, SEND_CHANGES, 0, 2, listOf("Sent 2 changes as 1 file."), "2 changes to send"), afterSend, "still 2 once sent")
            val files = sent.value ?: fail("send: ${sent.outcome}")
            b.session.receiveShared(b.now, S_NY, files.map { f -> SharedFile(f.name) { f.inputStream() } })
            assertEquals(2, a.sync().toSend, "still 2 once Ben holds them: not confirmed yet")
            assertEquals(0 to REPLY_NEXT, b.sync().toSend to b.sync().next, "Ben has nothing of his own, and a reply to send")

            // Ben's reply carries only the acknowledgement.
            val reply = b.session.send(b.now, S_NY)
            val ack = "Sent an update as 1 file: it lets your partner's phone know what arrived here."
            assertEquals(ActionOutcome.Done(ack), reply.outcome, "the update line")
            a.files.accept(reply.value!!.single().name, reply.value!!.single().readBytes())
            assertEquals("1 file from your partner is waiting: receive it." to 2, a.sync().next to a.sync().toSend, "the reply waits: receive first")
            a.session.receive(a.now, S_NY)
            assertEquals(SyncScreen.Shown(true, UP_TO_DATE, 0, 0, a.sync().last, EVERYTHING), a.sync(), "0 after the reply, and no reply to a reply")
            assertEquals("Your partner's phone has everything", a.sync().toSendLine, "everything there")
        }
    }

    @Test
    @DisplayName("today screen: due, coming and done rows, answers and looks back waiting, the pause banner, the next reminder and the empty message")
    fun `today screen - due, coming and done rows, answers and looks back waiting, the pause banner, the next reminder and the empty message`() {
        rigs(ANA_NAME, BEN_NAME) { (a, b) ->
            pairRigs(a, b)
            share(a, b)
            share(b, a)
            // Ana chose to see what each reminder is about (quiet by default).
            a.c.core.setReminderSettings(ReminderSettings(quiet = null, hideContent = false))
            val empty = a.today()
            assertEquals("Nothing for today. A quiet day is fine too.", empty.empty, "empty")
            assertEquals(null to null, empty.nextReminder to empty.pause, "no reminder, no pause")
            assertEquals(S_T0, empty.nowMs, "the core's now")

            // Added at 07:00 in New York; nothing before that is theirs. At 07:40 the stretch
            // (07:10) and the tea (07:30) have started.
            val stretch = a.c.core.addPersonalRitual(personal("Stretch", "07:10"))
            val tea = a.c.core.addPersonalRitual(personal("Morning tea", "07:30"))
            a.c.core.addPersonalRitual(personal("Evening walk", "20:30", minutes = 30u, leads = listOf(30u, 0u)))
            a.clock.advance(40 * S_MIN)
            val marked = a.perform(Screen.TODAY, MarkDone(stretch.id, "2027-03-01", null, null))
            assertEquals(ActionOutcome.Done(null), marked.outcome, "marked: the row says so, no message needed")
            val t = (marked.model as ScreenModel.Today).model.let { it as? Rendered.Shown ?: fail("$it") }.model
            assertEquals(
                listOf(listOf("Morning tea", "07:30", "started 10 min ago · 15 min", listOf("Done", "Skip", "Later"))),
                t.due.map { listOf(it.title, it.time, it.detail, it.buttons.map { b -> b.label }) }, "due",
            )
            assertEquals(listOf(TodayAction.DONE, TodayAction.SKIP, TodayAction.LATER), t.due.single().buttons.map { it.action }, "due actions")
            assertEquals(tea.id to "2027-03-01", t.due.single().let { it.ritualId to it.date }, "the due row's keys")
            assertEquals(listOf("Evening walk" to "20:30", "Stretch" to "07:10", "Morning tea" to "07:30"), t.coming.map { it.title to it.time }, "coming, soonest first, to 24 hours ahead")
            assertTrue(t.coming.all { it.buttons.isEmpty() && it.status == OccurrenceStatus.SCHEDULED }) { "coming rows have no buttons yet" }
            assertEquals(listOf(Triple("Stretch", "Done", OccurrenceStatus.DONE)), t.earlier.map { Triple(it.title, it.detail, it.status) }, "done, quietly")
            assertEquals("Next reminder 20:00 · Evening walk", t.nextReminder, "the next reminder")
            assertEquals(null, t.empty, "not empty")
            assertEquals(listOf("Open today", "Coming up", "Earlier today"), t.headings.let { listOf(it.due, it.coming, it.earlier) }, "headings")
            assertEquals(15u, t.snooze.minutes, "what Later offers")

            a.scheduler.take()
            val snoozed = a.perform(Screen.TODAY, Snooze(tea.id, "2027-03-01", t.snooze.minutes))
            assertEquals(ActionOutcome.Done("Reminder snoozed until 07:55."), snoozed.outcome, "the outcome's notice")
            val back = snoozed.value?.reminders?.arm?.filter { it.fireAtMs == S_T0 + 55 * S_MIN }?.map { it.id } ?: fail("no outcome")
            assertEquals(1, back.size, "back in 15 minutes: ${snoozed.value}")
            assertTrue(a.scheduler.take().contains("arm ${back.single()}")) { "the session armed what the outcome says" }
            assertEquals("Next reminder 07:55 · Morning tea", ((snoozed.model as ScreenModel.Today).model as Rendered.Shown).model.nextReminder, "the snoozed reminder is next")
            val skipped = a.perform(Screen.TODAY, SkipOccurrence(tea.id, "2027-03-01"))
            val afterSkip = ((skipped.model as ScreenModel.Today).model as Rendered.Shown).model
            assertEquals(emptyList<TodayRow>(), afterSkip.due, "nothing due")
            assertEquals(listOf("Stretch" to "Done", "Morning tea" to "Skipped"), afterSkip.earlier.map { it.title to it.detail }, "done and skipped")
            val again = a.perform(Screen.TODAY, Snooze(tea.id, "2027-03-01", 15u))
            assertEquals(UserMessages.RITUAL_CHANGED, again.outcome.shown, "snoozing what was skipped")
            assertEquals(skipped.model, again.model, "unchanged")

            a.c.core.setReminderSettings(ReminderSettings(quiet = null, hideContent = true))
            val hidden = a.c.core.planReminders(S_NY, 1u).single()
            assertTrue(hidden.privateTitle != "Evening walk") { "the private title hides the ritual" }
            assertEquals("Next reminder 20:00 · ${hidden.privateTitle}", a.today().nextReminder, "the private title")

            // Ben asks: a ritual and an agreement wait for Ana's answer.
            val call = b.c.core.proposeRitual(draft("Sunday call", null, 45u, "19:00", ZoneMode.Floating))
            val rule = b.c.core.proposeAgreement(AgreementDraft("Pause rule", "We pause when heated.", PauseProtocol(30u, true, null), null))
            share(b, a)
            val asked = a.today()
            val hash = a.c.core.agreements().single().pending.single { it.waitingForMe }.hash
            assertEquals(
                listOf(
                    listOf(app.tandem.ffi.TodayItemKind.RITUAL, call.id, "Sunday call", "$BEN_NAME proposed a ritual", "19:00 · 45 min · every day"),
                    listOf(app.tandem.ffi.TodayItemKind.AGREEMENT, rule.id, "Pause rule", "$BEN_NAME proposed an agreement", "We pause when heated."),
                ),
                asked.invitations.map { listOf(it.kind, it.id, it.title, it.headline, it.detail) }, "invitations",
            )
            assertEquals(hash, asked.invitations[1].version, "the agreement version an answer names")
            assertTrue(asked.invitations[0].reads.contains("title: “Sunday call”")) { "read whole: ${asked.invitations[0].reads}" }
            assertEquals(
                listOf(listOf(TodayAction.ACCEPT, TodayAction.DECLINE, TodayAction.COUNTER), listOf(TodayAction.ACCEPT, TodayAction.DECLINE)),
                asked.invitations.map { i -> i.buttons.map { it.action } }, "answers",
            )
            val accepted = a.perform(Screen.TODAY, AcceptAgreement(rule.id, hash))
            assertEquals(listOf(call.id), ((accepted.model as ScreenModel.Today).model as Rendered.Shown).model.invitations.map { it.id }, "answered: gone from Today")
            val twice = a.perform(Screen.TODAY, DeclineAgreement(rule.id, hash))
            assertEquals(UserMessages.AGREEMENT_CHANGED, twice.outcome.shown, "an answered version")
            assertEquals(accepted.model, twice.model, "unchanged")

            // Ben takes a pause; then Ana takes her own, which the banner shows first.
            b.c.core.startPause(20u, null)
            share(b, a)
            assertEquals("Your partner needs a pause, back at 07:20", a.today().pause?.text, "the partner's pause")
            assertEquals(emptyList<PauseButton>(), a.today().pause?.buttons, "no buttons on the partner's pause")
            a.clock.advance(5 * S_MIN)
            a.c.core.startPause(30u, null)
            assertEquals("You are taking a pause, back at 08:15", a.today().pause?.text, "my pause first")
            assertEquals(PauseAction.END, a.today().pause?.buttons?.last()?.action, "I'm back")

            // A gentle experiment reaches its last day; so does the agreement's review.
            val journal = a.c.core.addPersonalRitual(personal("Journal", "22:00", trialUntil = "2027-03-02"))
            a.clock.set(Instant.parse("2027-03-02T17:00:00Z").toEpochMilli())
            val looks = a.today().reviews
            assertEquals(
                listOf(journal.id to listOf(TodayAction.KEEP, TodayAction.ADJUST, TodayAction.STOP)),
                looks.filter { it.kind == app.tandem.ffi.TodayItemKind.RITUAL }.map { it.id to it.buttons.map { b -> b.action } }, "the look back",
            )
            assertEquals("Time to look back: tried until Tue 2 Mar", looks.first().headline, "its words")
            val inEffect = a.c.core.agreements().single()
            val review = a.c.openForm(FormRequest.ReviewAgreement(inEffect.id)) as? FormEdit.Agreement ?: fail("an agreement form")
            assertEquals(AgreementFormInput("Pause rule", "We pause when heated.", "30", "", true, null), review.form, "an agreement's amend at a look back, from the version in effect")
            assertEquals(
                listOf("Suggest this change" to AgreementPurpose.Review(inEffect.id, inEffect.inEffect!!.hash)),
                review.submits.map { it.label to it.purpose }, "its submit ends the look back",
            )
        }
    }
}

private fun noBlameIn(texts: List<String>) {
    val blame = Regex("""\b(late|missed|miss|failed|fail|failure|overdue|blame|behind)\b""", RegexOption.IGNORE_CASE)
    texts.forEach { t -> assertTrue(!blame.containsMatchIn(t)) { "blaming words in <$t>" } }
}

private const val ANA_NAME = "Ana's phone"
private const val BEN_NAME = "Ben's phone"

// The Sync screen's words, as the core says them (screens::sync).
private const val PAIR_FIRST = "Pair first: syncing starts once your phones are paired on the Pairing screen."
private const val SEND_CHANGES = "Send your changes to your partner. They stay counted here until your partner's phone confirms it has them."
private const val UP_TO_DATE = "Nothing new to send. Send anyway if your partner is waiting for a file from you."
private const val REPLY_NEXT = "Send a reply so your partner's phone knows what arrived."
private const val EVERYTHING = "Your partner's phone has everything"
private const val NOTHING_WAITING = "Nothing waiting to receive. Files your partner shares to this phone land here."
