package app.tandem.android

import app.tandem.shell.Rendered
import app.tandem.shell.CheckInFormInput
import app.tandem.shell.CheckInScreen
import app.tandem.shell.Choice
import app.tandem.shell.FormEdit
import app.tandem.shell.capacityChoices
import app.tandem.shell.label
import app.tandem.shell.needChoices
import app.tandem.shell.newForm
import app.tandem.shell.range

/**
 * The check-in as the core words it: a slider labelled with the core's
 * words, capacity and need, a note, shared or private; below, today's own
 * check-ins. The core checks the form field by field as it sends it
 * (one call, as an action); each field's words show under it.
 */
fun Ui.checkIn(s: CheckInScreen) {
    when (s) {
        is Rendered.Failed -> text(s.message)
        is Rendered.Shown -> {
            val m = s.model
            val edit = activity.editing as? FormEdit.CheckIn ?: m.newForm().also { activity.editing = it }
            val (f, c) = edit.form to edit.check
            fun typed(redraw: Boolean = true, change: (CheckInFormInput) -> CheckInFormInput) {
                activity.editing = (activity.editing as? FormEdit.CheckIn ?: edit).typed(change)
                if (redraw) activity.render()
            }
            text("${m.prompt} ${m.label(f.temperature)}")
            slider(m.range.first, m.range.last, f.temperature.toInt()) { v -> typed { it.copy(temperature = v.toLong()) } }
            c?.temperature?.let { quiet(it) }
            options(m.capacityChoices, f.capacity) { v -> typed { it.copy(capacity = v) } }
            options(m.needChoices, f.need) { v -> typed { it.copy(need = v) } }
            field(m.noteLabel, f.note) { v -> typed(redraw = false) { it.copy(note = v) } }
            c?.note?.let { quiet(it) }
            check(m.shareLabel, f.shared) { v -> typed(redraw = false) { it.copy(shared = v) } }
            button(m.submitLabel) { activity.editing?.let { activity.submit(it) } }
            m.empty?.let { quiet(it) }
            m.today.forEach { r -> text(listOfNotNull(r.text, r.note?.let { "“$it”" }, r.sharedNote).joinToString(" · ")) }
        }
    }
}

/** One row of choices; the chosen one is ticked. */
private fun <T> Ui.options(choices: List<Choice<T>>, chosen: T, pick: (T) -> Unit) {
    row { choices.forEach { c -> button((if (c.value == chosen) "✓ " else "") + c.label) { pick(c.value) } } }
}
