package app.tandem.android

import app.tandem.shell.RitualEdit
import app.tandem.shell.RitualFormMode
import app.tandem.shell.RitualsButton
import app.tandem.shell.RitualsRow
import app.tandem.shell.RitualsScreen

/**
 * The Rituals screen: the core's rows, words and buttons as they are, and
 * the forms (new, counter or change, a trial's look back). A form opens from
 * the core's draft, read on the worker.
 */
fun Ui.rituals(s: RitualsScreen) {
    (activity.editing as? RitualEdit)?.let { return ritualForm(it) }
    when (s) {
        is RitualsScreen.Failed -> text(s.message)
        is RitualsScreen.Shown -> {
            val m = s.model
            button(words.newRitual) { activity.editing = RitualEdit.NEW; activity.render() }
            m.empty?.let { text(it) }
            m.rows.forEach { r -> ritualLine(r) }
            if (m.ended.isNotEmpty()) heading(words.past)
            m.ended.forEach { r -> quiet("${r.title}: ${r.status}") }
        }
    }
}

private fun Ui.ritualLine(r: RitualsRow) {
    val zone = r.zoneNote?.let { " ($it)" }.orEmpty()
    text("${r.time}$zone  ${r.title} · ${r.length}")
    quiet(listOfNotNull(r.status, r.suggestion, r.trialNote).joinToString(" · "))
    r.reads.forEach { quiet(it) }
    row {
        r.buttons.forEach { b ->
            button(b.label) {
                activity.press(b.perform) {
                    when (b.action) {
                        RitualsButton.COUNTER -> activity.openRitual(r.id, RitualFormMode.COUNTER)
                        RitualsButton.CHANGE -> activity.openRitual(r.id, RitualFormMode.CHANGE)
                        RitualsButton.ADJUST -> activity.openRitual(r.id, RitualFormMode.ADJUST)
                        else -> Unit // it carries what it performs
                    }
                }
            }
        }
    }
}
