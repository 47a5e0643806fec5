package app.tandem.shell

import app.tandem.ffi.ErrorContext
import app.tandem.ffi.ErrorKind
import app.tandem.ffi.NoticeKind
import app.tandem.ffi.TandemException

// The core's words for particular refusals and notices, named for the tests
// (the apps show whatever UserMessages picks for the error and the screen).

internal fun UserMessages.forExport(e: TandemException): String = said(e, ErrorContext.EXPORT)

internal val UserMessages.AGREEMENT_INPUT get() = said(ErrorKind.INVALID_INPUT, ErrorContext.AGREEMENT)
internal val UserMessages.AGREEMENT_CHANGED get() = said(ErrorKind.NOT_ALLOWED_NOW, ErrorContext.AGREEMENT)
internal val UserMessages.AGREEMENT_GONE get() = said(ErrorKind.NOT_FOUND, ErrorContext.AGREEMENT)
internal val UserMessages.PAUSE_INPUT get() = said(ErrorKind.INVALID_INPUT, ErrorContext.PAUSE)
internal val UserMessages.PAUSE_NOT_NOW get() = said(ErrorKind.NOT_ALLOWED_NOW, ErrorContext.PAUSE)
internal val UserMessages.PAUSE_GONE get() = said(ErrorKind.NOT_FOUND, ErrorContext.PAUSE)
internal val UserMessages.BOUNDARY_INPUT get() = said(ErrorKind.INVALID_INPUT, ErrorContext.BOUNDARY)
internal val UserMessages.BOUNDARY_NOT_NOW get() = said(ErrorKind.NOT_ALLOWED_NOW, ErrorContext.BOUNDARY)
internal val UserMessages.BOUNDARY_GONE get() = said(ErrorKind.NOT_FOUND, ErrorContext.BOUNDARY)
internal val UserMessages.WRONG_PASSPHRASE get() = said(ErrorKind.WRONG_PASSPHRASE)
internal val UserMessages.EXPORT_PASSPHRASE_SHORT get() = said(ErrorKind.INVALID_INPUT, ErrorContext.EXPORT)
internal val UserMessages.IMPORT_UNUSABLE get() = said(ErrorKind.INVALID_INPUT, ErrorContext.RESTORE)
internal val UserMessages.IMPORT_NOT_EMPTY get() = said(ErrorKind.NOT_ALLOWED_NOW, ErrorContext.RESTORE)
internal val UserMessages.NOT_FOUND get() = said(ErrorKind.NOT_FOUND)
internal val UserMessages.RITUAL_CHANGED get() = said(ErrorKind.NOT_ALLOWED_NOW, ErrorContext.RITUAL)
internal val UserMessages.RITUAL_GONE get() = said(ErrorKind.NOT_FOUND, ErrorContext.RITUAL)
internal val UserMessages.PAYLOAD_TOO_OLD get() = said(ErrorKind.PAYLOAD_TOO_OLD)
internal val UserMessages.PAIRING_EXPIRED get() = said(ErrorKind.PAIRING_EXPIRED)
internal val UserMessages.PLAINTEXT_WARNING get() = notice(NoticeKind.PLAINTEXT_EXPORT)
internal val UserMessages.PAIRING_REJECTED get() = notice(NoticeKind.PAIRING_REJECTED)
internal val UserMessages.NOTIFICATIONS_OFF get() = notice(NoticeKind.NOTIFICATIONS_OFF)
internal val UserMessages.EXACT_ALARMS_OFF get() = notice(NoticeKind.EXACT_ALARMS_OFF)
internal val SyncTexts.UNSAFE_NAME get() = UserMessages.notice(NoticeKind.SYNC_FILE_BAD_NAME)
internal val SyncTexts.TOO_BIG get() = UserMessages.notice(NoticeKind.SYNC_FILE_TOO_LARGE)
internal val SyncTexts.NOT_SYNC_TEXT get() = UserMessages.notice(NoticeKind.SYNC_FILE_NOT_SYNC)

/** The failure message of whichever screen this is, or null when it loaded. */
internal val ScreenModel.failure: String?
    get() = when (this) {
        is ScreenModel.Today -> (model as? Rendered.Failed)?.message
        is ScreenModel.Rituals -> (model as? Rendered.Failed)?.message
        is ScreenModel.Agreements -> (model as? Rendered.Failed)?.message
        is ScreenModel.Boundaries -> (model as? Rendered.Failed)?.message
        is ScreenModel.Pause -> (model as? PauseScreen.Failed)?.message
        is ScreenModel.CheckIn -> (model as? Rendered.Failed)?.message
        is ScreenModel.Notebook -> (model as? Rendered.Failed)?.message
        is ScreenModel.Insights -> (model as? Rendered.Failed)?.message
        is ScreenModel.Pairing -> (model as? PairingScreen.Failed)?.message
        is ScreenModel.Sync -> (model as? SyncScreen.Failed)?.message
        is ScreenModel.Privacy -> (model as? Rendered.Failed)?.message
        is ScreenModel.Ritual -> (model as? Rendered.Failed)?.message
    }
