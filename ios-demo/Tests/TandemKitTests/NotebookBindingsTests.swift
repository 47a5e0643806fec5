import Foundation
import XCTest
@testable import TandemKit

/// Check-ins, appreciations, repairs, phrases, the private pattern log and
/// insights through the generated bindings, on two phones and one clock.
final class NotebookBindingsTests: TwoPhonesTestCase {
    private let blameWords = ["missed", "failed", "fault", "blame", "late"]

    /// Everything from a day before the test started to a year later.
    private func all(_ t: Tandem) throws -> [LogEntry] {
        try t.entries(fromMs: T.mar13_0000Z - T.day, toMs: T.mar13_0000Z + 365 * T.day)
    }

    private func allPatterns(_ t: Tandem) throws -> [PatternEntry] {
        try t.patternLog(fromMs: T.mar13_0000Z - T.day, toMs: T.mar13_0000Z + 365 * T.day)
    }

    func testAPrivateCheckInStaysOnItsPhoneAndASharedOneReachesThePartner() throws {
        try pair()
        let quiet = try ana.checkIn(temperature: 4, capacity: .some, need: .space, note: "just for me", shared: false)
        XCTAssertTrue(quiet.mine)
        XCTAssertFalse(quiet.shared)
        XCTAssertEqual(quiet.atMs, T.mar13_1200Z)
        XCTAssertEqual(quiet.kind, .checkIn(temperature: 4, temperatureWords: "settled", capacity: .some,
                                            need: .space, note: "just for me"))
        clock.advance(byMs: T.hour)
        let open = try ana.checkIn(temperature: 7, capacity: .low, need: .reassurance, note: nil, shared: true)
        XCTAssertTrue(open.shared)

        try sync(ana, to: ben)
        let onBen = try all(ben)
        XCTAssertEqual(onBen.count, 1, "only the shared check-in crosses: \(onBen)")
        let seen = try XCTUnwrap(onBen.first)
        XCTAssertEqual(seen.id, open.id)
        XCTAssertFalse(seen.mine)
        XCTAssertTrue(seen.shared)
        XCTAssertEqual(seen.atMs, T.mar13_1200Z + T.hour)
        XCTAssertEqual(seen.kind, .checkIn(temperature: 7, temperatureWords: "heated", capacity: .low,
                                           need: .reassurance, note: nil))
        guard case let .checkIn(temperature, words, _, need, _) = seen.kind else { return XCTFail("\(seen.kind)") }
        XCTAssertEqual(temperature, 7)
        XCTAssertEqual(words, "heated")
        XCTAssertEqual(need, .reassurance)
        XCTAssertEqual(try all(ana).map(\.id), [quiet.id, open.id], "Ana keeps both, oldest first")
    }

    func testTemperatureWordsAcrossTheScale() throws {
        let words = try (1...10).map { t -> String in
            let entry = try ana.checkIn(temperature: UInt8(t), capacity: .plenty, need: .nothingRightNow,
                                        note: nil, shared: false)
            guard case let .checkIn(_, w, _, _, _) = entry.kind else { XCTFail("\(entry.kind)"); return "" }
            return w
        }
        XCTAssertEqual(words, ["calm", "calm", "settled", "settled", "stirred", "stirred",
                               "heated", "heated", "flooded", "flooded"])
    }

    func testAnAppreciationAndASharedRepairReachThePartnerAPrivateRepairDoesNot() throws {
        try pair()
        let thanks = try ana.appreciate(text: "Thank you for the soup")
        XCTAssertTrue(thanks.shared, "an appreciation is always shared")
        XCTAssertEqual(thanks.kind, .appreciation(text: "Thank you for the soup"))
        clock.advance(byMs: T.minute)
        _ = try ana.recordRepair(act: .apologised, note: "my part", received: true, shared: true)
        _ = try ana.recordRepair(act: .joke, note: nil, received: nil, shared: false)
        try sync(ana, to: ben)
        let onBen = try all(ben)
        XCTAssertEqual(onBen.map(\.kind), [.appreciation(text: "Thank you for the soup"),
                                          .repair(act: .apologised, note: "my part", received: true)])
        XCTAssertTrue(onBen.allSatisfy { !$0.mine && $0.shared })
        XCTAssertEqual(try all(ana).count, 3)
    }

    func testThePatternLogNeverReachesThePartner() throws {
        try pair()
        let logged = try ana.logPattern(draft: PatternDraft(happened: .withdrew, tags: ["Tired", "work stress"],
                                                            topic: "Money", temperatureBefore: 8, note: "went to bed"))
        XCTAssertEqual(logged.tags, ["tired", "work stress"], "tags are lowercased")
        XCTAssertEqual(logged.happened, .withdrew)
        XCTAssertEqual(logged.temperatureBefore, 8)
        XCTAssertEqual(logged.atMs, T.mar13_1200Z)
        XCTAssertEqual(try allPatterns(ana), [logged])
        // Something shared so that there is a payload to send at all.
        _ = try ana.appreciate(text: "Thanks for listening")
        try sync(ana, to: ben)
        XCTAssertEqual(try allPatterns(ben), [], "the partner's pattern log is empty")
        XCTAssertEqual(try all(ben).count, 1, "only the appreciation crossed")
        let bens = try ben.insights(weeks: 4, deviceZone: "UTC")
        XCTAssertEqual(bens.triggers, [])
        XCTAssertEqual(bens.derailingTopics, [])
        XCTAssertNil(bens.temperatureBeforeDistance)
        XCTAssertEqual(bens.distanceByWeekday.reduce(0, +), 0)
        let anas = try ana.insights(weeks: 4, deviceZone: "UTC")
        XCTAssertEqual(anas.triggers.first, LabelCount(label: "tired", count: 1))
    }

    func testPatternLogLimits() throws {
        assertTandemError(.invalidInput, "11 tags") {
            try ana.logPattern(draft: PatternDraft(happened: .pursued, tags: (1...11).map { "t\($0)" }))
        }
        assertTandemError(.invalidInput, "a 31-character tag") {
            try ana.logPattern(draft: PatternDraft(happened: .pursued, tags: [String(repeating: "a", count: 31)]))
        }
        for t: UInt8 in [0, 11] {
            assertTandemError(.invalidInput, "temperature before \(t)") {
                try ana.logPattern(draft: PatternDraft(happened: .wentSilent, temperatureBefore: t))
            }
        }
        XCTAssertEqual(try allPatterns(ana), [], "refusals leave nothing")
        XCTAssertFalse(suggestedTags().isEmpty)
    }

    /// Two Friday-evening withdrawals tagged "tired", each after a check-in
    /// at 8; calmer weekday-morning check-ins at 3.
    func testInsightsAfterAScriptedFortnight() throws {
        try pair()
        for week: Int64 in [0, 7] {
            for day: Int64 in 2...5 {  // Mon 15 .. Thu 18 (and the week after)
                clock.set(nowMs: at(week + day, 8, 0))
                _ = try ana.checkIn(temperature: 3, capacity: .plenty, need: .closeness, note: nil, shared: false)
            }
            clock.set(nowMs: at(week + 6, 18, 0))  // Friday 18:00 UTC
            _ = try ana.checkIn(temperature: 8, capacity: .low, need: .space, note: nil, shared: false)
            clock.set(nowMs: at(week + 6, 20, 0))
            _ = try ana.logPattern(draft: PatternDraft(happened: .withdrew, tags: ["tired"]))
        }
        clock.set(nowMs: at(15, 21, 0))  // Sunday 28 March
        let i = try ana.insights(weeks: 2, deviceZone: "UTC")
        XCTAssertEqual(i.weeks, ["2027-03-15", "2027-03-22"])
        XCTAssertEqual(i.triggers.first, LabelCount(label: "tired", count: 2))
        XCTAssertEqual(i.temperatureBeforeDistance, 8.0)
        XCTAssertEqual(try XCTUnwrap(i.temperatureBaseline), (8 * 3.0 + 2 * 8.0) / 10, accuracy: 1e-9)
        XCTAssertEqual(i.distanceByWeekday, [0, 0, 0, 0, 2, 0, 0], "Fridays")
        XCTAssertEqual(i.distanceByPartOfDay, [0, 0, 0, 2], "evenings")
        // The core's order; personal rituals are a series of their own, kept
        // apart from the couple's rhythm.
        XCTAssertEqual(i.series.map(\.name), [
            "rituals kept", "rituals scheduled", "personal rituals kept", "personal rituals scheduled",
            "pauses started", "pauses kept", "appreciations given", "repairs",
            "my check-ins", "withdrawals and silences"])
        for s in i.series { XCTAssertEqual(s.values.count, i.weeks.count, s.name) }
        XCTAssertEqual(i.series.first { $0.name == "my check-ins" }?.values, [5, 5])
        XCTAssertEqual(i.series.first { $0.name == "withdrawals and silences" }?.values, [1, 1])
        let text = i.sentences.joined(separator: " ")
        XCTAssertTrue(text.contains("“tired” came up most often"), text)
        XCTAssertTrue(text.contains("ran warmer than usual"), text)
        for word in blameWords { XCTAssertFalse(text.lowercased().contains(word), "'\(word)' in: \(text)") }

        let screen = try ana.insightsScreen(weeks: 2, deviceZone: "UTC")
        XCTAssertEqual(screen.weeks.count, i.weeks.count)
        XCTAssertEqual(screen.rows.map(\.name), i.series.map(\.name))
        XCTAssertEqual(screen.row("my check-ins")?.values, [5, 5])
        XCTAssertEqual(screen.row("my check-ins")?.label, "Your check-ins")
        XCTAssertEqual(screen.row("withdrawals and silences")?.peak, 1)
        XCTAssertTrue(screen.rows.allSatisfy { $0.values.count == 2 })
        XCTAssertEqual(screen.triggers.first?.text, "“tired” · twice")
        XCTAssertEqual(screen.byWeekday.first?.label, "Fri")
        XCTAssertEqual(screen.byPartOfDay.map(\.text), ["in the evening · twice"])
        XCTAssertEqual(screen.sentences, i.sentences)
        XCTAssertFalse(screen.isEmpty)
        try ana.setLocale(tag: "de")
        XCTAssertEqual(try ana.insightsScreen(weeks: 2, deviceZone: "UTC").byWeekday.first?.text, "Fr · zweimal")
    }

    func testBadInputIsRefused() throws {
        for t: UInt8 in [0, 11] {
            assertTandemError(.invalidInput, "temperature \(t)") {
                try ana.checkIn(temperature: t, capacity: .some, need: .space, note: nil, shared: false)
            }
        }
        assertTandemError(.invalidInput, "a 501-character note") {
            try ana.checkIn(temperature: 5, capacity: .some, need: .space,
                            note: String(repeating: "n", count: 501), shared: false)
        }
        assertTandemError(.invalidInput, "an empty appreciation") { try ana.appreciate(text: "") }
        assertTandemError(.invalidInput, "a 281-character appreciation") {
            try ana.appreciate(text: String(repeating: "a", count: 281))
        }
        XCTAssertNoThrow(try ana.appreciate(text: String(repeating: "a", count: 280)))
        for weeks: UInt32 in [0, 521] {
            assertTandemError(.invalidInput, "\(weeks) weeks") { try ana.insights(weeks: weeks, deviceZone: "UTC") }
        }
        XCTAssertEqual(try ana.insights(weeks: 520, deviceZone: "UTC").weeks.count, 520)
        XCTAssertEqual(try ana.insights(weeks: 1, deviceZone: "UTC").weeks, ["2027-03-08"])
        let error = assertTandemError(.invalidInput, "an empty feeling") {
            try iStatement(observation: "the dishes pile up", feeling: "", need: "help", request: "a rota")
        }
        XCTAssertTrue(error?.reason.contains("feeling") ?? false, error?.reason ?? "")
        assertTandemError(.invalidInput, "a blank request") {
            try iStatement(observation: "x", feeling: "sad", need: "time", request: "  ")
        }
    }

    func testIStatementReadsExactly() throws {
        XCTAssertEqual(
            try iStatement(observation: "the dishes pile up", feeling: "tired", need: "some help",
                           request: "a rota"),
            "When the dishes pile up, I feel tired, and I need some help. Would you be open to a rota?")
        XCTAssertEqual(
            try iStatement(observation: "When plans change at the last minute", feeling: "I feel anxious.",
                           need: "I need a heads-up", request: "texting me when you're running late"),
            "When plans change at the last minute, I feel anxious, and I need a heads-up. "
                + "Would you be open to texting me when you're running late?")
    }

    func testPhrasebookHasFifteenBuiltInsAndTheCouplesOwn() throws {
        try pair()
        let builtIn = try ana.phrases()
        XCTAssertEqual(builtIn.count, 15)
        XCTAssertTrue(builtIn.allSatisfy { $0.builtIn && !$0.shared })
        for s: Situation in [.askingForSpace, .invitingCloseness, .reflectingBack, .owningMyPart, .returningAfterAPause] {
            XCTAssertEqual(builtIn.filter { $0.situation == s }.count, 3, "\(s)")
        }
        let ours = try ana.addPhrase(situation: .askingForSpace, text: "I need twenty minutes, then I'm back", shared: true)
        XCTAssertEqual(ours.kind, .phrase(situation: .askingForSpace, text: "I need twenty minutes, then I'm back"))
        _ = try ana.addPhrase(situation: .owningMyPart, text: "Mine alone", shared: false)
        XCTAssertEqual(try ana.phrases().count, 17)
        try sync(ana, to: ben)
        let onBen = try ben.phrases().filter { !$0.builtIn }
        XCTAssertEqual(onBen.map(\.text), ["I need twenty minutes, then I'm back"], "only the shared phrase crosses")
        XCTAssertEqual(onBen.first?.situation, .askingForSpace)
        XCTAssertEqual(onBen.first?.shared, true)
    }
}
