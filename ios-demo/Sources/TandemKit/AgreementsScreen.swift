import Foundation

/// Something a person can do to an agreement from its row. Accepting and
/// declining name one version (`AgreementCard.canAnswer`), by its hash.
public enum AgreementAction: String, CaseIterable, Sendable {
    case accept, decline, amend, review, withdraw
}

/// One version of an agreement as shown: the one in effect, or one of the
/// alternatives waiting side by side.
public struct AgreementCard: Equatable, Identifiable, Sendable {
    /// The content hash: what accepting or declining names.
    public var id: String { hash }
    public let hash: String
    public let title: String
    public let text: String
    /// "Your version" or "Your partner's version".
    public let byline: String
    public let byMe: Bool
    /// This phone may accept or decline it.
    public let canAnswer: Bool
    public let reviewOn: String?
    public let pauseProtocol: PauseProtocol?
    /// Every field in the core's words ("cool-down: 30 min"), to read the
    /// version whole before answering.
    public let reads: [String]
    /// What a waiting version changes against the version in effect (or the
    /// one it amends): "cool-down: 45 min instead of 30 min".
    public let changes: [String]

    public static let yourVersion = "Your version"
    public static let partnersVersion = "Your partner's version"

    public init(_ version: AgreementVersion) {
        self.hash = version.hash
        self.title = version.title
        self.text = version.text
        self.byMe = version.byMe
        self.byline = version.byMe ? Self.yourVersion : Self.partnersVersion
        self.canAnswer = version.waitingForMe
        self.reviewOn = version.reviewOn
        self.pauseProtocol = version.pauseProtocol
        self.reads = version.terms.map { "\($0.label): \($0.text)" }
        self.changes = version.changes.map(\.summary)
    }
}

/// One step of an agreement's history, from this phone's side.
public struct AgreementHistoryLine: Equatable, Sendable {
    public let kind: HistoryKind
    public let byMe: Bool
    public let atMs: Int64
    /// The version it names (nil for a withdrawal).
    public let version: String?
    /// "Your partner suggested a change: “Phones away”".
    public let text: String
}

/// One line of the agreements screen.
public struct AgreementRow: Equatable, Identifiable, Sendable {
    /// Where the agreement stands, from this phone's side. Who withdrew is
    /// in the history, not in the status.
    public enum Status: Equatable, CaseIterable, Sendable {
        /// The newest version that waits is the partner's.
        case waitingForYourAnswer
        /// The newest version that waits is this phone's.
        case waitingForYourPartner
        /// A version both accepted is in effect and nothing waits.
        case inEffect
        case withdrawn

        public var text: String {
            switch self {
            case .waitingForYourAnswer: return "waiting for your answer"
            case .waitingForYourPartner: return "waiting for your partner"
            case .inEffect: return "in effect"
            case .withdrawn: return "withdrawn"
            }
        }
    }

    public let id: String
    /// The core's `Agreement.title`: the version in effect's title, else the
    /// newest waiting one's, else the last version's (a withdrawn agreement
    /// keeps its title without its history).
    public let title: String
    public let status: Status
    /// The version both accepted; nil before one is, and once withdrawn.
    public let inEffect: AgreementCard?
    /// Versions waiting for an answer, side by side, in the core's order.
    public let alternatives: [AgreementCard]
    /// What to offer, in `AgreementAction` order.
    public let actions: [AgreementAction]
    /// The review date of the version in effect has come.
    public let reviewDue: Bool
    /// Oldest first; empty when the screen was built without the history.
    public let history: [AgreementHistoryLine]

    public var statusText: String { status.text }
}

/// The agreements as rows, in the core's order. Declined ones (nothing ever
/// took effect) leave the list; withdrawn ones stay, marked "withdrawn",
/// with their history.
public struct AgreementsScreen: Equatable, Sendable {
    public static let emptyMessage = "No agreements yet. Write one down together."

    public let rows: [AgreementRow]

    public var isEmpty: Bool { rows.isEmpty }

    /// Rows with a version waiting for this phone's answer (for a badge).
    public var answersWaiting: Int { rows.filter { $0.actions.contains(.accept) }.count }

    /// Builds the rows from `agreements()`, `agreementReviewsDue(deviceZone:)`
    /// and, per agreement id, `agreementHistory(id:)` (only for the history
    /// lines: titles come from the agreement itself).
    public init(agreements: [Agreement], reviewsDue: [Agreement] = [], histories: [String: AgreementHistory] = [:]) {
        let due = Set(reviewsDue.map(\.id))
        self.rows = agreements.compactMap {
            Self.row(for: $0, reviewDue: due.contains($0.id), history: histories[$0.id])
        }
    }

    public func row(id: String) -> AgreementRow? {
        rows.first { $0.id == id }
    }

    static func row(for agreement: Agreement, reviewDue: Bool, history: AgreementHistory?) -> AgreementRow? {
        let status: AgreementRow.Status
        var actions: [AgreementAction] = []
        switch agreement.status {
        case .declined:
            return nil
        case .withdrawn:
            status = .withdrawn
        case .proposed, .active:
            if let newest = agreement.pending.max(by: { $0.atMs < $1.atMs }) {
                status = newest.byMe || !newest.waitingForMe ? .waitingForYourPartner : .waitingForYourAnswer
            } else {
                status = .inEffect
            }
            if agreement.pending.contains(where: \.waitingForMe) {
                actions += [.accept, .decline]
            }
            actions.append(.amend)
            if reviewDue { actions.append(.review) }
            actions.append(.withdraw)
        }
        let lines = history.map(historyLines) ?? []
        return AgreementRow(
            id: agreement.id, title: agreement.title, status: status,
            inEffect: agreement.inEffect.map(AgreementCard.init),
            alternatives: agreement.pending.map(AgreementCard.init),
            actions: actions, reviewDue: reviewDue, history: lines)
    }

    /// The history as lines a person reads, oldest first.
    public static func historyLines(_ history: AgreementHistory) -> [AgreementHistoryLine] {
        var titles: [String: String] = [:]
        return history.entries.map { entry in
            if let version = entry.version, let title = entry.title { titles[version] = title }
            let title = entry.title ?? entry.version.flatMap { titles[$0] }
            let who = entry.byMe ? "You" : "Your partner"
            let quoted = title.map { " “\($0)”" } ?? ""
            let text: String
            switch entry.kind {
            case .proposed: text = "\(who) proposed\(quoted)"
            case .amended: text = "\(who) suggested a change:\(quoted)"
            case .accepted: text = "\(who) accepted\(quoted)"
            case .declined: text = "\(who) declined\(quoted)"
            case .withdrawn: text = "\(who) withdrew \(entry.byMe ? "your" : "their") consent"
            case .kept: text = "\(who) kept\(quoted) at its review"
            }
            return AgreementHistoryLine(kind: entry.kind, byMe: entry.byMe, atMs: entry.atMs,
                                        version: entry.version, text: text)
        }
    }
}

extension AgreementVersion {
    /// This version as a draft to edit for `amend(agreement:on:draft:)` or a
    /// review's `.amend`: change one field and the rest stays. The parent's
    /// review date may stay as it is even after it passed; a new or changed
    /// one must be after today (else `InvalidInput`).
    public var draft: AgreementDraft {
        AgreementDraft(title: title, text: text, pauseProtocol: pauseProtocol, reviewOn: reviewOn)
    }
}

extension AgreementCard {
    /// This version as a draft to edit (like `AgreementVersion.draft`).
    public var draft: AgreementDraft {
        AgreementDraft(title: title, text: text, pauseProtocol: pauseProtocol, reviewOn: reviewOn)
    }
}
