import Foundation

/// What the last tap on the Sync screen did, for its result lines.
public enum SyncResult: Equatable {
    /// `syncOut` handed this many files to the share sheet.
    case sent(files: Int)
    /// `syncIn` imported what the inbox held.
    case received(SyncInReport)
}

/// The Sync screen: whether this phone is paired, what to do next, how many
/// files from the partner wait in the inbox, and what the last send or
/// import did, line by line (each refused file with its message).
public struct SyncScreen: Equatable {
    public static let pairFirst = "Pair first"
    public static let confirmFirst = "Compare the six digits and confirm first"
    public static let finishPairing = "Import your partner's first file to finish pairing"
    public static let importNext = "Import what your partner sent"
    public static let sendNext = "Send your changes to your partner"

    /// Paired (the digits confirmed on this phone).
    public let paired: Bool
    public let partnerName: String?
    /// What to do next, one line.
    public let next: String
    /// Payload files waiting in the inbox.
    public let waitingFiles: Int
    /// "No files waiting", "1 file from your partner waiting", "3 files …".
    public let waitingText: String
    /// Sending needs a pair.
    public var canSend: Bool { paired }
    /// Importing needs a pair (the core refuses payloads before).
    public var canImport: Bool { paired }
    /// The last result, line by line; empty before the first tap.
    public let lines: [String]

    public init(pairing: PairingStatus, waitingFiles: Int, last: SyncResult? = nil) {
        self.waitingFiles = waitingFiles
        switch waitingFiles {
        case 0: waitingText = "No files waiting"
        case 1: waitingText = "1 file from your partner waiting"
        default: waitingText = "\(waitingFiles) files from your partner waiting"
        }
        switch pairing {
        case .unpaired, .offering:
            (paired, partnerName, next) = (false, nil, Self.pairFirst)
        case let .awaitingConfirmation(_, name):
            (paired, partnerName, next) = (false, name, Self.confirmFirst)
        case let .paired(name, _, confirmed):
            paired = true
            partnerName = name
            if !confirmed {
                next = Self.finishPairing
            } else {
                next = waitingFiles > 0 ? Self.importNext : Self.sendNext
            }
        }
        lines = last.map(Self.lines(for:)) ?? []
    }

    /// The lines for one result.
    public static func lines(for result: SyncResult) -> [String] {
        switch result {
        case let .sent(files):
            return [files == 1 ? "Sent your changes as 1 file" : "Sent your changes as \(files) files"]
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
