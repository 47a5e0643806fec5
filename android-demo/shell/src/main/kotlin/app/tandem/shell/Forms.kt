package app.tandem.shell

import app.tandem.ffi.AgreementDraft
import app.tandem.ffi.AgreementFormCheck
import app.tandem.ffi.AgreementFormInput
import app.tandem.ffi.AgreementVersion
import app.tandem.ffi.Recurrence
import app.tandem.ffi.Repeat
import app.tandem.ffi.RitualDraft
import app.tandem.ffi.RitualFormCheck
import app.tandem.ffi.RitualFormInput
import app.tandem.ffi.Weekday
import app.tandem.ffi.ZoneMode

/**
 * A ritual's form as typed: title, prompt, the time ("HH:MM", passed on as
 * typed: the core reads and normalises it), the length as typed, and the
 * days (none chosen = every day). Nothing is validated or clamped here: a
 * length that is not a number becomes a value the core refuses, so the
 * person reads the core's answer. New forms start empty; a counter or an
 * adjust starts [from] the core's draft of the ritual, and [draft] keeps
 * everything the form does not show (zone, reminders, window, dates).
 */
data class RitualForm(
    val title: String = "",
    val prompt: String = "",
    val time: String = "",
    val minutes: String = "",
    /** The chosen weekdays; empty means daily (unless [otherRepeat] is kept). */
    val days: Set<Weekday> = emptySet(),
    /** "YYYY-MM-DD": try it as a gentle experiment until then; blank for none. */
    val trialUntil: String = "",
    /**
     * A repeat this form cannot show (every N days, weekly, monthly), kept
     * as it is until the person picks days ([toggle]).
     */
    val otherRepeat: Repeat? = null,
) {
    /** The form with [day] chosen or not; choosing drops [otherRepeat]. */
    fun toggle(day: Weekday): RitualForm =
        copy(days = if (day in days) days - day else days + day, otherRepeat = null)

    /** "Every day", "Mon, Wed, Fri" or "As before", in [l]'s language. */
    fun repeatLabel(l: Labels): String = when {
        otherRepeat != null -> l.asBefore
        days.isEmpty() -> l.everyDay
        else -> WEEK.filter { it in days }.joinToString(", ") { short(it, l) }
    }

    /**
     * The form as the core's check takes it ([TandemController.checkRitual]):
     * the typed fields as typed over what the form does not show, from [base].
     */
    fun input(base: RitualDraft? = null): RitualFormInput {
        val kept = base?.recurrence
        return RitualFormInput(
            title, prompt, minutes, time, base?.zone ?: ZoneMode.Floating,
            otherRepeat ?: if (days.isEmpty()) Repeat.Daily else Repeat.Weekdays(WEEK.filter { it in days }),
            kept?.startDate.orEmpty(), kept?.untilDate.orEmpty(), kept?.count,
            base?.windowEnd.orEmpty(), base?.leadMinutes.orEmpty(), trialUntil,
        )
    }

    /** What the core is told unchecked: the [base] draft (the ritual's own, or a new one) with the typed fields over it. */
    fun draft(base: RitualDraft? = null): RitualDraft {
        val repeat = otherRepeat ?: if (days.isEmpty()) Repeat.Daily else Repeat.Weekdays(WEEK.filter { it in days })
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

        /** The form prefilled with the core's draft of a ritual ([TandemController.ritualDraft]). */
        fun from(d: RitualDraft): RitualForm {
            val repeat = d.recurrence?.repeat ?: Repeat.Daily
            return RitualForm(
                title = d.title,
                prompt = d.prompt.orEmpty(),
                time = d.timeOfDay,
                minutes = d.minutes.toString(),
                days = (repeat as? Repeat.Weekdays)?.days?.toSet().orEmpty(),
                trialUntil = d.trialUntil.orEmpty(),
                otherRepeat = repeat.takeUnless { it is Repeat.Daily || it is Repeat.Weekdays },
            )
        }

        /** Typed minutes as the core's UInt; anything that is not a number of minutes becomes a value the core refuses. */
        fun typedMinutes(text: String): UInt = text.trim().toUIntOrNull() ?: UInt.MAX_VALUE
    }
}

/**
 * An agreement's form as typed. The core checks it field by field
 * ([TandemController.checkAgreement]) and makes the draft it takes; a blank
 * cool-down is no pause protocol, a blank review date none.
 */
data class AgreementForm(
    val title: String = "",
    val text: String = "",
    val coolDownMinutes: String = "",
    /** "YYYY-MM-DD", after today; blank for none. */
    val reviewOn: String = "",
    /** Of a pause protocol: who may call a pause, and when to revisit (kept from the version amended). */
    val eitherMayCall: Boolean = true,
    val revisit: String? = null,
) {
    /** The form as the core's check takes it. */
    fun input(): AgreementFormInput = AgreementFormInput(title, text, coolDownMinutes, reviewOn, eitherMayCall, revisit)

    /**
     * The draft without the core's check (a cool-down that is not a number
     * becomes a value the core refuses); the app goes through
     * [TandemController.submitAgreement], which checks first.
     */
    fun draft(): AgreementDraft = TandemController.agreementDraft(
        title = title,
        text = text,
        coolDownMinutes = coolDownMinutes.trim().ifEmpty { null }?.let { it.toIntOrNull() ?: -1 },
        eitherMayCall = eitherMayCall,
        revisit = revisit,
        reviewOn = reviewOn.trim().ifEmpty { null },
    )

    companion object {
        /** Prefilled with version [v]. */
        fun from(v: AgreementVersion) = AgreementForm(
            title = v.title,
            text = v.text,
            coolDownMinutes = v.pauseProtocol?.coolDownMinutes?.toString().orEmpty(),
            reviewOn = v.reviewOn.orEmpty(),
            eitherMayCall = v.pauseProtocol?.eitherMayCall ?: true,
            revisit = v.pauseProtocol?.revisit,
        )

        /** Prefilled with the core's draft of a version ([TandemController.openAgreementForm]). */
        fun from(d: AgreementDraft) = AgreementForm(
            title = d.title,
            text = d.text,
            coolDownMinutes = d.pauseProtocol?.coolDownMinutes?.toString().orEmpty(),
            reviewOn = d.reviewOn.orEmpty(),
            eitherMayCall = d.pauseProtocol?.eitherMayCall ?: true,
            revisit = d.pauseProtocol?.revisit,
        )
    }
}

/** What a ritual form does when submitted; [label] is its button's words. */
enum class RitualFormMode {
    /** A new shared ritual, waiting for the partner ([TandemController.proposeDraft]). */
    PROPOSE,

    /** A new personal ritual, in effect at once ([TandemController.addPersonalDraft]). */
    PERSONAL,

    /** Another version of a shared ritual, for the partner to answer ([TandemController.counterDraft]). */
    COUNTER,

    /** A personal ritual's new version, at once (the same core call as COUNTER). */
    CHANGE,

    /** A trial's look back: keep it changed ([TandemController.adjustDraft]). */
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
 * An open ritual form: a new ritual ([ritualId] null) or another version of
 * ritual [ritualId], typed over the core's draft of it ([base], so repeat
 * details, zone and reminders the form does not show carry over).
 * [TandemController.openRitualForm] makes one; [TandemController.submitRitual]
 * checks it with the core and sends it; [check] holds the core's words for
 * each field after a submit that sent nothing.
 */
data class RitualEdit(
    val ritualId: String?,
    val base: RitualDraft?,
    val form: RitualForm,
    val modes: List<RitualFormMode>,
    val check: RitualFormCheck? = null,
) {
    fun typed(form: RitualForm) = copy(form = form)

    /** The draft the core is sent. */
    fun draft(): RitualDraft = form.draft(base)

    companion object {
        val NEW = RitualEdit(null, null, RitualForm(), listOf(RitualFormMode.PROPOSE, RitualFormMode.PERSONAL))
    }
}

/** What an agreement form does when submitted; [label] is its button's words. */
enum class AgreementFormMode {
    /** A new agreement, accepted by its author, waiting for the partner. */
    PROPOSE,

    /** A new version built on [AgreementEdit.parentHash], for both to accept. */
    AMEND,

    /** A look back ending in a new version, for both to accept. */
    REVIEW_AMEND,
    ;

    fun label(l: Labels): String = if (this == PROPOSE) l.submitAgreement else l.submitAmend
}

/**
 * An open agreement form: a new agreement, or a change to agreement
 * [agreementId] built on the version [parentHash] (prefilled from it);
 * [check] holds the core's message for each field after a refused submit.
 */
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

        /** A look back that amends the version in effect ([version] of agreement [agreementId]). */
        fun review(agreementId: String, version: AgreementVersion?): AgreementEdit =
            AgreementEdit(agreementId, version?.hash, version?.let { AgreementForm.from(it) } ?: AgreementForm(), AgreementFormMode.REVIEW_AMEND)
    }
}
