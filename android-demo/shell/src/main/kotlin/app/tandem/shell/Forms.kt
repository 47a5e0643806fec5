package app.tandem.shell

import app.tandem.ffi.AgreementDraft
import app.tandem.ffi.AgreementFormCheck
import app.tandem.ffi.AgreementFormInput
import app.tandem.ffi.AgreementVersion
import app.tandem.ffi.PauseProtocol
import app.tandem.ffi.Recurrence
import app.tandem.ffi.Repeat
import app.tandem.ffi.RitualDraft
import app.tandem.ffi.RitualFormCheck
import app.tandem.ffi.RitualFormInput
import app.tandem.ffi.Weekday
import app.tandem.ffi.ZoneMode
import app.tandem.ffi.newRitualForm

/**
 * A ritual's form as typed. Nothing is validated, trimmed into shape or
 * clamped here: the core checks each field ([TandemController.checkRitual])
 * and the person reads its answer. A change starts [from] the core's draft.
 */
data class RitualForm(
    val title: String = "",
    val prompt: String = "",
    val time: String = "",
    val minutes: String = "",
    /** Empty means daily (unless [otherRepeat] is kept). */
    val days: Set<Weekday> = emptySet(),
    /** "YYYY-MM-DD"; blank for none. */
    val trialUntil: String = "",
    /** A repeat this form cannot show (every N days, monthly), kept until the person picks days. */
    val otherRepeat: Repeat? = null,
) {
    fun toggle(day: Weekday): RitualForm =
        copy(days = if (day in days) days - day else days + day, otherRepeat = null)

    fun repeatLabel(l: Labels): String = when {
        otherRepeat != null -> l.asBefore
        days.isEmpty() -> l.everyDay
        else -> WEEK.filter { it in days }.joinToString(", ") { short(it, l) }
    }

    private val repeat: Repeat get() = otherRepeat ?: if (days.isEmpty()) Repeat.Daily else Repeat.Weekdays(WEEK.filter { it in days })

    /** The form as the core's check takes it: typed over what it does not show, from [base]. */
    fun input(base: RitualDraft? = null): RitualFormInput {
        val kept = base?.recurrence
        return RitualFormInput(
            title, prompt, minutes, time, base?.zone ?: ZoneMode.Floating, repeat,
            kept?.startDate.orEmpty(), kept?.untilDate.orEmpty(), kept?.count,
            base?.windowEnd.orEmpty(), base?.leadMinutes.orEmpty(), trialUntil,
        )
    }

    /** The [base] draft (or a new one) with the typed fields over it, unchecked. */
    fun draft(base: RitualDraft? = null): RitualDraft {
        val recurrence = base?.recurrence?.copy(repeat = repeat) ?: Recurrence(repeat)
        return (base ?: RitualDraft(title = "", prompt = null, minutes = 0u, timeOfDay = "", zone = ZoneMode.Floating)).copy(
            title = title,
            prompt = prompt.ifBlank { null },
            minutes = typedMinutes(minutes),
            timeOfDay = time.trim(),
            recurrence = recurrence,
            trialUntil = trialUntil.trim().ifEmpty { null },
        )
    }

    companion object {
        val WEEK: List<Weekday> = Weekday.values().toList()

        fun short(day: Weekday, l: Labels): String = l.weekdaysShort[WEEK.indexOf(day)]

        fun from(d: RitualDraft): RitualForm =
            of(d.title, d.prompt.orEmpty(), d.timeOfDay, d.minutes.toString(), d.recurrence?.repeat ?: Repeat.Daily, d.trialUntil.orEmpty())

        /** The core's form as it opens ([newRitualForm] for a new ritual); what this form does not show (zone, dates, window, leads) is not kept. */
        fun from(i: RitualFormInput): RitualForm = of(i.title, i.prompt, i.timeOfDay, i.minutes, i.repeat, i.trialUntil)

        private fun of(title: String, prompt: String, time: String, minutes: String, repeat: Repeat, trialUntil: String) = RitualForm(
            title = title,
            prompt = prompt,
            time = time,
            minutes = minutes,
            days = (repeat as? Repeat.Weekdays)?.days?.toSet().orEmpty(),
            trialUntil = trialUntil,
            otherRepeat = repeat.takeUnless { it is Repeat.Daily || it is Repeat.Weekdays },
        )

        /** Anything that is not a number of minutes becomes a value the core refuses. */
        fun typedMinutes(text: String): UInt = text.trim().toUIntOrNull() ?: UInt.MAX_VALUE
    }
}

/** An agreement's form as typed; a blank cool-down is no pause protocol, a blank review date none. */
data class AgreementForm(
    val title: String = "",
    val text: String = "",
    val coolDownMinutes: String = "",
    val reviewOn: String = "",
    /** Of a pause protocol, kept from the version amended. */
    val eitherMayCall: Boolean = true,
    val revisit: String? = null,
) {
    fun input(): AgreementFormInput = AgreementFormInput(title, text, coolDownMinutes, reviewOn, eitherMayCall, revisit)

    /** The draft unchecked (a cool-down that is not a number becomes a value the core refuses). */
    fun draft(): AgreementDraft = AgreementDraft(
        title,
        text,
        coolDownMinutes.trim().ifEmpty { null }?.let { PauseProtocol(TandemController.picker(it.toIntOrNull() ?: -1), eitherMayCall, revisit) },
        reviewOn.trim().ifEmpty { null },
    )

    companion object {
        fun from(v: AgreementVersion) = AgreementForm(
            v.title, v.text, v.pauseProtocol?.coolDownMinutes?.toString().orEmpty(), v.reviewOn.orEmpty(),
            v.pauseProtocol?.eitherMayCall ?: true, v.pauseProtocol?.revisit,
        )

        fun from(d: AgreementDraft) = AgreementForm(
            d.title, d.text, d.pauseProtocol?.coolDownMinutes?.toString().orEmpty(), d.reviewOn.orEmpty(),
            d.pauseProtocol?.eitherMayCall ?: true, d.pauseProtocol?.revisit,
        )
    }
}

/** What a ritual form does when submitted ([TandemController.submitRitual]). */
enum class RitualFormMode {
    PROPOSE,
    PERSONAL,
    COUNTER,

    /** A personal ritual's new version, at once (the same core call as COUNTER). */
    CHANGE,

    /** A trial's look back: keep it changed. */
    ADJUST,
    ;

    fun label(l: Labels): String = when (this) {
        PROPOSE -> l.submitPropose
        PERSONAL -> l.submitPersonal
        COUNTER -> l.submitCounter
        CHANGE -> l.save
        ADJUST -> l.submitAdjust
    }
}

/**
 * An open ritual form: new ([ritualId] null) or over the core's draft of
 * ritual [ritualId] ([base]: what the form does not show carries over);
 * [check] holds the core's words per field after a submit that sent nothing.
 */
data class RitualEdit(
    val ritualId: String?,
    val base: RitualDraft?,
    val form: RitualForm,
    val modes: List<RitualFormMode>,
    val check: RitualFormCheck? = null,
) {
    fun typed(form: RitualForm) = copy(form = form)

    fun draft(): RitualDraft = form.draft(base)

    companion object {
        /** A new ritual's form, opened as the core opens it on both phones ([newRitualForm]: daily at 20:00, 10 minutes). */
        val NEW: RitualEdit get() = RitualEdit(null, null, RitualForm.from(newRitualForm()), listOf(RitualFormMode.PROPOSE, RitualFormMode.PERSONAL))
    }
}

/** What an agreement form does when submitted ([TandemController.submitAgreement]). */
enum class AgreementFormMode {
    PROPOSE,

    /** A new version built on [AgreementEdit.parentHash], for both to accept. */
    AMEND,

    /** A look back ending in a new version, for both to accept. */
    REVIEW_AMEND,
    ;

    fun label(l: Labels): String = if (this == PROPOSE) l.submitAgreement else l.submitAmend
}

/** An open agreement form, new or on version [parentHash] of [agreementId]; [check] as for [RitualEdit]. */
data class AgreementEdit(
    val agreementId: String?,
    val parentHash: String?,
    val form: AgreementForm,
    val mode: AgreementFormMode,
    val check: AgreementFormCheck? = null,
) {
    fun typed(form: AgreementForm) = copy(form = form)

    companion object {
        val NEW = AgreementEdit(null, null, AgreementForm(), AgreementFormMode.PROPOSE)

        /** A look back that amends the version in effect. */
        fun review(agreementId: String, version: AgreementVersion?): AgreementEdit =
            AgreementEdit(agreementId, version?.hash, version?.let { AgreementForm.from(it) } ?: AgreementForm(), AgreementFormMode.REVIEW_AMEND)
    }
}
