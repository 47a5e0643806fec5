import Foundation
import XCTest
@testable import TandemKit

/// The shell over personal rituals, trials, snoozes and rest weeks: the
/// controller's calls, `RitualsScreen` and `TodayModel` rows, and the
/// `ReminderCoordinator` re-planning after each of those local changes.
/// Ana's and Ben's controllers share one ManualClock (2027-03-13 12:00Z, a
/// Saturday), read floating rituals in UTC and are not paired until a test
/// pairs them. Ana's reminders go to a `FakeScheduler`.
final class PersonalTrialRestShellTests: TwoShellsTestCase {
    override var showsReminderText: Bool { true }
    // MARK: helpers

    /// A ritual every day for 20 days from 2027-03-13 at `time`, floating
    /// (few enough reminders that the coordinator's limit never trims them).
    private func daily(_ title: String, at time: String = "20:30", leads: [UInt32] = [],
                       trialUntil: String? = nil) -> RitualDraft {
        RitualDraft(title: title, prompt: nil, minutes: 30, timeOfDay: time, zone: .floating,
                    recurrence: Recurrence(repeat: .daily, startDate: "2027-03-13", untilDate: nil, count: 20),
                    leadMinutes: leads, trialUntil: trialUntil)
    }

    // MARK: personal rituals

    func testAPersonalRitualIsArmedAtOnceAndShowsAsJustForYou() throws {
        let added = try anaReminders.addPersonal(daily("Morning journal", at: "07:00"))
        let journal = added.value
        XCTAssertTrue(journal.personal)
        XCTAssertEqual(journal.status, .active)
        XCTAssertEqual(added.outcome.plan.first?.fireAtMs, at(1, 7, 0), "tomorrow 07:00, armed before pairing")
        XCTAssertEqual(Set(added.outcome.plan.map(\.sourceId)), [journal.id])
        XCTAssertEqual(added.outcome.armed, added.outcome.plan.map(\.id))
        XCTAssertEqual(added.outcome.toSend, 0, "before pairing nothing waits for anyone")
        XCTAssertEqual(anaScheduler.shown.first?.title, "Morning journal")

        let row = try XCTUnwrap(try ana.ritualsScreen().rows.first)
        XCTAssertEqual([row.id, row.title, row.time, row.status], [journal.id, "Morning journal", "07:00", "Just for you"])
        XCTAssertEqual(row.buttons.map(\.action), [.change, .pause, .retire])
        XCTAssertTrue(row.personal)
        XCTAssertEqual(try ana.ritualsScreen().rows.count, 1)
        XCTAssertEqual(try ana.ritualsScreen().answersWaiting, 0)
        let today = try ana.todayScreen()
        XCTAssertEqual(today.coming.map(\.startMs), [at(1, 7, 0)])
        XCTAssertEqual(today.coming.map(\.personal), [true])
        XCTAssertEqual(today.coming.map(\.personalNote), ["Just for you"])
        XCTAssertEqual(today.coming.map(\.resting), [false])

        // Paired, a shared proposal waits for Ben; the personal one never
        // does, and Ben never sees it.
        try pair()
        let walk = try ana.open().proposeRitual(draft: daily("Evening walk"))
        let screen = try ana.ritualsScreen()
        XCTAssertEqual(screen.rows.map(\.id), [journal.id, walk.id])
        XCTAssertEqual(screen.rows.map(\.personal), [true, false])
        XCTAssertEqual(screen.rows.map(\.status), ["Just for you", "Waiting for your partner"])
        try deliver(ana)
        XCTAssertEqual(try ben.ritualsScreen().rows.map(\.id), [walk.id])
        XCTAssertEqual(try ben.ritualsScreen().rows.map(\.personal), [false])
    }

    func testTheCounterShortcutKeepsTheFieldsItDoesNotName() throws {
        try pair()
        var d = daily("Run", at: "07:00", leads: [30], trialUntil: "2027-03-27")
        d.recurrence?.repeat = .weekdays(days: [.monday, .thursday])
        d.windowEnd = "08:00"
        let run = try ana.open().proposeRitual(draft: d)
        try deliver(ana)
        let countered = try ben.open().counterRitual(id: run.id, title: "Run", minutes: 45, timeOfDay: "07:15", zone: .floating)
        let p = try XCTUnwrap(countered.pending)
        XCTAssertEqual([p.timeOfDay, p.title], ["07:15", "Run"])
        XCTAssertEqual(p.minutes, 45)
        XCTAssertEqual(p.recurrence, run.recurrence, "not reset to daily")
        XCTAssertEqual(p.recurrence.repeat, .weekdays(days: [.monday, .thursday]))
        XCTAssertEqual(p.leadMinutes, [30])
        XCTAssertEqual(p.windowEnd, "08:00")
        XCTAssertEqual(p.trialUntil, "2027-03-27")
        XCTAssertEqual(try ben.open().ritualDraft(id: run.id).timeOfDay, "07:15", "the draft is the version shown")
    }

    // MARK: trials

    func testADueTrialIsAReviewRowAndKeepingItCancelsTheReviewReminder() throws {
        let stretch = try anaReminders.addPersonal(daily("Stretching", trialUntil: "2027-03-20")).value
        XCTAssertEqual(stretch.trialUntil, "2027-03-20")
        XCTAssertEqual(try ana.ritualsScreen().rows.map(\.reviewDue), [false])
        XCTAssertEqual(try ana.todayScreen().reviews, [])

        clock.set(nowMs: at(7, 12, 0))  // the last day
        let due = try anaReminders.replan(trigger: .zoneChanged)
        let review = due.plan.filter { $0.kind == .trialReview }
        XCTAssertEqual(review.map(\.fireAtMs), [at(7, 20, 30)])
        XCTAssertEqual(review.map(\.title), ["Time to look back: Stretching"])
        XCTAssertEqual(anaScheduler.shown.filter { $0.id == review.first?.id }.map(\.title), ["Time to look back: Stretching"])
        XCTAssertEqual(try ana.open().reviewsDue(deviceZone: ana.deviceZone()).map(\.id), [stretch.id])
        let screen = try ana.ritualsScreen()
        let dueRow = try XCTUnwrap(screen.rows.first)
        XCTAssertEqual(screen.rows.filter(\.reviewDue).map(\.id), [stretch.id])
        XCTAssertEqual(dueRow.buttons.map(\.action), [.keep, .adjust, .stop, .pause, .retire])
        XCTAssertEqual(dueRow.status, "Time to look back: keep it, adjust it, or stop?")
        XCTAssertEqual(dueRow.trialNote, "Trying it until Sat 20 Mar 2027")
        let looks = try ana.todayScreen().reviews
        XCTAssertEqual(looks.map(\.id), [stretch.id])
        XCTAssertEqual(looks.map(\.headline), ["Time to look back: tried until Sat 20 Mar"])
        XCTAssertEqual(looks.map(\.personal), [true])
        XCTAssertEqual(looks.first?.buttons.map(\.action), [.keep, .adjust, .stop])

        anaScheduler.clearCalls()
        let kept = try anaReminders.perform(try XCTUnwrap(looks.first?.button(.keep)?.perform))
        XCTAssertNil(try ana.ritual(stretch.id).trialUntil, "a personal trial is kept at once")
        XCTAssertEqual(try ana.ritual(stretch.id).status, .active)
        XCTAssertEqual(kept.cancelled, review.map(\.id))
        XCTAssertEqual(kept.armed, [])
        XCTAssertEqual(kept.toSend, 0, "personal, before pairing")
        XCTAssertEqual(anaScheduler.calls, [.cancel(review.map(\.id))])
        XCTAssertEqual(try ana.ritualsScreen().rows.filter(\.reviewDue), [])
        XCTAssertEqual(try ana.ritualsScreen().rows.map { $0.buttons.map(\.action) }, [[.change, .pause, .retire]])
        XCTAssertEqual(try ana.todayScreen().reviews, [])
    }

    func testStoppingATrialRetiresItAndItsRemindersGo() throws {
        let stretch = try anaReminders.addPersonal(daily("Stretching", trialUntil: "2027-03-20")).value
        clock.set(nowMs: at(7, 12, 0))
        let before = try anaReminders.replan(trigger: .zoneChanged)
        XCTAssertFalse(before.plan.isEmpty)
        let stopped = try anaReminders.perform(.stopRitual(id: stretch.id))
        XCTAssertEqual(try ana.ritual(stretch.id).status, .retired)
        XCTAssertEqual(stopped.plan, [])
        XCTAssertEqual(stopped.cancelled, before.plan.map(\.id).sorted())
        XCTAssertEqual(anaScheduler.shown, [])
        XCTAssertTrue(try ana.ritualsScreen().isEmpty)
        // Without a trial, or unknown: refused, and the scheduler is not touched.
        anaScheduler.clearCalls()
        let plain = try ana.open().addPersonalRitual(draft: daily("Tea", at: "09:00"))
        XCTAssertThrowsError(try anaReminders.perform(.keepRitual(id: plain.id))) { e in
            XCTAssertEqual((e as? TandemError)?.kind, .notAllowedNow)
        }
        XCTAssertThrowsError(try anaReminders.perform(.keepRitual(id: stretch.id))) { e in
            XCTAssertEqual((e as? TandemError)?.kind, .notAllowedNow, "retired")
        }
        XCTAssertEqual(anaScheduler.calls, [])
    }

    // MARK: snooze

    func testASnoozeThroughTheCoordinatorArmsTheSnoozedReminder() throws {
        let walk = try anaReminders.addPersonal(daily("Evening walk", leads: [60, 10])).value
        clock.set(nowMs: at(0, 19, 35))
        let first = try anaReminders.replan(trigger: .appStart)
        let tenBefore = try XCTUnwrap(first.plan.first)
        XCTAssertEqual(tenBefore.fireAtMs, at(0, 20, 20))

        anaScheduler.clearCalls()
        let snoozed = try anaReminders.perform(.snooze(ritualId: walk.id, date: "2027-03-13", minutes: 15))
        XCTAssertEqual(snoozed.notice, "Reminder snoozed until 19:50.", "when it comes back, for the caller to show")
        let back = try XCTUnwrap(snoozed.plan.first)
        XCTAssertEqual(back.kind, .snoozed)
        XCTAssertEqual(back.fireAtMs, at(0, 19, 50))
        XCTAssertEqual(snoozed.armed, [back.id])
        XCTAssertEqual(snoozed.cancelled, [])
        XCTAssertEqual(anaScheduler.calls, [.arm(back.id)])
        XCTAssertEqual(anaScheduler.shown.prefix(2).map(\.fireAtMs), [at(0, 19, 50), at(0, 20, 20)])

        // Snoozed past the start: the 20:20 reminder and the first snooze go.
        anaScheduler.clearCalls()
        let again = try anaReminders.perform(.snooze(ritualId: walk.id, date: "2027-03-13", minutes: 60))
        XCTAssertEqual(again.notice, "Reminder snoozed until 20:35.")
        XCTAssertEqual(again.plan.filter { $0.occurrenceStartMs == at(0, 20, 30) }.map(\.kind), [.snoozed])
        XCTAssertEqual(again.plan.filter { $0.kind == .snoozed }.map(\.fireAtMs), [at(0, 20, 35)])
        XCTAssertEqual(again.cancelled, [back.id, tenBefore.id].sorted())
        XCTAssertEqual(again.armed, again.plan.filter { $0.kind == .snoozed }.map(\.id))
        XCTAssertEqual(anaScheduler.shown.first?.fireAtMs, at(0, 20, 35))

        // Refused: nothing re-planned.
        anaScheduler.clearCalls()
        for minutes: UInt32 in [0, 721] {
            XCTAssertThrowsError(try anaReminders.perform(.snooze(ritualId: walk.id, date: "2027-03-13", minutes: minutes))) { e in
                XCTAssertEqual((e as? TandemError)?.kind, .invalidInput)
            }
        }
        XCTAssertThrowsError(try anaReminders.perform(.snooze(ritualId: "nope", date: "2027-03-13", minutes: 5))) { e in
            XCTAssertEqual((e as? TandemError)?.kind, .notFound)
        }
        XCTAssertEqual(anaScheduler.calls, [])
    }

    // MARK: rest weeks

    func testARestWeekThroughTheCoordinatorCancelsItsRemindersAndSyncs() throws {
        try pair()
        let walk = try ana.open().proposeRitual(draft: daily("Evening walk"))
        try deliver(ana)
        _ = try ben.open().acceptRitual(id: walk.id)
        try deliver(ben)
        let first = try anaReminders.replan(trigger: .afterImport)
        XCTAssertEqual(first.plan.prefix(3).map(\.fireAtMs), [at(0, 20, 30), at(1, 20, 30), at(2, 20, 30)])
        let inWeek = first.plan.filter { $0.occurrenceStartMs >= at(2, 0, 0) && $0.occurrenceStartMs < at(9, 0, 0) }
        XCTAssertEqual(inWeek.count, 7)

        let declared = try anaReminders.perform(.restWeek(date: "2027-03-17", rest: true))
        XCTAssertEqual(declared.cancelled, inWeek.map(\.id).sorted())
        XCTAssertEqual(declared.armed, [])
        XCTAssertEqual(declared.plan.prefix(3).map(\.fireAtMs), [at(0, 20, 30), at(1, 20, 30), at(9, 20, 30)])
        XCTAssertGreaterThan(declared.toSend, 0, "the rest week waits for Ben")
        XCTAssertEqual(anaScheduler.shown.filter { $0.fireAtMs >= at(2, 0, 0) && $0.fireAtMs < at(9, 0, 0) }, [])
        XCTAssertEqual(try ana.open().restWeeks(), ["2027-03-15"])

        try deliver(ana)
        XCTAssertEqual(try ben.open().restWeeks(), ["2027-03-15"])
        clock.set(nowMs: at(3, 12, 0))  // Tuesday the 16th, resting
        let today = try ben.todayScreen()
        XCTAssertEqual(today.coming.map(\.resting), [true])
        XCTAssertEqual(today.coming.map(\.detail), ["in 8 h 30 min · 30 min · rest week"])

        // Calling off a week that is not a rest week: refused, untouched.
        anaScheduler.clearCalls()
        XCTAssertThrowsError(try anaReminders.perform(.restWeek(date: "2027-04-07", rest: false))) { e in
            XCTAssertEqual((e as? TandemError)?.kind, .notFound)
        }
        XCTAssertEqual(anaScheduler.calls, [])

        // Called off: the rest of the week's reminders come back.
        let off = try anaReminders.perform(.restWeek(date: "2027-03-15", rest: false))
        XCTAssertEqual(off.plan.prefix(2).map(\.fireAtMs), [at(3, 20, 30), at(4, 20, 30)])
        XCTAssertEqual(off.cancelled, [])
        XCTAssertEqual(off.armed.count, 6, "Tuesday to Sunday")
        XCTAssertEqual(try ana.open().restWeeks(), [])
        try deliver(ana)
        XCTAssertEqual(try ben.open().restWeeks(), [])
        XCTAssertEqual(try ben.todayScreen().coming.map(\.resting), [false])
    }

    // MARK: messages

    func testNotAllowedNowAndNotFoundHaveTheirOwnMessagesWithoutUserText() throws {
        let secret = try ana.open().addPersonalRitual(draft: daily("Secret-anniversary-plan"))
        let notAllowed = assertTandemError(.notAllowedNow) { try ana.open().acceptRitual(id: secret.id) }
        let notFound = assertTandemError(.notFound) { try ana.open().acceptRitual(id: "Secret-anniversary-plan") }
        let messages = try [XCTUnwrap(notAllowed), XCTUnwrap(notFound)].map { TandemMessages.message(for: $0) }
        XCTAssertEqual(messages, [TandemMessages.message(for: .notAllowedNow), TandemMessages.message(for: .notFound)])
        XCTAssertNotEqual(messages[0], messages[1])
        for message in messages {
            XCTAssertNotEqual(message, TandemMessages.message(for: .invalidInput))
            XCTAssertFalse(message.contains("Secret"), message)
            XCTAssertFalse(message.contains(secret.id), message)
        }
        XCTAssertFalse(TandemMessages.message(for: TandemError.NotAllowedNow(reason: "Secret")).contains("Secret"))
        XCTAssertFalse(TandemMessages.message(for: TandemError.NotFound(reason: "Secret")).contains("Secret"))
        XCTAssertEqual(TandemError.NotAllowedNow(reason: "r1").reason, "r1")
        XCTAssertEqual(TandemError.NotFound(reason: "r2").kind, .notFound)
    }
}
