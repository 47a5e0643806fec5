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

        /// What becomes of the file: the core's decision (`afterImport`),
        /// the same on both phones. Imported or too old to open (its
        /// changes come again): removed; refused for good: set aside;
        /// anything that may work later, or a failure outside Tandem (a
        /// file that cannot be read): kept for the next sync.
        public var file: IncomingFile {
            switch self {
            case .imported: return afterImport(refused: nil)
            case let .failed(kind?, _): return afterImport(refused: kind.core)
            case .failed(nil, _): return .keep
            }
        }

        /// Nothing will change by trying again.
        public var isSettled: Bool { file != .keep }
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

    /// What the partner changed, in the core's sentences, oldest first, one
    /// story for the whole sync: show them as they are, or in one notification.
    public var news: [String] { mergeNews(reports: reports).map(\.text) }
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
    public static let rejectedSuffix = setAsideSuffix()

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
        try waitingFiles().map { url in
            IncomingPayload(id: url.lastPathComponent, content: Result {
                try payloadFromText(text: String(decoding: Data(contentsOf: url), as: UTF8.self))
            })
        }
    }

    /// The names of the files `incoming()` would read, without reading them
    /// (for the Sync screen's "N files waiting").
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

    // MARK: files handed to the app ("Open in Tandem", the share sheet)

    /// The largest file `accept` takes (the core's rule, the same on both phones).
    public static let maxFileBytes = Int(syncFileMaxBytes())

    /// Puts a received file into `inbox` for the next `syncIn`, under its
    /// own name, trimmed (a file of that name waiting there is replaced: the
    /// same file received twice), when the core's rules take it
    /// (`checkSyncFile`: a name that stays in the inbox, a size, Tandem sync
    /// text); otherwise nothing is written and `SyncFileRefused` says why.
    /// The data is written beside the target under a hidden name, then moved
    /// into place, so `incoming()` never sees half a file. Returns the name
    /// written.
    @discardableResult
    public func accept(name: String, data: Data) throws -> String {
        let taken = try Self.check(name, size: data.count, data: data)
        return try place(name: taken, data: data)
    }

    /// `accept(name:data:)` for a file the system handed over (`onOpenURL`,
    /// a document picker), named by its last path component. The size is
    /// checked before reading, so an oversized file is never loaded.
    /// Security-scoped access is the caller's (the app's) business.
    @discardableResult
    public func accept(contentsOf url: URL) throws -> String {
        let name = try Self.check(url.lastPathComponent, size: 0, data: nil)
        let size: Int
        do {
            let values = try url.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey])
            guard values.isRegularFile != false else { throw SyncFileRefused.unreadable }
            size = values.fileSize ?? 0
        } catch let refused as SyncFileRefused {
            throw refused
        } catch {
            throw SyncFileRefused.unreadable
        }
        _ = try Self.check(name, size: size, data: nil)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SyncFileRefused.unreadable
        }
        return try place(name: try Self.check(name, size: data.count, data: data), data: data)
    }

    /// The core's rules for a file handed to the phone: the name to save
    /// it under, or why not (before reading: no `data`).
    static func check(_ name: String, size: Int, data: Data?) throws -> String {
        switch checkSyncFile(name: name, size: UInt64(max(size, 0)), bytes: data) {
        case let .take(taken): return taken
        case let .refuse(notice):
            switch notice {
            case .syncFileTooLarge: throw SyncFileRefused.tooLarge
            case .syncFileNotSync: throw SyncFileRefused.notSync
            default: throw SyncFileRefused.badName
            }
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

/// Why a received file was not put into the inbox; nothing was written.
public enum SyncFileRefused: Error, Equatable, PersonReadableError {
    /// Its name could leave the inbox or hide in it.
    case badName
    /// Bigger than `FileSyncTransport.maxFileBytes`.
    case tooLarge
    /// Not Tandem sync text (a photo shared by mistake).
    case notSync
    /// The file could not be read.
    case unreadable
    /// The inbox could not be written.
    case cannotSave

    /// The core's words, in the phone's language (the same as Android's).
    public var message: String {
        let notice: NoticeKind
        switch self {
        case .badName: notice = .syncFileBadName
        case .tooLarge: notice = .syncFileTooLarge
        case .notSync: notice = .syncFileNotSync
        case .unreadable: notice = .syncFileUnreadable
        case .cannotSave: notice = .filesFailed
        }
        return noticeText(notice: notice, localeTag: phoneLanguage())
    }
}
