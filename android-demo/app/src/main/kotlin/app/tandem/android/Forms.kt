package app.tandem.android

import app.tandem.shell.AgreementFormInput
import app.tandem.shell.BoundaryFormInput
import app.tandem.shell.FormEdit
import app.tandem.shell.RitualFormInput
import app.tandem.shell.WEEK

/**
 * A form as the core opened it: its fields from the core's input record,
 * one button per submit the core named, the core's words under each field
 * after a submit it held back (the form stays open, nothing sent). Typing
 * updates [MainActivity.editing]; the check-in's form is its own screen.
 */
fun Ui.form(edit: FormEdit) = when (edit) {
    is FormEdit.Ritual -> ritualForm(edit)
    is FormEdit.Agreement -> agreementForm(edit)
    is FormEdit.Boundary -> boundaryForm(edit)
    is FormEdit.CheckIn -> Unit
}

private fun Ui.ritualForm(edit: FormEdit.Ritual) {
    fun now() = activity.editing as? FormEdit.Ritual ?: edit
    fun typed(change: (RitualFormInput) -> RitualFormInput) { activity.editing = now().typed(change) }
    val (f, c) = edit.form to edit.check
    heading(edit.heading)
    // Fields the form does not show (kept from the version changed) and the whole form.
    listOfNotNull(c?.form, c?.zone, c?.startDate, c?.end, c?.windowEnd, c?.leadMinutes).forEach { warn(it) }
    field(words.fieldTitle, f.title) { v -> typed { it.copy(title = v) } }
    c?.title?.let { warn(it) }
    field(words.fieldPrompt, f.prompt) { v -> typed { it.copy(prompt = v) } }
    c?.prompt?.let { warn(it) }
    field(words.fieldTime, f.timeOfDay) { v -> typed { it.copy(timeOfDay = v) } }
    c?.timeOfDay?.let { warn(it) }
    field(words.fieldMinutes, f.minutes, number = true) { v -> typed { it.copy(minutes = v) } }
    c?.minutes?.let { warn(it) }
    text(edit.repeatLabel(words))
    row {
        WEEK.forEach { d ->
            button((if (d in edit.days) "✓ " else "") + words.weekdaysShort[d.ordinal]) { activity.editing = now().toggle(d); activity.render() }
        }
    }
    c?.repeat?.let { warn(it) }
    field(words.fieldTrialUntil, f.trialUntil) { v -> typed { it.copy(trialUntil = v) } }
    c?.trialUntil?.let { warn(it) }
    submits(edit.submits.map { it.label }) { now() }
}

private fun Ui.agreementForm(edit: FormEdit.Agreement) {
    fun now() = activity.editing as? FormEdit.Agreement ?: edit
    fun typed(change: (AgreementFormInput) -> AgreementFormInput) { activity.editing = now().typed(change) }
    val (f, c) = edit.form to edit.check
    heading(edit.heading)
    c?.form?.let { warn(it) }
    field(words.fieldTitle, f.title) { v -> typed { it.copy(title = v) } }
    c?.title?.let { warn(it) }
    field(words.fieldAgreementText, f.text) { v -> typed { it.copy(text = v) } }
    c?.text?.let { warn(it) }
    field(words.fieldCoolDown, f.coolDown, number = true) { v -> typed { it.copy(coolDown = v) } }
    listOfNotNull(c?.coolDown, c?.revisit).forEach { warn(it) }
    field(words.fieldReviewOn, f.reviewOn) { v -> typed { it.copy(reviewOn = v) } }
    c?.reviewOn?.let { warn(it) }
    submits(edit.submits.map { it.label }) { now() }
}

/** A boundary in the person's own words; a new one's examples are starters: tapping one puts it in the field, to edit. */
private fun Ui.boundaryForm(edit: FormEdit.Boundary) {
    fun now() = activity.editing as? FormEdit.Boundary ?: edit
    fun typed(change: (BoundaryFormInput) -> BoundaryFormInput) { activity.editing = now().typed(change) }
    heading(edit.heading)
    edit.check?.form?.let { warn(it) }
    field(words.boundaryText, edit.form.text) { v -> typed { it.copy(text = v) } }
    edit.check?.text?.let { warn(it) }
    if (edit.examples.isNotEmpty()) quiet(words.boundaryExamples)
    edit.examples.indices.forEach { i -> button(edit.examples[i]) { activity.editing = now().startFrom(i); activity.render() } }
    submits(edit.submits.map { it.label }) { now() }
}

/** One button per submit, with the core's words, and cancel. */
private fun Ui.submits(labels: List<String>, now: () -> FormEdit) = row {
    labels.forEachIndexed { i, label -> button(label) { activity.submit(now(), i) } }
    button(words.cancel) { activity.editing = null; activity.render() }
}
