package app.tandem.android

import app.tandem.shell.CheckInForm
import app.tandem.shell.CheckInScreen
import app.tandem.shell.CheckInTexts
import app.tandem.shell.Choice

/**
 * The check-in: a 1–10 slider labelled with the core's words, capacity and
 * need, a note, shared or private; below, today's own check-ins. The slider's
 * value goes to the core as it is (it refuses anything outside 1 to 10).
 */
fun Ui.checkIn(s: CheckInScreen) {
    val form = activity.editing as? CheckInForm ?: CheckInForm().also { activity.editing = it }
    fun update(f: CheckInForm, redraw: Boolean = true) { activity.editing = f; if (redraw) activity.render() }
    when (s) {
        is CheckInScreen.Failed -> text(s.message)
        is CheckInScreen.Shown -> {
            text("${CheckInTexts.SLIDER} ${s.label(form.slider)}")
            slider(CheckInForm.MIN, CheckInForm.MAX, form.slider) { update((activity.editing as CheckInForm).copy(slider = it)) }
            options(s.capacities, form.capacity) { update((activity.editing as CheckInForm).copy(capacity = it)) }
            options(s.needs, form.need) { update((activity.editing as CheckInForm).copy(need = it)) }
            field("A note (optional)", form.note.orEmpty()) { update((activity.editing as CheckInForm).copy(note = it.ifEmpty { null }), redraw = false) }
            check("Show my partner", form.shared) { update((activity.editing as CheckInForm).copy(shared = it), redraw = false) }
            button("Check in") {
                val sent = activity.editing as CheckInForm
                activity.act(replan = null, done = { _ -> CheckInTexts.DONE }, then = { _ -> activity.editing = CheckInForm(); activity.render() }) { it.checkIn(sent) }
            }
            s.emptyMessage?.let { quiet(it) }
            s.today.forEach { text(it.text) }
        }
    }
}

/** One row of choices; the chosen one is ticked. */
private fun <T> Ui.options(choices: List<Choice<T>>, chosen: T, pick: (T) -> Unit) {
    row { choices.forEach { c -> button((if (c.value == chosen) "✓ " else "") + c.label) { pick(c.value) } } }
}
