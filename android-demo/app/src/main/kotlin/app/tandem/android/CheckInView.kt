package app.tandem.android

import androidx.compose.foundation.horizontalScroll
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.rememberScrollState
import androidx.compose.material3.Button
import androidx.compose.material3.Checkbox
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Slider
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import app.tandem.shell.CheckInForm
import app.tandem.shell.CheckInScreen
import app.tandem.shell.CheckInTexts
import app.tandem.shell.Choice

/**
 * The check-in: a 1–10 slider labelled with the core's words, capacity and
 * need, a note, shared or private; below, today's own check-ins. The slider's
 * value goes to the core as it is (it refuses anything outside 1 to 10).
 */
@Composable
fun CheckInView(activity: MainActivity, s: CheckInScreen) {
    var form by remember { mutableStateOf(CheckInForm()) }
    when (s) {
        is CheckInScreen.Failed -> Text(s.message)
        is CheckInScreen.Shown -> {
            Text("${CheckInTexts.SLIDER} ${s.label(form.slider)}")
            Slider(
                value = form.slider.toFloat(),
                onValueChange = { form = form.copy(slider = Math.round(it)) },
                valueRange = CheckInForm.MIN.toFloat()..CheckInForm.MAX.toFloat(),
                steps = CheckInForm.MAX - CheckInForm.MIN - 1,
            )
            Options(s.capacities, form.capacity) { form = form.copy(capacity = it) }
            Options(s.needs, form.need) { form = form.copy(need = it) }
            OutlinedTextField(
                value = form.note.orEmpty(),
                onValueChange = { form = form.copy(note = it.ifEmpty { null }) },
                label = { Text("A note (optional)") },
            )
            Row {
                Checkbox(checked = form.shared, onCheckedChange = { form = form.copy(shared = it) })
                Text("Show my partner")
            }
            Button(onClick = {
                val sent = form
                activity.act(replan = null, done = { _ -> CheckInTexts.DONE }, then = { _ -> form = CheckInForm() }) { it.checkIn(sent) }
            }) { Text("Check in") }
            s.emptyMessage?.let { Quiet(it) }
            s.today.forEach { Text(it.text) }
        }
    }
}

/** One row of choices; the chosen one is ticked. */
@Composable
private fun <T> Options(choices: List<Choice<T>>, chosen: T, pick: (T) -> Unit) {
    Row(Modifier.horizontalScroll(rememberScrollState())) {
        choices.forEach { c ->
            TextButton(onClick = { pick(c.value) }) { Text((if (c.value == chosen) "✓ " else "") + c.label) }
        }
    }
}
