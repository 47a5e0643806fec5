package app.tandem.android

import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.material3.Button
import androidx.compose.material3.Slider
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import app.tandem.shell.AgreementsScreen
import app.tandem.shell.CheckInForm
import app.tandem.shell.InsightsScreen
import app.tandem.shell.PauseScreen
import app.tandem.shell.RitualAction
import app.tandem.shell.RitualsScreen
import app.tandem.shell.TandemController
import app.tandem.shell.TodayState
import java.time.ZoneId

/**
 * Renders the shell's screen models as they are. Screen models are read
 * on the composition thread for brevity in this demo (a real build would
 * load them on the worker); actions go through [MainActivity.work].
 */
@Composable
fun Screens(activity: MainActivity, c: TandemController, tab: Tab, tick: Int) {
    val zone = ZoneId.systemDefault().id
    val change = { block: (TandemController) -> Any? -> activity.work { activity.session().change(block) } }
    Column {
        when (tab) {
            Tab.TODAY -> when (val s = c.todayAgenda(System.currentTimeMillis(), zone)) {
                is TodayState.Agenda -> {
                    s.emptyMessage?.let { Text(it) }
                    s.rows.forEach { r -> Text("${r.time}  ${r.title}" + (r.zoneTime?.let { " ($it ${r.zone})" } ?: "")) }
                }
                is TodayState.Failed -> Text(s.message)
            }
            Tab.RITUALS -> when (val s = c.ritualsScreen(zone)) {
                is RitualsScreen.Rows -> (s.rows + s.ended).forEach { r ->
                    Text("${r.time} ${r.title}: ${r.status}")
                    Row {
                        r.actions.forEach { a ->
                            Button(onClick = {
                                change {
                                    when (a) {
                                        RitualAction.ACCEPT -> it.acceptRitual(r.ritualId)
                                        RitualAction.DECLINE -> it.declineRitual(r.ritualId)
                                        RitualAction.PAUSE -> it.pauseRitual(r.ritualId)
                                        RitualAction.RESUME -> it.resumeRitual(r.ritualId)
                                        RitualAction.RETIRE -> it.retireRitual(r.ritualId)
                                        else -> Unit // COUNTER, CHANGE, REVIEW open forms (not in this demo)
                                    }
                                }
                            }) { Text(a.name.lowercase()) }
                        }
                    }
                }
                is RitualsScreen.Failed -> Text(s.message)
            }
            Tab.AGREEMENTS -> when (val s = c.agreementsScreen(zone)) {
                is AgreementsScreen.Rows -> s.rows.forEach { r -> Text("${r.title}: ${r.status}") }
                is AgreementsScreen.Failed -> Text(s.message)
            }
            Tab.PAUSE -> when (val s = c.pauseScreen(zone)) {
                is PauseScreen.Shown -> {
                    s.banner?.let { Text(it) }
                    if (s.canStart) Button(onClick = { change { it.startPause() } }) { Text("Take a pause") }
                    s.current.filter { it.mine }.forEach { p -> Button(onClick = { change { it.endPause(p.pauseId) } }) { Text("I'm back") } }
                }
                is PauseScreen.Failed -> Text(s.message)
            }
            Tab.CHECK_IN -> CheckIn(activity, c)
            Tab.INSIGHTS -> when (val s = c.insightsScreen(8, zone)) {
                is InsightsScreen.Shown -> {
                    s.rows.forEach { r -> Text("${r.label}: ${r.values.joinToString(" ")}") }
                    s.sentences.forEach { Text(it) }
                }
                is InsightsScreen.Failed -> Text(s.message)
            }
            Tab.PAIRING -> PairingScreen(activity, c, tick)
            Tab.SYNC -> SyncScreen(activity)
        }
    }
}

@Composable
private fun CheckIn(activity: MainActivity, c: TandemController) {
    var slider by remember { mutableStateOf(5f) }
    Text("How warm is it inside? ${slider.toInt()}")
    Slider(value = slider, onValueChange = { slider = it }, valueRange = CheckInForm.MIN.toFloat()..CheckInForm.MAX.toFloat())
    Button(onClick = { activity.work { c.checkIn(CheckInForm(slider = slider.toInt())) } }) { Text("Check in") }
}
