import Foundation
import XCTest
@testable import TandemKit

/// What the app shows first: ready, the key-missing recovery screen, or a
/// message; and that no path loses or overwrites a database.
final class LaunchRecoveryTests: TempDirTestCase {
    private var clock: ManualClock!

    override func setUpWithError() throws {
        try super.setUpWithError()
        clock = ManualClock(nowMs: T.mar13_1200Z)
    }

    private func controller(_ keys: StorageKeyProvider, file: String = "tandem.sqlite") -> TandemController {
        TandemController(databasePath: path(file), keys: keys, newDeviceName: "Ana's phone",
                         clock: clock, deviceZone: { "UTC" })
    }

    /// A database with one ritual, closed; returns its key provider.
    private func existingDatabase() throws -> InMemoryStorageKeyProvider {
        let keys = InMemoryStorageKeyProvider()
        let c = controller(keys)
        XCTAssertEqual(c.launch(), .ready)
        _ = try c.open().proposeRitual(draft: RitualDraft(title: "Evening walk", prompt: nil, minutes: 30, timeOfDay: "20:30", zone: .floating))
        try c.close()
        return keys
    }

    /// Every file of the database (main, -wal, -shm), by name.
    private func databaseFiles() throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            out[name] = try Data(contentsOf: dir.appendingPathComponent(name))
        }
        return out
    }

    func testAFreshInstallMakesAndStoresOneKey() throws {
        let keys = InMemoryStorageKeyProvider()
        XCTAssertEqual(controller(keys).launch(), .ready)
        XCTAssertTrue(keys.hasKey)
        XCTAssertEqual(try keys.readStorageKey()?.count, 32)
    }

    func testAMissingKeyNeverCreatesANewOneOverTheDatabase() throws {
        _ = try existingDatabase()
        let before = try databaseFiles()
        XCTAssertFalse(before.isEmpty)

        // The Keychain lost the key (restored from a backup): nothing is created.
        let emptyKeys = InMemoryStorageKeyProvider()
        let c = controller(emptyKeys)
        XCTAssertEqual(c.launch(), .keyMissing(message: LaunchState.keyMissingMessage))
        XCTAssertFalse(emptyKeys.hasKey, "no key made")
        XCTAssertFalse(c.isOpen)
        XCTAssertEqual(try databaseFiles(), before, "the database is untouched")
        XCTAssertThrowsError(try c.open().rituals()) { error in
            XCTAssertEqual(error as? StorageKeyMissing, StorageKeyMissing(databasePath: self.path("tandem.sqlite")))
            XCTAssertEqual(TandemMessages.message(for: error), LaunchState.keyMissingMessage)
        }
        XCTAssertEqual(c.launch(), .keyMissing(message: LaunchState.keyMissingMessage), "the same on every launch")
        XCTAssertEqual(try databaseFiles(), before)
        XCTAssertTrue(LaunchState.keyMissingMessage.contains("Nothing was deleted"))
        XCTAssertEqual(LaunchState.keyMissingChoices, ["Restore from an export", "Start over"])
    }

    func testStartOverSetsTheOldDatabaseAsideAndOpensAnEmptyOne() throws {
        _ = try existingDatabase()
        let before = try databaseFiles()
        let keys = InMemoryStorageKeyProvider()
        let c = controller(keys)
        defer { try? c.close() }
        XCTAssertEqual(c.launch(), .keyMissing(message: LaunchState.keyMissingMessage))

        let aside = try c.startOver()
        XCTAssertEqual(aside, path("tandem.sqlite") + ".unreadable-\(T.mar13_1200Z)")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: aside)), before["tandem.sqlite"], "kept, byte for byte")
        XCTAssertTrue(keys.hasKey)
        XCTAssertEqual(try c.open().rituals(), [], "an empty Tandem")
        XCTAssertEqual(c.launch(), .ready)
        assertTandemError(.notAllowedNow, "never twice, never over an open one") { try c.startOver() }
    }

    func testStartOverIsRefusedWhenTheKeyIsThere() throws {
        let keys = try existingDatabase()
        let before = try databaseFiles()
        assertTandemError(.notAllowedNow) { try controller(keys).startOver() }
        assertTandemError(.notAllowedNow, "nothing to start over from") {
            try controller(InMemoryStorageKeyProvider(), file: "none.sqlite").startOver()
        }
        XCTAssertEqual(try databaseFiles(), before)
    }

    func testRestoreFromAnExportAfterTheKeyWentMissing() throws {
        let keys = try existingDatabase()
        let old = controller(keys)
        let export = try old.open().exportData(passphrase: "correct horse battery")
        // The restored phone keeps its own id: compare as the same person.
        let oldId = try old.open().device().deviceId
        let rituals = String(describing: try old.open().rituals()).replacingOccurrences(of: oldId, with: "<me>")
        try old.close()

        let c = controller(InMemoryStorageKeyProvider())
        defer { try? c.close() }
        XCTAssertEqual(c.launch(), .keyMissing(message: LaunchState.keyMissingMessage))
        assertTandemError(.wrongPassphrase) { try c.restore(export: export, passphrase: "not it at all") }
        XCTAssertEqual(try c.open().rituals(), [], "empty, ready for another try")
        XCTAssertGreaterThan(try c.restore(export: export, passphrase: "correct horse battery"), 0)
        XCTAssertEqual(String(describing: try c.open().rituals()).replacingOccurrences(of: try c.open().device().deviceId, with: "<me>"),
                       rituals)
        let asideCount = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasPrefix("tandem.sqlite.unreadable-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }.count
        XCTAssertEqual(asideCount, 1, "the old database kept aside once")
    }

    func testADatabaseFromANewerAppIsAMessageAndStaysUntouched() throws {
        let keys = try existingDatabase()
        let url = dir.appendingPathComponent("tandem.sqlite")
        var bytes = try Data(contentsOf: url)
        bytes.replaceSubrange(60..<64, with: [0, 0, 0x03, 0xE7])  // user_version 999
        try bytes.write(to: url)
        let before = try databaseFiles()

        let c = controller(keys)
        let state = c.launch()
        XCTAssertEqual(state, .failed(kind: .databaseTooNew, message: TandemMessages.message(for: .databaseTooNew)))
        guard case let .failed(_, message) = state else { return XCTFail() }
        XCTAssertTrue(message.contains("newer version"), message)
        XCTAssertTrue(message.lowercased().contains("update"), message)
        XCTAssertEqual(try databaseFiles(), before, "untouched")
        XCTAssertTrue(keys.hasKey, "the key is kept for the updated app")
        assertTandemError(.notAllowedNow, "not a missing key: no start over") { try c.startOver() }
    }

    func testAWrongKeyOrAFailingKeyStoreIsAMessage() throws {
        _ = try existingDatabase()
        let wrong = controller(InMemoryStorageKeyProvider(key: try generateStorageKey()))
        XCTAssertEqual(wrong.launch(), .failed(kind: .wrongKey, message: TandemMessages.message(for: .wrongKey)))
    }
}
