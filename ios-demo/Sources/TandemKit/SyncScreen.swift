import Foundation

/// What the last tap on the Sync screen did, for its result lines.
public enum SyncResult: Equatable {
    /// `changes`: counted just before the export (0 when the files only
    /// carry an update: what arrived here, the pairing).
    case sent(changes: Int, files: Int)
    case received(SyncInReport)
}

/// What one `sendChanges` did: the changes carried and the transport's ids.
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

/// The Sync screen is the core's `SyncScreenModel` (`syncScreen`).
public typealias SyncScreen = SyncScreenModel

extension SyncScreenModel {
    public var canImport: Bool { canReceive }
}
