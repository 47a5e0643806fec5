import Foundation
@testable import TandemKit

// Conveniences the tests read the core's models with (the app has no use for them).

/// Keeps the key in memory.
final class InMemoryStorageKeyProvider: StorageKeyProvider {
    private var key: Data?

    init(key: Data? = nil) {
        self.key = key
    }

    /// Whether a key is stored now (without creating one).
    var hasKey: Bool { key != nil }

    func readStorageKey() throws -> Data? { key }
    func saveStorageKey(_ key: Data) throws { self.key = key }
    func deleteStorageKey() throws { key = nil }
}

extension StorageKeyProvider {
    /// The stored key, or a fresh one (`generateStorageKey()`) stored now.
    func storageKey() throws -> Data {
        if let key = try readStorageKey() { return key }
        let fresh = try generateStorageKey()
        try saveStorageKey(fresh)
        return fresh
    }
}

extension TodayScreenModel {
    var isEmpty: Bool { empty != nil }
}

extension RitualsScreenModel {
    var isEmpty: Bool { rows.isEmpty }
    func row(id: String) -> RitualRowModel? { rows.first { $0.id == id } }
}

extension AgreementsScreenModel {
    var isEmpty: Bool { rows.isEmpty }
    /// A row, live or ended.
    func row(id: String) -> AgreementRowModel? { (rows + ended).first { $0.id == id } }
}

extension BoundariesScreenModel {
    /// One of this phone's own, or one the partner shared.
    func row(id: String) -> BoundaryRowModel? { (mine + partners).first { $0.id == id } }
}

extension CheckInScreenModel {
    var isEmpty: Bool { today.isEmpty }
}

extension InsightsScreenModel {
    /// The row with the core's stable key `name` ("rituals kept").
    func row(_ name: String) -> ChartRowModel? { rows.first { $0.name == name } }
    var isEmpty: Bool { empty != nil }
}

extension VisibilityScreenModel {
    func group(_ kind: VisibleKind) -> VisibleGroupModel? { groups.first { $0.kind == kind } }
    func summaries(_ kind: VisibleKind) -> [String] { group(kind)?.rows.map(\.summary) ?? [] }
    var holdsOnlyTheDeviceName: Bool { empty != nil }
}

extension PauseScreenModel {
    var isEmpty: Bool { current.isEmpty }
    var headline: String? { banner }

    /// "HH:mm" of `ms` in `zone`.
    static func clockTime(_ ms: Int64, zone: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!
        let date = Date(timeIntervalSince1970: TimeInterval(ms) / 1000)
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }
}

extension PauseRowModel {
    var returnTime: String { returnAt }
    var canEnd: Bool { buttons.contains { $0.action == .end } }
    /// This phone started it and has not extended it yet.
    var canExtend: Bool { buttons.contains { $0.action == .extend } }
}

extension CleanExitStep: CaseIterable {
    public static var allCases: [CleanExitStep] { [.stopShared, .deletePartnerData] }
}

extension ErrorKind: CaseIterable {
    public static var allCases: [ErrorKind] {
        [.invalidInput, .notAllowedNow, .notFound, .wrongPassphrase, .wrongKey, .notATandemDatabase, .databaseTooNew,
         .pairingFailed, .pairingOutdated, .pairingExpired, .alreadyPaired, .notPaired, .payloadRejected,
         .payloadTooOld, .clockSkew, .storage, .damaged, .closed]
    }
}

extension TandemError {
    /// The core's technical reason: for logs, never for display.
    var reason: String {
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

extension GuardOutcome {
    var value: Value? {
        if case let .done(value) = self { return value }
        return nil
    }

    var wasRefused: Bool {
        if case .refused = self { return true }
        return false
    }
}

extension SyncInReport {
    var duplicates: UInt32 { reports.reduce(0) { $0 + $1.duplicates } }
    var alreadyImported: Int { reports.filter(\.alreadyImported).count }
    /// By the newest word from the partner in this batch (0 when there was none).
    var acknowledged: UInt64 { reports.map(\.acknowledged).max() ?? 0 }
}

extension SyncInItem.Outcome {
    /// Nothing will change by trying again.
    var isSettled: Bool { file != .keep }
}

extension FileSyncTransport {
    /// The largest file `accept` takes (the core's rule).
    static var maxFileBytes: Int { Int(syncFileMaxBytes()) }
}

extension NotificationContent {
    /// Every string the content carries.
    var allText: [String] {
        [title, subtitle, body, threadIdentifier] + userInfo.keys.sorted() + userInfo.values.sorted()
    }
}

extension ReplanReport {
    var changedNothing: Bool { armed.isEmpty && cancelled.isEmpty }
}

extension PairingFlow {
    var model: PairingScreenModel? {
        if case let .shown(m) = state { return m }
        return nil
    }
}

// A screen's button of one kind; its `perform` is the core's action (nil: a form).

extension OccurrenceRowModel {
    func button(_ kind: TodayActionKind) -> TodayButton? { buttons.first { $0.action == kind } }
}

extension TodayItemModel {
    func button(_ kind: TodayActionKind) -> TodayButton? { buttons.first { $0.action == kind } }
}

extension RitualRowModel {
    func button(_ kind: RitualActionKind) -> RitualButton? { buttons.first { $0.action == kind } }
}

extension AgreementRowModel {
    func button(_ kind: AgreementActionKind) -> AgreementButton? { buttons.first { $0.action == kind } }
}

extension AgreementOptionModel {
    func button(_ kind: AgreementActionKind) -> AgreementButton? { buttons.first { $0.action == kind } }
}

extension BoundaryRowModel {
    func button(_ kind: BoundaryActionKind) -> BoundaryButton? { buttons.first { $0.action == kind } }
}

extension RitualDayModel {
    func button(_ kind: TodayActionKind) -> TodayButton? { buttons.first { $0.action == kind } }
}

extension PauseRowModel {
    func button(_ kind: PauseActionKind) -> PauseButton? { buttons.first { $0.action == kind } }
}

extension AgreementVersion {
    /// This version as a draft to change.
    var draft: AgreementDraft {
        AgreementDraft(title: title, text: text, pauseProtocol: pauseProtocol, reviewOn: reviewOn)
    }
}

// A form as the core opened it, and a submit's answer, unwrapped.

extension FormModel {
    var ritual: (form: RitualFormInput, submits: [RitualSubmit])? {
        if case let .ritual(_, form, submits) = self { return (form, submits) } else { return nil }
    }

    var agreement: (form: AgreementFormInput, submits: [AgreementSubmit])? {
        if case let .agreement(_, form, submits) = self { return (form, submits) } else { return nil }
    }

    var boundary: (form: BoundaryFormInput, submits: [BoundarySubmit], examples: [String])? {
        if case let .boundary(_, form, submits, examples) = self { return (form, submits, examples) } else { return nil }
    }

    /// Above the form, in the core's words.
    var heading: String {
        switch self {
        case let .ritual(heading, _, _), let .agreement(heading, _, _), let .boundary(heading, _, _, _): return heading
        }
    }
}

extension RitualFormResult {
    var words: RitualFormCheck? { if case let .check(c) = self { return c } else { return nil } }
}

extension AgreementFormResult {
    var words: AgreementFormCheck? { if case let .check(c) = self { return c } else { return nil } }
}

extension BoundaryFormResult {
    var words: BoundaryFormCheck? { if case let .check(c) = self { return c } else { return nil } }
}

extension CheckInFormResult {
    var words: CheckInFormCheck? { if case let .check(c) = self { return c } else { return nil } }
}
