import Foundation
import XCTest
@testable import TandemKit

/// Shared-ritual consent between two paired phones in one process (one
/// ManualClock, sync through `FileSyncTransport`), through the controller's
/// pass-throughs, with `RitualsScreen` checked on both phones at each step.
final class RitualConsentTests: TwoShellsTestCase {
    private var anaId = ""
    private var benId = ""

    override var startsPaired: Bool { true }

    override func setUpWithError() throws {
        try super.setUpWithError()
        anaId = try ana.open().device().deviceId
        benId = try ben.open().device().deviceId
    }

    // MARK: helpers

    /// What one row shows: id, time, status text and the actions offered.
    private struct Seen: Equatable {
        let id: String
        let time: String
        let status: String
        let actions: [RitualActionKind]
        init(_ id: String, _ time: String, _ status: String, _ actions: [RitualActionKind] = []) {
            (self.id, self.time, self.status, self.actions) = (id, time, status, actions)
        }
    }

    // The core's buttons (`screens::rituals`): the same on both phones.
    private static let answer: [RitualActionKind] = [.accept, .decline, .counter]
    private static let active: [RitualActionKind] = [.counter, .pause, .retire]
    private static let paused: [RitualActionKind] = [.counter, .resume, .retire]

    private func seen(_ c: TandemController) throws -> [Seen] {
        try c.ritualsScreen().rows.map { Seen($0.id, $0.time, $0.status, $0.buttons.map(\.action)) }
    }

    /// Everything `from` has for its partner, imported on the other phone.
    private func sync(_ from: TandemController, file: StaticString = #filePath, line: UInt = #line) throws {
        clock.advance(byMs: T.minute)
        let (out, into, to) = from === ana ? (anaFiles!, benFiles!, ben!) : (benFiles!, anaFiles!, ana!)
        XCTAssertEqual(try out.send(from.open().exportPayloads()).count, 1, file: file, line: line)
        let report = try to.syncIn(through: into)
        XCTAssertEqual(report.failed, [], file: file, line: line)
        XCTAssertEqual(report.items.count, 1, file: file, line: line)
    }

    private func ritual(_ c: TandemController, _ id: String) throws -> Ritual {
        try XCTUnwrap(try c.open().rituals().first { $0.id == id }, "no ritual \(id)")
    }

    /// Start times of the next 24 hours, by ritual id.
    private func upcoming(_ c: TandemController) throws -> [String: [String]] {
        Dictionary(grouping: try c.open().upcoming(fromMs: c.nowMs(), toMs: c.nowMs() + 1 * T.day, deviceZone: c.deviceZone()), by: \.ritualId).mapValues { $0.map(\.deviceLocalStart) }
    }

    /// Checks the version waiting for an answer field by field (so new
    /// facade fields do not break it).
    private func assertPending(
        _ r: Ritual, by: String, at time: String, minutes: UInt32 = 30, title: String = "Evening walk",
        prompt: String? = nil, zone: ZoneMode = .floating, file: StaticString = #filePath, line: UInt = #line
    ) {
        guard let p = r.pending else { return XCTFail("nothing pending", file: file, line: line) }
        XCTAssertEqual(p.by, by, "author", file: file, line: line)
        XCTAssertEqual(p.timeOfDay, time, file: file, line: line)
        XCTAssertEqual(p.minutes, minutes, file: file, line: line)
        XCTAssertEqual(p.title, title, file: file, line: line)
        XCTAssertEqual(p.prompt, prompt, file: file, line: line)
        XCTAssertEqual(p.zone, zone, file: file, line: line)
    }

    /// Ana proposes a 20:30 walk, Ben accepts, both synced: active on both.
    private func activeWalk() throws -> String {
        let walk = try ana.open().proposeRitual(draft: RitualDraft(title: "Evening walk", prompt: nil, minutes: 30, timeOfDay: "20:30", zone: .floating))
        try sync(ana)
        _ = try ben.open().acceptRitual(id: walk.id)
        try sync(ben)
        XCTAssertEqual(try ritual(ana, walk.id).status, .active)
        return walk.id
    }

    /// Asserts `body` throws a `TandemError` of `kind` (InvalidInput for a
    /// malformed version, NotAllowedNow for what the ritual's state forbids,
    /// NotFound for an unknown id) and that neither phone's rituals (nor
    /// what the one that tried would send) changed.
    private func assertRefused<R>(
        _ what: String, as kind: ErrorKind = .invalidInput,
        file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> R
    ) throws {
        let before = (try ana.open().rituals(), try ben.open().rituals())
        let error = assertTandemError(kind, what, file: file, line: line, body)
        if let error {
            XCTAssertEqual(TandemMessages.message(for: error), TandemMessages.message(for: kind),
                           what, file: file, line: line)
        }
        XCTAssertEqual(try ana.open().rituals(), before.0, "Ana's rituals after: \(what)", file: file, line: line)
        XCTAssertEqual(try ben.open().rituals(), before.1, "Ben's rituals after: \(what)", file: file, line: line)
    }

    // MARK: flows

    func testProposeSyncAcceptSyncIsActiveOnBothWithNothingPending() throws {
        let walk = try ana.open().proposeRitual(draft: RitualDraft(title: "Evening walk", prompt: "What made you laugh today?", minutes: 30, timeOfDay: "20:30", zone: .floating))
        XCTAssertEqual(walk.status, .proposed)
        XCTAssertEqual(walk.proposedBy, anaId)
        assertPending(walk, by: anaId, at: "20:30", prompt: "What made you laugh today?")
        XCTAssertEqual(try seen(ana), [Seen(walk.id, "20:30", "Waiting for your partner")])
        XCTAssertEqual(try ana.ritualsScreen().answersWaiting, 0)
        XCTAssertEqual(try seen(ben), [])
        try assertRefused("Ben cannot answer what has not arrived", as: .notFound) { try ben.open().acceptRitual(id: walk.id) }

        try sync(ana)
        XCTAssertEqual(try ben.open().rituals(), [walk], "the same record on both phones")
        XCTAssertEqual(try seen(ben), [Seen(walk.id, "20:30", "Waiting for your answer", Self.answer)])
        XCTAssertEqual(try ben.ritualsScreen().answersWaiting, 1)
        XCTAssertEqual(try seen(ana), [Seen(walk.id, "20:30", "Waiting for your partner")])

        let accepted = try ben.open().acceptRitual(id: walk.id)
        XCTAssertEqual(accepted.status, .active)
        XCTAssertNil(accepted.pending)
        XCTAssertEqual(accepted.timeOfDay, "20:30")
        XCTAssertEqual(accepted.prompt, "What made you laugh today?")
        XCTAssertEqual(try ben.open().rituals(), [accepted])
        XCTAssertEqual(try seen(ben), [Seen(walk.id, "20:30", "Active", Self.active)])
        XCTAssertEqual(try ben.ritualsScreen().answersWaiting, 0)
        // Ana has not heard yet.
        XCTAssertEqual(try ritual(ana, walk.id).status, .proposed)
        XCTAssertEqual(try seen(ana), [Seen(walk.id, "20:30", "Waiting for your partner")])

        try sync(ben)
        let onAna = try ritual(ana, walk.id)
        XCTAssertEqual(onAna.status, .active)
        XCTAssertNil(onAna.pending)
        XCTAssertEqual(try ana.open().rituals(), try ben.open().rituals())
        XCTAssertEqual(try seen(ana), [Seen(walk.id, "20:30", "Active", Self.active)])
        XCTAssertEqual(try upcoming(ana), [walk.id: ["2027-03-13 20:30"]])
        XCTAssertEqual(try upcoming(ben), [walk.id: ["2027-03-13 20:30"]])
    }

    func testDeclineEndsTheProposalOnBothAndTheRowLeavesWithoutBlame() throws {
        let walk = try ana.open().proposeRitual(draft: RitualDraft(title: "Evening walk", prompt: nil, minutes: 30, timeOfDay: "20:30", zone: .floating))
        try sync(ana)
        XCTAssertEqual(try seen(ben), [Seen(walk.id, "20:30", "Waiting for your answer", Self.answer)])

        let declined = try ben.open().declineRitual(id: walk.id)
        XCTAssertEqual(declined.status, .declined)
        XCTAssertNil(declined.pending, "nothing waits on a declined ritual")
        XCTAssertEqual(declined.timeOfDay, "20:30", "it shows what it last said")
        XCTAssertEqual(try seen(ben), [])
        XCTAssertEqual(try upcoming(ben), [:])
        XCTAssertEqual(try seen(ana), [Seen(walk.id, "20:30", "Waiting for your partner")], "before the sync")

        try sync(ben)
        XCTAssertEqual(try ritual(ana, walk.id).status, .declined)
        XCTAssertNil(try ritual(ana, walk.id).pending)
        XCTAssertEqual(try ana.open().rituals(), try ben.open().rituals())
        let screen = try ana.ritualsScreen()
        XCTAssertTrue(screen.isEmpty, "no live row for Ana")
        XCTAssertEqual(screen.ended.map { [$0.id, $0.status] }, [[walk.id, "Not going ahead"]], "the past says what happens, not who")
        XCTAssertEqual(try upcoming(ana), [:])
        XCTAssertEqual(screen.empty, "No rituals yet. Suggest one to your partner, or add one just for you.")
    }

    func testCounterThenTheProposerAcceptsRunsAtTheCounteredTime() throws {
        let walk = try ana.open().proposeRitual(draft: RitualDraft(title: "Evening walk", prompt: nil, minutes: 30, timeOfDay: "20:30", zone: .floating))
        try sync(ana)

        let countered = try ben.open().counterRitual(id: walk.id, title: "Evening walk", minutes: 45, timeOfDay: "07:00",
                                        zone: .floating)
        XCTAssertEqual(countered.status, .countered)
        XCTAssertEqual(countered.timeOfDay, "07:00", "nothing is in effect: the suggestion shows")
        XCTAssertEqual(countered.minutes, 45)
        XCTAssertEqual(countered.proposedBy, anaId, "still Ana's proposal")
        assertPending(countered, by: benId, at: "07:00", minutes: 45)
        XCTAssertEqual(try seen(ben), [Seen(walk.id, "07:00", "Waiting for your partner")])
        XCTAssertEqual(try seen(ana), [Seen(walk.id, "20:30", "Waiting for your partner")], "before the sync")
        try assertRefused("Ben accepting his own counter", as: .notAllowedNow) { try ben.open().acceptRitual(id: walk.id) }
        try assertRefused("Ben declining his own counter", as: .notAllowedNow) { try ben.open().declineRitual(id: walk.id) }

        try sync(ben)
        XCTAssertEqual(try ritual(ana, walk.id), countered)
        XCTAssertEqual(try seen(ana), [Seen(walk.id, "07:00", "Another time suggested", Self.answer)])
        XCTAssertEqual(try ana.ritualsScreen().answersWaiting, 1)
        XCTAssertEqual(try upcoming(ana), [walk.id: ["2027-03-14 07:00"]], "a waiting suggestion shows as upcoming")

        let accepted = try ana.open().acceptRitual(id: walk.id)
        XCTAssertEqual(accepted.status, .active)
        XCTAssertEqual(accepted.timeOfDay, "07:00")
        XCTAssertEqual(accepted.minutes, 45)
        XCTAssertNil(accepted.pending)
        XCTAssertEqual(try seen(ana), [Seen(walk.id, "07:00", "Active", Self.active)])
        XCTAssertEqual(try seen(ben), [Seen(walk.id, "07:00", "Waiting for your partner")], "before the sync")

        try sync(ana)
        XCTAssertEqual(try ritual(ben, walk.id), accepted)
        XCTAssertEqual(try seen(ben), [Seen(walk.id, "07:00", "Active", Self.active)])
        XCTAssertEqual(try upcoming(ben), [walk.id: ["2027-03-14 07:00"]])
    }

    func testAProposalCounteredBackAndForthWaitsForTheOtherEachTime() throws {
        let walk = try ana.open().proposeRitual(draft: RitualDraft(title: "Evening walk", prompt: nil, minutes: 30, timeOfDay: "20:30", zone: .floating))
        try sync(ana)
        try ben.open().counterRitual(id: walk.id, title: "Evening walk", minutes: 30, timeOfDay: "07:00", zone: .floating)
        try sync(ben)
        // Ana suggests yet another time: now Ben answers again.
        let back = try ana.open().counterRitual(id: walk.id, draft: draft("Evening walk", minutes: 30, at: "19:00"))
        assertPending(back, by: anaId, at: "19:00")
        XCTAssertEqual(try seen(ana), [Seen(walk.id, "19:00", "Waiting for your partner")])
        try sync(ana)
        XCTAssertEqual(try seen(ben), [Seen(walk.id, "19:00", "Waiting for your answer", Self.answer)])
        XCTAssertEqual(try ben.open().acceptRitual(id: walk.id).timeOfDay, "19:00")
        try sync(ben)
        XCTAssertEqual(try seen(ana), [Seen(walk.id, "19:00", "Active", Self.active)])
        XCTAssertEqual(try seen(ben), [Seen(walk.id, "19:00", "Active", Self.active)])
    }

    func testAnAmendmentKeepsTheOldTimeInEffectUntilThePartnerAccepts() throws {
        let id = try activeWalk()

        let amended = try ana.open().counterRitual(id: id, title: "Evening walk", minutes: 30, timeOfDay: "21:15",
                                      zone: .floating)
        XCTAssertEqual(amended.status, .active)
        XCTAssertEqual(amended.timeOfDay, "20:30", "the version in effect")
        assertPending(amended, by: anaId, at: "21:15")
        XCTAssertEqual(try seen(ana), [Seen(id, "20:30", "Active; your change waits for your partner", Self.active)])
        XCTAssertEqual(try ana.ritualsScreen().row(id: id)?.suggestion?.contains("21:15"), true)
        XCTAssertEqual(try upcoming(ana), [id: ["2027-03-13 20:30"]])
        try assertRefused("Ana accepting her own change", as: .notAllowedNow) { try ana.open().acceptRitual(id: id) }

        try sync(ana)
        XCTAssertEqual(try ritual(ben, id), amended)
        XCTAssertEqual(try seen(ben), [Seen(id, "20:30", "A change waits for your answer",
                                            Self.answer + [.pause, .retire])])
        XCTAssertEqual(try ben.ritualsScreen().row(id: id)?.suggestion?.contains("21:15"), true)
        XCTAssertEqual(try ben.ritualsScreen().answersWaiting, 1)
        XCTAssertEqual(try upcoming(ben), [id: ["2027-03-13 20:30"]], "the old time until Ben accepts")

        let row = try XCTUnwrap(try ben.ritualsScreen().row(id: id))
        XCTAssertEqual(row.changes, ["time: 21:15 instead of 20:30"], "what the change changes")
        XCTAssertTrue(row.reads.contains("time: 21:15"), "the change whole: \(row.reads)")
        let answer = try XCTUnwrap(row.answerVersion)
        try assertRefused("Ben accepting the version in effect, not the one waiting", as: .notAllowedNow) {
            try ben.open().acceptRitualVersion(id: id, version: String(try ritual(ben, id).version.prefix(8)))
        }
        try assertRefused("Ben naming a version by 7 characters") {
            try ben.open().acceptRitualVersion(id: id, version: String(answer.prefix(7)))
        }
        let accepted = try ben.open().acceptRitualVersion(id: id, version: String(answer.prefix(8)))
        XCTAssertEqual(accepted.status, .active)
        XCTAssertEqual(accepted.timeOfDay, "21:15")
        XCTAssertNil(accepted.pending)
        XCTAssertEqual(try seen(ben), [Seen(id, "21:15", "Active", Self.active)])
        XCTAssertNil(try ben.ritualsScreen().row(id: id)?.suggestion)
        XCTAssertEqual(try upcoming(ben), [id: ["2027-03-13 21:15"]])
        XCTAssertEqual(try upcoming(ana), [id: ["2027-03-13 20:30"]], "Ana has not heard yet")

        try sync(ben)
        XCTAssertEqual(try ritual(ana, id), accepted)
        XCTAssertEqual(try seen(ana), [Seen(id, "21:15", "Active", Self.active)])
        XCTAssertEqual(try upcoming(ana), [id: ["2027-03-13 21:15"]])
    }

    func testThePartnerDeclinesAnAmendmentAndTheOldTimeStaysInEffect() throws {
        let id = try activeWalk()
        let amended = try ana.open().counterRitual(id: id, title: "Evening walk", minutes: 30, timeOfDay: "21:15",
                                      zone: .floating)
        try sync(ana)
        XCTAssertEqual(try ritual(ben, id), amended)
        XCTAssertEqual(try seen(ben), [Seen(id, "20:30", "A change waits for your answer",
                                            Self.answer + [.pause, .retire])])

        let kept = try ben.open().declineRitual(id: id)
        XCTAssertEqual(kept.status, .active, "declining a change does not end the ritual")
        XCTAssertEqual(kept.timeOfDay, "20:30", "the version in effect stays")
        XCTAssertEqual(kept.minutes, 30)
        XCTAssertNil(kept.pending, "the declined change no longer waits")
        XCTAssertEqual(try ritual(ben, id), kept)
        XCTAssertEqual(try seen(ben), [Seen(id, "20:30", "Active", Self.active)])
        XCTAssertNil(try ben.ritualsScreen().row(id: id)?.suggestion)
        XCTAssertEqual(try ben.ritualsScreen().answersWaiting, 0)
        XCTAssertEqual(try upcoming(ben), [id: ["2027-03-13 20:30"]])
        try assertRefused("Ben declines again: nothing waits", as: .notAllowedNow) { try ben.open().declineRitual(id: id) }
        try assertRefused("Ben accepts the change he declined", as: .notAllowedNow) { try ben.open().acceptRitual(id: id) }
        // Ana has not heard yet: her change still waits on her phone.
        assertPending(try ritual(ana, id), by: anaId, at: "21:15")
        XCTAssertEqual(try ana.ritualsScreen().row(id: id)?.suggestion?.contains("21:15"), true, "before the sync")

        try sync(ben)
        let onAna = try ritual(ana, id)
        XCTAssertEqual(onAna.status, .active)
        XCTAssertEqual(onAna.timeOfDay, "20:30")
        XCTAssertNil(onAna.pending)
        XCTAssertEqual(try ana.open().rituals(), try ben.open().rituals(), "the same record on both phones")
        XCTAssertEqual(try seen(ana), [Seen(id, "20:30", "Active", Self.active)])
        XCTAssertNil(try ana.ritualsScreen().row(id: id)?.suggestion)
        XCTAssertEqual(try upcoming(ana), [id: ["2027-03-13 20:30"]], "upcoming unchanged")
        XCTAssertEqual(try upcoming(ben), [id: ["2027-03-13 20:30"]], "upcoming unchanged")
        for (name, c) in [("Ana", ana!), ("Ben", ben!)] {
            try assertRefused("\(name) declines when nothing waits", as: .notAllowedNow) { try c.open().declineRitual(id: id) }
        }

        // Still in effect: either may suggest a change again.
        let again = try ana.open().counterRitual(id: id, title: "Evening walk", minutes: 30, timeOfDay: "21:00",
                                    zone: .floating)
        assertPending(again, by: anaId, at: "21:00")
        try sync(ana)
        XCTAssertEqual(try ben.open().acceptRitual(id: id).timeOfDay, "21:00")
        try sync(ben)
        XCTAssertEqual(try seen(ana), [Seen(id, "21:00", "Active", Self.active)])
    }

    func testThePartnerDeclinesAChangeToAPausedRitualAndItStaysPaused() throws {
        let id = try activeWalk()
        _ = try ben.open().pauseRitual(id: id)
        try sync(ben)
        try ana.open().counterRitual(id: id, title: "Evening walk", minutes: 30, timeOfDay: "06:00", zone: .floating)
        try sync(ana)
        XCTAssertEqual(try seen(ben), [Seen(id, "20:30", "Paused; a change waits for your answer", Self.answer + [.resume, .retire])])
        XCTAssertEqual(try ben.ritualsScreen().row(id: id)?.suggestion?.contains("06:00"), true)
        try assertRefused("Ana declines her own change", as: .notAllowedNow) { try ana.open().declineRitual(id: id) }

        let kept = try ben.open().declineRitual(id: id)
        XCTAssertEqual(kept.status, .paused)
        XCTAssertEqual(kept.timeOfDay, "20:30")
        XCTAssertNil(kept.pending)
        XCTAssertEqual(try seen(ben), [Seen(id, "20:30", "Paused", Self.paused)])
        try sync(ben)
        XCTAssertEqual(try ritual(ana, id).status, .paused)
        XCTAssertNil(try ritual(ana, id).pending)
        XCTAssertEqual(try ana.open().rituals(), try ben.open().rituals())
        XCTAssertEqual(try seen(ana), [Seen(id, "20:30", "Paused", Self.paused)])
        XCTAssertEqual(try upcoming(ana), [:])
        XCTAssertEqual(try upcoming(ben), [:])

        // Resumed, it runs at the old time.
        _ = try ana.open().resumeRitual(id: id)
        XCTAssertEqual(try upcoming(ana), [id: ["2027-03-13 20:30"]])
    }

    func testPauseResumeRetireByEitherPartnerReachTheOther() throws {
        let id = try activeWalk()

        // Ben pauses.
        XCTAssertEqual(try ben.open().pauseRitual(id: id).status, .paused)
        XCTAssertEqual(try seen(ben), [Seen(id, "20:30", "Paused", Self.paused)])
        XCTAssertEqual(try upcoming(ben), [:])
        XCTAssertEqual(try seen(ana), [Seen(id, "20:30", "Active", Self.active)], "before the sync")
        try sync(ben)
        XCTAssertEqual(try ritual(ana, id).status, .paused)
        XCTAssertEqual(try seen(ana), [Seen(id, "20:30", "Paused", Self.paused)])
        XCTAssertEqual(try upcoming(ana), [:])

        // Ana resumes what Ben paused.
        XCTAssertEqual(try ana.open().resumeRitual(id: id).status, .active)
        XCTAssertEqual(try seen(ana), [Seen(id, "20:30", "Active", Self.active)])
        XCTAssertEqual(try upcoming(ana), [id: ["2027-03-13 20:30"]])
        try sync(ana)
        XCTAssertEqual(try ritual(ben, id).status, .active)
        XCTAssertEqual(try seen(ben), [Seen(id, "20:30", "Active", Self.active)])
        XCTAssertEqual(try upcoming(ben), [id: ["2027-03-13 20:30"]])

        // Ana pauses, Ben resumes.
        _ = try ana.open().pauseRitual(id: id)
        try sync(ana)
        XCTAssertEqual(try seen(ben), [Seen(id, "20:30", "Paused", Self.paused)])
        XCTAssertEqual(try ben.open().resumeRitual(id: id).status, .active)
        try sync(ben)
        XCTAssertEqual(try seen(ana), [Seen(id, "20:30", "Active", Self.active)])

        // Ben retires it while it runs.
        XCTAssertEqual(try ben.open().retireRitual(id: id).status, .retired)
        XCTAssertEqual(try seen(ben), [])
        try sync(ben)
        XCTAssertEqual(try ritual(ana, id).status, .retired)
        XCTAssertEqual(try seen(ana), [])
        XCTAssertEqual(try upcoming(ana), [:])
        XCTAssertEqual(try ana.open().rituals(), try ben.open().rituals())
    }

    func testAPausedRitualCanBeRetiredByThePartner() throws {
        let id = try activeWalk()
        _ = try ana.open().pauseRitual(id: id)
        try sync(ana)
        XCTAssertEqual(try ben.open().retireRitual(id: id).status, .retired)
        try sync(ben)
        XCTAssertEqual(try ritual(ana, id).status, .retired)
        XCTAssertEqual(try seen(ana), [])
        XCTAssertEqual(try seen(ben), [])
    }

    func testUpcomingListsWaitingAndActiveButNotPausedDeclinedOrRetired() throws {
        let proposed = try ana.open().proposeRitual(draft: RitualDraft(title: "Tea", prompt: nil, minutes: 20, timeOfDay: "13:00", zone: .floating))
        let countered = try ana.open().proposeRitual(draft: RitualDraft(title: "Stretch", prompt: nil, minutes: 10, timeOfDay: "14:00", zone: .floating))
        let active = try ana.open().proposeRitual(draft: RitualDraft(title: "Walk", prompt: nil, minutes: 30, timeOfDay: "15:00", zone: .floating))
        let paused = try ana.open().proposeRitual(draft: RitualDraft(title: "Read", prompt: nil, minutes: 30, timeOfDay: "16:00", zone: .floating))
        let declined = try ana.open().proposeRitual(draft: RitualDraft(title: "Run", prompt: nil, minutes: 30, timeOfDay: "17:00", zone: .floating))
        let retired = try ana.open().proposeRitual(draft: RitualDraft(title: "Call", prompt: nil, minutes: 60, timeOfDay: "18:00", zone: .fixed(zone: "Europe/Berlin")))
        try sync(ana)
        try ben.open().counterRitual(id: countered.id, title: "Stretch", minutes: 10, timeOfDay: "14:30", zone: .floating)
        for id in [active.id, paused.id, retired.id] { _ = try ben.open().acceptRitual(id: id) }
        _ = try ben.open().pauseRitual(id: paused.id)
        _ = try ben.open().declineRitual(id: declined.id)
        _ = try ben.open().retireRitual(id: retired.id)
        try sync(ben)

        for c in [ana!, ben!] {
            XCTAssertEqual(try c.open().rituals().map(\.status),
                           [.proposed, .countered, .active, .paused, .declined, .retired])
            let next = try c.open().upcoming(fromMs: c.nowMs(), toMs: c.nowMs() + 1 * T.day, deviceZone: c.deviceZone())
            XCTAssertEqual(next.map(\.ritualId), [proposed.id, countered.id, active.id])
            XCTAssertEqual(next.map(\.deviceLocalStart), ["2027-03-13 13:00", "2027-03-13 14:30", "2027-03-13 15:00"])
            XCTAssertEqual(try c.todayScreen().coming.map(\.ritualId), [active.id], "what waits for an answer is an invitation, not a row")
        }
        XCTAssertEqual(try seen(ana), [
            Seen(proposed.id, "13:00", "Waiting for your partner"),
            Seen(countered.id, "14:30", "Another time suggested", Self.answer),
            Seen(active.id, "15:00", "Active", Self.active),
            Seen(paused.id, "16:00", "Paused", Self.paused),
        ])
        XCTAssertEqual(try seen(ben), [
            Seen(proposed.id, "13:00", "Waiting for your answer", Self.answer),
            Seen(countered.id, "14:30", "Waiting for your partner"),
            Seen(active.id, "15:00", "Active", Self.active),
            Seen(paused.id, "16:00", "Paused", Self.paused),
        ])
        XCTAssertEqual(try ana.ritualsScreen().answersWaiting, 1)
        XCTAssertEqual(try ben.ritualsScreen().answersWaiting, 1)

        // Resumed, the paused one is upcoming again.
        _ = try ana.open().resumeRitual(id: paused.id)
        XCTAssertEqual(try ana.open().upcoming(fromMs: ana.nowMs(), toMs: ana.nowMs() + 1 * T.day, deviceZone: ana.deviceZone()).map(\.ritualId), [proposed.id, countered.id, active.id, paused.id])
    }

    // MARK: refusals

    func testEveryRefusalHasItsKindAndChangesNothing() throws {
        // An unknown id, for every action.
        let unknown = String(repeating: "0", count: 32)
        try assertRefused("accept an unknown id", as: .notFound) { try ana.open().acceptRitual(id: unknown) }
        try assertRefused("decline an unknown id", as: .notFound) { try ana.open().declineRitual(id: unknown) }
        try assertRefused("counter an unknown id", as: .notFound) {
            try ana.open().counterRitual(id: unknown, title: "Walk", minutes: 30, timeOfDay: "20:30", zone: .floating)
        }
        try assertRefused("pause an unknown id", as: .notFound) { try ana.open().pauseRitual(id: unknown) }
        try assertRefused("resume an unknown id", as: .notFound) { try ana.open().resumeRitual(id: unknown) }
        try assertRefused("retire an unknown id", as: .notFound) { try ana.open().retireRitual(id: unknown) }
        try assertRefused("an empty id", as: .notFound) { try ben.open().acceptRitual(id: "") }

        // A proposal: its author cannot answer it; nobody can pause or resume it.
        let walk = try ana.open().proposeRitual(draft: RitualDraft(title: "Evening walk", prompt: nil, minutes: 30, timeOfDay: "20:30", zone: .floating))
        try sync(ana)
        try assertRefused("accept your own proposal", as: .notAllowedNow) { try ana.open().acceptRitual(id: walk.id) }
        try assertRefused("decline your own proposal", as: .notAllowedNow) { try ana.open().declineRitual(id: walk.id) }
        try assertRefused("pause a proposal", as: .notAllowedNow) { try ben.open().pauseRitual(id: walk.id) }
        try assertRefused("resume a proposal", as: .notAllowedNow) { try ben.open().resumeRitual(id: walk.id) }
        try assertRefused("a counter that is not a valid ritual") {
            try ben.open().counterRitual(id: walk.id, title: "Evening walk", minutes: 0, timeOfDay: "20:30", zone: .floating)
        }
        try assertRefused("a counter at no time of day") {
            try ben.open().counterRitual(id: walk.id, title: "Evening walk", minutes: 30, timeOfDay: "25:00", zone: .floating)
        }

        // Active with nothing waiting.
        _ = try ben.open().acceptRitual(id: walk.id)
        try sync(ben)
        for (name, c) in [("Ana", ana!), ("Ben", ben!)] {
            try assertRefused("\(name) accepts when nothing waits", as: .notAllowedNow) { try c.open().acceptRitual(id: walk.id) }
            try assertRefused("\(name) declines an active ritual", as: .notAllowedNow) { try c.open().declineRitual(id: walk.id) }
            try assertRefused("\(name) resumes an active ritual", as: .notAllowedNow) { try c.open().resumeRitual(id: walk.id) }
        }

        // Active with a change waiting: only the partner may decline it
        // (testThePartnerDeclinesAnAmendmentAndTheOldTimeStaysInEffect).
        try ana.open().counterRitual(id: walk.id, title: "Evening walk", minutes: 30, timeOfDay: "21:00", zone: .floating)
        try sync(ana)
        try assertRefused("decline your own change", as: .notAllowedNow) { try ana.open().declineRitual(id: walk.id) }
        try assertRefused("accept your own change", as: .notAllowedNow) { try ana.open().acceptRitual(id: walk.id) }

        // Paused: not twice.
        _ = try ben.open().pauseRitual(id: walk.id)
        try sync(ben)
        try assertRefused("pause a paused ritual", as: .notAllowedNow) { try ana.open().pauseRitual(id: walk.id) }
        try assertRefused("pause twice", as: .notAllowedNow) { try ben.open().pauseRitual(id: walk.id) }

        // Retired (Ana's change still waited): nothing waits any more; not
        // twice, and nothing else either.
        XCTAssertNotNil(try ritual(ana, walk.id).pending)
        _ = try ana.open().retireRitual(id: walk.id)
        try sync(ana)
        for (name, c) in [("Ana", ana!), ("Ben", ben!)] {
            XCTAssertEqual(try ritual(c, walk.id).status, .retired, name)
            XCTAssertNil(try ritual(c, walk.id).pending, "\(name): nothing waits on a retired ritual")
            try assertRefused("\(name) retires twice", as: .notAllowedNow) { try c.open().retireRitual(id: walk.id) }
            try assertRefused("\(name) counters a retired ritual", as: .notAllowedNow) {
                try c.open().counterRitual(id: walk.id, title: "Evening walk", minutes: 30, timeOfDay: "20:00", zone: .floating)
            }
            try assertRefused("\(name) accepts a retired ritual", as: .notAllowedNow) { try c.open().acceptRitual(id: walk.id) }
            try assertRefused("\(name) pauses a retired ritual", as: .notAllowedNow) { try c.open().pauseRitual(id: walk.id) }
            try assertRefused("\(name) declines a retired ritual", as: .notAllowedNow) { try c.open().declineRitual(id: walk.id) }
            try assertRefused("\(name) resumes a retired ritual", as: .notAllowedNow) { try c.open().resumeRitual(id: walk.id) }
        }

        // Declined: not answerable again, no counter.
        let tea = try ben.open().proposeRitual(draft: RitualDraft(title: "Tea", prompt: nil, minutes: 20, timeOfDay: "07:00", zone: .floating))
        try sync(ben)
        _ = try ana.open().declineRitual(id: tea.id)
        try sync(ana)
        for (name, c) in [("Ana", ana!), ("Ben", ben!)] {
            try assertRefused("\(name) counters a declined ritual", as: .notAllowedNow) {
                try c.open().counterRitual(id: tea.id, title: "Tea", minutes: 20, timeOfDay: "08:00", zone: .floating)
            }
            try assertRefused("\(name) accepts a declined ritual", as: .notAllowedNow) { try c.open().acceptRitual(id: tea.id) }
            try assertRefused("\(name) declines a declined ritual", as: .notAllowedNow) { try c.open().declineRitual(id: tea.id) }
            try assertRefused("\(name) pauses a declined ritual", as: .notAllowedNow) { try c.open().pauseRitual(id: tea.id) }
        }
        XCTAssertEqual(try seen(ana), [])
        XCTAssertEqual(try seen(ben), [])
        XCTAssertEqual(try ana.open().rituals(), try ben.open().rituals())
    }

    func testConsentCallsAfterCloseThrowClosed() throws {
        let walk = try ana.open().proposeRitual(draft: RitualDraft(title: "Evening walk", prompt: nil, minutes: 30, timeOfDay: "20:30", zone: .floating))
        try ana.close()
        assertTandemError(.closed) { try ana.open().acceptRitual(id: walk.id) }
        assertTandemError(.closed) { try ana.open().declineRitual(id: walk.id) }
        assertTandemError(.closed) {
            try ana.open().counterRitual(id: walk.id, title: "Walk", minutes: 30, timeOfDay: "20:30", zone: .floating)
        }
        assertTandemError(.closed) { try ana.open().pauseRitual(id: walk.id) }
        assertTandemError(.closed) { try ana.open().resumeRitual(id: walk.id) }
        assertTandemError(.closed) { try ana.open().retireRitual(id: walk.id) }
        assertTandemError(.closed) { try ana.ritualsScreen() }
    }
}
