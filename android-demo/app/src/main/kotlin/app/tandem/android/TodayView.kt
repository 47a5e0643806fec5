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
import app.tandem.shell.AgreementEdit
import app.tandem.shell.RitualEdit
import app.tandem.shell.RitualFormMode
import app.tandem.shell.Screen
import app.tandem.shell.TodayAction
import app.tandem.shell.TodayItem
import app.tandem.shell.TodayRow
import app.tandem.shell.TodayScreen
import app.tandem.shell.TodayTexts

/**
 * Today: a pause banner, what is due (done, skip, later), answers and looks
 * back waiting for this phone, what is coming, what is done (quietly) and
 * the next reminder. Counters, adjusts and amends open the forms.
 */
@Composable
fun TodayView(activity: MainActivity, s: TodayScreen) {
    var ritualForm by remember { mutableStateOf<RitualEdit?>(null) }
    var agreementForm by remember { mutableStateOf<AgreementEdit?>(null) }
    val r = ritualForm
    val a = agreementForm
    when {
        r != null -> RitualFormView(activity, r) { ritualForm = null }
        a != null -> AgreementFormView(activity, a) { agreementForm = null }
        s is TodayScreen.Failed -> Text(s.message)
        s is TodayScreen.Shown -> {
            s.pause?.let { PauseLine(activity, it) }
            s.emptyMessage?.let { Text(it) }
            if (s.due.isNotEmpty()) Heading("Now")
            s.due.forEach { DueLine(activity, it) }
            (s.invitations + s.reviews).forEach { item ->
                ItemLine(activity, item,
                    openRitual = { mode -> activity.act(replan = null, then = { e: RitualEdit -> ritualForm = e }) { it.openRitualForm(item.id, mode) } },
                    openAgreement = { agreementForm = it })
            }
            if (s.coming.isNotEmpty()) Heading("Coming up")
            s.coming.forEach { Text(it.text) }
            s.done.forEach { d ->
                Quiet(d.text)
                d.said.forEach { Quiet("   ${it.text}") } // both partners' notes and feelings
            }
            s.nextReminder?.let { Quiet(it) }
        }
    }
}

@Composable
private fun DueLine(activity: MainActivity, r: TodayRow) {
    Text(r.text)
    Row {
        r.actions.forEach { a ->
            when (a) {
                TodayAction.DONE -> Button(onClick = {
                    activity.act(done = { _ -> TodayTexts.DONE_MESSAGE }) { it.markDone(r.ritualId, r.date, deviceZone = activity.zone()) }
                }) { Text("Done") }
                TodayAction.SKIP -> TextButton(onClick = {
                    activity.act(done = { _ -> TodayTexts.SKIPPED_MESSAGE }) { it.skipOccurrence(r.ritualId, r.date) }
                }) { Text("Skip") }
                TodayAction.SNOOZE -> TextButton(onClick = {
                    activity.act { it.snoozeReminder(r.ritualId, r.date, TodayScreen.SNOOZE_MINUTES, activity.zone()) }
                }) { Text("Later") }
                else -> Unit
            }
        }
    }
}

/** An invitation or a look back; agreement answers get the Agreements screen's words when refused. */
@Composable
private fun ItemLine(activity: MainActivity, item: TodayItem, openRitual: (RitualFormMode) -> Unit, openAgreement: (AgreementEdit) -> Unit) {
    val words = if (item.isAgreement) Screen.AGREEMENTS else Screen.RITUALS
    Text("${item.title} · ${item.detail}")
    Quiet(item.status)
    Row {
        item.actions.forEach { a ->
            TextButton(onClick = {
                when (a) {
                    TodayAction.ACCEPT -> activity.act(messagesOf = words) { c ->
                        if (item.isAgreement) c.acceptAgreement(item.id, item.versionHash.orEmpty()) else c.acceptRitual(item.id)
                    }
                    TodayAction.DECLINE -> activity.act(messagesOf = words) { c ->
                        if (item.isAgreement) c.declineAgreement(item.id, item.versionHash.orEmpty()) else c.declineRitual(item.id)
                    }
                    TodayAction.COUNTER -> openRitual(RitualFormMode.COUNTER)
                    TodayAction.ADJUST -> openRitual(RitualFormMode.ADJUST)
                    TodayAction.KEEP -> activity.act(messagesOf = words) { c -> if (item.isAgreement) c.keepAgreement(item.id) else c.keepRitual(item.id) }
                    TodayAction.STOP -> activity.act { it.stopRitual(item.id) }
                    TodayAction.AMEND -> item.amend?.let(openAgreement)
                    TodayAction.LET_GO -> activity.act(messagesOf = words) { it.letGoAgreement(item.id) }
                    TodayAction.DONE, TodayAction.SKIP, TodayAction.SNOOZE -> Unit
                }
            }) { Text(a.label) }
        }
    }
}
