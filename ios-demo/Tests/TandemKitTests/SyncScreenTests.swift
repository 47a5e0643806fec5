import Foundation
import XCTest
@testable import TandemKit

/// Files handed to the app (`FileSyncTransport.accept`) and the Sync screen
/// model, through two controllers on one ManualClock (2027-03-13 12:00Z, UTC).
final class SyncScreenTests: TwoShellsTestCase {
    private var benInbox: URL { dir.appendingPathComponent("ben-inbox", isDirectory: true) }

    /// Not crossed: files reach Ben's inbox only through `accept`.
    override func makeFiles() -> (FileSyncTransport, FileSyncTransport) {
        (FileSyncTransport(outbox: anaToBen, inbox: dir.appendingPathComponent("ana-inbox", isDirectory: true)),
         FileSyncTransport(outbox: dir.appendingPathComponent("ben-out", isDirectory: true), inbox: benInbox))
    }

    /// Every name in `url`, hidden ones included.
    private func everything(in url: URL) throws -> [String] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    // MARK: accept

    func testAReceivedFileIsCopiedIntoTheInboxAndImports() throws {
        try pairDevices(offerer: ana.open(), answerer: ben.open())
        _ = try ana.open().proposeRitual(draft: RitualDraft(title: "Evening walk", prompt: nil, minutes: 45, timeOfDay: "20:30", zone: .floating))
        let name = try XCTUnwrap(try anaFiles.send(ana.open().exportPayloads()).first)
        let sent = anaToBen.appendingPathComponent(name)

        XCTAssertEqual(try benFiles.accept(contentsOf: sent), name)
        XCTAssertEqual(try everything(in: benInbox), [name], "nothing else left beside it")
        XCTAssertEqual(try benFiles.waiting(), [name])
        XCTAssertEqual(try Data(contentsOf: benInbox.appendingPathComponent(name)), try Data(contentsOf: sent))
        // The same file again replaces it (no second copy).
        XCTAssertEqual(try benFiles.accept(contentsOf: sent), name)
        XCTAssertEqual(try everything(in: benInbox), [name])

        let report = try ben.syncIn(through: benFiles)
        XCTAssertEqual(report.applied, 1)
        XCTAssertEqual(try benFiles.waiting(), [])
    }

    func testHostileNamesAreRefusedWithAMessageAndNothingWritten() throws {
        let data = Data("TSYNC1:AAAA".utf8)
        for name in ["", "../escape.tandem", "a/b.tandem", "..", "...tandem", "x\\y.tandem", ".hidden.tandem",
                     "nul\u{0}byte.tandem", "line\nbreak.tandem", "old.tandem.rejected",
                     String(repeating: "a", count: 121)] {
            XCTAssertThrowsError(try benFiles.accept(name: name, data: data), name.debugDescription) { error in
                XCTAssertEqual(error as? SyncFileRefused, .badName)
                XCTAssertEqual(TandemMessages.message(for: error), SyncFileRefused.badName.message)
            }
        }
        XCTAssertEqual(try everything(in: benInbox), [], "not even the inbox was made")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("escape.tandem").path))
        XCTAssertEqual(SyncFileRefused.badName.message,
                       "Tandem didn't take this file: its name isn't one Tandem writes. Ask your partner to send it again from Tandem.")
        // A plain name at the core's limit (120 characters, both phones) is fine.
        let longest = String(repeating: "a", count: 120)
        XCTAssertEqual(try benFiles.accept(name: longest, data: data), longest)
        XCTAssertEqual(try everything(in: benInbox), [longest])
    }

    func testAnOversizedFileIsRefusedBeforeItIsRead() throws {
        let big = Data(repeating: 0x41, count: FileSyncTransport.maxFileBytes + 1)
        XCTAssertThrowsError(try benFiles.accept(name: "big.tandem", data: big)) { error in
            XCTAssertEqual(error as? SyncFileRefused, .tooLarge)
            XCTAssertEqual(TandemMessages.message(for: error),
                           "Tandem didn't take this file: it is far bigger than any update Tandem sends, so it isn't one.")
        }
        let outside = dir.appendingPathComponent("big.tandem")
        try big.write(to: outside)
        XCTAssertThrowsError(try benFiles.accept(contentsOf: outside)) { error in
            XCTAssertEqual(error as? SyncFileRefused, .tooLarge)
        }
        XCTAssertEqual(try everything(in: benInbox), [])
        // Under the cap, the core reads the text: a photo is refused, a payload's text taken.
        let photo = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10])
        XCTAssertThrowsError(try benFiles.accept(name: "photo.jpg", data: photo)) { error in
            XCTAssertEqual(error as? SyncFileRefused, .notSync)
            XCTAssertEqual(TandemMessages.message(for: error), "Tandem didn't take this file: it isn't an update from Tandem.")
        }
        let text = Data(payloadToText(payload: Data(repeating: 1, count: 1000)).utf8)
        XCTAssertEqual(try benFiles.accept(name: " cap.tandem ", data: text), "cap.tandem", "trimmed")
        XCTAssertEqual(try everything(in: benInbox), ["cap.tandem"])
    }

    func testAMissingFileOrADirectoryIsUnreadable() throws {
        let missing = dir.appendingPathComponent("gone.tandem")
        XCTAssertThrowsError(try benFiles.accept(contentsOf: missing)) { error in
            XCTAssertEqual(error as? SyncFileRefused, .unreadable)
            XCTAssertEqual(TandemMessages.message(for: error), "Tandem couldn't read this file. Try sending it again.")
        }
        let folder = dir.appendingPathComponent("folder.tandem", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        XCTAssertThrowsError(try benFiles.accept(contentsOf: folder)) { error in
            XCTAssertEqual(error as? SyncFileRefused, .unreadable)
        }
        XCTAssertEqual(try everything(in: benInbox), [])
    }

    func testAnInboxThatCannotBeWrittenLeavesNothingBehind() throws {
        try Data("not a folder".utf8).write(to: benInbox)
        XCTAssertThrowsError(try benFiles.accept(name: "a.tandem", data: Data("TSYNC1:AAAA".utf8))) { error in
            XCTAssertEqual(error as? SyncFileRefused, .cannotSave)
            XCTAssertEqual(TandemMessages.message(for: error),
                           "Tandem couldn't read or write a file it needs. Check that the device has free space, then try again.")
        }
        XCTAssertEqual(try String(contentsOf: benInbox, encoding: .utf8), "not a folder")
        XCTAssertEqual(try everything(in: dir).filter { $0.hasPrefix(".incoming") }, [])
    }

    // MARK: the screen

    func testTheSyncScreenBeforePairingSaysPairFirst() throws {
        let screen = try ben.syncScreen(inbox: benFiles)
        XCTAssertFalse(screen.paired)
        XCTAssertFalse(screen.canSend)
        XCTAssertEqual(screen.next, Words.pairFirst)
        XCTAssertEqual(screen.waitingFiles, 0)
        XCTAssertEqual(screen.waitingText, "No files waiting")
        XCTAssertEqual(screen.lines, [])
        XCTAssertNil(screen.partnerName)

        _ = try ana.open().startPairing()
        XCTAssertEqual(try ana.syncScreen(inbox: anaFiles).next, Words.pairFirst, "an offer is not a pair")
    }

    func testTheSyncScreenFollowsPairingFilesAndResults() throws {
        let offer = try ana.open().startPairing()
        let answer = try ben.open().acceptPairing(offerText: offer.text)
        XCTAssertEqual(try ben.syncScreen(inbox: benFiles).next, Words.confirmFirst)
        _ = try ana.open().completePairing(answerText: answer.text)
        try ana.open().confirmPairing()
        try ben.open().confirmPairing()

        var atBen = try ben.syncScreen(inbox: benFiles)
        XCTAssertTrue(atBen.paired)
        XCTAssertEqual(atBen.next, Words.finishPairing)
        // Pairing itself is no change to send, but Ben waits for Ana's file.
        XCTAssertEqual(try ana.open().changesToSend(), 0)
        XCTAssertEqual(try ana.syncScreen(inbox: anaFiles).next,
                       Words.upToDate)
        XCTAssertEqual(try ana.syncScreen(inbox: anaFiles).changesText, "Your partner's phone has everything")
        XCTAssertEqual(try ana.syncScreen(inbox: anaFiles).partnerName, "Ben's phone")

        _ = try ana.open().proposeRitual(draft: RitualDraft(title: "Evening walk", prompt: nil, minutes: 45, timeOfDay: "20:30", zone: .floating))
        _ = try ana.open().proposeRitual(draft: RitualDraft(title: "Tea", prompt: nil, minutes: 20, timeOfDay: "07:00", zone: .floating))
        let sent = try ana.sendChanges(through: anaFiles)
        let names = sent.ids
        XCTAssertEqual(try ana.syncScreen(inbox: anaFiles, last: sent.result).lines, ["Sent 2 changes as 1 file."])
        for name in names { try benFiles.accept(contentsOf: anaToBen.appendingPathComponent(name)) }
        // Sync text the inbox takes, whose payload the import refuses.
        XCTAssertThrowsError(try benFiles.accept(name: "junk.tandem", data: Data("hello".utf8)), "not sync text")
        try benFiles.accept(name: "junk.tandem", data: Data(payloadToText(payload: Data("hello".utf8)).utf8))
        atBen = try ben.syncScreen(inbox: benFiles)
        XCTAssertEqual(atBen.waitingFiles, 2)
        XCTAssertEqual(atBen.waitingText, "2 files from your partner waiting")

        let report = try ben.syncIn(through: benFiles)
        atBen = try ben.syncScreen(inbox: benFiles, last: .received(report))
        XCTAssertEqual(atBen.next, Words.replyNext)
        XCTAssertEqual(atBen.partnerName, "Ana's phone")
        XCTAssertEqual(atBen.waitingFiles, 0, "the refused file is set aside")
        XCTAssertEqual(atBen.lines, [
            "2 changes received.",
            "Ana's phone invited you to a new ritual: Evening walk",
            "Ana's phone invited you to a new ritual: Tea",
            "Your partner's phone confirmed the pairing.",
            "junk.tandem: " + TandemMessages.message(for: .payloadRejected),
        ])
    }

    // Each case's lines and counts (0, 1, many; sent, received, refused,
    // imported before) are worded by the core: screens::sync, tested there.

    // MARK: changes to send

    /// `from`'s files, sent through `sendChanges` (its report returned) and
    /// imported by `to` a minute later.
    @discardableResult
    private func deliver(_ from: TandemController, _ out: FileSyncTransport, to: TandemController,
                         _ inbox: FileSyncTransport, file: StaticString = #filePath, line: UInt = #line)
        throws -> (sent: SyncOutReport, received: SyncInReport) {
        clock.advance(byMs: T.minute)
        let sent = try from.sendChanges(through: out)
        XCTAssertFalse(sent.ids.isEmpty, "nothing written", file: file, line: line)
        for id in sent.ids { try inbox.accept(contentsOf: out.outbox.appendingPathComponent(id)) }
        let received = try to.syncIn(through: inbox)
        XCTAssertEqual(received.failed.count, 0, file: file, line: line)
        return (sent, received)
    }

    func testChangesToSendCountUntilThePartnersReplyIsImported() throws {
        try pairDevices(offerer: ana.open(), answerer: ben.open())
        // A full exchange: both phones hold everything the other has.
        try deliver(ana, anaFiles, to: ben, benFiles)
        try deliver(ben, benFiles, to: ana, anaFiles)
        XCTAssertEqual(try ana.open().changesToSend(), 0)
        XCTAssertEqual(try ben.open().changesToSend(), 0)
        var atAna = try ana.syncScreen(inbox: anaFiles)
        XCTAssertEqual(atAna.changesToSend, 0)
        XCTAssertEqual(atAna.changesText, "Your partner's phone has everything")
        XCTAssertEqual(atAna.next, Words.upToDate)
        XCTAssertTrue(atAna.canSend, "sending stays possible")

        _ = try ana.open().proposeRitual(draft: RitualDraft(title: "Evening walk", prompt: nil, minutes: 45, timeOfDay: "20:30", zone: .floating))
        _ = try ana.open().proposeRitual(draft: RitualDraft(title: "Tea", prompt: nil, minutes: 20, timeOfDay: "07:00", zone: .floating))
        _ = try ana.open().addPersonalRitual(draft: draft("Stretch", at: "07:00"))
        XCTAssertEqual(try ana.open().changesToSend(), 2, "two proposals; the personal ritual never counts")
        atAna = try ana.syncScreen(inbox: anaFiles)
        XCTAssertEqual(atAna.changesText, "2 changes to send")
        XCTAssertEqual(atAna.next, Words.sendNext)

        // Sent is not confirmed: they count until Ben's reply is imported.
        let (sent, received) = try deliver(ana, anaFiles, to: ben, benFiles)
        XCTAssertEqual(sent.changes, 2)
        XCTAssertEqual(sent.ids.count, 1)
        XCTAssertEqual(received.applied, 2)
        XCTAssertEqual(try ana.open().changesToSend(), 2)
        atAna = try ana.syncScreen(inbox: anaFiles, last: sent.result)
        XCTAssertEqual(atAna.lines, ["Sent 2 changes as 1 file."])
        XCTAssertEqual(atAna.changesText, "2 changes to send")
        XCTAssertEqual(atAna.next, Words.sendNext)

        // Ben has nothing of his own to send, but a reply tells Ana's phone.
        var atBen = try ben.syncScreen(inbox: benFiles, last: .received(received))
        XCTAssertEqual(atBen.changesText, "Your partner's phone has everything")
        XCTAssertEqual(atBen.next, Words.replyNext)
        let (reply, _) = try deliver(ben, benFiles, to: ana, anaFiles)
        XCTAssertEqual(reply.changes, 0)
        atBen = try ben.syncScreen(inbox: benFiles, last: reply.result)
        XCTAssertEqual(atBen.lines, ["Sent an update as 1 file: it lets your partner's phone know what arrived here."])
        XCTAssertEqual(atBen.next, Words.upToDate)

        XCTAssertEqual(try ana.open().changesToSend(), 0, "Ben's reply acknowledged both")
        atAna = try ana.syncScreen(inbox: anaFiles)
        XCTAssertEqual(atAna.changesToSend, 0)
        XCTAssertEqual(atAna.changesText, "Your partner's phone has everything")

        // Ben accepts one: one change for Ana's phone.
        _ = try ben.open().acceptRitual(id: try XCTUnwrap(try ben.open().rituals().first { $0.title == "Tea" }).id)
        atBen = try ben.syncScreen(inbox: benFiles)
        XCTAssertEqual(atBen.changesText, "1 change to send")
        XCTAssertEqual(atBen.next, Words.sendNext)
    }

    func testChangesToSendStopCountingAtAThousandAndCountAgainOnceAcknowledged() throws {
        try pairDevices(offerer: ana.open(), answerer: ben.open())
        try deliver(ana, anaFiles, to: ben, benFiles)
        try deliver(ben, benFiles, to: ana, anaFiles)
        // Through the form, as the phone proposes: each outcome carries the count too.
        var toSend: [UInt32] = []
        for i in 0..<1002 {
            let draft = RitualDraft(title: "Ritual \(i)", prompt: nil, minutes: 10, timeOfDay: "08:00", zone: .floating)
            toSend.append(try ana.open().send(RitualFormInput(draft), as: .propose).toSend)
        }
        XCTAssertEqual([toSend[0], toSend[1], toSend[998], toSend[999], toSend[1001]], [1, 2, 999, 1000, 1000])
        XCTAssertEqual(try ana.open().changesToSend(), 1000, "counted up to 1000")
        var atAna = try ana.syncScreen(inbox: anaFiles)
        XCTAssertEqual(atAna.changesToSend, 1000)
        XCTAssertEqual(atAna.changesText, "1000 or more changes to send")
        let (sent, received) = try deliver(ana, anaFiles, to: ben, benFiles)
        XCTAssertEqual(sent.changes, 1000, "counted before the send, as the screen says")
        XCTAssertEqual(received.applied, 1002, "all of them travel")
        atAna = try ana.syncScreen(inbox: anaFiles, last: sent.result)
        XCTAssertEqual(atAna.lines, ["Sent 1000 or more changes as \(sent.ids.count) file\(sent.ids.count == 1 ? "" : "s")."])
        try deliver(ben, benFiles, to: ana, anaFiles)
        XCTAssertEqual(try ana.open().changesToSend(), 0, "Ben's reply acknowledged all 1002")
        _ = try ana.open().proposeRitual(draft: RitualDraft(title: "One more", prompt: nil, minutes: 10, timeOfDay: "09:00", zone: .floating))
        atAna = try ana.syncScreen(inbox: anaFiles)
        XCTAssertEqual(atAna.changesText, "1 change to send")
    }

    func testBeforePairingChangesToSendThrowsAndTheScreenSaysPairFirst() throws {
        _ = try ben.open().addPersonalRitual(draft: draft("Stretch", at: "07:00"))
        assertTandemError(.notPaired) { try ben.open().changesToSend() }
        assertTandemError(.notPaired) { try ben.sendChanges(through: benFiles) }
        var screen = try ben.syncScreen(inbox: benFiles)
        XCTAssertEqual(screen.next, Words.pairFirst)
        XCTAssertNil(screen.changesToSend)
        XCTAssertNil(screen.changesText)

        // Digits shown but not confirmed: still no count, and no throw.
        let offer = try ana.open().startPairing()
        assertTandemError(.notPaired) { try ana.open().changesToSend() }
        XCTAssertNil(try ana.syncScreen(inbox: anaFiles).changesText)
        let answer = try ben.open().acceptPairing(offerText: offer.text)
        _ = try ana.open().completePairing(answerText: answer.text)
        assertTandemError(.notPaired) { try ben.open().changesToSend() }
        screen = try ben.syncScreen(inbox: benFiles)
        XCTAssertEqual(screen.next, Words.confirmFirst)
        XCTAssertNil(screen.changesText)

        try ana.open().confirmPairing()
        try ben.open().confirmPairing()
        XCTAssertEqual(try ana.open().changesToSend(), 0, "pairing is no change to send")
        XCTAssertEqual(try ben.open().changesToSend(), 0)
        XCTAssertEqual(try ben.syncScreen(inbox: benFiles).changesText, "Your partner's phone has everything")
        XCTAssertEqual(try ben.syncScreen(inbox: benFiles).next, Words.finishPairing)
    }
}

/// The Sync screen's words, as the core says them (screens::sync).
private enum Words {
    static let pairFirst = "Pair first: syncing starts once your phones are paired on the Pairing screen."
    static let confirmFirst = "Confirm the check code on the Pairing screen first, then sync."
    static let finishPairing = "Receive your partner's first file to finish pairing."
    static let sendNext = "Send your changes to your partner. They stay counted here until your partner's phone confirms it has them."
    static let replyNext = "Send a reply so your partner's phone knows what arrived."
    static let upToDate = "Nothing new to send. Send anyway if your partner is waiting for a file from you."
}
