import Foundation
import XCTest
@testable import TandemKit

/// Export, import, the VisibilityScreen model and wipe through the
/// controller, and the key provider's delete.
final class ExportMirrorWipeShellTests: TempDirTestCase {
    private var clock: ManualClock!

    override func setUpWithError() throws {
        try super.setUpWithError()
        clock = ManualClock(nowMs: T.mar13_1200Z)
    }

    private func controller(
        _ file: String, keys: StorageKeyProvider = InMemoryStorageKeyProvider(), name: String = "Ana's phone",
        zone: @escaping () -> String = { "UTC" }, language: @escaping () -> String = { "en-US" }
    ) -> TandemController {
        TandemController(databasePath: path(file), keys: keys, newDeviceName: name, clock: clock,
                         deviceZone: zone, language: language)
    }

    func testTheInMemoryProviderDeletesItsKey() throws {
        let keys = InMemoryStorageKeyProvider()
        XCTAssertFalse(keys.hasKey)
        let first = try keys.storageKey()
        XCTAssertTrue(keys.hasKey)
        XCTAssertEqual(try keys.storageKey(), first)
        try keys.deleteStorageKey()
        XCTAssertFalse(keys.hasKey)
        try keys.deleteStorageKey()  // deleting a missing key is fine
        let second = try keys.storageKey()
        XCTAssertEqual(second.count, 32)
        XCTAssertNotEqual(second, first, "a fresh key after a delete")
    }

    func testExportThenImportOnANewPhoneThroughTheControllers() throws {
        let old = controller("old.sqlite")
        defer { try? old.close() }
        let walk = try old.open().proposeRitual(draft: RitualDraft(title: "Evening walk", prompt: nil, minutes: 30, timeOfDay: "20:30", zone: .floating))
        _ = try old.open().addBoundary(text: "Quiet-Sunday-mornings", shared: false)
        clock.advance(byMs: T.minute)
        _ = try old.open().checkIn(temperature: 4, capacity: .some, need: .space, note: nil, shared: true)

        let sealed = try old.open().exportData(passphrase: "correct horse battery")
        XCTAssertNil(sealed.range(of: Data("Quiet-Sunday-mornings".utf8)))
        let outer = try XCTUnwrap(try JSONSerialization.jsonObject(with: sealed) as? [String: Any])
        XCTAssertEqual(outer["format"] as? String, "tandem-export-sealed")
        XCTAssertThrowsError(try old.open().exportData(passphrase: "short")) { error in
            XCTAssertEqual((error as? TandemError)?.kind, .invalidInput)
        }

        let newKeys = InMemoryStorageKeyProvider()
        let new = controller("new.sqlite", keys: newKeys, name: "New phone")
        defer { try? new.close() }
        XCTAssertThrowsError(try new.open().importData(file: sealed, passphrase: "not the passphrase")) { error in
            XCTAssertEqual((error as? TandemError)?.kind, .wrongPassphrase)
            XCTAssertEqual(TandemMessages.message(for: error), TandemMessages.message(for: .wrongPassphrase))
        }
        XCTAssertEqual(try new.open().rituals(), [])
        XCTAssertEqual(try new.open().device().name, "New phone")

        XCTAssertGreaterThan(try new.open().importData(file: sealed, passphrase: "correct horse battery"), 0)
        XCTAssertEqual(try new.open().device().name, try old.open().device().name)
        XCTAssertNotEqual(try new.open().device().deviceId, try old.open().device().deviceId, "a restored phone keeps its own id")
        XCTAssertEqual(String(describing: try new.open().rituals()).replacingOccurrences(of: try new.open().device().deviceId, with: "<me>"),
                       String(describing: try old.open().rituals()).replacingOccurrences(of: try old.open().device().deviceId, with: "<me>"))
        XCTAssertEqual(try new.open().rituals().map(\.id), [walk.id])
        XCTAssertEqual(try new.open().boundaries(), try old.open().boundaries())
        XCTAssertEqual(try new.open().entries(fromMs: T.mar13_0000Z, toMs: T.mar16_0000Z),
                       try old.open().entries(fromMs: T.mar13_0000Z, toMs: T.mar16_0000Z))
        XCTAssertEqual(try new.ritualsScreen().rows, try old.ritualsScreen().rows)

        XCTAssertThrowsError(try new.open().importData(file: sealed, passphrase: "correct horse battery")) { error in
            XCTAssertEqual((error as? TandemError)?.kind, .notAllowedNow)
        }
    }

    func testTheUnsealedExportIsOnlyThroughItsExplicitMethod() throws {
        let c = controller("ana.sqlite")
        defer { try? c.close() }
        _ = try c.open().addBoundary(text: "Quiet-Sunday-mornings", shared: false)
        let plain = try c.open().exportPlaintext()
        let doc = try XCTUnwrap(try JSONSerialization.jsonObject(with: plain) as? [String: Any])
        XCTAssertEqual(doc["format"] as? String, "tandem-export")
        XCTAssertNotNil(doc["state"] as? [String: Any])
        XCTAssertNotNil(doc["log"] as? [String: Any])
        XCTAssertNotNil(plain.range(of: Data("Quiet-Sunday-mornings".utf8)))

        let other = controller("other.sqlite", name: "Other")
        defer { try? other.close() }
        XCTAssertEqual(try other.open().importData(file: plain, passphrase: nil) > 0, true)
        XCTAssertEqual(try other.open().boundaries().map(\.text), ["Quiet-Sunday-mornings"])
    }

    func testTheVisibilityScreenGroupsWhatThePartnerHoldsAndListsTheAudit() throws {
        let c = controller("ana.sqlite")
        defer { try? c.close() }
        let empty = try c.visibilityScreen()
        XCTAssertTrue(empty.holdsOnlyTheDeviceName)
        XCTAssertEqual(empty.empty,
                       "Only this phone's name so far: nothing you shared is on your partner's phone yet.")
        XCTAssertEqual(empty.groups.map(\.kind), [.deviceName])
        XCTAssertEqual(empty.groups.map(\.heading), ["Your phone's name"])
        XCTAssertEqual(empty.summaries(.deviceName), ["Ana's phone"])
        XCTAssertEqual(empty.group(.deviceName)?.rows.map(\.since), [nil], "no time for the name")
        XCTAssertEqual(empty.audit, [])
        XCTAssertEqual(empty.heading, "Your partner's phone holds")
        XCTAssertEqual(empty.auditHeading, "What you shared, exported or changed here")

        let walk = try c.open().proposeRitual(draft: RitualDraft(title: "Evening walk", prompt: nil, minutes: 30, timeOfDay: "20:30", zone: .floating))
        clock.advance(byMs: T.minute)
        let dinner = try c.open().addBoundary(text: "No-phones-at-dinner", shared: true)
        clock.advance(byMs: T.minute)
        let sunday = try c.open().addBoundary(text: "Quiet-Sunday-mornings", shared: false)
        clock.advance(byMs: T.minute)
        _ = try c.open().addBoundary(text: "Ask-before-inviting-friends", shared: true)
        clock.advance(byMs: T.minute)
        _ = try c.open().logPattern(draft: PatternDraft(happened: .withdrew, tags: ["tired"], note: "secret-pattern-note"))
        clock.advance(byMs: T.minute)
        _ = try c.open().appreciate(text: "Thanks for the tea")
        _ = try c.open().addPersonalRitual(draft: draft("Morning-journal", at: "07:00"))

        let screen = try c.visibilityScreen()
        XCTAssertFalse(screen.holdsOnlyTheDeviceName)
        XCTAssertNil(screen.empty)
        XCTAssertEqual(screen.groups.map(\.kind), [.deviceName, .sharedRitual, .boundary, .appreciation],
                       "the core's order of kinds")
        XCTAssertEqual(screen.groups.map(\.heading),
                       ["Your phone's name", "Shared rituals", "Boundaries you shared", "Appreciations"])
        XCTAssertEqual(screen.group(.sharedRitual)?.rows.map(\.id), [walk.id])
        XCTAssertEqual(screen.summaries(.sharedRitual), ["Evening walk (proposed)"])
        XCTAssertEqual(screen.summaries(.boundary), ["No-phones-at-dinner", "Ask-before-inviting-friends"])
        XCTAssertEqual(screen.group(.boundary)?.rows.first?.id, dinner.id)
        XCTAssertEqual(screen.group(.boundary)?.rows.map(\.since),
                       ["Sat 13 Mar 2027 12:01", "Sat 13 Mar 2027 12:03"], "on the device's clock (UTC here)")
        XCTAssertEqual(screen.summaries(.appreciation), ["Thanks for the tea"])
        let everything = screen.groups.flatMap(\.rows).map(\.summary).joined(separator: "|")
        XCTAssertFalse(everything.contains("Quiet-Sunday-mornings"))
        XCTAssertFalse(everything.contains("secret-pattern-note"))
        XCTAssertFalse(everything.contains("Morning-journal"))
        XCTAssertEqual(screen.audit.map(\.change), [.appreciationSent, .boundaryShared, .boundaryShared, .ritualProposed])
        XCTAssertEqual(screen.audit.map(\.text), ["You sent an appreciation", "You shared a boundary",
                                                   "You shared a boundary", "You proposed a shared ritual"])
        XCTAssertEqual(screen.audit.first?.at, "Sat 13 Mar 2027 12:05")

        clock.advance(byMs: T.minute)
        _ = try c.open().shareBoundary(id: dinner.id, shared: false)
        _ = try c.open().shareBoundary(id: sunday.id, shared: true)
        let after = try c.visibilityScreen()
        XCTAssertEqual(after.summaries(.boundary), ["Quiet-Sunday-mornings", "Ask-before-inviting-friends"])
        XCTAssertEqual(after.summaries(.madePrivate), ["No-phones-at-dinner"], "already on the partner's phone")
        // Both in one millisecond: newest first still follows the log's clock.
        XCTAssertEqual(Array(after.audit.prefix(2)).map(\.change), [.boundaryShared, .boundaryUnshared])
        XCTAssertEqual(after.audit.first?.id, sunday.id)
        XCTAssertEqual(after.audit.dropFirst().first?.id, dinner.id)
        XCTAssertEqual(after.audit.count, 6)
    }

    func testTheVisibilityScreenReadsInThePhonesLanguageAndZone() throws {
        let c = controller("ana.sqlite", zone: { "Europe/Berlin" }, language: { "de-DE" })
        defer { try? c.close() }
        _ = try c.open().addBoundary(text: "Keine-Handys-beim-Essen", shared: true)
        let screen = try c.visibilityScreen()
        XCTAssertEqual(screen.heading, "Das Handy deines Gegenübers enthält")
        XCTAssertEqual(screen.group(.boundary)?.heading, "Grenzen, die du geteilt hast")
        XCTAssertEqual(screen.summaries(.boundary), ["Keine-Handys-beim-Essen"], "the person's words as written")
        XCTAssertEqual(screen.group(.boundary)?.rows.map(\.since), ["Sa 13. März 2027 13:00"])
        XCTAssertEqual(screen.audit.map(\.text), ["Du hast eine Grenze geteilt"])
    }

    func testWipeDestroysTheDatabaseAndDeletesTheKey() throws {
        let keys = InMemoryStorageKeyProvider()
        let c = controller("ana.sqlite", keys: keys)
        let oldId = try c.open().device().deviceId
        let oldKey = try keys.storageKey()
        _ = try c.open().addBoundary(text: "Quiet-Sunday-mornings", shared: false)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path("ana.sqlite")))

        try c.wipe()
        XCTAssertFalse(keys.hasKey, "the key provider no longer has the key")
        XCTAssertFalse(c.isOpen)
        for suffix in ["", "-wal", "-shm"] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: path("ana.sqlite") + suffix))
        }
        XCTAssertThrowsError(try c.open().boundaries()) { XCTAssertEqual(($0 as? TandemError)?.kind, .closed) }
        XCTAssertThrowsError(try c.wipe()) { XCTAssertEqual(($0 as? TandemError)?.kind, .closed) }
        XCTAssertFalse(keys.hasKey)

        // Starting again: a new key, a new device, nothing of before.
        let again = controller("ana.sqlite", keys: keys, name: "Fresh start")
        defer { try? again.close() }
        XCTAssertEqual(try again.open().boundaries(), [])
        XCTAssertNotEqual(try again.open().device().deviceId, oldId)
        XCTAssertEqual(try again.open().device().name, "Fresh start")
        XCTAssertNotEqual(try keys.storageKey(), oldKey)
    }

    func testWipeBeforeOpeningStillRemovesEverything() throws {
        let keys = InMemoryStorageKeyProvider()
        let first = controller("ana.sqlite", keys: keys)
        _ = try first.open().addBoundary(text: "Quiet-Sunday-mornings", shared: false)
        try first.close()

        let second = controller("ana.sqlite", keys: keys)
        XCTAssertFalse(second.isOpen)
        try second.wipe()
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("ana.sqlite")))
        XCTAssertFalse(keys.hasKey)
    }
}
