import Foundation

/// Where reminders are armed as local notifications (`UserNotificationScheduler`
/// in the app, a fake in tests). It only holds them: which ones, when and with
/// what words, the core decides (`armReminders`).
public protocol NotificationScheduler: AnyObject {
    /// The ids of every notification armed and not delivered yet.
    func pendingIds() throws -> [String]
    /// Arms `alarm` under `alarm.id`, replacing one pending under that id.
    func arm(_ alarm: Alarm) throws
    /// Unknown ids are ignored.
    func cancel(ids: [String]) throws
    /// Schedulers that cannot tell (tests) need not implement it: `.allowed`.
    func permission() throws -> NotificationPermission
}

extension NotificationScheduler {
    public func permission() throws -> NotificationPermission { .allowed }
}

extension Alarm {
    public var notificationContent: NotificationContent { NotificationContent(self) }
}

/// The fields of one local notification, as the core worded them (nothing
/// names the ritual while the person hides notification text). The app sets
/// exactly these and no others.
public struct NotificationContent: Equatable, Sendable {
    public let title: String
    public let subtitle: String
    public let body: String
    /// The core's channel key, never text.
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
}

/// What one re-plan did: the core's plan (armed only when notifications are
/// allowed), the ids armed (soonest first) and cancelled, the permission
/// found and the core's notices for it.
public struct ReplanReport: Equatable {
    public let trigger: ReplanTrigger
    public let plan: [Reminder]
    public let armed: [String]
    public let cancelled: [String]
    public let permission: NotificationPermission
    public let notices: [ReminderNotice]

    /// What to show when reminders cannot be notifications; nil when they can.
    public var permissionMessage: String? { notices.first?.text }
}

/// Keeps the scheduler's pending notifications equal to the core's plan:
/// asks the core what to cancel and arm (`armReminders`) and does exactly
/// that, cancelling first. Local changes that move reminders go through it
/// (the change, then a re-plan). Not thread-safe: use it where the
/// controller is used.
public final class ReminderCoordinator {
    /// How long after one background refresh the app asks for the next: the
    /// system picks the moment, and the armed reminders cover more than a
    /// day, so six hours keeps them armed.
    public static let backgroundRefreshInterval: TimeInterval = 6 * 60 * 60

    let controller: TandemController
    private let scheduler: NotificationScheduler

    public init(controller: TandemController, scheduler: NotificationScheduler) {
        self.controller = controller
        self.scheduler = scheduler
    }

    /// When the core refuses (closed, unknown zone) nothing is armed or
    /// cancelled. A scheduler error stops this re-plan; the next one finishes.
    @discardableResult
    public func replan(trigger: ReplanTrigger) throws -> ReplanReport {
        let permission = try scheduler.permission()
        // iOS: no exact-alarm limit, no notification added without
        // permission, and the pending list is the system's own.
        let access = ReminderAccess(notifications: permission, exactAlarms: true, holdsAlarmsWhenOff: false,
                                    listsPending: true)
        let work = try controller.open().armReminders(
            deviceZone: controller.deviceZone(), trigger: trigger, armed: try scheduler.pendingIds(), access: access)
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

    /// Runs one change on the core (given the device's zone), then re-plans
    /// (`.afterLocalChange`). A change that throws re-plans nothing; a
    /// re-plan that throws leaves the change made, for the next re-plan.
    func change<Value>(_ work: (Tandem, String) throws -> Value) throws -> Changed<Value> {
        let value = try work(controller.open(), controller.deviceZone())
        return Changed(value: value, report: try replan(trigger: .afterLocalChange))
    }

    @discardableResult
    public func addPersonal(_ draft: RitualDraft) throws -> Changed<Ritual> {
        try change { t, _ in try t.addPersonalRitual(draft: draft) }
    }

    @discardableResult
    public func propose(_ draft: RitualDraft) throws -> Changed<Ritual> {
        try change { t, _ in try t.proposeRitual(draft: draft) }
    }

    @discardableResult
    public func counter(ritual id: String, draft: RitualDraft) throws -> Changed<Ritual> {
        try change { t, _ in try t.counterRitual(id: id, draft: draft) }
    }

    @discardableResult
    public func markDone(ritual id: String, date: String, note: String? = nil, feeling: String? = nil) throws -> Changed<Void> {
        try change { t, zone in try t.markDoneIn(ritualId: id, date: date, note: note, feeling: feeling, deviceZone: zone) }
    }

    @discardableResult
    public func skip(ritual id: String, date: String) throws -> Changed<Void> {
        try change { t, _ in try t.skipOccurrence(ritualId: id, date: date) }
    }

    @discardableResult
    public func review(ritual id: String, outcome: ReviewOutcome) throws -> Changed<Ritual> {
        try change { t, _ in try t.reviewRitual(id: id, outcome: outcome) }
    }

    /// The value is when the reminder comes back (Unix ms).
    @discardableResult
    public func snooze(ritual id: String, date: String, minutes: UInt32) throws -> Changed<Int64> {
        try change { t, zone in try t.snoozeReminder(ritualId: id, date: date, minutes: minutes, deviceZone: zone) }
    }

    @discardableResult
    public func propose(agreement draft: AgreementDraft) throws -> Changed<Agreement> {
        try change { t, _ in try t.proposeAgreement(draft: draft) }
    }

    @discardableResult
    public func amend(agreement id: String, on parentHash: String, draft: AgreementDraft) throws -> Changed<Agreement> {
        try change { t, _ in try t.amendAgreement(id: id, parentHash: parentHash, draft: draft) }
    }

    @discardableResult
    public func accept(agreement id: String, version hash: String) throws -> Changed<Agreement> {
        try change { t, _ in try t.acceptAgreement(id: id, versionHash: hash) }
    }

    @discardableResult
    public func review(agreement id: String, outcome: AgreementReview) throws -> Changed<Agreement> {
        try change { t, _ in try t.reviewAgreement(id: id, outcome: outcome) }
    }

    @discardableResult
    public func withdraw(agreement id: String) throws -> Changed<Agreement> {
        try change { t, _ in try t.withdrawAgreement(id: id) }
    }

    @discardableResult
    public func startPause(minutes: UInt32? = nil, note: String? = nil) throws -> Changed<Pause> {
        try change { t, _ in try t.startPause(minutes: minutes, note: note) }
    }

    @discardableResult
    public func extend(pause id: String, minutes: UInt32) throws -> Changed<Pause> {
        try change { t, _ in try t.extendPause(id: id, minutes: minutes) }
    }

    @discardableResult
    public func end(pause id: String) throws -> Changed<Pause> {
        try change { t, _ in try t.endPause(id: id) }
    }

    /// A ritual row's one-tap action. `.counter`, `.change` and `.adjust`
    /// need a draft (a form): they throw `InvalidInput`.
    @discardableResult
    public func perform(_ action: RitualActionKind, ritual id: String) throws -> Changed<Ritual> {
        switch action {
        case .accept: return try change { t, _ in try t.acceptRitual(id: id) }
        case .decline: return try change { t, _ in try t.declineRitual(id: id) }
        case .pause: return try change { t, _ in try t.pauseRitual(id: id) }
        case .resume: return try change { t, _ in try t.resumeRitual(id: id) }
        case .retire: return try change { t, _ in try t.retireRitual(id: id) }
        case .keep: return try review(ritual: id, outcome: .keep)
        case .stop: return try review(ritual: id, outcome: .stop)
        case .counter, .change, .adjust:
            throw TandemError.InvalidInput(reason: "\(action) needs a draft")
        }
    }
}

extension ReminderCoordinator.Changed: Equatable where Value: Equatable {}

/// When a notification fires, as components for a `UNCalendarNotificationTrigger`:
/// floating (no zone) when the reminder follows the phone's zone, so it fires
/// at that wall time in whatever zone the phone is in then, even after a
/// change while the app is not running; otherwise a fixed instant in UTC.
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

    /// The core's "2027-03-14 20:20", no zone.
    static func wallTime(_ text: String) -> DateComponents? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" }).map { Int($0) }
        guard parts.count == 5, parts.allSatisfy({ $0 != nil }) else { return nil }
        let n = parts.compactMap { $0 }
        return DateComponents(year: n[0], month: n[1], day: n[2], hour: n[3], minute: n[4], second: 0)
    }
}
