package app.tandem.shell

import app.tandem.ffi.PairingStatus
import app.tandem.ffi.QrCode
import app.tandem.ffi.TandemException
import app.tandem.ffi.TandemInterface
import java.time.DateTimeException
import java.time.Instant
import java.time.ZoneId
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter
import kotlin.reflect.KClass

/** What the pairing screen renders. */
sealed class PairingState {
    /** Nothing in progress: offer "Show my code" and "Scan my partner's code". */
    object Idle : PairingState()

    /**
     * Offerer, step 1: show [qr] for the partner to scan, then open the camera
     * for their answer. [expiresAtMs] is for a countdown; the core decides
     * whether a code is still good (call [PairingFlow.refresh] as it ticks).
     */
    data class ShowingOffer(val qr: QrCode, val expiresAtMs: Long) : PairingState()

    /** Answerer, step 1: the camera is open for the partner's code. */
    object ScanningOffer : PairingState()

    /**
     * Answerer, step 2: show [qr] for the partner to scan, with the check code
     * [sas]; once the partner's screen shows digits too, confirm or reject.
     */
    data class ShowingAnswer(val qr: QrCode, val sas: String) : PairingState()

    /**
     * Offerer, step 2: compare [sas] ("123 456") with the partner's screen,
     * then confirm or reject. [partnerName] is the name their phone sent.
     */
    data class ComparingCode(val sas: String, val partnerName: String?) : PairingState()

    /**
     * Paired. [partnerName] is null on the phone that scanned the offer until
     * the partner's first sync arrives; so is [partnerConfirmed] false.
     * [keyEpoch] is where the keys stand (1 right after pairing, one more
     * each time either phone's keys move on, as payloads are exchanged) and
     * [keysMovedAtMs] when this phone's keys last moved on; the screen shows
     * them as [PairingTexts.keys].
     */
    data class Paired(
        val partnerName: String?,
        val partnerConfirmed: Boolean,
        val keyEpoch: Int,
        val keysMovedAtMs: Long,
    ) : PairingState()

    /**
     * Pairing stopped. [message] is for a person; [error] is the core's
     * refusal, for logs (null when the person rejected the digits or the
     * code ran out while shown). Start again from here.
     */
    data class Failed(val message: String, val error: TandemException?) : PairingState()
}

/**
 * The pairing screens as a state machine over the core. Each step is one
 * core call; the core checks codes, expiry and digits, and any refusal
 * becomes [PairingState.Failed] with a message from [UserMessages]. A step
 * called from a screen that does not offer it is a bug in the UI and throws
 * [IllegalStateException]; nothing reaches the core then.
 *
 * Offerer: [startAsOfferer] → ShowingOffer → [scanAnswer] → ComparingCode →
 * [confirm] → Paired (or [reject] → Failed).
 * Answerer: [startAsAnswerer] → ScanningOffer → [scanOffer] → ShowingAnswer →
 * [confirm] → Paired (or [reject] → Failed).
 */
class PairingFlow(private val tandem: TandemInterface) {

    @Volatile
    var state: PairingState = PairingState.Idle
        private set

    /** Shows a new offer. A code shown earlier stops working. */
    @Synchronized
    fun startAsOfferer(): PairingState {
        expect("start pairing", PairingState.Idle::class, PairingState.Failed::class, PairingState.ScanningOffer::class, PairingState.ShowingOffer::class)
        return step {
            val offer = tandem.startPairing()
            PairingState.ShowingOffer(offer.qr, offer.expiresAtMs)
        }
    }

    /**
     * Opens the camera for the partner's code; the core checks it on
     * [scanOffer]. An offer this phone shows is withdrawn first.
     */
    @Synchronized
    fun startAsAnswerer(): PairingState {
        expect("scan a code", PairingState.Idle::class, PairingState.Failed::class, PairingState.ShowingOffer::class)
        if (state !is PairingState.ShowingOffer) return set(PairingState.ScanningOffer)
        return step {
            tandem.cancelPairing()
            PairingState.ScanningOffer
        }
    }

    /** The answerer scanned [text], the partner's offer. */
    @Synchronized
    fun scanOffer(text: String): PairingState {
        expect("scan an offer", PairingState.ScanningOffer::class)
        return step {
            val answer = tandem.acceptPairing(text)
            PairingState.ShowingAnswer(answer.qr, answer.sas)
        }
    }

    /** The offerer scanned [text], the partner's answer. */
    @Synchronized
    fun scanAnswer(text: String): PairingState {
        expect("scan an answer", PairingState.ShowingOffer::class)
        return step {
            val sas = tandem.completePairing(text)
            val name = (tandem.pairingStatus() as? PairingStatus.AwaitingConfirmation)?.partnerName
            PairingState.ComparingCode(sas, name)
        }
    }

    /** The digits match the partner's screen. */
    @Synchronized
    fun confirm(): PairingState {
        expect("confirm the digits", PairingState.ShowingAnswer::class, PairingState.ComparingCode::class)
        return step {
            tandem.confirmPairing()
            fromStatus(tandem.pairingStatus())
        }
    }

    /** The digits differ: the core destroys the new keys. */
    @Synchronized
    fun reject(): PairingState {
        expect("reject the digits", PairingState.ShowingAnswer::class, PairingState.ComparingCode::class)
        return step {
            tandem.rejectPairing()
            PairingState.Failed(UserMessages.PAIRING_REJECTED, null)
        }
    }

    /**
     * Leaves the pairing screens. An offer shown is withdrawn (its secret is
     * erased, so a late answer to it is refused); digits not yet confirmed
     * are rejected (the new keys go). A pairing already made stays.
     */
    @Synchronized
    fun cancel(): PairingState = when (state) {
        is PairingState.ShowingOffer -> step {
            tandem.cancelPairing()
            PairingState.Idle
        }
        is PairingState.ShowingAnswer, is PairingState.ComparingCode -> step {
            tandem.rejectPairing()
            PairingState.Idle
        }
        is PairingState.Paired -> state
        else -> set(PairingState.Idle)
    }

    /**
     * Unpairs this phone (from Paired only): the pair's keys are destroyed
     * here, the partner is not told, and the flow is Idle again. The app
     * runs it through the app lock (UNPAIR); then the settings offer the
     * clean exit ([TandemController.cleanExitScreen]).
     */
    @Synchronized
    fun unpair(): PairingState {
        expect("unpair", PairingState.Paired::class)
        return step {
            tandem.unpair()
            PairingState.Idle
        }
    }

    /**
     * Reads the core's pairing status: after a restart, while an offer's
     * countdown runs, and after a sync (the partner's name arrives with their
     * first payload). The screen shown stays when the core agrees with it.
     */
    @Synchronized
    fun refresh(): PairingState = step {
        val status = tandem.pairingStatus()
        val current = state
        when {
            status is PairingStatus.Offering && current is PairingState.ShowingOffer -> current
            status is PairingStatus.AwaitingConfirmation && current is PairingState.ShowingAnswer && current.sas == status.sas -> current
            // The code this screen shows is no longer accepted by the core.
            status is PairingStatus.Unpaired && current is PairingState.ShowingOffer ->
                PairingState.Failed(UserMessages.PAIRING_EXPIRED, null)
            status is PairingStatus.Unpaired && (current is PairingState.Idle || current is PairingState.ScanningOffer || current is PairingState.Failed) -> current
            else -> fromStatus(status)
        }
    }

    private fun fromStatus(status: PairingStatus): PairingState = when (status) {
        // An offer whose code this flow no longer has: starting again replaces it.
        is PairingStatus.Unpaired, is PairingStatus.Offering -> PairingState.Idle
        is PairingStatus.AwaitingConfirmation -> PairingState.ComparingCode(status.sas, status.partnerName)
        is PairingStatus.Paired ->
            PairingState.Paired(status.partnerName, status.partnerConfirmed, status.keyEpoch.toInt(), status.keysMovedAtMs)
    }

    private fun step(block: () -> PairingState): PairingState = set(
        try {
            block()
        } catch (e: TandemException) {
            PairingState.Failed(UserMessages.forError(e), e)
        },
    )

    private fun set(next: PairingState): PairingState {
        state = next
        return next
    }

    private fun expect(action: String, vararg allowed: KClass<out PairingState>) {
        val current = state
        // Not stdlib `check`: the tests' package-level `check` would shadow it.
        if (allowed.none { it.isInstance(current) }) {
            throw IllegalStateException("can't $action from ${current.javaClass.simpleName}")
        }
    }
}

/** Words of the pairing screen. */
object PairingTexts {
    private val AT: DateTimeFormatter = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")

    /**
     * One small line under "Paired" ([PairingState.Paired]): the key
     * generation and when this phone's keys last moved on, in [zone] (an
     * IANA id; UTC if unknown). Null when the core reports no keys (epoch 0).
     */
    fun keys(keyEpoch: Int, keysMovedAtMs: Long, zone: String): String? {
        if (keyEpoch <= 0) return null
        val z = try {
            ZoneId.of(zone)
        } catch (e: DateTimeException) {
            ZoneOffset.UTC
        }
        val at = AT.format(Instant.ofEpochMilli(keysMovedAtMs).atZone(z))
        return "Encryption keys: generation $keyEpoch, last renewed $at. They renew as you sync."
    }
}
