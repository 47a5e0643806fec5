package app.tandem.android

import androidx.compose.foundation.horizontalScroll
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.Button
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.text.input.KeyboardType
import app.tandem.shell.AgreementEdit
import app.tandem.shell.RitualEdit
import app.tandem.shell.RitualForm

/**
 * The ritual form: typed fields only. The shell builds the draft and the
 * core checks it; a refusal leaves the form open with what was typed and
 * the core's answer above it.
 */
@Composable
fun RitualFormView(activity: MainActivity, edit: RitualEdit, onClose: () -> Unit) {
    var e by remember(edit) { mutableStateOf(edit) }
    val f = e.form
    Column {
        Field("Title", f.title) { e = e.typed(f.copy(title = it)) }
        Field("What to do (optional)", f.prompt) { e = e.typed(f.copy(prompt = it)) }
        Field("Time (HH:MM)", f.time) { e = e.typed(f.copy(time = it)) }
        Field("Minutes", f.minutes, KeyboardType.Number) { e = e.typed(f.copy(minutes = it)) }
        Text(f.repeatLabel)
        Row(Modifier.horizontalScroll(rememberScrollState())) {
            RitualForm.WEEK.forEach { d ->
                TextButton(onClick = { e = e.typed(f.toggle(d)) }) { Text((if (d in f.days) "✓ " else "") + RitualForm.short(d)) }
            }
        }
        Field("Try it until (YYYY-MM-DD, optional)", f.trialUntil) { e = e.typed(f.copy(trialUntil = it)) }
        Row {
            e.modes.forEach { m ->
                Button(onClick = { activity.act(then = { _ -> onClose() }) { it.submitRitual(e, m) } }) { Text(m.button) }
            }
            TextButton(onClick = onClose) { Text("Cancel") }
        }
    }
}

/** The agreement form: title, text, an optional cool-down and review date. */
@Composable
fun AgreementFormView(activity: MainActivity, edit: AgreementEdit, onClose: () -> Unit) {
    var e by remember(edit) { mutableStateOf(edit) }
    val f = e.form
    Column {
        Field("Title", f.title) { e = e.typed(f.copy(title = it)) }
        Field("What we agree", f.text) { e = e.typed(f.copy(text = it)) }
        Field("Cool-down minutes for a pause (optional)", f.coolDownMinutes, KeyboardType.Number) { e = e.typed(f.copy(coolDownMinutes = it)) }
        Field("Look back on (YYYY-MM-DD, optional)", f.reviewOn) { e = e.typed(f.copy(reviewOn = it)) }
        Row {
            Button(onClick = { activity.act(then = { _ -> onClose() }) { it.submitAgreement(e) } }) { Text(e.mode.button) }
            TextButton(onClick = onClose) { Text("Cancel") }
        }
    }
}

@Composable
private fun Field(label: String, value: String, keyboard: KeyboardType = KeyboardType.Text, onChange: (String) -> Unit) {
    OutlinedTextField(
        value = value,
        onValueChange = onChange,
        label = { Text(label) },
        keyboardOptions = KeyboardOptions(keyboardType = keyboard),
    )
}
