import Foundation
import XCTest
@testable import TandemKit

/// Holds payloads in memory and records what the controller told it.
private final class MemoryTransport: SyncTransport {
    var sent: [Data] = []
    var waiting: [IncomingPayload] = []
    var finished: [(String, SyncInItem.Outcome)] = []

    func send(_ payloads: [Data]) throws -> [String] {
        sent += payloads
        return payloads.indices.map { "p\(sent.count - payloads.count + $0)" }
    }

    func incoming() throws -> [IncomingPayload] { waiting }

    func finish(_ id: String, outcome: SyncInItem.Outcome) throws {
        finished.append((id, outcome))
    }
}

private struct DiskUnreadable: Error {}

/// Sync through `FileSyncTransport` (temp dirs) and the controller.
final class SyncTransportTests: TwoShellsTestCase {
    private func files(in url: URL) throws -> [String] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    private func text(_ url: URL, _ name: String) throws -> String {
        String(decoding: try Data(contentsOf: url.appendingPathComponent(name)), as: UTF8.self)
    }

    func testRoundTripThroughFilesBothWays() throws {
        try pair()
        let walk = try ana.open().proposeRitual(draft: RitualDraft(title: "Evening walk", prompt: nil, minutes: 45, timeOfDay: "20:30", zone: .floating))
        let call = try ana.open().proposeRitual(draft: RitualDraft(title: "Sunday call", prompt: nil, minutes: 60, timeOfDay: "18:00", zone: .fixed(zone: "Europe/Berlin")))

        // Ana writes one file per payload, each the payload's text form.
        let sent = try anaFiles.send(ana.open().exportPayloads())
        XCTAssertEqual(sent.count, 1)
        XCTAssertEqual(try files(in: anaToBen), sent)
        XCTAssertTrue(sent[0].hasSuffix("-001.tandem"), sent[0])
        let written = try text(anaToBen, sent[0])
        XCTAssertTrue(written.hasPrefix("TSYNC1:"))
        XCTAssertEqual(payloadToText(payload: try payloadFromText(text: written)), written)

        // Ben reads and imports every file found; imported files go away.
        let atBen = try ben.syncIn(through: benFiles)
        XCTAssertEqual(atBen.items.map(\.id), sent)
        XCTAssertEqual(atBen.items.map(\.report?.counts), [ImportReport(
            applied: 2, duplicates: 0, alreadyImported: false, acknowledged: 0, partnerConfirmed: true)])
        XCTAssertEqual(atBen.applied, 2)
        XCTAssertEqual(atBen.acknowledged, 0)
        XCTAssertTrue(atBen.partnerConfirmed)
        XCTAssertEqual(atBen.failed, [])
        XCTAssertEqual(try files(in: anaToBen), [])
        XCTAssertEqual(Set(try ben.open().rituals()), [walk, call])
        XCTAssertEqual(try ben.open().pairingStatus(), .paired(
            partnerName: "Ana's phone", partnerDeviceId: try ana.open().device().deviceId, partnerConfirmed: true,
            keyEpoch: 2, keysMovedAtMs: T.mar13_1200Z))

        // Ben answers with his own ritual and the acknowledgement.
        let tea = try ben.open().proposeRitual(draft: RitualDraft(title: "Tea", prompt: nil, minutes: 20, timeOfDay: "07:00", zone: .floating))
        XCTAssertEqual(try benFiles.send(ben.open().exportPayloads()).count, 1)
        let atAna = try ana.syncIn(through: anaFiles)
        XCTAssertEqual(atAna.applied, 1)
        XCTAssertEqual(atAna.acknowledged, 2, "Ben holds both of Ana's changes")
        XCTAssertFalse(atAna.partnerConfirmed)
        XCTAssertEqual(try ana.open().rituals(), try ben.open().rituals())
        XCTAssertEqual(Set(try ana.open().rituals().map(\.id)), [walk.id, call.id, tea.id])
        XCTAssertEqual(try ana.todayScreen().coming.map(\.ritualId), try ben.todayScreen().coming.map(\.ritualId))

        // A second round: nothing new.
        _ = try anaFiles.send(ana.open().exportPayloads())
        let again = try ben.syncIn(through: benFiles)
        XCTAssertEqual(again.applied, 0)
        XCTAssertEqual(again.duplicates, 0)
        XCTAssertEqual(again.acknowledged, 1)
        XCTAssertEqual(again.items.count, 1)

        // Nothing waiting: an empty report.
        let nothing = try ben.syncIn(through: benFiles)
        XCTAssertEqual(nothing, SyncInReport(items: []))
        XCTAssertEqual(nothing.applied, 0)
        XCTAssertFalse(nothing.partnerConfirmed)
    }

    func testAFileReceivedTwiceIsAlreadyImported() throws {
        try pair()
        _ = try ana.open().proposeRitual(draft: RitualDraft(title: "Evening walk", prompt: nil, minutes: 45, timeOfDay: "20:30", zone: .floating))
        let name = try XCTUnwrap(try anaFiles.send(ana.open().exportPayloads()).first)
        let copy = try Data(contentsOf: anaToBen.appendingPathComponent(name))
        XCTAssertEqual(try ben.syncIn(through: benFiles).applied, 1)

        try copy.write(to: anaToBen.appendingPathComponent("copy-" + name))
        let replay = try ben.syncIn(through: benFiles)
        XCTAssertEqual(replay.alreadyImported, 1)
        XCTAssertEqual(replay.applied, 0)
        XCTAssertEqual(replay.items.map(\.outcome.isSettled), [true])
        XCTAssertEqual(try files(in: anaToBen), [], "settled, so removed")
    }

    func testRefusedAndForeignFilesAreSetAsideAndOthersStillImport() throws {
        try pair()
        let mine = try ben.open().proposeRitual(draft: RitualDraft(title: "Tea", prompt: nil, minutes: 20, timeOfDay: "07:00", zone: .floating))
        let walk = try ana.open().proposeRitual(draft: RitualDraft(title: "Evening walk", prompt: nil, minutes: 45, timeOfDay: "20:30", zone: .floating))
        let good = try XCTUnwrap(try anaFiles.send(ana.open().exportPayloads()).first)

        // A tampered copy (one byte flipped), someone's notes, a hidden file
        // and a folder, next to the genuine payload.
        let payload = try payloadFromText(text: try text(anaToBen, good))
        try payloadToText(payload: flipped(payload, at: payload.count / 2)).write(
            to: anaToBen.appendingPathComponent("a-tampered.tandem"), atomically: true, encoding: .utf8)
        try "shopping list: milk".write(
            to: anaToBen.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        try Data([0xFF, 0xFE, 0x00]).write(to: anaToBen.appendingPathComponent(".DS_Store"))
        try FileManager.default.createDirectory(
            at: anaToBen.appendingPathComponent("folder"), withIntermediateDirectories: false)

        let report = try ben.syncIn(through: benFiles)
        XCTAssertEqual(report.items.map(\.id), ["a-tampered.tandem", "notes.txt", good])
        let refused = SyncInItem.Outcome.failed(
            kind: .payloadRejected, message: TandemMessages.message(for: .payloadRejected))
        XCTAssertEqual(report.items.map(\.outcome.counts), [
            refused, refused,
            .imported(ImportReport(applied: 1, duplicates: 0, alreadyImported: false, acknowledged: 0, partnerConfirmed: true)),
        ])
        XCTAssertEqual(report.failed.map(\.id), ["a-tampered.tandem", "notes.txt"])
        XCTAssertEqual(report.applied, 1)
        XCTAssertEqual(Set(try ben.open().rituals()), [mine, walk])
        XCTAssertEqual(try files(in: anaToBen),
                       [".DS_Store", "a-tampered.tandem.rejected", "folder", "notes.txt.rejected"])
        XCTAssertEqual(try text(anaToBen, "notes.txt.rejected"), "shopping list: milk", "kept for the person")

        // Not read again.
        XCTAssertEqual(try ben.syncIn(through: benFiles).items, [])
    }

    func testAPayloadFromAnotherPairIsRefusedAndNothingChanges() throws {
        try pair()
        let walk = try ana.open().proposeRitual(draft: RitualDraft(title: "Evening walk", prompt: nil, minutes: 45, timeOfDay: "20:30", zone: .floating))
        let cleo = controller("cleo.sqlite", "Cleo's phone"), dan = controller("dan.sqlite", "Dan's phone")
        defer { try? cleo.close(); try? dan.close() }
        try pairDevices(offerer: cleo.open(), answerer: dan.open())
        _ = try cleo.open().proposeRitual(draft: RitualDraft(title: "Cleo's secret", prompt: nil, minutes: 10, timeOfDay: "08:00", zone: .floating))
        // Cleo's file lands in Ben's inbox (sent to the wrong person), next to Ana's.
        let cleoFiles = FileSyncTransport(outbox: anaToBen, inbox: dir.appendingPathComponent("unused"))
        let stray = try XCTUnwrap(try cleoFiles.send(cleo.open().exportPayloads()).first)
        let good = try XCTUnwrap(try anaFiles.send(ana.open().exportPayloads()).first)

        let report = try ben.syncIn(through: benFiles)
        let refused = try XCTUnwrap(report.items.first { $0.id == stray })
        guard case let .failed(kind, message) = refused.outcome else { return XCTFail("\(refused)") }
        XCTAssertNotNil(kind)
        XCTAssertFalse(message.isEmpty)
        XCTAssertFalse(message.contains("Cleo"), "never user text")
        XCTAssertEqual(report.items.first { $0.id == good }?.report?.applied, 1)
        XCTAssertEqual(try ben.open().rituals().map(\.title), [walk.title], "nothing of Cleo's")
        guard case let .paired(partnerName, _, _, _, _) = try ben.open().pairingStatus() else { return XCTFail() }
        XCTAssertEqual(partnerName, "Ana's phone", "still Ana's partner")
    }

    func testAPayloadBeforeConfirmingStaysForTheNextTry() throws {
        let aTandem = try ana.open(), bTandem = try ben.open()
        let answer = try bTandem.acceptPairing(offerText: try aTandem.startPairing().text)
        _ = try aTandem.completePairing(answerText: answer.text)
        try aTandem.confirmPairing()
        let walk = try ana.open().proposeRitual(draft: RitualDraft(title: "Evening walk", prompt: nil, minutes: 45, timeOfDay: "20:30", zone: .floating))
        let sent = try anaFiles.send(ana.open().exportPayloads())

        let early = try ben.syncIn(through: benFiles)
        XCTAssertEqual(early.items.map(\.outcome), [.failed(kind: .notPaired, message: TandemMessages.message(for: .notPaired))])
        XCTAssertFalse(early.items[0].outcome.isSettled)
        XCTAssertEqual(try files(in: anaToBen), sent, "kept")
        XCTAssertEqual(try ben.open().rituals(), [])

        try bTandem.confirmPairing()
        let later = try ben.syncIn(through: benFiles)
        XCTAssertEqual(later.applied, 1)
        XCTAssertTrue(later.partnerConfirmed)
        XCTAssertEqual(try ben.open().rituals(), [walk])
        XCTAssertEqual(try files(in: anaToBen), [])
    }

    func testAfterUnpairThePartnersFilesAreNotPaired() throws {
        try pair()
        _ = try anaFiles.send(ana.open().exportPayloads())
        _ = try ben.syncIn(through: benFiles)
        try ana.open().unpair()
        XCTAssertEqual(try ana.open().pairingStatus(), .unpaired)

        _ = try ben.open().proposeRitual(draft: RitualDraft(title: "Tea", prompt: nil, minutes: 20, timeOfDay: "07:00", zone: .floating))
        let sent = try benFiles.send(ben.open().exportPayloads())
        let report = try ana.syncIn(through: anaFiles)
        XCTAssertEqual(report.items.map(\.outcome), [.failed(kind: .notPaired, message: TandemMessages.message(for: .notPaired))])
        XCTAssertEqual(try ana.open().rituals(), [])
        XCTAssertEqual(try files(in: benToAna), sent, "kept: pairing again may not help, but the person decides")

        assertTandemError(.notPaired) { try anaFiles.send(ana.open().exportPayloads()) }
    }

    func testSyncOutWhenNotPairedWritesNothing() throws {
        assertTandemError(.notPaired) { try anaFiles.send(ana.open().exportPayloads()) }
        XCTAssertEqual(try files(in: anaToBen), [])
        XCTAssertEqual(try ana.syncIn(through: anaFiles), SyncInReport(items: []), "a missing inbox is empty")
    }

    func testFileTransportWritesTextFormAndReadsItBack() throws {
        let payloads = [Data([1, 2, 3]), Data(repeating: 0xAB, count: 5000)]
        let names = try anaFiles.send(payloads)
        XCTAssertEqual(names.count, 2)
        XCTAssertEqual(Set(names).count, 2)
        XCTAssertEqual(try files(in: anaToBen), names.sorted())
        for (name, payload) in zip(names, payloads) {
            XCTAssertEqual(try text(anaToBen, name), payloadToText(payload: payload))
        }
        let more = try anaFiles.send([Data([9])])
        XCTAssertFalse(names.contains(more[0]), "a later send never overwrites")

        let incoming = try benFiles.incoming()
        XCTAssertEqual(incoming.map(\.id), (names + more).sorted())
        let expected = Dictionary(uniqueKeysWithValues: zip(names + more, payloads + [Data([9])]))
        XCTAssertEqual(incoming.map { try? $0.content.get() }, incoming.map { expected[$0.id] })
        XCTAssertTrue(try anaFiles.send([]).isEmpty)
    }

    /// The core names the files of one send (`syncFileNames`), the same on
    /// both phones: one batch, numbered so the order by name is the import
    /// order.
    func testTheOutboxNamesAreTheCores() throws {
        let names = try anaFiles.send([Data([1]), Data([2]), Data([3])])
        let pattern = try NSRegularExpression(pattern: "^tandem-sync-([0-9a-f]{8})-([0-9]+)\\.tandem$")
        let parts: [(batch: String, n: String)] = try names.map { name in
            let m = try XCTUnwrap(pattern.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)), name)
            return (String(name[Range(m.range(at: 1), in: name)!]), String(name[Range(m.range(at: 2), in: name)!]))
        }
        XCTAssertEqual(parts.map(\.n), ["001", "002", "003"], "in order")
        XCTAssertEqual(names.sorted(), names, "sorted by name, in import order")
        XCTAssertEqual(Set(parts.map(\.batch)).count, 1, "one batch")
        XCTAssertEqual(try files(in: anaToBen), names)
        let next = try XCTUnwrap(try anaFiles.send([Data([4])]).first)
        XCTAssertFalse(next.contains(parts[0].batch), "another send, another batch: \(next)")
        for name in names {
            let data = try Data(contentsOf: anaToBen.appendingPathComponent(name))
            XCTAssertEqual(try benFiles.accept(name: name, data: data), name, "the core takes its own names")
        }
    }

    func testTheControllerImportsEachPayloadOnItsOwn() throws {
        try pair()
        let walk = try ana.open().proposeRitual(draft: RitualDraft(title: "Evening walk", prompt: nil, minutes: 45, timeOfDay: "20:30", zone: .floating))
        let out = MemoryTransport()
        XCTAssertEqual(try out.send(ana.open().exportPayloads()), ["p0"])
        let payload = try XCTUnwrap(out.sent.first)

        let inbox = MemoryTransport()
        inbox.waiting = [
            IncomingPayload(id: "unreadable", content: .failure(DiskUnreadable())),
            IncomingPayload(id: "tampered", content: .success(flipped(payload, at: 0))),
            IncomingPayload(id: "good", content: .success(payload)),
            IncomingPayload(id: "again", content: .success(payload)),
        ]
        let report = try ben.syncIn(through: inbox)
        let generic = TandemMessages.message(for: DiskUnreadable())
        XCTAssertEqual(report.items.map(\.outcome.counts), [
            .failed(kind: nil, message: generic),
            .failed(kind: .payloadRejected, message: TandemMessages.message(for: .payloadRejected)),
            .imported(ImportReport(applied: 1, duplicates: 0, alreadyImported: false, acknowledged: 0, partnerConfirmed: true)),
            .imported(ImportReport(applied: 0, duplicates: 0, alreadyImported: true, acknowledged: 0, partnerConfirmed: false)),
        ])
        XCTAssertEqual(report.items.map(\.outcome.isSettled), [false, true, true, true])
        XCTAssertEqual(report.items.map(\.outcome.file), [.keep, .setAside, .remove, .remove])
        XCTAssertEqual(inbox.finished.map { $0.0 }, ["unreadable", "tampered", "good", "again"])
        XCTAssertEqual(inbox.finished.map { $0.1 }, report.items.map(\.outcome))
        XCTAssertEqual(report.applied, 1)
        XCTAssertEqual(report.alreadyImported, 1)
        XCTAssertEqual(report.failed.map(\.id), ["unreadable", "tampered"])
        XCTAssertEqual(try ben.open().rituals(), [walk])
    }

    func testSyncAfterCloseThrowsClosed() throws {
        try ana.close()
        assertTandemError(.closed) { try anaFiles.send(ana.open().exportPayloads()) }
        assertTandemError(.closed) { try ana.syncIn(through: anaFiles) }
        assertTandemError(.closed) { try ana.open().unpair() }
        assertTandemError(.closed) { try ana.open().pairingStatus() }
    }
}
