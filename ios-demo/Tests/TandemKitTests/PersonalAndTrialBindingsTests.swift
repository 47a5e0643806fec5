import Foundation
import XCTest
@testable import TandemKit

/// Personal rituals through the generated Swift: the author's own, active at
/// once, never synced, usable before pairing.
final class PersonalRitualBindingsTests: TwoPhonesTestCase {
    private func journal() -> RitualDraft {
        draft("Morning journal", minutes: 15, at: "07:00")
    }

    func testAPersonalRitualBeforePairingIsActiveAtOnceAndNeverReachesThePartner() throws {
        let anaId = try ana.device().deviceId
        XCTAssertEqual(try ana.pairingStatus(), .unpaired)
        let mine = try ana.addPersonalRitual(draft: journal())
        XCTAssertEqual(mine.status, .active, "no answer needed")
        XCTAssertTrue(mine.personal)
        XCTAssertNil(mine.pending)
        XCTAssertNil(mine.trialUntil)
        XCTAssertEqual(mine.proposedBy, anaId)
        XCTAssertEqual([mine.title, mine.timeOfDay], ["Morning journal", "07:00"])
        XCTAssertEqual(try ana.rituals(), [mine])
        // In effect at once: tomorrow's 07:00 is upcoming, with a reminder.
        let tomorrow = try ana.upcoming(fromMs: at(1, 0, 0), toMs: at(2, 0, 0), deviceZone: "UTC")
        XCTAssertEqual(tomorrow.map(\.ritualId), [mine.id])
        XCTAssertEqual(tomorrow.map(\.startMs), [at(1, 7, 0)])
        XCTAssertEqual(try ana.planReminders(deviceZone: "UTC", limit: 1).map(\.fireAtMs), [at(1, 7, 0)])

        // Paired, a shared proposal travels; the personal ritual does not,
        // not even in a later sync after it changed.
        try pair()
        let walk = try ana.proposeRitual(draft: draft("Evening walk"))
        XCTAssertFalse(walk.personal)
        try sync(ana, to: ben)
        XCTAssertEqual(try ben.rituals().map(\.id), [walk.id])
        XCTAssertEqual(try ben.rituals().map(\.personal), [false])
        XCTAssertEqual(try ben.upcoming(fromMs: at(0, 0, 0), toMs: at(3, 0, 0), deviceZone: "UTC")
            .filter { $0.ritualId == mine.id }, [])
        assertTandemError(.notFound, "Ben has never heard of it") { try ben.acceptRitual(id: mine.id) }

        _ = try ben.acceptRitual(id: walk.id)
        try sync(ben, to: ana)
        XCTAssertEqual(Set(try ana.rituals().map(\.id)), [mine.id, walk.id])
        XCTAssertEqual(try ana.rituals().first { $0.id == mine.id }, mine, "untouched by the sync")

        var later = try ana.ritualDraft(id: mine.id)
        later.title = "Evening journal"
        _ = try ana.counterRitual(id: mine.id, draft: later)
        try sync(ana, to: ben)
        XCTAssertEqual(try ben.rituals().map(\.id), [walk.id], "a change to it does not travel either")
        XCTAssertFalse(try ben.exportIcs(includePersonal: true).contains("journal"))
    }

    func testAnsweringAPersonalRitualIsNotAllowedAndACounterChangesItAtOnce() throws {
        let mine = try ana.addPersonalRitual(draft: journal())
        assertTandemError(.notAllowedNow, "accept a personal ritual") { try ana.acceptRitual(id: mine.id) }
        assertTandemError(.notAllowedNow, "decline a personal ritual") { try ana.declineRitual(id: mine.id) }
        XCTAssertEqual(try ana.rituals(), [mine], "nothing changed")

        // The draft is the version shown; change one field.
        var d = try ana.ritualDraft(id: mine.id)
        XCTAssertEqual(d.title, "Morning journal")
        XCTAssertEqual(d.minutes, 15)
        XCTAssertEqual(d.timeOfDay, "07:00")
        XCTAssertEqual(d.zone, .floating)
        XCTAssertEqual(d.recurrence?.repeat, .daily)
        XCTAssertNil(d.trialUntil)
        d.timeOfDay = "07:30"
        let changed = try ana.counterRitual(id: mine.id, draft: d)
        XCTAssertEqual(changed.status, .active, "still active")
        XCTAssertEqual(changed.timeOfDay, "07:30", "in effect at once")
        XCTAssertNil(changed.pending, "nothing waits for anyone")
        XCTAssertTrue(changed.personal)
        XCTAssertEqual(changed.minutes, 15, "the other fields kept")
        XCTAssertEqual(changed.recurrence, mine.recurrence)
        XCTAssertEqual(try ana.rituals(), [changed])
        XCTAssertEqual(try ana.upcoming(fromMs: at(1, 0, 0), toMs: at(2, 0, 0), deviceZone: "UTC").map(\.startMs),
                       [at(1, 7, 30)])

        // Paused and resumed by its author alone.
        XCTAssertEqual(try ana.pauseRitual(id: mine.id).status, .paused)
        XCTAssertEqual(try ana.resumeRitual(id: mine.id).status, .active)
    }

    func testTheCalendarHoldsPersonalRitualsOnlyWhenAsked() throws {
        let mine = try ana.addPersonalRitual(draft: journal())
        let shared = try ana.exportIcs(includePersonal: false)
        XCTAssertFalse(shared.contains(mine.id), shared)
        XCTAssertFalse(shared.contains("Morning journal"), shared)
        XCTAssertEqual(shared, try ana.exportIcs(), "personal rituals are left out by default")
        let all = try ana.exportIcs(includePersonal: true)
        XCTAssertTrue(all.contains("\r\nUID:\(mine.id)@tandem\r\n"), all)
        XCTAssertTrue(all.contains("\r\nSUMMARY:Morning journal\r\n"), all)
    }
}

/// Gentle experiments: a ritual tried until a date, then reviewed together
/// (keep, adjust or stop), with a review reminder on its last day.
final class TrialBindingsTests: TwoPhonesTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try pair()
    }

    /// A cold shower at 20:30 every day from 2027-03-13, tried until Saturday 2027-03-20.
    private func experiment(until: String? = "2027-03-20") -> RitualDraft {
        var d = draft("Cold shower", minutes: 5, at: "20:30")
        d.recurrence = Recurrence(repeat: .daily, startDate: "2027-03-13", untilDate: nil, count: nil)
        d.trialUntil = until
        return d
    }

    private func reviews(_ t: Tandem) throws -> [String] {
        try t.reviewsDue(deviceZone: "UTC").map(\.id)
    }

    func testATrialIsDueOnItsLastDayAndKeepingItForGoodNeedsThePartner() throws {
        let proposed = try ana.proposeRitual(draft: experiment())
        XCTAssertEqual(proposed.pending?.trialUntil, "2027-03-20")
        try sync(ana, to: ben)
        XCTAssertEqual(try ben.rituals().first?.pending?.trialUntil, "2027-03-20", "the trial end travels")
        let accepted = try ben.acceptRitual(id: proposed.id)
        XCTAssertEqual(accepted.status, .active)
        XCTAssertEqual(accepted.trialUntil, "2027-03-20")
        try sync(ben, to: ana)
        let id = proposed.id
        XCTAssertEqual(try ana.rituals().first?.trialUntil, "2027-03-20")

        // Not due before its last day.
        XCTAssertEqual(try reviews(ana), [])
        clock.set(nowMs: at(6, 23, 59))  // 2027-03-19 23:59Z
        XCTAssertEqual(try reviews(ana), [])
        XCTAssertEqual(try reviews(ben), [])

        // The last day: due on both phones, with a review reminder at the
        // ritual's time, beside the ritual's own reminder.
        clock.set(nowMs: at(7, 12, 0))  // 2027-03-20 12:00Z
        XCTAssertEqual(try reviews(ana), [id])
        XCTAssertEqual(try reviews(ben), [id])
        let plan = try ana.planReminders(deviceZone: "UTC", limit: 60)
        let review = plan.filter { $0.kind == .trialReview }
        XCTAssertEqual(review.count, 1, "\(plan)")
        XCTAssertEqual(review.first?.sourceId, id)
        XCTAssertEqual(review.first?.fireAtMs, at(7, 20, 30))
        XCTAssertEqual(review.first?.title, "Time to look back: Cold shower")
        XCTAssertEqual(review.first?.privateTitle, "Tandem", "hidden content names nothing")
        XCTAssertFalse(review.first?.privateBody.contains("Cold shower") ?? true)
        XCTAssertEqual(plan.filter { $0.kind == .ritual && $0.fireAtMs == at(7, 20, 30) }.map(\.sourceId), [id])
        XCTAssertNotEqual(review.first?.id, plan.first { $0.kind == .ritual && $0.fireAtMs == at(7, 20, 30) }?.id)

        // Ana keeps it: the same version without a trial end, waiting for Ben.
        let kept = try ana.reviewRitual(id: id, outcome: .keep)
        XCTAssertEqual(kept.status, .active)
        XCTAssertEqual(kept.trialUntil, "2027-03-20", "the trial stays in effect until Ben agrees")
        XCTAssertEqual(kept.pending?.by, try ana.device().deviceId)
        XCTAssertNil(kept.pending?.trialUntil)
        XCTAssertEqual(kept.pending?.timeOfDay, "20:30")
        XCTAssertEqual(kept.pending?.minutes, 5)
        XCTAssertEqual(kept.pending?.recurrence, kept.recurrence)
        XCTAssertEqual(try reviews(ana), [], "an answer waits: no longer due")
        XCTAssertEqual(try ana.planReminders(deviceZone: "UTC", limit: 60).filter { $0.kind == .trialReview }, [])
        XCTAssertEqual(try reviews(ben), [id], "Ben has not heard yet")
        assertTandemError(.notAllowedNow, "Ana accepts her own keep") { try ana.acceptRitual(id: id) }

        try sync(ana, to: ben)
        XCTAssertEqual(try reviews(ben), [], "the keep waits for Ben's answer")
        let forGood = try ben.acceptRitual(id: id)
        XCTAssertEqual(forGood.status, .active)
        XCTAssertNil(forGood.trialUntil)
        XCTAssertNil(forGood.pending)
        try sync(ben, to: ana)
        XCTAssertEqual(try ana.rituals(), try ben.rituals())
        XCTAssertNil(try ana.rituals().first?.trialUntil)
        XCTAssertEqual(try reviews(ana), [])
        XCTAssertEqual(try reviews(ben), [])
        // Kept for good: its next walk is planned as before, and no review again.
        clock.set(nowMs: at(8, 12, 0))
        let next = try ana.planReminders(deviceZone: "UTC", limit: 60)
        XCTAssertEqual(next.first?.fireAtMs, at(8, 20, 30))
        XCTAssertEqual(Set(next.map(\.kind)), [.ritual])
        assertTandemError(.notAllowedNow, "no trial left to review") { try ana.reviewRitual(id: id, outcome: .keep) }
    }

    func testAdjustIsACounterAndStopRetires() throws {
        let id = try agreed(experiment()).id
        clock.set(nowMs: at(7, 12, 0))
        XCTAssertEqual(try reviews(ben), [id])

        // Ben adjusts: a later time and another week of trying.
        var d = try ben.ritualDraft(id: id)
        d.timeOfDay = "21:00"
        d.trialUntil = "2027-03-27"
        let adjusted = try ben.reviewRitual(id: id, outcome: .adjust(draft: d))
        XCTAssertEqual(adjusted.timeOfDay, "20:30", "the trial in effect until Ana agrees")
        XCTAssertEqual(adjusted.pending?.timeOfDay, "21:00")
        XCTAssertEqual(adjusted.pending?.trialUntil, "2027-03-27")
        XCTAssertEqual(try reviews(ben), [])
        try sync(ben, to: ana)
        let agreedAgain = try ana.acceptRitual(id: id)
        XCTAssertEqual(agreedAgain.timeOfDay, "21:00")
        XCTAssertEqual(agreedAgain.trialUntil, "2027-03-27")
        try sync(ana, to: ben)
        XCTAssertEqual(try reviews(ana), [])

        // A week later it is due again, and Ana stops it on her own.
        clock.set(nowMs: at(14, 12, 0))  // 2027-03-27
        XCTAssertEqual(try reviews(ana), [id])
        let stopped = try ana.reviewRitual(id: id, outcome: .stop)
        XCTAssertEqual(stopped.status, .retired)
        XCTAssertEqual(try reviews(ana), [])
        XCTAssertEqual(try ana.planReminders(deviceZone: "UTC", limit: 60), [])
        try sync(ana, to: ben)
        XCTAssertEqual(try ben.rituals().first?.status, .retired)
        XCTAssertEqual(try reviews(ben), [])
    }

    func testAPersonalTrialIsKeptAtOnce() throws {
        var d = experiment()
        d.title = "Stretching"
        let mine = try ana.addPersonalRitual(draft: d)
        XCTAssertEqual(mine.trialUntil, "2027-03-20")
        clock.set(nowMs: at(7, 8, 0))
        XCTAssertEqual(try reviews(ana), [mine.id])
        XCTAssertEqual(try ana.planReminders(deviceZone: "UTC", limit: 60).filter { $0.kind == .trialReview }
            .map(\.title), ["Time to look back: Stretching"])
        let kept = try ana.reviewRitual(id: mine.id, outcome: .keep)
        XCTAssertEqual(kept.status, .active)
        XCTAssertNil(kept.trialUntil, "kept for good at once")
        XCTAssertNil(kept.pending)
        XCTAssertEqual(try reviews(ana), [])
    }

    func testATrialEndsAfterTodayAndWithinAYear() throws {
        let anaBefore = try ana.rituals()
        // (A blank field is no trial at all: the form has no other way to say none.)
        for bad in ["2027-03-13", "2027-03-12", "2026-12-31", "2028-03-14", "2027-02-30", "20.03.2027"] {
            assertTandemError(.invalidInput, "trial until \"\(bad)\"") {
                try ana.proposeRitual(draft: experiment(until: bad))
            }
            assertTandemError(.invalidInput, "personal trial until \"\(bad)\"") {
                try ana.addPersonalRitual(draft: experiment(until: bad))
            }
        }
        XCTAssertEqual(try ana.rituals(), anaBefore, "nothing was added")
        XCTAssertEqual(try ana.proposeRitual(draft: experiment(until: "2027-03-14")).pending?.trialUntil, "2027-03-14",
                       "tomorrow is the first possible last day")
        XCTAssertEqual(try ana.proposeRitual(draft: experiment(until: "2028-03-12")).pending?.trialUntil, "2028-03-12",
                       "within a year")
        let plain = try agreed(draft("Tea", at: "09:00"))
        assertTandemError(.notAllowedNow, "a ritual without a trial") { try ben.reviewRitual(id: plain.id, outcome: .keep) }
        assertTandemError(.notAllowedNow, "stop without a trial") { try ben.reviewRitual(id: plain.id, outcome: .stop) }
        assertTandemError(.notFound, "an unknown id") {
            try ana.reviewRitual(id: String(repeating: "0", count: 32), outcome: .keep)
        }
        XCTAssertEqual(try ben.rituals().first { $0.id == plain.id }?.status, .active)
    }
}

/// Weekday recurrences carry the `Weekday` enum across the FFI.
final class WeekdayBindingsTests: TwoPhonesTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try pair()
    }

    private func dates(_ t: Tandem, _ id: String, days: Int64) throws -> [String] {
        try t.upcoming(fromMs: at(0, 0, 0), toMs: at(days, 0, 0), deviceZone: "UTC")
            .filter { $0.ritualId == id }.map(\.date)
    }

    func testWeekdaysRoundTripByValueAndRunOnThoseDays() throws {
        let recurrence = Recurrence(repeat: .weekdays(days: [.monday, .wednesday, .friday]),
                                    startDate: "2027-03-13", untilDate: nil, count: nil)
        var d = draft("Run", at: "07:00")
        d.recurrence = recurrence
        let proposed = try ana.proposeRitual(draft: d)
        XCTAssertEqual(proposed.recurrence, recurrence)
        XCTAssertEqual(proposed.pending?.recurrence, recurrence)
        XCTAssertEqual(try ana.ritualDraft(id: proposed.id).recurrence, recurrence)
        try sync(ana, to: ben)
        XCTAssertEqual(try ben.rituals().first?.recurrence, recurrence, "the same on the partner's phone")
        XCTAssertEqual(try ben.ritualDraft(id: proposed.id).recurrence, recurrence)
        _ = try ben.acceptRitual(id: proposed.id)
        try sync(ben, to: ana)
        // Saturday the 13th to Saturday the 20th: Monday, Wednesday, Friday.
        XCTAssertEqual(try dates(ana, proposed.id, days: 8), ["2027-03-15", "2027-03-17", "2027-03-19"])
        XCTAssertEqual(try dates(ben, proposed.id, days: 8), ["2027-03-15", "2027-03-17", "2027-03-19"])

        // Given in any order, with a repeat, they come back once each, Monday first.
        var shuffled = d
        shuffled.recurrence?.repeat = .weekdays(days: [.sunday, .tuesday, .sunday])
        XCTAssertEqual(try ana.addPersonalRitual(draft: shuffled).recurrence.repeat,
                       .weekdays(days: [.tuesday, .sunday]))
        var none = d
        none.recurrence?.repeat = .weekdays(days: [])
        assertTandemError(.invalidInput, "no weekday") { try ana.proposeRitual(draft: none) }
    }

    func testMonthlyOnWeekdayRoundTripsAndRunsOnThatWeekday() throws {
        let second = Recurrence(repeat: .monthlyOnWeekday(nth: 2, weekday: .tuesday),
                                startDate: "2027-03-13", untilDate: nil, count: nil)
        let last = Recurrence(repeat: .monthlyOnWeekday(nth: -1, weekday: .sunday),
                              startDate: "2027-03-13", untilDate: nil, count: nil)
        var a = draft("Budget talk", at: "19:00")
        a.recurrence = second
        var b = draft("Long brunch", at: "11:00")
        b.recurrence = last
        let talk = try agreed(a)
        let brunch = try agreed(b)
        XCTAssertEqual(talk.recurrence, second)
        XCTAssertEqual(brunch.recurrence, last)
        XCTAssertEqual(try ben.ritualDraft(id: talk.id).recurrence, second)
        XCTAssertEqual(try ana.ritualDraft(id: brunch.id).recurrence, last)
        // Second Tuesdays: April 13, May 11 (March 9 was before the start).
        XCTAssertEqual(try dates(ana, talk.id, days: 70), ["2027-04-13", "2027-05-11"])
        // Last Sundays: March 28, April 25.
        XCTAssertEqual(try dates(ben, brunch.id, days: 50), ["2027-03-28", "2027-04-25"])
        for nth: Int32 in [0, 6, -2] {
            var bad = a
            bad.recurrence?.repeat = .monthlyOnWeekday(nth: nth, weekday: .monday)
            assertTandemError(.invalidInput, "nth \(nth)") { try ana.proposeRitual(draft: bad) }
        }
    }
}
