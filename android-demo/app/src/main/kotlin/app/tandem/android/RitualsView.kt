package app.tandem.android

import app.tandem.shell.Rendered
import app.tandem.shell.Screen
import app.tandem.shell.NEW_RITUAL
import app.tandem.shell.RitualsRow
import app.tandem.shell.RitualsScreen

/**
 * The Rituals screen: the core's rows, words and buttons as they are, and
 * the forms the buttons open (new, counter or change, a trial's look back).
 * Tapping a row opens that ritual's own screen ([ritual]).
 */
fun Ui.rituals(s: RitualsScreen) {
    activity.editing?.let { return form(it) }
    when (s) {
        is Rendered.Failed -> text(s.message)
        is Rendered.Shown -> {
            val m = s.model
            button(words.newRitual) { activity.openForm(NEW_RITUAL) }
            m.empty?.let { text(it) }
            m.rows.forEach { r -> ritualLine(r, opens = true) }
            if (m.ended.isNotEmpty()) heading(words.past)
            m.ended.forEach { r -> quiet("${r.title}: ${r.status}") }
            m.endedMore?.let { quiet(it) }
            m.showAll?.let { button(it) { activity.background { activity.app.session.loadEverything(Screen.RITUALS, activity.now(), activity.zone()) } } }
        }
    }
}

/** A ritual's row with its buttons; tapping it [opens] the ritual's own screen. */
fun Ui.ritualLine(r: RitualsRow, opens: Boolean = false) {
    val zone = r.zoneNote?.let { " ($it)" }.orEmpty()
    val title = text("${r.time}$zone  ${r.title} · ${r.length}")
    if (opens) title.setOnClickListener { activity.openRitual(r.id) }
    quiet(listOfNotNull(r.status, r.suggestion, r.trialNote).joinToString(" · "))
    r.reads.forEach { quiet(it) }
    row {
        r.buttons.forEach { b -> button(b.label) { activity.press(b.perform, b.opens) } }
    }
}
