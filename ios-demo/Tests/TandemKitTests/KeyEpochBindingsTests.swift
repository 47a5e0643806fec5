import Foundation
import XCTest
@testable import TandemKit

/// Where the keys stand: `PairingStatus.paired`'s key epoch and when this
/// phone's keys last moved on.
private struct Keys: Equatable {
    let epoch: UInt32
    let movedAtMs: Int64
}

private struct NotPairedNow: Error {}

private func keys(_ tandem: Tandem) throws -> Keys {
    guard case let .paired(_, _, _, epoch, movedAt) = try tandem.pairingStatus() else { throw NotPairedNow() }
    return Keys(epoch: epoch, movedAtMs: movedAt)
}

/// Keys that move on, through the generated Swift: the key epoch as payloads
/// are exchanged, and a payload sealed to a key deleted since
/// (`PayloadTooOld`), on Ana's and Ben's Tandems sharing one ManualClock.
final class KeyEpochBindingsTests: TwoPhonesTestCase {
    /// Everything `from` has for its partner, every payload imported by `to`
    /// (no clock change, unlike `sync`).
    private func deliver(_ from: Tandem, to: Tandem) throws {
        let payloads = try from.exportPayloads()
        XCTAssertFalse(payloads.isEmpty)
        for payload in payloads { _ = try to.importPayload(payload: payload) }
    }

    func testTheEpochGrowsWithEachDeliveryAndKeysMovedAtIsTheClockThen() throws {
        try pair()
        // Right after pairing: epoch 1 on both, the keys made at pairing.
        XCTAssertEqual(try keys(ana), Keys(epoch: 1, movedAtMs: T.mar13_1200Z))
        XCTAssertEqual(try keys(ben), Keys(epoch: 1, movedAtMs: T.mar13_1200Z))
        _ = try ana.proposeRitual(draft: draft())

        // Alternating deliveries, each sealed to the receiver's newest key:
        // the receiver moves on (Ben to 2, Ana to 3, Ben to 4, ...) at the
        // moment it imports; exporting moves nothing on the sender.
        var epoch: UInt32 = 1
        for round in 1...4 {
            for (from, to, who) in [(ana!, ben!, "Ben"), (ben!, ana!, "Ana")] {
                let senderBefore = try keys(from)
                clock.advance(byMs: 7 * T.minute)
                let payloads = try from.exportPayloads()
                XCTAssertEqual(try keys(from), senderBefore, "round \(round): exporting moves no keys")
                clock.advance(byMs: 5 * T.minute)
                let importedAt = clock.nowMs()
                for payload in payloads { _ = try to.importPayload(payload: payload) }
                epoch += 1
                XCTAssertEqual(try keys(to), Keys(epoch: epoch, movedAtMs: importedAt), "round \(round): \(who)")
                XCTAssertEqual(try keys(from), senderBefore, "round \(round): the sender after delivery")
            }
        }
        XCTAssertEqual(try keys(ana).epoch, 9, "Ana after eight deliveries")
        XCTAssertEqual(try keys(ben).epoch, 8, "Ben after eight deliveries")

        // Ben's next payload is sealed to the key Ana already uses, and a
        // replay is a replay: neither moves Ana's keys.
        let before = try keys(ana)
        clock.advance(byMs: T.minute)
        let next = try XCTUnwrap(try ben.exportPayloads().first)
        XCTAssertEqual(try ana.importPayload(payload: next).applied, 0)
        XCTAssertEqual(try keys(ana), before, "a payload to the key in use")
        clock.advance(byMs: T.minute)
        XCTAssertTrue(try ana.importPayload(payload: next).alreadyImported)
        XCTAssertEqual(try keys(ana), before, "a replay")
    }

    func testAPayloadSealedToADeletedKeyIsPayloadTooOldAndChangesNothing() throws {
        try pair()
        let walk = try ana.proposeRitual(draft: draft("Evening walk"))
        let p1 = try XCTUnwrap(try ana.exportPayloads().first)
        clock.advance(byMs: T.minute)
        let tea = try ana.proposeRitual(draft: draft("Tea", minutes: 15, at: "16:00"))
        // Ana has not heard from Ben: P2 is sealed to his first key too.
        let p2 = try XCTUnwrap(try ana.exportPayloads().first)
        clock.advance(byMs: T.minute)
        let first = try ben.importPayload(payload: p1)
        XCTAssertEqual(first.applied, 1)
        XCTAssertTrue(first.partnerConfirmed)
        XCTAssertEqual(try keys(ben).epoch, 2, "Ben made his next key")

        // Three full exchanges. The first Ana→Ben is still sealed to Ben's
        // key 1 and moves nothing; after the third, key 1 is deleted.
        var epochs: [[UInt32]] = []
        for _ in 1...3 {
            clock.advance(byMs: T.minute)
            try deliver(ana, to: ben)
            try deliver(ben, to: ana)
            epochs.append([try keys(ana).epoch, try keys(ben).epoch])
        }
        XCTAssertEqual(epochs, [[3, 2], [5, 4], [7, 6]], "(Ana, Ben) after each exchange")
        let rituals = try ben.rituals()
        XCTAssertEqual(Set(rituals.map(\.id)), [walk.id, tea.id], "Tea reached Ben with the exchanges")
        let status = try ben.pairingStatus()

        clock.advance(byMs: T.minute)
        let error = assertTandemError(.payloadTooOld, "P2, sealed to Ben's deleted key 1") {
            try ben.importPayload(payload: p2)
        }
        XCTAssertEqual(error.map { TandemMessages.message(for: $0) }, TandemMessages.message(for: .payloadTooOld))
        XCTAssertEqual(try ben.rituals(), rituals, "Ben's rituals unchanged by the refused payload")
        XCTAssertEqual(try ben.pairingStatus(), status, "Ben's keys unchanged by the refused payload")
        assertTandemError(.payloadTooOld, "P2 again") { try ben.importPayload(payload: p2) }

        // P1 was applied before its key went: delivered again, it is a duplicate.
        let again = try ben.importPayload(payload: p1)
        XCTAssertTrue(again.alreadyImported)
        XCTAssertEqual(again.applied, 0)
        XCTAssertEqual(try ben.rituals(), rituals)
        XCTAssertEqual(try ben.pairingStatus(), status)
    }
}

/// The shells: a too-old file is settled (set aside with its message), and
/// the pairing screen's key line.
final class KeyEpochShellTests: TwoShellsTestCase {
    override var startsPaired: Bool { true }

    private func files(in url: URL) throws -> [String] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    func testATooOldFileIsSetAsideWithTheCalmMessage() throws {
        _ = try ana.open().proposeRitual(draft: RitualDraft(title: "Evening walk", prompt: nil, minutes: 45, timeOfDay: "20:30", zone: .floating))
        _ = try anaFiles.send(ana.open().exportPayloads())
        _ = try ana.open().proposeRitual(draft: RitualDraft(title: "Tea", prompt: nil, minutes: 15, timeOfDay: "16:00", zone: .floating))
        let late = try XCTUnwrap(try anaFiles.send(ana.open().exportPayloads()).first)
        // The second file is held back (a slow share); the first arrives.
        let aside = dir.appendingPathComponent("held", isDirectory: true)
        try FileManager.default.createDirectory(at: aside, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: anaToBen.appendingPathComponent(late), to: aside.appendingPathComponent(late))
        XCTAssertEqual(try ben.syncIn(through: benFiles).applied, 1)
        for _ in 1...3 {
            clock.advance(byMs: T.minute)
            _ = try anaFiles.send(ana.open().exportPayloads())
            _ = try ben.syncIn(through: benFiles)
            _ = try benFiles.send(ben.open().exportPayloads())
            _ = try ana.syncIn(through: anaFiles)
        }
        let rituals = try ben.open().rituals()
        XCTAssertEqual(rituals.count, 2, "both rituals reached Ben with the exchanges")

        try FileManager.default.moveItem(at: aside.appendingPathComponent(late), to: anaToBen.appendingPathComponent(late))
        let report = try ben.syncIn(through: benFiles)
        let message = TandemMessages.message(for: .payloadTooOld)
        XCTAssertEqual(report.items, [SyncInItem(id: late, outcome: .failed(kind: .payloadTooOld, message: message))])
        XCTAssertTrue(report.items[0].outcome.isSettled, "trying again cannot help: its changes come again")
        XCTAssertEqual(report.items[0].outcome.file, .remove, "the core's decision: nothing is lost, so it goes")
        XCTAssertEqual(try files(in: anaToBen), [], "removed, not offered again")
        XCTAssertEqual(try ben.syncScreen(inbox: benFiles, last: .received(report)).lines, ["\(late): \(message)"])
        XCTAssertEqual(try ben.open().rituals(), rituals, "nothing changed on Ben's phone")
    }

    func testThePairedScreenCarriesTheKeysAndWordsThem() throws {
        XCTAssertEqual(try ana.pairingFlow().model?.keys,
                       "Encryption keys: generation 1, last renewed Sat 13 Mar 2027 at 12:00. They renew as you sync.")
        clock.advance(byMs: T.hour)
        _ = try anaFiles.send(ana.open().exportPayloads())
        _ = try ben.syncIn(through: benFiles)
        let bens = try XCTUnwrap(try ben.pairingFlow().model)
        XCTAssertEqual(bens.pairedWith, "Paired with Ana's phone")
        XCTAssertEqual(bens.keys,
                       "Encryption keys: generation 2, last renewed Sat 13 Mar 2027 at 13:00. They renew as you sync.",
                       "Ben's keys moved on when Ana's file arrived")

        // 2027-03-13 12:00Z: 07:00 in New York (EST), 13:00 in Berlin: the
        // line is read on the phone's clock (Ana's keys have not moved).
        for (zone, time) in [("America/New_York", "07:00"), ("Europe/Berlin", "13:00")] {
            anaZone = zone
            XCTAssertEqual(try ana.pairingFlow().model?.keys,
                           "Encryption keys: generation 1, last renewed Sat 13 Mar 2027 at \(time). They renew as you sync.",
                           zone)
        }
        anaZone = "Not/AZone"
        XCTAssertEqual(try ana.pairingFlow().state, .failed(message: TandemMessages.message(for: .invalidInput)),
                       "an unknown zone is the core's refusal")
        anaZone = "UTC"
        let cleo = controller("cleo.sqlite", "Cleo's phone")
        defer { try? cleo.close() }
        XCTAssertNil(try cleo.pairingFlow().model?.keys, "no keys before pairing")
    }
}
