import Foundation
import XCTest
@testable import TandemKit

/// Snoozing one occurrence's reminder: on this phone only, by 1 to 720 minutes.
final class SnoozeBindingsTests: TwoPhonesTestCase {
    private var walkId = ""

    override func setUpWithError() throws {
        try super.setUpWithError()
        try pair()
        // A walk at 20:30 every day from 2027-03-13, reminders 60 and 10 min before.
        var d = draft("Evening walk", at: "20:30")
        d.recurrence = Recurrence(repeat: .daily, startDate: "2027-03-13", untilDate: nil, count: nil)
        d.leadMinutes = [60, 10]
        walkId = try agreed(d).id
    }

    /// (kind, fire time) of the reminders of the occurrence starting at `startMs`.
    private func reminders(_ t: Tandem, of startMs: Int64) throws -> [Pair] {
        try t.planReminders(deviceZone: "UTC", limit: 60)
            .filter { $0.sourceId == walkId && $0.occurrenceStartMs == startMs }
            .map { Pair($0.kind, $0.fireAtMs) }
    }

    private struct Pair: Equatable {
        let kind: ReminderKind
        let at: Int64
        init(_ kind: ReminderKind, _ at: Int64) { (self.kind, self.at) = (kind, at) }
    }

    func testASnoozedReminderComesBackOnceAtTheReturnedInstant() throws {
        let tonight = at(0, 20, 30)
        XCTAssertEqual(try reminders(ana, of: tonight), [Pair(.ritual, at(0, 19, 30)), Pair(.ritual, at(0, 20, 20))])

        // The 19:30 reminder came; Ana snoozes it for 15 minutes.
        clock.set(nowMs: at(0, 19, 35))
        XCTAssertEqual(try reminders(ana, of: tonight), [Pair(.ritual, at(0, 20, 20))])
        let back = try ana.snoozeReminder(ritualId: walkId, date: "2027-03-13", minutes: 15, deviceZone: "UTC")
        XCTAssertEqual(back, at(0, 19, 50))
        let plan = try ana.planReminders(deviceZone: "UTC", limit: 60)
        let snoozed = plan.filter { $0.kind == .snoozed }
        XCTAssertEqual(snoozed.count, 1, "\(plan)")
        XCTAssertEqual(snoozed.first?.fireAtMs, back)
        XCTAssertEqual(snoozed.first?.sourceId, walkId)
        XCTAssertEqual(snoozed.first?.occurrenceStartMs, tonight)
        XCTAssertEqual(snoozed.first?.title, "Evening walk")
        XCTAssertEqual(plan.first?.id, snoozed.first?.id, "the soonest")
        XCTAssertEqual(try reminders(ana, of: tonight), [Pair(.snoozed, back), Pair(.ritual, at(0, 20, 20))],
                       "the 10-minute reminder comes after the snooze, so it stays")
        XCTAssertEqual(try reminders(ana, of: at(1, 20, 30)), [Pair(.ritual, at(1, 19, 30)), Pair(.ritual, at(1, 20, 20))],
                       "tomorrow's are untouched")

        // Snoozed again past the 10-minute reminder: that one gives way.
        let later = try ana.snoozeReminder(ritualId: walkId, date: "2027-03-13", minutes: 60, deviceZone: "UTC")
        XCTAssertEqual(later, at(0, 20, 35))
        XCTAssertEqual(try reminders(ana, of: tonight), [Pair(.snoozed, later)])

        // Only on Ana's phone, even after a sync.
        XCTAssertEqual(try reminders(ben, of: tonight), [Pair(.ritual, at(0, 20, 20))])
        _ = try ana.proposeRitual(draft: draft("Tea", at: "09:00"))
        try sync(ana, to: ben)
        XCTAssertEqual(try ben.planReminders(deviceZone: "UTC", limit: 60).filter { $0.kind == .snoozed }, [])
        XCTAssertEqual(try reminders(ben, of: tonight), [Pair(.ritual, at(0, 20, 20))])
    }

    func testSnoozeRefusals() throws {
        clock.set(nowMs: at(0, 19, 35))
        let before = try ana.planReminders(deviceZone: "UTC", limit: 60)
        for minutes: UInt32 in [0, 721] {
            assertTandemError(.invalidInput, "\(minutes) minutes") {
                try ana.snoozeReminder(ritualId: walkId, date: "2027-03-13", minutes: minutes, deviceZone: "UTC")
            }
        }
        assertTandemError(.notFound, "an unknown ritual") {
            try ana.snoozeReminder(ritualId: String(repeating: "0", count: 32), date: "2027-03-13", minutes: 10,
                                   deviceZone: "UTC")
        }
        assertTandemError(.invalidInput, "not a date") {
            try ana.snoozeReminder(ritualId: walkId, date: "2027-02-30", minutes: 10, deviceZone: "UTC")
        }
        assertTandemError(.notAllowedNow, "a week ahead") {
            try ana.snoozeReminder(ritualId: walkId, date: "2027-03-20", minutes: 10, deviceZone: "UTC")
        }
        assertTandemError(.notAllowedNow, "two days ago") {
            try ana.snoozeReminder(ritualId: walkId, date: "2027-03-11", minutes: 10, deviceZone: "UTC")
        }
        XCTAssertEqual(try ana.planReminders(deviceZone: "UTC", limit: 60), before, "nothing changed")

        // The longest snooze is 12 hours.
        XCTAssertEqual(try ana.snoozeReminder(ritualId: walkId, date: "2027-03-13", minutes: 720, deviceZone: "UTC"),
                       at(1, 7, 35))

        // Done already: nothing to snooze.
        try ana.markDone(ritualId: walkId, date: "2027-03-13", note: nil, feeling: nil)
        assertTandemError(.notAllowedNow, "a done occurrence") {
            try ana.snoozeReminder(ritualId: walkId, date: "2027-03-13", minutes: 10, deviceZone: "UTC")
        }
        // Paused: no reminders to snooze.
        _ = try ana.pauseRitual(id: walkId)
        assertTandemError(.notAllowedNow, "a paused ritual") {
            try ana.snoozeReminder(ritualId: walkId, date: "2027-03-14", minutes: 10, deviceZone: "UTC")
        }
    }
}

/// Rest weeks: a shared week off from every ritual, synced to the partner.
final class RestWeekBindingsTests: TwoPhonesTestCase {
    private var walkId = ""

    override func setUpWithError() throws {
        try super.setUpWithError()
        try pair()
        var d = draft("Evening walk", at: "20:30")
        d.recurrence = Recurrence(repeat: .daily, startDate: "2027-03-13", untilDate: nil, count: nil)
        walkId = try agreed(d).id
    }

    /// (date, resting) of the walk from 2027-03-13 over `days` days.
    private func resting(_ t: Tandem, days: Int64 = 10) throws -> [String] {
        try t.upcoming(fromMs: at(0, 0, 0), toMs: at(days, 0, 0), deviceZone: "UTC")
            .filter { $0.ritualId == walkId }
            .map { "\($0.date)\($0.resting ? " resting" : "")" }
    }

    private func rhythm(_ t: Tandem) throws -> [UInt32] {
        let r = try XCTUnwrap(try t.rhythm(deviceZone: "UTC").first { $0.ritualId == walkId })
        return [r.keptLast7, r.scheduledLast7, r.keptLast28, r.scheduledLast28]
    }

    func testARestWeekSyncsRestsItsOccurrencesAndDropsTheirReminders() throws {
        let plain = ["2027-03-13", "2027-03-14", "2027-03-15", "2027-03-16", "2027-03-17", "2027-03-18",
                     "2027-03-19", "2027-03-20", "2027-03-21", "2027-03-22"]
        XCTAssertEqual(try resting(ben), plain)

        // Ana declares the week holding Wednesday the 17th.
        try ana.declareRestWeek(date: "2027-03-17", deviceZone: "UTC")
        XCTAssertEqual(try ana.restWeeks(), ["2027-03-15"], "the week's Monday")
        XCTAssertEqual(try ben.restWeeks(), [], "before the sync")
        try sync(ana, to: ben)
        XCTAssertEqual(try ben.restWeeks(), ["2027-03-15"])
        let rested = ["2027-03-13", "2027-03-14", "2027-03-15 resting", "2027-03-16 resting", "2027-03-17 resting",
                      "2027-03-18 resting", "2027-03-19 resting", "2027-03-20 resting", "2027-03-21 resting",
                      "2027-03-22"]
        XCTAssertEqual(try resting(ben), rested)
        XCTAssertEqual(try resting(ana), rested)

        // No reminder falls in the week, on either phone: after Sunday's the
        // next is the Monday after.
        for t in [ana!, ben!] {
            let plan = try t.planReminders(deviceZone: "UTC", limit: 60)
            XCTAssertEqual(plan.filter { $0.occurrenceStartMs >= at(2, 0, 0) && $0.occurrenceStartMs < at(9, 0, 0) }, [])
            XCTAssertEqual(plan.filter { $0.fireAtMs >= at(2, 0, 0) && $0.fireAtMs < at(9, 0, 0) }, [])
            XCTAssertEqual(plan.prefix(3).map(\.fireAtMs), [at(0, 20, 30), at(1, 20, 30), at(9, 20, 30)])
        }
        // Declaring it again changes nothing.
        try ben.declareRestWeek(date: "2027-03-21", deviceZone: "UTC")
        XCTAssertEqual(try ben.restWeeks(), ["2027-03-15"])

        // Resting counts as neither kept nor missed.
        clock.set(nowMs: at(1, 21, 0))
        try ana.markDone(ritualId: walkId, date: "2027-03-14", note: nil, feeling: nil)
        // Noon UTC on the 23rd, when the 22nd has ended everywhere, Ben says
        // thanks: shared figures count up to that newest shared change. The
        // 13th's 20:30 had begun in the east before the walk was agreed, so
        // unmarked it counts in no figure.
        clock.set(nowMs: at(10, 12, 0))
        _ = try ben.appreciate(text: "Thank you.")
        try sync(ben, to: ana)
        XCTAssertEqual(try rhythm(ana), [1, 2, 1, 2], "the 14th and 22nd")

        // Ben calls it off (by any day of it): the week counts again.
        try ben.callOffRestWeek(date: "2027-03-21", deviceZone: "UTC")
        XCTAssertEqual(try ben.restWeeks(), [])
        try sync(ben, to: ana)
        XCTAssertEqual(try ana.restWeeks(), [])
        XCTAssertEqual(try resting(ana), plain)
        XCTAssertEqual(try rhythm(ana), [0, 7, 1, 9])
        try sync(ana, to: ben)
        XCTAssertEqual(try rhythm(ben), [0, 7, 1, 9], "the same on Ben's phone")
    }

    func testRestWeekRefusals() throws {
        assertTandemError(.notFound, "not a rest week") {
            try ana.callOffRestWeek(date: "2027-04-07", deviceZone: "UTC")
        }
        // 2027-03-13 is in the week of Monday the 8th; four weeks back is 8 February.
        try ana.declareRestWeek(date: "2027-02-10", deviceZone: "UTC")
        XCTAssertEqual(try ana.restWeeks(), ["2027-02-08"])
        for (date, why) in [("2027-02-07", "more than four weeks back"), ("2028-03-20", "more than a year ahead"),
                            ("2027-02-30", "not a date"), ("next week", "not a date")] {
            assertTandemError(.invalidInput, why) { try ana.declareRestWeek(date: date, deviceZone: "UTC") }
            assertTandemError(.invalidInput, why) { try ana.callOffRestWeek(date: date, deviceZone: "UTC") }
        }
        assertTandemError(.invalidInput, "an unknown zone") {
            try ana.declareRestWeek(date: "2027-03-17", deviceZone: "Mars/Olympus_Mons")
        }
        XCTAssertEqual(try ana.restWeeks(), ["2027-02-08"])
    }
}
