import Foundation

/// Something a person can do to a ritual from its row. `review` answers a
/// gentle experiment that reached its last day (keep, adjust or stop:
/// `TandemController.review(ritual:outcome:)`).
public enum RitualAction: String, CaseIterable, Sendable {
    case accept, decline, counter, review, pause, resume, retire
}

/// One line of the rituals screen: a shared ritual, or a personal one (this
/// phone's own, never synced; it never waits for anyone).
public struct RitualRow: Equatable, Identifiable, Sendable {
    /// Where the ritual stands, from this phone's side. Nothing here says who
    /// said no: a declined or retired ritual simply leaves the list.
    public enum Status: Equatable, CaseIterable, Sendable {
        /// The partner proposed it; this phone answers.
        case waitingForYourAnswer
        /// This phone proposed or suggested the version that waits.
        case waitingForYourPartner
        /// The partner suggested another time; this phone answers.
        case anotherTimeSuggested
        case active
        /// Active, and the partner suggested a change; the old version stays
        /// in effect until this phone accepts (declining keeps it as it is).
        case changeWaitsForYourAnswer
        case paused

        public var text: String {
            switch self {
            case .waitingForYourAnswer: return "Waiting for your answer"
            case .waitingForYourPartner: return "Waiting for your partner"
            case .anotherTimeSuggested: return "Another time suggested"
            case .active: return "Active"
            case .changeWaitsForYourAnswer: return "A change waits for your answer"
            case .paused: return "Paused"
            }
        }
    }

    /// The ritual's id.
    public let id: String
    public let title: String
    /// Its time of day: the version in effect, else the one waiting: "20:30".
    public let time: String
    /// The zone a fixed-zone ritual is read in ("Europe/Berlin"); nil when
    /// it follows the device.
    public let zoneNote: String?
    /// The time of a change waiting beside the version in effect; nil when
    /// nothing waits or the time stays the same.
    public let suggestedTime: String?
    public let status: Status
    /// What to offer, in `RitualAction` order.
    public let actions: [RitualAction]
    /// This phone's own ritual: never synced, never waits for the partner.
    public let personal: Bool
    /// A gentle experiment's last day ("YYYY-MM-DD"); nil for a ritual kept
    /// for good.
    public let trialUntil: String?
    /// The trial reached its last day and nothing answers it yet: offer
    /// keep, adjust or stop (`actions` holds `.review`).
    public let reviewDue: Bool
    /// The version waiting for this phone's answer, every field in the
    /// core's words ("repeats: Mon to Thu"), to read whole before accepting;
    /// empty when nothing waits for this phone.
    public let reads: [String]
    /// What that version changes ("repeats: Tue and Thu instead of every day").
    public let changes: [String]
    /// The version an answer names (`TandemController.accept(ritual:version:)`);
    /// nil when nothing waits for this phone.
    public let answerVersion: String?

    /// Shown beside a personal ritual's status.
    public static let personalNote = "Just for you"

    public var statusText: String { status.text }

    public init(
        id: String, title: String, time: String, zoneNote: String? = nil, suggestedTime: String? = nil,
        status: Status, actions: [RitualAction], personal: Bool = false, trialUntil: String? = nil,
        reviewDue: Bool = false, reads: [String] = [], changes: [String] = [], answerVersion: String? = nil
    ) {
        self.id = id
        self.title = title
        self.time = time
        self.zoneNote = zoneNote
        self.suggestedTime = suggestedTime
        self.status = status
        self.actions = actions
        self.personal = personal
        self.trialUntil = trialUntil
        self.reviewDue = reviewDue
        self.reads = reads
        self.changes = changes
        self.answerVersion = answerVersion
    }
}

/// The rituals as rows, in the core's order (the order they were proposed;
/// the shared ones in the same order on both phones). Proposed, countered,
/// active and paused rituals show; declined and retired ones leave the list
/// without a word about who ended them. Personal rituals show on their
/// author's phone only, flagged `personal`.
public struct RitualsScreen: Equatable, Sendable {
    public static let emptyMessage = "No shared rituals yet. Propose one to your partner."

    /// This phone's device id (hex).
    public let deviceId: String
    public let rows: [RitualRow]

    public var isEmpty: Bool { rows.isEmpty }

    /// Rows that wait for an answer from this phone (for a badge).
    public var answersWaiting: Int { rows.filter { $0.actions.contains(.accept) }.count }

    /// Rows whose trial waits for a review (keep, adjust or stop), in list order.
    public var reviewsDue: [RitualRow] { rows.filter(\.reviewDue) }

    /// Builds the rows from `rituals()`, `device().deviceId` and
    /// `reviewsDue(deviceZone:)` (the core decides when a review is due).
    public init(rituals: [Ritual], deviceId: String, reviewsDue: [Ritual] = []) {
        self.deviceId = deviceId
        let due = Set(reviewsDue.map(\.id))
        self.rows = rituals.compactMap { Self.row(for: $0, deviceId: deviceId, reviewDue: due.contains($0.id)) }
    }

    public func row(id: String) -> RitualRow? {
        rows.first { $0.id == id }
    }

    /// The row for `ritual` as `deviceId` sees it; nil when it does not show.
    static func row(for ritual: Ritual, deviceId: String, reviewDue: Bool = false) -> RitualRow? {
        // The answer is awaited from the device that did not author the
        // pending version. A personal ritual waits for nobody.
        let answerIsMine = !ritual.personal && (ritual.pending.map { $0.by != deviceId } ?? false)
        let inEffect = ritual.status == .active || ritual.status == .paused
        let status: RitualRow.Status
        var actions: [RitualAction] = []
        if answerIsMine {
            // Declining a proposal or a suggested time ends the ritual;
            // declining a change to a ritual in effect drops only the change
            // (the ritual keeps its old version and status).
            actions += [.accept, .decline, .counter]
        }
        if reviewDue {
            actions.append(.review)
        }
        switch ritual.status {
        case .proposed where ritual.personal, .countered where ritual.personal:
            // Not a state a personal ritual has (it is active at once); never
            // shown as waiting for a partner who will never see it.
            status = .active
            actions += [.pause, .retire]
        case .proposed:
            status = answerIsMine ? .waitingForYourAnswer : .waitingForYourPartner
        case .countered:
            status = answerIsMine ? .anotherTimeSuggested : .waitingForYourPartner
        case .active:
            status = answerIsMine ? .changeWaitsForYourAnswer : .active
            actions += [.pause, .retire]
        case .paused:
            status = .paused
            actions += [.resume, .retire]
        case .declined, .retired:
            return nil
        }
        let suggested = inEffect ? ritual.pending.map(\.timeOfDay).flatMap { $0 == ritual.timeOfDay ? nil : $0 } : nil
        return RitualRow(
            id: ritual.id,
            title: ritual.title,
            time: ritual.timeOfDay,
            zoneNote: Self.zoneName(ritual.zone),
            suggestedTime: suggested,
            status: status,
            actions: actions,
            personal: ritual.personal,
            trialUntil: ritual.trialUntil,
            reviewDue: reviewDue,
            reads: answerIsMine ? (ritual.pending?.terms ?? []).map { "\($0.label): \($0.text)" } : [],
            changes: answerIsMine ? (ritual.pending?.changes ?? []).map(\.summary) : [],
            answerVersion: answerIsMine ? ritual.pending?.version : nil
        )
    }

    private static func zoneName(_ zone: ZoneMode) -> String? {
        if case let .fixed(name) = zone { return name }
        return nil
    }
}
