package app.tandem.android

import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import app.tandem.shell.InsightsScreen
import app.tandem.shell.PauseAction
import app.tandem.shell.PauseRow
import app.tandem.shell.PauseScreen
import app.tandem.shell.PauseTexts
import app.tandem.shell.ScreenModel

/** Renders the shell's model of the screen shown; the model was loaded on the worker. */
@Composable
fun ScreenView(activity: MainActivity, model: ScreenModel) {
    Column {
        when (model) {
            is ScreenModel.Today -> TodayView(activity, model.model)
            is ScreenModel.Rituals -> RitualsView(activity, model.model)
            is ScreenModel.Agreements -> AgreementsView(activity, model.model)
            is ScreenModel.Pause -> PauseView(activity, model.model)
            is ScreenModel.CheckIn -> CheckInView(activity, model.model)
            is ScreenModel.Insights -> InsightsView(model.model)
            is ScreenModel.Pairing -> PairingScreen(activity, model)
            is ScreenModel.Sync -> SyncView(activity, model.model)
            is ScreenModel.Privacy -> PrivacyView(model.model)
        }
    }
}

/** A section heading. */
@Composable
fun Heading(text: String) = Text(text, style = MaterialTheme.typography.titleMedium)

/** Something shown quietly (done, ended, history). */
@Composable
fun Quiet(text: String) = Text(text, color = MaterialTheme.colorScheme.onSurfaceVariant, style = MaterialTheme.typography.bodySmall)

@Composable
private fun PauseView(activity: MainActivity, s: PauseScreen) {
    when (s) {
        is PauseScreen.Failed -> Text(s.message)
        is PauseScreen.Shown -> {
            s.current.forEach { PauseLine(activity, it) }
            if (s.canStart) {
                Text(PauseTexts.START_HINT)
                Row {
                    listOf(20, 30, 60).forEach { m ->
                        Button(onClick = { activity.act { it.startPause(m) } }) { Text("$m min") }
                    }
                    TextButton(onClick = { activity.act { it.startPause() } }) { Text("As we agreed") }
                }
            }
            if (s.past.isNotEmpty()) Heading("Earlier")
            s.past.forEach { Quiet(it.text) }
        }
    }
}

/** A running pause's banner, with "A little more time" and "I'm back" on this phone's own. */
@Composable
fun PauseLine(activity: MainActivity, p: PauseRow) {
    Text(p.text)
    p.note?.let { Quiet(it) }
    Row {
        p.actions.forEach { a ->
            when (a) {
                PauseAction.EXTEND -> TextButton(onClick = { activity.act { it.extendPause(p.pauseId, 15) } }) { Text("15 more minutes") }
                PauseAction.END -> Button(onClick = { activity.act { it.endPause(p.pauseId) } }) { Text("I'm back") }
            }
        }
    }
}

@Composable
private fun InsightsView(s: InsightsScreen) {
    when (s) {
        is InsightsScreen.Failed -> Text(s.message)
        is InsightsScreen.Shown -> {
            Quiet("Weeks from ${s.weeks.firstOrNull().orEmpty()}")
            s.rows.forEach { Text(it.text) }
            s.sentences.forEach { Text(it) }
            s.milestones.forEach { m -> Text("★ ${m.title}") }
        }
    }
}
