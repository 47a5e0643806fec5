import Foundation

/// The fields of the ritual form as typed. It never clamps, corrects or
/// checks: the core checks them field by field and makes the draft it takes
/// (`submit`).
public struct RitualForm: Equatable, Identifiable, Sendable {
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

    /// `asBefore` keeps a recurrence the form cannot show (every n days, monthly …).
    public enum Repeats: Equatable, Sendable {
        case daily, weekdays, asBefore
    }

    public static let week: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday, .sunday]

    public var purpose: Purpose
    public var title: String
    public var time: String
    public var minutes: String
    public var repeats: Repeats
    /// The chosen days when `repeats == .weekdays`.
    public var weekdays: Set<Weekday>
    /// "YYYY-MM-DD" as typed; empty: kept for good.
    public var trialUntil: String
    /// The draft a counter or an adjustment started from.
    public let base: RitualDraft?
    /// What the form opened with (the core's new form, or `base`'s fields):
    /// every field the form does not show is sent as it was.
    let opened: RitualFormInput
    /// The core's words for each field after a submit that sent nothing.
    public var check: RitualFormCheck?

    /// A new ritual's form as the core opens it (`newRitualForm`).
    public init(purpose: Purpose = .propose) {
        self.init(purpose: purpose, opened: newRitualForm(), base: nil)
    }

    /// A new ritual's form with its title, time and minutes typed.
    public init(purpose: Purpose = .propose, title: String, time: String, minutes: String) {
        self.init(purpose: purpose)
        (self.title, self.time, self.minutes) = (title, time, minutes)
    }

    public init(purpose: Purpose, from draft: RitualDraft) {
        let r = draft.recurrence
        let opened = RitualFormInput(
            title: draft.title, prompt: draft.prompt ?? "", minutes: String(draft.minutes), timeOfDay: draft.timeOfDay,
            zone: draft.zone, repeat: r?.repeat ?? .daily, startDate: r?.startDate ?? "", untilDate: r?.untilDate ?? "",
            count: r?.count, windowEnd: draft.windowEnd ?? "", leadMinutes: draft.leadMinutes,
            trialUntil: draft.trialUntil ?? "")
        self.init(purpose: purpose, opened: opened, base: draft)
    }

    private init(purpose: Purpose, opened: RitualFormInput, base: RitualDraft?) {
        (self.purpose, self.opened, self.base, check) = (purpose, opened, base, nil)
        (title, time, minutes, trialUntil) = (opened.title, opened.timeOfDay, opened.minutes, opened.trialUntil)
        switch opened.repeat {
        case .daily: (repeats, weekdays) = (.daily, [])
        case let .weekdays(days): (repeats, weekdays) = (.weekdays, Set(days))
        default: (repeats, weekdays) = (.asBefore, [])
        }
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

    public func heading(_ l: Labels) -> String {
        switch purpose {
        case .propose, .personal: return l.newRitual
        case .counter: return l.headingCounter
        case .adjust: return l.headingAdjust
        }
    }

    public func submitLabel(_ l: Labels) -> String {
        switch purpose {
        case .propose: return l.submitPropose
        case .personal: return l.submitPersonal
        case .counter: return l.submitCounter
        case .adjust: return l.submitAdjust
        }
    }

    /// Whether `asBefore` is a choice (the recurrence is one the form cannot show).
    public var canKeepRepeat: Bool {
        switch opened.repeat {
        case .daily, .weekdays: return false
        default: return true
        }
    }

    /// The typed fields as typed, over what the form does not show (as it opened).
    public var input: RitualFormInput {
        var form = opened
        (form.title, form.timeOfDay, form.minutes, form.trialUntil) = (title, time, minutes, trialUntil)
        switch repeats {
        case .daily: form.repeat = .daily
        case .weekdays: form.repeat = .weekdays(days: Self.ordered(weekdays))
        case .asBefore: break
        }
        return form
    }

    /// The ritual a change is for, and whether it is a trial's adjustment.
    var changes: (id: String?, adjust: Bool) {
        switch purpose {
        case .propose, .personal: return (nil, false)
        case let .counter(id): return (id, false)
        case let .adjust(id): return (id, true)
        }
    }

    /// Checks the form with the core and, when every field reads well, sends
    /// the core's draft through the coordinator (which re-plans). Nil when a
    /// field needs a change: `check` holds the core's words, nothing was sent.
    @discardableResult
    public mutating func submit(through reminders: ReminderCoordinator) throws -> Ritual? {
        check = try reminders.controller.open().checkRitualForm(form: input, ritualId: changes.id,
                                                                adjust: changes.adjust)
        guard let draft = check?.draft else { return nil }
        switch purpose {
        case .propose: return try reminders.change { t, _ in try t.proposeRitual(draft: draft) }.value
        case .personal: return try reminders.change { t, _ in try t.addPersonalRitual(draft: draft) }.value
        case let .counter(id): return try reminders.change { t, _ in try t.counterRitual(id: id, draft: draft) }.value
        case let .adjust(id):
            return try reminders.change { t, _ in try t.reviewRitual(id: id, outcome: .adjust(draft: draft)) }.value
        }
    }

    /// Monday first.
    public static func ordered<C: Collection>(_ days: C) -> [Weekday] where C.Element == Weekday {
        let chosen = Set(days)
        return week.filter(chosen.contains)
    }

    /// The day's short name in the core's words ("Mon", "Mo").
    public static func shortName(_ day: Weekday, _ l: Labels) -> String {
        let i = week.firstIndex(of: day) ?? 0
        return i < l.weekdaysShort.count ? l.weekdaysShort[i] : ""
    }
}
