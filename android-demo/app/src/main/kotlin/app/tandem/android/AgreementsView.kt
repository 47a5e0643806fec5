package app.tandem.android

import app.tandem.shell.AgreementAction
import app.tandem.shell.AgreementEdit
import app.tandem.shell.AgreementOption
import app.tandem.shell.AgreementRow
import app.tandem.shell.AgreementsScreen

/**
 * The Agreements screen: each agreement in words from this phone's side, its
 * waiting versions side by side with accept and decline, a change, a look
 * back (keep, amend, let go) and withdrawing; the form for new and changed ones.
 */
fun Ui.agreements(s: AgreementsScreen) {
    (activity.editing as? AgreementEdit)?.let { return agreementForm(it) }
    when (s) {
        is AgreementsScreen.Failed -> text(s.message)
        is AgreementsScreen.Rows -> {
            button("New agreement") { open(AgreementEdit.NEW) }
            s.emptyMessage?.let { text(it) }
            s.rows.forEach { r -> agreementLine(r) }
            if (s.ended.isNotEmpty()) heading("Past")
            s.ended.forEach { r -> quiet("${r.title}: ${r.status}") }
        }
    }
}

private fun Ui.open(e: AgreementEdit) {
    activity.editing = e
    activity.render()
}

private fun Ui.agreementLine(r: AgreementRow) {
    heading(r.title)
    text(r.text)
    quiet(r.status + (r.reviewOn?.let { " · look back on $it" }.orEmpty()))
    r.alternatives.forEach { o -> optionLine(r.agreementId, o) }
    row {
        r.actions.forEach { a ->
            when (a) {
                AgreementAction.REVIEW -> {
                    button("Keep it") { activity.act { it.keepAgreement(r.agreementId) } }
                    button("Amend") { open(AgreementEdit.review(r.agreementId, r.inEffect)) }
                    button("Let it go") { activity.act { it.letGoAgreement(r.agreementId) } }
                }
                AgreementAction.AMEND -> button("Suggest a change") { open(AgreementEdit.amend(r)) }
                AgreementAction.WITHDRAW -> button("Withdraw") { activity.act { it.withdrawAgreement(r.agreementId) } }
                AgreementAction.ACCEPT, AgreementAction.DECLINE -> Unit // on the versions, below
            }
        }
    }
    r.history.takeLast(3).forEach { quiet("${it.at} ${it.text}") }
}

/** A version waiting for an answer: accepted or declined by its hash, exactly. */
private fun Ui.optionLine(id: String, o: AgreementOption) {
    text("${o.label}: “${o.title}” ${o.text}")
    o.pauseProtocol?.let { quiet("Cool-down: ${it.coolDownMinutes} min") }
    quiet(o.status)
    row {
        o.actions.forEach { a ->
            when (a) {
                AgreementAction.ACCEPT -> button("Accept") { activity.act { it.acceptAgreement(id, o.hash) } }
                AgreementAction.DECLINE -> button("Decline") { activity.act { it.declineAgreement(id, o.hash) } }
                AgreementAction.AMEND -> button("Suggest a change") { open(AgreementEdit.amend(id, o)) }
                AgreementAction.REVIEW, AgreementAction.WITHDRAW -> Unit // on the agreement, above
            }
        }
    }
}
