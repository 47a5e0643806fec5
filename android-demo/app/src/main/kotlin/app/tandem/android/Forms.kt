package app.tandem.android

import app.tandem.shell.AgreementEdit
import app.tandem.shell.AgreementForm
import app.tandem.shell.RitualEdit
import app.tandem.shell.RitualForm

/**
 * The ritual form: typed fields only. The core checks them field by field
 * ([app.tandem.shell.TandemController.submitRitual]); its words show under
 * each field and the form stays open, nothing sent. Typing updates
 * [MainActivity.editing].
 */
fun Ui.ritualForm(edit: RitualEdit) {
    fun now() = activity.editing as? RitualEdit ?: edit
    fun typed(change: (RitualForm) -> RitualForm) { activity.editing = now().let { it.typed(change(it.form)) } }
    val (f, c) = edit.form to edit.check
    // Fields the form does not show (kept from the version changed) and the whole form.
    listOfNotNull(c?.form, c?.zone, c?.startDate, c?.end, c?.windowEnd, c?.leadMinutes).forEach { warn(it) }
    field(words.fieldTitle, f.title) { v -> typed { it.copy(title = v) } }
    c?.title?.let { warn(it) }
    field(words.fieldPrompt, f.prompt) { v -> typed { it.copy(prompt = v) } }
    c?.prompt?.let { warn(it) }
    field(words.fieldTime, f.time) { v -> typed { it.copy(time = v) } }
    c?.timeOfDay?.let { warn(it) }
    field(words.fieldMinutes, f.minutes, number = true) { v -> typed { it.copy(minutes = v) } }
    c?.minutes?.let { warn(it) }
    text(f.repeatLabel(words))
    row {
        RitualForm.WEEK.forEach { d ->
            button((if (d in f.days) "✓ " else "") + RitualForm.short(d, words)) { typed { it.toggle(d) }; activity.render() }
        }
    }
    c?.repeat?.let { warn(it) }
    field(words.fieldTrialUntil, f.trialUntil) { v -> typed { it.copy(trialUntil = v) } }
    c?.trialUntil?.let { warn(it) }
    row {
        edit.modes.forEach { m ->
            button(m.label(words)) {
                activity.act(then = { checked: RitualEdit? -> if (checked == null) closeForm() else { activity.editing = checked; activity.render() } }) {
                    it.submitRitual(now(), m)
                }
            }
        }
        button(words.cancel) { closeForm() }
    }
}

/**
 * The agreement form: title, text, an optional cool-down and review date,
 * each with the core's message after a refused submit (nothing sent then).
 */
fun Ui.agreementForm(edit: AgreementEdit) {
    fun now() = activity.editing as? AgreementEdit ?: edit
    fun typed(change: (AgreementForm) -> AgreementForm) { activity.editing = now().let { it.typed(change(it.form)) } }
    val (f, c) = edit.form to edit.check
    c?.form?.let { warn(it) }
    field(words.fieldTitle, f.title) { v -> typed { it.copy(title = v) } }
    c?.title?.let { warn(it) }
    field(words.fieldAgreementText, f.text) { v -> typed { it.copy(text = v) } }
    c?.text?.let { warn(it) }
    field(words.fieldCoolDown, f.coolDownMinutes, number = true) { v -> typed { it.copy(coolDownMinutes = v) } }
    listOfNotNull(c?.coolDown, c?.revisit).forEach { warn(it) }
    field(words.fieldReviewOn, f.reviewOn) { v -> typed { it.copy(reviewOn = v) } }
    c?.reviewOn?.let { warn(it) }
    row {
        button(edit.mode.label(words)) {
            activity.act(then = { checked: AgreementEdit? -> if (checked == null) closeForm() else { activity.editing = checked; activity.render() } }) {
                it.submitAgreement(now())
            }
        }
        button(words.cancel) { closeForm() }
    }
}

private fun Ui.closeForm() {
    activity.editing = null
    activity.render()
}
