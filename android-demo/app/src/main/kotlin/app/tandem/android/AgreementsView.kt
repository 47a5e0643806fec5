package app.tandem.android

import app.tandem.shell.Rendered
import app.tandem.shell.AgreementOption
import app.tandem.shell.AgreementRow
import app.tandem.shell.AgreementsScreen
import app.tandem.shell.NEW_AGREEMENT

/**
 * The Agreements screen: the core's rows, words and buttons as they are.
 * Waiting versions sit side by side, each with its own answer; a change
 * opens the form the core fills in from the version it builds on.
 */
fun Ui.agreements(s: AgreementsScreen) {
    activity.editing?.let { return form(it) }
    when (s) {
        is Rendered.Failed -> text(s.message)
        is Rendered.Shown -> {
            val m = s.model
            button(words.newAgreement) { activity.openForm(NEW_AGREEMENT) }
            m.empty?.let { text(it) }
            m.rows.forEach { r -> agreementLine(r) }
            if (m.ended.isNotEmpty()) heading(words.past)
            m.ended.forEach { r -> quiet("${r.title}: ${r.status}") }
        }
    }
}

private fun Ui.agreementLine(r: AgreementRow) {
    heading(r.title)
    text(r.text)
    quiet(listOfNotNull(r.status, r.reviewNote).joinToString(" · "))
    r.options.forEach { o -> optionLine(o) }
    row { r.buttons.forEach { b -> button(b.label) { activity.press(b.perform, b.opens) } } }
    r.history.takeLast(3).forEach { quiet("${it.at} ${it.text}") }
}

/** A version waiting for an answer: its buttons carry its hash, exactly; a change opens the form on it. */
private fun Ui.optionLine(o: AgreementOption) {
    text("${o.label} · ${o.status}")
    (o.changes.ifEmpty { o.reads }).forEach { quiet(it) }
    row { o.buttons.forEach { b -> button(b.label) { activity.press(b.perform, b.opens) } } }
}
