package app.tandem.shell

import app.tandem.ffi.TandemException

/**
 * What a person is told when the core refuses something. One message per
 * error variant, chosen by the variant alone: the core's `reason` is for logs
 * and may name a field or a zone, so it is never shown and never interpolated.
 * The `when` is exhaustive over the sealed class, so a new variant in the
 * facade fails the build here until it has a message.
 */
object UserMessages {
    fun forError(e: TandemException): String = when (e) {
        is TandemException.InvalidInput ->
            "Some of what you entered can't be used. Check the title, length, time and time zone, then try again."
        is TandemException.NotAllowedNow -> NOT_ALLOWED_NOW
        is TandemException.NotFound -> NOT_FOUND
        is TandemException.WrongKey ->
            "Tandem can't unlock its data on this device. If you reinstalled the app or restored a backup, the key may be gone."
        is TandemException.NotATandemDatabase ->
            "The data file isn't one of Tandem's. Nothing was changed."
        is TandemException.DatabaseTooNew ->
            "Your data was saved by a newer version of Tandem. Update the app to open it."
        is TandemException.PairingFailed ->
            "That code can't be used to pair. Start pairing again on both phones and scan the code on your partner's screen."
        is TandemException.PairingExpired -> PAIRING_EXPIRED
        is TandemException.AlreadyPaired ->
            "This phone is already paired. Unpair it first to pair with someone else."
        is TandemException.NotPaired ->
            "This phone isn't paired with your partner yet. Pair, and confirm the six digits, before syncing."
        is TandemException.PayloadRejected ->
            "This update from your partner couldn't be used, so nothing was changed. Ask your partner to send a new one."
        is TandemException.ClockSkew ->
            "Your partner's phone and this one disagree about the time. Check that both phones set the time automatically, then sync again."
        is TandemException.Storage ->
            "Tandem couldn't read or save its data. Check that the device has free space, then try again."
        is TandemException.Closed ->
            "Tandem was closed. Open it again to continue."
    }

    /**
     * For a refused button on a ritual's row (accept, decline, counter,
     * pause, resume, retire, review, snooze). NotAllowedNow means the ritual
     * changed (often on the partner's phone, arriving with a sync) since the
     * screen was drawn; NotFound means it is gone. Either way, redraw the
     * screen from the core. Anything else (InvalidInput for a typed counter,
     * say) reads as [forError].
     */
    fun forRitualAction(e: TandemException): String = when (e) {
        is TandemException.NotAllowedNow -> RITUAL_CHANGED
        is TandemException.NotFound -> RITUAL_GONE
        else -> forError(e)
    }

    /**
     * Well-formed but not possible in the current state (answering one's own
     * suggestion, pausing what is not active, snoozing what is done). Show the
     * current state after it.
     */
    const val NOT_ALLOWED_NOW =
        "That can't be done right now. Things may have changed on your partner's phone; here is how they stand now."

    /** What the action named is not on this phone (any more): show the list again. */
    const val NOT_FOUND =
        "That isn't on this phone any more, so nothing was done. Here is the list as it stands now."

    const val RITUAL_CHANGED =
        "This ritual has changed since the screen was shown, so nothing was done. Here is how it stands now."

    const val RITUAL_GONE =
        "This ritual isn't on this phone any more, so nothing was done. Here is the list as it stands now."

    /** Shown on the Today screen when nothing is planned for the next day. */
    const val EMPTY_TODAY = "Nothing planned for the next 24 hours."

    /**
     * A pairing code ran out of time: the core refused it, or the code this
     * phone shows is no longer valid.
     */
    const val PAIRING_EXPIRED =
        "The pairing code expired. Start pairing again and scan the new code within two minutes."

    /** The person said the six digits differ from the partner's screen. */
    const val PAIRING_REJECTED =
        "The digits didn't match, so the phones were not paired. Start again with your partner beside you."
}
