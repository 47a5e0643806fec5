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
@Composable
fun RitualsView(activity: MainActivity, s: RitualsScreen) {
    var edit by remember { mutableStateOf<RitualEdit?>(null) }
    val open = { id: String, mode: RitualFormMode ->
        activity.act(replan = null, then = { e: RitualEdit -> edit = e }) { it.openRitualForm(id, mode) }
    }
    val e = edit
    if (e != null) RitualFormView(activity, e) { edit = null } else when (s) {
        is RitualsScreen.Failed -> Text(s.message)
        is RitualsScreen.Rows -> {
            Button(onClick = { edit = RitualEdit.NEW }) { Text("New ritual") }
            s.emptyMessage?.let { Text(it) }
            s.reviewsDue.forEach { r -> ReviewButtons(activity, r) { open(r.ritualId, RitualFormMode.ADJUST) } }
            s.rows.forEach { r -> RitualLine(activity, r) { mode -> open(r.ritualId, mode) } }
            if (s.ended.isNotEmpty()) Heading("Past")
            s.ended.forEach { r -> Quiet("${r.title}: ${r.status}") }
        }
    }
}

@Composable
private fun RitualLine(activity: MainActivity, r: RitualRow, open: (RitualFormMode) -> Unit) {
    val zone = r.zone?.let { " ($it)" }.orEmpty()
    Text("${r.time}$zone  ${r.title} · ${r.minutes} min")
    Quiet(r.status + (r.suggestion?.let { " · suggested: ${it.timeOfDay}, ${it.minutes} min" }.orEmpty()) + (r.trialUntil?.let { " · trying until $it" }.orEmpty()))
    Row {
        r.actions.filter { it != RitualAction.REVIEW }.forEach { a ->
            TextButton(onClick = {
                when (a) {
                    RitualAction.ACCEPT -> activity.act { it.acceptRitual(r.ritualId) }
                    RitualAction.DECLINE -> activity.act { it.declineRitual(r.ritualId) }
                    RitualAction.COUNTER -> open(RitualFormMode.COUNTER)
                    RitualAction.CHANGE -> open(RitualFormMode.CHANGE)
                    RitualAction.PAUSE -> activity.act { it.pauseRitual(r.ritualId) }
                    RitualAction.RESUME -> activity.act { it.resumeRitual(r.ritualId) }
                    RitualAction.RETIRE -> activity.act { it.retireRitual(r.ritualId) }
                    RitualAction.REVIEW -> Unit // offered above, with the look back's own buttons
                }
            }) { Text(a.label) }
        }
    }
}

/** A gentle experiment's look back: keep it, keep it changed (the counter form), or stop it. */
@Composable
fun ReviewButtons(activity: MainActivity, r: RitualRow, adjust: () -> Unit) {
    Text("${r.title}: ${r.status}")
    Row {
        Button(onClick = { activity.act { it.keepRitual(r.ritualId) } }) { Text("Keep it") }
        TextButton(onClick = adjust) { Text("Adjust") }
        TextButton(onClick = { activity.act { it.stopRitual(r.ritualId) } }) { Text("Stop") }
    }
}
