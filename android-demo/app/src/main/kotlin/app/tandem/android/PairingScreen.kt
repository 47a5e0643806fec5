package app.tandem.android

import android.Manifest
import android.content.pm.PackageManager
import app.tandem.shell.LockGuard
import app.tandem.shell.PairingFlow
import app.tandem.shell.PairingState
import app.tandem.shell.PairingTexts
import app.tandem.shell.ScreenModel

/**
 * Draws [PairingState]; each button is one [PairingFlow] step, run on the worker through the session.
 * Below it, this phone's settings: after unpairing the clean exit, and the app lock.
 */
fun Ui.pairing(m: ScreenModel.Pairing) {
    pairingSteps(m.model)
    settings(m.settings)
}

private fun Ui.pairingSteps(s: PairingState) {
    val step = { block: (PairingFlow) -> PairingState -> activity.pair(block) }
    when (s) {
        is PairingState.Idle -> start(step)
        is PairingState.ShowingOffer -> {
            view(QrView(activity, s.qr))
            text("Let your partner scan this, then scan the code on their screen.")
            scanner { text -> step { it.scanAnswer(text) } }
            button("Check the code is still good") { step { it.refresh() } }
            button("Cancel") { step { it.cancel() } }
        }
        is PairingState.ScanningOffer -> {
            scanner { text -> step { it.scanOffer(text) } }
            button("Cancel") { step { it.cancel() } }
        }
        is PairingState.ShowingAnswer -> {
            view(QrView(activity, s.qr))
            text("Do these digits match your partner's screen? ${s.sas}")
            button("They match") { step { it.confirm() } }
            button("They differ") { step { it.reject() } }
        }
        is PairingState.ComparingCode -> {
            text("Do these digits match ${s.partnerName ?: "your partner"}'s screen? ${s.sas}")
            button("They match") { step { it.confirm() } }
            button("They differ") { step { it.reject() } }
        }
        is PairingState.Paired -> {
            text("Paired with ${s.partnerName ?: "your partner"}.")
            PairingTexts.keys(s.keyEpoch, s.keysMovedAtMs, activity.zone())?.let { text(it) }
            // Nothing is sent to the partner; the lock asks first when it is on.
            button("Unpair this phone") { activity.guarded(LockGuard.UNPAIR) { _ -> activity.app.session.pairing()?.unpair() } }
        }
        is PairingState.Failed -> {
            text(s.message)
            start(step)
        }
    }
}

private fun Ui.start(step: ((PairingFlow) -> PairingState) -> Unit) {
    button("Show my code") { step { it.startAsOfferer() } }
    button("Scan my partner's code") { step { it.startAsAnswerer() } }
}

/**
 * The camera preview while a code is to be scanned; the first code read goes
 * to [onScanned] once. The activity closes the scanner (camera, session,
 * reader, thread) when the screen is redrawn or leaves the front.
 */
private fun Ui.scanner(onScanned: (String) -> Unit) {
    if (activity.checkSelfPermission(Manifest.permission.CAMERA) != PackageManager.PERMISSION_GRANTED) {
        text("Tandem needs the camera to scan your partner's code. If you said no before, allow it in the phone's settings.")
        button("Allow the camera") { activity.requestPermissions(arrayOf(Manifest.permission.CAMERA), MainActivity.ASK_CAMERA) }
        return
    }
    val s = QrScanner(activity) { text -> activity.runOnUiThread { activity.closeScanner(); onScanned(text) } }
    activity.scanner = s
    view(s.preview)
}
