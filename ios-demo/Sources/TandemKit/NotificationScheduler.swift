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
/// a re-plan asks the core what to cancel and arm (`armReminders`), an
/// action (`perform`) or a form's submit is one core call whose outcome
/// says the same, and
/// either is carried out the one way (`carryOut`: cancel first, then arm).
/// Re-plans and actions run one at a time (a lock), so one never reads the
/// pending ids while another arms. Use it where the controller is used.
public final class ReminderCoordinator {
    /// How long after one background refresh the app asks for the next: the
    /// system picks the moment, and the armed reminders cover more than a
    /// day, so six hours keeps them armed.
    public static let backgroundRefreshInterval: TimeInterval = 6 * 60 * 60

    let controller: TandemController
    private let scheduler: NotificationScheduler
    private let lock = NSLock()

    public init(controller: TandemController, scheduler: NotificationScheduler) {
        self.controller = controller
        self.scheduler = scheduler
    }

    /// When the core refuses (closed, unknown zone) nothing is armed or
    /// cancelled. A scheduler error stops this re-plan; the next one finishes.
    @discardableResult
    public func replan(trigger: ReplanTrigger) throws -> ReplanReport {
        try serially { try replanNow(trigger) }
    }

    /// Does `action` with one core call and carries out its outcome: the
    /// reminders it cancels and arms, as a re-plan's. The caller shows
    /// `notice` and may offer a payload when `toSend` > 0. A refused action
    /// throws and leaves the scheduler untouched; a scheduler error leaves
    /// the action done, for the next re-plan to finish.
    @discardableResult
    public func perform(_ action: UserAction) throws -> ActionOutcome {
        try send { try $0.perform(action: action, phone: $1) }
    }

    /// A form's submit (`openForm`'s submits name `purpose`): sent and
    /// carried out as `perform`'s outcome, or the core's words for each
    /// field, with nothing sent, cancelled or armed.
    public func submit(_ form: RitualFormInput, as purpose: RitualPurpose) throws -> RitualFormResult {
        try send { try $0.submitRitualForm(form: form, purpose: purpose, phone: $1) }
    }

    public func submit(_ form: AgreementFormInput, as purpose: AgreementPurpose) throws -> AgreementFormResult {
        try send { try $0.submitAgreementForm(form: form, purpose: purpose, phone: $1) }
    }

    public func submit(_ form: BoundaryFormInput, as purpose: BoundaryPurpose) throws -> BoundaryFormResult {
        try send { try $0.submitBoundaryForm(form: form, purpose: purpose, phone: $1) }
    }

    public func submit(_ checkIn: CheckInFormInput) throws -> CheckInFormResult {
        try send { try $0.submitCheckIn(form: checkIn, phone: $1) }
    }

    /// One core call given the phone as it is; the outcome it answers with,
    /// if any, is carried out (cancel, then arm) under the re-plans' lock.
    private func send<Answer: CarriesOutcome>(_ call: (Tandem, PhoneNow) throws -> Answer) throws -> Answer {
        try serially {
            let answer = try call(controller.open(), phoneNow())
            if let outcome = answer.outcome { try carryOut(outcome.reminders) }
            return answer
        }
    }

    private func serially<T>(_ work: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try work()
    }

    private func replanNow(_ trigger: ReplanTrigger) throws -> ReplanReport {
        let tandem = try controller.open()
        let phone = try phoneNow()
        let work = try tandem.armReminders(deviceZone: phone.zone, trigger: trigger, armed: phone.armed,
                                           access: phone.access)
        try carryOut(work)
        return ReplanReport(trigger: trigger, plan: work.planned, armed: work.arm.map(\.id),
                            cancelled: work.cancel, permission: phone.access.notifications, notices: work.notices)
    }

    /// The phone as the core reads it. iOS: no exact-alarm limit, no
    /// notification added without permission, and the pending list is the
    /// system's own.
    private func phoneNow() throws -> PhoneNow {
        let access = ReminderAccess(notifications: try scheduler.permission(), exactAlarms: true,
                                    holdsAlarmsWhenOff: false, listsPending: true)
        return PhoneNow(zone: controller.deviceZone(), armed: try scheduler.pendingIds(), access: access)
    }

    /// The core's arming, as it says: cancel first, then arm.
    private func carryOut(_ work: ReminderArming) throws {
        if !work.cancel.isEmpty {
            try scheduler.cancel(ids: work.cancel)
        }
        for alarm in work.arm {
            try scheduler.arm(alarm)
        }
    }
}

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
