import Foundation

/// The fields of the agreement form as typed (a new agreement, an amendment,
/// the new version a review suggests). The core checks them field by field
/// and makes the draft it takes (`submit`).
public struct AgreementForm: Equatable, Identifiable, Sendable {
    public enum Purpose: Hashable, Sendable {
        case propose
        /// A new version of agreement `id`, built on `parentHash` (the
        /// version in effect, or one that waits).
        case amend(agreementId: String, parentHash: String)
        /// A review answered with a new version.
        case reviewAmend(agreementId: String)
    }

    public var purpose: Purpose
    public var title: String
    public var text: String
    /// Empty: no pause protocol.
    public var coolDownMinutes: String
    /// "YYYY-MM-DD" as typed or picked (`dayText(_:zone:)`); empty: none.
    public var reviewOn: String
    /// The version the form started from: its pause protocol's other fields stay.
    public let base: AgreementDraft?
    /// The core's message for each field after a submit that sent nothing.
    public var check: AgreementFormCheck?

    public init(purpose: Purpose = .propose) {
        self.purpose = purpose
        (title, text, coolDownMinutes, reviewOn, base, check) = ("", "", "", "", nil, nil)
    }

    public init(purpose: Purpose, from draft: AgreementDraft) {
        (self.purpose, title, text) = (purpose, draft.title, draft.text)
        coolDownMinutes = draft.pauseProtocol.map { String($0.coolDownMinutes) } ?? ""
        (reviewOn, base, check) = (draft.reviewOn ?? "", draft, nil)
    }

    /// One form per purpose (for `.sheet(item:)`).
    public var id: String {
        switch purpose {
        case .propose: return "propose"
        case let .amend(agreementId, parentHash): return "amend:\(agreementId):\(parentHash)"
        case let .reviewAmend(agreementId): return "review:\(agreementId)"
        }
    }

    public func heading(_ l: Labels) -> String { purpose == .propose ? l.newAgreement : l.headingAmend }
    public func submitLabel(_ l: Labels) -> String { purpose == .propose ? l.submitAgreement : l.submitAmend }

    public var input: AgreementFormInput {
        let kept = base?.pauseProtocol
        return AgreementFormInput(title: title, text: text, coolDown: coolDownMinutes, reviewOn: reviewOn,
                                  eitherMayCall: kept?.eitherMayCall ?? true, revisit: kept?.revisit)
    }

    /// The agreement a change is for and the version it builds on (nil: the one in effect).
    var amends: (id: String?, parent: String?) {
        switch purpose {
        case .propose: return (nil, nil)
        case let .amend(id, parent): return (id, parent)
        case let .reviewAmend(id): return (id, nil)
        }
    }

    /// Checks the form with the core and, when every field reads well, sends
    /// the core's draft through the coordinator (which re-plans). Nil when a
    /// field needs a change: `check` holds the core's words, nothing was sent.
    @discardableResult
    public mutating func submit(through reminders: ReminderCoordinator) throws -> Agreement? {
        check = try reminders.controller.open().checkAgreementForm(
            form: input, agreementId: amends.id, parentHash: amends.parent)
        guard let draft = check?.draft else { return nil }
        switch purpose {
        case .propose: return try reminders.change { t, _ in try t.proposeAgreement(draft: draft) }.value
        case let .amend(id, parent):
            return try reminders.change { t, _ in try t.amendAgreement(id: id, parentHash: parent, draft: draft) }.value
        case let .reviewAmend(id):
            return try reminders.change { t, _ in try t.reviewAgreement(id: id, outcome: .amend(draft: draft)) }.value
        }
    }

    /// "YYYY-MM-DD" of `date` (a date picker's choice) on the calendar of
    /// `zone`, UTC when the zone is unknown.
    public static func dayText(_ date: Date, zone: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!
        let p = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", p.year ?? 0, p.month ?? 0, p.day ?? 0)
    }
}
