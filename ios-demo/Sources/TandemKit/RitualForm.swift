import Foundation

/// The fields of the ritual form (new shared proposal, new personal ritual,
/// a counter, a trial review's adjustment) and the draft they make. It
/// never clamps or corrects: the core validates the draft and its message
/// shows. The only check here is that minutes are a whole number, since a
/// word cannot be passed on as one.
public struct RitualForm: Equatable, Identifiable, Sendable {
    /// What submitting does.
    public enum Purpose: Hashable, Sendable {
        /// A shared ritual proposed to the partner.
        case propose
        /// This phone's own ritual, active at once, never synced.
        case personal
        /// Another version of ritual `id` suggested to the partner.
        case counter(ritualId: String)
        /// A trial review answered "keep it, changed".
        case adjust(ritualId: String)
    }

    /// One form per purpose (for `.sheet(item:)`).
    public var id: String {
        switch purpose {
        case .propose: return "propose"
        case .personal: return "personal"
        case let .counter(ritualId): return "counter:\(ritualId)"
        case let .adjust(ritualId): return "adjust:\(ritualId)"
        }
    }

    /// A new ritual: the person chooses shared or personal.
    public var isNew: Bool { purpose == .propose || purpose == .personal }

    /// The form's title.
    public var heading: String {
        switch purpose {
        case .propose, .personal: return "New ritual"
        case .counter: return "Suggest another time"
        case .adjust: return "Adjust the experiment"
        }
    }

    /// The submit button's label.
    public var submitLabel: String {
        switch purpose {
        case .propose: return "Propose"
        case .personal: return "Add"
        case .counter: return "Suggest"
        case .adjust: return "Keep it, changed"
        }
    }

    /// How often: every day, or on the chosen weekdays. `asBefore` keeps a
    /// recurrence the form cannot show (every n days, monthly …) unchanged.
    public enum Repeats: Equatable, Sendable {
        case daily, weekdays, asBefore
    }

    public static let week: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday, .sunday]

    public var purpose: Purpose
    public var title: String
    /// "HH:MM", 24-hour clock, passed on as typed.
    public var time: String
    /// As typed: "30".
    public var minutes: String
    public var repeats: Repeats
    /// The chosen days when `repeats == .weekdays` (an empty choice goes to
    /// the core, which refuses it).
    public var weekdays: Set<Weekday>
    /// A gentle experiment's last day, "YYYY-MM-DD" as typed; empty: kept
    /// for good. An adjustment usually moves it on.
    public var trialUntil: String
    /// The draft the form started from (a counter's or an adjustment's):
    /// every field the form does not show stays as it was.
    public let base: RitualDraft?

    /// An empty form for a new ritual: 30 minutes, every day.
    public init(purpose: Purpose = .propose, title: String = "", time: String = "20:00", minutes: String = "30") {
        self.purpose = purpose
        self.title = title
        self.time = time
        self.minutes = minutes
        self.repeats = .daily
        self.weekdays = []
        self.trialUntil = ""
        self.base = nil
    }

    /// A form prefilled from `draft(ritual:)` for a counter or an adjustment.
    public init(purpose: Purpose, from draft: RitualDraft) {
        self.purpose = purpose
        self.title = draft.title
        self.time = draft.timeOfDay
        self.minutes = String(draft.minutes)
        self.trialUntil = draft.trialUntil ?? ""
        self.base = draft
        switch draft.recurrence?.repeat {
        case nil, .daily?:
            (repeats, weekdays) = (.daily, [])
        case let .weekdays(days)?:
            (repeats, weekdays) = (.weekdays, Set(days))
        default:
            (repeats, weekdays) = (.asBefore, [])
        }
    }

    /// Whether `asBefore` is a choice (the recurrence is one the form cannot show).
    public var canKeepRepeat: Bool {
        switch base?.recurrence?.repeat {
        case nil, .daily?, .weekdays?: return false
        default: return true
        }
    }

    /// The draft to pass on. Throws `InvalidInput` when minutes are not a
    /// whole number; everything else is the core's to judge.
    public func draft() throws -> RitualDraft {
        guard let minutes = UInt32(minutes.trimmingCharacters(in: .whitespaces)) else {
            throw TandemError.InvalidInput(reason: "minutes: a whole number of minutes, e.g. 30")
        }
        var draft = base ?? RitualDraft(title: "", prompt: nil, minutes: 0, timeOfDay: "", zone: .floating)
        draft.title = title
        draft.minutes = minutes
        draft.timeOfDay = time.trimmingCharacters(in: .whitespaces)
        let trial = trialUntil.trimmingCharacters(in: .whitespaces)
        draft.trialUntil = trial.isEmpty ? nil : trial
        let kept = base?.recurrence
        switch repeats {
        case .daily:
            draft.recurrence = kept.map { Recurrence(repeat: .daily, startDate: $0.startDate, untilDate: $0.untilDate, count: $0.count) }
        case .weekdays:
            let days = Self.ordered(weekdays)
            draft.recurrence = Recurrence(repeat: .weekdays(days: days), startDate: kept?.startDate,
                                          untilDate: kept?.untilDate, count: kept?.count)
        case .asBefore:
            break
        }
        return draft
    }

    /// Submits through the coordinator (which re-plans reminders).
    @discardableResult
    public func submit(through reminders: ReminderCoordinator) throws -> Ritual {
        let draft = try draft()
        switch purpose {
        case .propose: return try reminders.propose(draft).value
        case .personal: return try reminders.addPersonal(draft).value
        case let .counter(id): return try reminders.counter(ritual: id, draft: draft).value
        case let .adjust(id): return try reminders.review(ritual: id, outcome: .adjust(draft: draft)).value
        }
    }

    /// Monday first.
    public static func ordered<C: Collection>(_ days: C) -> [Weekday] where C.Element == Weekday {
        let chosen = Set(days)
        return week.filter(chosen.contains)
    }

    public static func shortName(_ day: Weekday) -> String {
        String(longName(day).prefix(3))
    }

    public static func longName(_ day: Weekday) -> String {
        switch day {
        case .monday: return "Monday"
        case .tuesday: return "Tuesday"
        case .wednesday: return "Wednesday"
        case .thursday: return "Thursday"
        case .friday: return "Friday"
        case .saturday: return "Saturday"
        case .sunday: return "Sunday"
        }
    }
}
