import Foundation
import XCTest
@testable import TandemKit

/// Files handed to the app (`FileSyncTransport.accept`) and the Sync screen
/// model, through two controllers on one ManualClock (2027-03-13 12:00Z, UTC).
final class SyncScreenTests: TempDirTestCase {
    private var clock: ManualClock!
    private var ana: TandemController!
    private var ben: TandemController!
    private var anaFiles: FileSyncTransport!
    private var benFiles: FileSyncTransport!
    private var anaToBen: URL { dir.appendingPathComponent("ana-to-ben", isDirectory: true) }
    private var benInbox: URL { dir.appendingPathComponent("ben-inbox", isDirectory: true) }

    override func setUpWithError() throws {
        try super.setUpWithError()
        clock = ManualClock(nowMs: T.mar13_1200Z)
        ana = TandemController(databasePath: path("ana.sqlite"), keys: InMemoryStorageKeyProvider(),
                               newDeviceName: "Ana's phone", clock: clock, deviceZone: { "UTC" })
        ben = TandemController(databasePath: path("ben.sqlite"), keys: InMemoryStorageKeyProvider(),
                               newDeviceName: "Ben's phone", clock: clock, deviceZone: { "UTC" })
        anaFiles = FileSyncTransport(outbox: anaToBen, inbox: dir.appendingPathComponent("ana-inbox", isDirectory: true))
        benFiles = FileSyncTransport(outbox: dir.appendingPathComponent("ben-out", isDirectory: true), inbox: benInbox)
    }

    override func tearDownWithError() throws {
        try ana?.close()
        try ben?.close()
        try super.tearDownWithError()
    }

    /// Every name in `url`, hidden ones included.
    private func everything(in url: URL) throws -> [String] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    // MARK: accept

    func testAReceivedFileIsCopiedIntoTheInboxAndImports() throws {
        try pairDevices(offerer: ana.open(), answerer: ben.open())
        _ = try ana.propose(title: "Evening walk", minutes: 45, timeOfDay: "20:30", zone: .floating)
        let name = try XCTUnwrap(try ana.syncOut(through: anaFiles).first)
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
                     String(repeating: "a", count: FileSyncTransport.maxNameLength + 1)] {
            XCTAssertThrowsError(try benFiles.accept(name: name, data: data), name.debugDescription) { error in
                XCTAssertEqual(error as? SyncFileRefused, .badName)
                XCTAssertEqual(TandemMessages.message(for: error), SyncFileRefused.badName.message)
            }
        }
        XCTAssertEqual(try everything(in: benInbox), [], "not even the inbox was made")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("escape.tandem").path))
        XCTAssertEqual(SyncFileRefused.badName.message,
                       "Tandem didn't take this file: its name isn't one Tandem writes. Ask your partner to send it again from Tandem.")
        // A plain name at the limit is fine.
        let longest = String(repeating: "a", count: FileSyncTransport.maxNameLength)
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
        // Exactly at the cap it is taken (the core judges the content).
        let atCap = Data(repeating: 0x41, count: FileSyncTransport.maxFileBytes)
        XCTAssertEqual(try benFiles.accept(name: "cap.tandem", data: atCap), "cap.tandem")
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
                           "Tandem couldn't save this file. Check that the device has free space, then try again.")
        }
        XCTAssertEqual(try String(contentsOf: benInbox, encoding: .utf8), "not a folder")
        XCTAssertEqual(try everything(in: dir).filter { $0.hasPrefix(".incoming") }, [])
    }

    // MARK: the screen

    func testTheSyncScreenBeforePairingSaysPairFirst() throws {
        let screen = try ben.syncScreen(inbox: benFiles)
        XCTAssertFalse(screen.paired)
        XCTAssertFalse(screen.canSend)
        XCTAssertEqual(screen.next, "Pair first")
        XCTAssertEqual(screen.waitingFiles, 0)
        XCTAssertEqual(screen.waitingText, "No files waiting")
        XCTAssertEqual(screen.lines, [])
        XCTAssertNil(screen.partnerName)

        _ = try ana.open().startPairing()
        XCTAssertEqual(try ana.syncScreen(inbox: anaFiles).next, "Pair first", "an offer is not a pair")
    }

    func testTheSyncScreenFollowsPairingFilesAndResults() throws {
        let offer = try ana.open().startPairing()
        let answer = try ben.open().acceptPairing(offerText: offer.text)
        XCTAssertEqual(try ben.syncScreen(inbox: benFiles).next, "Compare the six digits and confirm first")
        _ = try ana.open().completePairing(answerText: answer.text)
        try ana.open().confirmPairing()
        try ben.open().confirmPairing()

        var atBen = try ben.syncScreen(inbox: benFiles)
        XCTAssertTrue(atBen.paired)
        XCTAssertEqual(atBen.next, "Import your partner's first file to finish pairing")
        XCTAssertEqual(try ana.syncScreen(inbox: anaFiles).next, "Send your changes to your partner")
        XCTAssertEqual(try ana.syncScreen(inbox: anaFiles).partnerName, "Ben's phone")

        _ = try ana.propose(title: "Evening walk", minutes: 45, timeOfDay: "20:30", zone: .floating)
        _ = try ana.propose(title: "Tea", minutes: 20, timeOfDay: "07:00", zone: .floating)
        let names = try ana.syncOut(through: anaFiles)
        XCTAssertEqual(SyncScreen(pairing: try ana.pairingStatus(), waitingFiles: 0, last: .sent(files: names.count)).lines,
                       ["Sent your changes as 1 file"])
        for name in names { try benFiles.accept(contentsOf: anaToBen.appendingPathComponent(name)) }
        try benFiles.accept(name: "junk.tandem", data: Data("hello".utf8))
        atBen = try ben.syncScreen(inbox: benFiles)
        XCTAssertEqual(atBen.waitingFiles, 2)
        XCTAssertEqual(atBen.waitingText, "2 files from your partner waiting")

        let report = try ben.syncIn(through: benFiles)
        atBen = try ben.syncScreen(inbox: benFiles, last: .received(report))
        XCTAssertEqual(atBen.next, "Send your changes to your partner")
        XCTAssertEqual(atBen.partnerName, "Ana's phone")
        XCTAssertEqual(atBen.waitingFiles, 0, "the refused file is set aside")
        XCTAssertEqual(atBen.lines, [
            "2 changes received",
            "Pairing complete on this phone",
            "junk.tandem: " + TandemMessages.message(for: .payloadRejected),
        ])
    }

    func testResultLinesForEachCase() throws {
        func report(_ items: [SyncInItem]) -> SyncResult { .received(SyncInReport(items: items)) }
        func imported(_ applied: UInt32, already: Bool = false) -> SyncInItem.Outcome {
            .imported(ImportReport(applied: applied, duplicates: 0, alreadyImported: already, acknowledged: 0,
                                   partnerConfirmed: false))
        }
        XCTAssertEqual(SyncScreen.lines(for: .sent(files: 3)), ["Sent your changes as 3 files"])
        XCTAssertEqual(SyncScreen.lines(for: report([])), ["No files to import"])
        XCTAssertEqual(SyncScreen.lines(for: report([SyncInItem(id: "a", outcome: imported(1))])), ["1 change received"])
        XCTAssertEqual(SyncScreen.lines(for: report([
            SyncInItem(id: "a", outcome: imported(0, already: true)),
            SyncInItem(id: "b", outcome: imported(0, already: true)),
        ])), ["No new changes received", "2 files were imported before"])
        XCTAssertEqual(SyncScreen.lines(for: report([
            SyncInItem(id: "x.tandem", outcome: .failed(kind: .notPaired, message: TandemMessages.message(for: .notPaired))),
        ])), ["x.tandem: " + TandemMessages.message(for: .notPaired)], "no 'received' line when nothing imported")

        let waiting = SyncScreen(pairing: .paired(partnerName: nil, partnerDeviceId: nil, partnerConfirmed: true),
                                 waitingFiles: 1)
        XCTAssertEqual(waiting.waitingText, "1 file from your partner waiting")
        XCTAssertEqual(waiting.next, "Import what your partner sent")
        XCTAssertTrue(waiting.canImport)
    }
}
