import Foundation
import XCTest
@testable import TandemKit

/// Keeps notifications in memory the way the OS does: arming an id again
/// replaces it, and one whose time has passed is delivered (no longer
/// pending). Records every arm and cancel, and the most ever pending.
final class FakeScheduler: NotificationScheduler {
    /// What a pending notification would show.
    struct Shown: Equatable {
        let id: String
        let fireAtMs: Int64
        let title: String
        let body: String
    }

    enum Call: Equatable {
        case arm(String)
        case cancel([String])
    }

    struct Refused: Error {}

    private let clock: ManualClock
    private(set) var pending: [String: Shown] = [:]
    /// Every alarm armed, by id, as the core worded it.
    private(set) var alarms: [String: Alarm] = [:]
    private(set) var calls: [Call] = []
    private(set) var mostPending = 0
    /// Arming these ids throws `Refused`.
    var refuse: Set<String> = []
    /// What `permission()` answers (the person's choice in Settings).
    var allowed: NotificationPermission = .allowed

    func permission() throws -> NotificationPermission { allowed }

    init(clock: ManualClock) {
        self.clock = clock
    }

    func pendingIds() throws -> [String] {
        deliver()
        return pending.keys.sorted()
    }

    func arm(_ alarm: Alarm) throws {
        deliver()
        if refuse.contains(alarm.id) { throw Refused() }
        calls.append(.arm(alarm.id))
        alarms[alarm.id] = alarm
        pending[alarm.id] = Shown(id: alarm.id, fireAtMs: alarm.fireAtMs, title: alarm.title, body: alarm.body)
        mostPending = max(mostPending, pending.count)
    }

    func cancel(ids: [String]) throws {
        calls.append(.cancel(ids))
        for id in ids { pending[id] = nil }
    }

    /// A notification armed outside the plan (an older app version).
    func inject(_ id: String, at fireAtMs: Int64) {
        pending[id] = Shown(id: id, fireAtMs: fireAtMs, title: "old", body: "old")
        mostPending = max(mostPending, pending.count)
    }

    /// The OS lost every pending notification (a restore from backup).
    func forgetAll() {
        pending = [:]
    }

    func clearCalls() {
        calls = []
    }

    /// Pending notifications, soonest first.
    var shown: [Shown] {
        pending.values.sorted { ($0.fireAtMs, $0.id) < ($1.fireAtMs, $1.id) }
    }

    private func deliver() {
        let now = clock.nowMs()
        pending = pending.filter { $0.value.fireAtMs >= now }
    }
}

/// `ReminderCoordinator` over Ana's controller (paired with Ben's, one
/// ManualClock, sync through `FileSyncTransport`) and a `FakeScheduler`.
/// Ana's phone starts in UTC at 2027-03-13 12:00Z.
final class ReminderCoordinatorTests: TwoShellsTestCase {
    override var startsPaired: Bool { true }
    /// These tests read what each reminder says; quiet-by-default is tested
    /// in QuietNotificationTests.
    override var showsReminderText: Bool { true }

    // MARK: helpers

    /// An evening walk at 20:30 on the device's clock, on `days` days from
    /// 2027-03-13, with reminders `leads` minutes before.
    private func walk(title: String = "Evening walk", leads: [UInt32] = [60, 10], days: UInt32 = 2) -> RitualDraft {
        RitualDraft(title: title, prompt: nil, minutes: 30, timeOfDay: "20:30", zone: .floating,
                    recurrence: Recurrence(repeat: .daily, startDate: "2027-03-13", untilDate: nil, count: days),
                    leadMinutes: leads)
    }

    /// Tea at 09:00 Berlin time (08:00Z), once, on 2027-03-14; one reminder at the start.
    private func tea() -> RitualDraft {
        RitualDraft(title: "Tea", prompt: nil, minutes: 20, timeOfDay: "09:00", zone: .fixed(zone: "Europe/Berlin"),
                    recurrence: Recurrence(repeat: .daily, startDate: "2027-03-14", untilDate: nil, count: 1))
    }

    /// Everything `from` has for its partner, imported on the other phone.
    private func sync(_ from: TandemController, file: StaticString = #filePath, line: UInt = #line) throws {
        clock.advance(byMs: T.minute)
        let (out, into, to) = from === ana ? (anaFiles!, benFiles!, ben!) : (benFiles!, anaFiles!, ana!)
        XCTAssertEqual(try out.send(from.open().exportPayloads()).count, 1, file: file, line: line)
        let report = try to.syncIn(through: into)
        XCTAssertEqual(report.failed, [], file: file, line: line)
        XCTAssertEqual(report.items.count, 1, file: file, line: line)
    }

    /// Ana proposes, Ben accepts, both synced: active on both phones.
    private func activate(_ draft: RitualDraft, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let id = try ana.open().proposeRitual(draft: draft).id
        try sync(ana, file: file, line: line)
        _ = try ben.open().acceptRitual(id: id)
        try sync(ben, file: file, line: line)
        XCTAssertEqual(try ana.open().rituals().first { $0.id == id }?.status, .active, file: file, line: line)
        return id
    }

    /// A reminder's values apart from its id and the fixed private text.
    private struct Seen: Equatable {
        let ritualId: String
        let fireAtMs: Int64
        let localTime: String
        let lead: UInt32
        let title: String
        let body: String
        init(_ ritualId: String, _ fireAtMs: Int64, _ localTime: String, _ lead: UInt32, _ title: String, _ body: String) {
            (self.ritualId, self.fireAtMs, self.localTime, self.lead, self.title, self.body) =
                (ritualId, fireAtMs, localTime, lead, title, body)
        }
        init(_ r: Reminder) {
            self.init(r.sourceId, r.fireAtMs, r.localTime, r.leadMinutes, r.title, r.body)
        }
    }

    private func ids(_ plan: [Reminder], of ritualId: String) -> [String] {
        plan.filter { $0.sourceId == ritualId }.map(\.id)
    }

    /// A reminder id is "SLOT-REVISION": the slot (20 hex) names the ritual,
    /// occurrence and lead time; the revision (8 hex) what it shows and when.
    private func slot(_ id: String) -> String {
        String(id.split(separator: "-", omittingEmptySubsequences: false).first ?? "")
    }

    private func revision(_ id: String) -> String {
        String(id.split(separator: "-", omittingEmptySubsequences: false).last ?? "")
    }

    /// `new` are the reminders `old` named, one for one, shown differently:
    /// the same slots, other revisions.
    private func assertRevised(_ new: [String], of old: [String], _ message: String = "",
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(new.map(slot), old.map(slot), "same slots \(message)", file: file, line: line)
        XCTAssertEqual(new.count, old.count, message, file: file, line: line)
        for (n, o) in zip(new, old) {
            XCTAssertNotEqual(revision(n), revision(o), "a new revision \(message)", file: file, line: line)
        }
    }

    // MARK: planning and arming

    func testFirstPlanArmsEveryReminderOfTheActiveRitualsWithTimesAndTexts() throws {
        let empty = try anaReminders.replan(trigger: .appStart)
        XCTAssertEqual(empty.plan, [])
        XCTAssertTrue(empty.changedNothing)

        let walkId = try activate(walk())
        let teaId = try activate(tea())
        let waiting = try ana.open().proposeRitual(draft: draft("Breakfast", at: "13:30"))
        XCTAssertEqual(waiting.status, .proposed)

        let report = try anaReminders.replan(trigger: .appStart)
        XCTAssertEqual(report.trigger, .appStart)
        XCTAssertEqual(report.plan.map(Seen.init), [
            Seen(walkId, at(0, 19, 30), "2027-03-13 19:30", 60, "Evening walk", "In 1 h, at 20:30"),
            Seen(walkId, at(0, 20, 20), "2027-03-13 20:20", 10, "Evening walk", "In 10 min, at 20:30"),
            Seen(teaId, at(1, 8, 0), "2027-03-14 08:00", 0, "Tea", "Now, 08:00"),
            Seen(walkId, at(1, 19, 30), "2027-03-14 19:30", 60, "Evening walk", "In 1 h, at 20:30"),
            Seen(walkId, at(1, 20, 20), "2027-03-14 20:20", 10, "Evening walk", "In 10 min, at 20:30"),
        ], "only active rituals, soonest first; the proposal waits")
        XCTAssertEqual(report.plan.map(\.occurrenceStartMs),
                       [at(0, 20, 30), at(0, 20, 30), at(1, 8, 0), at(1, 20, 30), at(1, 20, 30)])
        for r in report.plan {
            XCTAssertEqual(r.zone, "UTC")
            XCTAssertEqual(r.privateTitle, "Tandem")
            XCTAssertEqual(r.privateBody, "A moment for the two of you")
            XCTAssertFalse(r.hideContent)
        }

        let planned = report.plan.map(\.id)
        XCTAssertEqual(try ana.open().planReminders(deviceZone: ana.deviceZone(), limit: 60).map(\.id), planned)
        XCTAssertEqual(Set(planned.map(slot)).count, 5, "one slot per occurrence and lead")
        for id in planned {
            // "SLOT-REVISION": 20 and 8 lowercase hex digits.
            let parts = id.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            XCTAssertEqual(parts.map(\.count), [20, 8], id)
            XCTAssertTrue(parts.allSatisfy(isLowerHex), id)
        }
        XCTAssertEqual(report.armed, planned)
        XCTAssertEqual(report.cancelled, [])
        XCTAssertEqual(anaScheduler.calls, planned.map { .arm($0) }, "soonest first")
        XCTAssertEqual(anaScheduler.shown, [
            .init(id: planned[0], fireAtMs: at(0, 19, 30), title: "Evening walk", body: "In 1 h, at 20:30"),
            .init(id: planned[1], fireAtMs: at(0, 20, 20), title: "Evening walk", body: "In 10 min, at 20:30"),
            .init(id: planned[2], fireAtMs: at(1, 8, 0), title: "Tea", body: "Now, 08:00"),
            .init(id: planned[3], fireAtMs: at(1, 19, 30), title: "Evening walk", body: "In 1 h, at 20:30"),
            .init(id: planned[4], fireAtMs: at(1, 20, 20), title: "Evening walk", body: "In 10 min, at 20:30"),
        ])

        // The ids name the occurrence, the lead and what is shown, not the
        // phone: Ben's phone (also in UTC, same settings) plans the same ones.
        XCTAssertEqual(try ben.open().planReminders(deviceZone: ben.deviceZone(), limit: 60), report.plan)
        XCTAssertEqual(try ana.open().planReminders(deviceZone: ana.deviceZone(), limit: 3), Array(report.plan.prefix(3)))
    }

    func testReplanningWithNothingChangedArmsAndCancelsNothing() throws {
        _ = try activate(walk())
        _ = try activate(tea())
        let first = try anaReminders.replan(trigger: .appStart)
        XCTAssertEqual(first.armed.count, 5)
        anaScheduler.clearCalls()

        let again = try anaReminders.replan(trigger: .appStart)
        XCTAssertTrue(again.changedNothing)
        XCTAssertEqual(again.plan, first.plan)
        XCTAssertEqual(anaScheduler.calls, [])

        // The app relaunches: a new controller on the same database and a new
        // coordinator find the same ids pending.
        try ana.close()
        ana = TandemController(databasePath: path("ana.sqlite"), keys: anaKeys, newDeviceName: "Ana's phone",
                               clock: clock, deviceZone: { [unowned self] in self.anaZone })
        anaReminders = ReminderCoordinator(controller: ana, scheduler: anaScheduler)
        let relaunched = try anaReminders.replan(trigger: .appStart)
        XCTAssertTrue(relaunched.changedNothing)
        XCTAssertEqual(relaunched.plan, first.plan)
        XCTAssertEqual(try anaReminders.replan(trigger: .boot).plan, first.plan)
        XCTAssertEqual(anaScheduler.calls, [])

        // Time passes: the first reminder is delivered and leaves the plan;
        // still nothing to arm or cancel.
        clock.set(nowMs: at(0, 19, 31))
        let later = try anaReminders.replan(trigger: .zoneChanged)
        XCTAssertTrue(later.changedNothing)
        XCTAssertEqual(later.plan, Array(first.plan.dropFirst()))
        XCTAssertEqual(anaScheduler.shown.map(\.id), later.plan.map(\.id))
        XCTAssertEqual(anaScheduler.calls, [])
    }

    func testAnAcceptanceOnThePartnerArmsOnlyTheNewRemindersAfterTheSync() throws {
        let walkId = try activate(walk())
        let before = try anaReminders.replan(trigger: .appStart)
        XCTAssertEqual(before.plan.map(\.sourceId), Array(repeating: walkId, count: 4))
        anaScheduler.clearCalls()

        let teaId = try ana.open().proposeRitual(draft: tea()).id
        XCTAssertTrue(try anaReminders.replan(trigger: .afterLocalChange).changedNothing, "a proposal has no reminders")
        try sync(ana)

        // Ben accepts: his phone arms the tea at once, Ana's after the sync.
        _ = try ben.open().acceptRitual(id: teaId)
        let onBen = try benReminders.replan(trigger: .afterLocalChange)
        XCTAssertEqual(onBen.plan.map(\.sourceId), [walkId, walkId, teaId, walkId, walkId])
        XCTAssertTrue(try anaReminders.replan(trigger: .appStart).changedNothing, "Ana has not heard yet")
        XCTAssertEqual(anaScheduler.calls, [])

        try sync(ben)
        let after = try anaReminders.replan(trigger: .afterImport)
        XCTAssertEqual(after.plan.filter { $0.sourceId == teaId }.map(Seen.init),
                       [Seen(teaId, at(1, 8, 0), "2027-03-14 08:00", 0, "Tea", "Now, 08:00")])
        let teaIds = ids(after.plan, of: teaId)
        XCTAssertEqual(after.armed, teaIds)
        XCTAssertEqual(after.cancelled, [])
        XCTAssertEqual(anaScheduler.calls, teaIds.map { .arm($0) }, "nothing else touched")
        XCTAssertEqual(after.plan.filter { $0.sourceId == walkId }, before.plan)
        XCTAssertEqual(after.plan, onBen.plan)
        XCTAssertEqual(anaScheduler.shown, benScheduler.shown, "both phones hold the same notifications")
        XCTAssertEqual(anaScheduler.shown.map(\.title), ["Evening walk", "Evening walk", "Tea", "Evening walk", "Evening walk"])
    }

    func testPausingCancelsExactlyThatRitualsRemindersAndResumingBringsTheSameIdsBack() throws {
        let walkId = try activate(walk())
        let teaId = try activate(tea())
        let first = try anaReminders.replan(trigger: .appStart)
        let walkIds = ids(first.plan, of: walkId)
        let teaIds = ids(first.plan, of: teaId)
        XCTAssertEqual([walkIds.count, teaIds.count], [4, 1])
        anaScheduler.clearCalls()

        // Ben pauses the walk; Ana's phone cancels its four after the sync.
        _ = try ben.open().pauseRitual(id: walkId)
        try sync(ben)
        let paused = try anaReminders.replan(trigger: .afterImport)
        XCTAssertEqual(paused.cancelled, walkIds.sorted())
        XCTAssertEqual(paused.armed, [])
        XCTAssertEqual(paused.plan, first.plan.filter { $0.sourceId == teaId })
        XCTAssertEqual(anaScheduler.calls, [.cancel(walkIds.sorted())])
        XCTAssertEqual(anaScheduler.shown.map(\.id), teaIds)

        // Ana resumes it: the same four ids, times and texts again.
        anaScheduler.clearCalls()
        _ = try ana.open().resumeRitual(id: walkId)
        let resumed = try anaReminders.replan(trigger: .afterLocalChange)
        XCTAssertEqual(resumed.plan, first.plan)
        XCTAssertEqual(resumed.armed, walkIds)
        XCTAssertEqual(resumed.cancelled, [])
        XCTAssertEqual(anaScheduler.calls, walkIds.map { .arm($0) })

        // Retired: only the tea's reminder goes.
        anaScheduler.clearCalls()
        _ = try ana.open().retireRitual(id: teaId)
        let retired = try anaReminders.replan(trigger: .afterLocalChange)
        XCTAssertEqual(retired.cancelled, teaIds)
        XCTAssertEqual(retired.armed, [])
        XCTAssertEqual(anaScheduler.calls, [.cancel(teaIds)])
        XCTAssertEqual(anaScheduler.shown.map(\.id), walkIds)
    }

    func testAZoneChangeRearmsFloatingRitualsAndRefreshesTheTextOfFixedOnes() throws {
        let walkId = try activate(walk(leads: [10]))
        let teaId = try activate(tea())
        let home = try anaReminders.replan(trigger: .appStart)
        XCTAssertEqual(home.plan.map(Seen.init), [
            Seen(walkId, at(0, 20, 20), "2027-03-13 20:20", 10, "Evening walk", "In 10 min, at 20:30"),
            Seen(teaId, at(1, 8, 0), "2027-03-14 08:00", 0, "Tea", "Now, 08:00"),
            Seen(walkId, at(1, 20, 20), "2027-03-14 20:20", 10, "Evening walk", "In 10 min, at 20:30"),
        ])
        let oldWalk = ids(home.plan, of: walkId)
        let oldTea = ids(home.plan, of: teaId)
        anaScheduler.clearCalls()

        // Ana flies to Berlin (UTC+1 in March): the walk follows her clock,
        // the tea stays at 09:00 Berlin time, now shown as 09:00.
        anaZone = "Europe/Berlin"
        let away = try anaReminders.replan(trigger: .zoneChanged)
        XCTAssertEqual(away.plan.map(Seen.init), [
            Seen(walkId, at(0, 19, 20), "2027-03-13 20:20", 10, "Evening walk", "In 10 min, at 20:30"),
            Seen(teaId, at(1, 8, 0), "2027-03-14 09:00", 0, "Tea", "Now, 09:00"),
            Seen(walkId, at(1, 19, 20), "2027-03-14 20:20", 10, "Evening walk", "In 10 min, at 20:30"),
        ])
        XCTAssertEqual(Set(away.plan.map(\.zone)), ["Europe/Berlin"])
        XCTAssertEqual(away.plan, try ana.open().planReminders(deviceZone: ana.deviceZone(), limit: 60))
        let newWalk = ids(away.plan, of: walkId)
        let newTea = ids(away.plan, of: teaId)
        // Slots name occurrences by their scheduled date: the walks of the
        // 13th and 14th keep their slots, revised for the new instant.
        assertRevised(newWalk, of: oldWalk, "walk")
        // The same instant keeps its slot; its new text gives a new revision,
        // so the stale notification is cancelled and the new one armed.
        assertRevised(newTea, of: oldTea, "tea")
        XCTAssertEqual(away.cancelled, (oldWalk + oldTea).sorted())
        XCTAssertEqual(away.armed, away.plan.map(\.id))
        XCTAssertEqual(away.armed, [newWalk[0], newTea[0], newWalk[1]])
        XCTAssertEqual(anaScheduler.calls,
                       [.cancel((oldWalk + oldTea).sorted()), .arm(newWalk[0]), .arm(newTea[0]), .arm(newWalk[1])])
        XCTAssertEqual(anaScheduler.shown, [
            .init(id: newWalk[0], fireAtMs: at(0, 19, 20), title: "Evening walk", body: "In 10 min, at 20:30"),
            .init(id: newTea[0], fireAtMs: at(1, 8, 0), title: "Tea", body: "Now, 09:00"),
            .init(id: newWalk[1], fireAtMs: at(1, 19, 20), title: "Evening walk", body: "In 10 min, at 20:30"),
        ])
        XCTAssertEqual(anaScheduler.mostPending, 3, "cancelled before anything was armed")

        // Back home: the first plan again, under its first ids.
        anaScheduler.clearCalls()
        anaZone = "UTC"
        let back = try anaReminders.replan(trigger: .zoneChanged)
        XCTAssertEqual(back.plan, home.plan)
        XCTAssertEqual(back.armed, home.plan.map(\.id))
        XCTAssertEqual(back.cancelled, away.plan.map(\.id).sorted())
        XCTAssertEqual(anaScheduler.calls, [.cancel(away.plan.map(\.id).sorted())] + home.plan.map { .arm($0.id) })
        XCTAssertEqual(anaScheduler.shown.map(\.id), home.plan.map(\.id))
        XCTAssertEqual(anaScheduler.shown.map(\.body), ["In 10 min, at 20:30", "Now, 08:00", "In 10 min, at 20:30"])
        XCTAssertEqual(anaScheduler.mostPending, 3)

        // An unknown zone: refused before the scheduler is touched.
        anaScheduler.clearCalls()
        anaZone = "Mars/Olympus_Mons"
        assertTandemError(.invalidInput) { try anaReminders.replan(trigger: .zoneChanged) }
        XCTAssertEqual(anaScheduler.calls, [])
        XCTAssertEqual(anaScheduler.shown.map(\.id), home.plan.map(\.id))
    }

    func testQuietHoursMoveRemindersToTheirEndOrDropThem() throws {
        let walkId = try activate(walk())
        let first = try anaReminders.replan(trigger: .appStart)
        let p = first.plan.map(\.id)
        let (early13, late13, early14, late14) = (p[0], p[1], p[2], p[3])
        XCTAssertEqual(first.plan.map(\.fireAtMs), [at(0, 19, 30), at(0, 20, 20), at(1, 19, 30), at(1, 20, 20)])
        XCTAssertEqual(try anaReminders.controller.open().reminderSettings(), ReminderSettings(quiet: nil, hideContent: false))
        anaScheduler.clearCalls()

        // 20:00 to 07:00, moved to the end: the 20:20 reminders would fire at
        // 07:00 the next morning, after their walk began, so they are dropped;
        // the 19:30 ones are outside quiet hours and keep their ids.
        let night = QuietHours(start: "20:00", end: "07:00", policy: .moveToEnd)
        let moved = try anaReminders.change { t, _ in try t.setReminderSettings(settings: ReminderSettings(quiet: night, hideContent: false)) }.report
        XCTAssertEqual(try anaReminders.controller.open().reminderSettings(), ReminderSettings(quiet: night, hideContent: false))
        XCTAssertEqual(moved.trigger, .afterLocalChange)
        XCTAssertEqual(moved.plan, [first.plan[0], first.plan[2]], "untouched: the same values and ids")
        XCTAssertEqual(moved.plan.map(\.id), [early13, early14])
        XCTAssertEqual(moved.plan.map(\.sourceId), [walkId, walkId])
        XCTAssertEqual(moved.cancelled, [late13, late14].sorted())
        XCTAssertEqual(moved.armed, [])
        XCTAssertEqual(anaScheduler.calls, [.cancel([late13, late14].sorted())])
        XCTAssertEqual(anaScheduler.shown.map(\.id), [early13, early14])

        // Dropped instead: the same two are gone already; nothing to do.
        anaScheduler.clearCalls()
        let dropped = try anaReminders.change { t, _ in try t.setReminderSettings(settings: ReminderSettings(
            quiet: QuietHours(start: "20:00", end: "07:00", policy: .drop), hideContent: false)) }.report
        XCTAssertEqual(dropped.plan, moved.plan)
        XCTAssertTrue(dropped.changedNothing)
        XCTAssertEqual(anaScheduler.calls, [])

        // Quiet hours within a day (19:00 to 20:00), moved: 19:30 goes to 20:00
        // the same evening and says the half hour left; that is a new
        // revision of the same slot. The 20:20 ones are back under their first ids.
        anaScheduler.clearCalls()
        let evening = try anaReminders.change { t, _ in try t.setReminderSettings(settings: ReminderSettings(
            quiet: QuietHours(start: "19:00", end: "20:00", policy: .moveToEnd), hideContent: false)) }.report
        XCTAssertEqual(evening.plan.map(Seen.init), [
            Seen(walkId, at(0, 20, 0), "2027-03-13 20:00", 60, "Evening walk", "In 30 min, at 20:30"),
            Seen(walkId, at(0, 20, 20), "2027-03-13 20:20", 10, "Evening walk", "In 10 min, at 20:30"),
            Seen(walkId, at(1, 20, 0), "2027-03-14 20:00", 60, "Evening walk", "In 30 min, at 20:30"),
            Seen(walkId, at(1, 20, 20), "2027-03-14 20:20", 10, "Evening walk", "In 10 min, at 20:30"),
        ])
        XCTAssertEqual(evening.plan.map(\.occurrenceStartMs), first.plan.map(\.occurrenceStartMs))
        XCTAssertEqual(evening.plan, try ana.open().planReminders(deviceZone: ana.deviceZone(), limit: 60))
        let e = evening.plan.map(\.id)
        let (movedEarly13, movedEarly14) = (e[0], e[2])
        assertRevised([movedEarly13, movedEarly14], of: [early13, early14], "moved to 20:00")
        XCTAssertEqual([e[1], e[3]], [late13, late14], "unchanged again: the first ids")
        XCTAssertEqual(evening.cancelled, [early13, early14].sorted())
        XCTAssertEqual(evening.armed, e)
        XCTAssertEqual(anaScheduler.calls, [.cancel([early13, early14].sorted())] + e.map { .arm($0) })
        XCTAssertEqual(anaScheduler.shown, evening.plan.map {
            FakeScheduler.Shown(id: $0.id, fireAtMs: $0.fireAtMs, title: $0.title, body: $0.body)
        })

        // 19:00 to 20:20: the 19:30 reminder moves onto the 20:20 one's
        // minute and text; the two give one reminder per walk.
        anaScheduler.clearCalls()
        let merged = try anaReminders.change { t, _ in try t.setReminderSettings(settings: ReminderSettings(
            quiet: QuietHours(start: "19:00", end: "20:20", policy: .moveToEnd), hideContent: false)) }.report
        XCTAssertEqual(merged.plan.map(\.fireAtMs), [at(0, 20, 20), at(1, 20, 20)])
        XCTAssertEqual(merged.plan.map(\.occurrenceStartMs), [at(0, 20, 30), at(1, 20, 30)])
        XCTAssertEqual(merged.plan.map(\.body), ["In 10 min, at 20:30", "In 10 min, at 20:30"])
        XCTAssertEqual(merged.plan, try ana.open().planReminders(deviceZone: ana.deviceZone(), limit: 60))
        let m = merged.plan.map(\.id)
        XCTAssertEqual(m.map(revision), [late13, late14].map(revision), "shown exactly as the 20:20 reminder")
        // It keeps the slot of one of the two leads, the one it reports.
        for (r, (early, late)) in zip(merged.plan, [(early13, late13), (early14, late14)]) {
            XCTAssertTrue([60, 10].contains(r.leadMinutes), "\(r.leadMinutes)")
            XCTAssertEqual(slot(r.id), slot(r.leadMinutes == 60 ? early : late), r.id)
        }
        let wasPending = e
        XCTAssertEqual(merged.cancelled, wasPending.filter { !m.contains($0) }.sorted())
        XCTAssertTrue(merged.cancelled.contains(movedEarly13) && merged.cancelled.contains(movedEarly14))
        XCTAssertEqual(merged.armed, m.filter { !wasPending.contains($0) })
        XCTAssertEqual(anaScheduler.calls, [.cancel(merged.cancelled)] + merged.armed.map { .arm($0) })
        XCTAssertEqual(anaScheduler.shown.map(\.id), m)

        // 19:00 to 20:30: every reminder would move to the walk's start, when
        // it has begun: all dropped, all cancelled.
        anaScheduler.clearCalls()
        let atStart = try anaReminders.change { t, _ in try t.setReminderSettings(settings: ReminderSettings(
            quiet: QuietHours(start: "19:00", end: "20:30", policy: .moveToEnd), hideContent: false)) }.report
        XCTAssertEqual(atStart.plan, [])
        XCTAssertEqual(atStart.armed, [])
        XCTAssertEqual(atStart.cancelled, m.sorted())
        XCTAssertEqual(anaScheduler.calls, [.cancel(m.sorted())])
        XCTAssertEqual(anaScheduler.pending.count, 0)

        // Quiet all day, or at no time of day: refused, nothing changes.
        anaScheduler.clearCalls()
        let kept = try anaReminders.controller.open().reminderSettings()
        let wholeDay = assertTandemError(.invalidInput) {
            try anaReminders.change { t, _ in try t.setReminderSettings(settings: ReminderSettings(
                quiet: QuietHours(start: "22:00", end: "22:00", policy: .drop), hideContent: false)) }.report
        }
        XCTAssertTrue(wholeDay?.reason.contains("whole day") ?? false, wholeDay?.reason ?? "")
        assertTandemError(.invalidInput) {
            try anaReminders.change { t, _ in try t.setReminderSettings(settings: ReminderSettings(
                quiet: QuietHours(start: "25:00", end: "07:00", policy: .moveToEnd), hideContent: true)) }.report
        }
        XCTAssertEqual(try anaReminders.controller.open().reminderSettings(), kept)
        XCTAssertEqual(anaScheduler.calls, [])

        // No quiet hours: the first plan again, under the first ids.
        let cleared = try anaReminders.change { t, _ in try t.setReminderSettings(settings: ReminderSettings(quiet: nil, hideContent: false)) }.report
        XCTAssertEqual(cleared.plan, first.plan)
        XCTAssertEqual(cleared.armed, p)
        XCTAssertEqual(cleared.cancelled, [])
        XCTAssertEqual(anaScheduler.shown.map(\.id), p)
        XCTAssertEqual(anaScheduler.shown.map(\.fireAtMs), first.plan.map(\.fireAtMs))
    }

    func testRemindersMovedOutOfQuietHoursSayHowLongIsLeft() throws {
        // A run at 07:30 on Mar 14 and 15, reminded an hour, 45 and 10 minutes before.
        let runId = try activate(RitualDraft(
            title: "Run", prompt: nil, minutes: 30, timeOfDay: "07:30", zone: .floating,
            recurrence: Recurrence(repeat: .daily, startDate: "2027-03-14", untilDate: nil, count: 2),
            leadMinutes: [60, 45, 10]))
        let first = try anaReminders.replan(trigger: .appStart)
        XCTAssertEqual(first.plan.map(Seen.init), [
            Seen(runId, at(1, 6, 30), "2027-03-14 06:30", 60, "Run", "In 1 h, at 07:30"),
            Seen(runId, at(1, 6, 45), "2027-03-14 06:45", 45, "Run", "In 45 min, at 07:30"),
            Seen(runId, at(1, 7, 20), "2027-03-14 07:20", 10, "Run", "In 10 min, at 07:30"),
            Seen(runId, at(2, 6, 30), "2027-03-15 06:30", 60, "Run", "In 1 h, at 07:30"),
            Seen(runId, at(2, 6, 45), "2027-03-15 06:45", 45, "Run", "In 45 min, at 07:30"),
            Seen(runId, at(2, 7, 20), "2027-03-15 07:20", 10, "Run", "In 10 min, at 07:30"),
        ])
        let p = first.plan.map(\.id)
        anaScheduler.clearCalls()

        // 22:00 to 07:00: the 06:30 and 06:45 reminders both move to 07:00 and
        // say the half hour left; one reminder for the two. 07:20 stays as it was.
        let night = try anaReminders.change { t, _ in try t.setReminderSettings(settings: ReminderSettings(
            quiet: QuietHours(start: "22:00", end: "07:00", policy: .moveToEnd), hideContent: false)) }.report
        XCTAssertEqual(night.plan, try ana.open().planReminders(deviceZone: ana.deviceZone(), limit: 60))
        XCTAssertEqual(night.plan.map(\.fireAtMs), [at(1, 7, 0), at(1, 7, 20), at(2, 7, 0), at(2, 7, 20)])
        XCTAssertEqual(night.plan.map(\.localTime),
                       ["2027-03-14 07:00", "2027-03-14 07:20", "2027-03-15 07:00", "2027-03-15 07:20"])
        XCTAssertEqual(night.plan.map(\.body),
                       ["In 30 min, at 07:30", "In 10 min, at 07:30", "In 30 min, at 07:30", "In 10 min, at 07:30"])
        XCTAssertEqual(night.plan.map(\.occurrenceStartMs), [at(1, 7, 30), at(1, 7, 30), at(2, 7, 30), at(2, 7, 30)])
        let n = night.plan.map(\.id)
        XCTAssertEqual([n[1], n[3]], [p[2], p[5]], "07:20 untouched: the same ids")
        // The merged one is a new revision of the 60- or the 45-minute slot,
        // matching its lead.
        for (i, day) in [(0, 0), (2, 3)] {
            let r = night.plan[i]
            let original = r.leadMinutes == 60 ? p[day] : p[day + 1]
            XCTAssertTrue([60, 45].contains(r.leadMinutes), "\(r.leadMinutes)")
            assertRevised([r.id], of: [original], "moved to 07:00")
        }
        XCTAssertEqual(night.cancelled, [p[0], p[1], p[3], p[4]].sorted())
        XCTAssertEqual(night.armed, [n[0], n[2]])
        XCTAssertEqual(anaScheduler.calls, [.cancel([p[0], p[1], p[3], p[4]].sorted()), .arm(n[0]), .arm(n[2])])
        XCTAssertEqual(anaScheduler.shown.map(\.id), n)
        XCTAssertEqual(anaScheduler.shown.map(\.body), night.plan.map(\.body))
        XCTAssertEqual(anaScheduler.mostPending, 6)

        // Until 07:29: all three leads move to one reminder a minute before.
        anaScheduler.clearCalls()
        let late = try anaReminders.change { t, _ in try t.setReminderSettings(settings: ReminderSettings(
            quiet: QuietHours(start: "22:00", end: "07:29", policy: .moveToEnd), hideContent: false)) }.report
        XCTAssertEqual(late.plan.map(\.fireAtMs), [at(1, 7, 29), at(2, 7, 29)])
        XCTAssertEqual(late.plan.map(\.body), ["In 1 min, at 07:30", "In 1 min, at 07:30"])
        XCTAssertEqual(late.plan, try ana.open().planReminders(deviceZone: ana.deviceZone(), limit: 60))
        XCTAssertEqual(late.cancelled, n.sorted())
        XCTAssertEqual(late.armed, late.plan.map(\.id))
        XCTAssertEqual(anaScheduler.shown.map(\.id), late.plan.map(\.id))

        // Until 07:30, the run's start: nothing left to remind of.
        let atStart = try anaReminders.change { t, _ in try t.setReminderSettings(settings: ReminderSettings(
            quiet: QuietHours(start: "22:00", end: "07:30", policy: .moveToEnd), hideContent: false)) }.report
        XCTAssertEqual(atStart.plan, [])
        XCTAssertEqual(atStart.cancelled, late.plan.map(\.id).sorted())
        XCTAssertEqual(anaScheduler.pending.count, 0)

        // Dropped instead of moved (22:00 to 07:00): only 07:20 is left, as first planned.
        anaScheduler.clearCalls()
        let dropped = try anaReminders.change { t, _ in try t.setReminderSettings(settings: ReminderSettings(
            quiet: QuietHours(start: "22:00", end: "07:00", policy: .drop), hideContent: false)) }.report
        XCTAssertEqual(dropped.plan, [first.plan[2], first.plan[5]])
        XCTAssertEqual(dropped.armed, [p[2], p[5]])
        XCTAssertEqual(dropped.cancelled, [])
        XCTAssertEqual(anaScheduler.calls, [.arm(p[2]), .arm(p[5])])
    }

    func testHiddenContentArmsThePrivateTextUnderNewRevisions() throws {
        let walkId = try activate(walk(leads: [10]))
        _ = try activate(tea())
        let first = try anaReminders.replan(trigger: .appStart)
        let planned = first.plan.map(\.id)
        XCTAssertEqual(anaScheduler.shown.map(\.title), ["Evening walk", "Tea", "Evening walk"])
        anaScheduler.clearCalls()

        // Hiding the text changes what every notification shows: the same
        // slots, new revisions; the visible ones are cancelled, the private
        // ones armed.
        let hidden = try anaReminders.change { t, _ in try t.setReminderSettings(settings: ReminderSettings(quiet: nil, hideContent: true)) }.report
        let hiddenIds = hidden.plan.map(\.id)
        XCTAssertEqual(hiddenIds, try ana.open().planReminders(deviceZone: ana.deviceZone(), limit: 60).map(\.id))
        assertRevised(hiddenIds, of: planned, "hidden")
        XCTAssertEqual(hidden.plan.map(\.fireAtMs), first.plan.map(\.fireAtMs))
        XCTAssertEqual(hidden.plan.map(\.hideContent), [true, true, true])
        XCTAssertEqual(hidden.plan.map(\.title), ["Evening walk", "Tea", "Evening walk"], "the plan keeps both texts")
        XCTAssertEqual(hidden.armed.compactMap { anaScheduler.alarms[$0]?.title }, ["Tandem", "Tandem", "Tandem"])
        XCTAssertEqual(hidden.armed, hiddenIds)
        XCTAssertEqual(hidden.cancelled, planned.sorted())
        XCTAssertEqual(anaScheduler.calls, [.cancel(planned.sorted())] + hiddenIds.map { .arm($0) })
        XCTAssertEqual(anaScheduler.shown, first.plan.indices.map { i -> FakeScheduler.Shown in
            FakeScheduler.Shown(id: hiddenIds[i], fireAtMs: first.plan[i].fireAtMs,
                                title: "Tandem", body: "A moment for the two of you")
        })
        XCTAssertEqual(anaScheduler.mostPending, 3)

        // Reminders armed later are hidden too, under the hidden ids.
        anaScheduler.clearCalls()
        _ = try ana.open().pauseRitual(id: walkId)
        XCTAssertEqual(try anaReminders.replan(trigger: .afterLocalChange).cancelled, ids(hidden.plan, of: walkId).sorted())
        _ = try ana.open().resumeRitual(id: walkId)
        let resumed = try anaReminders.replan(trigger: .afterLocalChange)
        XCTAssertEqual(resumed.plan, hidden.plan)
        XCTAssertEqual(resumed.armed, ids(hidden.plan, of: walkId))
        XCTAssertEqual(Set(anaScheduler.shown.map(\.title)), ["Tandem"])
        XCTAssertEqual(Set(anaScheduler.shown.map(\.body)), ["A moment for the two of you"])

        // Shown again: the first ids and texts come back.
        anaScheduler.clearCalls()
        let visible = try anaReminders.change { t, _ in try t.setReminderSettings(settings: ReminderSettings(quiet: nil, hideContent: false)) }.report
        XCTAssertEqual(visible.plan, first.plan)
        XCTAssertEqual(visible.armed, planned)
        XCTAssertEqual(visible.cancelled, hiddenIds.sorted())
        XCTAssertEqual(anaScheduler.calls, [.cancel(hiddenIds.sorted())] + planned.map { .arm($0) })
        XCTAssertEqual(anaScheduler.shown.map(\.id), planned)
        XCTAssertEqual(anaScheduler.shown.map(\.title), ["Evening walk", "Tea", "Evening walk"])
        XCTAssertEqual(anaScheduler.shown.map(\.body), ["In 10 min, at 20:30", "Now, 08:00", "In 10 min, at 20:30"])
    }

    func testAChangeMadeWhileTheAppWasNotRunningIsFoundFromTheIdsAlone() throws {
        _ = try activate(walk(leads: [10]))
        _ = try activate(tea())
        let first = try anaReminders.replan(trigger: .appStart)
        let planned = first.plan.map(\.id)

        // The text is hidden and the app is killed before it re-plans; the
        // next launch has a new controller and coordinator that know nothing
        // of what was armed, only the pending ids.
        try ana.open().setReminderSettings(settings: ReminderSettings(quiet: nil, hideContent: true))
        try ana.close()
        ana = TandemController(databasePath: path("ana.sqlite"), keys: anaKeys, newDeviceName: "Ana's phone",
                               clock: clock, deviceZone: { [unowned self] in self.anaZone })
        anaReminders = ReminderCoordinator(controller: ana, scheduler: anaScheduler)
        anaScheduler.clearCalls()

        let relaunched = try anaReminders.replan(trigger: .appStart)
        let hiddenIds = relaunched.plan.map(\.id)
        assertRevised(hiddenIds, of: planned, "hidden while not running")
        XCTAssertEqual(relaunched.cancelled, planned.sorted(), "the stale visible ones")
        XCTAssertEqual(relaunched.armed, hiddenIds)
        XCTAssertEqual(anaScheduler.calls, [.cancel(planned.sorted())] + hiddenIds.map { .arm($0) })
        XCTAssertEqual(Set(anaScheduler.shown.map(\.title)), ["Tandem"])
        XCTAssertEqual(Set(anaScheduler.shown.map(\.body)), ["A moment for the two of you"])

        // Another launch: nothing left to do.
        anaScheduler.clearCalls()
        anaReminders = ReminderCoordinator(controller: ana, scheduler: anaScheduler)
        XCTAssertTrue(try anaReminders.replan(trigger: .appStart).changedNothing)
        XCTAssertEqual(anaScheduler.calls, [])
    }

    func testTheNotificationContentIsTheAlarmsWordsAndItsChannelNothingElse() throws {
        let a = Alarm(id: "r-1", kind: .ritual, channel: .rituals, channelKey: "rituals", channelTitle: "Rituals",
                      fireAtMs: 0, windowMs: 0, localTime: "1970-01-01 00:00", followsDeviceZone: false,
                      title: "Tandem", body: "A moment for the two of you",
                      publicTitle: "Tandem", publicBody: "A moment for the two of you")
        let c = a.notificationContent
        XCTAssertEqual([c.title, c.subtitle, c.body, c.threadIdentifier], ["Tandem", "", "A moment for the two of you", "rituals"])
        XCTAssertEqual(c.userInfo, ["reminderId": "r-1", "channel": "rituals"])
    }

    func testAGermanPhoneArmsItsRemindersInGermanAndANewLanguageRearmsThem() throws {
        try ana.open().setReminderSettings(settings: ReminderSettings(quiet: nil, hideContent: false))
        _ = try activate(walk())
        let english = try anaReminders.replan(trigger: .appStart)
        try ana.open().setLocale(tag: "de-DE")
        let german = try anaReminders.replan(trigger: .languageChanged)
        XCTAssertEqual(german.cancelled, english.armed.sorted(), "every English one cancelled")
        XCTAssertEqual(german.armed.count, english.armed.count)
        let first = try XCTUnwrap(anaScheduler.alarms[german.armed[0]])
        XCTAssertEqual([first.title, first.channelTitle, first.publicBody],
                       ["Evening walk", "Rituale", "Ein Moment für euch beide"])
        XCTAssertTrue(first.body.hasPrefix("Jetzt") || first.body.hasPrefix("In "), first.body)
    }

    func testARetitledRitualIsRearmedUnderNewRevisions() throws {
        let walkId = try activate(walk(leads: [10]))
        let first = try anaReminders.replan(trigger: .appStart)
        let planned = first.plan.map(\.id)
        anaScheduler.clearCalls()

        // Ben suggests a new title (the whole version, same times); Ana accepts.
        _ = try ben.open().counterRitual(id: walkId, draft: walk(title: "Evening stroll", leads: [10]))
        try sync(ben)
        XCTAssertTrue(try anaReminders.replan(trigger: .afterImport).changedNothing, "not in effect yet")
        _ = try ana.open().acceptRitual(id: walkId)
        let renamed = try anaReminders.replan(trigger: .afterLocalChange)
        let renamedIds = renamed.plan.map(\.id)
        XCTAssertEqual(renamed.plan, try ana.open().planReminders(deviceZone: ana.deviceZone(), limit: 60))
        assertRevised(renamedIds, of: planned, "new title")
        XCTAssertEqual(renamed.plan.map(\.fireAtMs), first.plan.map(\.fireAtMs))
        XCTAssertEqual(renamed.plan.map(\.title), ["Evening stroll", "Evening stroll"])
        XCTAssertEqual(renamed.armed, renamedIds)
        XCTAssertEqual(renamed.cancelled, planned.sorted())
        XCTAssertEqual(anaScheduler.calls, [.cancel(planned.sorted())] + renamedIds.map { .arm($0) })
        XCTAssertEqual(anaScheduler.shown.map(\.id), renamedIds)
        XCTAssertEqual(anaScheduler.shown.map(\.title), ["Evening stroll", "Evening stroll"])
    }

    // MARK: the limit

    func testNeverMoreThanSixtyPendingAndTheSoonestWin() throws {
        // Eight reminders a day: a run at 07:00 and a walk at 20:30, four leads each.
        let runId = try activate(RitualDraft(title: "Run", prompt: nil, minutes: 30, timeOfDay: "07:00",
                                             zone: .floating, leadMinutes: [60, 30, 15, 0]))
        let walkId = try activate(RitualDraft(title: "Walk", prompt: nil, minutes: 30, timeOfDay: "20:30",
                                              zone: .floating, leadMinutes: [120, 60, 10, 0]))
        let leftOver = (1...5).map { "left-over-\($0)" }
        for id in leftOver { anaScheduler.inject(id, at: at(30, 0, 0)) }

        let first = try anaReminders.replan(trigger: .appStart)
        XCTAssertEqual(first.plan.count, 60)
        XCTAssertEqual(first.plan, Array(try ana.open().planReminders(deviceZone: ana.deviceZone(), limit: 100).prefix(60)), "the soonest 60")
        XCTAssertEqual(first.plan.first.map(Seen.init),
                       Seen(walkId, at(0, 18, 30), "2027-03-13 18:30", 120, "Walk", "In 2 h, at 20:30"))
        // The rest of Mar 13 (4) and seven whole days (56).
        XCTAssertEqual(first.plan.last.map(Seen.init),
                       Seen(walkId, at(7, 20, 30), "2027-03-20 20:30", 0, "Walk", "Now, 20:30"))
        XCTAssertEqual(first.plan.filter { $0.sourceId == runId }.count, 28)
        XCTAssertEqual(first.plan.map(\.fireAtMs), first.plan.map(\.fireAtMs).sorted())
        XCTAssertEqual(first.cancelled, leftOver)
        XCTAssertEqual(first.armed, first.plan.map(\.id))
        XCTAssertEqual(anaScheduler.calls.first, .cancel(leftOver), "cancel first, then arm")
        XCTAssertEqual(anaScheduler.calls.count, 61)
        XCTAssertEqual(anaScheduler.pending.count, 60)
        XCTAssertEqual(anaScheduler.mostPending, 60)

        // A day later: yesterday's eight are delivered, eight new arrive.
        clock.set(nowMs: at(1, 12, 0))
        anaScheduler.clearCalls()
        let nextDay = try anaReminders.replan(trigger: .zoneChanged)
        XCTAssertEqual(nextDay.plan.count, 60)
        XCTAssertEqual(nextDay.armed, nextDay.plan.suffix(8).map(\.id))
        XCTAssertEqual(nextDay.plan.suffix(8).map(\.fireAtMs),
                       [at(8, 6, 0), at(8, 6, 30), at(8, 6, 45), at(8, 7, 0),
                        at(8, 18, 30), at(8, 19, 30), at(8, 20, 20), at(8, 20, 30)])
        XCTAssertEqual(nextDay.cancelled, [])
        XCTAssertEqual(anaScheduler.pending.count, 60)
        XCTAssertEqual(anaScheduler.mostPending, 60)

        // A third ritual at 13:00: its reminders push the latest others out,
        // cancelled before anything is armed.
        anaScheduler.clearCalls()
        let teaId = try activate(RitualDraft(title: "Tea", prompt: nil, minutes: 20, timeOfDay: "13:00",
                                             zone: .floating))
        let withTea = try anaReminders.replan(trigger: .afterImport)
        let teaIds = ids(withTea.plan, of: teaId)
        XCTAssertEqual(withTea.plan.filter { $0.sourceId == teaId }.map(\.fireAtMs),
                       (1...7).map { at($0, 13, 0) }, "Mar 14 to Mar 20")
        XCTAssertEqual(withTea.plan, Array(try ana.open().planReminders(deviceZone: ana.deviceZone(), limit: 100).prefix(60)))
        XCTAssertEqual(withTea.armed, teaIds)
        XCTAssertEqual(withTea.cancelled, nextDay.plan.suffix(7).map(\.id).sorted())
        XCTAssertEqual(anaScheduler.calls, [.cancel(withTea.cancelled)] + teaIds.map { .arm($0) })
        XCTAssertEqual(anaScheduler.pending.count, 60)
        XCTAssertEqual(anaScheduler.mostPending, 60, "never above 60")
    }

    func testLimitsAndZonesAreChecked() throws {
        _ = try activate(RitualDraft(title: "Walk", prompt: nil, minutes: 30, timeOfDay: "20:30", zone: .floating,
                                     leadMinutes: [120, 60, 10, 0]))

        // The core keeps 60 armed at most (iOS holds 64 pending).
        XCTAssertEqual(try anaReminders.replan(trigger: .appStart).plan.count, 60)
        XCTAssertEqual(anaScheduler.pending.count, 60)

        let tandem = try ana.open()
        assertTandemError(.invalidInput) { try tandem.planReminders(deviceZone: "Not/AZone", limit: 60) }
        assertTandemError(.invalidInput) { try tandem.planReminders(deviceZone: "", limit: 60) }
        // It is past 21:00 in Tokyo: the first is tomorrow's 18:30 (20:30 less two hours).
        let tokyo = try XCTUnwrap(try tandem.planReminders(deviceZone: "Asia/Tokyo", limit: 1).first)
        XCTAssertEqual([tokyo.localTime, tokyo.zone], ["2027-03-14 18:30", "Asia/Tokyo"])
        XCTAssertEqual(tokyo.fireAtMs, at(1, 9, 30))
    }

    // MARK: triggers and failures

    func testEveryTriggerReplans() throws {
        XCTAssertEqual(ReplanTrigger.allCases.count, 9)
        _ = try activate(walk())
        let planned = try ana.open().planReminders(deviceZone: ana.deviceZone(), limit: 60).map(\.id)
        XCTAssertEqual(planned.count, 4)

        for trigger in ReplanTrigger.allCases {
            // The OS lost what was armed, and something stale is pending.
            anaScheduler.forgetAll()
            anaScheduler.inject("stale", at: at(1, 0, 0))
            anaScheduler.clearCalls()
            let report = try anaReminders.replan(trigger: trigger)
            XCTAssertEqual(report.trigger, trigger)
            XCTAssertEqual(report.armed, planned, "\(trigger)")
            XCTAssertEqual(report.cancelled, ["stale"], "\(trigger)")
            XCTAssertEqual(anaScheduler.calls, [.cancel(["stale"])] + planned.map { .arm($0) }, "\(trigger)")
            XCTAssertEqual(anaScheduler.shown.map(\.id), planned, "\(trigger)")
            XCTAssertTrue(try anaReminders.replan(trigger: trigger).changedNothing, "\(trigger) again")
        }

        // Each one plans from the state as it is now: the first reminder was
        // delivered; hiding or showing the text gives the rest new
        // revisions, showing it again their first ids.
        clock.set(nowMs: at(0, 20, 0))
        var pendingBefore = Array(planned.dropFirst())
        for (i, trigger) in ReplanTrigger.allCases.enumerated() {
            let hide = i % 2 == 0
            try ana.open().setReminderSettings(settings: ReminderSettings(quiet: nil, hideContent: hide))
            anaScheduler.clearCalls()
            let report = try anaReminders.replan(trigger: trigger)
            let now = report.plan.map(\.id)
            XCTAssertEqual(now, try ana.open().planReminders(deviceZone: ana.deviceZone(), limit: 60).map(\.id), "\(trigger)")
            if hide {
                assertRevised(now, of: Array(planned.dropFirst()), "\(trigger)")
            } else {
                XCTAssertEqual(now, Array(planned.dropFirst()), "\(trigger)")
            }
            XCTAssertEqual(report.armed, now, "\(trigger): new text, new ids")
            XCTAssertEqual(report.cancelled, pendingBefore.sorted(), "\(trigger)")
            XCTAssertEqual(anaScheduler.calls, [.cancel(pendingBefore.sorted())] + now.map { .arm($0) }, "\(trigger)")
            XCTAssertEqual(Set(anaScheduler.shown.map(\.title)), [hide ? "Tandem" : "Evening walk"], "\(trigger)")
            pendingBefore = now
        }
    }

    func testASchedulerErrorStopsTheReplanAndTheNextOneFinishes() throws {
        _ = try activate(walk())
        let planned = try ana.open().planReminders(deviceZone: ana.deviceZone(), limit: 60).map(\.id)
        anaScheduler.refuse = [planned[2]]
        XCTAssertThrowsError(try anaReminders.replan(trigger: .appStart)) { error in
            XCTAssertTrue(error is FakeScheduler.Refused, "\(error)")
        }
        XCTAssertEqual(anaScheduler.shown.map(\.id), Array(planned.prefix(2)))

        anaScheduler.refuse = []
        anaScheduler.clearCalls()
        let retry = try anaReminders.replan(trigger: .permissionChanged)
        XCTAssertEqual(retry.armed, Array(planned.suffix(2)))
        XCTAssertEqual(retry.cancelled, [])
        XCTAssertEqual(anaScheduler.calls, planned.suffix(2).map { .arm($0) })
        XCTAssertEqual(anaScheduler.shown.map(\.id), planned)
    }

    func testAClosedControllerThrowsAndTouchesNothing() throws {
        _ = try activate(walk())
        try anaReminders.replan(trigger: .appStart)
        anaScheduler.clearCalls()
        try ana.close()
        assertTandemError(.closed) { try anaReminders.replan(trigger: .appStart) }
        assertTandemError(.closed) { try anaReminders.controller.open().reminderSettings() }
        assertTandemError(.closed) { try anaReminders.change { t, _ in try t.setReminderSettings(settings: ReminderSettings(quiet: nil, hideContent: true)) }.report }
        XCTAssertEqual(anaScheduler.calls, [])
        XCTAssertEqual(anaScheduler.pending.count, 4)
    }

    // MARK: the facade directly

    func testReminderSettingsRoundTripThroughTheBindings() throws {
        let tandem = try ana.open()
        XCTAssertEqual(try tandem.reminderSettings(), ReminderSettings(quiet: nil, hideContent: false))
        let settings = ReminderSettings(quiet: QuietHours(start: "22:30", end: "06:45", policy: .drop), hideContent: true)
        try tandem.setReminderSettings(settings: settings)
        XCTAssertEqual(try tandem.reminderSettings(), settings)
        assertTandemError(.invalidInput) {
            try tandem.setReminderSettings(settings: ReminderSettings(
                quiet: QuietHours(start: "06:45", end: "06:45", policy: .moveToEnd), hideContent: false))
        }
        XCTAssertEqual(try tandem.reminderSettings(), settings)
        // Device-only: nothing of it reaches Ben.
        _ = try ana.open().proposeRitual(draft: walk())
        try sync(ana)
        XCTAssertEqual(try ben.open().reminderSettings(), ReminderSettings(quiet: nil, hideContent: false))
    }
}

// MARK: each re-plan trigger, one by one, and notifications turned off

extension ReminderCoordinatorTests {
    func testEachTriggerArmsAndCancelsExactlyWhatChanged() throws {
        // Launch: everything planned is armed, soonest first.
        let walkId = try activate(walk())
        let launch = try anaReminders.replan(trigger: .appStart)
        let walkIds = ids(launch.plan, of: walkId)
        XCTAssertEqual(walkIds.count, 4)
        XCTAssertEqual(anaScheduler.calls, walkIds.map { .arm($0) })

        // An unchanged re-plan arms and cancels nothing, whatever the trigger.
        for trigger in ReplanTrigger.allCases {
            anaScheduler.clearCalls()
            XCTAssertTrue(try anaReminders.replan(trigger: trigger).changedNothing, "\(trigger)")
            XCTAssertEqual(anaScheduler.calls, [], "\(trigger)")
        }

        // A local change that touches schedules: a personal ritual, armed alone.
        anaScheduler.clearCalls()
        let personal = try anaReminders.addPersonal(RitualDraft(
            title: "Stretch", prompt: nil, minutes: 10, timeOfDay: "18:00", zone: .floating,
            recurrence: Recurrence(repeat: .daily, startDate: "2027-03-13", untilDate: nil, count: 1)))
        let stretchIds = ids(personal.outcome.plan, of: personal.value.id)
        XCTAssertFalse(stretchIds.isEmpty)
        XCTAssertEqual(personal.outcome.armed, stretchIds)
        XCTAssertEqual(personal.outcome.cancelled, [])
        XCTAssertEqual(anaScheduler.calls, stretchIds.map { .arm($0) })

        // An import: Ben paused the walk, so exactly its four go.
        _ = try ben.open().pauseRitual(id: walkId)
        try sync(ben)
        anaScheduler.clearCalls()
        let imported = try anaReminders.replan(trigger: .afterImport)
        XCTAssertEqual(imported.cancelled, walkIds.sorted())
        XCTAssertEqual(imported.armed, [])
        XCTAssertEqual(anaScheduler.calls, [.cancel(walkIds.sorted())])
        _ = try ana.open().resumeRitual(id: walkId)
        XCTAssertEqual(try anaReminders.replan(trigger: .afterLocalChange).armed, walkIds)

        // A zone change moves the floating walk (20:30 in Berlin is 19:30Z):
        // its old ids cancelled first, the new ones armed an hour earlier.
        anaZone = "Europe/Berlin"
        anaScheduler.clearCalls()
        let moved = try anaReminders.replan(trigger: .zoneChanged)
        let movedWalk = moved.plan.filter { $0.sourceId == walkId }
        XCTAssertEqual(movedWalk.map(\.fireAtMs), launch.plan.map { $0.fireAtMs - T.hour })
        XCTAssertTrue(Set(movedWalk.map(\.id)).isDisjoint(with: walkIds))
        XCTAssertTrue(Set(walkIds).isSubset(of: moved.cancelled))
        XCTAssertTrue(Set(movedWalk.map(\.id)).isSubset(of: moved.armed))
        XCTAssertEqual(anaScheduler.calls, [.cancel(moved.cancelled)] + moved.armed.map { .arm($0) })
        XCTAssertEqual(anaScheduler.shown.map(\.id), moved.plan.map(\.id))

        // A background refresh after the system dropped every pending one
        // arms them all again, and cancels nothing.
        anaScheduler.forgetAll()
        anaScheduler.clearCalls()
        let refreshed = try anaReminders.replan(trigger: .backgroundRefresh)
        XCTAssertEqual(refreshed.armed, moved.plan.map(\.id))
        XCTAssertEqual(refreshed.cancelled, [])
        XCTAssertEqual(anaScheduler.calls, moved.plan.map { .arm($0.id) })
        XCTAssertLessThanOrEqual(anaScheduler.mostPending, 60)
    }

    func testWithNotificationsDeniedRemindersAreStillPlannedButNothingIsArmed() throws {
        _ = try activate(walk())
        let first = try anaReminders.replan(trigger: .appStart)
        XCTAssertNil(first.permissionMessage)
        let planned = first.plan.map(\.id)

        // The person turns notifications off in Settings: the app comes back
        // and re-plans. The plan is whole (Today shows it), nothing is
        // armed, and what was pending goes.
        anaScheduler.allowed = .denied
        anaScheduler.clearCalls()
        let denied = try anaReminders.replan(trigger: .permissionChanged)
        XCTAssertEqual(denied.permission, .denied)
        XCTAssertEqual(denied.plan.map(\.id), planned, "still planned")
        XCTAssertEqual(denied.armed, [])
        XCTAssertEqual(denied.cancelled, planned.sorted())
        XCTAssertEqual(anaScheduler.calls, [.cancel(planned.sorted())])
        XCTAssertEqual(anaScheduler.pending.count, 0)
        let message = try XCTUnwrap(denied.permissionMessage)
        XCTAssertTrue(message.contains("Notifications are off"), message)
        XCTAssertTrue(message.contains("shown here in the app"), message)
        XCTAssertFalse(message.contains("Evening walk"), "never user text")
        XCTAssertEqual(try ana.todayScreen().coming.count, 1, "Today still shows the walk")

        // Every later re-plan while denied touches nothing; local changes still work.
        anaScheduler.clearCalls()
        XCTAssertTrue(try anaReminders.replan(trigger: .appStart).changedNothing)
        let pause = try anaReminders.perform(.startPause(minutes: 30, note: nil))
        XCTAssertEqual(pause.armed, [])
        XCTAssertEqual(pause.plan.count, planned.count + 1, "the return is planned")
        XCTAssertEqual(anaScheduler.calls, [])

        // Not asked yet: the same, with its own message.
        anaScheduler.allowed = .notAsked
        let notAsked = try anaReminders.replan(trigger: .appStart)
        XCTAssertEqual(notAsked.armed, [])
        XCTAssertEqual(notAsked.permissionMessage, noticeText(notice: .notificationsNotAsked, localeTag: "en-US"))

        // Allowed again: everything planned is armed at once.
        anaScheduler.allowed = .allowed
        anaScheduler.clearCalls()
        let allowed = try anaReminders.replan(trigger: .permissionChanged)
        XCTAssertNil(allowed.permissionMessage)
        XCTAssertEqual(allowed.armed, allowed.plan.map(\.id))
        XCTAssertEqual(anaScheduler.calls, allowed.plan.map { .arm($0.id) })
        XCTAssertEqual(anaScheduler.shown.map(\.id), allowed.plan.map(\.id))
    }

    func testARowsActionChangesTheRitualAndReplans() throws {
        let walkId = try activate(walk())
        let walkIds = ids(try anaReminders.replan(trigger: .appStart).plan, of: walkId)
        anaScheduler.clearCalls()
        let row = { try XCTUnwrap(try self.ana.ritualsScreen().rows.first { $0.id == walkId }) }
        let paused = try anaReminders.perform(try XCTUnwrap(row().button(.pause)?.perform))
        XCTAssertEqual(try ana.ritual(walkId).status, .paused)
        XCTAssertEqual(paused.cancelled, walkIds.sorted())
        XCTAssertEqual(anaScheduler.calls, [.cancel(walkIds.sorted())])
        let resumed = try anaReminders.perform(try XCTUnwrap(row().button(.resume)?.perform))
        XCTAssertEqual(resumed.armed, walkIds)
        XCTAssertNil(try XCTUnwrap(row().button(.counter)).perform, "the form, not an action")
        XCTAssertEqual(try anaReminders.perform(try XCTUnwrap(row().button(.retire)?.perform)).cancelled, walkIds.sorted())
    }
}

/// Every trigger, for looping over them (the core's enum is not CaseIterable).
extension ReplanTrigger: CaseIterable {
    public static var allCases: [ReplanTrigger] {
        [.appStart, .afterImport, .afterLocalChange, .timeChanged, .zoneChanged, .boot, .permissionChanged,
         .backgroundRefresh, .languageChanged]
    }
}
