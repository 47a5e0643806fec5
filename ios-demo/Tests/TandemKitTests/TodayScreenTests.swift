import Foundation
import XCTest
@testable import TandemKit

/// The Today screen as the core words it (`todayScreen`): due occurrences
/// (done, skip, snooze), coming ones, the ones marked since midnight,
/// invitations waiting for this phone, reviews due, the pause banner and the
/// next reminder. Ana's and Ben's controllers share one ManualClock
/// (2027-03-13 12:00Z, a Saturday) and read times in UTC.
final class TodayScreenTests: TwoShellsTestCase {
    override var showsReminderText: Bool { true }
    private func personal(_ title: String, at time: String, minutes: UInt32, trialUntil: String? = nil) throws -> Ritual {
        try anaReminders.addPersonal(RitualDraft(title: title, prompt: nil, minutes: minutes, timeOfDay: time,
                                                 zone: .floating, recurrence: nil, windowEnd: nil, leadMinutes: [],
                                                 trialUntil: trialUntil)).value
    }

    func testNothingAtAllShowsTheEmptyMessage() throws {
        let today = try ana.todayScreen()
        XCTAssertTrue(today.isEmpty)
        XCTAssertEqual(today.nowMs, T.mar13_1200Z)
        XCTAssertNil(today.pause)
        XCTAssertNil(today.nextReminder)
        XCTAssertEqual(today.empty, "Nothing for today. A quiet day is fine too.")
        XCTAssertEqual(today.snooze.minutes, 15, "what Later offers")
    }

    func testDueComingAndDoneSinceMidnight() throws {
        // Added at 06:00, before the day's first (nothing before a ritual
        // existed is due); Today is read at noon.
        clock.set(nowMs: T.mar13_0000Z + 6 * T.hour)
        let tea = try personal("Tea", at: "07:00", minutes: 10)
        let lunch = try personal("Lunch walk", at: "11:00", minutes: 30)
        let journal = try personal("Journal", at: "21:00", minutes: 15)
        clock.set(nowMs: T.mar13_1200Z)

        var today = try ana.todayScreen()
        XCTAssertFalse(today.isEmpty)
        XCTAssertEqual(today.due.map(\.ritualId), [tea.id, lunch.id])
        XCTAssertEqual(today.due.map(\.time), ["07:00", "11:00"])
        XCTAssertEqual(today.due.map(\.date), ["2027-03-13", "2027-03-13"])
        XCTAssertEqual(today.due.map(\.detail), ["started 5 h ago · 10 min", "started 1 h ago · 30 min"])
        XCTAssertEqual(today.due.map { $0.buttons.map(\.action) }, [[.done, .skip, .later], [.done, .skip, .later]])
        XCTAssertEqual(today.due.first?.buttons.map(\.label), ["Done", "Skip", "Later"])
        XCTAssertEqual(today.headings.due, "Open today")
        XCTAssertEqual(today.due.map(\.personal), [true, true])
        XCTAssertEqual(today.coming.map(\.ritualId), [journal.id, tea.id, lunch.id])
        XCTAssertEqual(today.coming.map(\.startMs), [at(0, 21, 0), at(1, 7, 0), at(1, 11, 0)])
        XCTAssertEqual(today.coming.map(\.detail), ["in 9 h · 15 min", "in 19 h · 10 min", "in 23 h · 30 min"])
        XCTAssertEqual(today.coming.map(\.buttons), [[], [], []])
        XCTAssertEqual(today.earlier, [])
        XCTAssertEqual(today.invitations, [])
        XCTAssertEqual(today.reviews, [])
        XCTAssertEqual(today.nextReminder, "Next reminder 21:00 · Journal")

        // A snoozed tea reminder comes back in 10 minutes: the next one now.
        let snoozed = try anaReminders.perform(.snooze(ritualId: tea.id, date: "2027-03-13", minutes: 10))
        XCTAssertEqual(snoozed.notice, "Reminder snoozed until 12:10.")
        XCTAssertEqual(try ana.todayScreen().nextReminder, "Next reminder 12:10 · Tea")

        // A rest week rests the couple's shared rituals, never one's own:
        // these personal ones stay due and coming, with their reminders.
        try anaReminders.perform(.restWeek(date: "2027-03-13", rest: true))
        today = try ana.todayScreen()
        XCTAssertEqual(today.due.map(\.ritualId), [tea.id, lunch.id])
        XCTAssertEqual(today.coming.map(\.detail), ["in 9 h · 15 min", "in 19 h · 10 min", "in 23 h · 30 min"])
        XCTAssertEqual(today.coming.map(\.resting), [false, false, false])
        XCTAssertEqual(today.nextReminder, "Next reminder 12:10 · Tea")
        try anaReminders.perform(.restWeek(date: "2027-03-13", rest: false))

        // Tomorrow's tea cannot be done yet, on the device's clock.
        assertTandemError(.invalidInput, "done for tomorrow") {
            try ana.open().markDone(ritualId: tea.id, date: "2027-03-14", note: nil, feeling: nil, deviceZone: ana.deviceZone())
        }
        // Marked ones move to "done", quietly, in start order.
        XCTAssertNil(try anaReminders.perform(.skipOccurrence(ritualId: lunch.id, date: "2027-03-13")).notice)
        let done = try anaReminders.perform(.markDone(ritualId: tea.id, date: "2027-03-13", note: "Green tea", feeling: "calm"))
        XCTAssertEqual(done.notice, "Your words stay on this phone.", "a personal ritual's words")
        today = try ana.todayScreen()
        XCTAssertEqual(today.due, [])
        XCTAssertEqual(today.earlier.map(\.ritualId), [tea.id, lunch.id])
        XCTAssertEqual(today.earlier.map(\.status), [.done, .skipped])
        XCTAssertEqual(today.earlier.map(\.detail), ["Done", "Skipped"])
        XCTAssertEqual(today.earlier.map(\.said), [["You: calm · “Green tea”"], []])
        XCTAssertEqual(today.earlier.map(\.buttons), [[], []])
        XCTAssertEqual(today.coming.count, 3)

        // Hidden notification text: the reminder line hides the title too.
        _ = try anaReminders.change { t, _ in try t.setReminderSettings(settings: ReminderSettings(quiet: nil, hideContent: true)) }
        XCTAssertEqual(try ana.todayScreen().nextReminder, "Next reminder 21:00 · Tandem")
    }

    func testInvitationsReviewsAndPauses() throws {
        try pairDevices(offerer: ana.open(), answerer: ben.open())
        let walk = try ana.open().proposeRitual(draft: RitualDraft(title: "Evening walk", prompt: nil, minutes: 30, timeOfDay: "20:30", zone: .floating))
        let phones = try ana.open().proposeAgreement(draft: AgreementDraft(title: "Phones away", text: "No phones at dinner."))
        let pausing = try ana.open().proposeAgreement(draft: AgreementDraft(title: "Pausing", text: "Either of us may pause.",
                                                                pauseProtocol: nil, reviewOn: "2027-03-14"))
        XCTAssertEqual(try ana.todayScreen().invitations, [], "Ana's own proposals wait for Ben")
        try deliver(ana)

        var atBen = try ben.todayScreen()
        let phonesHash = try XCTUnwrap(phones.pending.first?.hash)
        XCTAssertEqual(atBen.invitations.map(\.id), [walk.id, phones.id, pausing.id])
        XCTAssertEqual(atBen.invitations.map(\.kind), [.ritual, .agreement, .agreement])
        XCTAssertEqual(Set(atBen.invitations.map(\.key)).count, 3)
        XCTAssertEqual(atBen.invitations.map(\.headline), [
            "Ana's phone proposed a ritual", "Ana's phone proposed an agreement", "Ana's phone proposed an agreement",
        ])
        XCTAssertEqual(atBen.invitations.map(\.title), ["Evening walk", "Phones away", "Pausing"])
        XCTAssertEqual(atBen.invitations.map(\.detail), ["20:30 · 30 min · every day", "No phones at dinner.",
                                                          "Either of us may pause."])
        XCTAssertEqual(atBen.invitations.map { $0.buttons.map(\.action) },
                       [[.accept, .decline, .counter], [.accept, .decline], [.accept, .decline]])
        XCTAssertEqual(atBen.invitations[1].version, phonesHash)
        XCTAssertTrue(atBen.invitations[0].reads.contains("title: “Evening walk”"), "\(atBen.invitations[0].reads)")
        XCTAssertEqual(atBen.due + atBen.coming, [], "a proposal is an invitation, not due")

        // Ben suggests another time and signs the pause agreement; Ana sees
        // the suggestion as hers to answer.
        try ben.open().counterRitual(id: walk.id, title: "Evening walk", minutes: 45, timeOfDay: "21:00", zone: .floating)
        try benReminders.perform(try XCTUnwrap(atBen.invitations[2].button(.accept)?.perform))
        XCTAssertEqual(try ben.agreement(pausing.id).status, .active)
        atBen = try ben.todayScreen()
        XCTAssertEqual(atBen.invitations.map(\.title), ["Phones away"])
        try deliver(ben)
        let atAna = try ana.todayScreen()
        XCTAssertEqual(atAna.invitations.map(\.headline), ["Ben's phone suggested another time"])
        XCTAssertEqual(atAna.invitations.map(\.detail), ["21:00 · 45 min · every day"])

        // Ana takes a pause: her banner and, once synced, Ben's.
        try anaReminders.perform(.startPause(minutes: 30, note: nil))
        let pause = try XCTUnwrap(try ana.open().pauses().first)
        let back = PauseScreen.clockTime(pause.returnAtMs, zone: "UTC")
        XCTAssertEqual(try ana.todayScreen().pause?.text, "You are taking a pause, back at \(back)")
        XCTAssertEqual(try ana.todayScreen().pause?.buttons.map(\.action), [.extend, .end])
        try deliver(ana)
        XCTAssertEqual(try ben.todayScreen().pause?.text, "Your partner needs a pause, back at \(back)")
        XCTAssertEqual(try ben.todayScreen().pause?.buttons, [])
        try anaReminders.perform(.endPause(id: pause.id))
        XCTAssertNil(try ana.todayScreen().pause)

        // The next day the agreement's review is due on both phones, and a
        // personal trial's on Ana's.
        let stretch = try personal("Stretching", at: "07:30", minutes: 10, trialUntil: "2027-03-14")
        clock.set(nowMs: at(1, 9, 0))
        let reviews = try ana.todayScreen().reviews
        XCTAssertEqual(reviews.map(\.id), [stretch.id, pausing.id])
        XCTAssertEqual(reviews.map(\.headline), ["Time to look back: tried until Sun 14 Mar",
                                                 "Time to revisit (review on Sun 14 Mar)"])
        XCTAssertEqual(reviews.map { $0.buttons.map(\.action) }, [[.keep, .adjust, .stop], [.keep, .amend, .letGo]])
        XCTAssertEqual(reviews.map(\.personal), [true, false])
        XCTAssertEqual(try ben.todayScreen().reviews.map(\.title), ["Pausing"])
    }

    func testMarkingDoneEarlyThroughTheCoordinatorCancelsItsReminder() throws {
        let scheduler = FakeScheduler(clock: clock)
        let reminders = ReminderCoordinator(controller: ana, scheduler: scheduler)
        let journal = try reminders.addPersonal(RitualDraft(title: "Journal", prompt: nil, minutes: 15, timeOfDay: "21:00",
                                                           zone: .floating)).value
        XCTAssertEqual(scheduler.shown.first?.fireAtMs, at(0, 21, 0))
        XCTAssertEqual(try ana.todayScreen().nextReminder, "Next reminder 21:00 · Journal")

        let row = try XCTUnwrap(try ana.todayScreen().coming.first)
        // Coming rows show no buttons (only due ones do); the action is the one Done performs.
        let changed = try reminders.perform(.markDone(ritualId: row.ritualId, date: row.date, note: nil, feeling: nil))
        XCTAssertNil(changed.notice, "no words, nothing to say")
        XCTAssertEqual(changed.cancelled.count, 1)
        XCTAssertEqual(scheduler.shown.first?.fireAtMs, at(1, 21, 0), "tonight's reminder went")
        let today = try ana.todayScreen()
        XCTAssertEqual(today.earlier.map(\.detail), ["Done"])
        XCTAssertEqual(today.coming.map(\.startMs), [], "tomorrow's 21:00 is past the 24 h window")
        XCTAssertEqual(today.nextReminder, "Next reminder tomorrow 21:00 · Journal", "the day, when it is not today")
        assertTandemError(.notFound) { try reminders.perform(.skipOccurrence(ritualId: "nope", date: "2027-03-13")) }
    }
}
