package app.tandem.android

import app.tandem.shell.Rendered
import app.tandem.shell.InsightsScreen
import app.tandem.shell.PauseRow
import app.tandem.shell.PauseScreen
import app.tandem.shell.ScreenModel
import app.tandem.shell.StartPause

/** Draws the shell's model of the screen shown; the model was loaded on the worker. */
fun Ui.screen(model: ScreenModel) {
    when (model) {
        is ScreenModel.Today -> today(model.model)
        is ScreenModel.Rituals -> rituals(model.model)
        is ScreenModel.Agreements -> agreements(model.model)
        is ScreenModel.Boundaries -> boundaries(model.model)
        is ScreenModel.Pause -> pause(model.model)
        is ScreenModel.CheckIn -> checkIn(model.model)
        is ScreenModel.Notebook -> notebook(model.model)
        is ScreenModel.Insights -> insights(model.model)
        is ScreenModel.Pairing -> pairing(model)
        is ScreenModel.Sync -> sync(model.model)
        is ScreenModel.Privacy -> privacy(model.model)
        is ScreenModel.Ritual -> ritual(model.model)
    }
}

private fun Ui.pause(s: PauseScreen) {
    when (s) {
        is PauseScreen.Failed -> text(s.message)
        is PauseScreen.Shown -> {
            s.current.forEach { pauseLine(it) }
            if (s.canStart) {
                text(s.startHint)
                row {
                    // The core's lengths, the agreed cool-down among them.
                    s.lengths.forEach { c -> button(c.label) { activity.perform(StartPause(c.minutes, null)) } }
                }
            }
            if (s.past.isNotEmpty()) heading(words.earlier)
            s.past.forEach { quiet(it.text) }
        }
    }
}

/** A running pause's banner, with the core's buttons ("A little more time", "I'm back") on this phone's own, worded as on iOS. */
fun Ui.pauseLine(p: PauseRow) {
    text(p.text)
    p.note?.let { quiet(it) }
    row {
        p.buttons.forEach { b -> button(b.label) { activity.press(b.perform, null) } }
    }
}

private fun Ui.insights(s: InsightsScreen) {
    when (s) {
        is Rendered.Failed -> text(s.message)
        is Rendered.Shown -> {
            val m = s.model
            m.empty?.let { quiet(it) }
            m.sentences.forEach { text(it) }
            heading(m.headings.rhythm)
            quiet(listOfNotNull(m.weeks.firstOrNull(), m.weeks.lastOrNull()).distinct().joinToString(" – "))
            m.rows.forEach { text(it.text) }
            if (m.triggers.isNotEmpty()) heading(m.headings.before)
            m.triggers.forEach { quiet(it.text) }
            m.temperature?.let { quiet(it) }
            if (m.byWeekday.isNotEmpty()) heading(m.headings.`when`)
            (m.byWeekday + m.byPartOfDay).forEach { quiet(it.text) }
            if (m.topics.isNotEmpty()) heading(m.headings.topics)
            m.topics.forEach { quiet(it.text) }
            if (m.milestones.isNotEmpty()) heading(m.headings.milestones)
            m.milestones.forEach { text("★ $it") }
        }
    }
}
