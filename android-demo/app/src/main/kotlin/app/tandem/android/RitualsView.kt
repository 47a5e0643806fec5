package app.tandem.android

import app.tandem.shell.RitualAction
import app.tandem.shell.RitualEdit
import app.tandem.shell.RitualFormMode
import app.tandem.shell.RitualRow
import app.tandem.shell.RitualsScreen

/**
 * The Rituals screen: rows as the shell words them, their buttons, and the
 * forms (new, counter or change, a trial's look back). A form opens from the
 * core's draft, read on the worker.
 */
fun Ui.rituals(s: RitualsScreen) {
    (activity.editing as? RitualEdit)?.let { return ritualForm(it) }
    when (s) {
        is RitualsScreen.Failed -> text(s.message)
        is RitualsScreen.Rows -> {
            button("New ritual") { activity.editing = RitualEdit.NEW; activity.render() }
            s.emptyMessage?.let { text(it) }
            s.reviewsDue.forEach { r -> reviewButtons(r) }
            s.rows.forEach { r -> ritualLine(r) }
            if (s.ended.isNotEmpty()) heading("Past")
            s.ended.forEach { r -> quiet("${r.title}: ${r.status}") }
        }
    }
}

private fun Ui.ritualLine(r: RitualRow) {
    val zone = r.zone?.let { " ($it)" }.orEmpty()
    text("${r.time}$zone  ${r.title} · ${r.minutes} min")
    quiet(r.status + (r.suggestion?.let { " · suggested: ${it.timeOfDay}, ${it.minutes} min" }.orEmpty()) + (r.trialUntil?.let { " · trying until $it" }.orEmpty()))
    row {
        r.actions.filter { it != RitualAction.REVIEW }.forEach { a ->
            button(a.label) {
                when (a) {
                    RitualAction.ACCEPT -> activity.act { it.acceptRitual(r.ritualId) }
                    RitualAction.DECLINE -> activity.act { it.declineRitual(r.ritualId) }
                    RitualAction.COUNTER -> activity.openRitual(r.ritualId, RitualFormMode.COUNTER)
                    RitualAction.CHANGE -> activity.openRitual(r.ritualId, RitualFormMode.CHANGE)
                    RitualAction.PAUSE -> activity.act { it.pauseRitual(r.ritualId) }
                    RitualAction.RESUME -> activity.act { it.resumeRitual(r.ritualId) }
                    RitualAction.RETIRE -> activity.act { it.retireRitual(r.ritualId) }
                    RitualAction.REVIEW -> Unit // offered above, with the look back's own buttons
                }
            }
        }
    }
}

/** A gentle experiment's look back: keep it, keep it changed (the counter form), or stop it. */
private fun Ui.reviewButtons(r: RitualRow) {
    text("${r.title}: ${r.status}")
    row {
        button("Keep it") { activity.act { it.keepRitual(r.ritualId) } }
        button("Adjust") { activity.openRitual(r.ritualId, RitualFormMode.ADJUST) }
        button("Stop") { activity.act { it.stopRitual(r.ritualId) } }
    }
}
