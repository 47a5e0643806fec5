import Foundation
import XCTest
@testable import TandemKit

/// The two-signature agreements ledger through the generated bindings: Ana's
/// and Ben's Tandems, paired, on one ManualClock from 2027-03-13 12:00Z
/// (`TwoPhonesTestCase`), synced by exporting and importing payloads.
final class AgreementsBindingsTests: TwoPhonesTestCase {
    private let zeros = String(repeating: "0", count: 32)

    override func setUpWithError() throws {
        try super.setUpWithError()
        try pair()
    }

    private func phonesAway(reviewOn: String? = nil, pause: PauseProtocol? = nil) -> AgreementDraft {
        AgreementDraft(title: "Phones away", text: "No phones at the dinner table.",
                       pauseProtocol: pause, reviewOn: reviewOn)
    }

    private func only(_ t: Tandem, file: StaticString = #filePath, line: UInt = #line) throws -> Agreement {
        let all = try t.agreements()
        XCTAssertEqual(all.count, 1, "\(all)", file: file, line: line)
        return try XCTUnwrap(all.first, file: file, line: line)
    }

    /// Ana proposes, Ben accepts version 1, synced both ways.
    private func inEffect(_ d: AgreementDraft) throws -> (id: String, hash: String) {
        let proposed = try ana.proposeAgreement(draft: d)
        let hash = try XCTUnwrap(proposed.pending.first?.hash)
        try sync(ana, to: ben)
        XCTAssertEqual(try ben.acceptAgreement(id: proposed.id, versionHash: hash).status, .active)
        try sync(ben, to: ana)
        XCTAssertEqual(try only(ana).status, .active)
        return (proposed.id, hash)
    }

    func testProposedAmendedAndAcceptedByContentHashOnBothPhones() throws {
        let proposed = try ana.proposeAgreement(draft: phonesAway())
        XCTAssertEqual(proposed.status, .proposed)
        XCTAssertTrue(proposed.proposedByMe)
        XCTAssertEqual(proposed.proposedAtMs, T.mar13_1200Z)
        XCTAssertNil(proposed.inEffect)
        XCTAssertEqual(proposed.pending.count, 1)
        let v1 = try XCTUnwrap(proposed.pending.first)
        XCTAssertEqual(v1.hash.count, 32)
        XCTAssertTrue(isLowerHex(v1.hash), v1.hash)
        XCTAssertNil(v1.parent)
        XCTAssertEqual([v1.title, v1.text], ["Phones away", "No phones at the dinner table."])
        XCTAssertEqual([v1.byMe, v1.acceptedByMe, v1.acceptedByPartner, v1.waitingForMe], [true, true, false, false],
                       "version 1 is signed by its author")
        let id = proposed.id
        assertTandemError(.notAllowedNow, "Ana accepts her own proposal") {
            try ana.acceptAgreement(id: id, versionHash: v1.hash)
        }

        try sync(ana, to: ben)
        let onBen = try only(ben)
        XCTAssertEqual(onBen.id, id)
        XCTAssertFalse(onBen.proposedByMe)
        XCTAssertEqual(onBen.status, .proposed)
        XCTAssertEqual(onBen.pending.map(\.hash), [v1.hash], "the same content hash on both phones")
        let v1OnBen = try XCTUnwrap(onBen.pending.first)
        XCTAssertEqual([v1OnBen.byMe, v1OnBen.acceptedByMe, v1OnBen.acceptedByPartner, v1OnBen.waitingForMe],
                       [false, false, true, true])

        // Ben amends version 1 (starting from it: only the text changes).
        var changed = v1OnBen.draft
        changed.text = "No phones at the dinner table, except on call nights."
        let amended = try ben.amendAgreement(id: id, parentHash: v1.hash, draft: changed)
        XCTAssertEqual(amended.status, .proposed)
        let v2 = try XCTUnwrap(amended.pending.first { $0.byMe })
        XCTAssertEqual(v2.parent, v1.hash)
        XCTAssertEqual(v2.title, "Phones away")
        XCTAssertEqual(v2.text, "No phones at the dinner table, except on call nights.")
        XCTAssertNotEqual(v2.hash, v1.hash)
        XCTAssertEqual([v2.acceptedByMe, v2.acceptedByPartner, v2.waitingForMe], [true, false, false])
        assertTandemError(.notAllowedNow, "Ben accepts his own amendment") {
            try ben.acceptAgreement(id: id, versionHash: v2.hash)
        }

        try sync(ben, to: ana)
        let onAna = try only(ana)
        XCTAssertEqual(Set(onAna.pending.map(\.hash)), [v1.hash, v2.hash], "both wait until one is accepted")
        let v2OnAna = try XCTUnwrap(onAna.pending.first { $0.hash == v2.hash })
        XCTAssertEqual([v2OnAna.byMe, v2OnAna.waitingForMe, v2OnAna.acceptedByPartner], [false, true, true])
        XCTAssertEqual(v2OnAna.text, v2.text)

        // Ana accepts exactly Ben's version, by its hash.
        let active = try ana.acceptAgreement(id: id, versionHash: v2.hash)
        XCTAssertEqual(active.status, .active)
        XCTAssertEqual(active.inEffect?.hash, v2.hash)
        XCTAssertEqual(active.inEffect?.text, "No phones at the dinner table, except on call nights.")
        XCTAssertEqual(active.inEffect?.acceptedByMe, true)
        XCTAssertEqual(active.inEffect?.acceptedByPartner, true)
        XCTAssertEqual(active.pending, [], "version 1 is superseded")
        try sync(ana, to: ben)
        let activeOnBen = try only(ben)
        XCTAssertEqual(activeOnBen.status, .active)
        XCTAssertEqual(activeOnBen.inEffect?.hash, v2.hash)
        XCTAssertEqual(activeOnBen.inEffect?.text, "No phones at the dinner table, except on call nights.")
        XCTAssertEqual(activeOnBen.inEffect?.byMe, true)
        XCTAssertEqual(activeOnBen.pending, [])

        // One hash-chained history, the same head on both phones.
        let onAnaHistory = try ana.agreementHistory(id: id)
        let onBenHistory = try ben.agreementHistory(id: id)
        XCTAssertEqual(onAnaHistory.entries.map(\.kind), [.proposed, .amended, .accepted])
        XCTAssertEqual(onBenHistory.entries.map(\.kind), [.proposed, .amended, .accepted])
        XCTAssertEqual(onAnaHistory.entries.map(\.byMe), [true, false, true])
        XCTAssertEqual(onBenHistory.entries.map(\.byMe), [false, true, false])
        XCTAssertEqual(onAnaHistory.entries.map(\.version), [v1.hash, v2.hash, v2.hash])
        XCTAssertEqual(onAnaHistory.entries.map(\.title), ["Phones away", "Phones away", nil])
        XCTAssertEqual(onAnaHistory.entries[1].text, "No phones at the dinner table, except on call nights.")
        XCTAssertEqual(onAnaHistory.head, onBenHistory.head)
        XCTAssertEqual(onAnaHistory.head, onAnaHistory.entries.last?.hash)
        XCTAssertEqual(onAnaHistory.entries.map(\.hash), onBenHistory.entries.map(\.hash))
        for (before, after) in zip(onAnaHistory.entries, onAnaHistory.entries.dropFirst()) {
            XCTAssertEqual(after.prev, before.hash, "each entry commits to the one before")
        }
        XCTAssertEqual(Set(onAnaHistory.entries.map(\.hash)).count, 3)

        // The superseded version 1 can no longer be accepted, on either phone.
        assertTandemError(.notAllowedNow, "Ben accepts the superseded version 1") {
            try ben.acceptAgreement(id: id, versionHash: v1.hash)
        }
        assertTandemError(.notAllowedNow, "Ana accepts the version in effect again") {
            try ana.acceptAgreement(id: id, versionHash: v2.hash)
        }
        assertTandemError(.notAllowedNow, "a hash no version has") { try ben.acceptAgreement(id: id, versionHash: zeros) }
        assertTandemError(.invalidInput, "a malformed hash") { try ben.acceptAgreement(id: id, versionHash: "v2") }
        assertTandemError(.invalidInput, "7 hex characters: shorter than a short id") {
            try ben.acceptAgreement(id: id, versionHash: String(v2.hash.prefix(7)))
        }
        // A prefix of 8 or more names the version: here the one in effect.
        assertTandemError(.notAllowedNow, "the short id of the version in effect") {
            try ana.acceptAgreement(id: id, versionHash: String(v2.hash.prefix(8)))
        }
        assertTandemError(.notFound, "an unknown agreement") { try ben.acceptAgreement(id: zeros, versionHash: v2.hash) }
        assertTandemError(.notFound, "history of an unknown agreement") { try ben.agreementHistory(id: zeros) }
        XCTAssertEqual(try ana.agreementHistory(id: id).head, onAnaHistory.head, "refusals leave no trace")
    }

    func testConcurrentAmendmentsWaitSideBySideOnBothPhones() throws {
        let proposed = try ana.proposeAgreement(draft: phonesAway())
        let v1 = try XCTUnwrap(proposed.pending.first?.hash)
        try sync(ana, to: ben)

        // Both amend version 1 before hearing from each other.
        var anas = phonesAway()
        anas.text = "No phones at dinner; a basket by the door."
        var bens = phonesAway()
        bens.title = "Dinner together"
        let byAna = try XCTUnwrap(try ana.amendAgreement(id: proposed.id, parentHash: v1, draft: anas)
            .pending.first { $0.parent == v1 }?.hash)
        let byBen = try XCTUnwrap(try ben.amendAgreement(id: proposed.id, parentHash: v1, draft: bens)
            .pending.first { $0.parent == v1 }?.hash)
        XCTAssertNotEqual(byAna, byBen)
        try sync(ana, to: ben)
        try sync(ben, to: ana)

        for (name, t) in [("Ana", ana!), ("Ben", ben!)] {
            let a = try only(t)
            XCTAssertEqual(a.status, .proposed, name)
            XCTAssertNil(a.inEffect, name)
            XCTAssertEqual(Set(a.pending.map(\.hash)), [v1, byAna, byBen], "\(name): side by side")
            let mine = a.pending.filter(\.byMe).map(\.hash)
            let waiting = a.pending.filter(\.waitingForMe).map(\.hash)
            if t === ana {
                XCTAssertEqual(Set(mine), [v1, byAna], name)
                XCTAssertEqual(waiting, [byBen], name)
            } else {
                XCTAssertEqual(mine, [byBen], name)
                // His amendment answered version 1: only Ana's waits for him.
                XCTAssertEqual(waiting, [byAna], name)
            }
            XCTAssertEqual(a.pending.first { $0.hash == byAna }?.text, "No phones at dinner; a basket by the door.")
            XCTAssertEqual(a.pending.first { $0.hash == byBen }?.title, "Dinner together")
        }
        XCTAssertEqual(try ana.agreementHistory(id: proposed.id).head, try ben.agreementHistory(id: proposed.id).head)
        XCTAssertEqual(try ana.agreementHistory(id: proposed.id).entries.map(\.kind), [.proposed, .amended, .amended])

        // Ben accepts Ana's amendment: his own alternative is superseded.
        XCTAssertEqual(try ben.acceptAgreement(id: proposed.id, versionHash: byAna).inEffect?.hash, byAna)
        try sync(ben, to: ana)
        let settled = try only(ana)
        XCTAssertEqual(settled.status, .active)
        XCTAssertEqual(settled.inEffect?.text, "No phones at dinner; a basket by the door.")
        XCTAssertEqual(settled.pending, [])
        assertTandemError(.notAllowedNow, "accepting the superseded alternative") {
            try ana.acceptAgreement(id: proposed.id, versionHash: byBen)
        }
        assertTandemError(.notAllowedNow, "amending on a superseded version") {
            try ben.amendAgreement(id: proposed.id, parentHash: byBen, draft: phonesAway())
        }
    }

    func testAWithdrawalByThePartnerWhoDidNotProposeReachesBothPhones() throws {
        let (id, v1) = try inEffect(phonesAway())
        clock.set(nowMs: at(2, 9, 0))
        let withdrawn = try ben.withdrawAgreement(id: id)
        XCTAssertEqual(withdrawn.status, .withdrawn)
        XCTAssertEqual(withdrawn.withdrawnByMe, true)
        XCTAssertEqual(withdrawn.withdrawnAtMs, at(2, 9, 0))
        XCTAssertNil(withdrawn.inEffect, "no longer in effect, at once")
        XCTAssertEqual(withdrawn.pending, [])
        XCTAssertEqual(try only(ana).status, .active, "Ana has not heard yet")

        try sync(ben, to: ana)
        let onAna = try only(ana)
        XCTAssertEqual(onAna.status, .withdrawn)
        XCTAssertEqual(onAna.withdrawnByMe, false)
        XCTAssertEqual(onAna.withdrawnAtMs, at(2, 9, 0))
        XCTAssertNil(onAna.inEffect)
        XCTAssertTrue(onAna.proposedByMe)

        let history = try ana.agreementHistory(id: id)
        XCTAssertEqual(history.entries.map(\.kind), [.proposed, .accepted, .withdrawn])
        XCTAssertEqual(history.entries.map(\.byMe), [true, false, false])
        XCTAssertEqual(history.entries.last?.atMs, at(2, 9, 0))
        XCTAssertNil(history.entries.last?.version)
        XCTAssertEqual(history.entries.first?.text, "No phones at the dinner table.", "the history keeps what was agreed")
        XCTAssertEqual(history.head, try ben.agreementHistory(id: id).head)

        var amended = phonesAway()
        amended.text = "Phones away after nine."
        for (name, t) in [("Ana", ana!), ("Ben", ben!)] {
            assertTandemError(.notAllowedNow, "\(name) amends a withdrawn agreement") {
                try t.amendAgreement(id: id, parentHash: v1, draft: amended)
            }
            assertTandemError(.notAllowedNow, "\(name) withdraws twice") { try t.withdrawAgreement(id: id) }
            assertTandemError(.notAllowedNow, "\(name) accepts in a withdrawn agreement") {
                try t.acceptAgreement(id: id, versionHash: v1)
            }
            assertTandemError(.notAllowedNow, "\(name) reviews a withdrawn agreement") {
                try t.reviewAgreement(id: id, outcome: .keep)
            }
        }
        XCTAssertEqual(try ana.agreementHistory(id: id).head, history.head)
    }

    func testAPauseAgreementsCoolDownIsTheDefaultPauseLengthOnceInEffect() throws {
        let before = try ana.startPause(minutes: nil, note: nil)
        XCTAssertEqual(before.returnAtMs - before.startedAtMs, 20 * T.minute, "no agreement: 20 minutes")
        _ = try ana.endPause(id: before.id)

        let protocol45 = PauseProtocol(coolDownMinutes: 45, eitherMayCall: true, revisit: "On the sofa, tea first")
        let proposed = try ana.proposeAgreement(draft: AgreementDraft(
            title: "When it gets heated", text: "Either of us may call a pause; we come back to it.",
            pauseProtocol: protocol45))
        XCTAssertEqual(proposed.pending.first?.pauseProtocol, protocol45)
        let waiting = try ana.startPause(minutes: nil, note: nil)
        XCTAssertEqual(waiting.returnAtMs - waiting.startedAtMs, 20 * T.minute, "only proposed: not in effect")
        _ = try ana.endPause(id: waiting.id)

        try sync(ana, to: ben)
        XCTAssertEqual(try only(ben).pending.first?.pauseProtocol, protocol45, "the protocol travels")
        let hash = try XCTUnwrap(try only(ben).pending.first?.hash)
        XCTAssertEqual(try ben.acceptAgreement(id: proposed.id, versionHash: hash).inEffect?.pauseProtocol, protocol45)
        let onBen = try ben.startPause(minutes: nil, note: nil)
        XCTAssertEqual(onBen.returnAtMs - onBen.startedAtMs, 45 * T.minute)
        _ = try ben.endPause(id: onBen.id)

        try sync(ben, to: ana)
        let onAna = try ana.startPause(minutes: nil, note: nil)
        XCTAssertEqual(onAna.returnAtMs - onAna.startedAtMs, 45 * T.minute, "in effect on Ana's phone after the sync")
        XCTAssertEqual(onAna.firstReturnAtMs, onAna.returnAtMs)
        _ = try ana.endPause(id: onAna.id)
        let chosen = try ana.startPause(minutes: 30, note: nil)
        XCTAssertEqual(chosen.returnAtMs - chosen.startedAtMs, 30 * T.minute, "a chosen length wins")

        assertTandemError(.invalidInput, "a cool-down under 20 minutes") {
            try ana.proposeAgreement(draft: AgreementDraft(
                title: "Short", text: "Short pauses.",
                pauseProtocol: PauseProtocol(coolDownMinutes: 5, eitherMayCall: true)))
        }
    }

    func testAReviewDateBringsAnEveningReminderAndIsDueOnItsDay() throws {
        // Review dates are after today wherever it still is today (UTC-12):
        // at 12:00Z on the 13th that is the 13th itself.
        assertTandemError(.invalidInput, "a review date of today") {
            try ana.proposeAgreement(draft: phonesAway(reviewOn: "2027-03-13"))
        }
        assertTandemError(.invalidInput, "a malformed review date") {
            try ana.proposeAgreement(draft: phonesAway(reviewOn: "2027-02-30"))
        }
        clock.set(nowMs: at(1, 11, 59))  // 2027-03-14 11:59Z: still the 13th at UTC-12
        XCTAssertEqual(try ana.proposeAgreement(draft: phonesAway(reviewOn: "2027-03-14")).pending.first?.reviewOn,
                       "2027-03-14")
        clock.set(nowMs: at(1, 12, 0))
        assertTandemError(.invalidInput, "the 14th has begun everywhere") {
            try ana.proposeAgreement(draft: phonesAway(reviewOn: "2027-03-14"))
        }
        let early = try only(ana)
        XCTAssertEqual(try ana.withdrawAgreement(id: early.id).status, .withdrawn)

        let draft = AgreementDraft(title: "Sunday check-in", text: "We talk about the week on Sundays.",
                                   reviewOn: "2027-03-20")
        let proposed = try ana.proposeAgreement(draft: draft)
        let hash = try XCTUnwrap(proposed.pending.first?.hash)
        XCTAssertEqual(try ana.planReminders(deviceZone: "UTC", limit: 60).filter { $0.kind == .agreementReview }, [],
                       "not in effect yet")
        try sync(ana, to: ben)
        _ = try ben.acceptAgreement(id: proposed.id, versionHash: hash)
        try sync(ben, to: ana)

        // 19:00 on the device's clock on the review day: 19:00Z in UTC,
        // 18:00Z in Berlin (CET until the 28th).
        let inUtc = try ana.planReminders(deviceZone: "UTC", limit: 60).filter { $0.kind == .agreementReview }
        XCTAssertEqual(inUtc.map(\.fireAtMs), [at(7, 19, 0)])
        XCTAssertEqual(inUtc.first?.sourceId, proposed.id)
        XCTAssertEqual(inUtc.first?.title, "Time to revisit: Sunday check-in")
        XCTAssertEqual(inUtc.first?.localTime, "2027-03-20 19:00")
        XCTAssertFalse(inUtc.first?.privateBody.contains("Sunday") ?? true)
        let inBerlin = try ben.planReminders(deviceZone: "Europe/Berlin", limit: 60).filter { $0.kind == .agreementReview }
        XCTAssertEqual(inBerlin.map(\.fireAtMs), [at(7, 18, 0)])
        XCTAssertEqual(inBerlin.first?.title, "Time to revisit: Sunday check-in")

        XCTAssertEqual(try ana.agreementReviewsDue(deviceZone: "UTC"), [])
        clock.set(nowMs: at(7, 6, 0))  // 23:00 on the 19th in Los Angeles (PDT)
        XCTAssertEqual(try ana.agreementReviewsDue(deviceZone: "UTC").map(\.id), [proposed.id])
        XCTAssertEqual(try ben.agreementReviewsDue(deviceZone: "UTC").map(\.id), [proposed.id])
        XCTAssertEqual(try ana.agreementReviewsDue(deviceZone: "America/Los_Angeles"), [], "still the 19th there")

        // Kept at its review: no longer due, its reminder goes, on both once synced.
        let kept = try ana.reviewAgreement(id: proposed.id, outcome: .keep)
        XCTAssertTrue(kept.reviewed)
        XCTAssertEqual(kept.status, .active)
        XCTAssertEqual(try ana.agreementReviewsDue(deviceZone: "UTC"), [])
        XCTAssertEqual(try ana.planReminders(deviceZone: "UTC", limit: 60).filter { $0.kind == .agreementReview }, [])
        assertTandemError(.notAllowedNow, "kept twice") { try ana.reviewAgreement(id: proposed.id, outcome: .keep) }
        try sync(ana, to: ben)
        XCTAssertEqual(try ben.agreementReviewsDue(deviceZone: "UTC"), [])
        XCTAssertEqual(try ben.agreementHistory(id: proposed.id).entries.map(\.kind), [.proposed, .accepted, .kept])
    }

    func testAWithdrawnOrDeclinedAgreementKeepsItsTitleWithoutItsHistory() throws {
        let (id, _) = try inEffect(phonesAway())
        XCTAssertEqual(try only(ana).title, "Phones away")
        XCTAssertEqual(try ben.withdrawAgreement(id: id).title, "Phones away")
        try sync(ben, to: ana)
        for (name, t) in [("Ana", ana!), ("Ben", ben!)] {
            let agreement = try only(t)
            XCTAssertEqual(agreement.status, .withdrawn, name)
            XCTAssertNil(agreement.inEffect, name)
            XCTAssertEqual(agreement.pending, [], name)
            XCTAssertEqual(agreement.title, "Phones away", name)
            let row = try XCTUnwrap(try t.agreementsScreen(deviceZone: "UTC").row(id: id), name)
            XCTAssertEqual([row.title, row.status], ["Phones away", "Withdrawn"], "\(name): ended, by its title")
            XCTAssertEqual(row.history.last?.text, "Withdrawn: “Phones away”", name)
        }
        let other = try ana.proposeAgreement(draft: AgreementDraft(title: "Sunday check-in", text: "Ten minutes.",
                                                                   pauseProtocol: nil, reviewOn: nil))
        try sync(ana, to: ben)
        let declined = try ben.declineAgreement(id: other.id, versionHash: try XCTUnwrap(other.pending.first?.hash))
        XCTAssertEqual(declined.status, .declined)
        XCTAssertEqual(declined.title, "Sunday check-in")
    }

    func testAnAmendmentMayKeepTheParentsReviewDateAfterItPassed() throws {
        let (id, hash) = try inEffect(phonesAway(reviewOn: "2027-03-20"))
        clock.set(nowMs: at(12, 12, 0))  // 2027-03-25, after the review date
        let version = try XCTUnwrap(try only(ana).inEffect)
        XCTAssertEqual(version.reviewOn, "2027-03-20")
        var same = version.draft
        same.text = "No phones at the table, breakfast too."
        let amended = try ana.amendAgreement(id: id, parentHash: hash, draft: same)
        XCTAssertEqual(amended.pending.first?.reviewOn, "2027-03-20", "the parent's date, unchanged")
        XCTAssertEqual(amended.title, "Phones away", "the version in effect's title")
        var moved = version.draft
        moved.reviewOn = "2027-03-21"
        assertTandemError(.invalidInput, "a changed review date in the past") {
            try ben.amendAgreement(id: id, parentHash: hash, draft: moved)
        }
    }
}

/// The trial rules that changed with issue 5: a counter that carries the
/// trial's end unchanged works on the last day; a counter identical to the
/// version in effect is `InvalidInput`; keeping a trial while a change waits
/// is `NotAllowedNow`.
final class TrialLastDayBindingsTests: TwoPhonesTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try pair()
    }

    func testACopiedDraftCountersOnTheTrialsLastDay() throws {
        var d = draft("Cold shower", minutes: 5, at: "20:30")
        d.recurrence = Recurrence(repeat: .daily, startDate: "2027-03-13", untilDate: nil, count: nil)
        d.trialUntil = "2027-03-20"
        let id = try agreed(d).id
        clock.set(nowMs: at(7, 12, 0))  // the last day
        XCTAssertEqual(try ben.reviewsDue(deviceZone: "UTC").map(\.id), [id])

        let same = try ben.ritualDraft(id: id)
        XCTAssertEqual(same.trialUntil, "2027-03-20")
        assertTandemError(.invalidInput, "a counter identical to the version in effect") {
            try ben.counterRitual(id: id, draft: same)
        }
        var later = same
        later.timeOfDay = "21:00"
        let countered = try ben.counterRitual(id: id, draft: later)
        XCTAssertEqual(countered.pending?.timeOfDay, "21:00")
        XCTAssertEqual(countered.pending?.trialUntil, "2027-03-20", "carried unchanged on its last day")
        XCTAssertEqual(countered.timeOfDay, "20:30")

        try sync(ben, to: ana)
        assertTandemError(.notAllowedNow, "keeping the trial while a change waits") {
            try ana.reviewRitual(id: id, outcome: .keep)
        }
        XCTAssertEqual(try ana.acceptRitual(id: id).timeOfDay, "21:00")
    }
}
