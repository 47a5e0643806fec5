import Foundation
import XCTest
@testable import TandemKit

/// The controller's pass-throughs for check-ins, appreciations, repairs,
/// phrases, the pattern log and insights, and the InsightsScreen model.
final class NotebookShellTests: TempDirTestCase {
    private func controller(_ name: String, clock: ManualClock) throws -> TandemController {
        TandemController(databasePath: path("\(name).sqlite"), keys: InMemoryStorageKeyProvider(),
                         newDeviceName: "\(name)'s phone", clock: clock, deviceZone: { "UTC" })
    }

    func testThePassThroughsReachTheCore() throws {
        let clock = ManualClock(nowMs: T.mar13_1200Z)
        let c = try controller("ana", clock: clock)
        defer { try? c.close() }
        let checkIn = try c.open().checkIn(temperature: 6, capacity: .some, need: .practicalHelp, note: "busy", shared: false)
        XCTAssertFalse(checkIn.shared, "private by default")
        XCTAssertEqual(checkIn.kind, .checkIn(temperature: 6, temperatureWords: "stirred", capacity: .some,
                                              need: .practicalHelp, note: "busy"))
        XCTAssertEqual(try c.open().appreciate(text: "You made tea").kind, .appreciation(text: "You made tea"))
        XCTAssertEqual(try c.open().recordRepair(act: .cameBackFromPause, note: nil, received: true, shared: false).kind,
                       .repair(act: .cameBackFromPause, note: nil, received: true))
        XCTAssertEqual(try c.open().addPhrase(situation: .invitingCloseness, text: "Can I have a hug?", shared: false).kind,
                       .phrase(situation: .invitingCloseness, text: "Can I have a hug?"))
        XCTAssertEqual(try c.open().phrases().count, 16)
        XCTAssertEqual(try c.open().entries(fromMs: T.mar13_0000Z, toMs: T.mar16_0000Z).count, 4)
        let logged = try c.open().logPattern(draft: PatternDraft(happened: .wentSilent, tags: ["Hungry"]))
        XCTAssertEqual(try c.open().patternLog(fromMs: T.mar13_0000Z, toMs: T.mar16_0000Z), [logged])
        XCTAssertEqual(logged.tags, ["hungry"])
        XCTAssertFalse(suggestedTags().isEmpty)
        XCTAssertEqual(try iStatement(observation: "we rush", feeling: "tense",
                                                       need: "calm", request: "a slower start"),
                       "When we rush, I feel tense, and I need calm. Would you be open to a slower start?")

        let screen = try c.open().insightsScreen(weeks: 3, deviceZone: c.deviceZone())
        XCTAssertEqual(screen.weeks, ["week of Mon 22 Feb", "week of Mon 1 Mar", "week of Mon 8 Mar"])
        XCTAssertTrue(screen.rows.allSatisfy { $0.values.count == 3 })
        XCTAssertEqual(screen.row("my check-ins")?.values, [0, 0, 1])
        XCTAssertEqual(screen.row("my check-ins")?.text, "Your check-ins: 0 0 1")
        XCTAssertEqual(screen.row("appreciations given")?.values, [0, 0, 1])
        XCTAssertEqual(screen.triggers.map(\.text), ["“hungry” · once"])
        XCTAssertEqual(screen.byWeekday.map(\.text), ["Sat · once"])
        XCTAssertEqual(screen.byPartOfDay.map(\.text), ["in the afternoon · once"], "12:00 is afternoon")
        assertTandemError(.invalidInput, "0 weeks") { try c.open().insights(weeks: 0, deviceZone: c.deviceZone()) }
    }

    func testAnEmptyInsightsScreen() throws {
        let clock = ManualClock(nowMs: T.mar13_1200Z)
        let c = try controller("ben", clock: clock)
        defer { try? c.close() }
        let screen = try c.open().insightsScreen(weeks: 2, deviceZone: c.deviceZone())
        XCTAssertEqual(screen.rows.count, 10, "eight series plus personal rituals kept and scheduled (none counts what the partner gave)")
        XCTAssertTrue(screen.rows.allSatisfy { $0.values == [0, 0] && $0.peak == 0 })
        XCTAssertEqual(screen.triggers, [])
        XCTAssertNil(screen.temperature)
        XCTAssertEqual(screen.empty, "Nothing logged yet in these weeks.")
        for s in screen.sentences {
            for word in ["missed", "failed", "fault", "blame", "late"] {
                XCTAssertFalse(s.lowercased().contains(word), s)
            }
        }
    }
}
