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

extension SyncResult {
    /// What the tap did, as the core reads it to word the screen's lines.
    var core: SyncLast {
        switch self {
        case let .sent(changes, files):
            return .sent(changes: UInt32(clamping: changes), files: UInt32(clamping: files))
        case let .received(report):
            let imported = report.items.compactMap(\.report)
            return .received(received: SyncReceived(
                imported: UInt32(clamping: imported.filter { !$0.alreadyImported }.count),
                alreadyImported: UInt32(clamping: imported.filter(\.alreadyImported).count),
                applied: UInt64(report.applied),
                news: report.news,
                partnerConfirmed: report.partnerConfirmed,
                refused: report.failed.compactMap { item in
                    guard case let .failed(_, message) = item.outcome else { return nil }
                    return RefusedFile(name: item.id, message: message)
                }))
        }
    }
}

/// The Sync screen as the core decides it (`syncScreen`): whether this
/// phone is paired, what to do next, the changes the partner's phone has
/// not confirmed holding, the files waiting in the inbox, and what the last
/// send or import did, line by line (each refused file with its message).
public struct SyncScreen: Equatable {
    /// Paired (the digits confirmed on this phone).
    public let paired: Bool
    public let partnerName: String?
    /// What to do next, one sentence.
    public let next: String
    /// Payload files waiting in the inbox.
    public let waitingFiles: Int
    /// "No files waiting", "1 file from your partner waiting", "3 files …".
    public let waitingText: String
    /// Changes the partner's phone has not confirmed holding; nil before
    /// pairing is confirmed on this phone.
    public let changesToSend: Int?
    /// "3 changes to send", "1 change to send", "Your partner's phone has
    /// everything"; nil before pairing is confirmed on this phone.
    public let changesText: String?
    /// Sending needs a pair.
    public let canSend: Bool
    /// Importing needs a pair (the core refuses payloads before).
    public let canImport: Bool
    /// The last result, line by line; empty before the first tap.
    public let lines: [String]

    public init(model m: SyncScreenModel) {
        paired = m.paired
        partnerName = m.partnerName
        next = m.next
        waitingFiles = Int(m.waitingFiles)
        waitingText = m.waitingText
        changesToSend = m.changesToSend.map { Int($0) }
        changesText = m.changesText
        canSend = m.canSend
        canImport = m.canReceive
        lines = m.lines
    }
}
