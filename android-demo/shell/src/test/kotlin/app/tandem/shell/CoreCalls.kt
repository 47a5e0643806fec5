package app.tandem.shell

import app.tandem.ffi.Boundary
import app.tandem.ffi.BoundaryFormCheck
import app.tandem.ffi.BoundaryFormInput
import app.tandem.ffi.BoundaryFormResult
import app.tandem.ffi.BoundaryPurpose
import app.tandem.ffi.ImportReport
import app.tandem.ffi.PairingAnswer
import app.tandem.ffi.PairingNotice
import app.tandem.ffi.PairingOffer
import app.tandem.ffi.PairingScreenModel
import app.tandem.ffi.PairingStage
import app.tandem.ffi.PairingStep
import app.tandem.ffi.Reminder
import app.tandem.ffi.ReplanTrigger
import app.tandem.ffi.Agreement
import app.tandem.ffi.AgreementDraft
import app.tandem.ffi.AgreementFormCheck
import app.tandem.ffi.AgreementFormResult
import app.tandem.ffi.AgreementPurpose
import app.tandem.ffi.AgreementReview
import app.tandem.ffi.Capacity
import app.tandem.ffi.CheckInFormCheck
import app.tandem.ffi.CheckInFormResult
import app.tandem.ffi.FormModel
import app.tandem.ffi.FormRequest
import app.tandem.ffi.LogEntry
import app.tandem.ffi.Need
import app.tandem.ffi.Pause
import app.tandem.ffi.PauseProtocol
import app.tandem.ffi.PhoneNow
import app.tandem.ffi.Recurrence
import app.tandem.ffi.ReminderKind
import app.tandem.ffi.Repeat
import app.tandem.ffi.ReviewOutcome
import app.tandem.ffi.Ritual
import app.tandem.ffi.RitualDraft
import app.tandem.ffi.RitualFormCheck
import app.tandem.ffi.RitualFormResult
import app.tandem.ffi.RitualPurpose
import app.tandem.ffi.Tandem
import app.tandem.ffi.UserAction
import app.tandem.ffi.TandemException
import app.tandem.ffi.ZoneMode
import java.time.DayOfWeek
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneId
import java.time.temporal.TemporalAdjusters

// The facade exports one way to act: `perform` for an action, `openForm`
// and the submits for a form. The tests' setup (and a few assertions) still
// read best as one call per step with the step's own name, so these keep
// the old calls' names and signatures on top of the exported API (test
// code only: the app has no such calls). Each returns what the old call
// returned, read back through the queries (rituals(), agreements(),
// pauses(), entries()).
//
// A fixed [phone] stands for the device: nothing armed, everything
// allowed. The arming an outcome carries is dropped here: a test about
// reminders re-plans through the shell's ReminderCoordinator (ReminderRig,
// TandemSession), as the app does after a change.

/** The device as these calls give it to the core: [zone], nothing armed, every reminder allowed. */
internal fun phoneNow(zone: String = NY) = PhoneNow(zone = zone, armed = emptyList(), access = ReminderAccess.ALL.forCore())

/** A form the core held back, as the refusal the old call threw: each field's words, named by the field. */
private fun held(vararg fields: Pair<String, String?>): TandemException.InvalidInput {
    val said = fields.filter { it.second != null }.joinToString("; ") { (field, words) -> "$field: $words" }
    return TandemException.InvalidInput(said.ifEmpty { "the form was held back with no field's words" })
}

private fun RitualFormCheck.refusal() = held(
    "title" to title, "prompt" to prompt, "minutes" to minutes, "time" to timeOfDay, "zone" to zone,
    "repeat" to repeat, "start date" to startDate, "end" to end, "window end" to windowEnd,
    "lead minutes" to leadMinutes, "trial until" to trialUntil, "form" to form,
)

private fun AgreementFormCheck.refusal() = held(
    "title" to title, "text" to text, "cool-down" to coolDown, "revisit" to revisit, "review date" to reviewOn, "form" to form,
)

private fun CheckInFormCheck.refusal() = held("temperature" to temperature, "note" to note)

private fun BoundaryFormCheck.refusal() = held("text" to text, "form" to form)

// ---- Drafts as the forms that make them again (bindings/src/ritual_form.rs, From<RitualDraft>) ----

/** [this] draft as the ritual form that makes it again. */
internal fun RitualDraft.asForm(): RitualFormInput {
    val r = recurrence ?: Recurrence(Repeat.Daily)
    return RitualFormInput(
        title = title,
        prompt = prompt.orEmpty(),
        minutes = minutes.toString(),
        timeOfDay = timeOfDay,
        zone = zone,
        repeat = r.repeat,
        startDate = r.startDate.orEmpty(),
        untilDate = r.untilDate.orEmpty(),
        count = r.count,
        windowEnd = windowEnd.orEmpty(),
        leadMinutes = leadMinutes,
        trialUntil = trialUntil.orEmpty(),
    )
}

/** [this] form as the draft it sends (the core's `RitualForm::draft`, for a form whose minutes read as a number). */
internal fun RitualFormInput.asDraft(): RitualDraft = RitualDraft(
    title = title,
    prompt = prompt.trim().ifEmpty { null },
    minutes = minutes.trim().toUInt(),
    timeOfDay = timeOfDay,
    zone = zone,
    recurrence = Recurrence(repeat, startDate.trim().ifEmpty { null }, untilDate.trim().ifEmpty { null }, count),
    windowEnd = windowEnd.trim().ifEmpty { null },
    leadMinutes = leadMinutes,
    trialUntil = trialUntil.trim().ifEmpty { null },
)

/** [this] draft as the agreement form that makes it again (the core's `AgreementForm::of_draft`). */
internal fun AgreementDraft.asForm(): AgreementFormInput = AgreementFormInput(
    title = title,
    text = text,
    coolDown = pauseProtocol?.coolDownMinutes?.toString().orEmpty(),
    reviewOn = reviewOn.orEmpty(),
    eitherMayCall = pauseProtocol?.eitherMayCall ?: true,
    revisit = pauseProtocol?.revisit,
)

/** [this] form as the draft it sends, for a form whose cool-down reads as a number. */
internal fun AgreementFormInput.asDraft(): AgreementDraft = AgreementDraft(
    title = title,
    text = text,
    pauseProtocol = coolDown.trim().ifEmpty { null }?.let { PauseProtocol(it.toUInt(), eitherMayCall, revisit?.trim()?.ifEmpty { null }) },
    reviewOn = reviewOn.trim().ifEmpty { null },
)

// ---- Forms ----

/** Sends [draft] through the ritual form as [purpose]; a form held back throws its words as InvalidInput. */
internal fun Tandem.sendRitual(draft: RitualDraft, purpose: RitualPurpose, zone: String = NY) {
    when (val r = submitRitualForm(draft.asForm(), purpose, phoneNow(zone))) {
        is RitualFormResult.Sent -> Unit
        is RitualFormResult.Check -> throw r.check.refusal()
    }
}

/** Sends [draft] through the agreement form as [purpose]; a form held back throws its words as InvalidInput. */
internal fun Tandem.sendAgreement(draft: AgreementDraft, purpose: AgreementPurpose) {
    when (val r = submitAgreementForm(draft.asForm(), purpose, phoneNow())) {
        is AgreementFormResult.Sent -> Unit
        is AgreementFormResult.Check -> throw r.check.refusal()
    }
}

private fun Tandem.ritual(id: String): Ritual = rituals().single { it.id == id }

private fun Tandem.agreement(id: String): Agreement = agreements().single { it.id == id }

private fun Tandem.pause(id: String): Pause = pauses().single { it.id == id }

/** The ritual [send] added. */
private fun Tandem.newRitual(send: () -> Unit): Ritual {
    val before = rituals().map { it.id }.toSet()
    send()
    return rituals().single { it.id !in before }
}

/** A new ritual's form as it opens (the old free function `newRitualForm`). */
internal fun Tandem.newRitualForm(): RitualFormInput = (openForm(NEW_RITUAL) as FormModel.Ritual).form

/** Proposes a shared ritual through the new-ritual form. */
internal fun Tandem.proposeRitual(draft: RitualDraft): Ritual = newRitual { sendRitual(draft, RitualPurpose.Propose) }

/** Adds a personal ritual through the new-ritual form. */
internal fun Tandem.addPersonalRitual(draft: RitualDraft): Ritual = newRitual { sendRitual(draft, RitualPurpose.Personal) }

/** Suggests another version (a personal ritual: changes it) through the change form. */
internal fun Tandem.counterRitual(id: String, draft: RitualDraft): Ritual {
    sendRitual(draft, RitualPurpose.Change(id))
    return ritual(id)
}

/** The version a counter or an adjustment answers, as a draft: the change form as it opens. */
internal fun Tandem.ritualDraft(id: String): RitualDraft = (openForm(FormRequest.ChangeRitual(id)) as FormModel.Ritual).form.asDraft()

/** A trial's look back: keep and stop are actions, adjust is the adjust form. */
internal fun Tandem.reviewRitual(id: String, outcome: ReviewOutcome): Ritual {
    when (outcome) {
        is ReviewOutcome.Keep -> act(UserAction.KeepRitual(id))
        is ReviewOutcome.Stop -> act(UserAction.StopRitual(id))
        is ReviewOutcome.Adjust -> sendRitual(outcome.draft, RitualPurpose.Adjust(id))
    }
    return ritual(id)
}

/** Proposes an agreement through the new-agreement form. */
internal fun Tandem.proposeAgreement(draft: AgreementDraft): Agreement {
    val before = agreements().map { it.id }.toSet()
    sendAgreement(draft, AgreementPurpose.Propose)
    return agreements().single { it.id !in before }
}

/** A new version built on [parentHash], through the amend form. */
internal fun Tandem.amendAgreement(id: String, parentHash: String, draft: AgreementDraft): Agreement {
    sendAgreement(draft, AgreementPurpose.Amend(id, parentHash))
    return agreement(id)
}

/** The version [version] (none: the one an amendment builds on) as a draft: the amend form as it opens. */
internal fun Tandem.agreementDraft(id: String, version: String? = null): AgreementDraft =
    (openForm(FormRequest.AmendAgreement(id, version)) as FormModel.Agreement).form.asDraft()

/** An agreement's look back: keep and let go are actions; amend is the review form, on the version it opens on. */
internal fun Tandem.reviewAgreement(id: String, outcome: AgreementReview): Agreement {
    when (outcome) {
        is AgreementReview.Keep -> act(UserAction.KeepAgreement(id))
        is AgreementReview.LetGo -> act(UserAction.LetGoAgreement(id))
        is AgreementReview.Amend -> {
            val opened = openForm(FormRequest.ReviewAgreement(id)) as FormModel.Agreement
            sendAgreement(outcome.draft, opened.submits.single().purpose)
        }
    }
    return agreement(id)
}

/** A check-in through its form, the slider's number as it is; the entry it recorded. */
internal fun Tandem.checkInForm(temperature: Long, capacity: Capacity, need: Need, note: String?, shared: Boolean): LogEntry {
    val before = entries(0L, Long.MAX_VALUE).map { it.id }.toSet()
    when (val r = submitCheckIn(CheckInFormInput(temperature, capacity, need, note.orEmpty(), shared), phoneNow())) {
        is CheckInFormResult.Sent -> Unit
        is CheckInFormResult.Check -> throw r.check.refusal()
    }
    return entries(0L, Long.MAX_VALUE).single { it.id !in before }
}

/** A check-in (temperature 1 to 10) through its form. */
internal fun Tandem.checkIn(temperature: UByte, capacity: Capacity, need: Need, note: String?, shared: Boolean): LogEntry =
    checkInForm(temperature.toLong(), capacity, need, note, shared)

// ---- Actions ----

/** One action, on a phone in [zone]; its outcome's arming is left to the test. */
internal fun Tandem.act(action: UserAction, zone: String = NY): ActionEffects = perform(action, phoneNow(zone))

internal fun Tandem.acceptRitual(id: String): Ritual = act(UserAction.AcceptRitual(id)).let { ritual(id) }

internal fun Tandem.declineRitual(id: String): Ritual = act(UserAction.DeclineRitual(id)).let { ritual(id) }

internal fun Tandem.acceptRitualVersion(id: String, version: String): Ritual = act(UserAction.AcceptRitualVersion(id, version)).let { ritual(id) }

internal fun Tandem.declineRitualVersion(id: String, version: String): Ritual = act(UserAction.DeclineRitualVersion(id, version)).let { ritual(id) }

internal fun Tandem.pauseRitual(id: String): Ritual = act(UserAction.PauseRitual(id)).let { ritual(id) }

internal fun Tandem.resumeRitual(id: String): Ritual = act(UserAction.ResumeRitual(id)).let { ritual(id) }

internal fun Tandem.retireRitual(id: String): Ritual = act(UserAction.RetireRitual(id)).let { ritual(id) }

/**
 * Marks [date] done on a phone in [deviceZone]: the core says whether its
 * day has come there (an occurrence whose day has not come is refused).
 */
internal fun Tandem.markDoneIn(ritualId: String, date: String, note: String?, feeling: String?, deviceZone: String) {
    act(UserAction.MarkDone(ritualId, date, note, feeling), deviceZone)
}

/**
 * Marks [date] done where the phone's zone does not matter to the test: a
 * fixed ritual on its own clock, a floating one where the day begins first
 * (UTC+14), as the old zone-less call read "has its day come".
 */
internal fun Tandem.markDone(ritualId: String, date: String, note: String?, feeling: String?) {
    val zone = (rituals().singleOrNull { it.id == ritualId }?.zone as? ZoneMode.Fixed)?.zone ?: EARLIEST_DAY
    markDoneIn(ritualId, date, note, feeling, zone)
}

/** The zone where a date begins first. */
internal const val EARLIEST_DAY = "Pacific/Kiritimati"

internal fun Tandem.skipOccurrence(ritualId: String, date: String) {
    act(UserAction.SkipOccurrence(ritualId, date))
}

/**
 * Snoozes [date]'s reminder on a phone in [deviceZone]; when it comes back
 * (Unix ms): the snoozed reminder of that evening in the outcome's plan.
 */
internal fun Tandem.snoozeReminder(ritualId: String, date: String, minutes: UInt, deviceZone: String): Long {
    val plan = act(UserAction.Snooze(ritualId, date, minutes), deviceZone).reminders.planned
    val snoozed = plan.filter { it.kind == ReminderKind.SNOOZED && it.sourceId == ritualId }
    return (snoozed.singleOrNull() ?: snoozed.single { Instant.ofEpochMilli(it.occurrenceStartMs).atZone(ZoneId.of(deviceZone)).toLocalDate().toString() == date }).fireAtMs
}

/** The Monday of the week holding [date] ("YYYY-MM-DD"). */
private fun mondayOf(date: String): String = LocalDate.parse(date).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString()

/** Declares the rest week holding [date]; its Monday. */
internal fun Tandem.declareRestWeek(date: String, deviceZone: String): String {
    act(UserAction.RestWeek(date, true), deviceZone)
    return mondayOf(date)
}

/** Calls off the rest week holding [date]; its Monday. */
internal fun Tandem.callOffRestWeek(date: String, deviceZone: String): String {
    act(UserAction.RestWeek(date, false), deviceZone)
    return mondayOf(date)
}

internal fun Tandem.acceptAgreement(id: String, versionHash: String): Agreement = act(UserAction.AcceptAgreement(id, versionHash)).let { agreement(id) }

internal fun Tandem.declineAgreement(id: String, versionHash: String): Agreement = act(UserAction.DeclineAgreement(id, versionHash)).let { agreement(id) }

internal fun Tandem.withdrawAgreement(id: String): Agreement = act(UserAction.WithdrawAgreement(id)).let { agreement(id) }

/** Starts a pause; the pause it started. */
internal fun Tandem.startPause(minutes: UInt?, note: String?): Pause {
    val before = pauses().map { it.id }.toSet()
    act(UserAction.StartPause(minutes, note))
    return pauses().single { it.id !in before }
}

internal fun Tandem.extendPause(id: String, minutes: UInt): Pause = act(UserAction.ExtendPause(id, minutes)).let { pause(id) }

internal fun Tandem.endPause(id: String): Pause = act(UserAction.EndPause(id)).let { pause(id) }

// ---- Boundaries: the form for words, actions for sharing and retiring ----

private fun Tandem.boundary(id: String): Boundary = boundaries().single { it.id == id }

/** Sends [text] through the boundary form as [purpose]; a form held back throws its words as InvalidInput. */
private fun Tandem.sendBoundary(text: String, purpose: BoundaryPurpose) {
    when (val r = submitBoundaryForm(BoundaryFormInput(text), purpose, phoneNow())) {
        is BoundaryFormResult.Sent -> Unit
        is BoundaryFormResult.Check -> throw r.check.refusal()
    }
}

/** A new boundary through the form, private or shared; the boundary it wrote. */
internal fun Tandem.addBoundary(text: String, shared: Boolean): Boundary {
    val before = boundaries().map { it.id }.toSet()
    sendBoundary(text, if (shared) BoundaryPurpose.Shared else BoundaryPurpose.Private)
    return boundaries().single { it.id !in before }
}

internal fun Tandem.editBoundary(id: String, text: String): Boundary = sendBoundary(text, BoundaryPurpose.Edit(id)).let { boundary(id) }

internal fun Tandem.shareBoundary(id: String, shared: Boolean): Boundary = act(UserAction.ShareBoundary(id, shared)).let { boundary(id) }

internal fun Tandem.retireBoundary(id: String) {
    act(UserAction.RetireBoundary(id))
}

// ---- Reads the screens carry ----

/** Rituals waiting for a look back on a phone in [zone]: the rituals screen's rows that say so. */
internal fun Tandem.reviewsDue(zone: String): List<Ritual> {
    val due = ritualsScreen(zone).rows.filter { it.reviewDue }.map { it.id }.toSet()
    return rituals().filter { it.id in due }
}

/** Agreements waiting for a look back on a phone in [zone]: the agreements screen's rows that say so. */
internal fun Tandem.agreementReviewsDue(zone: String): List<Agreement> {
    val due = agreementsScreen(zone).rows.filter { it.reviewDue }.map { it.id }.toSet()
    return agreements().filter { it.id in due }
}

/** The reminder plan for a phone in [zone], nothing armed yet: the first [limit] of what arming plans. */
internal fun Tandem.planReminders(zone: String, limit: UInt): List<Reminder> =
    armReminders(zone, ReplanTrigger.APP_START, emptyList(), ReminderAccess.ALL.forCore()).planned.take(limit.toInt())

/** A payload imported on a phone in UTC (its news reads UTC times). */
internal fun Tandem.importPayload(payload: ByteArray): ImportReport = importPayloadIn(payload, "UTC")

// ---- Pairing: each step one pairingAct, as the app's pairing screen takes it ----

/** A refusal the pairing screen shows, as the exception the old call threw. */
private fun PairingNotice.refusal(): TandemException = when (code) {
    "pairing.failed", "pairing.rejected" -> TandemException.PairingFailed(text)
    "pairing.expired", "pairing.ran-out" -> TandemException.PairingExpired(text)
    "pairing.outdated" -> TandemException.PairingOutdated(text)
    "pairing.already" -> TandemException.AlreadyPaired(text)
    "pairing.not-yet" -> TandemException.NotPaired(text)
    else -> TandemException.NotAllowedNow(text)
}

/**
 * [step], where the screen's stage offers it ([offered]); a step the screen
 * does not offer now throws as the old calls did (showing or scanning a code
 * once a pairing is under way: AlreadyPaired; answering digits once paired:
 * PairingFailed, before there are any: NotPaired), and a refusal the screen
 * shows throws as its exception.
 */
private fun Tandem.pairingStep(step: PairingStep, vararg offered: PairingStage, allowed: Set<String> = emptySet()): PairingScreenModel {
    val stage = pairingScreen("UTC").stage
    if (stage !in offered) {
        val answering = step is PairingStep.Confirm || step is PairingStep.Reject
        throw when {
            answering && stage == PairingStage.PAIRED -> TandemException.PairingFailed("already confirmed")
            answering -> TandemException.NotPaired("no digits to answer")
            else -> TandemException.AlreadyPaired("a pairing is under way or done: $stage")
        }
    }
    val next = pairingAct(step, "UTC")
    next.notice?.takeIf { it.code !in allowed }?.let { throw it.refusal() }
    return next
}

internal fun Tandem.startPairing(): PairingOffer {
    val s = pairingStep(PairingStep.Start, PairingStage.START, PairingStage.SHOWING_CODE)
    val qr = s.qr!!
    return PairingOffer(text = qr.text, expiresAtMs = s.expiresAtMs!!, qr = qr)
}

internal fun Tandem.acceptPairing(offerText: String): PairingAnswer {
    val s = pairingStep(PairingStep.Scanned(offerText), PairingStage.START, PairingStage.SHOWING_CODE)
    val qr = s.qr!!
    return PairingAnswer(text = qr.text, sas = s.digits!!, qr = qr)
}

/** The partner's answer scanned; the digits to compare. */
internal fun Tandem.completePairing(answerText: String): String =
    pairingStep(PairingStep.Scanned(answerText), PairingStage.START, PairingStage.SHOWING_CODE).digits!!

internal fun Tandem.confirmPairing() {
    pairingStep(PairingStep.Confirm, PairingStage.SHOWING_ANSWER, PairingStage.COMPARING)
}

internal fun Tandem.rejectPairing() {
    pairingStep(PairingStep.Reject, PairingStage.SHOWING_ANSWER, PairingStage.COMPARING, allowed = setOf("pairing.rejected"))
}

/** Withdraws the code this phone shows; anything else is left as it is. */
internal fun Tandem.cancelPairing() {
    if (pairingScreen("UTC").stage == PairingStage.SHOWING_CODE) pairingStep(PairingStep.Cancel, PairingStage.SHOWING_CODE)
}
