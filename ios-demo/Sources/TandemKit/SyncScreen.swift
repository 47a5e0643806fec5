import Foundation

/// What the last tap on the Sync screen did, for its result lines.
public enum SyncResult: Equatable {
    /// `sendChanges` handed `files` files to the share sheet, carrying
    /// `changes` changes (the count read just before the export; 0 when
    /// the files only carry an update: what arrived here, the pairing).
    case sent(changes: Int, files: Int)
    /// `syncIn` imported what the inbox held.
    case received(SyncInReport)
}

/// What one `sendChanges` did: the changes carried (counted just before the
/// export) and the transport's ids of the files written.
public struct SyncOutReport: Equatable {
    public let changes: Int
    public let ids: [String]

    public init(changes: Int, ids: [String]) {
        self.changes = changes
        self.ids = ids
    }

    /// The Sync screen's `last` for this send.
    public var result: SyncResult { .sent(changes: changes, files: ids.count) }
}

/// The Sync screen: whether this phone is paired, what to do next, how many
/// changes the partner's phone has not confirmed holding, how many files
/// from the partner wait in the inbox, and what the last send or import
/// did, line by line (each refused file with its message).
public struct SyncScreen: Equatable {
    public static let pairFirst = "Pair first"
    public static let confirmFirst = "Compare the check code and confirm first"
    public static let finishPairing = "Import your partner's first file to finish pairing"
    public static let importNext = "Import what your partner sent"
    public static let sendNext = "Send your changes to your partner"
    /// After an import with nothing of this phone's own to send: a reply
    /// tells the partner's phone what arrived, so its count goes down.
    public static let replyNext = "Send a reply so your partner's phone knows what arrived"
    /// With nothing to send: a send still carries an update (what arrived
    /// here; from the phone that showed the QR code first, the pairing its
    /// partner waits for), which this phone cannot tell is needed.
    public static let upToDate = "Nothing new to send; send anyway if your partner is waiting for a file"
    public static let partnerHasEverything = "Your partner's phone has everything"

    /// Paired (the digits confirmed on this phone).
    public let paired: Bool
    public let partnerName: String?
    /// What to do next, one line.
    public let next: String
    /// Payload files waiting in the inbox.
    public let waitingFiles: Int
    /// "No files waiting", "1 file from your partner waiting", "3 files …".
    public let waitingText: String
    /// Changes the partner's phone has not confirmed holding (what the next
    /// send carries; they count until the partner's reply is imported).
    /// Nil before pairing is confirmed on this phone.
    public let changesToSend: Int?
    /// "3 changes to send", "1 change to send", "Your partner's phone has
    /// everything"; nil before pairing is confirmed on this phone.
    public let changesText: String?
    /// Sending needs a pair.
    public var canSend: Bool { paired }
    /// Importing needs a pair (the core refuses payloads before).
    public var canImport: Bool { paired }
    /// The last result, line by line; empty before the first tap.
    public let lines: [String]

    /// - Parameter changesToSend: the controller's `changesToSend()` when
    ///   paired (nil there: the count is unknown and the hint says send);
    ///   ignored (shown as nil) before pairing.
    public init(pairing: PairingStatus, waitingFiles: Int, changesToSend: Int? = nil, last: SyncResult? = nil) {
        self.waitingFiles = waitingFiles
        switch waitingFiles {
        case 0: waitingText = "No files waiting"
        case 1: waitingText = "1 file from your partner waiting"
        default: waitingText = "\(waitingFiles) files from your partner waiting"
        }
        switch pairing {
        case .unpaired, .offering:
            (paired, partnerName, next, self.changesToSend) = (false, nil, Self.pairFirst, nil)
        case let .awaitingConfirmation(_, name):
            (paired, partnerName, next, self.changesToSend) = (false, name, Self.confirmFirst, nil)
        case let .paired(name, _, confirmed, _, _):
            paired = true
            partnerName = name
            self.changesToSend = changesToSend
            if !confirmed {
                next = Self.finishPairing
            } else if waitingFiles > 0 {
                next = Self.importNext
            } else if changesToSend.map({ $0 > 0 }) ?? true {
                next = Self.sendNext
            } else if case let .received(report)? = last, report.items.count > report.failed.count {
                next = Self.replyNext
            } else {
                next = Self.upToDate
            }
        }
        changesText = self.changesToSend.map(Self.changesText(for:))
        lines = last.map(Self.lines(for:)) ?? []
    }

    /// "3 changes to send", "1 change to send", or for 0 "Your partner's
    /// phone has everything".
    public static func changesText(for changes: Int) -> String {
        switch changes {
        case ...0: return partnerHasEverything
        case 1: return "1 change to send"
        default: return "\(changes) changes to send"
        }
    }

    /// The lines for one result.
    public static func lines(for result: SyncResult) -> [String] {
        switch result {
        case let .sent(changes, files):
            let asFiles = files == 1 ? "as 1 file" : "as \(files) files"
            switch changes {
            case ...0: return ["Sent an update \(asFiles) (no new changes)"]
            case 1: return ["Sent 1 change \(asFiles)"]
            default: return ["Sent \(changes) changes \(asFiles)"]
            }
        case let .received(report):
            if report.items.isEmpty { return ["No files to import"] }
            var lines: [String] = []
            let imported = report.items.count - report.failed.count
            if imported > 0 {
                switch report.applied {
                case 0: lines.append("No new changes received")
                case 1: lines.append("1 change received")
                default: lines.append("\(report.applied) changes received")
                }
            }
            // What the partner changed, in the core's sentences.
            lines.append(contentsOf: report.news)
            if report.alreadyImported > 0 {
                lines.append(report.alreadyImported == 1
                    ? "1 file was imported before" : "\(report.alreadyImported) files were imported before")
            }
            if report.partnerConfirmed { lines.append("Pairing complete on this phone") }
            for item in report.failed {
                if case let .failed(_, message) = item.outcome { lines.append("\(item.id): \(message)") }
            }
            return lines
        }
    }
}
