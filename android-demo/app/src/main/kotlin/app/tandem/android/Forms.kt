package app.tandem.android

import app.tandem.shell.AgreementEdit
import app.tandem.shell.AgreementForm
import app.tandem.shell.RitualEdit
import app.tandem.shell.RitualForm

/**
 * The ritual form: typed fields only. The shell builds the draft and the
 * core checks it; a refusal leaves the form open with what was typed and
 * the core's answer above it. Typing updates [MainActivity.editing].
 */
fun Ui.ritualForm(edit: RitualEdit) {
    fun now() = activity.editing as? RitualEdit ?: edit
    fun typed(change: (RitualForm) -> RitualForm) { activity.editing = now().let { it.typed(change(it.form)) } }
    val f = edit.form
    field("Title", f.title) { v -> typed { it.copy(title = v) } }
    field("What to do (optional)", f.prompt) { v -> typed { it.copy(prompt = v) } }
    field("Time (HH:MM)", f.time) { v -> typed { it.copy(time = v) } }
    field("Minutes", f.minutes, number = true) { v -> typed { it.copy(minutes = v) } }
    text(f.repeatLabel)
    row {
        RitualForm.WEEK.forEach { d ->
            button((if (d in f.days) "✓ " else "") + RitualForm.short(d)) { typed { it.toggle(d) }; activity.render() }
        }
    }
    field("Try it until (YYYY-MM-DD, optional)", f.trialUntil) { v -> typed { it.copy(trialUntil = v) } }
    row {
        edit.modes.forEach { m ->
            button(m.button) { activity.act(then = { _ -> closeForm() }) { it.submitRitual(now(), m) } }
        }
        button("Cancel") { closeForm() }
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
    field("Title", f.title) { v -> typed { it.copy(title = v) } }
    c?.title?.let { warn(it) }
    field("What we agree", f.text) { v -> typed { it.copy(text = v) } }
    c?.text?.let { warn(it) }
    field("Cool-down minutes for a pause (optional)", f.coolDownMinutes, number = true) { v -> typed { it.copy(coolDownMinutes = v) } }
    listOfNotNull(c?.coolDown, c?.revisit).forEach { warn(it) }
    field("Look back on (YYYY-MM-DD, optional)", f.reviewOn) { v -> typed { it.copy(reviewOn = v) } }
    c?.reviewOn?.let { warn(it) }
    row {
        button(edit.mode.button) {
            activity.act(then = { checked: AgreementEdit? -> if (checked == null) closeForm() else { activity.editing = checked; activity.render() } }) {
                it.submitAgreement(now())
            }
        }
        button("Cancel") { closeForm() }
    }
}

private fun Ui.closeForm() {
    activity.editing = null
    activity.render()
}
