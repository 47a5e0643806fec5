import Foundation

/// The fields of the agreement form (a new agreement, an amendment, the
/// new version a review suggests) and the draft they make. Nothing is
/// clamped: the core validates and its message shows. The only checks here
/// are that a cool-down typed is a whole number and a review date picked
/// becomes "YYYY-MM-DD" on the device's calendar.
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

    /// One form per purpose (for `.sheet(item:)`).
    public var id: String {
        switch purpose {
        case .propose: return "propose"
        case let .amend(agreementId, parentHash): return "amend:\(agreementId):\(parentHash)"
        case let .reviewAmend(agreementId): return "review:\(agreementId)"
        }
    }

    public var heading: String {
        switch purpose {
        case .propose: return "New agreement"
        case .amend, .reviewAmend: return "Suggest a new version"
        }
    }

    public var submitLabel: String {
        purpose == .propose ? "Propose" : "Suggest"
    }

    public var title: String
    public var text: String
    /// Minutes as typed; empty: no pause protocol.
    public var coolDownMinutes: String
    /// "YYYY-MM-DD" as typed or picked (`dayText(_:zone:)`); empty: none.
    public var reviewOn: String
    /// The version the form started from: its pause protocol's other
    /// fields (who may call it, where to come back) stay as they were.
    public let base: AgreementDraft?

    public init(purpose: Purpose = .propose) {
        self.purpose = purpose
        (title, text, coolDownMinutes, reviewOn) = ("", "", "", "")
        base = nil
    }

    /// Prefilled from a version (`AgreementVersion.draft`).
    public init(purpose: Purpose, from draft: AgreementDraft) {
        self.purpose = purpose
        title = draft.title
        text = draft.text
        coolDownMinutes = draft.pauseProtocol.map { String($0.coolDownMinutes) } ?? ""
        reviewOn = draft.reviewOn ?? ""
        base = draft
    }

    public func draft() throws -> AgreementDraft {
        let minutesText = coolDownMinutes.trimmingCharacters(in: .whitespaces)
        var pause: PauseProtocol?
        if !minutesText.isEmpty {
            guard let minutes = UInt32(minutesText) else {
                throw TandemError.InvalidInput(reason: "cool-down: a whole number of minutes, e.g. 30")
            }
            let kept = base?.pauseProtocol
            pause = PauseProtocol(coolDownMinutes: minutes, eitherMayCall: kept?.eitherMayCall ?? true,
                                  revisit: kept?.revisit)
        }
        let review = reviewOn.trimmingCharacters(in: .whitespaces)
        return AgreementDraft(title: title, text: text, pauseProtocol: pause, reviewOn: review.isEmpty ? nil : review)
    }

    /// Submits through the coordinator (which re-plans: a review date is a reminder).
    @discardableResult
    public func submit(through reminders: ReminderCoordinator) throws -> Agreement {
        let draft = try draft()
        switch purpose {
        case .propose: return try reminders.propose(agreement: draft).value
        case let .amend(id, parent): return try reminders.amend(agreement: id, on: parent, draft: draft).value
        case let .reviewAmend(id): return try reminders.review(agreement: id, outcome: .amend(draft: draft)).value
        }
    }

    /// "YYYY-MM-DD" of `date` on the calendar of `zone` (a date picker's
    /// choice), UTC when the zone is unknown.
    public static func dayText(_ date: Date, zone: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!
        let p = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", p.year ?? 0, p.month ?? 0, p.day ?? 0)
    }
}
