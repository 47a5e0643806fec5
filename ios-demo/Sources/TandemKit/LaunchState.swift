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

    /// The core's words, in the phone's language, the same on both phones.
    public static var keyMissingMessage: String { noticeText(notice: .keyMissing, localeTag: phoneLanguage()) }

    /// The choices the key-missing screen offers, in order.
    public static var keyMissingChoices: [String] {
        let l = labels(localeTag: phoneLanguage())
        return [l.restore, l.startOver]
    }
}
