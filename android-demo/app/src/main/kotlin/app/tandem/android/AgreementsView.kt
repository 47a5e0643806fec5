package app.tandem.android

import androidx.compose.foundation.layout.Row
import androidx.compose.material3.Button
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
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
@Composable
fun AgreementsView(activity: MainActivity, s: AgreementsScreen) {
    var edit by remember { mutableStateOf<AgreementEdit?>(null) }
    val e = edit
    if (e != null) AgreementFormView(activity, e) { edit = null } else when (s) {
        is AgreementsScreen.Failed -> Text(s.message)
        is AgreementsScreen.Rows -> {
            Button(onClick = { edit = AgreementEdit.NEW }) { Text("New agreement") }
            s.emptyMessage?.let { Text(it) }
            s.rows.forEach { r -> AgreementLine(activity, r) { edit = it } }
            if (s.ended.isNotEmpty()) Heading("Past")
            s.ended.forEach { r -> Quiet("${r.title}: ${r.status}") }
        }
    }
}

@Composable
private fun AgreementLine(activity: MainActivity, r: AgreementRow, open: (AgreementEdit) -> Unit) {
    Heading(r.title)
    Text(r.text)
    Quiet(r.status + (r.reviewOn?.let { " · look back on $it" }.orEmpty()))
    r.alternatives.forEach { o -> OptionLine(activity, r.agreementId, o, open) }
    Row {
        r.actions.forEach { a ->
            when (a) {
                AgreementAction.REVIEW -> {
                    Button(onClick = { activity.act { it.keepAgreement(r.agreementId) } }) { Text("Keep it") }
                    TextButton(onClick = { open(AgreementEdit.review(r.agreementId, r.inEffect)) }) { Text("Amend") }
                    TextButton(onClick = { activity.act { it.letGoAgreement(r.agreementId) } }) { Text("Let it go") }
                }
                AgreementAction.AMEND -> TextButton(onClick = { open(AgreementEdit.amend(r)) }) { Text("Suggest a change") }
                AgreementAction.WITHDRAW -> TextButton(onClick = { activity.act { it.withdrawAgreement(r.agreementId) } }) { Text("Withdraw") }
                AgreementAction.ACCEPT, AgreementAction.DECLINE -> Unit // on the versions, below
            }
        }
    }
    r.history.takeLast(3).forEach { Quiet("${it.at} ${it.text}") }
}

/** A version waiting for an answer: accepted or declined by its hash, exactly. */
@Composable
private fun OptionLine(activity: MainActivity, id: String, o: AgreementOption, open: (AgreementEdit) -> Unit) {
    Text("${o.label}: “${o.title}” ${o.text}")
    o.pauseProtocol?.let { Quiet("Cool-down: ${it.coolDownMinutes} min") }
    Quiet(o.status)
    Row {
        o.actions.forEach { a ->
            when (a) {
                AgreementAction.ACCEPT -> Button(onClick = { activity.act { it.acceptAgreement(id, o.hash) } }) { Text("Accept") }
                AgreementAction.DECLINE -> TextButton(onClick = { activity.act { it.declineAgreement(id, o.hash) } }) { Text("Decline") }
                AgreementAction.AMEND -> TextButton(onClick = { open(AgreementEdit.amend(id, o)) }) { Text("Suggest a change") }
                AgreementAction.REVIEW, AgreementAction.WITHDRAW -> Unit // on the agreement, above
            }
        }
    }
}
