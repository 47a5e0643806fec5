import Foundation

/// The first screen after `TandemController.launch()`.
public enum LaunchState: Equatable {
    case ready
    /// A database exists but its key is gone: offer restore and start over.
    case keyMissing(message: String)
    /// Tandem cannot open; nothing was changed. `kind` is nil for errors
    /// outside Tandem (the key store failing).
    case failed(kind: ErrorKind?, message: String)

    public static var keyMissingMessage: String { noticeText(notice: .keyMissing, localeTag: phoneLanguage()) }

    /// The choices the key-missing screen offers, in order.
    public static var keyMissingChoices: [String] {
        let l = labels(localeTag: phoneLanguage())
        return [l.restore, l.startOver]
    }
}
