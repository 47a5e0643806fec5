import Foundation
import XCTest
@testable import TandemKit

/// Occurrences through the generated Swift: marking one done, skipped or
/// moved (by its scheduled date), the rolling rhythm, the .ics export and the
/// recurrence fields of drafts and rituals. Two paired Tandems in one process
/// share one ManualClock and sync by handing payloads across.
final class OccurrenceBindingsTests: TempDirTestCase {
    private var clock: ManualClock!
    private var ana: Tandem!
    private var ben: Tandem!

    override func setUpWithError() throws {
        try super.setUpWithError()
        clock = ManualClock(nowMs: T.mar13_1200Z)  // 2027-03-13 12:00Z, a Saturday
        ana = try Tandem.openWithClock(path: path("ana.sqlite"), storageKey: try generateStorageKey(),
                                       deviceName: "Ana's phone", clock: clock)
        ben = try Tandem.openWithClock(path: path("ben.sqlite"), storageKey: try generateStorageKey(),
                                       deviceName: "Ben's phone", clock: clock)
        try pairDevices(offerer: ana, answerer: ben)
    }

    override func tearDownWithError() throws {
        try? ana?.close()
        try? ben?.close()
        try super.tearDownWithError()
    }

    // MARK: helpers

    /// Everything `from` has for its partner, imported by `to`.
    private func sync(_ from: Tandem, to: Tandem, file: StaticString = #filePath, line: UInt = #line) throws {
        clock.advance(byMs: T.minute)
        let payloads = try from.exportPayloads()
        XCTAssertFalse(payloads.isEmpty, file: file, line: line)
        for payload in payloads { _ = try to.importPayload(payload: payload) }
    }

    /// Ana proposes, Ben accepts, both synced: active on both phones.
    private func agreed(_ d: RitualDraft, file: StaticString = #filePath, line: UInt = #line) throws -> Ritual {
        let proposed = try ana.proposeRitual(draft: d)
        try sync(ana, to: ben, file: file, line: line)
        let accepted = try ben.acceptRitual(id: proposed.id)
        XCTAssertEqual(accepted.status, .active, file: file, line: line)
        try sync(ben, to: ana, file: file, line: line)
        XCTAssertEqual(try ana.rituals(), try ben.rituals(), "the same records on both", file: file, line: line)
        return accepted
    }

    /// What an occurrence row shows.
    private struct Seen: Equatable, CustomStringConvertible {
        let date: String
        let status: OccurrenceStatus
        let moved: Bool
        let local: String
        init(_ date: String, _ status: OccurrenceStatus, _ local: String, moved: Bool = false) {
            (self.date, self.status, self.local, self.moved) = (date, status, local, moved)
        }
        var description: String { "\(date) \(status) \(local)\(moved ? " moved" : "")" }
    }

    private func seen(_ t: Tandem, _ id: String, from: Int64, to: Int64, zone: String = "UTC") throws -> [Seen] {
        try t.upcoming(fromMs: from, toMs: to, deviceZone: zone)
            .filter { $0.ritualId == id }
            .map { Seen($0.date, $0.status, $0.deviceLocalStart, moved: $0.moved) }
    }

    private func daily(_ title: String = "Evening walk") -> RitualDraft {
        draft(title, minutes: 30, at: "20:30", zone: .floating)
    }

    // MARK: done, skip, move on two phones

    func testDoneSkipAndMoveOnTwoPhonesShowTheSameOnBothAfterSync() throws {
        let walk = try agreed(daily())
        let from = T.mar13_0000Z, to = T.mar16_0000Z
        let plain = [
            Seen("2027-03-13", .scheduled, "2027-03-13 20:30"),
            Seen("2027-03-14", .scheduled, "2027-03-14 20:30"),
            Seen("2027-03-15", .scheduled, "2027-03-15 20:30"),
        ]
        XCTAssertEqual(try seen(ana, walk.id, from: from, to: to), plain)
        XCTAssertEqual(try seen(ben, walk.id, from: from, to: to), plain)

        // After the walk, both tap "done" before either has synced.
        clock.set(nowMs: T.mar13_0000Z + 21 * T.hour)
        try ana.markDone(ritualId: walk.id, date: "2027-03-13", note: "Down to the river", feeling: "calm")
        try ben.markDone(ritualId: walk.id, date: "2027-03-13", note: nil, feeling: nil)
        // Ben will not make it on Sunday; Ana moves Monday's an hour later.
        try ben.skipOccurrence(ritualId: walk.id, date: "2027-03-14")
        let mar15_2130Z = T.mar16_0000Z - 150 * T.minute
        try ana.moveOccurrence(ritualId: walk.id, date: "2027-03-15", toMs: mar15_2130Z)

        // Each phone sees its own marks at once.
        XCTAssertEqual(try seen(ana, walk.id, from: from, to: to), [
            Seen("2027-03-13", .done, "2027-03-13 20:30"),
            Seen("2027-03-14", .scheduled, "2027-03-14 20:30"),
            Seen("2027-03-15", .scheduled, "2027-03-15 21:30", moved: true),
        ])
        XCTAssertEqual(try seen(ben, walk.id, from: from, to: to), [
            Seen("2027-03-13", .done, "2027-03-13 20:30"),
            Seen("2027-03-14", .skipped, "2027-03-14 20:30"),
            Seen("2027-03-15", .scheduled, "2027-03-15 20:30"),
        ])

        try sync(ana, to: ben)
        try sync(ben, to: ana)
        let merged = [
            Seen("2027-03-13", .done, "2027-03-13 20:30"),
            Seen("2027-03-14", .skipped, "2027-03-14 20:30"),
            Seen("2027-03-15", .scheduled, "2027-03-15 21:30", moved: true),
        ]
        XCTAssertEqual(try seen(ana, walk.id, from: from, to: to), merged)
        XCTAssertEqual(try seen(ben, walk.id, from: from, to: to), merged)

        // The moved one carries its new instant and its end.
        let moved = try XCTUnwrap(try ben.upcoming(fromMs: from, toMs: to, deviceZone: "Europe/Berlin")
            .first { $0.date == "2027-03-15" })
        XCTAssertEqual(moved.startMs, mar15_2130Z)
        XCTAssertEqual(moved.endMs, mar15_2130Z + 30 * T.minute)
        XCTAssertEqual(moved.start, "2027-03-15T22:30:00+01:00", "floating: read in the device zone")
        XCTAssertEqual(moved.deviceLocalStart, "2027-03-15 22:30")
        XCTAssertTrue(moved.moved)

        // Done on both phones counts once. Shared figures count up to the
        // newest shared change (here Ben's thanks at noon on the 16th), so
        // both phones show the same whatever their clocks.
        clock.set(nowMs: T.mar16_0000Z + 12 * T.hour)
        _ = try ben.appreciate(text: "Thank you.")
        try sync(ben, to: ana)
        let rhythm = [Rhythm(ritualId: walk.id, title: "Evening walk", keptLast7: 1, scheduledLast7: 3,
                             keptLast28: 1, scheduledLast28: 3)]
        XCTAssertEqual(try ana.rhythm(deviceZone: "UTC"), rhythm)
        XCTAssertEqual(try ben.rhythm(deviceZone: "UTC"), rhythm)
    }

    func testAMoveCanBringAnOccurrenceIntoAnotherDay() throws {
        let walk = try agreed(daily())
        // Sunday's walk moves to Saturday morning (within a week).
        let mar13_0900Z = T.mar13_0000Z + 9 * T.hour
        try ana.moveOccurrence(ritualId: walk.id, date: "2027-03-14", toMs: mar13_0900Z)
        try sync(ana, to: ben)
        let expected = [
            Seen("2027-03-14", .scheduled, "2027-03-13 09:00", moved: true),
            Seen("2027-03-13", .scheduled, "2027-03-13 20:30"),
            Seen("2027-03-15", .scheduled, "2027-03-15 20:30"),
        ]
        XCTAssertEqual(try seen(ana, walk.id, from: T.mar13_0000Z, to: T.mar16_0000Z), expected)
        XCTAssertEqual(try seen(ben, walk.id, from: T.mar13_0000Z, to: T.mar16_0000Z), expected)
        // Marking the moved one done still goes by its scheduled date.
        try ben.markDone(ritualId: walk.id, date: "2027-03-14", note: nil, feeling: "happy")
        try sync(ben, to: ana)
        let first = try XCTUnwrap(try ana.upcoming(fromMs: T.mar13_0000Z, toMs: T.mar16_0000Z, deviceZone: "UTC").first)
        XCTAssertEqual(first.date, "2027-03-14")
        XCTAssertEqual(first.status, .done)
        XCTAssertTrue(first.moved)
        XCTAssertEqual(first.startMs, mar13_0900Z)
    }

    // MARK: rhythm

    func testRhythmCountsOnlyOccurrencesSinceTheProposalAndBeforeNow() throws {
        // Proposed 2027-03-13 12:00Z: the daily recurrence starts the day
        // before, but the 12th's walk is not counted.
        let walk = try agreed(daily())
        XCTAssertEqual(walk.proposedAtMs, T.mar13_1200Z)
        XCTAssertEqual(walk.recurrence, Recurrence(repeat: .daily, startDate: "2027-03-12", untilDate: nil, count: nil))
        XCTAssertEqual(try ana.rhythm(deviceZone: "UTC"),
                       [Rhythm(ritualId: walk.id, title: "Evening walk", keptLast7: 0, scheduledLast7: 0,
                               keptLast28: 0, scheduledLast28: 0)])

        // Ten days on (2027-03-23 12:00Z): walks on the 13th to 22nd have
        // started, ten in all. Kept: 13, 14, 20, 21, 22; skipped: 15.
        clock.set(nowMs: T.mar13_1200Z + 10 * T.day)
        for date in ["2027-03-13", "2027-03-14", "2027-03-20"] {
            try ana.markDone(ritualId: walk.id, date: date, note: nil, feeling: nil)
        }
        for date in ["2027-03-21", "2027-03-22"] {
            try ben.markDone(ritualId: walk.id, date: date, note: "ok", feeling: nil)
        }
        try ben.skipOccurrence(ritualId: walk.id, date: "2027-03-15")
        // The 12th came before the walk existed: there is nothing to mark.
        XCTAssertThrowsError(try ana.markDone(ritualId: walk.id, date: "2027-03-12", note: nil, feeling: nil))
        // Nor can a future one be done early: tomorrow's is refused on this
        // phone's clock, so it never counts.
        assertTandemError(.invalidInput, "tomorrow's") {
            try ana.markDone(ritualId: walk.id, date: "2027-03-24", note: nil, feeling: nil)
        }
        try sync(ana, to: ben)
        try sync(ben, to: ana)

        // Last 7: the 16th to the 22nd, kept 20, 21, 22.
        let expected = [Rhythm(ritualId: walk.id, title: "Evening walk", keptLast7: 3, scheduledLast7: 7,
                               keptLast28: 5, scheduledLast28: 10)]
        XCTAssertEqual(try ana.rhythm(deviceZone: "UTC"), expected)
        XCTAssertEqual(try ben.rhythm(deviceZone: "UTC"), expected)

        // A paused ritual keeps its rhythm; a retired one has none.
        _ = try ana.pauseRitual(id: walk.id)
        XCTAssertEqual(try ana.rhythm(deviceZone: "UTC"), expected)
        _ = try ana.retireRitual(id: walk.id)
        XCTAssertEqual(try ana.rhythm(deviceZone: "UTC"), [])
    }

    func testRhythmIsPerRitualAndLeavesOutWaitingProposals() throws {
        let walk = try agreed(daily())
        let tea = try agreed(draft("Tea", minutes: 15, at: "07:00", zone: .fixed(zone: "Europe/Berlin")))
        _ = try ana.proposeRitual(draft: draft("Not yet", at: "12:00"))
        // 2027-03-16 12:00Z: walks 13, 14, 15; teas (06:00Z) 14, 15, 16.
        clock.set(nowMs: T.mar16_0000Z + 12 * T.hour)
        try ana.markDone(ritualId: tea.id, date: "2027-03-16", note: nil, feeling: nil)
        try ana.markDone(ritualId: walk.id, date: "2027-03-13", note: nil, feeling: nil)
        try ana.markDone(ritualId: walk.id, date: "2027-03-14", note: nil, feeling: nil)
        let rhythm = try ana.rhythm(deviceZone: "UTC").sorted { $0.title < $1.title }
        XCTAssertEqual(rhythm, [
            Rhythm(ritualId: walk.id, title: "Evening walk", keptLast7: 2, scheduledLast7: 3,
                   keptLast28: 2, scheduledLast28: 3),
            Rhythm(ritualId: tea.id, title: "Tea", keptLast7: 1, scheduledLast7: 3,
                   keptLast28: 1, scheduledLast28: 3),
        ])
    }

    // MARK: calendar export

    func testExportIcsHasOneEventPerActiveRitualWithCrlfLines() throws {
        let tea = try agreed(RitualDraft(title: "Morning tea, together", prompt: "One good thing", minutes: 20,
                                         timeOfDay: "07:15", zone: .fixed(zone: "Europe/Berlin")))
        let walk = try agreed(daily())
        let waiting = try ana.proposeRitual(draft: draft("Sunday call", at: "18:00"))
        clock.set(nowMs: T.mar13_1200Z + T.hour)

        let ics = try ana.exportIcs()
        XCTAssertEqual(try ben.exportIcs(), ics, "the same calendar from both phones")
        XCTAssertTrue(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), ics)
        XCTAssertTrue(ics.hasSuffix("END:VEVENT\r\nEND:VCALENDAR\r\n"), ics)
        XCTAssertFalse(ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "only CRLF line ends")
        XCTAssertFalse(ics.replacingOccurrences(of: "\r\n", with: "").contains("\r"), "only CRLF line ends")

        let lines = ics.components(separatedBy: "\r\n").dropLast()  // after the last CRLF
        XCTAssertTrue(lines.contains("PRODID:-//Tandem//Tandem core//EN"))
        XCTAssertEqual(lines.filter { $0 == "BEGIN:VEVENT" }.count, 2)
        XCTAssertEqual(lines.filter { $0 == "END:VEVENT" }.count, 2)
        XCTAssertFalse(ics.contains(waiting.id), "a waiting proposal is not in the calendar")
        XCTAssertFalse(ics.contains("Sunday call"))

        func event(_ id: String) -> [String] {
            guard let start = lines.firstIndex(of: "UID:\(id)@tandem") else { return [] }
            let end = lines[start...].firstIndex(of: "END:VEVENT") ?? lines.endIndex
            return Array(lines[(start - 1)...end])
        }
        XCTAssertEqual(event(tea.id), [
            "BEGIN:VEVENT",
            "UID:\(tea.id)@tandem",
            "DTSTAMP:20270313T130000Z",
            "SUMMARY:Morning tea\\, together",
            "DESCRIPTION:One good thing",
            // The first occurrence after both accepted (13:00Z on the 13th),
            // not the recurrence's start the day before.
            "DTSTART;TZID=Europe/Berlin:20270314T071500",
            "DURATION:PT20M",
            "RRULE:FREQ=DAILY",
            "END:VEVENT",
        ])
        XCTAssertEqual(event(walk.id), [
            "BEGIN:VEVENT",
            "UID:\(walk.id)@tandem",
            "DTSTAMP:20270313T130000Z",
            "SUMMARY:Evening walk",
            "DTSTART:20270313T203000",
            "DURATION:PT30M",
            "RRULE:FREQ=DAILY",
            "END:VEVENT",
        ])

        // Paused and retired rituals leave the calendar.
        _ = try ana.pauseRitual(id: tea.id)
        _ = try ana.retireRitual(id: walk.id)
        let after = try ana.exportIcs()
        XCTAssertFalse(after.contains("BEGIN:VEVENT"), after)
        XCTAssertEqual(after, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tandem//Tandem core//EN\r\n"
                       + "CALSCALE:GREGORIAN\r\nEND:VCALENDAR\r\n")
    }

    func testExportIcsWritesTheRecurrenceRule() throws {
        var weekly = draft("Sunday call", minutes: 45, at: "18:00", zone: .fixed(zone: "America/New_York"))
        weekly.recurrence = Recurrence(repeat: .weekly, startDate: "2027-03-07", untilDate: nil, count: 4)
        let call = try agreed(weekly)
        let ics = try ben.exportIcs()
        XCTAssertTrue(ics.contains("\r\nUID:\(call.id)@tandem\r\n"), ics)
        // Agreed on the 13th: the 7th was never an occurrence, so the
        // calendar starts on the 14th with the three left of the count.
        XCTAssertTrue(ics.contains("\r\nDTSTART;TZID=America/New_York:20270314T180000\r\n"), ics)
        XCTAssertTrue(ics.contains("\r\nDURATION:PT45M\r\n"), ics)
        XCTAssertTrue(ics.contains("\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n"), ics)
    }

    // MARK: recurrence fields

    func testAWeeklyRecurrenceRoundTripsAndRunsOnItsWeekday() throws {
        var d = daily("Sunday call")
        d.recurrence = Recurrence(repeat: .weekly, startDate: "2027-03-07", untilDate: nil, count: nil)
        let proposed = try ana.proposeRitual(draft: d)
        XCTAssertEqual(proposed.recurrence,
                       Recurrence(repeat: .weekly, startDate: "2027-03-07", untilDate: nil, count: nil))
        try sync(ana, to: ben)
        XCTAssertEqual(try ben.rituals().first?.recurrence, proposed.recurrence)
        _ = try ben.acceptRitual(id: proposed.id)
        try sync(ben, to: ana)

        // 2027-03-07 is a Sunday: the next three are the 14th, 21st, 28th.
        let from = T.mar13_0000Z, to = T.mar13_0000Z + 21 * T.day
        let expected = [
            Seen("2027-03-14", .scheduled, "2027-03-14 20:30"),
            Seen("2027-03-21", .scheduled, "2027-03-21 20:30"),
            Seen("2027-03-28", .scheduled, "2027-03-28 20:30"),
        ]
        XCTAssertEqual(try seen(ana, proposed.id, from: from, to: to), expected)
        XCTAssertEqual(try seen(ben, proposed.id, from: from, to: to), expected)
        let occurrences = try ana.upcoming(fromMs: from, toMs: to, deviceZone: "UTC")
        XCTAssertEqual(occurrences.map(\.startMs), [T.mar14_0730Z + 13 * T.hour,
                                                    T.mar14_0730Z + 13 * T.hour + 7 * T.day,
                                                    T.mar14_0730Z + 13 * T.hour + 14 * T.day])
        XCTAssertEqual(Set(occurrences.map(\.title)), ["Sunday call"])

        // Monday has no occurrence to mark.
        assertTandemError(.invalidInput, "a Monday of a weekly Sunday ritual") {
            try ana.markDone(ritualId: proposed.id, date: "2027-03-15", note: nil, feeling: nil)
        }
        try ana.skipOccurrence(ritualId: proposed.id, date: "2027-03-21")
        XCTAssertEqual(try seen(ana, proposed.id, from: from, to: to).map(\.status), [.scheduled, .skipped, .scheduled])
    }

    func testCountAndUntilEndTheRecurrence() throws {
        var counted = daily("Three walks")
        counted.recurrence = Recurrence(repeat: .daily, startDate: "2027-03-14", untilDate: nil, count: 3)
        var until = daily("Until Tuesday")
        until.timeOfDay = "07:00"
        until.recurrence = Recurrence(repeat: .daily, startDate: nil, untilDate: "2027-03-16", count: nil)
        let a = try agreed(counted)
        let b = try agreed(until)
        XCTAssertEqual(a.recurrence, Recurrence(repeat: .daily, startDate: "2027-03-14", untilDate: nil, count: 3))
        XCTAssertEqual(b.recurrence, Recurrence(repeat: .daily, startDate: "2027-03-12", untilDate: "2027-03-16",
                                                count: nil))
        let from = T.mar13_0000Z, to = T.mar13_0000Z + 14 * T.day
        XCTAssertEqual(try seen(ben, a.id, from: from, to: to).map(\.date), ["2027-03-14", "2027-03-15", "2027-03-16"])
        // Agreed after 12:00Z on the 13th: that morning's 07:00 came before
        // the ritual existed, so the recurrence's earlier start gives nothing.
        XCTAssertEqual(try seen(ben, b.id, from: from, to: to).map(\.date), ["2027-03-14", "2027-03-15", "2027-03-16"])
        assertTandemError(.invalidInput, "after the count ran out") {
            try ana.skipOccurrence(ritualId: a.id, date: "2027-03-17")
        }
        assertTandemError(.invalidInput, "after the until date") {
            try ana.skipOccurrence(ritualId: b.id, date: "2027-03-17")
        }
    }

    // MARK: refusals

    func testRefusalsHaveTheirKindAndChangeNothing() throws {
        let walk = try agreed(daily())
        let waiting = try ana.proposeRitual(draft: draft("Not yet", at: "12:00"))
        try sync(ana, to: ben)
        let from = T.mar13_0000Z, to = T.mar16_0000Z
        let before = try seen(ana, walk.id, from: from, to: to)
        XCTAssertEqual(before.map(\.status), [.scheduled, .scheduled, .scheduled])

        for bad in ["2027-13-01", "2027-02-30", "13/03/2027", "", "yesterday"] {
            assertTandemError(.invalidInput, "markDone on \"\(bad)\"") {
                try ana.markDone(ritualId: walk.id, date: bad, note: nil, feeling: nil)
            }
            assertTandemError(.invalidInput, "skip on \"\(bad)\"") {
                try ana.skipOccurrence(ritualId: walk.id, date: bad)
            }
            assertTandemError(.invalidInput, "move on \"\(bad)\"") {
                try ana.moveOccurrence(ritualId: walk.id, date: bad, toMs: T.mar13_1200Z)
            }
        }
        // Before the recurrence starts (the day before the proposal).
        assertTandemError(.invalidInput, "a date with no occurrence") {
            try ana.markDone(ritualId: walk.id, date: "2027-03-01", note: nil, feeling: nil)
        }
        // A day that has not come (12:00 on the 13th in UTC): refused on this
        // phone's clock, and on the earliest clock on Earth (UTC+14) the day
        // after is still to come.
        assertTandemError(.invalidInput, "done for tomorrow, in UTC") {
            try ana.markDone(ritualId: walk.id, date: "2027-03-14", note: nil, feeling: nil, deviceZone: "UTC")
        }
        assertTandemError(.invalidInput, "done for a day begun nowhere") {
            try ana.markDone(ritualId: walk.id, date: "2027-03-15", note: nil, feeling: nil,
                             deviceZone: "Pacific/Kiritimati")
        }
        assertTandemError(.invalidInput, "done in an unknown zone") {
            try ana.markDone(ritualId: walk.id, date: "2027-03-13", note: nil, feeling: nil, deviceZone: "Mars/Olympus")
        }
        assertTandemError(.invalidInput, "a date with no occurrence") {
            try ben.skipOccurrence(ritualId: walk.id, date: "2027-03-11")
        }
        // A proposal nobody accepted has nothing to mark, on either phone.
        for (name, t) in [("Ana", ana!), ("Ben", ben!)] {
            assertTandemError(.notAllowedNow, "\(name) marks a waiting proposal") {
                try t.markDone(ritualId: waiting.id, date: "2027-03-14", note: nil, feeling: nil)
            }
            assertTandemError(.notAllowedNow, "\(name) skips in a waiting proposal") {
                try t.skipOccurrence(ritualId: waiting.id, date: "2027-03-14")
            }
            assertTandemError(.notAllowedNow, "\(name) moves in a waiting proposal") {
                try t.moveOccurrence(ritualId: waiting.id, date: "2027-03-14", toMs: T.mar14_0730Z)
            }
        }
        // A move more than a week away, either way.
        let mar14_2030Z = T.mar14_0730Z + 13 * T.hour
        assertTandemError(.invalidInput, "ten days later") {
            try ana.moveOccurrence(ritualId: walk.id, date: "2027-03-14", toMs: mar14_2030Z + 10 * T.day)
        }
        assertTandemError(.invalidInput, "ten days earlier") {
            try ana.moveOccurrence(ritualId: walk.id, date: "2027-03-14", toMs: mar14_2030Z - 10 * T.day)
        }

        XCTAssertEqual(try seen(ana, walk.id, from: from, to: to), before)
        XCTAssertEqual(try seen(ben, walk.id, from: from, to: to), before)
        XCTAssertEqual(try ana.rhythm(deviceZone: "UTC").map(\.keptLast28), [0])

        // Paused: still marked. Retired: no longer.
        _ = try ana.pauseRitual(id: walk.id)
        try ana.markDone(ritualId: walk.id, date: "2027-03-13", note: nil, feeling: nil)
        _ = try ana.retireRitual(id: walk.id)
        assertTandemError(.notAllowedNow, "a retired ritual") {
            try ana.markDone(ritualId: walk.id, date: "2027-03-14", note: nil, feeling: nil)
        }
    }

    func testOccurrenceCallsAfterCloseThrowClosed() throws {
        let walk = try agreed(daily())
        try ana.close()
        assertTandemError(.closed) { try ana.markDone(ritualId: walk.id, date: "2027-03-13", note: nil, feeling: nil) }
        assertTandemError(.closed) { try ana.skipOccurrence(ritualId: walk.id, date: "2027-03-13") }
        assertTandemError(.closed) { try ana.moveOccurrence(ritualId: walk.id, date: "2027-03-13", toMs: T.mar13_1200Z) }
        assertTandemError(.closed) { try ana.rhythm(deviceZone: "UTC") }
        assertTandemError(.closed) { try ana.exportIcs() }
    }
}
