package app.tandem.android

import app.tandem.shell.AgreementAction
import app.tandem.shell.AgreementEdit
import app.tandem.shell.AgreementFormMode
import app.tandem.shell.AgreementOption
import app.tandem.shell.AgreementRow
import app.tandem.shell.AgreementsScreen

/**
 * The Agreements screen: the core's rows, words and buttons as they are.
 * Waiting versions sit side by side, each with its own answer; a change
 * opens the form from the core's draft of the version it builds on.
 */
fun Ui.agreements(s: AgreementsScreen) {
    (activity.editing as? AgreementEdit)?.let { return agreementForm(it) }
    when (s) {
        is AgreementsScreen.Failed -> text(s.message)
        is AgreementsScreen.Shown -> {
            val m = s.model
            button(words.newAgreement) { activity.editing = AgreementEdit.NEW; activity.render() }
            m.empty?.let { text(it) }
            m.rows.forEach { r -> agreementLine(r) }
            if (m.ended.isNotEmpty()) heading(words.past)
            m.ended.forEach { r -> quiet("${r.title}: ${r.status}") }
        }
    }
}

/** Opens the agreement form from the core's draft of the version it builds on, read on the worker. */
private fun MainActivity.openAgreement(id: String, on: String?, mode: AgreementFormMode) =
    act(replan = null, then = { e: AgreementEdit -> editing = e; render() }) { it.openAgreementForm(id, on, mode) }

private fun Ui.agreementLine(r: AgreementRow) {
    heading(r.title)
    text(r.text)
    quiet(listOfNotNull(r.status, r.reviewNote).joinToString(" · "))
    r.options.forEach { o -> optionLine(r.id, o) }
    row {
        r.buttons.forEach { b ->
            button(b.label) {
                activity.press(b.perform) {
                    if (b.action == AgreementAction.AMEND) activity.openAgreement(r.id, r.amendOn, AgreementFormMode.AMEND)
                }
            }
        }
    }
    r.history.takeLast(3).forEach { quiet("${it.at} ${it.text}") }
}

/** A version waiting for an answer: its buttons carry its hash, exactly; a change opens the form on it. */
private fun Ui.optionLine(id: String, o: AgreementOption) {
    text("${o.label} · ${o.status}")
    (o.changes.ifEmpty { o.reads }).forEach { quiet(it) }
    row {
        o.buttons.forEach { b ->
            button(b.label) {
                activity.press(b.perform) {
                    if (b.action == AgreementAction.AMEND) activity.openAgreement(id, o.version, AgreementFormMode.AMEND)
                }
            }
        }
    }
}
