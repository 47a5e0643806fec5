import Foundation

/// Where reminders are armed as local notifications. In the app it is backed
/// by `UNUserNotificationCenter` (`UserNotificationScheduler`, Apple platforms
/// only); tests use a fake. It only holds notifications: which ones, when and
/// with what words, the core decides (`Tandem.armReminders`).
public protocol NotificationScheduler: AnyObject {
    /// The ids of every notification armed and not delivered yet.
    func pendingIds() throws -> [String]
    /// Arms `alarm` under `alarm.id` at `fireAtMs`, showing its `title` and
    /// `body` (already the private words when the person hides notification
    /// text). One already pending under that id is replaced, as
    /// `UNUserNotificationCenter.add` does.
    func arm(_ alarm: Alarm) throws
    /// Removes the pending notifications with these ids; unknown ids are ignored.
    func cancel(ids: [String]) throws
    /// Whether the person lets Tandem show notifications now. Schedulers
    /// that cannot tell (tests) need not implement it: `.allowed`.
    func permission() throws -> NotificationPermission
}

extension NotificationScheduler {
    public func permission() throws -> NotificationPermission { .allowed }
}

extension Alarm {
    /// Everything the notification's content carries, so the app only
    /// copies it into a `UNMutableNotificationContent`.
    public var notificationContent: NotificationContent { NotificationContent(self) }
}

/// The text of one local notification, field by field, as the core worded
/// it. When the reminder hides its content (the default on a new install),
/// nothing in it names the ritual, the agreement or the time. The app sets
/// exactly these fields and no others.
public struct NotificationContent: Equatable, Sendable {
    public let title: String
    public let subtitle: String
    public let body: String
    /// Groups notifications in Notification Center: the core's channel key, never text.
    public let threadIdentifier: String
    /// The reminder's id (a hash) and channel, for opening the app; no text.
    public let userInfo: [String: String]

    public init(_ a: Alarm) {
        title = a.title
        subtitle = ""
        body = a.body
        threadIdentifier = a.channelKey
        userInfo = ["reminderId": a.id, "channel": a.channelKey]
    }

    /// Every string the content carries.
    public var allText: [String] {
        [title, subtitle, body, threadIdentifier] + userInfo.keys.sorted() + userInfo.values.sorted()
    }
}

/// What one re-plan did.
public struct ReplanReport: Equatable {
    public let trigger: ReplanTrigger
    /// The whole plan, soonest first (armed only when notifications are allowed).
    public let plan: [Reminder]
    /// Ids armed by this re-plan, soonest first.
    public let armed: [String]
    /// Ids cancelled, sorted.
    public let cancelled: [String]
    /// The permission this re-plan found.
    public let permission: NotificationPermission
    /// The core's notices for that permission, worded.
    public let notices: [ReminderNotice]

    /// What to show in the app when reminders cannot be notifications; nil
    /// when they can.
    public var permissionMessage: String? { notices.first?.text }

    /// Nothing was armed or cancelled.
    public var changedNothing: Bool { armed.isEmpty && cancelled.isEmpty }
}

/// Keeps the scheduler's pending notifications equal to the core's plan:
/// asks the core what to cancel and arm (`armReminders`, given the pending
/// ids and the permission) and does exactly that, cancelling first. iOS
/// refuses notifications it may not show, so without permission the core
/// arms nothing and cancels what was pending. Not thread-safe: use it where
/// the controller is used.
public final class ReminderCoordinator {
    /// How long after one background refresh the app asks for the next
    /// (`.backgroundRefresh` re-plans): the system picks the moment, and
    /// 60 reminders cover more than a day, so six hours keeps them armed.
    public static let backgroundRefreshInterval: TimeInterval = 6 * 60 * 60

    private let controller: TandemController
    private let scheduler: NotificationScheduler

    public init(controller: TandemController, scheduler: NotificationScheduler) {
        self.controller = controller
        self.scheduler = scheduler
    }

    /// Runs the core's work for `trigger`. When the core refuses (closed,
    /// unknown zone) nothing is armed or cancelled. A scheduler error stops
    /// this re-plan; the next one finishes the work.
    @discardableResult
    public func replan(trigger: ReplanTrigger) throws -> ReplanReport {
        let permission = try scheduler.permission()
        // iOS: no exact-alarm limit, no notification added without
        // permission, and the pending list is the system's own.
        let access = ReminderAccess(notifications: permission, exactAlarms: true, holdsAlarmsWhenOff: false,
                                    listsPending: true)
        let work = try controller.armReminders(trigger: trigger, armed: try scheduler.pendingIds(), access: access)
        if !work.cancel.isEmpty {
            try scheduler.cancel(ids: work.cancel)
        }
        for alarm in work.arm {
            try scheduler.arm(alarm)
        }
        return ReplanReport(trigger: trigger, plan: work.planned, armed: work.arm.map(\.id),
                            cancelled: work.cancel, permission: permission, notices: work.notices)
    }

    /// A local change's result and the re-plan that followed it.
    public struct Changed<Value> {
        public let value: Value
        public let report: ReplanReport
    }

    /// Runs one local change through the controller, then re-plans
    /// (`.afterLocalChange`). When the change throws, nothing is re-planned
    /// and the scheduler is not touched; when the re-plan throws, the change
    /// stays made and the next re-plan arms it.
    private func afterLocalChange<Value>(_ change: (TandemController) throws -> Value) throws -> Changed<Value> {
        let value = try change(controller)
        return Changed(value: value, report: try replan(trigger: .afterLocalChange))
    }

    /// Adds a personal ritual (active at once), then re-plans.
    @discardableResult
    public func addPersonal(_ draft: RitualDraft) throws -> Changed<Ritual> {
        try afterLocalChange { try $0.addPersonal(draft) }
    }

    /// Proposes a shared ritual, then re-plans.
    @discardableResult
    public func propose(_ draft: RitualDraft) throws -> Changed<Ritual> {
        try afterLocalChange { try $0.propose(draft) }
    }

    /// Suggests another version of ritual `id`, then re-plans.
    @discardableResult
    public func counter(ritual id: String, draft: RitualDraft) throws -> Changed<Ritual> {
        try afterLocalChange { try $0.counter(ritual: id, draft: draft) }
    }

    /// Marks an occurrence (by its scheduled date) done, then re-plans: its
    /// reminders still to come go.
    @discardableResult
    public func markDone(ritual id: String, date: String, note: String? = nil, feeling: String? = nil) throws -> Changed<Void> {
        try afterLocalChange { try $0.markDone(ritual: id, date: date, note: note, feeling: feeling) }
    }

    /// Skips an occurrence (no reason needed), then re-plans.
    @discardableResult
    public func skip(ritual id: String, date: String) throws -> Changed<Void> {
        try afterLocalChange { try $0.skip(ritual: id, date: date) }
    }

    /// The core's check of a ritual form, field by field (nothing changes,
    /// nothing is re-planned).
    public func check(ritualForm form: RitualForm) throws -> RitualFormCheck {
        try controller.check(ritualForm: form)
    }

    /// The core's check of an agreement form, field by field (nothing
    /// changes, nothing is re-planned).
    public func check(agreementForm form: AgreementForm) throws -> AgreementFormCheck {
        try controller.check(agreementForm: form)
    }

    /// Proposes an agreement, then re-plans.
    @discardableResult
    public func propose(agreement draft: AgreementDraft) throws -> Changed<Agreement> {
        try afterLocalChange { try $0.propose(agreement: draft) }
    }

    /// Suggests a new version of an agreement, then re-plans.
    @discardableResult
    public func amend(agreement id: String, on parentHash: String, draft: AgreementDraft) throws -> Changed<Agreement> {
        try afterLocalChange { try $0.amend(agreement: id, on: parentHash, draft: draft) }
    }

    /// Answers a trial's review (keep, adjust or stop), then re-plans: the
    /// review reminder goes once an answer waits or the trial ends.
    @discardableResult
    public func review(ritual id: String, outcome: ReviewOutcome) throws -> Changed<Ritual> {
        try afterLocalChange { try $0.review(ritual: id, outcome: outcome) }
    }

    /// Snoozes an occurrence's reminder on this phone, then re-plans; the
    /// value is when it comes back (Unix ms).
    @discardableResult
    public func snooze(ritual id: String, date: String, minutes: UInt32) throws -> Changed<Int64> {
        try afterLocalChange { try $0.snooze(ritual: id, date: date, minutes: minutes) }
    }

    /// Declares the rest week holding `date`, then re-plans (its shared
    /// rituals' reminders go; personal ones stay); the value is the week's
    /// Monday. Sync it to the partner.
    @discardableResult
    public func declareRestWeek(holding date: String) throws -> Changed<String> {
        try afterLocalChange { try $0.declareRestWeek(holding: date) }
    }

    /// Calls off the rest week holding `date`, then re-plans (its reminders
    /// come back); the value is the week's Monday.
    @discardableResult
    public func callOffRestWeek(holding date: String) throws -> Changed<String> {
        try afterLocalChange { try $0.callOffRestWeek(holding: date) }
    }

    /// Starts a pause (`TandemController.startPause`), then re-plans: its
    /// return ("Time to reconnect") is armed.
    @discardableResult
    public func startPause(minutes: UInt32? = nil, note: String? = nil) throws -> Changed<Pause> {
        try afterLocalChange { try $0.startPause(minutes: minutes, note: note) }
    }

    /// Extends this phone's running pause once, then re-plans: the return
    /// reminder moves to the new time.
    @discardableResult
    public func extend(pause id: String, minutes: UInt32) throws -> Changed<Pause> {
        try afterLocalChange { try $0.extend(pause: id, minutes: minutes) }
    }

    /// Ends this phone's running pause, then re-plans: its return reminder goes.
    @discardableResult
    public func end(pause id: String) throws -> Changed<Pause> {
        try afterLocalChange { try $0.end(pause: id) }
    }

    /// Accepts an agreement's version by its content hash, then re-plans: a
    /// review date of the version now in effect becomes a reminder.
    @discardableResult
    public func accept(agreement id: String, version hash: String) throws -> Changed<Agreement> {
        try afterLocalChange { try $0.accept(agreement: id, version: hash) }
    }

    /// Answers an agreement's review (keep, amend, let go), then re-plans:
    /// its review reminder goes once kept or let go.
    @discardableResult
    public func review(agreement id: String, outcome: AgreementReview) throws -> Changed<Agreement> {
        try afterLocalChange { try $0.review(agreement: id, outcome: outcome) }
    }

    /// Withdraws an agreement, then re-plans: its review reminder goes.
    @discardableResult
    public func withdraw(agreement id: String) throws -> Changed<Agreement> {
        try afterLocalChange { try $0.withdraw(agreement: id) }
    }

    /// A ritual row's one-tap action (accept, decline, pause, resume,
    /// retire, a look back's keep or stop) through the controller, then a
    /// re-plan. `.counter`, `.change` and `.adjust` need a draft: they
    /// throw `InvalidInput`.
    @discardableResult
    public func perform(_ action: RitualActionKind, ritual id: String) throws -> Changed<Ritual> {
        switch action {
        case .accept: return try afterLocalChange { try $0.accept(ritual: id) }
        case .decline: return try afterLocalChange { try $0.decline(ritual: id) }
        case .pause: return try afterLocalChange { try $0.pause(ritual: id) }
        case .resume: return try afterLocalChange { try $0.resume(ritual: id) }
        case .retire: return try afterLocalChange { try $0.retire(ritual: id) }
        case .keep: return try review(ritual: id, outcome: .keep)
        case .stop: return try review(ritual: id, outcome: .stop)
        case .counter, .change, .adjust:
            throw TandemError.InvalidInput(reason: "\(action) needs a draft")
        }
    }

    public func reminderSettings() throws -> ReminderSettings {
        try controller.reminderSettings()
    }

    /// Saves the settings, then re-plans (`.afterLocalChange`) so the pending
    /// notifications follow them. Invalid settings (quiet hours from a time
    /// to the same time) throw `InvalidInput` and change nothing.
    @discardableResult
    public func setReminderSettings(_ settings: ReminderSettings) throws -> ReplanReport {
        try controller.setReminderSettings(settings)
        return try replan(trigger: .afterLocalChange)
    }
}

extension ReminderCoordinator.Changed: Equatable where Value: Equatable {}

/// When a notification fires, as calendar components for a
/// `UNCalendarNotificationTrigger`. A reminder whose wall time follows the
/// phone's zone (`followsDeviceZone`: a floating ritual, an agreement
/// review) gets floating components, with no zone: it fires at that wall
/// time in whatever zone the phone is in then, even when the zone changes
/// while the app is not running. Every other reminder is a fixed instant,
/// carried as UTC components with their zone.
public enum ReminderTrigger {
    public static func components(for reminder: Alarm) -> DateComponents {
        if reminder.followsDeviceZone, let wall = wallTime(reminder.localTime) {
            return wall
        }
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let fire = Date(timeIntervalSince1970: TimeInterval(reminder.fireAtMs) / 1000)
        var when = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: fire)
        when.timeZone = utc.timeZone
        return when
    }

    /// "2027-03-14 20:20" as year, month, day, hour and minute, no zone.
    static func wallTime(_ text: String) -> DateComponents? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" }).map { Int($0) }
        guard parts.count == 5, parts.allSatisfy({ $0 != nil }) else { return nil }
        let n = parts.compactMap { $0 }
        return DateComponents(year: n[0], month: n[1], day: n[2], hour: n[3], minute: n[4], second: 0)
    }
}
