package app.tandem.android

import androidx.compose.material3.Button
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import app.tandem.shell.LockGuard
import app.tandem.shell.PairingFlow
import app.tandem.shell.PairingState
import app.tandem.shell.PairingTexts
import app.tandem.shell.ScreenModel

/**
 * Renders [PairingState]; each button is one [PairingFlow] step, run on the worker through the session.
 * Below it, this phone's settings: after unpairing the clean exit, and the app lock.
 */
@Composable
fun PairingScreen(activity: MainActivity, m: ScreenModel.Pairing) {
    PairingSteps(activity, m.model)
    CleanExitView(activity, m.cleanExit)
    LockSettings(activity, m.lock)
}

@Composable
private fun PairingSteps(activity: MainActivity, s: PairingState) {
    val step = { block: (PairingFlow) -> PairingState -> activity.pair(block) }
    when (s) {
        is PairingState.Idle -> Start(step)
        is PairingState.ShowingOffer -> {
            QrView(s.qr)
            Text("Let your partner scan this, then scan the code on their screen.")
            QrScanner { text -> step { it.scanAnswer(text) } }
            Button(onClick = { step { it.refresh() } }) { Text("Check the code is still good") }
            Button(onClick = { step { it.cancel() } }) { Text("Cancel") }
        }
        is PairingState.ScanningOffer -> {
            QrScanner { text -> step { it.scanOffer(text) } }
            Button(onClick = { step { it.cancel() } }) { Text("Cancel") }
        }
        is PairingState.ShowingAnswer -> {
            QrView(s.qr)
            Text("Do these digits match your partner's screen? ${s.sas}")
            Button(onClick = { step { it.confirm() } }) { Text("They match") }
            Button(onClick = { step { it.reject() } }) { Text("They differ") }
        }
        is PairingState.ComparingCode -> {
            Text("Do these digits match ${s.partnerName ?: "your partner"}'s screen? ${s.sas}")
            Button(onClick = { step { it.confirm() } }) { Text("They match") }
            Button(onClick = { step { it.reject() } }) { Text("They differ") }
        }
        is PairingState.Paired -> {
            Text("Paired with ${s.partnerName ?: "your partner"}.")
            PairingTexts.keys(s.keyEpoch, s.keysMovedAtMs, activity.zone())?.let { Text(it) }
            // Nothing is sent to the partner; the lock asks first when it is on.
            Button(onClick = { activity.guarded(LockGuard.UNPAIR) { _ -> activity.app.session.pairing()?.unpair() } }) { Text("Unpair this phone") }
        }
        is PairingState.Failed -> {
            Text(s.message)
            Start(step)
        }
    }
}

@Composable
private fun Start(step: ((PairingFlow) -> PairingState) -> Unit) {
    Button(onClick = { step { it.startAsOfferer() } }) { Text("Show my code") }
    Button(onClick = { step { it.startAsAnswerer() } }) { Text("Scan my partner's code") }
}
