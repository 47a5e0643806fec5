import Foundation

/// What a person can do to an occurrence on Today.
public enum OccurrenceAction: String, CaseIterable, Sendable {
    case done, skip, snooze
}

/// One occurrence on Today: due (started, not marked), coming, or already
/// done or skipped today (shown quietly).
public struct TodayItem: Equatable, Identifiable, Sendable {
    /// Stable per occurrence: ritual id and start.
    public let id: String
    public let ritualId: String
    public let title: String
    /// Its scheduled date, "YYYY-MM-DD": the key for done, skip and snooze.
    public let date: String
    /// Start on this device's clock: "20:30".
    public let time: String
    /// Due: "started 10 min ago · 30 min"; coming: "in 2 h · 30 min";
    /// done: "done" or "skipped"; " · rest week" when resting.
    public let detail: String
    /// A ritual fixed in another zone, its own time there ("18:00 Europe/Berlin").
    public let zoneNote: String?
    public let startMs: Int64
    public let status: OccurrenceStatus
    public let resting: Bool
    public let personal: Bool
    /// Due ones offer done, skip and snooze; the others nothing.
    public let actions: [OccurrenceAction]
    /// On a done occurrence: the notes and feelings left when it was marked
    /// done, first marker first (on a shared ritual both partners' words).
    public let said: [SaidLine]
}

/// What one partner said when marking an occurrence done.
public struct SaidLine: Equatable, Sendable {
    public static let byMe = "You"
    public static let byPartner = "Your partner"

    /// Left by this phone's person.
    public let mine: Bool
    public let feeling: String?
    public let note: String?

    /// "You: grateful · “Lovely walk”", "Your partner: calm".
    public var text: String {
        (mine ? Self.byMe : Self.byPartner) + ": "
            + [feeling, note.map { "“\($0)”" }].compactMap { $0 }.joined(separator: " · ")
    }

    /// The lines of `said`, in the core's order, leaving out a mark that said nothing.
    public static func lines(_ said: [Said]) -> [SaidLine] {
        said.filter { $0.note != nil || $0.feeling != nil }
            .map { SaidLine(mine: $0.mine, feeling: $0.feeling, note: $0.note) }
    }
}

/// A ritual or agreement version waiting for this phone's answer.
public struct TodayInvitation: Equatable, Identifiable, Sendable {
    public enum Kind: Equatable, Sendable { case ritual, agreement }

    /// "ritual:<id>" or "agreement:<id>:<hash>".
    public let id: String
    public let kind: Kind
    /// The ritual's or agreement's id.
    public let targetId: String
    /// For an agreement: the waiting version's content hash, what accepting names.
    public let versionHash: String?
    public let title: String
    /// "Your partner proposed a ritual", "Your partner suggested another
    /// time", "Your partner suggested a change", "Your partner proposed an
    /// agreement", "Your partner suggested a new version".
    public let headline: String
    /// The waiting version: "21:00 · 30 min · every day", or the agreement's text.
    public let detail: String
    /// accept, decline and (rituals) counter.
    public let actions: [RitualActionKind]
}

/// A trial whose last day came, or an agreement whose review date came.
public struct TodayReview: Equatable, Identifiable, Sendable {
    public enum Kind: Equatable, Sendable { case ritual, agreement }

    /// "ritual:<id>" or "agreement:<id>".
    public let id: String
    public let kind: Kind
    public let targetId: String
    public let title: String
    /// "Time to look back: tried until 2027-03-20" or "Time to revisit (review on 2027-04-01)".
    public let text: String
    public let personal: Bool
}

/// The Today screen from the core's one-call overview (`today(deviceZone:)`):
/// due occurrences to mark, the ones coming, the ones marked since
/// midnight, invitations waiting for this phone, reviews due, the pause
/// banner and the next reminder. Times read on the device's clock.
public struct TodayScreen: Equatable, Sendable {
    public static let emptyMessage = "Nothing for today. A quiet day is fine too."
    public static let restWeekNote = "rest week"
    /// Beside a personal ritual's row.
    public static let personalNote = "Just for you"

    public let nowMs: Int64
    public let deviceZone: String
    /// Started before now, still scheduled, not resting: oldest first.
    public let due: [TodayItem]
    /// Starting from now (within 24 h), soonest first.
    public let coming: [TodayItem]
    /// Marked done or skipped since midnight, in start order.
    public let done: [TodayItem]
    public let invitations: [TodayInvitation]
    public let reviews: [TodayReview]
    /// The newest running pause (the partner's or this phone's), worded as
    /// on the pause screen; nil when none runs.
    public let pause: PauseRow?
    /// "Next reminder 20:20 · Evening check-in"; nil when none is planned.
    public let nextReminder: String?
    /// What "later" offers on a due item (the core's `Offers.snooze`).
    public private(set) var snooze: Choice?

    /// Nothing at all to show.
    public var isEmpty: Bool {
        due.isEmpty && coming.isEmpty && done.isEmpty && invitations.isEmpty && reviews.isEmpty && pause == nil
    }

    /// - Parameters mirror `TodayOverview`: `occurrences` from the device's
    ///   local midnight to now + 24 h (all statuses), the invitations
    ///   waiting for this phone, the reviews due, the running pauses and the
    ///   next reminder.
    public init(
        nowMs: Int64, deviceZone: String, occurrences: [Occurrence],
        ritualInvitations: [Ritual] = [], agreementInvitations: [Agreement] = [],
        ritualReviews: [Ritual] = [], agreementReviews: [Agreement] = [],
        pauseScreen: PauseScreenModel? = nil, nextReminder: Reminder? = nil
    ) {
        self.nowMs = nowMs
        self.deviceZone = deviceZone
        let sorted = occurrences.sorted { ($0.startMs, $0.ritualId) < ($1.startMs, $1.ritualId) }
        func item(_ o: Occurrence, detail: String, actions: [OccurrenceAction]) -> TodayItem {
            TodayItem(
                id: "\(o.ritualId)@\(o.startMs)", ritualId: o.ritualId, title: o.title, date: o.date,
                time: String(o.deviceLocalStart.suffix(5)),
                detail: detail + (o.resting ? " · \(Self.restWeekNote)" : ""),
                zoneNote: o.zone == deviceZone ? nil : "\(o.localStart.suffix(5)) \(o.zone)",
                startMs: o.startMs, status: o.status, resting: o.resting, personal: o.personal,
                actions: actions, said: SaidLine.lines(o.said))
        }
        let length = { (o: Occurrence) in TodayModel.duration(o.endMs - o.startMs) }
        done = sorted.filter { $0.status != .scheduled }
            .map { item($0, detail: $0.status == .done ? "done" : "skipped", actions: []) }
        due = sorted.filter { $0.status == .scheduled && $0.startMs < nowMs && !$0.resting }
            .map { item($0, detail: "\(Self.ago(from: $0.startMs, to: nowMs)) · \(length($0))",
                        actions: OccurrenceAction.allCases) }
        coming = sorted.filter { $0.status == .scheduled && $0.startMs >= nowMs && $0.startMs < nowMs + TodayModel.window }
            .map { item($0, detail: "\(TodayModel.relative(from: nowMs, to: $0.startMs)) · \(length($0))", actions: []) }
        invitations = ritualInvitations.map(Self.invitation(ritual:))
            + agreementInvitations.flatMap { a in
                a.pending.filter(\.waitingForMe).map { Self.invitation(agreement: a, version: $0) }
            }
        reviews = ritualReviews.map {
            TodayReview(id: "ritual:\($0.id)", kind: .ritual, targetId: $0.id, title: $0.title,
                        text: "Time to look back: tried until \($0.trialUntil ?? "")", personal: $0.personal)
        } + agreementReviews.map {
            TodayReview(id: "agreement:\($0.id)", kind: .agreement, targetId: $0.id, title: $0.title,
                        text: "Time to revisit" + ($0.inEffect?.reviewOn.map { " (review on \($0))" } ?? ""),
                        personal: false)
        }
        pause = pauseScreen.flatMap { PauseScreen(model: $0).rows.first }
        self.nextReminder = nextReminder.map(Self.reminderLine)
    }

    /// "Next reminder 20:20 · Evening check-in" (its private title when the
    /// person hides notification text).
    public static func reminderLine(_ r: Reminder) -> String {
        "Next reminder \(r.localTime.suffix(5)) · \(r.notificationTitle)"
    }

    /// "started just now", "started 10 min ago", "started 2 h 5 min ago".
    static func ago(from startMs: Int64, to nowMs: Int64) -> String {
        let minutes = max(0, (nowMs - startMs) / 60_000)
        return minutes == 0 ? "started just now" : "started \(TodayModel.duration(minutes * 60_000)) ago"
    }

    static func invitation(ritual r: Ritual) -> TodayInvitation {
        let headline: String
        switch r.status {
        case .proposed: headline = "Your partner proposed a ritual"
        case .countered: headline = "Your partner suggested another time"
        default: headline = "Your partner suggested a change"
        }
        let v = r.pending
        let detail = "\(v?.timeOfDay ?? r.timeOfDay) · \(TodayModel.duration(Int64(v?.minutes ?? r.minutes) * 60_000))"
            + " · \(repeatText((v?.recurrence ?? r.recurrence).repeat))"
        return TodayInvitation(id: "ritual:\(r.id)", kind: .ritual, targetId: r.id, versionHash: nil,
                               title: v?.title ?? r.title, headline: headline, detail: detail,
                               actions: [.accept, .decline, .counter])
    }

    static func invitation(agreement a: Agreement, version v: AgreementVersion) -> TodayInvitation {
        TodayInvitation(id: "agreement:\(a.id):\(v.hash)", kind: .agreement, targetId: a.id, versionHash: v.hash,
                        title: v.title,
                        headline: v.parent == nil ? "Your partner proposed an agreement" : "Your partner suggested a new version",
                        detail: v.text, actions: [.accept, .decline])
    }

    /// "every day", "Mon, Wed, Fri", "every 3 days", "every week",
    /// "monthly on day 5", "monthly on the 2nd Tuesday" / "… last Friday".
    public static func repeatText(_ r: Repeat) -> String {
        switch r {
        case .daily: return "every day"
        case let .weekdays(days):
            return days.count == 7 ? "every day" : RitualForm.ordered(days).map(RitualForm.shortName).joined(separator: ", ")
        case let .everyNDays(n): return n == 1 ? "every day" : "every \(n) days"
        case .weekly: return "every week"
        case let .monthlyOnDay(day): return "monthly on day \(day)"
        case let .monthlyOnWeekday(nth, weekday):
            let which = nth == -1 ? "last" : ["1st", "2nd", "3rd", "4th", "5th"][safe: Int(nth) - 1] ?? "\(nth)th"
            return "monthly on the \(which) \(RitualForm.longName(weekday))"
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

extension TodayScreen {
    /// From the core's `today(deviceZone:)`.
    public init(overview o: TodayOverview, deviceZone: String, offers: Offers? = nil,
                pauseScreen: PauseScreenModel? = nil) {
        self.init(nowMs: o.nowMs, deviceZone: deviceZone, occurrences: o.occurrences,
                  ritualInvitations: o.ritualInvitations, agreementInvitations: o.agreementInvitations,
                  ritualReviews: o.ritualReviews, agreementReviews: o.agreementReviews,
                  pauseScreen: pauseScreen, nextReminder: o.nextReminder)
        self.snooze = offers?.snooze
    }
}
