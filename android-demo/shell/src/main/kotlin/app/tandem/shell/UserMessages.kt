package app.tandem.shell

import app.tandem.ffi.ErrorContext
import app.tandem.ffi.ErrorKind
import app.tandem.ffi.NoticeKind
import app.tandem.ffi.TandemException
import app.tandem.ffi.errorMessageIn
import app.tandem.ffi.noticeText

/**
 * What a person is told when the core refuses something: the core's words,
 * chosen by the variant and the screen alone, in the phone's language. The
 * error's `reason` is for logs (it may name a field or a zone), so it is
 * never shown.
 */
object UserMessages {
    /** Exhaustive over the sealed class: a new variant fails the build here until it maps. */
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

    internal fun said(kind: ErrorKind, context: ErrorContext = ErrorContext.ANYTHING) =
        errorMessageIn(kind, context, java.util.Locale.getDefault().toLanguageTag()).text

    internal fun said(e: TandemException, context: ErrorContext) = said(kindOf(e), context)

    fun forError(e: TandemException): String = said(e, ErrorContext.ANYTHING)

    /** A refused restore: nothing was imported. */
    fun forImport(e: TandemException): String = said(e, ErrorContext.RESTORE)

    /** A refused button on a ritual's row: the screen was out of date (redraw it). */
    fun forRitualAction(e: TandemException): String = said(e, ErrorContext.RITUAL)

    fun forAgreementAction(e: TandemException): String = said(e, ErrorContext.AGREEMENT)

    fun forPauseAction(e: TandemException): String = said(e, ErrorContext.PAUSE)

    /** A refused boundary form (its buttons' refusals are worded by `actionRefusal`). */
    fun forBoundaryAction(e: TandemException): String = said(e, ErrorContext.BOUNDARY)

    val NOT_ALLOWED_NOW get() = said(ErrorKind.NOT_ALLOWED_NOW)

    internal fun notice(kind: NoticeKind) = noticeText(kind, java.util.Locale.getDefault().toLanguageTag())

    /** Shown before wiping: there is no undo. */
    val WIPE_WARNING get() = notice(NoticeKind.WIPE)

    /** A file Tandem needed could not be read, written or moved (nothing changed in Tandem). */
    val FILES_FAILED get() = notice(NoticeKind.FILES_FAILED)

    /** The device zone is not a known IANA zone: the phone's settings, said as such. */
    val UNKNOWN_ZONE get() = notice(NoticeKind.UNKNOWN_ZONE)

    /** The storage key is gone while the database is still here; nothing was changed. */
    val KEY_MISSING get() = notice(NoticeKind.KEY_MISSING)

    /** Starting over after [KEY_MISSING], shown before the person confirms. */
    val START_OVER_WARNING get() = notice(NoticeKind.START_OVER)

    /** The phone's key store refused to give the storage key. */
    val KEYSTORE_FAILED get() = notice(NoticeKind.KEY_STORE_FAILED)
}
