package app.tandem.shell

import app.tandem.ffi.PairingActionKind
import app.tandem.ffi.PairingScreenModel
import app.tandem.ffi.PairingStep
import app.tandem.ffi.TandemException
import app.tandem.ffi.TandemInterface

/** The pairing screen as the core decides and words it (stage, code, digits, lines, buttons), named for the app. */
typealias PairingModel = PairingScreenModel

/** Where pairing stands on this phone. */
typealias PairingStage = app.tandem.ffi.PairingStage

/** A button on the pairing screen. */
typealias PairingAction = PairingActionKind

/** What the pairing screen renders. */
sealed class PairingScreen {
    /** The core's [model]; [scanning] while the camera is open for the partner's code. */
    data class Shown(val model: PairingModel, val scanning: Boolean = false) : PairingScreen()

    /** The screen could not be read (Tandem closed, storage); [message] is for a person, [error] for logs. */
    data class Failed(val message: String, val error: Exception) : PairingScreen()
}

/** The pairing screen: each step is one core call ([TandemInterface.pairingAct]); the shell keeps only whether the camera is open. */
class PairingFlow(private val tandem: TandemInterface) {
    @Volatile
    var screen: PairingScreen? = null
        private set

    private var scanning = false

    /** The screen as it stands in [zone] (an IANA id): on opening it, on a timer while a code is shown, after a sync. */
    @Synchronized
    fun refresh(zone: String): PairingScreen = read { tandem.pairingScreen(zone) }

    /** SCAN_PARTNERS_CODE opens the camera; every other button is its core step (UNPAIR only through the app lock). */
    @Synchronized
    fun press(action: PairingAction, zone: String): PairingScreen {
        val step = stepOf(action) ?: return set(true) { tandem.pairingScreen(zone) }
        return set(false) { tandem.pairingAct(step, zone) }
    }

    /** Closes the camera without scanning; nothing else changes. */
    @Synchronized
    fun closeCamera(zone: String): PairingScreen = set(false) { tandem.pairingScreen(zone) }

    /** The camera read [text]; the core decides what it is. */
    @Synchronized
    fun scanned(text: String, zone: String): PairingScreen = set(false) { tandem.pairingAct(PairingStep.Scanned(text), zone) }

    private fun stepOf(action: PairingAction): PairingStep? = when (action) {
        PairingAction.SHOW_MY_CODE -> PairingStep.Start
        PairingAction.SCAN_PARTNERS_CODE -> null
        PairingAction.THEY_MATCH -> PairingStep.Confirm
        PairingAction.THEY_DIFFER -> PairingStep.Reject
        PairingAction.CHECK_CODE -> PairingStep.Check
        PairingAction.CANCEL -> PairingStep.Cancel
        PairingAction.UNPAIR -> PairingStep.Unpair
    }

    private fun set(scan: Boolean, call: () -> PairingModel): PairingScreen {
        scanning = scan
        return read(call)
    }

    private fun read(call: () -> PairingModel): PairingScreen {
        val next = try {
            val model = call()
            // The camera stays open only while the screen still offers scanning.
            scanning = scanning && model.actions.any { it.action == PairingAction.SCAN_PARTNERS_CODE }
            PairingScreen.Shown(model, scanning)
        } catch (e: TandemException) {
            PairingScreen.Failed(UserMessages.forError(e), e)
        }
        screen = next
        return next
    }
}
