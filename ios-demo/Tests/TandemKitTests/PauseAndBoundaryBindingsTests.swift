import Foundation
import XCTest
@testable import TandemKit

/// Pauses with a promised return, through the generated bindings: Ana's and
/// Ben's Tandems, paired, one ManualClock (`TwoPhonesTestCase`).
final class PauseBindingsTests: TwoPhonesTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try pair()
        clock.set(nowMs: at(0, 20, 50))  // 2027-03-13 20:50Z
    }

    private func returns(_ t: Tandem, zone: String = "UTC") throws -> [Reminder] {
        try t.planReminders(deviceZone: zone, limit: 60).filter { $0.kind == .pauseReturn }
    }

    func testThePartnerSeesThePauseAndBothAreRemindedOfTheReturn() throws {
        let started = try ana.startPause(minutes: 20, note: "Need some air, I'll be back")
        XCTAssertTrue(started.mine)
        XCTAssertEqual(started.startedAtMs, at(0, 20, 50))
        XCTAssertEqual(started.returnAtMs, at(0, 21, 10))
        XCTAssertEqual(started.firstReturnAtMs, at(0, 21, 10))
        XCTAssertEqual(started.state, .running)
        XCTAssertFalse(started.extended)
        XCTAssertNil(started.endedAtMs)
        XCTAssertNil(started.kept)
        XCTAssertEqual(try ana.pauses(), [started])
        XCTAssertEqual(try ben.pauses(), [], "not before a sync")

        // A round trip: Ana's pause reaches Ben, Ben's acknowledgement reaches Ana.
        try sync(ana, to: ben)
        let seen = try XCTUnwrap(try ben.pauses().first)
        XCTAssertEqual(try ben.pauses().count, 1)
        XCTAssertEqual(seen.id, started.id)
        XCTAssertFalse(seen.mine)
        XCTAssertEqual(seen.state, .running)
        XCTAssertEqual(seen.startedAtMs, started.startedAtMs)
        XCTAssertEqual(seen.returnAtMs, at(0, 21, 10))
        XCTAssertEqual(seen.note, "Need some air, I'll be back")
        XCTAssertNil(seen.kept)
        try sync(ben, to: ana)
        XCTAssertEqual(try ana.pauses(), [started], "unchanged on Ana's phone by the round trip")

        // The return, on both phones, in each one's words.
        let anaReturn = try returns(ana)
        XCTAssertEqual(anaReturn.map(\.fireAtMs), [at(0, 21, 10)])
        XCTAssertEqual(anaReturn.first?.sourceId, started.id)
        XCTAssertEqual(anaReturn.first?.title, "Time to reconnect")
        XCTAssertEqual(anaReturn.first?.body, "You said you'd be back at 21:10")
        let benReturn = try returns(ben)
        XCTAssertEqual(benReturn.map(\.fireAtMs), [at(0, 21, 10)])
        XCTAssertEqual(benReturn.first?.sourceId, started.id)
        XCTAssertEqual(benReturn.first?.title, "Your partner is coming back")
        XCTAssertEqual(benReturn.first?.body, "Back at 21:10")
        XCTAssertEqual(try returns(ben, zone: "Europe/Berlin").first?.body, "Back at 22:10", "the device's clock")
        XCTAssertNotEqual(anaReturn.first?.id, benReturn.first?.id)

        // Only the starter changes it.
        assertTandemError(.notAllowedNow, "Ben ends Ana's pause") { try ben.endPause(id: started.id) }
        assertTandemError(.notAllowedNow, "Ben extends Ana's pause") { try ben.extendPause(id: started.id, minutes: 10) }
        assertTandemError(.notFound, "an unknown pause") { try ana.endPause(id: String(repeating: "0", count: 32)) }

        // Ana ends it before her return time: kept, which only Ana's phone says.
        clock.set(nowMs: at(0, 21, 5))
        let ended = try ana.endPause(id: started.id)
        XCTAssertEqual(ended.state, .ended)
        XCTAssertEqual(ended.endedAtMs, at(0, 21, 5))
        XCTAssertEqual(ended.kept, true)
        XCTAssertEqual(try returns(ana), [], "no return reminder once ended")
        XCTAssertEqual(try ben.pauses().first?.state, .running, "Ben has not heard yet")
        try sync(ana, to: ben)
        let endedOnBen = try XCTUnwrap(try ben.pauses().first)
        XCTAssertEqual(endedOnBen.state, .ended)
        XCTAssertNil(endedOnBen.kept, "whether a pause was kept is only its starter's to see")
        XCTAssertEqual(endedOnBen.endedAtMs, at(0, 21, 5), "when Ana ended it")
        XCTAssertFalse(endedOnBen.mine)
        XCTAssertEqual(try returns(ben), [])
        assertTandemError(.notAllowedNow, "ending twice") { try ana.endPause(id: started.id) }
    }

    func testLengthsExtensionAndAReturnThatCameBeforeTheEnd() throws {
        for minutes: UInt32 in [0, 19, 1441] {
            assertTandemError(.invalidInput, "\(minutes) minutes") { try ana.startPause(minutes: minutes, note: nil) }
        }
        assertTandemError(.invalidInput, "a note over 140 characters") {
            try ana.startPause(minutes: 20, note: String(repeating: "a", count: 141))
        }
        XCTAssertEqual(try ana.pauses(), [], "refusals start nothing")
        clock.set(nowMs: at(0, 20, 40))
        let longest = try ana.startPause(minutes: 1440, note: nil)
        XCTAssertEqual(longest.returnAtMs, at(1, 20, 40))
        assertTandemError(.notAllowedNow, "a second pause while one runs") { try ana.startPause(minutes: 20, note: nil) }
        assertTandemError(.invalidInput, "past 24 hours in all") { try ana.extendPause(id: longest.id, minutes: 1) }
        _ = try ana.endPause(id: longest.id)

        clock.set(nowMs: at(0, 20, 50))
        let pause = try ana.startPause(minutes: 20, note: nil)
        XCTAssertNil(pause.note)
        XCTAssertEqual(try ana.pauses().map(\.id), [pause.id, longest.id], "newest first")
        try sync(ana, to: ben)
        let extended = try ana.extendPause(id: pause.id, minutes: 15)
        XCTAssertTrue(extended.extended)
        XCTAssertEqual(extended.firstReturnAtMs, at(0, 21, 10))
        XCTAssertEqual(extended.returnAtMs, at(0, 21, 25))
        XCTAssertEqual(try returns(ana).map(\.fireAtMs), [at(0, 21, 25)])
        XCTAssertEqual(try returns(ana).first?.body, "You said you'd be back at 21:25")
        assertTandemError(.notAllowedNow, "a second extension") { try ana.extendPause(id: pause.id, minutes: 5) }
        try sync(ana, to: ben)
        XCTAssertEqual(try ben.pauses().first?.returnAtMs, at(0, 21, 25))
        XCTAssertEqual(try ben.pauses().first?.extended, true)
        XCTAssertEqual(try returns(ben).first?.body, "Back at 21:25")

        // The return came and the pause runs on: time to reconnect for Ana;
        // for Ben it is still a pause, never overdue.
        clock.set(nowMs: at(0, 21, 40))
        XCTAssertEqual(try ana.pauses().first?.state, .timeToReconnect)
        XCTAssertEqual(try ben.pauses().first?.state, .running)
        XCTAssertEqual(try returns(ana), [], "the return is behind")
        let late = try ana.endPause(id: pause.id)
        XCTAssertEqual(late.state, .ended)
        XCTAssertEqual(late.kept, false)
        try sync(ana, to: ben)
        XCTAssertEqual(try ben.pauses().first?.state, .ended)
        XCTAssertEqual(try ben.pauses().first?.state, .ended)
        XCTAssertNil(try ben.pauses().first?.kept, "never shown to the partner")
        XCTAssertEqual(try ben.pauses().map(\.id), [pause.id, longest.id])
    }
}

/// Boundaries through the generated bindings: a shared one reaches the
/// partner read-only, a private one never leaves its phone.
final class BoundaryBindingsTests: TwoPhonesTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try pair()
    }

    func testASharedBoundaryIsReadOnlyForThePartnerAndAPrivateOneNeverLeaves() throws {
        let shared = try ana.addBoundary(text: "I need a quiet hour after work.", shared: true)
        XCTAssertTrue(shared.mine)
        XCTAssertTrue(shared.shared)
        XCTAssertEqual(shared.createdAtMs, T.mar13_1200Z)
        XCTAssertEqual(shared.updatedAtMs, T.mar13_1200Z)
        clock.advance(byMs: T.minute)
        let secret = try ana.addBoundary(text: "Private: I journal about us.", shared: false)
        XCTAssertFalse(secret.shared)
        XCTAssertEqual(try ana.boundaries().map(\.id), [shared.id, secret.id], "oldest first")

        try sync(ana, to: ben)
        let onBen = try ben.boundaries()
        XCTAssertEqual(onBen.map(\.id), [shared.id], "the private one never arrives")
        let seen = try XCTUnwrap(onBen.first)
        XCTAssertFalse(seen.mine)
        XCTAssertTrue(seen.shared)
        XCTAssertEqual(seen.text, "I need a quiet hour after work.")
        XCTAssertEqual(seen.createdAtMs, T.mar13_1200Z)

        // Read-only on Ben's phone.
        assertTandemError(.notAllowedNow, "Ben edits Ana's boundary") { try ben.editBoundary(id: shared.id, text: "Mine now") }
        assertTandemError(.notAllowedNow, "Ben unshares Ana's boundary") { try ben.shareBoundary(id: shared.id, shared: false) }
        assertTandemError(.notAllowedNow, "Ben retires Ana's boundary") { try ben.retireBoundary(id: shared.id) }
        assertTandemError(.notFound, "Ben edits the private one he cannot see") {
            try ben.editBoundary(id: secret.id, text: "x")
        }
        XCTAssertEqual(try ben.boundaries(), onBen)

        // Ana edits both; only the shared one's edit travels.
        clock.advance(byMs: T.minute)
        let edited = try ana.editBoundary(id: shared.id, text: "I need a quiet half hour after work.")
        XCTAssertEqual(edited.createdAtMs, T.mar13_1200Z)
        XCTAssertGreaterThan(edited.updatedAtMs, edited.createdAtMs)
        _ = try ana.editBoundary(id: secret.id, text: "Private: I journal about us, and that is mine.")
        assertTandemError(.invalidInput, "the form holds an edit that changes nothing") {
            try ana.editBoundary(id: shared.id, text: "I need a quiet half hour after work.")
        }
        assertTandemError(.invalidInput, "an empty boundary") { try ana.addBoundary(text: "  ", shared: false) }
        assertTandemError(.invalidInput, "over 500 characters") {
            try ana.addBoundary(text: String(repeating: "b", count: 501), shared: true)
        }
        try sync(ana, to: ben)
        XCTAssertEqual(try ben.boundaries().map(\.text), ["I need a quiet half hour after work."])

        // Shared later: arrives with its current text; private again: gone.
        XCTAssertTrue(try ana.shareBoundary(id: secret.id, shared: true).shared)
        try sync(ana, to: ben)
        XCTAssertEqual(try ben.boundaries().map(\.text),
                       ["I need a quiet half hour after work.", "Private: I journal about us, and that is mine."])
        XCTAssertEqual(try ben.boundaries().map(\.mine), [false, false])
        XCTAssertFalse(try ana.shareBoundary(id: secret.id, shared: false).shared)
        try ana.retireBoundary(id: shared.id)
        XCTAssertEqual(try ana.boundaries().map(\.id), [secret.id])
        try sync(ana, to: ben)
        XCTAssertEqual(try ben.boundaries(), [])
        XCTAssertEqual(try ana.boundaries().map(\.text), ["Private: I journal about us, and that is mine."])
    }

    /// The examples come with the new boundary's form (`openForm(.newBoundary)`).
    func testExamplesAreStartingPoints() throws {
        let examples = try XCTUnwrap(try ana.openForm(request: .newBoundary).boundary).examples
        XCTAssertGreaterThanOrEqual(examples.count, 3)
        XCTAssertTrue(examples.allSatisfy { !$0.trimmingCharacters(in: .whitespaces).isEmpty && $0.count <= 500 })
        XCTAssertEqual(Set(examples).count, examples.count, "no example twice")
        XCTAssertEqual(try ana.openForm(request: .newBoundary).boundary?.examples, examples, "the same each time")
        XCTAssertTrue(examples.contains("I'm here, but I also need time to reset. I will come back."))
        try ana.setLocale(tag: "de")
        let german = try XCTUnwrap(try ana.openForm(request: .newBoundary).boundary).examples
        XCTAssertEqual(german.count, examples.count)
        XCTAssertTrue(Set(german).isDisjoint(with: examples), "in the phone's language")
    }
}
