import Foundation

/// One payload waiting on this device: its transport's name (a file name)
/// and its bytes, or why they could not be read (an I/O error, or the core
/// refusing damaged text).
public struct IncomingPayload {
    public let id: String
    public let content: Result<Data, Error>

    public init(id: String, content: Result<Data, Error>) {
        self.id = id
        self.content = content
    }
}

/// How sync payloads travel between the two phones. It only carries bytes:
/// what to send, and what an arriving payload means, the core decides.
public protocol SyncTransport: AnyObject {
    /// Hands this phone's payloads on; returns an id for each (a file name).
    func send(_ payloads: [Data]) throws -> [String]
    func incoming() throws -> [IncomingPayload]
    /// What importing one of them gave; a settled one need not be offered again.
    func finish(_ id: String, outcome: SyncInItem.Outcome) throws
}

/// What happened to one incoming payload.
public struct SyncInItem: Equatable {
    public enum Outcome: Equatable {
        case imported(ImportReport)
        /// `kind` is nil for errors outside Tandem (a file that cannot be read).
        case failed(kind: ErrorKind?, message: String)

        /// What becomes of the file: the core's decision (`afterImport`);
        /// a failure outside Tandem keeps it for the next sync.
        public var file: IncomingFile {
            switch self {
            case .imported: return afterImport(refused: nil)
            case let .failed(kind?, _): return afterImport(refused: kind)
            case .failed(nil, _): return .keep
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

    var reports: [ImportReport] { items.compactMap(\.report) }

    /// What the partner changed, in the core's sentences, one story for the whole sync.
    public var news: [String] { mergeNews(reports: reports).map(\.text) }
    public var applied: UInt32 { reports.reduce(0) { $0 + $1.applied } }
    public var partnerConfirmed: Bool { reports.contains(where: \.partnerConfirmed) }
    public var failed: [SyncInItem] { items.filter { $0.report == nil } }
}

/// Payloads as text files (`payloadToText`), one per payload: the app shares
/// the files from `outbox` (AirDrop, Messages, Files) and reads what the
/// partner sent from `inbox` (where "Open in Tandem" puts them). What becomes
/// of an imported or refused file is the core's decision (`afterImport`).
public final class FileSyncTransport: SyncTransport {
    public static let rejectedSuffix = setAsideSuffix()

    public let outbox: URL
    public let inbox: URL
    private let files = FileManager.default

    public init(outbox: URL, inbox: URL) {
        self.outbox = outbox
        self.inbox = inbox
    }

    /// One file per payload, under the core's names for one send (in import order).
    public func send(_ payloads: [Data]) throws -> [String] {
        try files.createDirectory(at: outbox, withIntermediateDirectories: true)
        let names = try syncFileNames(count: UInt32(payloads.count))
        for (name, payload) in zip(names, payloads) {
            try Data(payloadToText(payload: payload).utf8)
                .write(to: outbox.appendingPathComponent(name), options: .atomic)
        }
        return names
    }

    /// Every visible regular file in `inbox` not set aside, by name; the core
    /// reads the text (a file that is not Tandem's is refused by it).
    public func incoming() throws -> [IncomingPayload] {
        try waitingFiles().map { url in
            IncomingPayload(id: url.lastPathComponent, content: Result {
                try payloadFromText(text: String(decoding: Data(contentsOf: url), as: UTF8.self))
            })
        }
    }

    /// The names `incoming()` would read, without reading them.
    public func waiting() throws -> [String] {
        try waitingFiles().map(\.lastPathComponent)
    }

    private func waitingFiles() throws -> [URL] {
        guard files.fileExists(atPath: inbox.path) else { return [] }
        let urls = try files.contentsOfDirectory(
            at: inbox, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        return urls
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .filter { !$0.lastPathComponent.hasSuffix(Self.rejectedSuffix) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// Puts a received file into `inbox` for the next `syncIn` when the core's
    /// rules take it (`checkSyncFile`: the name, the size, Tandem sync text),
    /// under the name the core gives (one waiting under it is replaced: the
    /// same file received twice); otherwise nothing is written. Written
    /// beside the target under a hidden name, then moved into place, so
    /// `incoming()` never sees half a file.
    @discardableResult
    public func accept(name: String, data: Data) throws -> String {
        try place(name: try Self.check(name, size: data.count, data: data), data: data)
    }

    /// `accept(name:data:)` for a file the system handed over, named by its
    /// last path component. The size is checked before reading, so an
    /// oversized file is never loaded. Security-scoped access is the app's.
    @discardableResult
    public func accept(contentsOf url: URL) throws -> String {
        let name = try Self.check(url.lastPathComponent, size: 0, data: nil)
        let values = try? url.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey])
        guard let values, values.isRegularFile != false else { throw SyncFileRefused.unreadable }
        _ = try Self.check(name, size: values.fileSize ?? 0, data: nil)
        guard let data = try? Data(contentsOf: url) else { throw SyncFileRefused.unreadable }
        return try place(name: try Self.check(name, size: data.count, data: data), data: data)
    }

    /// The core's rules for a file handed to the phone (before reading: no `data`).
    static func check(_ name: String, size: Int, data: Data?) throws -> String {
        switch checkSyncFile(name: name, size: UInt64(max(size, 0)), bytes: data) {
        case let .take(taken): return taken
        case let .refuse(notice): throw SyncFileRefused(notice: notice)
        }
    }

    private func place(name: String, data: Data) throws -> String {
        let target = inbox.appendingPathComponent(name)
        let temp = inbox.appendingPathComponent(".incoming-\(UUID().uuidString.lowercased())")
        do {
            try files.createDirectory(at: inbox, withIntermediateDirectories: true)
            try data.write(to: temp)
            if files.fileExists(atPath: target.path) { try files.removeItem(at: target) }
            try files.moveItem(at: temp, to: target)
        } catch {
            try? files.removeItem(at: temp)
            throw SyncFileRefused.cannotSave
        }
        return name
    }

    public func finish(_ id: String, outcome: SyncInItem.Outcome) throws {
        let url = inbox.appendingPathComponent(id)
        switch outcome.file {
        case .remove:
            if files.fileExists(atPath: url.path) { try files.removeItem(at: url) }
        case .setAside:
            let aside = inbox.appendingPathComponent(id + Self.rejectedSuffix)
            if files.fileExists(atPath: aside.path) { try files.removeItem(at: aside) }
            try files.moveItem(at: url, to: aside)
        case .keep:
            return
        }
    }
}

/// Why a received file was not put into the inbox (nothing was written):
/// the core's notice, worded in the phone's language.
public struct SyncFileRefused: Error, Equatable {
    public let notice: NoticeKind

    public static let badName = Self(notice: .syncFileBadName), tooLarge = Self(notice: .syncFileTooLarge),
                      notSync = Self(notice: .syncFileNotSync), unreadable = Self(notice: .syncFileUnreadable),
                      cannotSave = Self(notice: .filesFailed)

    public var message: String { noticeText(notice: notice, localeTag: phoneLanguage()) }
}
