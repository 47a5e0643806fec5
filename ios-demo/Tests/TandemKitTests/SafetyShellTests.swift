import Foundation
import XCTest
@testable import TandemKit

/// A fake of the platform's authentication (LAContext in the app): counts
/// the asks and answers `answer`, at once, or on `finish` when `later`.
final class FakeAuthenticator: UserAuthenticator {
    var answer: Bool
    var later = false
    private(set) var reasons: [String] = []
    private var waiting: ((Bool) -> Void)?

    init(answer: Bool) {
        self.answer = answer
    }

    var asked: Int { reasons.count }

    func authenticate(reason: String, completion: @escaping (Bool) -> Void) {
        reasons.append(reason)
        if later { waiting = completion } else { completion(answer) }
    }

    /// Answers the prompt still showing.
    func finish(_ ok: Bool) {
        let w = waiting
        waiting = nil
        w?(ok)
    }
}

/// Safe when someone else holds the phone, and leaving cleanly: the
/// forgotten pause, quiet notifications, both partners' words on a done
/// occurrence, the app lock with a fake authenticator, and the clean exit
/// after unpairing, through TandemKit and the real bindings (one ManualClock,
/// Ana and Ben paired, UTC, from 2027-03-13 12:00Z).
final class SafetyShellTests: TwoShellsTestCase {
    override var startsPaired: Bool { true }

    private let passphrase = "a passphrase long enough"

    private func sync(_ from: TandemController, file: StaticString = #filePath, line: UInt = #line) throws {
        let (out, into, to) = from === ana ? (anaFiles!, benFiles!, ben!) : (benFiles!, anaFiles!, ana!)
        XCTAssertFalse(try out.send(from.open().exportPayloads()).isEmpty, file: file, line: line)
        XCTAssertEqual(try to.syncIn(through: into).failed, [], file: file, line: line)
    }

    private func newest(_ c: TandemController) throws -> AuditChange? {
        try c.visibilityScreen().audit.first?.change
    }

    // MARK: the partner's forgotten pause

    func testThePartnersForgottenPauseLeavesTodayAfter24HoursWhileTheStarterStillSeesTimeToReconnect() throws {
        let pause = try ana.open().startPause(minutes: 20, note: "A walk")
        try sync(ana)
        let onBen = try XCTUnwrap(try ben.open().pauses().first)
        XCTAssertEqual([onBen.mine, onBen.state == .running, onBen.kept == nil], [false, true, true])
        XCTAssertEqual([try ben.todayScreen().pause?.id], [pause.id])

        clock.set(nowMs: pause.startedAtMs + T.day - T.minute)
        XCTAssertEqual(try ben.open().pauses().first?.state, .running, "a minute before 24 hours")
        XCTAssertEqual([try ben.todayScreen().pause?.id], [pause.id])
        XCTAssertEqual(try ben.todayScreen().pause?.text, "Your partner needs a pause, back at Sat 13 Mar 12:20",
                       "the promised time keeps its day once that day is past")

        clock.set(nowMs: pause.startedAtMs + T.day + T.minute)
        let forgotten = try XCTUnwrap(try ben.open().pauses().first)
        XCTAssertEqual(forgotten.state, .ended, "over on Ben's phone after 24 hours")
        XCTAssertNil(forgotten.kept, "never called kept or not on the partner's phone")
        XCTAssertNil(forgotten.endedAtMs)
        XCTAssertEqual(try ben.todayScreen().pause, nil, "gone from today's pauses")
        XCTAssertNil(try ben.todayScreen().pause)
        XCTAssertTrue(try ben.pauseScreen().isEmpty)

        let mine = try XCTUnwrap(try ana.open().pauses().first)
        XCTAssertEqual(mine.state, .timeToReconnect, "Ana still sees time to reconnect")
        XCTAssertNil(mine.kept)
        XCTAssertEqual(try ana.pauseScreen().headline, "Time to reconnect")
        XCTAssertEqual(try ana.todayScreen().pause?.buttons.map(\.action).contains(.end), true)
    }

    // MARK: quiet notifications

    func testNotificationsAreQuietByDefaultAndTheirContentCarriesNothingOfTheRitual() throws {
        XCTAssertEqual(try ana.open().reminderSettings(), ReminderSettings(quiet: nil, hideContent: true), "a new install")
        let stretch = try anaReminders.addPersonal(RitualDraft(
            title: "Secret stretch", prompt: nil, minutes: 10, timeOfDay: "20:30", zone: .floating,
            recurrence: Recurrence(repeat: .daily, startDate: "2027-03-13", untilDate: nil, count: 1),
            leadMinutes: [10, 0])).value
        let walkId = try ana.open().proposeRitual(draft: draft("Evening walk", at: "21:30")).id
        try sync(ana)
        _ = try ben.open().acceptRitual(id: walkId)
        try sync(ben)
        let plan = try anaReminders.replan(trigger: .appStart).plan
        XCTAssertEqual(Set(plan.map(\.sourceId)), [stretch.id, walkId])
        XCTAssertTrue(plan.allSatisfy(\.hideContent))
        for r in plan {
            let content = try XCTUnwrap(anaScheduler.alarms[r.id]).notificationContent
            let privateBody = r.sourceId == stretch.id ? "A moment for yourself" : "A moment for the two of you"
            XCTAssertEqual([content.title, content.subtitle, content.body], ["Tandem", "", privateBody])
            for text in content.allText {
                for secret in ["Secret stretch", "Evening walk", r.title, r.body, "20:", "21:"] {
                    XCTAssertFalse(text.contains(secret), "the notification carries \(secret) in \(text)")
                }
            }
        }
        XCTAssertEqual(anaScheduler.shown.map(\.title), Array(repeating: "Tandem", count: plan.count))
        XCTAssertEqual(try ana.todayScreen().nextReminder, "Next reminder 20:20 · Tandem")

        // Shown once the person asks for it; the decision is still TandemKit's.
        _ = try anaReminders.change { t, _ in try t.setReminderSettings(settings: ReminderSettings(quiet: nil, hideContent: false)) }
        let shownId = try XCTUnwrap(try ana.open().planReminders(deviceZone: ana.deviceZone(), limit: 60).first { $0.sourceId == stretch.id }).id
        let shown = try XCTUnwrap(anaScheduler.alarms[shownId]).notificationContent
        XCTAssertEqual([shown.title, shown.body], ["Secret stretch", "In 10 min, at 20:30"])
        XCTAssertEqual(shown.threadIdentifier, "rituals")
    }

    // MARK: what both partners said

    func testBothPartnersFeelingsOnADoneSharedOccurrenceWithTheRightMineFlags() throws {
        let coffee = try ana.open().proposeRitual(draft: draft("Coffee together", minutes: 15, at: "12:10")).id
        try sync(ana)
        _ = try ben.open().acceptRitual(id: coffee)
        try sync(ben)
        clock.set(nowMs: T.mar13_1200Z + 30 * T.minute)
        try ana.open().markDone(ritualId: coffee, date: "2027-03-13", note: "Lovely start", feeling: "calm", deviceZone: ana.deviceZone())
        clock.advance(byMs: T.minute)
        try ben.open().markDone(ritualId: coffee, date: "2027-03-13", note: nil, feeling: "grateful", deviceZone: ben.deviceZone())
        try sync(ana)
        try sync(ben)
        func said(_ c: TandemController) throws -> [Said] {
            try c.open().upcoming(fromMs: T.mar13_1200Z, toMs: T.mar13_1200Z + T.hour, deviceZone: "UTC")
                .first { $0.ritualId == coffee }?.said ?? []
        }
        XCTAssertEqual(try said(ana), [Said(mine: true, note: "Lovely start", feeling: "calm"),
                                       Said(mine: false, note: nil, feeling: "grateful")])
        XCTAssertEqual(try said(ben), [Said(mine: false, note: "Lovely start", feeling: "calm"),
                                       Said(mine: true, note: nil, feeling: "grateful")])
        XCTAssertEqual(try ana.todayScreen().earlier.map(\.said),
                       [["You: calm · “Lovely start”", "Ben's phone: grateful"]])
        XCTAssertEqual(try ben.todayScreen().earlier.map(\.said),
                       [["Ana's phone: calm · “Lovely start”", "You: grateful"]])
        XCTAssertEqual(try ben.todayScreen().earlier.map(\.detail), ["Done"], "one done occurrence")
    }

    // MARK: the mirror's caveat

    func testABoundaryMadePrivateAfterItWasSentShowsWithTheCaveatAndTheAuditSaysSo() throws {
        let boundary = try ana.open().addBoundary(text: "I need Sunday mornings alone", shared: true)
        try sync(ana)
        XCTAssertEqual(try ben.open().boundaries().map(\.text), ["I need Sunday mornings alone"])
        clock.advance(byMs: T.minute)
        _ = try ana.open().shareBoundary(id: boundary.id, shared: false)
        let screen = try ana.visibilityScreen()
        XCTAssertNil(screen.group(.boundary), "no longer shared")
        let group = try XCTUnwrap(screen.group(.madePrivate))
        XCTAssertEqual(group.heading, "Sent before you made it private")
        XCTAssertEqual(group.rows.map(\.summary), ["I need Sunday mornings alone"])
        XCTAssertEqual(group.rows.map(\.caveat), [
            "Already on your partner's phone: making it private again stops further sharing but cannot recall it.",
        ])
        XCTAssertEqual(group.rows.map(\.since), ["Sat 13 Mar 2027 12:00"], "since it was sent, on the device's clock (UTC here)")
        XCTAssertNil(screen.group(.deviceName)?.rows.first?.caveat, "no caveat where none applies")
        XCTAssertEqual(screen.audit.first?.text, "You made a boundary private")
        XCTAssertEqual(screen.audit.first?.change, .boundaryUnshared)
        XCTAssertEqual(screen.audit.first?.at, "Sat 13 Mar 2027 12:01")
    }

    // MARK: the app lock

    func testLockOffNeverAsksAndLockOn60SecondsAsksAtStartAndAfter61SecondsAway() throws {
        XCTAssertEqual(try ana.open().appLock(), .off, "off on a new install")
        let auth = FakeAuthenticator(answer: true)
        let off = ana.lockController(authenticator: auth)
        XCTAssertTrue(off.isLocked, "hidden until the start decides")
        off.started()
        XCTAssertEqual(auth.asked, 0)
        XCTAssertFalse(off.isLocked)
        off.backgrounded()
        clock.advance(byMs: 2 * T.hour)
        off.foregrounded()
        XCTAssertEqual(auth.asked, 0, "lock off: never asked")
        var ran = 0
        off.guarded(.wipe, { ran += 1 }) { _ in }
        XCTAssertEqual([auth.asked, ran], [0, 1], "a guarded action runs without asking")

        try ana.setAppLock(.on(afterSeconds: 60))
        XCTAssertEqual(try ana.open().appLock(), .on(afterSeconds: 60))
        XCTAssertEqual(try newest(ana), .lockOn)
        assertTandemError(.invalidInput, "3601 seconds") { try ana.setAppLock(.on(afterSeconds: 3601)) }
        XCTAssertEqual(try ana.open().appLock(), .on(afterSeconds: 60), "unchanged after the refusal")

        let lock = ana.lockController(authenticator: auth)
        var changes: [Bool] = []
        lock.onChange = { changes.append($0) }
        var shown: Bool?
        lock.started { shown = $0 }
        XCTAssertEqual(auth.asked, 1, "asked at start")
        XCTAssertEqual(auth.reasons.last, "Unlock Tandem", "the core's words")
        XCTAssertEqual(lockWords(localeTag: "de-DE").unlockReason, "Tandem entsperren")
        XCTAssertEqual([lock.isLocked, shown], [false, true])
        lock.backgrounded()
        clock.advance(byMs: 30_000)
        lock.foregrounded()
        XCTAssertEqual(auth.asked, 1, "not asked after 30 s away")
        lock.backgrounded()
        clock.advance(byMs: 61_000)
        lock.foregrounded()
        XCTAssertEqual(auth.asked, 2, "asked after 61 s away")
        XCTAssertFalse(lock.isLocked)

        auth.answer = false
        lock.backgrounded()
        clock.advance(byMs: 61_000)
        lock.foregrounded { shown = $0 }
        XCTAssertEqual(auth.asked, 3)
        XCTAssertEqual([lock.isLocked, shown], [true, false], "refused: the content stays hidden")
        auth.answer = true
        lock.unlock { shown = $0 }
        XCTAssertEqual(auth.asked, 4, "the unlock button asks again")
        XCTAssertEqual([lock.isLocked, shown], [false, true])
        XCTAssertEqual(changes, [false, true, false, true, false], "hidden while each prompt shows")

        // While the prompt shows, the scene goes inactive and back: nothing more is asked.
        auth.later = true
        lock.backgrounded()
        clock.advance(byMs: 61_000)
        lock.foregrounded()
        XCTAssertEqual(auth.asked, 5)
        lock.backgrounded()
        clock.advance(byMs: 10 * T.minute)
        lock.foregrounded()
        XCTAssertEqual(auth.asked, 5, "no second prompt over the first")
        auth.finish(true)
        XCTAssertFalse(lock.isLocked)

        try ana.setAppLock(.off)
        XCTAssertEqual(try newest(ana), .lockOff)
        try ana.close()
        let closed = ana.lockController(authenticator: FakeAuthenticator(answer: false))
        closed.started()
        XCTAssertTrue(closed.isLocked, "a core that cannot answer keeps the content hidden")
    }

    func testExportWithTheLockOnAndARefusingAuthenticatorExportsNothingAndAnAcceptingOneIsAudited() throws {
        _ = try ana.open().addPersonalRitual(draft: draft("Stretch", at: "07:30"))
        try ana.setAppLock(.on(afterSeconds: 300))
        let refusing = FakeAuthenticator(answer: false)
        let lock = ana.lockController(authenticator: refusing)
        let audit = try ana.visibilityScreen().audit
        var outcome: GuardOutcome<Data>?
        lock.guarded(.export, { try self.ana.open().exportData(passphrase: self.passphrase) }) { outcome = $0 }
        XCTAssertEqual(outcome?.wasRefused, true)
        XCTAssertNil(outcome?.value, "no export")
        XCTAssertEqual(refusing.reasons, ["Confirm it's you to export your Tandem data"])
        XCTAssertEqual(try ana.visibilityScreen().audit, audit, "no audit entry")
        lock.guarded(.plaintextExport, { try self.ana.open().exportPlaintext() }) { outcome = $0 }
        XCTAssertEqual(outcome?.wasRefused, true)
        var wiped: GuardOutcome<Void>?
        lock.guarded(.wipe, { try self.ana.wipe() }) { wiped = $0 }
        XCTAssertEqual(wiped?.wasRefused, true)
        XCTAssertEqual(try ana.open().rituals().map(\.title), ["Stretch"], "nothing wiped")
        XCTAssertEqual(try ana.visibilityScreen().audit, audit)

        let accepting = FakeAuthenticator(answer: true)
        let open = ana.lockController(authenticator: accepting)
        open.started()
        XCTAssertEqual(accepting.asked, 1)
        open.guarded(.export, { try self.ana.open().exportData(passphrase: self.passphrase) }) { outcome = $0 }
        XCTAssertEqual(accepting.asked, 2, "asked again within the grace time")
        XCTAssertFalse(try XCTUnwrap(outcome?.value).isEmpty)
        XCTAssertEqual(try newest(ana), .exported)
        open.guarded(.plaintextExport, { try self.ana.open().exportPlaintext() }) { outcome = $0 }
        XCTAssertTrue(String(decoding: try XCTUnwrap(outcome?.value), as: UTF8.self).contains("Stretch"))
        XCTAssertEqual(try ana.visibilityScreen().audit.prefix(2).map(\.text),
                       ["You exported everything unsealed (plain text)", "You exported everything, sealed with a passphrase"])
        var failed: GuardOutcome<Data>?
        open.guarded(.export, { try self.ana.open().exportData(passphrase: "short") }) { failed = $0 }
        if case .failed = failed {} else { XCTFail("a refused export is .failed: \(String(describing: failed))") }
    }

    // MARK: the clean exit

    func testTheCleanExitAfterUnpairingStopsTheSharedRitualAndDeletesBensWordsFromAnasPhone() throws {
        let walk = try ana.open().proposeRitual(draft: RitualDraft(
            title: "Evening walk", prompt: nil, minutes: 30, timeOfDay: "20:30", zone: .floating,
            recurrence: Recurrence(repeat: .daily, startDate: "2027-03-13", untilDate: nil, count: nil)))
        try sync(ana)
        _ = try ben.open().acceptRitual(id: walk.id)
        _ = try ben.open().appreciate(text: "Thank you for the soup, Ana")
        _ = try ben.open().addBoundary(text: "Ben needs quiet after night shifts", shared: true)
        try sync(ben)
        XCTAssertEqual(try ana.open().rituals().first?.status, .active, "shared and accepted")
        _ = try ana.open().checkIn(temperature: 4, capacity: .some, need: .space, note: "Ana's own tired evening", shared: false)
        _ = try ana.open().logPattern(draft: PatternDraft(happened: .wentSilent, tags: [], note: "Ana's private pattern note"))
        let before = String(decoding: try ana.open().exportPlaintext(), as: UTF8.self)
        XCTAssertTrue(before.contains("Thank you for the soup") && before.contains("Ben needs quiet"))
        XCTAssertTrue(try ana.open().planReminders(deviceZone: ana.deviceZone(), limit: 60).contains { $0.sourceId == walk.id })

        for action in CleanExitStep.allCases {
            let e = assertTandemError(.notAllowedNow, "\(action) while paired") { try ana.cleanExit(action) }
            XCTAssertNotNil(e)
        }
        assertTandemError(.notAllowedNow) { try ana.open().stopShared() }
        assertTandemError(.notAllowedNow) { try ana.open().deletePartnerData() }
        XCTAssertNil(try ana.settingsScreen().cleanExit, "nothing offered while paired")

        try ana.setAppLock(.on(afterSeconds: 0))
        let auth = FakeAuthenticator(answer: false)
        let lock = ana.lockController(authenticator: auth)
        let flow = try ana.pairingFlow()
        var unpaired: GuardOutcome<PairingFlow.State>?
        lock.guarded(.unpair, { flow.press(.unpair); return flow.state }) { unpaired = $0 }
        XCTAssertEqual(unpaired?.wasRefused, true)
        guard case .paired = try ana.open().pairingStatus() else { return XCTFail("unpaired anyway") }
        auth.answer = true
        lock.guarded(.unpair, { flow.press(.unpair); return flow.state }) { unpaired = $0 }
        guard case let .shown(screen)? = unpaired?.value else { return XCTFail("unpaired: \(String(describing: unpaired))") }
        XCTAssertEqual(screen.stage, .start, "unpaired: the screen is back at the start")
        XCTAssertEqual(try newest(ana), .unpaired)
        let exit = try XCTUnwrap(try ana.settingsScreen().cleanExit)
        XCTAssertEqual(exit.offers.map(\.step), [.stopShared, .deletePartnerData])
        XCTAssertEqual(exit.heading, "You unpaired this phone")
        XCTAssertEqual(exit.offers.first?.label, "Stop our shared rituals and agreements on this phone")
        XCTAssertNil(try ben.settingsScreen().cleanExit, "Ben's phone is not told")

        auth.answer = false
        var stopped: GuardOutcome<CleanExitDone>?
        lock.guarded(.cleanExit, { try self.ana.cleanExit(.stopShared) }) { stopped = $0 }
        XCTAssertEqual(stopped?.wasRefused, true)
        XCTAssertEqual(try ana.open().rituals().first?.status, .active, "refused: nothing stopped")
        auth.answer = true
        lock.guarded(.cleanExit, { try self.ana.cleanExit(.stopShared) }) { stopped = $0 }
        let done = try XCTUnwrap(stopped?.value)
        XCTAssertGreaterThanOrEqual(done.count, 1)
        XCTAssertEqual(done.text, done.count == 1 ? "Stopped 1 shared thing on this phone."
                                                  : "Stopped \(done.count) shared things on this phone.")
        XCTAssertEqual(try ana.open().rituals().first { $0.id == walk.id }?.status, .retired, "retired on Ana's phone")
        XCTAssertFalse(try ana.open().planReminders(deviceZone: ana.deviceZone(), limit: 60).contains { $0.sourceId == walk.id }, "no reminder planned")
        let today = try ana.todayScreen()
        XCTAssertFalse((today.due + today.coming + today.earlier).contains { $0.ritualId == walk.id })
        let then = try XCTUnwrap(try ana.settingsScreen().cleanExit)
        XCTAssertEqual(then.offers.map(\.step), [.deletePartnerData])
        XCTAssertEqual(then.done, ["The shared rituals and agreements are stopped on this phone."])

        var deleted: GuardOutcome<CleanExitDone>?
        lock.guarded(.cleanExit, { try self.ana.cleanExit(.deletePartnerData) }) { deleted = $0 }
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(deleted?.value).count, 2)
        XCTAssertEqual(try ana.visibilityScreen().audit.prefix(3).map(\.change),
                       [.deletedPartnerData, .stoppedShared, .unpaired])
        XCTAssertEqual(try ana.settingsScreen().cleanExit?.offers, [])
        XCTAssertEqual(try ana.settingsScreen().cleanExit?.done.count, 2)
        let after = String(decoding: try ana.open().exportPlaintext(), as: UTF8.self)
        for words in ["Thank you for the soup", "Ben needs quiet after night shifts"] {
            XCTAssertFalse(after.contains(words), "Ana's plaintext export still holds \(words)")
        }
        XCTAssertTrue(after.contains("Ana's own tired evening") && after.contains("Ana's private pattern note"))
        let entries = try ana.open().entries(fromMs: 0, toMs: Int64.max)
        XCTAssertEqual(entries.map(\.mine), [true], "only Ana's own check-in is left")
        XCTAssertEqual(try ana.open().patternLog(fromMs: 0, toMs: Int64.max).map(\.note), ["Ana's private pattern note"])
        XCTAssertFalse(try ana.open().boundaries().contains { !$0.mine }, "Ben's boundary is gone from Ana's phone")
        XCTAssertEqual(auth.asked, 5, "asked for every guarded step, refused ones included")

        // Nothing was sent to Ben: his phone keeps its own copy.
        XCTAssertTrue(try ben.open().entries(fromMs: 0, toMs: Int64.max).contains { "\($0)".contains("Thank you for the soup") })
        XCTAssertEqual(try ben.open().rituals().first?.status, .active)
    }
}
