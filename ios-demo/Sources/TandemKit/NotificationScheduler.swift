import Foundation

/// Where reminders are armed as local notifications. In the app it is backed
/// by `UNUserNotificationCenter` (`UserNotificationScheduler`, Apple platforms
/// only); tests use a fake. It only holds notifications: which ones, when and
/// with what text, the core decides (`Tandem.planReminders`).
public protocol NotificationScheduler: AnyObject {
    /// The ids of every notification armed and not delivered yet.
    func pendingIds() throws -> [String]
    /// Arms `reminder` under `reminder.id` at `fireAtMs`, showing
    /// `notificationTitle` and `notificationBody` (the private variant when
    /// the person hides notification text). One already pending under that
    /// id is replaced, as `UNUserNotificationCenter.add` does.
    func arm(_ reminder: Reminder) throws
    /// Removes the pending notifications with these ids; unknown ids are ignored.
    func cancel(ids: [String]) throws
    /// Whether the person lets Tandem show notifications now. Schedulers
    /// that cannot tell (tests) need not implement it: `.allowed`.
    func permission() throws -> NotificationPermission
}

extension NotificationScheduler {
    public func permission() throws -> NotificationPermission { .allowed }
}

/// Whether notifications can be shown. Anything but `.allowed`: the plan is
/// still made and shown in the app (Today), nothing is armed, and the
/// report carries `ReplanReport.permissionMessage`.
public enum NotificationPermission: String, CaseIterable, Sendable {
    /// Allowed (provisional delivery counts as allowed).
    case allowed
    /// The person said no, in the prompt or in Settings.
    case denied
    /// Not asked yet: the app asks on first launch, then re-plans
    /// (`.permissionChanged`).
    case notAsked
}

extension Reminder {
    /// The title to show: the ritual's, or "Tandem" when content is hidden.
    public var notificationTitle: String { hideContent ? privateTitle : title }
    /// The body to show: "In 10 min, at 20:30", or a content-free line when
    /// content is hidden.
    public var notificationBody: String { hideContent ? privateBody : body }

    /// Everything the notification's content carries, decided here so the
    /// app only copies it into a `UNMutableNotificationContent`.
    public var notificationContent: NotificationContent { NotificationContent(self) }
}

/// The text of one local notification, field by field. When the reminder
/// hides its content (the default on a new install), nothing in it names
/// the ritual, the agreement or the time: only the core's private wording
/// ("Tandem" and, for example, "A moment for the two of you" or "A moment
/// for yourself"). The app sets exactly these fields and no others.
public struct NotificationContent: Equatable, Sendable {
    public let title: String
    public let subtitle: String
    public let body: String
    /// Groups notifications in Notification Center: the kind, never text.
    public let threadIdentifier: String
    /// The reminder's id (a hash) and kind, for opening the app; no text.
    public let userInfo: [String: String]

    public init(_ r: Reminder) {
        title = r.notificationTitle
        subtitle = ""
        body = r.notificationBody
        threadIdentifier = Self.thread(r.kind)
        userInfo = ["reminderId": r.id, "kind": Self.thread(r.kind)]
    }

    /// Every string the content carries.
    public var allText: [String] {
        [title, subtitle, body, threadIdentifier] + userInfo.keys.sorted() + userInfo.values.sorted()
    }

    static func thread(_ kind: ReminderKind) -> String {
        switch kind {
        case .ritual, .snoozed: return "rituals"
        case .trialReview, .agreementReview: return "look-back"
        case .pauseReturn: return "pauses"
        }
    }
}

/// Why the shell re-plans. Every trigger does the same (plan, reconcile, arm
/// the new, cancel the gone); the reason is kept for the report and logs.
public enum ReplanTrigger: String, CaseIterable, Sendable {
    /// The app started or came to the foreground.
    case appLaunch
    /// A sync payload from the partner was imported (rituals accepted,
    /// paused, changed or retired there; a pause started or ended there; an
    /// agreement accepted or withdrawn there).
    case afterImport
    /// This phone changed a ritual (accept, pause, resume, retire, a personal
    /// ritual added, a trial reviewed, ...), snoozed a reminder, declared or
    /// called off a rest week, started, extended or ended a pause, accepted,
    /// reviewed or withdrew an agreement, or changed the reminder settings.
    case afterLocalChange
    /// The clock was set or the device's zone changed (travel, DST).
    case timeOrZoneChanged
    /// The device restarted.
    case afterBoot
    /// The person allowed or denied notifications.
    case permissionChanged
    /// A background refresh task ran (the system may have dropped pending
    /// notifications meanwhile, or the day moved on past the 60 armed).
    case backgroundRefresh
}

/// What one re-plan did.
public struct ReplanReport: Equatable {
    public let trigger: ReplanTrigger
    /// What is armed now, soonest first (at most the coordinator's limit).
    public let plan: [Reminder]
    /// Ids armed by this re-plan that were not pending, soonest first. A
    /// reminder whose time or text changed (quiet hours, hidden content,
    /// another zone, a new title) has a new id, so it is armed here and its
    /// old id is in `cancelled`.
    public let armed: [String]
    /// Ids cancelled, sorted: pending but no longer planned (paused, retired,
    /// a floating ritual's old times, dropped by quiet hours, beyond the
    /// limit, or replaced by a new revision of the same reminder).
    public let cancelled: [String]
    /// The permission this re-plan found. When not `.allowed`, nothing was
    /// armed (and what was pending was cancelled), but `plan` is complete.
    public let permission: NotificationPermission

    public init(trigger: ReplanTrigger, plan: [Reminder], armed: [String], cancelled: [String],
                permission: NotificationPermission = .allowed) {
        self.trigger = trigger
        self.plan = plan
        self.armed = armed
        self.cancelled = cancelled
        self.permission = permission
    }

    /// What to show in the app when reminders cannot be notifications; nil
    /// when they can.
    public var permissionMessage: String? {
        switch permission {
        case .allowed: return nil
        case .denied: return Self.notificationsDeniedMessage
        case .notAsked: return Self.notificationsNotAskedMessage
        }
    }

    /// The core's words, in the phone's language, the same on both phones.
    public static var notificationsDeniedMessage: String {
        noticeText(notice: .notificationsOff, localeTag: phoneLanguage())
    }
    public static var notificationsNotAskedMessage: String {
        noticeText(notice: .notificationsNotAsked, localeTag: phoneLanguage())
    }

    /// Nothing was armed or cancelled.
    public var changedNothing: Bool { armed.isEmpty && cancelled.isEmpty }
}

/// Keeps the scheduler's pending notifications equal to the core's plan:
/// plans through the controller (device zone, clock), reconciles by id with
/// `reconcileReminders`, cancels the gone first and then arms the new, so
/// never more than `limit` (at most 60, below iOS's 64) are pending. A
/// reminder's id names what it shows and when, so comparing ids is enough:
/// nothing is remembered between re-plans or launches. Not thread-safe: use
/// it where the controller is used.
public final class ReminderCoordinator {
    /// iOS keeps 64 pending notifications per app; a few stay spare.
    public static let maxPending: UInt32 = 60

    /// How long after one background refresh the app asks for the next
    /// (`.backgroundRefresh` re-plans): the system picks the moment, and
    /// 60 reminders cover more than a day, so six hours keeps them armed.
    public static let backgroundRefreshInterval: TimeInterval = 6 * 60 * 60

    /// Reminders planned and armed at most (`maxPending` or fewer).
    public let limit: UInt32

    private let controller: TandemController
    private let scheduler: NotificationScheduler

    /// - Parameter limit: capped at `maxPending`; 0 makes every re-plan throw
    ///   `TandemError.InvalidInput`.
    public init(controller: TandemController, scheduler: NotificationScheduler, limit: UInt32 = maxPending) {
        self.controller = controller
        self.scheduler = scheduler
        self.limit = min(limit, Self.maxPending)
    }

    /// Plans, reconciles the planned ids with the pending ones, cancels the
    /// gone, then arms the new (soonest first). When planning fails (closed,
    /// unknown zone) the scheduler is not touched. A scheduler error stops
    /// this re-plan; the next one finishes the work.
    @discardableResult
    public func replan(trigger: ReplanTrigger) throws -> ReplanReport {
        let plan = Array(try controller.planReminders(limit: limit).prefix(Int(limit)))
        let permission = try scheduler.permission()
        // Without permission nothing is armed and what was pending goes, so
        // turning notifications on later never shows a stale one before the
        // `.permissionChanged` re-plan arms the plan.
        let wanted = permission == .allowed ? plan.map(\.id) : []
        let work = reconcileReminders(planned: wanted, armed: try scheduler.pendingIds())
        if !work.cancel.isEmpty {
            try scheduler.cancel(ids: work.cancel)
        }
        let toArm = Set(work.arm)
        for reminder in plan where toArm.contains(reminder.id) {
            try scheduler.arm(reminder)
        }
        return ReplanReport(trigger: trigger, plan: plan, armed: work.arm, cancelled: work.cancel,
                            permission: permission)
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
    public static func components(for reminder: Reminder) -> DateComponents {
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
