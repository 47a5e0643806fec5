import Foundation

/// The case of a `TandemError` without its payload, for switching and tests.
public enum TandemErrorKind: String, CaseIterable, Sendable {
    case invalidInput, notAllowedNow, notFound, wrongPassphrase, wrongKey, notATandemDatabase, databaseTooNew
    case pairingFailed, pairingOutdated, pairingExpired, alreadyPaired, notPaired, payloadRejected, payloadTooOld
    case clockSkew, storage, damaged, closed
}

extension TandemErrorKind {
    /// The facade's kind, that the core's words are chosen by.
    public var core: ErrorKind {
        switch self {
        case .invalidInput: return .invalidInput
        case .notAllowedNow: return .notAllowedNow
        case .notFound: return .notFound
        case .wrongPassphrase: return .wrongPassphrase
        case .wrongKey: return .wrongKey
        case .notATandemDatabase: return .notATandemDatabase
        case .databaseTooNew: return .databaseTooNew
        case .pairingFailed: return .pairingFailed
        case .pairingOutdated: return .pairingOutdated
        case .pairingExpired: return .pairingExpired
        case .alreadyPaired: return .alreadyPaired
        case .notPaired: return .notPaired
        case .payloadRejected: return .payloadRejected
        case .payloadTooOld: return .payloadTooOld
        case .clockSkew: return .clockSkew
        case .storage: return .storage
        case .damaged: return .damaged
        case .closed: return .closed
        }
    }
}

extension TandemError {
    public var kind: TandemErrorKind {
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

    /// The core's technical reason: for logs, never for display.
    public var reason: String {
        switch self {
        case let .InvalidInput(reason), let .NotAllowedNow(reason),
             let .NotFound(reason), let .WrongPassphrase(reason), let .WrongKey(reason),
             let .NotATandemDatabase(reason), let .DatabaseTooNew(reason),
             let .PairingFailed(reason), let .PairingOutdated(reason), let .PairingExpired(reason),
             let .AlreadyPaired(reason), let .NotPaired(reason),
             let .PayloadRejected(reason), let .PayloadTooOld(reason), let .ClockSkew(reason),
             let .Storage(reason), let .Damaged(reason), let .Closed(reason):
            return reason
        }
    }
}

/// Person-readable messages: the core's words (`screens::refusals`, the same
/// on both phones), chosen by the error's case and the screen alone, never
/// its reason, so they never contain user text (titles, names, zones). The
/// NotAllowedNow and NotFound texts promise a redraw: after either, the shell
/// reloads the screen from the core (the state changed, often through a sync).
public enum TandemMessages {
    public static func message(for kind: TandemErrorKind) -> String {
        message(for: kind, while: .anything)
    }

    /// The words for `kind` on a screen that knows better (a ritual's row:
    /// "This ritual has changed since the screen was shown…").
    public static func message(for kind: TandemErrorKind, while context: ErrorContext) -> String {
        errorMessageIn(kind: kind.core, context: context, localeTag: phoneLanguage()).text
    }

    /// A message for any error a Tandem call can throw.
    public static func message(for error: Error) -> String {
        if let error = error as? TandemError {
            return message(for: error.kind)
        }
        if let error = error as? PersonReadableError {
            return error.message
        }
        if error is StorageKeyMissing {
            return LaunchState.keyMissingMessage
        }
        return "Something went wrong inside Tandem. Please try again."
    }
}

/// An error of the shell's own (not the core's) that carries its message
/// for a person; `TandemMessages.message(for:)` shows it as it is.
public protocol PersonReadableError: Error {
    var message: String { get }
}

/// The phone's first preferred language, as a BCP 47 tag ("de-DE"): what
/// the core words the screens and refusals in.
public func phoneLanguage() -> String {
    Locale.preferredLanguages.first ?? Locale.current.identifier
}
