package app.tandem.android

import android.Manifest
import android.content.pm.PackageManager
import android.graphics.Typeface
import app.tandem.shell.LockGuard
import app.tandem.shell.PairingAction
import app.tandem.shell.PairingFlow
import app.tandem.shell.PairingModel
import app.tandem.shell.PairingScreen
import app.tandem.shell.ScreenModel

/**
 * Draws the core's pairing screen: its words, the code, the digits and its
 * buttons, each one [PairingFlow] step run on the worker through the session.
 * Below it, this phone's settings: after unpairing the clean exit, and the app lock.
 */
fun Ui.pairing(m: ScreenModel.Pairing) {
    when (val s = m.model) {
        is PairingScreen.Shown -> pairingSteps(s.model, s.scanning)
        is PairingScreen.Failed -> warn(s.message)
    }
    settings(m.settings)
}

private fun Ui.pairingSteps(m: PairingModel, scanning: Boolean) {
    val step = { block: (PairingFlow) -> PairingScreen -> activity.pair(block) }
    heading(m.heading)
    m.notice?.let { warn(it.text) }
    m.pairedWith?.let { text(it) }
    m.qr?.let { view(QrView(activity, it)) }
    text(m.instruction)
    m.digits?.let { text(it).apply { textSize = 28f; typeface = Typeface.MONOSPACE } }
    m.expires?.let { quiet(it) }
    m.keys?.let { quiet(it) }
    if (scanning) {
        scanner(m) { text -> step { it.scanned(text, activity.zone()) } }
        button(m.closeCamera) { step { it.closeCamera(activity.zone()) } }
    }
    for (b in m.actions) {
        if (scanning && b.action == PairingAction.SCAN_PARTNERS_CODE) continue
        button(b.label) {
            if (b.action == PairingAction.UNPAIR) {
                // Nothing is sent to the partner; the lock asks first when it is on.
                activity.guarded(LockGuard.UNPAIR) { _ -> activity.app.session.pairing()?.press(b.action, activity.zone()) }
            } else {
                step { it.press(b.action, activity.zone()) }
            }
        }
    }
}

/**
 * The camera preview while a code is to be scanned; the first code read goes
 * to [onScanned] once. The activity closes the scanner (camera, session,
 * reader, thread) when the screen is redrawn or leaves the front.
 */
private fun Ui.scanner(m: PairingModel, onScanned: (String) -> Unit) {
    if (activity.checkSelfPermission(Manifest.permission.CAMERA) != PackageManager.PERMISSION_GRANTED) {
        text(m.cameraHint)
        button(m.allowCamera) { activity.requestPermissions(arrayOf(Manifest.permission.CAMERA), MainActivity.ASK_CAMERA) }
        return
    }
    val s = QrScanner(activity) { text -> activity.runOnUiThread { activity.closeScanner(); onScanned(text) } }
    activity.scanner = s
    view(s.preview)
}
