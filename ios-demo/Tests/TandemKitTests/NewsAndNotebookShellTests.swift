import Foundation
import XCTest
@testable import TandemKit

extension ImportReport {
    /// This report without its news: the counts, for tests that are not
    /// about the sentences.
    var counts: ImportReport {
        var r = self
        r.news = []
        r.newsFrom = ""
        return r
    }
}

extension SyncInItem.Outcome {
    var counts: SyncInItem.Outcome {
        if case let .imported(report) = self { return .imported(report.counts) }
        return self
    }
}

/// What's new after a sync, and the notebook, as the iOS shell gets them
/// from the core: sentences and lines it renders as they are.
final class NewsAndNotebookShellTests: TwoShellsTestCase {
    override var startsPaired: Bool { true }

    func testSyncInSaysWhatThePartnerChangedOnThisPhonesClock() throws {
        _ = try ben.open().startPause(minutes: 30, note: "I need air")
        _ = try ben.open().appreciate(text: "Thank you for the tea.")
        _ = try ben.open().appreciate(text: "And for the walk.")
        _ = try benFiles.send(ben.open().exportPayloads())
        anaZone = "Europe/Berlin" // 12:00 UTC is 13:00 there
        let report = try ana.syncIn(through: anaFiles)
        XCTAssertEqual(report.news, [
            "Ben's phone started a pause, back at 13:30",
            "Ben's phone sent you an appreciation (twice)",
        ])
        XCTAssertEqual(report.items.first?.report?.news.map { $0.about }, [NewsAbout.pause, .entry])
        XCTAssertFalse(report.news.contains { $0.contains("air") || $0.contains("tea") },
                       "the partner's own words stay out of the sentences")
        let lines = try ana.syncScreen(inbox: anaFiles, last: .received(report)).lines
        XCTAssertEqual(Array(lines.prefix(3)), [
            "3 changes received.",
            "Ben's phone started a pause, back at 13:30",
            "Ben's phone sent you an appreciation (twice)",
        ])
    }

    func testTheNotebookShowsBothPartnersWordsWordedByTheCore() throws {
        anaZone = "Europe/Berlin"
        XCTAssertEqual(try ana.open().notebook(weeks: 4, deviceZone: ana.deviceZone()).days, [])
        XCTAssertNotNil(try ana.open().notebook(weeks: 4, deviceZone: ana.deviceZone()).empty)
        let thanks = try ben.open().appreciate(text: "Thank you for the tea.")
        _ = try ana.open().checkIn(temperature: 6, capacity: .some, need: .closeness, note: nil, shared: false)
        _ = try benFiles.send(ben.open().exportPayloads())
        _ = try ana.syncIn(through: anaFiles)
        let page = try ana.open().notebook(weeks: 1, deviceZone: ana.deviceZone())
        XCTAssertNil(page.empty)
        XCTAssertEqual(page.days.map(\.heading), ["Today"])
        XCTAssertEqual(page.days[0].items, [
            NotebookItem(id: page.days[0].items[0].id, kind: .checkIn, mine: true, private: true, time: "13:00",
                         headline: "You checked in: stirred, some capacity, needing closeness", words: []),
            NotebookItem(id: thanks.id, kind: .appreciation, mine: false, private: false, time: "13:00",
                         headline: "Ben's phone appreciated you", words: ["Thank you for the tea."]),
        ])
        XCTAssertEqual(try ana.notebookScreen(), try ana.open().notebook(weeks: 4, deviceZone: ana.deviceZone()), "the screen both apps show: the core's four weeks")
        XCTAssertThrowsError(try ana.open().notebook(weeks: 0, deviceZone: ana.deviceZone()))
        XCTAssertThrowsError(try ana.open().notebook(weeks: 521, deviceZone: ana.deviceZone()))
    }

    func testPauseLengthsExtensionAndLaterComeFromTheCoreTheSameOnBothPhones() throws {
        let screen = try ana.pauseScreen()
        XCTAssertEqual(screen.lengths, [Choice(minutes: 20, label: "20 min"), Choice(minutes: 30, label: "30 min"),
                                        Choice(minutes: 60, label: "1 hour")])
        XCTAssertEqual(try ben.pauseScreen().lengths, screen.lengths)
        XCTAssertEqual(screen.extend, Choice(minutes: 15, label: "15 more minutes"))
        XCTAssertEqual(try ana.todayScreen().snooze, Choice(minutes: 15, label: "In 15 min"))
        let pause = try ana.open().startPause(minutes: screen.lengths[1].minutes, note: nil)
        let longer = try ana.open().extendPause(id: pause.id, minutes: try XCTUnwrap(screen.extend).minutes)
        XCTAssertEqual(longer.returnAtMs - pause.returnAtMs, 15 * T.minute)
    }
}
