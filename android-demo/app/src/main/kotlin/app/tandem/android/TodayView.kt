package app.tandem.android

import app.tandem.shell.Rendered
import app.tandem.shell.PauseScreen
import app.tandem.shell.TodayItem
import app.tandem.shell.TodayRow
import app.tandem.shell.TodayScreen

/**
 * Today, as the core words it: a pause banner, the lists under their
 * headings, answers and looks back, the next reminder. Counters, adjusts
 * and amends open the forms.
 */
fun Ui.today(s: TodayScreen) {
    activity.editing?.let { return form(it) }
    when (s) {
        is Rendered.Failed -> text(s.message)
        is Rendered.Shown -> {
            val m = s.model
            m.pause?.let { pauseLine(PauseScreen.row(it, m.extend)) }
            m.empty?.let { text(it) }
            if (m.due.isNotEmpty()) heading(m.headings.due)
            m.due.forEach { rowLine(it) }
            if (m.invitations.isNotEmpty()) heading(m.headings.invitations)
            m.invitations.forEach { itemLine(it) }
            if (m.reviews.isNotEmpty()) heading(m.headings.reviews)
            m.reviews.forEach { itemLine(it) }
            if (m.coming.isNotEmpty()) heading(m.headings.coming)
            m.coming.forEach { rowLine(it) }
            if (m.earlier.isNotEmpty()) heading(m.headings.earlier)
            m.earlier.forEach { rowLine(it) }
            m.nextReminder?.let { quiet(it) }
        }
    }
}

/** Done, skip and later: each button carries what it performs (the row's date, the screen's snooze). */
private fun Ui.rowLine(r: TodayRow) {
    val zone = r.zoneTime?.let { " ($it)" }.orEmpty()
    val line = "${r.time}$zone  ${r.title} · ${r.detail}" + r.personalNote?.let { " · $it" }.orEmpty()
    if (r.buttons.isEmpty()) quiet(line) else text(line)
    r.said.forEach { quiet("   $it") } // both partners' notes and feelings
    row {
        r.buttons.forEach { b -> button(b.label) { activity.press(b.perform, b.opens) } }
    }
}

/**
 * An invitation or a look back: a button performs what it carries (a refusal
 * worded by the core for what it is about), else opens its form.
 */
private fun Ui.itemLine(item: TodayItem) {
    text("${item.title} · ${item.headline}")
    quiet(item.detail)
    (item.reads + item.changes).forEach { quiet(it) }
    row {
        item.buttons.forEach { b -> button(b.label) { activity.press(b.perform, b.opens) } }
    }
}
