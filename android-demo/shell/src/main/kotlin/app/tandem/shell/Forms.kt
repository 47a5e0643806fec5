package app.tandem.shell

import app.tandem.ffi.AgreementFormCheck
import app.tandem.ffi.AgreementFormResult
import app.tandem.ffi.AgreementSubmit
import app.tandem.ffi.BoundaryFormCheck
import app.tandem.ffi.BoundaryFormResult
import app.tandem.ffi.BoundarySubmit
import app.tandem.ffi.CheckInFormCheck
import app.tandem.ffi.CheckInFormResult
import app.tandem.ffi.FormModel
import app.tandem.ffi.PhoneNow
import app.tandem.ffi.Repeat
import app.tandem.ffi.RitualFormCheck
import app.tandem.ffi.RitualFormResult
import app.tandem.ffi.RitualSubmit
import app.tandem.ffi.Tandem

// The forms as the core opens and sends them: a screen button's `opens`
// names its form, the core fills it in and words its submits
// ([TandemController.openForm]); a submit is one core call that sends and
// answers with the effects to carry out, as an action does
// ([TandemSession.submit]), or answers with each field's words and changes
// nothing. The shell holds what is typed; it checks and decides nothing.

/** The form a screen button opens (the button's `opens`). */
typealias FormRequest = app.tandem.ffi.FormRequest

typealias RitualFormInput = app.tandem.ffi.RitualFormInput
typealias AgreementFormInput = app.tandem.ffi.AgreementFormInput
typealias CheckInFormInput = app.tandem.ffi.CheckInFormInput
typealias BoundaryFormInput = app.tandem.ffi.BoundaryFormInput
typealias Weekday = app.tandem.ffi.Weekday

/** What the screens' "New ritual" and "New agreement" open. */
val NEW_RITUAL: FormRequest = app.tandem.ffi.FormRequest.NewRitual
val NEW_AGREEMENT: FormRequest = app.tandem.ffi.FormRequest.NewAgreement

/** The day picker's days, in week order. */
val WEEK: List<Weekday> = Weekday.entries

/**
 * A form open over a screen: the core's input record as typed, the submit
 * buttons the core named, its heading in the core's words, and [check]: the core's words under the fields
 * after a submit it held back (nothing was sent then).
 */
sealed class FormEdit {
    /** One core call with the [submit]th button (the check-in has one). */
    internal abstract fun send(core: Tandem, submit: Int, phone: PhoneNow): Submitted

    data class Ritual(val form: RitualFormInput, val submits: List<RitualSubmit>, val check: RitualFormCheck? = null, val heading: String = "") : FormEdit() {
        fun typed(change: (RitualFormInput) -> RitualFormInput) = copy(form = change(form))

        /** A day picked or unpicked, by the core's one rule. */
        fun toggle(day: Weekday) = typed { it.copy(repeat = app.tandem.ffi.toggleWeekday(it.repeat, day)) }

        val days: List<Weekday> get() = (form.repeat as? Repeat.Weekdays)?.days.orEmpty()

        /** Every day, the days picked, or (every n days, monthly) as before. */
        fun repeatLabel(l: Labels): String = when (form.repeat) {
            is Repeat.Daily -> l.everyDay
            is Repeat.Weekdays -> days.joinToString(", ") { l.weekdaysShort[it.ordinal] }
            else -> l.asBefore
        }

        override fun send(core: Tandem, submit: Int, phone: PhoneNow) = when (val r = core.submitRitualForm(form, submits[submit].purpose, phone)) {
            is RitualFormResult.Sent -> Submitted(copy(check = null), r.outcome)
            is RitualFormResult.Check -> Submitted(copy(check = r.check), null)
        }
    }

    data class Agreement(val form: AgreementFormInput, val submits: List<AgreementSubmit>, val check: AgreementFormCheck? = null, val heading: String = "") : FormEdit() {
        fun typed(change: (AgreementFormInput) -> AgreementFormInput) = copy(form = change(form))

        override fun send(core: Tandem, submit: Int, phone: PhoneNow) = when (val r = core.submitAgreementForm(form, submits[submit].purpose, phone)) {
            is AgreementFormResult.Sent -> Submitted(copy(check = null), r.outcome)
            is AgreementFormResult.Check -> Submitted(copy(check = r.check), null)
        }
    }

    /** A boundary in the person's own words; [examples] (a new one's) are the core's words to start from. */
    data class Boundary(val form: BoundaryFormInput, val submits: List<BoundarySubmit>, val examples: List<String>, val check: BoundaryFormCheck? = null, val heading: String = "") : FormEdit() {
        fun typed(change: (BoundaryFormInput) -> BoundaryFormInput) = copy(form = change(form))

        /** Example [i] in the field, to send as it is or to edit. */
        fun startFrom(i: Int) = typed { it.copy(text = examples[i]) }

        override fun send(core: Tandem, submit: Int, phone: PhoneNow) = when (val r = core.submitBoundaryForm(form, submits[submit].purpose, phone)) {
            is BoundaryFormResult.Sent -> Submitted(copy(check = null), r.outcome)
            is BoundaryFormResult.Check -> Submitted(copy(check = r.check), null)
        }
    }

    /** The slider's number reaches the core as it is: out of range is said, never clamped. */
    data class CheckIn(val form: CheckInFormInput, val check: CheckInFormCheck? = null) : FormEdit() {
        fun typed(change: (CheckInFormInput) -> CheckInFormInput) = copy(form = change(form))

        override fun send(core: Tandem, submit: Int, phone: PhoneNow) = when (val r = core.submitCheckIn(form, phone)) {
            is CheckInFormResult.Sent -> Submitted(copy(check = null), r.outcome)
            is CheckInFormResult.Check -> Submitted(copy(check = r.check), null)
        }
    }

    companion object {
        fun of(m: FormModel): FormEdit = when (m) {
            is FormModel.Ritual -> Ritual(m.form, m.submits, heading = m.heading)
            is FormModel.Agreement -> Agreement(m.form, m.submits, heading = m.heading)
            is FormModel.Boundary -> Boundary(m.form, m.submits, m.examples, heading = m.heading)
        }
    }
}

/** What a submit did: sent, its [effects] carried out; or held back, [form] with the core's words and nothing changed. */
data class Submitted(val form: FormEdit, val effects: ActionEffects?) {
    val sent: Boolean get() = effects != null
}
