import Foundation
import XCTest
@testable import TandemKit

/// Pairing and sync through the generated Swift: two (or three) Tandems in one
/// process sharing one ManualClock, every value checked.
final class PairingSyncBindingsTests: TempDirTestCase {
    private var clock: ManualClock!
    private var opened: [Tandem] = []

    override func setUpWithError() throws {
        try super.setUpWithError()
        clock = ManualClock(nowMs: T.mar13_1200Z)
    }

    override func tearDownWithError() throws {
        for tandem in opened { try? tandem.close() }
        opened = []
        try super.tearDownWithError()
    }

    private func open(_ file: String, _ name: String) throws -> Tandem {
        let tandem = try Tandem.openWithClock(
            path: path("\(file).sqlite"), storageKey: try generateStorageKey(), deviceName: name, clock: clock)
        opened.append(tandem)
        return tandem
    }

    private func pairedAnaAndBen() throws -> (Tandem, Tandem) {
        let a = try open("a", "Ana's phone"), b = try open("b", "Ben's phone")
        try pairDevices(offerer: a, answerer: b)
        return (a, b)
    }

    /// `actual` has the counts of `expected` (its news are tested on their own).
    private func assertReport(
        _ actual: ImportReport, _ expected: ImportReport, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(actual.counts, expected, file: file, line: line)
    }

    private func report(
        applied: UInt32 = 0, duplicates: UInt32 = 0, alreadyImported: Bool = false,
        acknowledged: UInt64 = 0, partnerConfirmed: Bool = false
    ) -> ImportReport {
        ImportReport(applied: applied, duplicates: duplicates, alreadyImported: alreadyImported,
                     acknowledged: acknowledged, partnerConfirmed: partnerConfirmed)
    }

    // MARK: rollback (issue 19)

    func testAPhoneRestoredFromAnOlderCopyGetsItsLostChangesBackAndBothReportsSaySo() throws {
        let key = try generateStorageKey()
        let aPath = path("a.sqlite"), backup = path("backup.sqlite")
        let fm = FileManager.default
        func openAna(_ name: String?) throws -> Tandem {
            let t = try Tandem.openWithClock(path: aPath, storageKey: key, deviceName: name, clock: clock)
            opened.append(t)
            return t
        }
        func walk(_ title: String) -> RitualDraft {
            RitualDraft(title: title, prompt: nil, minutes: 20, timeOfDay: "10:00", zone: .floating)
        }
        var a = try openAna("Ana's phone")
        let b = try open("b", "Ben's phone")
        try pairDevices(offerer: a, answerer: b)
        _ = try a.proposeRitual(draft: walk("Walk"))
        _ = try b.importPayload(payload: try XCTUnwrap(try a.exportPayloads().first))
        _ = try a.importPayload(payload: try XCTUnwrap(try b.exportPayloads().first))
        // The OS backup: the database as it is now (closing folds the WAL in).
        try a.close()
        try fm.copyItem(atPath: aPath, toPath: backup)
        a = try openAna(nil)
        clock.advance(byMs: 60_000)
        _ = try a.proposeRitual(draft: walk("Tea"))
        _ = try b.importPayload(payload: try XCTUnwrap(try a.exportPayloads().first))
        try a.close()
        // The backup is put back: Tea is forgotten on Ana's phone.
        for suffix in ["-wal", "-shm"] { try? fm.removeItem(atPath: aPath + suffix) }
        try fm.removeItem(atPath: aPath)
        try fm.copyItem(atPath: backup, toPath: aPath)
        a = try openAna(nil)
        clock.advance(byMs: 60_000)
        _ = try a.proposeRitual(draft: walk("Dance"))

        let atBen = try b.importPayload(payload: try XCTUnwrap(try a.exportPayloads().first))
        XCTAssertEqual(atBen.partnerReused, 1, "Ben sees a number used again")
        XCTAssertEqual(atBen.duplicates, 0, "never a duplicate")
        XCTAssertTrue(
            atBen.rollbackNote?.contains("your partner's phone was restored from an older copy") == true,
            atBen.rollbackNote ?? "no note")
        let atAna = try a.importPayload(payload: try XCTUnwrap(try b.exportPayloads().first))
        XCTAssertTrue(atAna.restoredFromOlderCopy)
        XCTAssertEqual(atAna.recovered, 1, "Tea came back")
        XCTAssertEqual(atAna.renumbered, 1, "Dance moved to a new number")
        XCTAssertEqual(
            atAna.rollbackNote,
            "this phone was restored from an older copy; 1 change came back from your partner's phone; "
                + "1 change made here since was renumbered and goes to your partner with the next payload")
        _ = try b.importPayload(payload: try XCTUnwrap(try a.exportPayloads().first))
        _ = try a.importPayload(payload: try XCTUnwrap(try b.exportPayloads().first))
        XCTAssertEqual(try a.rituals().map(\.title).sorted(), ["Dance", "Tea", "Walk"])
        XCTAssertEqual(try b.rituals().map(\.title).sorted(), ["Dance", "Tea", "Walk"])
        XCTAssertEqual(try a.changesToSend(), 0)
        XCTAssertEqual(try b.changesToSend(), 0)
    }

    // MARK: pairing

    func testAPartnerClockFarAheadIsClockSkewAndChangesNothing() throws {
        let (a, b) = try pairedAnaAndBen()
        // Hours ahead are admitted with a note; three days ahead is refused.
        let threeDays: Int64 = 72 * 60 * 60 * 1000
        clock.advance(byMs: threeDays)
        _ = try a.proposeRitual(draft: RitualDraft(
            title: "Walk", prompt: nil, minutes: 20, timeOfDay: "10:00", zone: .floating))
        let payload = try XCTUnwrap(try a.exportPayloads().first)
        clock.advance(byMs: -threeDays)
        assertTandemError(.clockSkew, "a clock three days ahead") { try b.importPayload(payload: payload) }
        XCTAssertEqual(try b.rituals(), [])
        clock.advance(byMs: threeDays - 24 * 60 * 60 * 1000)
        let report = try b.importPayload(payload: payload)
        XCTAssertEqual(report.applied, 1)
        XCTAssertEqual(report.clockAheadMinutes, 24 * 60)
        XCTAssertTrue(report.clockNote?.contains("1 day ahead") == true, report.clockNote ?? "no note")
    }

    func testCancelPairingWithdrawsTheOffer() throws {
        let a = try open("a", "Ana's phone"), b = try open("b", "Ben's phone")
        let offer = try a.startPairing()
        let answer = try b.acceptPairing(offerText: offer.text)
        try a.cancelPairing()
        XCTAssertEqual(try a.pairingStatus(), .unpaired)
        assertTandemError(.pairingFailed, "an answer to a withdrawn offer") {
            try a.completePairing(answerText: answer.text)
        }
        try a.cancelPairing() // nothing to withdraw is fine
    }

    func testFullPairingWithTheStatusAtEachStep() throws {
        let a = try open("a", "Ana's phone"), b = try open("b", "Ben's phone")
        let aId = try a.device().deviceId, bId = try b.device().deviceId
        XCTAssertEqual(try a.pairingStatus(), .unpaired)
        XCTAssertEqual(try b.pairingStatus(), .unpaired)

        // 1. Ana shows an offer.
        let offer = try a.startPairing()
        XCTAssertTrue(offer.text.hasPrefix("TANDEM:"), offer.text)
        XCTAssertEqual(offer.expiresAtMs, T.mar13_1200Z + 120_000)
        XCTAssertEqual(offer.qr.text, offer.text)
        XCTAssertLessThanOrEqual(offer.qr.version, 10)
        XCTAssertFalse(offer.text.contains("Ana"), "no name in the offer")
        XCTAssertEqual(try a.pairingStatus(), .offering(expiresAtMs: offer.expiresAtMs))
        XCTAssertEqual(try b.pairingStatus(), .unpaired)

        // 2. Ben scans it 30 s later and shows an answer and the digits.
        clock.advance(byMs: 30_000)
        let answer = try b.acceptPairing(offerText: offer.text)
        XCTAssertTrue(answer.text.hasPrefix("TANDEM:"), answer.text)
        XCTAssertNotEqual(answer.text, offer.text)
        XCTAssertEqual(answer.qr.text, answer.text)
        XCTAssertLessThanOrEqual(answer.qr.version, 10)
        XCTAssertTrue(isSixDigitCode(answer.sas), answer.sas)
        XCTAssertEqual(try b.pairingStatus(), .awaitingConfirmation(sas: answer.sas, partnerName: nil))
        XCTAssertEqual(try a.pairingStatus(), .offering(expiresAtMs: offer.expiresAtMs), "Ana has not scanned yet")

        // 3. Ana scans the answer: the same digits, and she knows Ben's name.
        let sas = try a.completePairing(answerText: answer.text)
        XCTAssertEqual(sas, answer.sas)
        XCTAssertEqual(try a.pairingStatus(), .awaitingConfirmation(sas: sas, partnerName: "Ben's phone"))

        // Each confirms on their own phone: key epoch 1, the keys made when
        // each took the other's code (both 30 s in, on the shared clock).
        let pairedAt = T.mar13_1200Z + 30_000
        try a.confirmPairing()
        XCTAssertEqual(try a.pairingStatus(),
                       .paired(partnerName: "Ben's phone", partnerDeviceId: bId, partnerConfirmed: true,
                               keyEpoch: 1, keysMovedAtMs: pairedAt))
        XCTAssertEqual(try b.pairingStatus(), .awaitingConfirmation(sas: sas, partnerName: nil))
        try b.confirmPairing()
        XCTAssertEqual(try b.pairingStatus(), .paired(partnerName: nil, partnerDeviceId: nil, partnerConfirmed: false,
                                                      keyEpoch: 1, keysMovedAtMs: pairedAt))

        // Ben learns who Ana is from her first payload, and makes his next key.
        clock.advance(byMs: T.minute)
        let first = try a.exportPayloads()
        XCTAssertEqual(first.count, 1)
        try assertReport(b.importPayload(payload: first[0]), report(partnerConfirmed: true))
        XCTAssertEqual(try b.pairingStatus(),
                       .paired(partnerName: "Ana's phone", partnerDeviceId: aId, partnerConfirmed: true,
                               keyEpoch: 2, keysMovedAtMs: pairedAt + T.minute))
        XCTAssertEqual(try a.pairingStatus(),
                       .paired(partnerName: "Ben's phone", partnerDeviceId: bId, partnerConfirmed: true,
                               keyEpoch: 1, keysMovedAtMs: pairedAt), "exporting moves no keys")
    }

    func testRejectingTheDigitsDestroysThePairingOnThatPhone() throws {
        let a = try open("a", "Ana's phone"), b = try open("b", "Ben's phone")
        let offer = try a.startPairing()
        let answer = try b.acceptPairing(offerText: offer.text)
        _ = try a.completePairing(answerText: answer.text)

        try a.rejectPairing()
        XCTAssertEqual(try a.pairingStatus(), .unpaired)
        assertTandemError(.notPaired, "nothing left to confirm") { try a.confirmPairing() }
        try b.rejectPairing()
        XCTAssertEqual(try b.pairingStatus(), .unpaired)

        // Both can start afresh; the used codes stay used.
        assertTandemError(.pairingFailed, "a used offer") { try b.acceptPairing(offerText: offer.text) }
        let again = try b.acceptPairing(offerText: try a.startPairing().text)
        XCTAssertEqual(try a.completePairing(answerText: again.text), again.sas)
    }

    func testTheAnswerCarriesAtMost40BytesOfTheName() throws {
        let longName = String(repeating: "é", count: 64)  // 128 bytes in UTF-8
        let a = try open("a", "Ana's phone with a name of 40 letters"), b = try open("b", longName)
        try pairDevices(offerer: a, answerer: b)
        // Ana learns Ben's name from the answer code, cut to 40 bytes...
        guard case let .paired(nameAtA, _, _, _, _) = try a.pairingStatus() else { return XCTFail("not paired") }
        XCTAssertEqual(nameAtA, String(repeating: "é", count: 20))
        // ...Ben learns Ana's from her first payload, whole.
        _ = try b.importPayload(payload: try a.exportPayloads()[0])
        guard case let .paired(nameAtB, _, _, _, _) = try b.pairingStatus() else { return XCTFail("not paired") }
        XCTAssertEqual(nameAtB, "Ana's phone with a name of 40 letters")
    }

    // MARK: sync

    func testSyncRoundTripBothWays() throws {
        let (a, b) = try pairedAnaAndBen()
        let aId = try a.device().deviceId, bId = try b.device().deviceId
        let walk = try a.proposeRitual(draft: draft(
            "Evening walk", prompt: "What made you laugh today?", minutes: 45, at: "20:30"))
        clock.advance(byMs: T.minute)
        let call = try a.proposeRitual(draft: draft("Sunday call", minutes: 60, at: "18:00", zone: .fixed(zone: "Europe/Berlin")))
        clock.advance(byMs: T.minute)
        let tea = try b.proposeRitual(draft: draft("Tea", minutes: 20, at: "07:00"))

        // Ana to Ben: her two rituals, with her key confirmation.
        let fromA = try a.exportPayloads()
        XCTAssertEqual(fromA.count, 1)
        try assertReport(b.importPayload(payload: fromA[0]), report(applied: 2, partnerConfirmed: true))
        let onB = try b.rituals()
        XCTAssertEqual(Set(onB), Set([walk, call, tea]))
        XCTAssertEqual(onB.first { $0.id == walk.id }, walk, "every field, proposedBy Ana")
        XCTAssertEqual(onB.first { $0.id == call.id }?.proposedBy, aId)
        XCTAssertEqual(onB.first { $0.id == tea.id }?.proposedBy, bId)

        // Ben to Ana: his ritual, and word that he holds her two changes.
        let fromB = try b.exportPayloads()
        XCTAssertEqual(fromB.count, 1)
        try assertReport(a.importPayload(payload: fromB[0]), report(applied: 1, acknowledged: 2))
        let onA = try a.rituals()
        XCTAssertEqual(onA, onB, "the same rituals in the same order on both phones")
        XCTAssertEqual(onA.map(\.id).sorted(), [walk.id, call.id, tea.id].sorted())
        XCTAssertEqual(Set(onA.map(\.title)), ["Evening walk", "Sunday call", "Tea"])

        // Both see the same occurrences.
        let window = (T.mar13_1200Z, T.mar13_1200Z + T.day)
        XCTAssertEqual(try a.upcoming(fromMs: window.0, toMs: window.1, deviceZone: "Europe/Paris"),
                       try b.upcoming(fromMs: window.0, toMs: window.1, deviceZone: "Europe/Paris"))

        // A second round carries nothing new, only the acknowledgements.
        let againA = try a.exportPayloads()
        XCTAssertEqual(againA.count, 1)
        try assertReport(b.importPayload(payload: againA[0]), report(acknowledged: 1))
        let againB = try b.exportPayloads()
        try assertReport(a.importPayload(payload: againB[0]), report(acknowledged: 2))
        XCTAssertEqual(try a.rituals(), onA)
        XCTAssertEqual(try b.rituals(), onA)
    }

    func testAnExportBeforeTheAcknowledgementRepeatsChangesAsDuplicates() throws {
        let (a, b) = try pairedAnaAndBen()
        let walk = try a.proposeRitual(draft: draft("Evening walk"))
        let first = try a.exportPayloads(), second = try a.exportPayloads()
        XCTAssertNotEqual(first, second, "each export is a new payload")
        // Any order: the later payload first.
        try assertReport(b.importPayload(payload: second[0]), report(applied: 1, partnerConfirmed: true))
        try assertReport(b.importPayload(payload: first[0]), report(duplicates: 1))
        XCTAssertEqual(try b.rituals(), [walk])
    }

    func testAReplayedPayloadIsAlreadyImported() throws {
        let (a, b) = try pairedAnaAndBen()
        let walk = try a.proposeRitual(draft: draft("Evening walk"))
        let payload = try a.exportPayloads()[0]
        try assertReport(b.importPayload(payload: payload), report(applied: 1, partnerConfirmed: true))

        let replay = try b.importPayload(payload: payload)
        XCTAssertTrue(replay.alreadyImported)
        assertReport(replay, report(alreadyImported: true))
        XCTAssertEqual(try b.rituals(), [walk])

        // Still harmless after more changes went both ways.
        _ = try b.proposeRitual(draft: draft("Tea"))
        _ = try a.importPayload(payload: try b.exportPayloads()[0])
        try assertReport(b.importPayload(payload: payload), report(alreadyImported: true))
        XCTAssertEqual(try b.rituals().count, 2)
    }

    func testAPayloadWithAnyByteFlippedIsRejectedAndChangesNothing() throws {
        let (a, b) = try pairedAnaAndBen()
        let mine = try b.proposeRitual(draft: draft("Tea"))
        _ = try a.proposeRitual(draft: draft("Evening walk"))
        let payload = try a.exportPayloads()[0]
        let statusBefore = try b.pairingStatus()

        for index in 0..<payload.count {
            assertTandemError(.payloadRejected, "byte \(index)") {
                try b.importPayload(payload: flipped(payload, at: index))
            }
        }
        assertTandemError(.payloadRejected, "high bit of the last byte") {
            try b.importPayload(payload: flipped(payload, at: payload.count - 1, mask: 0x80))
        }
        assertTandemError(.payloadRejected, "truncated") { try b.importPayload(payload: payload.dropLast()) }
        assertTandemError(.payloadRejected, "one byte too many") { try b.importPayload(payload: payload + Data([0])) }
        assertTandemError(.payloadRejected, "empty") { try b.importPayload(payload: Data()) }

        XCTAssertEqual(try b.rituals(), [mine], "nothing applied")
        XCTAssertEqual(try b.pairingStatus(), statusBefore, "not even the partner's confirmation")
        // The genuine payload was not marked as seen by the forgeries.
        try assertReport(b.importPayload(payload: payload), report(applied: 1, partnerConfirmed: true))
    }

    func testAPhoneRefusesItsOwnPayload() throws {
        let (a, _) = try pairedAnaAndBen()
        _ = try a.proposeRitual(draft: draft())
        let own = try a.exportPayloads()[0]
        assertTandemError(.payloadRejected) { try a.importPayload(payload: own) }
    }

    // MARK: text and chunks

    func testTextRoundTrip() throws {
        let (a, b) = try pairedAnaAndBen()
        let walk = try a.proposeRitual(draft: draft("Evening walk ✨"))
        let payload = try a.exportPayloads()[0]

        let text = payloadToText(payload: payload)
        XCTAssertTrue(text.hasPrefix("TSYNC1:"), text)
        let base64url = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        XCTAssertTrue(text.dropFirst(7).unicodeScalars.allSatisfy(base64url.contains), "base64url, no padding")
        XCTAssertFalse(text.contains("Evening"), "sealed, not readable")
        XCTAssertEqual(try payloadFromText(text: text), payload)
        // As pasted from a message: surrounding blank space and line breaks.
        let wrapped = "\n  " + text.prefix(40) + "\n" + text.dropFirst(40) + "  \n"
        XCTAssertEqual(try payloadFromText(text: wrapped), payload)

        try assertReport(b.importPayload(payload: try payloadFromText(text: text)), report(applied: 1, partnerConfirmed: true))
        XCTAssertEqual(try b.rituals(), [walk])

        assertTandemError(.payloadRejected, "not sync text") { try payloadFromText(text: "shopping list") }
        assertTandemError(.payloadRejected, "empty sync text") { try payloadFromText(text: "TSYNC1:") }
        assertTandemError(.payloadRejected, "empty payload") { try b.importPayload(payload: Data()) }
        assertTandemError(.payloadRejected, "not base64url") { try payloadFromText(text: "TSYNC1:a+b/c=") }
        XCTAssertEqual(try payloadFromText(text: payloadToText(payload: Data([0, 1, 254, 255]))), Data([0, 1, 254, 255]))
        // An empty payload's text cannot be read back: there is no such payload.
        assertTandemError(.payloadRejected, "empty payload text") {
            try payloadFromText(text: payloadToText(payload: Data()))
        }
    }

    func testChunkRoundTripInAnyOrder() throws {
        let (a, b) = try pairedAnaAndBen()
        // A backlog too large for one QR code.
        for i in 0..<6 {
            _ = try a.proposeRitual(draft: draft("Ritual \(i)", prompt: String(repeating: "\(i)", count: 500)))
        }
        let payloads = try a.exportPayloads()
        XCTAssertEqual(payloads.count, 1)
        let payload = payloads[0]

        let chunks = payloadToChunks(payload: payload)
        XCTAssertGreaterThanOrEqual(chunks.count, 3, "\(payload.count) bytes")
        XCTAssertTrue(chunks.allSatisfy { $0.count <= 2000 }, chunks.map(\.count).description)
        XCTAssertTrue(chunks.allSatisfy { $0.hasPrefix("TSYNC1-CHUNK:") })
        XCTAssertEqual(Set(chunks).count, chunks.count)
        XCTAssertEqual(try payloadFromChunks(chunks: chunks), payload)
        XCTAssertEqual(try payloadFromChunks(chunks: chunks.reversed()), payload)
        var shuffled = chunks
        shuffled.swapAt(0, chunks.count - 1)
        shuffled.swapAt(1, 2)
        XCTAssertEqual(try payloadFromChunks(chunks: shuffled), payload)
        XCTAssertEqual(try payloadFromChunks(chunks: chunks + [chunks[1]]), payload, "a chunk scanned twice")

        // Each chunk fits one QR code.
        for chunk in chunks {
            let qr = try qrCode(text: chunk)
            XCTAssertEqual(qr.text, chunk)
            XCTAssertEqual(qr.modules.count, Int(qr.size * qr.size))
        }

        let reassembled = try payloadFromChunks(chunks: shuffled)
        try assertReport(b.importPayload(payload: reassembled), report(applied: 6, partnerConfirmed: true))
        XCTAssertEqual(try b.rituals(), try a.rituals())

        assertTandemError(.payloadRejected, "a chunk missing") { try payloadFromChunks(chunks: Array(chunks.dropFirst())) }
        assertTandemError(.payloadRejected, "no chunks") { try payloadFromChunks(chunks: []) }
        let other = payloadToChunks(payload: Data(repeating: 7, count: 3000))
        XCTAssertEqual(other.count, 3)
        assertTandemError(.payloadRejected, "chunks of two payloads") {
            try payloadFromChunks(chunks: [chunks[0], other[1], other[2]])
        }
        assertTandemError(.payloadRejected, "not a chunk") { try payloadFromChunks(chunks: ["hello"]) }

        // Small payloads are one chunk; any bytes round-trip.
        let small = Data([1, 2, 3])
        XCTAssertEqual(payloadToChunks(payload: small).count, 1)
        XCTAssertEqual(try payloadFromChunks(chunks: payloadToChunks(payload: small)), small)
        XCTAssertEqual(try payloadFromChunks(chunks: other.reversed()), Data(repeating: 7, count: 3000))
    }

    // MARK: QR codes

    func testQrCodeValues() throws {
        let hello = try qrCode(text: "hello")
        XCTAssertEqual(hello.text, "hello")
        XCTAssertEqual(hello.version, 1)
        XCTAssertEqual(hello.size, 21)
        XCTAssertEqual(hello.modules.count, 21 * 21)
        XCTAssertTrue(hello.modules.allSatisfy { $0 == 0 || $0 == 1 })
        XCTAssertTrue(hello.svg.hasPrefix("<svg"), String(hello.svg.prefix(40)))
        XCTAssertTrue(hello.svg.contains("viewBox=\"0 0 29 29\""), "21 modules and a 4-module quiet zone each side")
        // The three finder patterns: a dark 7x7 ring round a light ring round a dark 3x3.
        func dark(_ x: Int, _ y: Int) -> Bool { hello.modules[y * 21 + x] == 1 }
        for (ox, oy) in [(0, 0), (14, 0), (0, 14)] {
            for y in 0..<7 {
                for x in 0..<7 {
                    let ring = max(abs(x - 3), abs(y - 3))
                    XCTAssertEqual(dark(ox + x, oy + y), ring != 2, "finder at (\(ox),\(oy)) module (\(x),\(y))")
                }
            }
        }

        // The longest device names make the largest codes.
        let longest = String(repeating: "é", count: 64)
        let a = try open("a", longest), b = try open("b", longest)
        let offer = try a.startPairing()
        let answer = try b.acceptPairing(offerText: offer.text)
        for qr in [offer.qr, answer.qr] {
            XCTAssertLessThanOrEqual(qr.version, 10, qr.text)
            XCTAssertEqual(qr.size, 17 + 4 * UInt32(qr.version))
            XCTAssertEqual(qr.modules.count, Int(qr.size * qr.size))
            XCTAssertTrue(qr.svg.hasPrefix("<svg"))
            XCTAssertEqual(try qrCode(text: qr.text), qr, "the same code as the free function draws")
        }

        let chunkSized = try qrCode(text: String(repeating: "x", count: 2000))
        XCTAssertLessThanOrEqual(chunkSized.version, 40)
        XCTAssertEqual(chunkSized.modules.count, Int(chunkSized.size * chunkSized.size))
        assertTandemError(.invalidInput, "too long for one code") { try qrCode(text: String(repeating: "x", count: 3000)) }
    }

    // MARK: errors, each new case

    func testPairingExpired() throws {
        let a = try open("a", "Ana's phone")
        let offer = try a.startPairing()

        // Valid for 120 s, to the millisecond.
        clock.advance(byMs: 120_000)
        let inTime = try open("b", "Ben's phone")
        let answer = try inTime.acceptPairing(offerText: offer.text)
        clock.advance(byMs: 1)
        let late = try open("c", "Cleo's phone")
        let err = assertTandemError(.pairingExpired) { try late.acceptPairing(offerText: offer.text) }
        XCTAssertEqual(err.map { TandemMessages.message(for: $0) }, TandemMessages.message(for: .pairingExpired))
        XCTAssertEqual(try late.pairingStatus(), .unpaired)

        // Ana still takes an answer for a minute after the expiry...
        XCTAssertEqual(try a.pairingStatus(), .offering(expiresAtMs: offer.expiresAtMs))
        clock.advance(byMs: 59_999)
        XCTAssertEqual(clock.nowMs(), offer.expiresAtMs + 60_000)
        XCTAssertEqual(try a.pairingStatus(), .offering(expiresAtMs: offer.expiresAtMs))
        // ...and not after that.
        clock.advance(byMs: 1)
        XCTAssertEqual(try a.pairingStatus(), .unpaired)
        assertTandemError(.pairingExpired, "answer past the grace period") {
            try a.completePairing(answerText: answer.text)
        }
        XCTAssertEqual(try a.pairingStatus(), .unpaired)
        XCTAssertEqual(try inTime.pairingStatus(), .awaitingConfirmation(sas: answer.sas, partnerName: nil))
        try inTime.rejectPairing()
        XCTAssertEqual(try inTime.pairingStatus(), .unpaired)
    }

    func testPairingFailedForACodeOfTheWrongKind() throws {
        let a = try open("a", "Ana's phone"), b = try open("b", "Ben's phone"), c = try open("c", "Cleo's phone")
        let offer = try a.startPairing()
        let answer = try b.acceptPairing(offerText: offer.text)

        assertTandemError(.pairingFailed, "an answer where an offer is expected") {
            try c.acceptPairing(offerText: answer.text)
        }
        XCTAssertEqual(try c.pairingStatus(), .unpaired)
        assertTandemError(.pairingFailed, "an offer where an answer is expected") {
            try a.completePairing(answerText: offer.text)
        }
        assertTandemError(.pairingFailed, "its own offer") { try a.acceptPairing(offerText: offer.text) }
        assertTandemError(.pairingFailed, "not a code") { try c.acceptPairing(offerText: "https://example.com") }
        assertTandemError(.pairingFailed, "damaged") { try c.acceptPairing(offerText: String(offer.text.dropLast(5))) }
        assertTandemError(.pairingFailed, "no pairing in progress") { try c.completePairing(answerText: answer.text) }
        // None of that disturbed Ana's offer.
        XCTAssertEqual(try a.pairingStatus(), .offering(expiresAtMs: offer.expiresAtMs))
        XCTAssertEqual(try a.completePairing(answerText: answer.text), answer.sas)

        try a.confirmPairing()
        assertTandemError(.pairingFailed, "rejecting after confirming") { try a.rejectPairing() }
    }

    func testAlreadyPaired() throws {
        let (a, b) = try pairedAnaAndBen()
        let c = try open("c", "Cleo's phone")
        let before = (try a.pairingStatus(), try b.pairingStatus())
        let cOffer = try c.startPairing()

        assertTandemError(.alreadyPaired) { try a.startPairing() }
        assertTandemError(.alreadyPaired) { try b.startPairing() }
        assertTandemError(.alreadyPaired) { try a.acceptPairing(offerText: cOffer.text) }
        assertTandemError(.alreadyPaired) { try b.acceptPairing(offerText: cOffer.text) }
        XCTAssertEqual(try a.pairingStatus(), before.0)
        XCTAssertEqual(try b.pairingStatus(), before.1)

        // Also while the digits are still to be compared.
        let d = try open("d", "Dan's phone")
        let dAnswer = try d.acceptPairing(offerText: cOffer.text)
        assertTandemError(.alreadyPaired, "awaiting confirmation") { try d.startPairing() }
        _ = try c.completePairing(answerText: dAnswer.text)
        assertTandemError(.alreadyPaired, "completing twice") { try c.completePairing(answerText: dAnswer.text) }
    }

    func testNotPairedBeforeConfirmation() throws {
        let a = try open("a", "Ana's phone"), b = try open("b", "Ben's phone")
        assertTandemError(.notPaired, "never paired") { try a.exportPayloads() }
        assertTandemError(.notPaired, "nothing to confirm") { try a.confirmPairing() }
        assertTandemError(.notPaired, "nothing to reject") { try a.rejectPairing() }

        let answer = try b.acceptPairing(offerText: try a.startPairing().text)
        assertTandemError(.notPaired, "offering") { try a.exportPayloads() }
        assertTandemError(.notPaired, "Ben has not confirmed") { try b.exportPayloads() }
        _ = try a.completePairing(answerText: answer.text)
        assertTandemError(.notPaired, "Ana has not confirmed") { try a.exportPayloads() }

        try a.confirmPairing()
        let walk = try a.proposeRitual(draft: draft())
        let payload = try a.exportPayloads()[0]
        let err = assertTandemError(.notPaired, "Ben imports before confirming") { try b.importPayload(payload: payload) }
        XCTAssertEqual(err.map { TandemMessages.message(for: $0) }, TandemMessages.message(for: .notPaired))
        XCTAssertEqual(try b.rituals(), [])
        XCTAssertEqual(try b.pairingStatus(), .awaitingConfirmation(sas: answer.sas, partnerName: nil))

        // Once he confirms, the same payload goes in.
        try b.confirmPairing()
        try assertReport(b.importPayload(payload: payload), report(applied: 1, partnerConfirmed: true))
        XCTAssertEqual(try b.rituals(), [walk])
    }

    func testNotPairedAfterUnpair() throws {
        let (a, b) = try pairedAnaAndBen()
        let walk = try a.proposeRitual(draft: draft())
        _ = try b.importPayload(payload: try a.exportPayloads()[0])
        let tea = try b.proposeRitual(draft: draft("Tea"))
        let fromB = try b.exportPayloads()[0]

        try a.unpair()
        XCTAssertEqual(try a.pairingStatus(), .unpaired)
        XCTAssertEqual(try a.rituals(), [walk], "the shared history stays")
        assertTandemError(.notPaired, "the partner's payload") { try a.importPayload(payload: fromB) }
        assertTandemError(.notPaired, "export") { try a.exportPayloads() }
        XCTAssertNoThrow(try a.unpair(), "unpairing twice is fine")
        // Ben is not told.
        XCTAssertEqual(try b.pairingStatus().isPaired, true)

        // Paired with someone else, Ben's payloads belong to another pairing.
        let c = try open("c", "Cleo's phone")
        try pairDevices(offerer: a, answerer: c)
        assertTandemError(.payloadRejected, "from the old pairing") { try a.importPayload(payload: fromB) }
        XCTAssertFalse(try a.rituals().contains(tea))
    }

    func testEveryNewCallAfterCloseThrowsClosed() throws {
        let a = try open("a", "Ana's phone")
        try a.close()
        assertTandemError(.closed) { try a.startPairing() }
        assertTandemError(.closed) { try a.acceptPairing(offerText: "TANDEM:AAAA") }
        assertTandemError(.closed) { try a.completePairing(answerText: "TANDEM:AAAA") }
        assertTandemError(.closed) { try a.confirmPairing() }
        assertTandemError(.closed) { try a.rejectPairing() }
        assertTandemError(.closed) { try a.pairingStatus() }
        assertTandemError(.closed) { try a.unpair() }
        assertTandemError(.closed) { try a.exportPayloads() }
        assertTandemError(.closed) { try a.importPayload(payload: Data([1])) }
    }

    func testPairingAndSyncStatePersistsAcrossReopen() throws {
        let key = try generateStorageKey()
        let a = try Tandem.openWithClock(path: path("a.sqlite"), storageKey: key, deviceName: "Ana's phone", clock: clock)
        let b = try open("b", "Ben's phone")
        try pairDevices(offerer: a, answerer: b)
        let payload = try b.exportPayloads()[0]
        clock.advance(byMs: T.minute)
        _ = try a.importPayload(payload: payload)
        // Ana's keys moved on with Ben's payload (her next key, made then).
        let status = try a.pairingStatus()
        XCTAssertEqual(status, .paired(partnerName: "Ben's phone", partnerDeviceId: try b.device().deviceId,
                                       partnerConfirmed: true, keyEpoch: 2, keysMovedAtMs: T.mar13_1200Z + T.minute))
        try a.close()

        let again = try Tandem.openWithClock(path: path("a.sqlite"), storageKey: key, deviceName: nil, clock: clock)
        opened.append(again)
        XCTAssertEqual(try again.pairingStatus(), status)
        try assertReport(again.importPayload(payload: payload), report(alreadyImported: true))
    }
}

extension PairingStatus {
    var isPaired: Bool {
        if case .paired = self { return true }
        return false
    }
}
