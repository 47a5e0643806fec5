import Foundation

/// The case of a `TandemError` without its payload, for switching and tests.
public enum TandemErrorKind: String, CaseIterable, Sendable {
    case invalidInput, notAllowedNow, notFound, wrongPassphrase, wrongKey, notATandemDatabase, databaseTooNew
    case pairingFailed, pairingOutdated, pairingExpired, alreadyPaired, notPaired, payloadRejected, payloadTooOld
    case clockSkew, storage, damaged, closed
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

/// Person-readable messages. They depend only on the error's case, never on its
/// reason, so they never contain user text (titles, names, zones). The
/// NotAllowedNow and NotFound texts promise a redraw: after either, the shell
/// reloads the screen from the core (the state changed, often through a sync).
public enum TandemMessages {
    public static func message(for kind: TandemErrorKind) -> String {
        switch kind {
        case .invalidInput:
            return "Please check what you entered: something is missing or not in the expected form."
        case .notAllowedNow:
            return "That can't be done right now. Things may have changed on your partner's phone; here is how they stand now."
        case .notFound:
            return "That isn't on this phone any more, so nothing was done. Here is the list as it stands now."
        case .wrongPassphrase:
            return "That passphrase doesn't open this export, or the file was changed since it was saved. Nothing was imported."
        case .wrongKey:
            return "Tandem can't unlock its data on this device. The key that protects it is missing or has changed."
        case .notATandemDatabase:
            return "The file Tandem found isn't Tandem data. It was left untouched."
        case .databaseTooNew:
            return "Your Tandem data was saved by a newer version of the app. Please update Tandem."
        case .pairingFailed:
            return "That pairing code can't be used. Scan the code on your partner's screen, or start pairing again on both phones."
        case .pairingOutdated:
            return "Your partner's phone has an older Tandem. Update the app on both phones, then start pairing again."
        case .pairingExpired:
            return "The pairing code has expired. Start pairing again to get a new code."
        case .alreadyPaired:
            return "This phone is already paired. Unpair it first to pair with someone else."
        case .notPaired:
            return "Tandem can't sync yet: pair with your partner and confirm the check code on this phone first."
        case .payloadRejected:
            return "Tandem couldn't use this update from your partner, so nothing was changed. Ask them to send it again."
        case .payloadTooOld:
            // Sealed with keys this phone has deleted since (keys move on
            // after every exchange): its changes come again in the next one.
            return "This update was older than your phone's current keys, so it was skipped; nothing was lost — sync again to get the latest."
        case .clockSkew:
            return "Your partner's phone and this one disagree about the time. Check that both set the time automatically, then sync again."
        case .storage:
            return "Tandem couldn't read or save its data. Check that the device has free space, then try again."
        case .damaged:
            return "Some of Tandem's data on this phone is damaged, so it wasn't used. Restore a backup, or pair again to get the shared data back from your partner's phone."
        case .closed:
            return "Tandem was closed. Open it again to continue."
        }
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
