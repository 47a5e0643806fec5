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
        is TandemException.WrongKey ->
            "Tandem can't unlock its data on this device. If you reinstalled the app or restored a backup, the key may be gone."
        is TandemException.NotATandemDatabase ->
            "The data file isn't one of Tandem's. Nothing was changed."
        is TandemException.DatabaseTooNew ->
            "Your data was saved by a newer version of Tandem. Update the app to open it."
        is TandemException.Storage ->
            "Tandem couldn't read or save its data. Check that the device has free space, then try again."
        is TandemException.Closed ->
            "Tandem was closed. Open it again to continue."
    }

    /** Shown on the Today screen when nothing is planned for the next day. */
    const val EMPTY_TODAY = "Nothing planned for the next 24 hours."
}
