package app.tandem.android

import app.tandem.shell.Rendered
import app.tandem.shell.RitualDay
import app.tandem.shell.RitualScreen

/**
 * A ritual's own screen, opened from its row: the row with its buttons, the
 * version in effect field by field, the next times, the couple's count and
 * the last two weeks, newest first, with both partners' words and done or
 * skip on a day nobody marked. Every word is the core's; each button
 * reloads this same screen.
 */
fun Ui.ritual(s: RitualScreen) {
    activity.editing?.let { return form(it) }
    when (s) {
        is Rendered.Failed -> text(s.message)
        is Rendered.Shown -> {
            val m = s.model
            ritualLine(m.row)
            heading(m.headings.terms)
            m.terms.forEach { quiet(it) }
            if (m.next.isNotEmpty()) heading(m.headings.next)
            m.next.forEach { text(it) }
            heading(m.headings.days)
            m.kept?.let { text(it) }
            m.daysEmpty?.let { quiet(it) }
            m.days.forEach { dayLine(it) }
        }
    }
}

/** One day: when, how it went, what each partner said, and its buttons when nobody marked it. */
private fun Ui.dayLine(d: RitualDay) {
    text("${d.day} ${d.time} · ${d.state}")
    d.said.forEach { quiet(it) }
    if (d.buttons.isNotEmpty()) row { d.buttons.forEach { b -> button(b.label) { activity.press(b.perform, b.opens) } } }
}
