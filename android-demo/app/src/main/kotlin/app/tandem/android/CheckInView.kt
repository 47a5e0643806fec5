package app.tandem.android

import app.tandem.shell.CheckInForm
import app.tandem.shell.CheckInScreen
import app.tandem.shell.Choice

/**
 * The check-in as the core words it: a slider labelled with the core's
 * words, capacity and need, a note, shared or private; below, today's own
 * check-ins. The form is checked by the core field by field before it is
 * sent; each field's words show under it.
 */
fun Ui.checkIn(s: CheckInScreen) {
    when (s) {
        is CheckInScreen.Failed -> text(s.message)
        is CheckInScreen.Shown -> {
            val m = s.model
            val form = activity.editing as? CheckInForm ?: CheckInForm(m.defaultTemperature.toInt()).also { activity.editing = it }
            fun update(f: CheckInForm, redraw: Boolean = true) { activity.editing = f; if (redraw) activity.render() }
            fun edited() = activity.editing as CheckInForm
            text("${m.prompt} ${s.label(form.slider)}")
            slider(s.range.first, s.range.last, form.slider) { update(edited().copy(slider = it)) }
            form.check?.temperature?.let { quiet(it) }
            options(s.capacities, form.capacity) { update(edited().copy(capacity = it)) }
            options(s.needs, form.need) { update(edited().copy(need = it)) }
            field(m.noteLabel, form.note.orEmpty()) { update(edited().copy(note = it.ifEmpty { null }), redraw = false) }
            form.check?.note?.let { quiet(it) }
            check(m.shareLabel, form.shared) { update(edited().copy(shared = it), redraw = false) }
            button(m.submitLabel) {
                val sent = edited()
                activity.act(replan = null, done = { left: CheckInForm? -> if (left == null) m.done else null }, then = { left ->
                    activity.editing = left ?: CheckInForm(m.defaultTemperature.toInt()); activity.render()
                }) { it.submitCheckIn(sent) }
            }
            m.empty?.let { quiet(it) }
            m.today.forEach { r -> text(listOfNotNull(r.text, r.note?.let { "“$it”" }, r.sharedNote).joinToString(" · ")) }
        }
    }
}

/** One row of choices; the chosen one is ticked. */
private fun <T> Ui.options(choices: List<Choice<T>>, chosen: T, pick: (T) -> Unit) {
    row { choices.forEach { c -> button((if (c.value == chosen) "✓ " else "") + c.label) { pick(c.value) } } }
}
