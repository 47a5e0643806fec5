import Foundation
import XCTest
@testable import TandemKit

/// The shell over agreements, pauses and boundaries: the controller's calls,
/// `AgreementsScreen` and `PauseScreen` from each phone's side, and the
/// `ReminderCoordinator` re-planning after pause and agreement changes.
/// Ana's and Ben's controllers share one ManualClock (2027-03-13 12:00Z),
/// read times in UTC, are paired and sync through `FileSyncTransport`. Each
/// phone's reminders go to its own `FakeScheduler`.
final class AgreementsPauseShellTests: TwoShellsTestCase {
    override var showsReminderText: Bool { true }
    override var startsPaired: Bool { true }

    /// Words a pause or an agreement is never described with.
    static let blameWords = ["late", "missed", "failed", "fail", "violation", "violated", "broke", "overdue"]

    // MARK: helpers

    /// A minute later, everything `from` has for its partner, imported on
    /// the other phone, which then re-plans (`.afterImport`).
    @discardableResult
    private func sync(_ from: TandemController, file: StaticString = #filePath, line: UInt = #line) throws -> ReplanReport {
        clock.advance(byMs: T.minute)
        let (out, into, to, reminders) = from === ana
            ? (anaFiles!, benFiles!, ben!, benReminders!) : (benFiles!, anaFiles!, ana!, anaReminders!)
        XCTAssertFalse(try out.send(from.open().exportPayloads()).isEmpty, file: file, line: line)
        XCTAssertEqual(try to.syncIn(through: into).failed, [], file: file, line: line)
        return try reminders.replan(trigger: .afterImport)
    }

    private func assertNoBlame(_ texts: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(texts.isEmpty, file: file, line: line)
        for text in texts {
            let words = text.lowercased().split { !$0.isLetter }.map(String.init)
            for word in Self.blameWords {
                XCTAssertFalse(words.contains(word), "\"\(text)\" says \"\(word)\"", file: file, line: line)
            }
        }
    }

    /// Every word the core shows on the agreements screen.
    private func screenTexts(_ s: AgreementsScreen) -> [String] {
        var texts: [String] = s.empty.map { [$0] } ?? []
        for r in s.rows + s.ended {
            texts.append(r.status)
            texts += r.inEffect
            texts += r.reviewNote.map { [$0] } ?? []
            texts += r.buttons.map(\.label)
            texts += r.history.map(\.text)
            for o in r.options {
                texts += [o.label, o.status]
                texts += o.reads + o.changes
                texts += o.buttons.map(\.label)
            }
        }
        return texts
    }

    private func pauseReturns(_ s: FakeScheduler) -> [FakeScheduler.Shown] {
        s.shown.filter { $0.title == "Time to reconnect" || $0.title == "Your partner is coming back" }
    }

    // MARK: agreements

    func testTheAgreementsScreenShowsEachSideOfTheTwoSignatureFlow() throws {
        let draft = AgreementDraft(title: "Phones away", text: "No phones at the dinner table.")
        let id = try ana.open().proposeAgreement(draft: draft).id
        let v1 = try XCTUnwrap(try ana.open().agreements().first?.pending.first?.hash)

        var screen = try ana.agreementsScreen()
        XCTAssertEqual(screen.rows.map(\.id), [id])
        var row = try XCTUnwrap(screen.row(id: id))
        XCTAssertEqual(row.status, "Waiting for your partner")
        XCTAssertEqual(row.title, "Phones away")
        XCTAssertEqual(row.inEffect, [])
        XCTAssertEqual(row.options.map(\.version), [v1])
        XCTAssertEqual(row.options.map(\.label), ["Your suggestion"])
        XCTAssertEqual(row.options.map { $0.buttons.map(\.action) }, [[.amend]], "no answer to one's own")
        XCTAssertEqual(row.buttons.map(\.action), [.withdraw])
        XCTAssertEqual(row.history.map(\.text), ["You proposed “Phones away”"])
        XCTAssertEqual(screen.answersWaiting, 0)

        try sync(ana)
        screen = try ben.agreementsScreen()
        row = try XCTUnwrap(screen.row(id: id))
        XCTAssertEqual(row.status, "Waiting for your answer")
        XCTAssertEqual(row.options.map(\.label), ["Your partner's suggestion"])
        XCTAssertEqual(row.options.first?.buttons.map(\.label), ["Accept", "Decline", "Suggest a change"])
        XCTAssertEqual(row.options.first?.buttons.map(\.action), [.accept, .decline, .amend])
        XCTAssertEqual(row.history.map(\.text), ["Your partner proposed “Phones away”"])
        XCTAssertEqual(screen.answersWaiting, 1)

        // Ben suggests a change, built on the version waiting.
        var change = try XCTUnwrap(try ben.open().agreements().first?.pending.first?.draft)
        XCTAssertEqual(change, draft, "a version as a draft to edit")
        change.text = "No phones at the dinner table, except on call nights."
        let amended = try ben.open().amendAgreement(id: id, parentHash: v1, draft: change)
        let v2 = try XCTUnwrap(amended.pending.first { $0.byMe }?.hash)
        row = try XCTUnwrap(try ben.agreementsScreen().row(id: id))
        XCTAssertEqual(row.status, "Waiting for your partner", "Ben answered with a suggestion")
        XCTAssertEqual(row.options.map(\.version), [v1, v2], "side by side, oldest first")
        XCTAssertEqual(row.options.map(\.label), ["Your partner's suggestion", "Your suggestion"])
        XCTAssertEqual(row.options.first?.status, "You suggested a change to it")
        XCTAssertEqual(row.options.first?.buttons.map(\.action), [.accept, .decline, .amend], "still answerable")

        try sync(ben)
        row = try XCTUnwrap(try ana.agreementsScreen().row(id: id))
        XCTAssertEqual(row.status, "Waiting for your answer")
        XCTAssertEqual(row.options.count, 2)
        let theirs = try XCTUnwrap(row.options.first { $0.version == v2 })
        XCTAssertEqual(theirs.label, "Your partner's suggestion")
        XCTAssertTrue(theirs.reads.contains("text: “No phones at the dinner table, except on call nights.”"))
        XCTAssertEqual(theirs.buttons.map(\.action), [.accept, .decline, .amend])
        XCTAssertEqual(theirs.changes,
                       ["text: “No phones at the dinner table, except on call nights.” instead of “No phones at the dinner table.”"],
                       "what Ben's version changes against the one it amends")
        XCTAssertEqual(theirs.reads.first { $0.hasPrefix("pause protocol") }, "pause protocol: none",
                       "read whole, the fields it does not have included")
        XCTAssertEqual(row.options.first { $0.version == v1 }?.changes, [], "a first proposal is read whole")
        XCTAssertEqual(row.options.first { $0.version == v1 }?.status, "Waiting for your partner", "Ana's own version")

        // Ana accepts Ben's version through the coordinator: in effect.
        let accepted = try anaReminders.perform(.acceptAgreement(id: id, version: v2))
        XCTAssertEqual(try ana.agreement(id).status, .active)
        XCTAssertNil(accepted.notice)
        XCTAssertEqual(accepted.toSend, try ana.open().changesToSend(), "the answer waits for Ben")
        XCTAssertGreaterThan(accepted.toSend, 0)
        row = try XCTUnwrap(try ana.agreementsScreen().row(id: id))
        XCTAssertEqual(row.status, "In effect")
        XCTAssertEqual(row.text, "No phones at the dinner table, except on call nights.")
        XCTAssertTrue(row.inEffect.contains("text: “No phones at the dinner table, except on call nights.”"))
        XCTAssertEqual(row.amendOn, v2)
        XCTAssertEqual(row.options, [])
        XCTAssertEqual(row.buttons.map(\.action), [.amend, .withdraw])
        XCTAssertEqual(row.history.map(\.text), [
            "You proposed “Phones away”",
            "Your partner suggested a change: “Phones away”",
            "You accepted “Phones away”",
        ])
        try sync(ana)
        assertTandemError(.notAllowedNow, "accepting the superseded version 1") {
            try ben.open().acceptAgreement(id: id, versionHash: v1)
        }
        row = try XCTUnwrap(try ben.agreementsScreen().row(id: id))
        XCTAssertEqual(row.status, "In effect")
        XCTAssertEqual(row.history.map(\.text), [
            "Your partner proposed “Phones away”",
            "You suggested a change: “Phones away”",
            "Your partner accepted “Phones away”",
        ])
        XCTAssertEqual(try ana.open().agreementHistory(id: id).head, try ben.open().agreementHistory(id: id).head)

        // Ben withdraws: ended on both, by its title; nobody is named.
        try benReminders.perform(.withdrawAgreement(id: id))
        XCTAssertEqual(try ben.agreement(id).status, .withdrawn)
        try sync(ben)
        screen = try ana.agreementsScreen()
        XCTAssertEqual(screen.rows.map(\.id), [])
        row = try XCTUnwrap(screen.row(id: id))
        XCTAssertEqual([row.status, row.title], ["Withdrawn", "Phones away"])
        XCTAssertEqual(row.inEffect, [])
        XCTAssertEqual(row.options, [])
        XCTAssertEqual(row.buttons, [])
        XCTAssertEqual(row.history.last?.text, "Withdrawn: “Phones away”")
        XCTAssertEqual(try ben.agreementsScreen().row(id: id)?.history.last?.text, "Withdrawn: “Phones away”")
        // (A change that changes something: the form's own check of an
        // unchanged version would speak first.)
        var later = change
        later.text = "No phones after nine."
        assertTandemError(.notAllowedNow, "amending a withdrawn agreement") {
            try ana.open().amendAgreement(id: id, parentHash: v2, draft: later)
        }

        // A declined proposal goes to the past list; nothing says who said no.
        let other = try ben.open().proposeAgreement(draft: AgreementDraft(title: "Chores", text: "We split the chores by week."))
        try sync(ben)
        let otherHash = try XCTUnwrap(other.pending.first?.hash)
        XCTAssertEqual(try ana.agreementsScreen().rows.map(\.id), [other.id])
        try anaReminders.perform(.declineAgreement(id: other.id, version: otherHash))
        XCTAssertEqual(try ana.agreement(other.id).status, .declined)
        try sync(ana)
        for c in [ana!, ben!] {
            let s = try c.agreementsScreen()
            XCTAssertEqual(s.rows.map(\.id), [])
            XCTAssertEqual(s.ended.map(\.status), ["Withdrawn", "Not going ahead"])
            XCTAssertEqual(s.empty, "No agreements yet. Write one down together.")
            assertNoBlame(screenTexts(s))
        }
    }

    func testConcurrentAmendmentsAreShownSideBySideOnBothScreens() throws {
        let draft = AgreementDraft(title: "Phones away", text: "No phones at the dinner table.")
        let id = try ana.open().proposeAgreement(draft: draft).id
        try sync(ana)
        let v1 = try XCTUnwrap(try ben.open().agreements().first?.pending.first?.hash)
        var anas = draft
        anas.text = "A basket by the door for phones."
        var bens = draft
        bens.text = "Phones face down at dinner."
        _ = try ana.open().amendAgreement(id: id, parentHash: v1, draft: anas)
        _ = try ben.open().amendAgreement(id: id, parentHash: v1, draft: bens)
        try sync(ana)
        try sync(ben)
        let orders = try [ana!, ben!].map { try XCTUnwrap($0.agreementsScreen().row(id: id)).options.map(\.version) }
        XCTAssertEqual(orders[0], orders[1], "the same order on both phones")
        for (name, c) in [("Ana", ana!), ("Ben", ben!)] {
            let row = try XCTUnwrap(try c.agreementsScreen().row(id: id), name)
            XCTAssertEqual(row.options.count, 3, name)
            XCTAssertEqual(Set(row.options.flatMap(\.reads).filter { $0.hasPrefix("text:") }),
                           ["text: “No phones at the dinner table.”", "text: “A basket by the door for phones.”",
                            "text: “Phones face down at dinner.”"],
                           name)
            // Each answers the other's amendment; its own waits for the partner.
            XCTAssertEqual(row.options.filter { $0.status == "Waiting for your answer" }.count, 1, name)
            XCTAssertEqual(row.options.filter(\.mine).map { $0.buttons.map(\.action) }.flatMap { $0 }.contains(.accept), false, name)
            XCTAssertEqual(row.history.filter { $0.text.contains("suggested a change") }.count, 2, name)
        }
    }

    func testAcceptingAReviewDateArmsItsReminderAndKeepingItDisarmsIt() throws {
        let draft = AgreementDraft(title: "Sunday check-in", text: "We talk about the week on Sundays.",
                                   reviewOn: "2027-03-20")
        let id = try ben.open().proposeAgreement(draft: draft).id
        let hash = try XCTUnwrap(try ben.open().agreements().first?.pending.first?.hash)
        try sync(ben)
        XCTAssertEqual(anaScheduler.shown, [])

        let accepted = try anaReminders.perform(.acceptAgreement(id: id, version: hash))
        XCTAssertEqual(accepted.armed.count, 1)
        let armed = try XCTUnwrap(anaScheduler.shown.first)
        XCTAssertEqual(anaScheduler.shown.count, 1)
        XCTAssertEqual(armed.fireAtMs, at(7, 19, 0))
        XCTAssertEqual(armed.title, "Time to revisit: Sunday check-in")
        XCTAssertEqual(accepted.plan.map(\.kind), [.agreementReview])
        try sync(ana)
        XCTAssertEqual(benScheduler.shown.map(\.title), ["Time to revisit: Sunday check-in"], "armed on import")
        XCTAssertEqual(benScheduler.shown.map(\.fireAtMs), [at(7, 19, 0)])

        // On its day the row offers a review; keeping it disarms the reminder.
        clock.set(nowMs: at(7, 9, 0))
        var row = try XCTUnwrap(try ana.agreementsScreen().row(id: id))
        XCTAssertTrue(row.reviewDue)
        XCTAssertEqual(row.buttons.map(\.action), [.keep, .amend, .letGo])
        XCTAssertEqual(row.buttons.map(\.label), ["Keep it", "Suggest a change", "Let it go"])
        XCTAssertEqual(try ana.open().agreementReviewsDue(deviceZone: ana.deviceZone()).map(\.id), [id])
        let kept = try anaReminders.perform(.keepAgreement(id: id))
        XCTAssertTrue(try ana.agreement(id).reviewed)
        XCTAssertEqual(kept.cancelled, [armed.id])
        XCTAssertEqual(anaScheduler.shown, [])
        row = try XCTUnwrap(try ana.agreementsScreen().row(id: id))
        XCTAssertFalse(row.reviewDue)
        XCTAssertEqual(row.history.last?.text, "You looked back and kept “Sunday check-in”")

        // Ben, who has not heard of the keep, withdraws it: his reminder goes.
        XCTAssertEqual(benScheduler.shown.count, 1)
        let withdrawn = try benReminders.perform(.withdrawAgreement(id: id))
        XCTAssertEqual(withdrawn.cancelled.count, 1)
        XCTAssertEqual(benScheduler.shown, [])

        // A refused change leaves the scheduler alone.
        anaScheduler.clearCalls()
        XCTAssertThrowsError(try anaReminders.perform(.keepAgreement(id: id))) { e in
            XCTAssertEqual((e as? TandemError)?.kind, .notAllowedNow)
        }
        XCTAssertEqual(anaScheduler.calls, [])
    }

    // MARK: pauses

    func testThePauseScreenAndItsReminderOnBothPhones() throws {
        clock.set(nowMs: at(0, 20, 50))
        XCTAssertTrue(try ana.pauseScreen().isEmpty)
        XCTAssertNil(try ana.pauseScreen().headline)

        let started = try anaReminders.perform(.startPause(minutes: 20, note: "Need some air"))
        let pauseId = try XCTUnwrap(try ana.open().pauses().first?.id)
        XCTAssertEqual(try ana.pause(pauseId).returnAtMs, at(0, 21, 10))
        XCTAssertEqual(started.armed.count, 1)
        XCTAssertEqual(pauseReturns(anaScheduler), [FakeScheduler.Shown(
            id: started.armed[0], fireAtMs: at(0, 21, 10),
            title: "Time to reconnect", body: "You said you'd be back at 21:10")])
        var mine = try ana.pauseScreen()
        XCTAssertEqual(mine.headline, "You are taking a pause, back at 21:10")
        XCTAssertEqual(mine.rows.map(\.returnTime), ["21:10"])
        XCTAssertEqual(mine.rows.map(\.note), ["Need some air"])
        XCTAssertEqual(mine.rows.map(\.canExtend), [true])
        XCTAssertEqual(mine.rows.map(\.canEnd), [true])
        XCTAssertEqual(mine.rows.first?.buttons.map(\.label), ["A little more time", "I'm back"], "the core's labels")

        // Ben's phone after a sync: the pause, his own words, his reminder.
        let onBenImport = try sync(ana)
        XCTAssertEqual(onBenImport.armed.count, 1)
        XCTAssertEqual(pauseReturns(benScheduler).map(\.title), ["Your partner is coming back"])
        XCTAssertEqual(pauseReturns(benScheduler).map(\.body), ["Back at 21:10"])
        XCTAssertEqual(pauseReturns(benScheduler).map(\.fireAtMs), [at(0, 21, 10)])
        var theirs = try ben.pauseScreen()
        XCTAssertEqual(theirs.headline, "Your partner needs a pause, back at 21:10")
        XCTAssertEqual(theirs.rows.map(\.mine), [false])
        XCTAssertEqual(theirs.rows.map(\.note), ["Need some air"])
        XCTAssertEqual(theirs.rows.map(\.canEnd), [false])
        XCTAssertEqual(theirs.rows.map(\.canExtend), [false])

        // Only Ana may end it; Ben's attempt leaves his scheduler alone.
        benScheduler.clearCalls()
        XCTAssertThrowsError(try benReminders.perform(.endPause(id: pauseId))) { e in
            XCTAssertEqual((e as? TandemError)?.kind, .notAllowedNow)
        }
        XCTAssertEqual(benScheduler.calls, [])

        // Extended once: the reminder moves.
        let extended = try anaReminders.perform(.extendPause(id: pauseId, minutes: 10))
        XCTAssertEqual(try ana.pause(pauseId).returnAtMs, at(0, 21, 20))
        XCTAssertEqual(extended.cancelled, started.armed)
        XCTAssertEqual(pauseReturns(anaScheduler).map(\.body), ["You said you'd be back at 21:20"])
        mine = try ana.pauseScreen()
        XCTAssertEqual(mine.headline, "You are taking a pause, back at 21:20")
        XCTAssertEqual(mine.rows.map(\.canExtend), [false], "extended once")
        XCTAssertThrowsError(try anaReminders.perform(.extendPause(id: pauseId, minutes: 10))) { e in
            XCTAssertEqual((e as? TandemError)?.kind, .notAllowedNow)
        }

        // Ended before the return: the reminder is cancelled on Ana's phone,
        // and on Ben's once synced.
        clock.set(nowMs: at(0, 21, 0))
        let ended = try anaReminders.perform(.endPause(id: pauseId))
        XCTAssertEqual(try ana.pause(pauseId).kept, true)
        XCTAssertEqual(ended.cancelled, extended.armed)
        XCTAssertEqual(pauseReturns(anaScheduler), [])
        XCTAssertTrue(try ana.pauseScreen().isEmpty)
        let onBenEnd = try sync(ana)
        XCTAssertEqual(onBenEnd.cancelled.count, 1)
        XCTAssertEqual(pauseReturns(benScheduler), [])
        XCTAssertEqual(try ben.open().pauses().first?.state, .ended)
        XCTAssertNil(try ben.open().pauses().first?.kept, "only the starter sees whether it was kept")
        XCTAssertTrue(try ben.pauseScreen().isEmpty)
    }

    func testAReturnThatCameIsTimeToReconnectNeverBlame() throws {
        clock.set(nowMs: at(0, 20, 50))
        try anaReminders.perform(.startPause(minutes: nil, note: nil))
        let pause = try XCTUnwrap(try ana.open().pauses().first)
        XCTAssertEqual(pause.returnAtMs, at(0, 21, 10), "20 minutes without a pause agreement")
        try sync(ana)
        var texts: [String] = try [ana.pauseScreen(), ben.pauseScreen()].compactMap(\.headline)

        clock.set(nowMs: at(0, 21, 30))
        let mine = try ana.pauseScreen()
        XCTAssertEqual(mine.headline, "Time to reconnect")
        XCTAssertEqual(mine.rows.map(\.state), [.timeToReconnect])
        XCTAssertEqual(mine.rows.map(\.canEnd), [true])
        let theirs = try ben.pauseScreen()
        XCTAssertEqual(theirs.headline, "Your partner needs a pause, back at 21:10")
        XCTAssertEqual(theirs.rows.map(\.state), [.running])
        texts += [mine, theirs].compactMap(\.headline)

        let ended = try ana.open().endPause(id: pause.id)
        XCTAssertEqual(ended.kept, false)
        try sync(ana)
        XCTAssertTrue(try ana.pauseScreen().isEmpty)
        XCTAssertTrue(try ben.pauseScreen().isEmpty, "an ended pause leaves the screen, however it ended")
        XCTAssertNil(try ben.open().pauses().first?.kept, "only the starter sees whether it was kept")

        XCTAssertEqual(texts, [
            "You are taking a pause, back at 21:10", "Your partner needs a pause, back at 21:10",
            "Time to reconnect", "Your partner needs a pause, back at 21:10",
        ])
        assertNoBlame(texts + ["Time to reconnect"])
    }

    // How a pause's return reads on the device's clock (zones, days, the
    // repeated autumn hour) is the core's: screens::pause, tested there.

    // MARK: boundaries

    func testBoundariesThroughTheController() throws {
        let shared = try ana.open().addBoundary(text: "I need a quiet hour after work.", shared: true)
        let secret = try ana.open().addBoundary(text: "Private: I journal about us.", shared: false)
        XCTAssertFalse(secret.shared, "private unless shared")
        try sync(ana)
        XCTAssertEqual(try ben.open().boundaries().map(\.id), [shared.id])
        XCTAssertEqual(try ben.open().boundaries().map(\.mine), [false])
        XCTAssertThrowsError(try ben.open().editBoundary(id: shared.id, text: "Mine now")) { e in
            XCTAssertEqual((e as? TandemError)?.kind, .notAllowedNow)
            XCTAssertEqual(TandemMessages.message(for: e), TandemMessages.message(for: .notAllowedNow))
        }
        XCTAssertEqual(try ana.open().shareBoundary(id: secret.id, shared: true).shared, true)
        XCTAssertEqual(try ana.open().editBoundary(id: secret.id, text: "I journal about us.").text, "I journal about us.")
        try sync(ana)
        XCTAssertEqual(try ben.open().boundaries().map(\.text), ["I need a quiet hour after work.", "I journal about us."])
        try ana.open().retireBoundary(id: shared.id)
        try sync(ana)
        XCTAssertEqual(try ben.open().boundaries().map(\.text), ["I journal about us."])
    }
}
