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
        is TandemException.PairingOutdated ->
            "Your partner's phone has an older Tandem. Update the app on both phones, then start pairing again."
        is TandemException.PairingExpired -> PAIRING_EXPIRED
        is TandemException.AlreadyPaired ->
            "This phone is already paired. Unpair it first to pair with someone else."
        is TandemException.NotPaired ->
            "This phone isn't paired with your partner yet. Pair, and confirm the check code, before syncing."
        is TandemException.PayloadRejected ->
            "This update from your partner couldn't be used, so nothing was changed. Ask your partner to send a new one."
        is TandemException.PayloadTooOld -> PAYLOAD_TOO_OLD
        is TandemException.ClockSkew ->
            "Your partner's phone and this one disagree about the time. Check that both phones set the time automatically, then sync again."
        is TandemException.Storage ->
            "Tandem couldn't read or save its data. Check that the device has free space, then try again."
        is TandemException.Damaged ->
            "Some of Tandem's data on this phone is damaged, so it wasn't used. Restore a backup, or pair again to get the shared data back from your partner's phone."
        is TandemException.Closed ->
            "Tandem was closed. Open it again to continue."
        is TandemException.WrongPassphrase -> WRONG_PASSPHRASE
    }

    /**
     * For a refused export ([TandemController.exportSealed]): InvalidInput is
     * the passphrase (at least 16 characters or at least 4 words).
     */
    fun forExport(e: TandemException): String = when (e) {
        is TandemException.InvalidInput -> EXPORT_PASSPHRASE_SHORT
        else -> forError(e)
    }

    /**
     * For a refused restore ([TandemController.importExport]); nothing was
     * imported in every case. NotAllowedNow: this Tandem already holds data;
     * InvalidInput: no passphrase for a sealed file, a damaged file, or one
     * from a newer Tandem (one message for all, chosen by the variant).
     */
    fun forImport(e: TandemException): String = when (e) {
        is TandemException.InvalidInput -> IMPORT_UNUSABLE
        is TandemException.NotAllowedNow -> IMPORT_NOT_EMPTY
        else -> forError(e)
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
     * For a refused agreement action (propose, amend, accept, decline,
     * withdraw, review). NotAllowedNow means the agreement changed since the
     * screen was drawn (a version superseded, answered or withdrawn, often on
     * the partner's phone), or the suggestion repeats what is there; NotFound
     * that it is gone; InvalidInput is the form. Redraw from the core after.
     */
    fun forAgreementAction(e: TandemException): String = when (e) {
        is TandemException.InvalidInput -> AGREEMENT_INPUT
        is TandemException.NotAllowedNow -> AGREEMENT_CHANGED
        is TandemException.NotFound -> AGREEMENT_GONE
        else -> forError(e)
    }

    /** For a refused pause action (start, extend, end). */
    fun forPauseAction(e: TandemException): String = when (e) {
        is TandemException.InvalidInput -> PAUSE_INPUT
        is TandemException.NotAllowedNow -> PAUSE_NOT_NOW
        is TandemException.NotFound -> PAUSE_GONE
        else -> forError(e)
    }

    /** For a refused boundary action (add, edit, share, retire). */
    fun forBoundaryAction(e: TandemException): String = when (e) {
        is TandemException.InvalidInput -> BOUNDARY_INPUT
        is TandemException.NotAllowedNow -> BOUNDARY_NOT_NOW
        is TandemException.NotFound -> BOUNDARY_GONE
        else -> forError(e)
    }

    const val AGREEMENT_INPUT =
        "Some of what you entered can't be used. Check the title (up to 80 characters), the text (up to 2000), " +
            "a cool-down of 20 minutes to a day, and a review date after today, then try again."

    const val AGREEMENT_CHANGED =
        "This agreement has changed since the screen was shown, or your suggestion is already there, so nothing was done. " +
            "Here is how it stands now."

    const val AGREEMENT_GONE =
        "This agreement isn't on this phone any more, so nothing was done. Here is the list as it stands now."

    const val PAUSE_INPUT =
        "A pause lasts 20 minutes to 24 hours in all, and its note up to 140 characters. Pick a time in that range."

    const val PAUSE_NOT_NOW =
        "That can't be done with this pause right now. The one who takes a pause ends it, and can add time once. " +
            "Here is how it stands now."

    const val PAUSE_GONE =
        "This pause isn't on this phone any more, so nothing was done."

    const val BOUNDARY_INPUT =
        "A boundary is 1 to 500 characters. Check the text, then try again."

    const val BOUNDARY_NOT_NOW =
        "Nothing was changed: a boundary is changed only by the one who wrote it, and this one may already read that way. " +
            "Here it is as it stands now."

    const val BOUNDARY_GONE =
        "This boundary isn't on this phone any more, so nothing was done."

    /** The passphrase does not open the export (or the file was altered); nothing was imported. */
    const val WRONG_PASSPHRASE =
        "That passphrase doesn't open this file, so nothing was restored. Check it and try again; " +
            "if the file was changed since it was saved, make a new export."

    const val EXPORT_PASSPHRASE_SHORT =
        "Choose a passphrase of at least 16 characters or at least 4 words. You will need it to open the file again."

    const val IMPORT_UNUSABLE =
        "This file can't be restored, so nothing was changed. It may need its passphrase, be damaged or not a Tandem export, " +
            "or come from a newer Tandem (then update the app)."

    const val IMPORT_NOT_EMPTY =
        "A file can be restored only into a new, empty Tandem, so nothing was changed. Restore it on a fresh install."

    /** Shown above the plaintext export's button: anyone who gets that file can read it. */
    const val PLAINTEXT_WARNING =
        "This file is not protected: anyone who gets it can read everything in it, including your private notes. " +
            "Export with a passphrase unless you really need plain text."

    /** Shown before wiping: there is no undo. */
    const val WIPE_WARNING =
        "This erases all of Tandem's data on this phone and its key. It can't be undone; export first if you want to keep anything."

    /** A file Tandem needed could not be read, written or moved (nothing was changed in Tandem). */
    const val FILES_FAILED =
        "Tandem couldn't read or write a file it needs. Check that the device has free space, then try again."

    /** The device zone passed to a screen is not a known IANA zone. */
    const val UNKNOWN_ZONE =
        "This phone's time zone isn't one Tandem knows. Check the date and time settings, then try again."

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

    /**
     * A partner's update sealed with keys this phone has since deleted (keys
     * move on after every exchange). Nothing changed and nothing is lost: its
     * changes come again in the partner's next update.
     */
    const val PAYLOAD_TOO_OLD =
        "This update was older than your phone's current keys, so it was skipped; nothing was lost — sync again to get the latest."

    /** Shown on the Today screen when nothing is planned for the next day. */
    const val EMPTY_TODAY = "Nothing planned for the next 24 hours."

    /**
     * A pairing code ran out of time: the core refused it, or the code this
     * phone shows is no longer valid.
     */
    const val PAIRING_EXPIRED =
        "The pairing code expired. Start pairing again and scan the new code within two minutes."

    /** The person said the check codes differ from the partner's screen. */
    const val PAIRING_REJECTED =
        "The digits didn't match, so the phones were not paired. Start again with your partner beside you."

    /** Notifications are not allowed: the reminders stay armed and show once they are. */
    const val NOTIFICATIONS_OFF =
        "Notifications for Tandem are turned off, so reminders won't show. Your rituals are kept as they are. " +
            "To get reminders, turn on notifications for Tandem in the phone's settings."

    /** No exact-alarm permission: the windowed fallback is in use. */
    const val EXACT_ALARMS_OFF =
        "Tandem isn't allowed to set exact alarms on this phone, so a reminder may arrive up to 10 minutes after its time (never before). " +
            "To get them on time, allow \"Alarms & reminders\" for Tandem in the phone's settings."

    /**
     * The storage key is gone (the app's keystore entry was erased, by a
     * restore to a new phone or a security reset) while the database is
     * still here. Nothing was changed; the person chooses what happens.
     */
    const val KEY_MISSING =
        "Tandem's data is still on this phone, but the key that unlocks it is gone, so it can't be opened. Nothing was changed or deleted. " +
            "You can restore from an export you made, or start over with an empty Tandem (the locked data is set aside, not used)."

    /** Starting over after [KEY_MISSING], shown before the person confirms. */
    const val START_OVER_WARNING =
        "Starting over makes a new, empty Tandem on this phone. The locked data can't be opened without its key; it is set aside, not deleted, " +
            "and you'll need to pair with your partner again."

    /** The phone's key store refused to give the storage key ([LaunchState.KeyStoreFailed]). */
    const val KEYSTORE_FAILED =
        "Tandem couldn't reach this phone's key store, so it can't open your data right now. Nothing was changed or deleted. " +
            "Try again; restarting the phone often helps."
}
