import Foundation
import XCTest
@testable import TandemKit

/// A ritual's own screen as the shell drives it (`ritualScreen(id)`, opened
/// from a row of the rituals screen): its row, how it goes, the next times,
/// the last two weeks day by day with the done and skip buttons of a day
/// nobody marked (pressed through the coordinator) and the couple's count.
/// Ana's and Ben's controllers are paired, share one ManualClock (2027-03-13
/// 12:00Z, a Saturday), read times in UTC and sync through `FileSyncTransport`.
final class RitualScreenTests: TwoShellsTestCase {
    override var startsPaired: Bool { true }

    /// "Evening walk", every day at 20:30, proposed by Ana on Saturday at
    /// noon and accepted by Ben: in effect on both phones.
    private func eveningWalk() throws -> String {
        let id = try ana.open().proposeRitual(draft: draft("Evening walk", at: "20:30")).id
        try deliver(ana)
        try ben.open().acceptRitual(id: id)
        try deliver(ben)
        return id
    }

    func testTheLastDaysReadDoneSkippedAndNotMarkedAndTheCountIsTheCouples() throws {
        let id = try eveningWalk()
        // Wednesday 17 March, 13:00: Saturday to Tuesday evenings are behind.
        clock.set(nowMs: at(4, 13, 0))
        try ana.open().markDone(ritualId: id, date: "2027-03-13", note: "Lovely light", feeling: nil)
        try deliver(ana)
        // Ben marks Sunday done and Monday skipped from their buttons on his screen.
        var onBen = try ben.ritualScreen(id)
        XCTAssertEqual(onBen.days.map(\.date), ["2027-03-16", "2027-03-15", "2027-03-14", "2027-03-13"])
        XCTAssertEqual(onBen.days.map { $0.buttons.map(\.action) }, [[.done, .skip], [.done, .skip], [.done, .skip], []],
                       "done and skip only on the days nobody marked")
        try benReminders.perform(try XCTUnwrap(onBen.days[2].button(.done)?.perform))
        try benReminders.perform(try XCTUnwrap(onBen.days[1].button(.skip)?.perform))
        try deliver(ben)

        let onAna = try ana.ritualScreen(id)
        onBen = try ben.ritualScreen(id)
        XCTAssertEqual(onAna.row, try XCTUnwrap(try ana.ritualsScreen().row(id: id)), "the rituals screen's row")
        XCTAssertEqual(onAna.row.title, "Evening walk")
        XCTAssertFalse(onAna.row.buttons.isEmpty, "the row's buttons come along")
        for screen in [onAna, onBen] {
            XCTAssertEqual(screen.days.map(\.date), ["2027-03-16", "2027-03-15", "2027-03-14", "2027-03-13"], "newest first")
            XCTAssertEqual(screen.days.map(\.day), ["Tue 16 Mar", "Mon 15 Mar", "Sun 14 Mar", "Sat 13 Mar"])
            XCTAssertEqual(screen.days.map(\.time), ["20:30", "20:30", "20:30", "20:30"])
            XCTAssertEqual(screen.days.map(\.state), ["Not marked", "Skipped", "Done", "Done"])
            XCTAssertEqual(screen.days.map(\.status), [.scheduled, .skipped, .done, .done])
            XCTAssertEqual(screen.days.map { $0.buttons.map(\.action) }, [[.done, .skip], [], [], []])
            XCTAssertEqual(screen.days[0].buttons.map(\.label), ["Done", "Skip"])
            XCTAssertNil(screen.daysEmpty)
            XCTAssertEqual(screen.headings.days, "The last two weeks")
            XCTAssertEqual(screen.next, ["Wed 17 Mar · 20:30", "Thu 18 Mar · 20:30", "Fri 19 Mar · 20:30"])
            XCTAssertTrue(screen.terms.contains("time: 20:30"), "\(screen.terms)")
        }
        XCTAssertEqual(onAna.days[3].said, ["You: “Lovely light”"])
        XCTAssertEqual(onBen.days[3].said, ["Ana's phone: “Lovely light”"])
        // Two done of four: the skipped and the unmarked evening count, never whose.
        XCTAssertEqual(onAna.kept, "Together you kept 2 of 4 times in the last four weeks.")
        XCTAssertEqual(onBen.kept, onAna.kept, "the same count on both phones")
    }

    func testAnUnmarkedDaysDoneButtonMarksItOnBothPhones() throws {
        let id = try eveningWalk()
        clock.set(nowMs: at(1, 21, 0))  // Sunday 21:00: Saturday's and Sunday's evenings are behind
        let before = try ana.ritualScreen(id)
        XCTAssertEqual(before.days.map(\.state), ["Not marked", "Not marked"])
        let done = try XCTUnwrap(before.days[0].button(.done))
        XCTAssertNil(done.opens)
        XCTAssertEqual(done.perform, .markDone(ritualId: id, date: "2027-03-14", note: nil, feeling: nil))

        let outcome = try anaReminders.perform(try XCTUnwrap(done.perform))
        XCTAssertGreaterThanOrEqual(outcome.toSend, 1, "the partner's phone is told")
        let after = try ana.ritualScreen(id)
        XCTAssertEqual(after.days.map(\.date), ["2027-03-14", "2027-03-13"])
        XCTAssertEqual(after.days.map(\.state), ["Done", "Not marked"])
        XCTAssertEqual(after.days[0].status, .done)
        XCTAssertEqual(after.days[0].buttons, [], "marked: no buttons")
        XCTAssertEqual(after.days[1].buttons.map(\.action), [.done, .skip], "the other day is still open")

        try deliver(ana)
        let onBen = try ben.ritualScreen(id)
        XCTAssertEqual(onBen.days.map(\.state), ["Done", "Not marked"])
        XCTAssertEqual(onBen.days[0].buttons, [])
    }

    func testAnUnknownRitualOrZoneIsARefusalNotAnEmptyScreen() throws {
        let id = try eveningWalk()
        assertTandemError(.notFound) { try ana.ritualScreen("no-such-ritual") }
        anaZone = "Mars/Olympus"  // the phone's zone, read on every call
        assertTandemError(.invalidInput) { try ana.ritualScreen(id) }
        anaZone = "UTC"
        XCTAssertEqual(try ana.ritualScreen(id).row.id, id)
    }
}
