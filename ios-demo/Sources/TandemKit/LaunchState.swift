import Foundation

/// The first screen after `TandemController.launch()`.
public enum LaunchState: Equatable {
    /// The database is open: show Today.
    case ready
    /// A database exists but its key is gone: offer "Restore from an export"
    /// (`TandemController.restore(export:passphrase:)`) and "Start over"
    /// (`TandemController.startOver()`). Nothing was created or changed.
    case keyMissing(message: String)
    /// Tandem cannot open (a database from a newer app, a wrong key, storage
    /// trouble): show `message`; nothing was changed. `kind` is nil for
    /// errors outside Tandem (the key store failing).
    case failed(kind: TandemErrorKind?, message: String)

    public static let keyMissingMessage =
        "Tandem's data is still on this phone, but the key that unlocks it is gone (this can happen after restoring the phone from a backup). Nothing was deleted. You can restore from an export file, or start over with empty data; the old data is kept aside either way."

    /// The choices the key-missing screen offers, in order.
    public static let keyMissingChoices = ["Restore from an export", "Start over"]
}
