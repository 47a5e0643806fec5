import Foundation
import XCTest
@testable import TandemKit

/// The pairing screen as the core words it, one core call per step, driving
/// two real Tandems (both phones read the time in UTC).
final class PairingFlowTests: TwoShellsTestCase {
    /// The flow's model at `stage`; fails (naming a notice) otherwise.
    @discardableResult
    private func expect(_ stage: PairingStage, _ flow: PairingFlow, _ what: String = "",
                        file: StaticString = #filePath, line: UInt = #line) throws -> PairingScreenModel {
        let m = try XCTUnwrap(flow.model, "\(what): \(flow.state)", file: file, line: line)
        XCTAssertEqual(m.stage, stage, "\(what) (notice: \(m.notice?.code ?? "none"))", file: file, line: line)
        return m
    }

    private func actions(_ m: PairingScreenModel) -> [PairingActionKind] { m.actions.map(\.action) }

    func testTwoPhonesPairThroughTheCoresScreenAlone() throws {
        let a = try ana.pairingFlow(), b = try ben.pairingFlow()
        var seenByA: [PairingStage] = []
        a.onChange = { if case let .shown(m) = $0 { seenByA.append(m.stage) } }
        for f in [a, b] {
            let start = try expect(.start, f, "at first")
            XCTAssertEqual(start.heading, "Pair your phones")
            XCTAssertEqual(start.actions.map(\.label), ["Show my code", "Scan my partner's code"])
            XCTAssertNil(start.notice)
        }

        a.press(.showMyCode)
        let offer = try expect(.showingCode, a, "Ana shows her code")
        let code = try XCTUnwrap(offer.qr)
        XCTAssertTrue(code.text.hasPrefix("TANDEM:"))
        XCTAssertLessThanOrEqual(code.version, 10)
        XCTAssertEqual(offer.instruction, "Let your partner scan this, then scan the code on their screen.")
        XCTAssertEqual(offer.expires, "Good until 12:02")
        XCTAssertEqual(offer.expiresAtMs, T.mar13_1200Z + 120_000)
        XCTAssertEqual(actions(offer), [.scanPartnersCode, .checkCode, .cancel])
        a.press(.checkCode)
        XCTAssertEqual(a.model, offer, "checking shows the same")
        a.press(.scanPartnersCode)
        XCTAssertEqual(a.model, offer, "the camera is the app's: nothing changes here")

        b.scanned(code.text)
        let answer = try expect(.showingAnswer, b, "Ben scans it")
        let answerCode = try XCTUnwrap(answer.qr)
        let digits = try XCTUnwrap(answer.digits)
        XCTAssertTrue(isSixDigitCode(digits), digits)
        XCTAssertEqual(answer.actions.map(\.label), ["They match", "They differ"])
        b.refresh()
        XCTAssertEqual(b.model, answer, "the answer is shown again while its digits wait")

        a.scanned(answerCode.text)
        let comparing = try expect(.comparing, a, "Ana scans Ben's answer")
        XCTAssertEqual(comparing.digits, digits, "the same digits on both screens")
        XCTAssertEqual(comparing.partnerName, "Ben's phone")
        XCTAssertEqual(comparing.instruction, "Do these digits match the ones on Ben's phone's screen?")
        XCTAssertNil(comparing.qr)

        a.press(.theyMatch)
        let pa = try expect(.paired, a, "Ana confirms")
        XCTAssertEqual(pa.pairedWith, "Paired with Ben's phone")
        XCTAssertEqual(pa.keys,
                       "Encryption keys: generation 1, last renewed Sat 13 Mar 2027 at 12:00. They renew as you sync.")
        XCTAssertEqual(pa.actions.map(\.label), ["Unpair this phone"])
        b.press(.theyMatch)
        let pb = try expect(.paired, b, "Ben confirms")
        XCTAssertEqual(pb.pairedWith, "Paired with your partner", "Ben learns Ana's name from her first file")
        XCTAssertEqual(pb.instruction, "If your partner's screen doesn't show the digits yet, let them scan this code. "
                       + "Then receive their first file to finish pairing.")
        XCTAssertEqual(pb.qr?.text, answerCode.text, "the answer stays shown until Ana's first file arrives")

        clock.advance(byMs: T.hour)
        _ = try ben.open().importPayload(payload: try ana.open().exportPayloads()[0])
        b.refresh()
        let named = try expect(.paired, b, "Ben after Ana's first file")
        XCTAssertEqual(named.pairedWith, "Paired with Ana's phone")
        XCTAssertEqual(named.keys,
                       "Encryption keys: generation 2, last renewed Sat 13 Mar 2027 at 13:00. They renew as you sync.",
                       "Ben's next key, made then")
        XCTAssertEqual(seenByA, [.showingCode, .comparing, .paired])
        XCTAssertEqual(try ana.pairingFlow().model, pa, "a new flow reads the same from the core")
    }

    func testRejectingOnEitherPhoneSaysSoAndPairingCanStartAgain() throws {
        let a = try ana.pairingFlow(), b = try ben.pairingFlow()
        a.press(.showMyCode)
        b.scanned(try XCTUnwrap(a.model?.qr).text)
        a.scanned(try XCTUnwrap(b.model?.qr).text)

        a.press(.theyDiffer)
        let rejected = try expect(.start, a, "Ana rejects")
        XCTAssertEqual(rejected.notice?.code, "pairing.rejected")
        XCTAssertEqual(rejected.notice?.text, noticeText(notice: .pairingRejected, localeTag: "en"))
        XCTAssertEqual(try ana.open().pairingStatus(), .unpaired)
        b.press(.theyDiffer)
        XCTAssertEqual(try expect(.start, b).notice?.code, "pairing.rejected")
        XCTAssertEqual(try ben.open().pairingStatus(), .unpaired)

        a.press(.showMyCode)
        XCTAssertNil(try expect(.showingCode, a).notice, "a new step clears the notice")
        b.scanned(try XCTUnwrap(a.model?.qr).text)
        a.scanned(try XCTUnwrap(b.model?.qr).text)
        a.press(.theyMatch)
        b.press(.theyMatch)
        try expect(.paired, a)
        try expect(.paired, b)
    }

    func testExpiredCodesAndACodeThatRunsOutOnScreenComeBackWithTheCoresNotice() throws {
        let a = try ana.pairingFlow(), b = try ben.pairingFlow()
        a.press(.showMyCode)
        let code = try XCTUnwrap(a.model?.qr).text
        clock.advance(byMs: 120_001)
        b.scanned(code)
        let late = try expect(.start, b, "Ben scans late")
        XCTAssertEqual(late.notice?.code, "pairing.expired")
        XCTAssertEqual(late.notice?.text, errorMessageIn(kind: .pairingExpired, context: .anything, localeTag: "en").text)
        XCTAssertEqual(try ben.open().pairingStatus(), .unpaired)

        // Past its time the code is not shown; the answer is still taken a while.
        a.refresh()
        let closed = try expect(.showingCode, a, "past the code's time")
        XCTAssertNil(closed.qr)
        XCTAssertEqual(actions(closed), [.scanPartnersCode, .showMyCode, .cancel])
        clock.advance(byMs: 60_000)
        a.refresh()
        let ranOut = try expect(.start, a, "after the grace")
        XCTAssertEqual(ranOut.notice?.code, "pairing.ran-out")
        XCTAssertEqual(ranOut.notice?.text,
                       "Your code ran out before pairing finished. Show a new code when you are both ready.")

        // An answer scanned after the grace.
        a.press(.showMyCode)
        b.scanned(try XCTUnwrap(a.model?.qr).text)
        clock.advance(byMs: 180_001)
        a.scanned(try XCTUnwrap(b.model?.qr).text)
        XCTAssertEqual(try expect(.start, a).notice?.code, "pairing.expired")
        // Ben's screen cannot know; leaving rejects his half, without a notice.
        b.press(.cancel)
        XCTAssertNil(try expect(.start, b).notice)
        XCTAssertEqual(try ben.open().pairingStatus(), .unpaired)
    }

    func testWrongCodesChangeNothingAndNeverShowTheCoresReason() throws {
        let a = try ana.pairingFlow(), b = try ben.pairingFlow()
        let cleo = controller("cleo.sqlite", "Cleo's phone")
        defer { try? cleo.close() }
        let c = try cleo.pairingFlow()
        for text in ["https://example.com/menu", "", "TANDEM", String(repeating: "A", count: 400)] {
            b.scanned(text)
            let s = try expect(.start, b, text)
            XCTAssertEqual(s.notice?.text, errorMessageIn(kind: .pairingFailed, context: .anything, localeTag: "en").text, text)
            XCTAssertEqual(try ben.open().pairingStatus(), .unpaired, text)
        }
        a.press(.showMyCode)
        let offer = try XCTUnwrap(a.model?.qr).text
        b.scanned(offer)
        let answer = try XCTUnwrap(b.model?.qr).text

        c.scanned(answer)  // an answer on a phone that shows no code
        XCTAssertEqual(try expect(.start, c).notice?.code, "pairing.failed")
        XCTAssertFalse(try XCTUnwrap(c.model?.notice?.text).contains("answer code"), "never the core's reason")

        a.scanned(offer)  // its own code: refused, still shown
        let own = try expect(.showingCode, a, "Ana scans her own code")
        XCTAssertEqual(own.qr?.text, offer)
        XCTAssertEqual(own.notice?.code, "pairing.failed")
        a.scanned("WIFI:S:home;T:WPA;P:secret;;")
        XCTAssertEqual(try expect(.showingCode, a).qr?.text, offer, "a stranger's code does not end it")
        b.scanned("not a code")  // Ben compares digits: a scan is not offered, nothing changes
        XCTAssertEqual(try expect(.showingAnswer, b).qr?.text, answer)
        a.scanned(answer)
        try expect(.comparing, a, "pairing still works")
    }

    func testStepsTheScreenDoesNotOfferChangeNothing() throws {
        let a = try ana.pairingFlow(), b = try ben.pairingFlow()
        var changes = 0
        a.onChange = { _ in changes += 1 }
        a.press(.theyMatch)
        a.press(.theyDiffer)
        a.press(.unpair)
        try expect(.start, a)
        XCTAssertEqual(changes, 0)

        a.press(.showMyCode)
        let shown = a.model
        a.press(.theyMatch)
        a.press(.theyDiffer)
        XCTAssertEqual(a.model, shown)
        XCTAssertEqual(changes, 1)

        b.scanned(try XCTUnwrap(a.model?.qr).text)
        a.scanned(try XCTUnwrap(b.model?.qr).text)
        a.press(.theyMatch)
        b.press(.theyMatch)
        let paired = a.model
        a.press(.showMyCode)
        a.scanned("TANDEM:AAAA")
        a.press(.theyMatch)
        a.press(.theyDiffer)
        a.press(.cancel)
        XCTAssertEqual(a.model, paired)
        XCTAssertTrue(try ana.open().pairingStatus().isPaired)
        XCTAssertEqual(PairingFlow.step(for: .theyMatch), .confirm)
        XCTAssertNil(PairingFlow.step(for: .scanPartnersCode))
    }

    func testAStaleFlowReadsTheCoreAndBothShowingACodeStillPairs() throws {
        let stale = try ana.pairingFlow()
        try pair()
        stale.press(.showMyCode)
        XCTAssertEqual(try expect(.paired, stale, "a stale flow").pairedWith, "Paired with Ben's phone")

        let cleo = controller("cleo.sqlite", "Cleo's phone"), dan = controller("dan.sqlite", "Dan's phone")
        defer { try? cleo.close(); try? dan.close() }
        let c = try cleo.pairingFlow(), d = try dan.pairingFlow()
        c.press(.showMyCode)
        d.press(.showMyCode)
        // Cleo scans Dan's code while showing hers: she answers, hers goes.
        c.scanned(try XCTUnwrap(d.model?.qr).text)
        let answer = try expect(.showingAnswer, c, "Cleo answers")
        d.scanned(try XCTUnwrap(answer.qr).text)
        XCTAssertEqual(try expect(.comparing, d, "Dan compares").digits, answer.digits)
    }

    func testCancelLeavesNothingHalfMadeAndUnpairGoesBackToTheStart() throws {
        let a = try ana.pairingFlow(), b = try ben.pairingFlow()
        a.press(.showMyCode)
        let offer = try XCTUnwrap(a.model?.qr).text
        a.press(.cancel)
        XCTAssertNil(try expect(.start, a).notice)
        XCTAssertEqual(try ana.open().pairingStatus(), .unpaired, "the code was withdrawn")
        // Ben can still scan the withdrawn code, but Ana will not take his answer.
        b.scanned(offer)
        a.scanned(try XCTUnwrap(b.model?.qr).text)
        XCTAssertEqual(try expect(.start, a).notice?.code, "pairing.failed")
        b.press(.cancel)
        XCTAssertEqual(try ben.open().pairingStatus(), .unpaired)

        a.press(.showMyCode)
        b.scanned(try XCTUnwrap(a.model?.qr).text)
        a.scanned(try XCTUnwrap(b.model?.qr).text)
        a.press(.cancel)
        try expect(.start, a)
        XCTAssertEqual(try ana.open().pairingStatus(), .unpaired)
        b.press(.cancel)

        try pair()
        let flow = try ana.pairingFlow()
        flow.press(.unpair)
        XCTAssertNil(try expect(.start, flow, "unpaired").notice)
        XCTAssertEqual(try ana.open().pairingStatus(), .unpaired)
    }

    func testResumesFromTheCore() throws {
        let aTandem = try ana.open(), bTandem = try ben.open()
        let offer = try aTandem.startPairing()
        XCTAssertEqual(try expect(.showingCode, try ana.pairingFlow()).qr?.text, offer.text,
                       "the code this phone shows is read back from the store")
        let answer = try bTandem.acceptPairing(offerText: offer.text)
        let resumed = try expect(.showingAnswer, try ben.pairingFlow(), "the answer stays shown while the core is open")
        XCTAssertEqual(resumed.digits, answer.sas)
        XCTAssertEqual(resumed.qr?.text, answer.text)
        _ = try aTandem.completePairing(answerText: answer.text)
        XCTAssertEqual(try expect(.comparing, try ana.pairingFlow()).digits, answer.sas)
        try aTandem.confirmPairing()
        try expect(.paired, try ana.pairingFlow())

        let flow = try ana.pairingFlow()
        try ana.open().unpair()
        flow.refresh()
        try expect(.start, flow, "unpaired elsewhere")
    }

    func testGermanWords() throws {
        let anja = controller("anja.sqlite", "Anja", language: { "de-DE" })
        defer { try? anja.close() }
        let f = try anja.pairingFlow()
        XCTAssertEqual(try expect(.start, f).actions.map(\.label),
                       ["Meinen Code zeigen", "Den Code meines Gegenübers scannen"])
        f.press(.showMyCode)
        XCTAssertEqual(try expect(.showingCode, f).expires, "Gültig bis 12:02")
        f.scanned("https://example.com/")
        XCTAssertEqual(try expect(.showingCode, f).notice?.text,
                       errorMessageIn(kind: .pairingFailed, context: .anything, localeTag: "de-DE").text)
    }

    func testErrorsOutsidePairingAreFailed() throws {
        let a = try ana.pairingFlow()
        try ana.close()
        a.press(.showMyCode)
        XCTAssertEqual(a.state, .failed(message: TandemMessages.message(for: .closed)))
        a.refresh()
        XCTAssertEqual(a.state, .failed(message: TandemMessages.message(for: .closed)))
        XCTAssertThrowsError(try ana.pairingFlow())
    }

    func testTheQrModulesReadByRowAndColumn() throws {
        let a = try ana.pairingFlow()
        a.press(.showMyCode)
        let qr = try XCTUnwrap(a.model?.qr)
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
}
