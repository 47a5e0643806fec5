import Foundation
import XCTest
@testable import TandemKit

/// The check-in screen through the bindings: the core's choices and words,
/// the form's field check, and this person's check-ins since the device's
/// local midnight. Ana reads times in America/New_York; the clock starts at
/// 2027-03-13 12:00Z (07:00 EST, so local midnight is 05:00Z).
final class CheckInScreenTests: TwoShellsTestCase {
    private let midnight = T.mar13_0000Z + 5 * T.hour

    override func setUpWithError() throws {
        try super.setUpWithError()
        anaZone = "America/New_York"
    }

    func testTheFormsChoicesAndWordsComeFromTheCore() throws {
        let screen = try ana.checkInScreen()
        XCTAssertEqual(screen.prompt, "How warm is it inside?")
        XCTAssertEqual(screen.temperatures.map(\.value), Array(1...10))
        XCTAssertEqual(screen.label(5), "5 · stirred")
        XCTAssertEqual(screen.label(10), "10 · flooded")
        XCTAssertEqual(screen.label(11), "11", "no words outside the choices")
        XCTAssertEqual(screen.range, 1...10)
        XCTAssertEqual(screen.defaultTemperature, 3)
        XCTAssertEqual(screen.form,
                       CheckInFormInput(temperature: 3, capacity: .some, need: .nothingRightNow, note: "", shared: false),
                       "a new check-in opens as the core opens it on both phones")
        XCTAssertEqual(screen.capacities.map(\.value), [.low, .some, .plenty])
        XCTAssertEqual(screen.capacities.map(\.label), ["Running low", "Some room", "Plenty of room"])
        XCTAssertEqual(screen.needs.map(\.value), [.space, .closeness, .reassurance, .practicalHelp, .nothingRightNow])
        XCTAssertEqual(screen.needs.map(\.label),
                       ["Space", "Closeness", "Reassurance", "Practical help", "Nothing right now"])
        XCTAssertEqual([screen.noteLabel, screen.shareLabel, screen.submitLabel, screen.done],
                       ["A note (optional)", "Share with your partner", "Check in", "Checked in."])
    }

    func testTheSliderValueIsPassedOnNotClamped() {
        XCTAssertEqual(CheckInScreen.temperature(fromSlider: 7.0), 7)
        XCTAssertEqual(CheckInScreen.temperature(fromSlider: 6.6), 7)
        XCTAssertEqual(CheckInScreen.temperature(fromSlider: 0), 0, "the core refuses it, with its words")
        XCTAssertEqual(CheckInScreen.temperature(fromSlider: 12), 12)
        XCTAssertNil(CheckInScreen.temperature(fromSlider: -1))
        XCTAssertNil(CheckInScreen.temperature(fromSlider: 300))
        XCTAssertNil(CheckInScreen.temperature(fromSlider: .nan))
    }

    func testTodaysOwnCheckInsSinceLocalMidnight() throws {
        clock.set(nowMs: midnight - 1)  // 23:59:59.999 yesterday: not today
        _ = try ana.open().checkIn(temperature: 9, capacity: .low, need: .space, note: nil, shared: false)
        clock.set(nowMs: midnight)
        XCTAssertTrue(try ana.checkInScreen().isEmpty)
        XCTAssertEqual(try ana.checkInScreen().empty, "No check-ins yet today.")
        try pairDevices(offerer: ana.open(), answerer: ben.open())
        _ = try ana.open().checkIn(temperature: 3, capacity: .some, need: .closeness, note: "Slept well", shared: true)
        clock.set(nowMs: midnight + 20 * T.hour + 10 * T.minute)  // 20:10 EST
        _ = try ana.open().appreciate(text: "Thanks for the tea")
        _ = try ana.open().checkIn(temperature: 5, capacity: .plenty, need: .nothingRightNow, note: nil, shared: false)
        // Ben's shared check-in reaches Ana's phone, but it is not hers.
        _ = try ben.open().checkIn(temperature: 7, capacity: .low, need: .reassurance, note: nil, shared: true)
        let files = FileSyncTransport(outbox: dir.appendingPathComponent("b2a"), inbox: dir.appendingPathComponent("b2a"))
        _ = try files.send(ben.open().exportPayloads())
        XCTAssertEqual(try ana.syncIn(through: files).failed, [])
        XCTAssertEqual(try ana.open().entries(fromMs: midnight, toMs: clock.nowMs() + 1).count, 4)

        let screen = try ana.checkInScreen()
        XCTAssertEqual(screen.today.map(\.text), [
            "00:00 · settled · some capacity · needing closeness",
            "20:10 · stirred · plenty of capacity · needing nothing right now",
        ])
        XCTAssertEqual(screen.today.map(\.note), ["Slept well", nil])
        XCTAssertEqual(screen.today.map(\.sharedNote), ["Shared with your partner", nil])
        XCTAssertEqual(screen.today.map(\.atMs), [midnight, midnight + 20 * T.hour + 10 * T.minute])
        XCTAssertNil(screen.empty)

        // In Tokyo it is 10:10 on Mar 14 (01:10Z): the day began at 15:00Z on Mar 13.
        anaZone = "Asia/Tokyo"
        XCTAssertEqual(try ana.checkInScreen().today.map(\.text),
                       ["10:10 · stirred · plenty of capacity · needing nothing right now"])
    }

    /// A check-in goes through the coordinator in one core call: out of
    /// range, each field's words and nothing saved or armed; then recorded,
    /// with the core's notice.
    func testSubmittingChecksEachFieldWithTheCoreFirst() throws {
        let refused = try anaReminders.submit(CheckInFormInput(temperature: 11, capacity: .some, need: .space,
                                                               note: String(repeating: "n", count: 501), shared: false))
        XCTAssertNil(refused.outcome)
        XCTAssertEqual(refused.words?.temperature, "Choose a number from 1 to 10.")
        XCTAssertEqual(refused.words?.note, "The note is 501 characters long; it can be up to 500.")
        XCTAssertEqual(try anaReminders.submit(CheckInFormInput(temperature: -1, capacity: .some, need: .space,
                                                                note: "", shared: false)).words?.temperature,
                       "Choose a number from 1 to 10.", "never clamped, whatever the slider gives")
        XCTAssertTrue(try ana.checkInScreen().isEmpty, "nothing was saved")
        XCTAssertEqual(anaScheduler.calls, [], "the scheduler untouched")

        let sent = try anaReminders.submit(CheckInFormInput(temperature: Int64(try ana.checkInScreen().defaultTemperature),
                                                            capacity: .some, need: .space, note: " ", shared: false))
        XCTAssertNil(sent.words)
        let outcome = try XCTUnwrap(sent.outcome)
        XCTAssertEqual(outcome.notice, "Checked in.")
        XCTAssertEqual(outcome.notice, try ana.checkInScreen().done)
        assertCarriedOut(outcome, on: anaScheduler)
        XCTAssertEqual(try ana.checkInScreen().today.map(\.text), ["07:00 · settled · some capacity · needing space"])
        XCTAssertEqual(try ana.checkInScreen().today.map(\.note), [nil], "a blank note is no note")
    }
}
