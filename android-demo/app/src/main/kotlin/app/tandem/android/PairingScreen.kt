package app.tandem.android

import androidx.compose.foundation.layout.Column
import androidx.compose.material3.Button
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.remember
import app.tandem.shell.PairingState
import app.tandem.shell.TandemController

/** Renders [PairingState]; each button is one [app.tandem.shell.PairingFlow] step. */
@Composable
fun PairingScreen(activity: MainActivity, c: TandemController, tick: Int) {
    val flow = remember { c.pairingFlow() }
    val step = { block: () -> Any? -> activity.work(block) }
    Column {
        when (val s = flow.state) {
            is PairingState.Idle -> {
                Button(onClick = { step { flow.startAsOfferer() } }) { Text("Show my code") }
                Button(onClick = { step { flow.startAsAnswerer() } }) { Text("Scan my partner's code") }
            }
            is PairingState.ShowingOffer -> {
                QrView(s.qr)
                Text("Let your partner scan this, then scan the code on their screen.")
                QrScanner { text -> step { flow.scanAnswer(text) } }
                Button(onClick = { step { flow.refresh() } }) { Text("Check the code is still good") }
                Button(onClick = { step { flow.cancel() } }) { Text("Cancel") }
            }
            is PairingState.ScanningOffer -> {
                QrScanner { text -> step { flow.scanOffer(text) } }
                Button(onClick = { step { flow.cancel() } }) { Text("Cancel") }
            }
            is PairingState.ShowingAnswer -> {
                QrView(s.qr)
                Text("Do these digits match your partner's screen? ${s.sas}")
                Button(onClick = { step { flow.confirm() } }) { Text("They match") }
                Button(onClick = { step { flow.reject() } }) { Text("They differ") }
            }
            is PairingState.ComparingCode -> {
                Text("Do these digits match ${s.partnerName ?: "your partner"}'s screen? ${s.sas}")
                Button(onClick = { step { flow.confirm() } }) { Text("They match") }
                Button(onClick = { step { flow.reject() } }) { Text("They differ") }
            }
            is PairingState.Paired -> Text("Paired with ${s.partnerName ?: "your partner"}.")
            is PairingState.Failed -> {
                Text(s.message)
                Button(onClick = { step { flow.startAsOfferer() } }) { Text("Show my code") }
                Button(onClick = { step { flow.startAsAnswerer() } }) { Text("Scan my partner's code") }
            }
        }
    }
}
