package app.tandem.shell

import app.tandem.ffi.ErrorContext
import app.tandem.ffi.ErrorKind
import app.tandem.ffi.TandemException
import app.tandem.ffi.NoticeKind
import app.tandem.ffi.errorMessageIn
import app.tandem.ffi.noticeText

/**
 * What a person is told when the core refuses something: the core's words
 * (`screens::refusals`, the same on both phones), chosen by the variant and
 * the screen alone. The error's `reason` is for logs and may name a field or
 * a zone, so it is never shown. [kindOf] is exhaustive over the sealed
 * class, so a new variant in the facade fails the build here until it maps.
 */
object UserMessages {
    /** The kind of [e] without its reason: what the core's words are chosen by. */
    fun kindOf(e: TandemException): ErrorKind = when (e) {
        is TandemException.InvalidInput -> ErrorKind.INVALID_INPUT
        is TandemException.NotAllowedNow -> ErrorKind.NOT_ALLOWED_NOW
        is TandemException.NotFound -> ErrorKind.NOT_FOUND
        is TandemException.WrongPassphrase -> ErrorKind.WRONG_PASSPHRASE
        is TandemException.WrongKey -> ErrorKind.WRONG_KEY
        is TandemException.NotATandemDatabase -> ErrorKind.NOT_A_TANDEM_DATABASE
        is TandemException.DatabaseTooNew -> ErrorKind.DATABASE_TOO_NEW
        is TandemException.PairingFailed -> ErrorKind.PAIRING_FAILED
        is TandemException.PairingOutdated -> ErrorKind.PAIRING_OUTDATED
        is TandemException.PairingExpired -> ErrorKind.PAIRING_EXPIRED
        is TandemException.AlreadyPaired -> ErrorKind.ALREADY_PAIRED
        is TandemException.NotPaired -> ErrorKind.NOT_PAIRED
        is TandemException.PayloadRejected -> ErrorKind.PAYLOAD_REJECTED
        is TandemException.PayloadTooOld -> ErrorKind.PAYLOAD_TOO_OLD
        is TandemException.ClockSkew -> ErrorKind.CLOCK_SKEW
        is TandemException.Storage -> ErrorKind.STORAGE
        is TandemException.Damaged -> ErrorKind.DAMAGED
        is TandemException.Closed -> ErrorKind.CLOSED
    }

    private fun said(e: TandemException, context: ErrorContext) = said(kindOf(e), context)

    /** In the phone's language, as the screens are (TandemController.open). */
    private fun said(kind: ErrorKind, context: ErrorContext = ErrorContext.ANYTHING) =
        errorMessageIn(kind, context, java.util.Locale.getDefault().toLanguageTag()).text

    fun forError(e: TandemException): String = said(e, ErrorContext.ANYTHING)

    /**
     * For a refused export ([TandemController.exportSealed]): InvalidInput is
     * the passphrase (at least 16 characters or at least 4 words).
     */
    fun forExport(e: TandemException): String = said(e, ErrorContext.EXPORT)

    /**
     * For a refused restore ([TandemController.importExport]); nothing was
     * imported in every case. NotAllowedNow: this Tandem already holds data;
     * InvalidInput: no passphrase for a sealed file, a damaged file, or one
     * from a newer Tandem.
     */
    fun forImport(e: TandemException): String = said(e, ErrorContext.RESTORE)

    /**
     * For a refused button on a ritual's row. NotAllowedNow means the ritual
     * changed (often on the partner's phone, arriving with a sync) since the
     * screen was drawn; NotFound means it is gone. Either way, redraw the
     * screen from the core.
     */
    fun forRitualAction(e: TandemException): String = said(e, ErrorContext.RITUAL)

    /** For a refused agreement action (propose, amend, accept, decline, withdraw, review); redraw after. */
    fun forAgreementAction(e: TandemException): String = said(e, ErrorContext.AGREEMENT)

    /** For a refused pause action (start, extend, end). */
    fun forPauseAction(e: TandemException): String = said(e, ErrorContext.PAUSE)

    /** For a refused boundary action (add, edit, share, retire). */
    fun forBoundaryAction(e: TandemException): String = said(e, ErrorContext.BOUNDARY)

    // The core's words for particular refusals, named for the screens and tests.
    val AGREEMENT_INPUT get() = said(ErrorKind.INVALID_INPUT, ErrorContext.AGREEMENT)
    val AGREEMENT_CHANGED get() = said(ErrorKind.NOT_ALLOWED_NOW, ErrorContext.AGREEMENT)
    val AGREEMENT_GONE get() = said(ErrorKind.NOT_FOUND, ErrorContext.AGREEMENT)
    val PAUSE_INPUT get() = said(ErrorKind.INVALID_INPUT, ErrorContext.PAUSE)
    val PAUSE_NOT_NOW get() = said(ErrorKind.NOT_ALLOWED_NOW, ErrorContext.PAUSE)
    val PAUSE_GONE get() = said(ErrorKind.NOT_FOUND, ErrorContext.PAUSE)
    val BOUNDARY_INPUT get() = said(ErrorKind.INVALID_INPUT, ErrorContext.BOUNDARY)
    val BOUNDARY_NOT_NOW get() = said(ErrorKind.NOT_ALLOWED_NOW, ErrorContext.BOUNDARY)
    val BOUNDARY_GONE get() = said(ErrorKind.NOT_FOUND, ErrorContext.BOUNDARY)
    val WRONG_PASSPHRASE get() = said(ErrorKind.WRONG_PASSPHRASE)
    val EXPORT_PASSPHRASE_SHORT get() = said(ErrorKind.INVALID_INPUT, ErrorContext.EXPORT)
    val IMPORT_UNUSABLE get() = said(ErrorKind.INVALID_INPUT, ErrorContext.RESTORE)
    val IMPORT_NOT_EMPTY get() = said(ErrorKind.NOT_ALLOWED_NOW, ErrorContext.RESTORE)
    val NOT_ALLOWED_NOW get() = said(ErrorKind.NOT_ALLOWED_NOW)
    val NOT_FOUND get() = said(ErrorKind.NOT_FOUND)
    val RITUAL_CHANGED get() = said(ErrorKind.NOT_ALLOWED_NOW, ErrorContext.RITUAL)
    val RITUAL_GONE get() = said(ErrorKind.NOT_FOUND, ErrorContext.RITUAL)
    val PAYLOAD_TOO_OLD get() = said(ErrorKind.PAYLOAD_TOO_OLD)
    val PAIRING_EXPIRED get() = said(ErrorKind.PAIRING_EXPIRED)

    /** In the phone's language, as the screens are: the core's words, the same on both phones. */
    internal fun notice(kind: NoticeKind) = noticeText(kind, java.util.Locale.getDefault().toLanguageTag())

    /** Shown above the plaintext export's button: anyone who gets that file can read it. */
    val PLAINTEXT_WARNING get() = notice(NoticeKind.PLAINTEXT_EXPORT)

    /** Shown before wiping: there is no undo. */
    val WIPE_WARNING get() = notice(NoticeKind.WIPE)

    /** A file Tandem needed could not be read, written or moved (nothing was changed in Tandem). */
    val FILES_FAILED get() = notice(NoticeKind.FILES_FAILED)

    /** The device zone passed to a screen is not a known IANA zone. */
    val UNKNOWN_ZONE get() = notice(NoticeKind.UNKNOWN_ZONE)

    /** The person said the check codes differ from the partner's screen. */
    val PAIRING_REJECTED get() = notice(NoticeKind.PAIRING_REJECTED)

    /** Notifications are not allowed: the reminders stay armed and show once they are. */
    val NOTIFICATIONS_OFF get() = notice(NoticeKind.NOTIFICATIONS_OFF)

    /** No exact-alarm permission: the windowed fallback is in use. */
    val EXACT_ALARMS_OFF get() = notice(NoticeKind.EXACT_ALARMS_OFF)

    /**
     * The storage key is gone (the app's keystore entry was erased, by a
     * restore to a new phone or a security reset) while the database is
     * still here. Nothing was changed; the person chooses what happens.
     */
    val KEY_MISSING get() = notice(NoticeKind.KEY_MISSING)

    /** Starting over after [KEY_MISSING], shown before the person confirms. */
    val START_OVER_WARNING get() = notice(NoticeKind.START_OVER)

    /** The phone's key store refused to give the storage key ([LaunchState.KeyStoreFailed]). */
    val KEYSTORE_FAILED get() = notice(NoticeKind.KEY_STORE_FAILED)
}
