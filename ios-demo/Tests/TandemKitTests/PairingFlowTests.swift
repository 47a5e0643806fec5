import Foundation
import XCTest
@testable import TandemKit

/// The pairing screens' state machine, driving two real Tandems.
final class PairingFlowTests: TwoShellsTestCase {
    private func offerQr(_ flow: PairingFlow, file: StaticString = #filePath, line: UInt = #line) -> QrCode? {
        guard case let .showingOffer(qr, _) = flow.state else {
            XCTFail("not showing an offer: \(flow.state)", file: file, line: line)
            return nil
        }
        return qr
    }

    private func answerQr(_ flow: PairingFlow, file: StaticString = #filePath, line: UInt = #line) -> QrCode? {
        guard case let .showingAnswer(qr, _) = flow.state else {
            XCTFail("not showing an answer: \(flow.state)", file: file, line: line)
            return nil
        }
        return qr
    }

    private var expiredMessage: String { TandemMessages.message(for: .pairingExpired) }

    func testBothRolesFromIdleToPaired() throws {
        let a = try ana.pairingFlow(), b = try ben.pairingFlow()
        var seenByA: [PairingFlow.State] = [], seenByB: [PairingFlow.State] = []
        a.onChange = { seenByA.append($0) }
        b.onChange = { seenByB.append($0) }
        XCTAssertEqual(a.state, .idle)
        XCTAssertEqual(b.state, .idle)

        a.start()
        let offer = try XCTUnwrap(offerQr(a))
        XCTAssertEqual(a.state, .showingOffer(qr: offer, expiresAtMs: T.mar13_1200Z + 120_000))
        XCTAssertLessThanOrEqual(offer.version, 10)
        XCTAssertTrue(offer.text.hasPrefix("TANDEM:"))

        b.scanned(offer.text)
        let answer = try XCTUnwrap(answerQr(b))
        guard case let .showingAnswer(_, sas) = b.state else { return XCTFail("\(b.state)") }
        XCTAssertTrue(isSixDigitCode(sas), sas)
        XCTAssertLessThanOrEqual(answer.version, 10)

        a.scanned(answer.text)
        XCTAssertEqual(a.state, .comparingCode(sas: sas), "the same digits on both screens")

        // Key epoch 1 on both, made when each phone took the other's code.
        let pairedAt = T.mar13_1200Z
        a.confirm()
        XCTAssertEqual(a.state, .paired(partnerName: "Ben's phone", keyEpoch: 1, keysMovedAtMs: pairedAt))
        b.confirm()
        XCTAssertEqual(b.state, .paired(partnerName: nil, keyEpoch: 1, keysMovedAtMs: pairedAt),
                       "Ben learns Ana's name from her first sync")

        // After Ana's first payload arrives, a refresh shows her name, and
        // Ben's keys have moved on (his next key, made then).
        clock.advance(byMs: T.minute)
        _ = try ben.open().importPayload(payload: try ana.open().exportPayloads()[0])
        b.refresh()
        XCTAssertEqual(b.state, .paired(partnerName: "Ana's phone", keyEpoch: 2, keysMovedAtMs: pairedAt + T.minute))

        XCTAssertEqual(seenByA, [.showingOffer(qr: offer, expiresAtMs: T.mar13_1200Z + 120_000),
                                 .comparingCode(sas: sas),
                                 .paired(partnerName: "Ben's phone", keyEpoch: 1, keysMovedAtMs: pairedAt)])
        XCTAssertEqual(seenByB, [.showingAnswer(qr: answer, sas: sas),
                                 .paired(partnerName: nil, keyEpoch: 1, keysMovedAtMs: pairedAt),
                                 .paired(partnerName: "Ana's phone", keyEpoch: 2, keysMovedAtMs: pairedAt + T.minute)])
        XCTAssertEqual(try ana.pairingStatus(), .paired(
            partnerName: "Ben's phone", partnerDeviceId: try ben.device().deviceId, partnerConfirmed: true,
            keyEpoch: 1, keysMovedAtMs: pairedAt))
    }

    func testRejectingOnEitherPhoneFailsWithAMessageAndPairingCanStartAgain() throws {
        let a = try ana.pairingFlow(), b = try ben.pairingFlow()
        a.start()
        b.scanned(try XCTUnwrap(offerQr(a)).text)
        a.scanned(try XCTUnwrap(answerQr(b)).text)

        a.reject()
        XCTAssertEqual(a.state, .failed(message: PairingFlow.codesDidNotMatchMessage))
        XCTAssertEqual(try ana.pairingStatus(), .unpaired)
        b.reject()
        XCTAssertEqual(b.state, .failed(message: PairingFlow.codesDidNotMatchMessage))
        XCTAssertEqual(try ben.pairingStatus(), .unpaired)

        // From .failed both start over, and this time it works.
        a.start()
        b.scanned(try XCTUnwrap(offerQr(a)).text)
        a.scanned(try XCTUnwrap(answerQr(b)).text)
        a.confirm()
        b.confirm()
        XCTAssertEqual(a.state, .paired(partnerName: "Ben's phone", keyEpoch: 1, keysMovedAtMs: T.mar13_1200Z))
        XCTAssertEqual(b.state, .paired(partnerName: nil, keyEpoch: 1, keysMovedAtMs: T.mar13_1200Z))
    }

    func testScanningAnExpiredOfferFails() throws {
        let a = try ana.pairingFlow(), b = try ben.pairingFlow()
        a.start()
        let offer = try XCTUnwrap(offerQr(a))
        clock.advance(byMs: 120_001)
        b.scanned(offer.text)
        XCTAssertEqual(b.state, .failed(message: expiredMessage))
        XCTAssertEqual(try ben.pairingStatus(), .unpaired)
    }

    func testAnUnansweredOfferFailsOnceTheCoreLetsItGo() throws {
        let a = try ana.pairingFlow()
        a.start()
        let shown = a.state
        // Past the expiry the core still takes an answer for a while (for a
        // partner who scanned at the last second): the screen stays.
        clock.advance(byMs: 120_001)
        a.refresh()
        XCTAssertEqual(a.state, shown)
        clock.advance(byMs: 60_000)
        a.refresh()
        XCTAssertEqual(a.state, .failed(message: expiredMessage))
        XCTAssertFalse(expiredMessage.contains("Ana"))
    }

    func testAnAnswerScannedTooLateFails() throws {
        let a = try ana.pairingFlow(), b = try ben.pairingFlow()
        a.start()
        b.scanned(try XCTUnwrap(offerQr(a)).text)
        clock.advance(byMs: 180_001)
        a.scanned(try XCTUnwrap(answerQr(b)).text)
        XCTAssertEqual(a.state, .failed(message: expiredMessage))
        // Ben's screen cannot know; leaving it rejects his half of the pairing.
        b.cancel()
        XCTAssertEqual(b.state, .idle)
        XCTAssertEqual(try ben.pairingStatus(), .unpaired)
    }

    func testACodeOfTheWrongKindFailsWithoutTheCoresReason() throws {
        let a = try ana.pairingFlow(), b = try ben.pairingFlow()
        let cleo = controller("cleo.sqlite", "Cleo's phone")
        defer { try? cleo.close() }
        let c = try cleo.pairingFlow()
        a.start()
        let offer = try XCTUnwrap(offerQr(a))
        b.scanned(offer.text)
        let answer = try XCTUnwrap(answerQr(b))

        c.scanned(answer.text)  // an answer where an offer is expected
        XCTAssertEqual(c.state, .failed(message: TandemMessages.message(for: .pairingFailed)))
        guard case let .failed(message) = c.state else { return XCTFail() }
        XCTAssertFalse(message.contains("answer code"), "never the core's reason")

        a.scanned(offer.text)  // its own offer where the answer is expected
        XCTAssertEqual(a.state, .failed(message: TandemMessages.message(for: .pairingFailed)))
        b.scanned("not a code")  // ignored: Ben is showing his answer
        XCTAssertEqual(b.state, .showingAnswer(qr: answer, sas: try XCTUnwrap(ben.pairingStatus().sas)))
    }

    func testACodeThatIsNotATandemCodeFailsWithAMessageAndChangesNothing() throws {
        let b = try ben.pairingFlow()
        for text in ["https://example.com/menu", "", "TANDEM", String(repeating: "A", count: 400)] {
            b.scanned(text)
            XCTAssertEqual(b.state, .failed(message: TandemMessages.message(for: .pairingFailed)), text)
            XCTAssertEqual(try ben.pairingStatus(), .unpaired, text)
            b.cancel()
        }
        XCTAssertTrue(TandemMessages.message(for: .pairingFailed).contains("scan the code on your partner's screen"))

        // While an offer is shown, a stranger's code does not end it wrongly:
        // it fails with the message, and starting again works.
        let a = try ana.pairingFlow()
        a.start()
        a.scanned("WIFI:S:home;T:WPA;P:secret;;")
        XCTAssertEqual(a.state, .failed(message: TandemMessages.message(for: .pairingFailed)))
        a.start()
        b.scanned(try XCTUnwrap(offerQr(a)).text)
        a.scanned(try XCTUnwrap(answerQr(b)).text)
        guard case .comparingCode = a.state else { return XCTFail("\(a.state)") }
    }

    func testTheQrModulesReadByRowAndColumn() throws {
        let a = try ana.pairingFlow()
        a.start()
        let qr = try XCTUnwrap(offerQr(a))
        let side = Int(qr.size)
        XCTAssertEqual(qr.modules.count, side * side)
        // Finder patterns: the top-left corner is dark, the module inside its ring light.
        XCTAssertTrue(qr.isDark(row: 0, column: 0))
        XCTAssertFalse(qr.isDark(row: 1, column: 1))
        XCTAssertTrue(qr.isDark(row: side - 1, column: 0))
        XCTAssertFalse(qr.isDark(row: -1, column: 0))
        XCTAssertFalse(qr.isDark(row: 0, column: side))
        let dark = (0..<side).flatMap { r in (0..<side).map { qr.isDark(row: r, column: $0) } }.filter { $0 }.count
        XCTAssertEqual(dark, qr.modules.filter { $0 == 1 }.count)
    }

    func testStartingWhilePairedFails() throws {
        let a = try ana.pairingFlow()
        XCTAssertEqual(a.state, .idle)
        // Paired meanwhile (another screen), then the stale one starts.
        try pairDevices(offerer: ana.open(), answerer: ben.open())
        a.start()
        XCTAssertEqual(a.state, .failed(message: TandemMessages.message(for: .alreadyPaired)))
        a.refresh()
        XCTAssertEqual(a.state, .paired(partnerName: "Ben's phone", keyEpoch: 1, keysMovedAtMs: T.mar13_1200Z))
    }

    func testCallsThatDoNotFitTheStateAreIgnored() throws {
        let a = try ana.pairingFlow(), b = try ben.pairingFlow()
        var changes = 0
        a.onChange = { _ in changes += 1 }
        a.confirm()
        a.reject()
        a.cancel()
        XCTAssertEqual(a.state, .idle)
        XCTAssertEqual(changes, 0)

        a.start()
        let shown = a.state
        a.start()  // a double tap keeps the code on screen
        a.confirm()
        a.reject()
        XCTAssertEqual(a.state, shown)
        XCTAssertEqual(changes, 1)

        b.scanned(try XCTUnwrap(offerQr(a)).text)
        a.scanned(try XCTUnwrap(answerQr(b)).text)
        a.confirm()
        b.confirm()
        let paired = a.state
        a.start()
        a.scanned("TANDEM:AAAA")
        a.confirm()
        a.reject()
        a.cancel()
        XCTAssertEqual(a.state, paired)
        XCTAssertTrue(try ana.pairingStatus().isPaired)
    }

    func testCancelLeavesNothingHalfMade() throws {
        let a = try ana.pairingFlow(), b = try ben.pairingFlow()
        a.start()
        let offer = try XCTUnwrap(offerQr(a))
        a.cancel()
        XCTAssertEqual(a.state, .idle)
        XCTAssertEqual(try ana.pairingStatus(), .unpaired, "the offer was withdrawn")
        // Ben can still scan the withdrawn code, but Ana will not take his answer.
        b.scanned(offer.text)
        let answer = try XCTUnwrap(answerQr(b))
        a.start()
        a.scanned(answer.text)
        XCTAssertEqual(a.state, .failed(message: TandemMessages.message(for: .pairingFailed)))

        b.cancel()
        XCTAssertEqual(b.state, .idle)
        XCTAssertEqual(try ben.pairingStatus(), .unpaired)

        a.cancel()
        XCTAssertEqual(a.state, .idle)
        a.start()
        b.scanned(try XCTUnwrap(offerQr(a)).text)
        a.scanned(try XCTUnwrap(answerQr(b)).text)
        a.cancel()
        XCTAssertEqual(a.state, .idle)
        XCTAssertEqual(try ana.pairingStatus(), .unpaired)
    }

    func testResumesFromTheCoresStatus() throws {
        let aTandem = try ana.open(), bTandem = try ben.open()
        let offer = try aTandem.startPairing()
        XCTAssertEqual(try ana.pairingFlow().state, .idle, "an offer's code is not kept")
        let answer = try bTandem.acceptPairing(offerText: offer.text)
        XCTAssertEqual(try ben.pairingFlow().state, .comparingCode(sas: answer.sas))
        _ = try aTandem.completePairing(answerText: answer.text)
        XCTAssertEqual(try ana.pairingFlow().state, .comparingCode(sas: answer.sas))
        try aTandem.confirmPairing()
        XCTAssertEqual(try ana.pairingFlow().state,
                       .paired(partnerName: "Ben's phone", keyEpoch: 1, keysMovedAtMs: T.mar13_1200Z))

        // Unpaired elsewhere: a refresh goes back to idle.
        let flow = try ana.pairingFlow()
        try ana.unpair()
        flow.refresh()
        XCTAssertEqual(flow.state, .idle)
    }

    func testErrorsOutsidePairingBecomeFailedToo() throws {
        let a = try ana.pairingFlow()
        try ana.close()
        a.start()
        XCTAssertEqual(a.state, .failed(message: TandemMessages.message(for: .closed)))
        a.refresh()
        XCTAssertEqual(a.state, .failed(message: TandemMessages.message(for: .closed)))
        XCTAssertThrowsError(try ana.pairingFlow())
    }
}

extension PairingStatus {
    /// The digits of `.awaitingConfirmation`.
    var sas: String? {
        if case let .awaitingConfirmation(sas, _) = self { return sas }
        return nil
    }
}
