import Foundation
import XCTest
@testable import TandemKit

/// A reminder whose wall time follows the phone's zone is armed as a wall
/// time, so it keeps that time when the phone changes zones with the app
/// not running; every other reminder is a fixed instant.
final class ReminderTriggerTests: TwoPhonesTestCase {
    func testAFloatingRitualIsArmedAtItsWallTimeAndAFixedOneAtItsInstant() throws {
        let floating = try ana.addPersonalRitual(draft: draft("Stretch", at: "20:30"))
        let fixed = try ana.addPersonalRitual(
            draft: draft("Call", at: "21:00", zone: .fixed(zone: "America/New_York")))
        let access = ReminderAccess(notifications: .allowed, exactAlarms: true, holdsAlarmsWhenOff: false,
                                    listsPending: true)
        let plan = try ana.armReminders(deviceZone: "Europe/Berlin", trigger: .appStart, armed: [], access: access).arm
        let sources = Dictionary(uniqueKeysWithValues: try ana.planReminders(deviceZone: "Europe/Berlin", limit: 60)
            .map { ($0.id, $0.sourceId) })

        let wall = try XCTUnwrap(plan.first { sources[$0.id] == floating.id })
        XCTAssertTrue(wall.followsDeviceZone)
        XCTAssertEqual(wall.localTime, "2027-03-13 20:30")
        let w = ReminderTrigger.components(for: wall)
        XCTAssertNil(w.timeZone, "floating: read in whatever zone the phone is in when it fires")
        XCTAssertEqual([w.year, w.month, w.day, w.hour, w.minute], [2027, 3, 13, 20, 30])

        let instant = try XCTUnwrap(plan.first { sources[$0.id] == fixed.id })
        XCTAssertFalse(instant.followsDeviceZone)
        let i = ReminderTrigger.components(for: instant)
        XCTAssertEqual(i.timeZone?.secondsFromGMT(), 0, "a fixed instant carries its zone")
        // 21:00 in New York on 13 March 2027 (EST) is 02:00 UTC on the 14th.
        XCTAssertEqual([i.year, i.month, i.day, i.hour, i.minute], [2027, 3, 14, 2, 0])
    }

    func testAnUnreadableWallTimeFallsBackToTheInstant() {
        XCTAssertNil(ReminderTrigger.wallTime("20:30"))
        XCTAssertNil(ReminderTrigger.wallTime("2027-03-xx 20:30"))
        XCTAssertEqual(ReminderTrigger.wallTime("2027-03-14 20:20")?.hour, 20)
    }
}
