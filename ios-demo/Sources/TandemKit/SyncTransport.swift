import Foundation

/// One payload waiting on this device, as a transport found it.
public struct IncomingPayload {
    /// The transport's name for it (a file name): for reports and `finish`.
    public let id: String
    /// The payload, or why it could not be read: an I/O error, or the core
    /// refusing damaged text (`payloadFromText` throws `PayloadRejected`).
    public let content: Result<Data, Error>

    public init(id: String, content: Result<Data, Error>) {
        self.id = id
        self.content = content
    }
}

/// How sync payloads travel between the two phones. It only carries bytes:
/// what to send, and what an arriving payload means, the core decides.
public protocol SyncTransport: AnyObject {
    /// Hands this phone's payloads on (all of them, in any order); returns an
    /// id for each (a file name).
    func send(_ payloads: [Data]) throws -> [String]
    /// Every payload waiting to be imported on this phone.
    func incoming() throws -> [IncomingPayload]
    /// What importing one of them gave; a settled one need not be offered again.
    func finish(_ id: String, outcome: SyncInItem.Outcome) throws
}

/// What happened to one incoming payload.
public struct SyncInItem: Equatable {
    public enum Outcome: Equatable {
        /// The core took it (or had it already: `alreadyImported`).
        case imported(ImportReport)
        /// `kind` is nil for errors outside Tandem (a file that cannot be
        /// read); `message` is for a person.
        case failed(kind: TandemErrorKind?, message: String)

        /// Nothing will change by trying again: it was imported, or the core
        /// refused its content. Anything else (not paired or not confirmed
        /// yet, storage trouble) may work later.
        public var isSettled: Bool {
            switch self {
            case .imported: return true
            case let .failed(kind, _): return kind == .payloadRejected
            }
        }
    }

    public let id: String
    public let outcome: Outcome

    public init(id: String, outcome: Outcome) {
        self.id = id
        self.outcome = outcome
    }

    public var report: ImportReport? {
        if case let .imported(report) = outcome { return report }
        return nil
    }
}

/// What one `syncIn` did, item by item and in sum.
public struct SyncInReport: Equatable {
    public let items: [SyncInItem]

    public init(items: [SyncInItem]) {
        self.items = items
    }

    private var reports: [ImportReport] { items.compactMap(\.report) }

    /// Changes that were new on this phone.
    public var applied: UInt32 { reports.reduce(0) { $0 + $1.applied } }
    /// Changes this phone already had.
    public var duplicates: UInt32 { reports.reduce(0) { $0 + $1.duplicates } }
    /// Payloads imported before (nothing changed).
    public var alreadyImported: Int { reports.filter(\.alreadyImported).count }
    /// How many of this phone's changes the partner holds, by the newest word
    /// from the partner in this batch (0 when there was none).
    public var acknowledged: UInt64 { reports.map(\.acknowledged).max() ?? 0 }
    /// The partner's key confirmation arrived: the pairing is complete here too.
    public var partnerConfirmed: Bool { reports.contains(where: \.partnerConfirmed) }
    public var failed: [SyncInItem] { items.filter { $0.report == nil } }
}

/// Payloads as text files (`payloadToText`), one per payload: the app shares
/// the files from `outbox` with the share sheet (AirDrop, Messages, Files) and
/// reads what the partner sent from `inbox` (where "Open in Tandem" puts
/// them). Imported files are removed; files the core refused are renamed with
/// `.rejected` appended, kept for the person but not read again; the rest
/// stay for the next try.
public final class FileSyncTransport: SyncTransport {
    public static let fileExtension = "tandem"
    public static let rejectedSuffix = ".rejected"

    public let outbox: URL
    public let inbox: URL
    private let files = FileManager.default

    public init(outbox: URL, inbox: URL) {
        self.outbox = outbox
        self.inbox = inbox
    }

    /// Writes each payload's text form to a new file in `outbox`; returns the
    /// file names (`outbox.appendingPathComponent(name)` to share them).
    public func send(_ payloads: [Data]) throws -> [String] {
        try files.createDirectory(at: outbox, withIntermediateDirectories: true)
        let batch = UUID().uuidString.lowercased()
        var names: [String] = []
        for (i, payload) in payloads.enumerated() {
            let name = "tandem-\(batch)-\(i + 1).\(Self.fileExtension)"
            try Data(payloadToText(payload: payload).utf8)
                .write(to: outbox.appendingPathComponent(name), options: .atomic)
            names.append(name)
        }
        return names
    }

    /// Every visible regular file in `inbox` not yet refused, by name. The
    /// core reads the text, so a file that is not Tandem's is refused by it.
    public func incoming() throws -> [IncomingPayload] {
        guard files.fileExists(atPath: inbox.path) else { return [] }
        let urls = try files.contentsOfDirectory(
            at: inbox, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        return urls
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .filter { !$0.lastPathComponent.hasSuffix(Self.rejectedSuffix) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
            .map { url in
                IncomingPayload(id: url.lastPathComponent, content: Result {
                    try payloadFromText(text: String(decoding: Data(contentsOf: url), as: UTF8.self))
                })
            }
    }

    public func finish(_ id: String, outcome: SyncInItem.Outcome) throws {
        let url = inbox.appendingPathComponent(id)
        switch outcome {
        case .imported:
            try files.removeItem(at: url)
        case .failed where outcome.isSettled:
            let aside = inbox.appendingPathComponent(id + Self.rejectedSuffix)
            if files.fileExists(atPath: aside.path) { try files.removeItem(at: aside) }
            try files.moveItem(at: url, to: aside)
        case .failed:
            return
        }
    }
}
