import Foundation

extension TandemError {
    /// The case without its payload, that the core's words are chosen by.
    public var kind: ErrorKind {
        switch self {
        case .InvalidInput: return .invalidInput
        case .NotAllowedNow: return .notAllowedNow
        case .NotFound: return .notFound
        case .WrongPassphrase: return .wrongPassphrase
        case .WrongKey: return .wrongKey
        case .NotATandemDatabase: return .notATandemDatabase
        case .DatabaseTooNew: return .databaseTooNew
        case .PairingFailed: return .pairingFailed
        case .PairingOutdated: return .pairingOutdated
        case .PairingExpired: return .pairingExpired
        case .AlreadyPaired: return .alreadyPaired
        case .NotPaired: return .notPaired
        case .PayloadRejected: return .payloadRejected
        case .PayloadTooOld: return .payloadTooOld
        case .ClockSkew: return .clockSkew
        case .Storage: return .storage
        case .Damaged: return .damaged
        case .Closed: return .closed
        }
    }
}

/// Person-readable messages: the core's words, chosen by the error's case
/// and the screen alone, never its reason, so they never contain user text.
/// After NotAllowedNow or NotFound the shell reloads the screen (the texts
/// promise it).
public enum TandemMessages {
    public static func message(for kind: ErrorKind, while context: ErrorContext = .anything,
                               localeTag: String = phoneLanguage()) -> String {
        errorMessageIn(kind: kind, context: context, localeTag: localeTag).text
    }

    /// A message for any error a Tandem call can throw; one from outside
    /// Tandem is the core's "something went wrong" notice.
    public static func message(for error: Error, localeTag: String = phoneLanguage()) -> String {
        switch error {
        case let error as TandemError: return message(for: error.kind, localeTag: localeTag)
        case let refused as ActionRefused:
            return actionRefusal(action: refused.action, kind: refused.kind, localeTag: localeTag).text
        case let refused as SyncFileRefused: return noticeText(notice: refused.notice, localeTag: localeTag)
        case is StorageKeyMissing: return noticeText(notice: .keyMissing, localeTag: localeTag)
        default: return noticeText(notice: .unexpected, localeTag: localeTag)
        }
    }
}

/// A refused action, worded for what it is about (the core's
/// `actionRefusal`: an agreement's answer from Today in the agreements'
/// words), wherever its button was.
public struct ActionRefused: Error, Equatable {
    public let action: UserAction
    public let kind: ErrorKind

    /// `work` (the action's call), its core refusal rethrown as this.
    public static func wording<T>(_ action: UserAction, _ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let error as TandemError {
            throw ActionRefused(action: action, kind: error.kind)
        }
    }
}

/// The phone's first preferred language, as a BCP 47 tag ("de-DE"): what
/// the core words the screens and refusals in.
public func phoneLanguage() -> String {
    Locale.preferredLanguages.first ?? Locale.current.identifier
}
