import Foundation
import XCTest
@testable import TandemKit

/// Every action is one core call (`ReminderCoordinator.perform`): the
/// scheduler carries out exactly the outcome's reminders, cancelling first;
/// a refused action touches nothing; the outcome's words reach the caller.
final class ActionPathTests: TwoShellsTestCase {
    override var startsPaired: Bool { true }
    override var showsReminderText: Bool { true }

    /// An evening walk in effect on both phones, armed on Ana's.
    private func walk() throws -> String {
        let walk = try ana.open().proposeRitual(draft: draft("Evening walk", at: "20:30"))
        try exchange(ana, to: ben)
        _ = try ben.open().acceptRitual(id: walk.id)
        try exchange(ben, to: ana)
        try anaReminders.replan(trigger: .afterImport)
        return walk.id
    }

    private func exchange(_ from: TandemController, to: TandemController) throws {
        clock.advance(byMs: T.minute)
        for payload in try from.open().exportPayloads() { _ = try to.open().importPayload(payload: payload) }
    }

    /// The scheduler's calls are the outcome's arming, cancel first.
    private func assertCarriedOut(_ outcome: ActionOutcome, file: StaticString = #filePath, line: UInt = #line) {
        assertCarriedOut(outcome, on: anaScheduler, file: file, line: line)
    }

    func testPerformArmsAndCancelsExactlyWhatTheOutcomeSays() throws {
        let walkId = try walk()
        let planned = anaScheduler.pending.keys.sorted()
        XCTAssertFalse(planned.isEmpty)

        anaScheduler.clearCalls()
        let paused = try anaReminders.perform(.pauseRitual(id: walkId))
        XCTAssertEqual(paused.cancelled, planned)
        XCTAssertEqual(paused.armed, [])
        assertCarriedOut(paused)
        XCTAssertEqual(anaScheduler.pending, [:])

        anaScheduler.clearCalls()
        let resumed = try anaReminders.perform(.resumeRitual(id: walkId))
        XCTAssertEqual(resumed.cancelled, [])
        XCTAssertEqual(Set(resumed.armed), Set(planned))
        assertCarriedOut(resumed)

        // A snooze past the start both cancels and arms: cancelled first.
        clock.set(nowMs: at(0, 20, 25))
        anaScheduler.clearCalls()
        let snoozed = try anaReminders.perform(.snooze(ritualId: walkId, date: "2027-03-13", minutes: 15))
        XCTAssertEqual(snoozed.notice, "Reminder snoozed until 20:40.")
        XCTAssertEqual(snoozed.plan.first?.kind, .snoozed)
        XCTAssertFalse(snoozed.armed.isEmpty)
        assertCarriedOut(snoozed)
        XCTAssertEqual(anaScheduler.pending.keys.sorted(), snoozed.plan.map(\.id).sorted(), "the plan, armed")
        XCTAssertTrue(try anaReminders.replan(trigger: .afterLocalChange).changedNothing, "nothing left to do")
    }

    func testPerformReadsTheSchedulersPendingIdsAndPermission() throws {
        let walkId = try walk()
        let planned = anaScheduler.pending.keys.sorted()

        // The system dropped every pending notification: the next action's
        // outcome arms them again (the core reads what is really pending).
        anaScheduler.forgetAll()
        anaScheduler.clearCalls()
        let skipped = try anaReminders.perform(.skipOccurrence(ritualId: walkId, date: "2027-03-14"))
        XCTAssertEqual(skipped.cancelled, [])
        XCTAssertEqual(skipped.armed, skipped.plan.map(\.id))
        let tomorrow = ids(planned, on: 1)
        XCTAssertFalse(tomorrow.isEmpty)
        XCTAssertTrue(tomorrow.isDisjoint(with: skipped.armed), "not the skipped one")
        XCTAssertTrue(Set(planned).subtracting(tomorrow).isSubset(of: Set(skipped.armed)), "every other one again")
        assertCarriedOut(skipped)

        // Notifications off: planned, nothing armed, what was pending goes.
        anaScheduler.allowed = .denied
        anaScheduler.clearCalls()
        let paused = try anaReminders.perform(.pauseRitual(id: walkId))
        XCTAssertEqual(paused.armed, [])
        assertCarriedOut(paused)
        anaScheduler.clearCalls()
        let resumed = try anaReminders.perform(.resumeRitual(id: walkId))
        XCTAssertFalse(resumed.plan.isEmpty, "still planned")
        XCTAssertEqual(resumed.armed, [])
        XCTAssertEqual(resumed.reminders.notices.first?.kind, .notificationsOff)
        XCTAssertEqual(anaScheduler.calls, [])
    }

    /// The ids among `planned` whose notification belongs to day `day` (they
    /// come from the scheduler, which keeps the fire time).
    private func ids(_ planned: [String], on day: Int64) -> Set<String> {
        Set(planned.filter { id in
            guard let fire = anaScheduler.alarms[id]?.fireAtMs else { return false }
            return fire >= at(day, 0, 0) && fire < at(day + 1, 0, 0)
        })
    }

    func testARefusedActionArmsNothingAndChangesNothing() throws {
        let walkId = try walk()
        let pending = anaScheduler.pending
        let today = try ana.todayScreen()
        let toSend = try ana.open().changesToSend()
        anaScheduler.clearCalls()
        let refused: [(UserAction, ErrorKind)] = [
            (.snooze(ritualId: walkId, date: "2027-03-13", minutes: 0), .invalidInput),
            (.markDone(ritualId: walkId, date: "2027-03-14", note: nil, feeling: nil), .invalidInput),
            (.skipOccurrence(ritualId: "nope", date: "2027-03-13"), .notFound),
            (.acceptRitual(id: walkId), .notAllowedNow),
            (.endPause(id: "nope"), .notFound),
            (.restWeek(date: "2027-04-07", rest: false), .notFound),
        ]
        for (action, kind) in refused {
            assertTandemError(kind, "\(action)") { try anaReminders.perform(action) }
        }
        XCTAssertEqual(anaScheduler.calls, [], "nothing armed or cancelled")
        XCTAssertEqual(anaScheduler.pending, pending)
        XCTAssertEqual(try ana.todayScreen(), today, "nothing changed")
        XCTAssertEqual(try ana.open().changesToSend(), toSend)

        // A closed controller refuses too, before asking the scheduler.
        try ana.close()
        assertTandemError(.closed) { try anaReminders.perform(.pauseRitual(id: walkId)) }
        XCTAssertEqual(anaScheduler.calls, [])
    }

    /// A refusal is worded for what the action is about, not the screen
    /// its button was on: an agreement's answer in the agreements' words.
    func testARefusedActionIsWordedForWhatItIsAbout() throws {
        let answer = UserAction.acceptAgreement(id: "nope", version: "00000000")
        XCTAssertThrowsError(try ActionRefused.wording(answer) { try anaReminders.perform(answer) }) { e in
            let refused = e as? ActionRefused
            XCTAssertEqual(refused, ActionRefused(action: answer, kind: .notFound))
            XCTAssertEqual(TandemMessages.message(for: e, localeTag: "en"),
                           errorMessageIn(kind: .notFound, context: .agreement, localeTag: "en").text)
            XCTAssertNotEqual(TandemMessages.message(for: e, localeTag: "en"),
                              errorMessageIn(kind: .notFound, context: .ritual, localeTag: "en").text)
        }
        let skip = UserAction.skipOccurrence(ritualId: "nope", date: "2027-03-13")
        XCTAssertThrowsError(try ActionRefused.wording(skip) { try anaReminders.perform(skip) }) { e in
            XCTAssertEqual(TandemMessages.message(for: e, localeTag: "de"),
                           errorMessageIn(kind: .notFound, context: .ritual, localeTag: "de").text)
        }
        XCTAssertEqual(anaScheduler.calls, [])
    }

    func testTheNoticeAndTheChangesToSendReachTheCaller() throws {
        let walkId = try walk()
        clock.set(nowMs: at(0, 20, 45))
        let worded = try anaReminders.perform(.markDone(ritualId: walkId, date: "2027-03-13", note: "Lovely", feeling: nil))
        XCTAssertEqual(worded.notice, "Your partner will read your words after the next sync.")
        XCTAssertEqual(worded.toSend, try ana.open().changesToSend())
        XCTAssertGreaterThan(worded.toSend, 0, "the done mark waits for Ben")

        let quiet = try anaReminders.perform(.skipOccurrence(ritualId: walkId, date: "2027-03-14"))
        XCTAssertNil(quiet.notice, "the refreshed screen says it all")
        try exchange(ana, to: ben)
        try exchange(ben, to: ana)
        XCTAssertEqual(try anaReminders.perform(.pauseRitual(id: walkId)).toSend, try ana.open().changesToSend())

        // In the phone's language.
        try ben.open().setLocale(tag: "de")
        let german = try benReminders.perform(.markDone(ritualId: walkId, date: "2027-03-13", note: nil, feeling: "froh"))
        XCTAssertEqual(german.notice, "Dein Gegenüber liest deine Worte nach dem nächsten Abgleich.")
    }

    func testScreenButtonsAreActions() throws {
        let walk = try ana.open().proposeRitual(draft: draft("Evening walk", at: "20:30"))
        let phones = try ana.open().proposeAgreement(draft: AgreementDraft(title: "Phones away", text: "No phones at dinner."))
        try exchange(ana, to: ben)
        let invitations = try ben.todayScreen().invitations
        let walkItem = try XCTUnwrap(invitations.first { $0.id == walk.id })
        let walkVersion = try XCTUnwrap(walkItem.version)
        XCTAssertEqual(walkItem.button(.accept)?.perform, .acceptRitualVersion(id: walk.id, version: walkVersion))
        XCTAssertEqual(walkItem.button(.decline)?.perform, .declineRitualVersion(id: walk.id, version: walkVersion))
        XCTAssertNil(try XCTUnwrap(walkItem.button(.counter)).perform, "the form")
        XCTAssertEqual(walkItem.button(.counter)?.opens, .changeRitual(id: walk.id))
        XCTAssertEqual(walkItem.buttons.filter { ($0.perform == nil) == ($0.opens == nil) }, [], "exactly one of the two")
        let phonesHash = try XCTUnwrap(phones.pending.first?.hash)
        let phonesItem = try XCTUnwrap(invitations.first { $0.id == phones.id })
        XCTAssertEqual(phonesItem.button(.decline)?.perform, .declineAgreement(id: phones.id, version: phonesHash))
        let row = try XCTUnwrap(try ben.ritualsScreen().rows.first { $0.id == walk.id })
        XCTAssertEqual(row.button(.accept)?.perform,
                       .acceptRitualVersion(id: walk.id, version: try XCTUnwrap(row.answerVersion)))

        // Accepting through the Today item's button: in effect, armed.
        let accepted = try benReminders.perform(try XCTUnwrap(walkItem.button(.accept)?.perform))
        XCTAssertEqual(try ben.ritual(walk.id).status, .active)
        XCTAssertFalse(accepted.armed.isEmpty)
        XCTAssertEqual(benScheduler.pending.keys.sorted(), accepted.armed.sorted())
        let option = try XCTUnwrap(try ben.agreementsScreen().rows.first { $0.id == phones.id }?.options.first)
        XCTAssertEqual(option.button(.accept)?.perform, .acceptAgreement(id: phones.id, version: phonesHash))
        XCTAssertNil(try XCTUnwrap(option.button(.amend)).perform, "the form")
        XCTAssertEqual(option.button(.amend)?.opens, .amendAgreement(id: phones.id, version: phonesHash))
        try benReminders.perform(try XCTUnwrap(option.button(.decline)?.perform))
        XCTAssertEqual(try ben.agreement(phones.id).status, .declined)

        // A due occurrence's buttons (once started): done, skip, later by the screen's snooze length.
        clock.set(nowMs: at(0, 20, 35))
        let today = try ben.todayScreen()
        let occurrence = try XCTUnwrap(today.due.first)
        XCTAssertEqual(occurrence.button(.later)?.perform,
                       .snooze(ritualId: walk.id, date: occurrence.date, minutes: today.snooze.minutes))
        XCTAssertEqual(occurrence.button(.skip)?.perform, .skipOccurrence(ritualId: walk.id, date: occurrence.date))
        XCTAssertNil(occurrence.button(.accept))
    }

    /// Each kind of button pressed as the app presses it: its `perform`,
    /// taken from a real core's screen, through the coordinator.
    func testPressingTheCoresButtonsChangesTheCore() throws {
        let walkId = try walk()
        /// What the app does with a button: its action, performed (nil: a form, a failure here).
        func press(_ perform: UserAction??, file: StaticString = #filePath, line: UInt = #line) throws -> ActionOutcome {
            let button = try XCTUnwrap(perform, "the button", file: file, line: line)
            return try anaReminders.perform(try XCTUnwrap(button, "an action, not a form", file: file, line: line))
        }

        // Today: Later, then Done, on the occurrence due now (started 5 minutes ago).
        clock.set(nowMs: at(0, 20, 35))
        let due = try XCTUnwrap(try ana.todayScreen().due.first { $0.ritualId == walkId })
        let later = try press(due.button(.later).map(\.perform))
        XCTAssertEqual(later.plan.first?.kind, .snoozed, "snoozed by the screen's length")
        XCTAssertNotNil(later.notice)
        let again = try XCTUnwrap(try ana.todayScreen().due.first { $0.ritualId == walkId })
        _ = try press(again.button(.done).map(\.perform))
        let marked = try ana.todayScreen()
        XCTAssertFalse(marked.due.contains { $0.ritualId == walkId && $0.date == due.date }, "done: no longer due")
        XCTAssertTrue((marked.due + marked.coming + marked.earlier).contains { $0.ritualId == walkId && $0.status == .done })

        // The rituals screen: Pause.
        let row = try XCTUnwrap(try ana.ritualsScreen().row(id: walkId))
        let paused = try press(row.button(.pause).map(\.perform))
        XCTAssertEqual(try ana.ritual(walkId).status, .paused)
        XCTAssertEqual(anaScheduler.pending, [:], "its reminders cancelled")
        XCTAssertFalse(paused.cancelled.isEmpty)

        // An agreement's version: Accept (Ben answers Ana's proposal).
        let phones = try ana.open().proposeAgreement(draft: AgreementDraft(title: "Phones away", text: "No phones at dinner."))
        try exchange(ana, to: ben)
        let option = try XCTUnwrap(try ben.agreementsScreen().row(id: phones.id)?.options.first)
        let accept = try XCTUnwrap(option.button(.accept)?.perform)
        try benReminders.perform(accept)
        XCTAssertEqual(try ben.agreement(phones.id).status, .active)

        // The pause row: End ("I'm back").
        let length = try XCTUnwrap(try ana.pauseScreen().lengths.first)
        try anaReminders.perform(.startPause(minutes: length.minutes, note: nil))
        let pauses = try ana.pauseScreen()
        let pause = try XCTUnwrap(pauses.rows.first { $0.mine })
        XCTAssertEqual(pause.button(.extend)?.perform, .extendPause(id: pause.id, minutes: pauses.extend.minutes),
                       "extend carries the screen's minutes")
        _ = try press(pause.button(.end).map(\.perform))
        XCTAssertEqual(try ana.pauseScreen().rows.filter(\.mine), [], "no pause running")
    }

    func testActionsAndReplansFromManyThreadsDoNotInterleave() throws {
        let walkId = try walk()
        let scheduler = OverlapScheduler(anaScheduler)
        let reminders = ReminderCoordinator(controller: ana, scheduler: scheduler)
        let lock = NSLock()
        var failures: [String] = []
        DispatchQueue.concurrentPerform(iterations: 24) { i in
            do {
                switch i % 3 {
                case 0: try reminders.perform(.pauseRitual(id: walkId))
                case 1: try reminders.perform(.resumeRitual(id: walkId))
                default: try reminders.replan(trigger: .backgroundRefresh)
                }
            } catch let error as TandemError where error.kind == .notAllowedNow {
                // Pausing a paused ritual, resuming an active one.
            } catch {
                lock.lock(); failures.append("\(error)"); lock.unlock()
            }
        }
        XCTAssertEqual(failures, [])
        XCTAssertFalse(scheduler.overlapped, "one re-plan or action at a time")
        // Whatever the order, the scheduler holds exactly the core's plan.
        let settled = try reminders.replan(trigger: .afterLocalChange)
        XCTAssertTrue(settled.changedNothing, "armed: \(settled.armed), cancelled: \(settled.cancelled)")
        XCTAssertEqual(anaScheduler.pending.keys.sorted(), settled.plan.map(\.id).sorted())
    }

    // MARK: the visibility screen, cut and whole

    func testTheVisibilityScreenShowsTheNewestAndOffersEverything() throws {
        for i in 1...105 {
            clock.advance(byMs: T.minute)
            _ = try ana.open().appreciate(text: "Thank you \(i)")
        }
        let cut = try ana.visibilityScreen()
        let group = try XCTUnwrap(cut.group(.appreciation))
        XCTAssertEqual(group.rows.count, 30)
        XCTAssertEqual(group.rows.map(\.summary), (76...105).map { "Thank you \($0)" }, "the newest 30")
        XCTAssertEqual(group.more, "Only the newest 30 are shown here.")
        XCTAssertEqual(cut.audit.count, 100)
        XCTAssertEqual(cut.auditMore, "Only the newest 100 are shown here.")
        XCTAssertEqual(cut.showAll, "Show everything")
        XCTAssertNil(cut.group(.deviceName)?.more, "a kind that does not grow is never cut")

        let all = try ana.visibilityScreen(all: true)
        let whole = try XCTUnwrap(all.group(.appreciation))
        XCTAssertEqual(whole.rows.count, 105)
        XCTAssertEqual(Set(whole.rows.map(\.summary)), Set((1...105).map { "Thank you \($0)" }))
        XCTAssertNil(whole.more)
        XCTAssertGreaterThan(all.audit.count, 100)
        XCTAssertNil(all.auditMore)
        XCTAssertNil(all.showAll, "nothing left out")
        XCTAssertEqual(Array(all.audit.prefix(100)), cut.audit, "the cut is the newest of the whole")

        // A short screen is whole: nothing to show more of.
        let small = try ben.visibilityScreen()
        XCTAssertNil(small.showAll)
        XCTAssertNil(small.auditMore)
        XCTAssertEqual(small.groups.compactMap(\.more), [])
    }

    // MARK: the rituals screen's past, cut and whole

    func testTheRitualsScreensPastShowsWhatEndedMostRecentlyAndOffersEveryOne() throws {
        let title = { (i: Int) in String(format: "Idea %02d", i) }
        for i in 0...20 {
            clock.advance(byMs: T.minute)
            let idea = try ana.open().addPersonalRitual(draft: draft(title(i), at: "20:30"))
            let row = try XCTUnwrap(try ana.ritualsScreen().rows.first { $0.id == idea.id })
            let retire = try XCTUnwrap(row.buttons.first { $0.action == .retire }?.perform)
            assertCarriedOut(try anaReminders.perform(retire))
        }
        let first = try ana.ritualsScreen()
        XCTAssertEqual(first.ended.map(\.title), (1...20).reversed().map(title), "the 20 that ended most recently, newest first")
        XCTAssertEqual(first.endedMore, "Only the 20 that ended most recently are shown here.")
        XCTAssertEqual(first.showAll, "Show all past rituals")
        XCTAssertEqual(first.rows, [], "nothing in effect")

        let all = try ana.ritualsScreen(all: true)
        XCTAssertEqual(all.ended.map(\.title), (0...20).reversed().map(title), "every one, in the same order")
        XCTAssertNil(all.endedMore)
        XCTAssertNil(all.showAll, "nothing left out")
        XCTAssertEqual(Array(all.ended.prefix(20)), first.ended, "the cut is the newest of the whole")

        // Ben's past is short: whole, no note, no button.
        let small = try ben.ritualsScreen()
        XCTAssertEqual(small.ended, [])
        XCTAssertNil(small.showAll)
    }
}

/// A FakeScheduler safe to call from many threads that notes whenever two
/// calls overlap; each call lingers a moment, so unserialised callers would.
private final class OverlapScheduler: NotificationScheduler {
    private let inner: FakeScheduler
    private let counting = NSLock()
    private let using = NSLock()
    private var inside = 0
    private(set) var overlapped = false

    init(_ inner: FakeScheduler) {
        self.inner = inner
    }

    private func call<T>(_ work: () throws -> T) rethrows -> T {
        counting.lock()
        inside += 1
        overlapped = overlapped || inside > 1
        counting.unlock()
        defer {
            counting.lock()
            inside -= 1
            counting.unlock()
        }
        Thread.sleep(forTimeInterval: 0.002)
        using.lock()
        defer { using.unlock() }
        return try work()
    }

    func pendingIds() throws -> [String] { try call { try inner.pendingIds() } }
    func arm(_ alarm: Alarm) throws { try call { try inner.arm(alarm) } }
    func cancel(ids: [String]) throws { try call { try inner.cancel(ids: ids) } }
    func permission() throws -> NotificationPermission { try call { try inner.permission() } }
}
