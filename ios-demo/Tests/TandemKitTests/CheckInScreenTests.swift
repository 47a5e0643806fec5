import Foundation
import XCTest
@testable import TandemKit

/// The check-in screen: the core's temperature words, the choices' labels
/// and this person's check-ins since the device's local midnight. Ana reads
/// times in America/New_York; the clock starts at 2027-03-13 12:00Z (07:00
/// EST, so local midnight is 05:00Z).
final class CheckInScreenTests: TwoShellsTestCase {
    private let midnight = T.mar13_0000Z + 5 * T.hour

    override func setUpWithError() throws {
        try super.setUpWithError()
        anaZone = "America/New_York"
    }

    func testTheCoreNamesEachTemperature() throws {
        XCTAssertEqual(try (1...10).map { try CheckInScreen.words(UInt8($0)) }, [
            "calm", "calm", "settled", "settled", "stirred", "stirred", "heated", "heated", "flooded", "flooded",
        ])
        XCTAssertEqual(CheckInScreen.temperatures, 1...10)
        XCTAssertEqual(CheckInScreen.sliderLabel(5), "5 · stirred")
        XCTAssertEqual(CheckInScreen.sliderLabel(10), "10 · flooded")
        for outside: UInt8 in [0, 11, 255] {
            assertTandemError(.invalidInput, "\(outside)") { try CheckInScreen.words(outside) }
            XCTAssertEqual(CheckInScreen.sliderLabel(outside), TandemMessages.message(for: .invalidInput))
        }
    }

    func testTheSliderValueIsPassedOnNotClamped() {
        XCTAssertEqual(CheckInScreen.temperature(fromSlider: 7.0), 7)
        XCTAssertEqual(CheckInScreen.temperature(fromSlider: 6.6), 7)
        XCTAssertEqual(CheckInScreen.temperature(fromSlider: 0), 0, "the core refuses it, with its message")
        XCTAssertEqual(CheckInScreen.temperature(fromSlider: 12), 12)
        XCTAssertNil(CheckInScreen.temperature(fromSlider: -1))
        XCTAssertNil(CheckInScreen.temperature(fromSlider: 300))
        XCTAssertNil(CheckInScreen.temperature(fromSlider: .nan))
    }

    func testTheChoicesHaveLabels() {
        XCTAssertEqual(CheckInScreen.capacities.map(\.value), [.low, .some, .plenty])
        XCTAssertEqual(CheckInScreen.capacities.map(\.label), ["Running low", "Some room", "Plenty of room"])
        XCTAssertEqual(CheckInScreen.needs.map(\.value), [.space, .closeness, .reassurance, .practicalHelp, .nothingRightNow])
        XCTAssertEqual(CheckInScreen.needs.map(\.label),
                       ["Space", "Closeness", "Reassurance", "Practical help", "Nothing right now"])
        XCTAssertEqual(CheckInScreen.label(Capacity.plenty), "Plenty of room")
        XCTAssertEqual(CheckInScreen.label(Need.practicalHelp), "Practical help")
    }

    func testTodaysOwnCheckInsSinceLocalMidnight() throws {
        XCTAssertEqual(CheckInScreen.localMidnight(of: T.mar13_1200Z, zone: anaZone), midnight)
        clock.set(nowMs: midnight - 1)  // 23:59:59.999 yesterday: not today
        try ana.checkIn(temperature: 9, capacity: .low, need: .space)
        clock.set(nowMs: midnight)
        XCTAssertTrue(try ana.checkInScreen().isEmpty)
        XCTAssertEqual(CheckInScreen.emptyMessage, "No check-ins yet today.")
        try pairDevices(offerer: ana.open(), answerer: ben.open())
        try ana.checkIn(temperature: 3, capacity: .some, need: .closeness, note: "Slept well", shared: true)
        clock.set(nowMs: midnight + 20 * T.hour + 10 * T.minute)  // 20:10 EST
        try ana.appreciate("Thanks for the tea")
        try ana.checkIn(temperature: 5, capacity: .plenty, need: .nothingRightNow)
        // Ben's shared check-in reaches Ana's phone, but it is not hers.
        try ben.checkIn(temperature: 7, capacity: .low, need: .reassurance, shared: true)
        let files = FileSyncTransport(outbox: dir.appendingPathComponent("b2a"), inbox: dir.appendingPathComponent("b2a"))
        try ben.syncOut(through: files)
        XCTAssertEqual(try ana.syncIn(through: files).failed, [])
        XCTAssertEqual(try ana.entries(fromMs: midnight, toMs: clock.nowMs() + 1).count, 4)

        let screen = try ana.checkInScreen()
        XCTAssertEqual(screen.deviceZone, "America/New_York")
        XCTAssertEqual(screen.rows.map(\.text), [
            "00:00 · settled · some room · needs closeness",
            "20:10 · stirred · plenty of room · needs nothing right now",
        ])
        XCTAssertEqual(screen.rows.map(\.note), ["Slept well", nil])
        XCTAssertEqual(screen.rows.map(\.shared), [true, false])
        XCTAssertEqual(screen.rows.map(\.atMs), [midnight, midnight + 20 * T.hour + 10 * T.minute])

        // In Tokyo it is 10:10 on Mar 14 (01:10Z): the day began at 15:00Z on Mar 13.
        anaZone = "Asia/Tokyo"
        XCTAssertEqual(try ana.checkInScreen().rows.map(\.text),
                       ["10:10 · stirred · plenty of room · needs nothing right now"])
    }

    func testSubmittingGoesThroughTheCoreWhichRefusesOutOfRange() throws {
        assertTandemError(.invalidInput) { try ana.checkIn(temperature: 0, capacity: .some, need: .space) }
        assertTandemError(.invalidInput) { try ana.checkIn(temperature: 11, capacity: .some, need: .space) }
        XCTAssertTrue(try ana.checkInScreen().isEmpty, "nothing was saved")
        try ana.checkIn(temperature: CheckInScreen.defaultTemperature, capacity: .some, need: .space)
        XCTAssertEqual(try ana.checkInScreen().rows.map(\.text), ["07:00 · settled · some room · needs space"])
    }
}
