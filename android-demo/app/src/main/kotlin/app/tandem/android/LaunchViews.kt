package app.tandem.android

import android.os.Build
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import app.tandem.shell.LaunchState
import app.tandem.shell.UserMessages

/** Why reminders may not show or come late (the shell's notices), with a way to the setting. */
@Composable
fun Notices(notices: List<String>, openExactAlarmSettings: () -> Unit) {
    notices.forEach { n ->
        Text(n, color = MaterialTheme.colorScheme.error)
        if (n == UserMessages.EXACT_ALARMS_OFF && Build.VERSION.SDK_INT >= 31) {
            Button(onClick = openExactAlarmSettings) { Text("Open settings") }
        }
    }
}

/** The key is gone: restore from an export (with its passphrase) or start over, after the warning. */
@Composable
fun KeyMissingScreen(s: LaunchState.KeyMissing, onRestore: (passphrase: String) -> Unit, onStartOver: () -> Unit) {
    var passphrase by remember { mutableStateOf("") }
    var confirming by remember { mutableStateOf(false) }
    Text(s.message)
    OutlinedTextField(value = passphrase, onValueChange = { passphrase = it }, label = { Text("Export passphrase") })
    Button(onClick = { onRestore(passphrase) }) { Text("Restore from an export") }
    if (!confirming) {
        Button(onClick = { confirming = true }) { Text("Start over") }
    } else {
        Text(UserMessages.START_OVER_WARNING)
        Button(onClick = onStartOver) { Text("Start over with an empty Tandem") }
    }
}
