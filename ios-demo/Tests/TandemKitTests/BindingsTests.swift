import Foundation
import XCTest
@testable import TandemKit

/// Every exported item, called through the generated Swift, checked by value.
final class BindingsTests: TempDirTestCase {
    private var key: Data!
    private var clock: ManualClock!

    override func setUpWithError() throws {
        try super.setUpWithError()
        key = try generateStorageKey()
        clock = ManualClock(nowMs: T.mar13_1200Z)
    }

    private func openNew(_ name: String = "db.sqlite", device: String = "Ana's phone") throws -> Tandem {
        try Tandem.openWithClock(path: path(name), storageKey: key, deviceName: device, clock: clock)
    }

    // MARK: free functions and ManualClock

    func testCoreVersionIsNonEmptySemver() {
        let version = coreVersion()
        XCTAssertFalse(version.isEmpty)
        let parts = version.split(separator: "-")[0].split(separator: ".")
        XCTAssertEqual(parts.count, 3, version)
        XCTAssertTrue(parts.allSatisfy { Int($0) != nil }, version)
    }

    func testGenerateStorageKeyIs32RandomBytes() throws {
        let a = try generateStorageKey()
        let b = try generateStorageKey()
        XCTAssertEqual(a.count, 32)
        XCTAssertEqual(b.count, 32)
        XCTAssertNotEqual(a, b)
        XCTAssertNotEqual(a, Data(count: 32))
    }

    func testManualClockSetAdvanceNow() {
        let c = ManualClock(nowMs: 1_000)
        XCTAssertEqual(c.nowMs(), 1_000)
        c.advance(byMs: 250)
        XCTAssertEqual(c.nowMs(), 1_250)
        c.advance(byMs: -50)
        XCTAssertEqual(c.nowMs(), 1_200)
        c.set(nowMs: T.nov06_0000Z)
        XCTAssertEqual(c.nowMs(), T.nov06_0000Z)
    }

    // MARK: device

    func testDeviceIdIsStableHexAndNameRoundTrips() throws {
        let db = try openNew(device: "Ana's phone ✨")
        let first = try db.device()
        XCTAssertEqual(first.deviceId.count, 32)
        XCTAssertTrue(isLowerHex(first.deviceId), first.deviceId)
        XCTAssertEqual(first.name, "Ana's phone ✨")

        try db.setDeviceName(name: "Kitchen iPad")
        XCTAssertEqual(try db.device(), DeviceInfo(deviceId: first.deviceId, name: "Kitchen iPad"))
        try db.close()

        // Reopen without a name: same id, the renamed name persisted.
        let again = try Tandem.openWithClock(path: path("db.sqlite"), storageKey: key, deviceName: nil, clock: clock)
        XCTAssertEqual(try again.device(), DeviceInfo(deviceId: first.deviceId, name: "Kitchen iPad"))
        try again.close()

        // A name given to an existing database is only for creation: the
        // name the person chose stays.
        let reopened = try Tandem.openWithClock(path: path("db.sqlite"), storageKey: key, deviceName: "Default Name", clock: clock)
        XCTAssertEqual(try reopened.device(), DeviceInfo(deviceId: first.deviceId, name: "Kitchen iPad"))
        try reopened.close()

        // A second database has its own id.
        let other = try openNew("other.sqlite")
        XCTAssertNotEqual(try other.device().deviceId, first.deviceId)
        try other.close()
    }

    func testOpenWithSystemClockStampsTheCurrentTime() throws {
        let db = try Tandem.open(path: path("system.sqlite"), storageKey: key, deviceName: "Phone")
        let before = Int64(Date().timeIntervalSince1970 * 1000)
        let ritual = try db.proposeRitual(draft: draft())
        let after = Int64(Date().timeIntervalSince1970 * 1000)
        XCTAssertGreaterThanOrEqual(ritual.proposedAtMs, before - 1_000)
        XCTAssertLessThanOrEqual(ritual.proposedAtMs, after + 1_000)
        XCTAssertEqual(try db.device().name, "Phone")
        try db.close()
        let again = try Tandem.open(path: path("system.sqlite"), storageKey: key, deviceName: nil)
        XCTAssertEqual(try again.rituals().map(\.id), [ritual.id])
        try again.close()
    }

    // MARK: rituals

    func testProposeRitualReturnsEveryFieldAndListsIt() throws {
        let db = try openNew()
        let me = try db.device()

        let walk = try db.proposeRitual(draft: draft(
            "  Evening walk ", prompt: "What made you laugh today?", minutes: 45, at: "20:30", zone: .floating))
        XCTAssertFalse(walk.id.isEmpty)
        XCTAssertEqual(walk.title, "Evening walk", "titles are trimmed")
        XCTAssertEqual(walk.prompt, "What made you laugh today?")
        XCTAssertEqual(walk.minutes, 45)
        XCTAssertEqual(walk.timeOfDay, "20:30")
        XCTAssertEqual(walk.zone, .floating)
        XCTAssertEqual(walk.proposedBy, me.deviceId)
        XCTAssertEqual(walk.proposedAtMs, T.mar13_1200Z)
        XCTAssertEqual(walk.status, .proposed)

        clock.advance(byMs: 5 * T.minute)
        let call = try db.proposeRitual(draft: draft(
            "Sunday call", prompt: "   ", minutes: 1440, at: "09:05", zone: .fixed(zone: "Europe/Berlin")))
        XCTAssertEqual(call.proposedAtMs, T.mar13_1200Z + 5 * T.minute)
        XCTAssertNil(call.prompt, "a blank prompt means none")
        XCTAssertEqual(call.minutes, 1440)
        XCTAssertEqual(call.timeOfDay, "09:05")
        XCTAssertEqual(call.zone, .fixed(zone: "Europe/Berlin"))
        XCTAssertNotEqual(call.id, walk.id)

        let listed = try db.rituals()
        XCTAssertEqual(listed.count, 2)
        XCTAssertEqual(Set(listed), Set([walk, call]))
        try db.close()

        // Persisted (and decrypted) across a reopen.
        let again = try Tandem.openWithClock(path: path("db.sqlite"), storageKey: key, deviceName: nil, clock: clock)
        XCTAssertEqual(Set(try again.rituals()), Set([walk, call]))
        try again.close()
    }

    func testCheckStoreOnAHealthyStoreSaysOk() throws {
        let db = try openNew()
        XCTAssertTrue(try db.checkStore().ok, "a new store")
        _ = try db.proposeRitual(draft: draft("Evening walk", minutes: 20, at: "20:30", zone: .floating))
        _ = try db.addPersonalRitual(draft: draft("Stretch", minutes: 10, at: "07:00", zone: .floating))
        let report = try db.checkStore()
        XCTAssertTrue(report.ok)
        XCTAssertEqual(report.findings, [])
        try db.close()
        let again = try Tandem.openWithClock(path: path("db.sqlite"), storageKey: key, deviceName: nil, clock: clock)
        XCTAssertTrue(try again.checkStore().ok, "after reopening")
        try again.close()
        // Damaged data has words of its own, never the technical reason.
        let words = TandemMessages.message(for: TandemError.Damaged(reason: "rituals.shown does not open"))
        XCTAssertTrue(words.contains("damaged"))
        XCTAssertFalse(words.contains("rituals"))
    }

    func testNewDatabaseHasNoRituals() throws {
        let db = try openNew()
        XCTAssertEqual(try db.rituals(), [])
        XCTAssertEqual(try db.upcoming(fromMs: T.mar13_0000Z, toMs: T.mar16_0000Z, deviceZone: "UTC"), [])
        try db.close()
    }

    // MARK: upcoming and DST

    func testSpringForwardGapMovesForward() throws {
        let db = try openNew()
        // Proposed at midnight UTC, before the first tea (nothing before a
        // ritual existed is an occurrence).
        clock.set(nowMs: T.mar13_0000Z)
        let r = try db.proposeRitual(draft: draft(
            "Tea", minutes: 20, at: "02:30", zone: .fixed(zone: "America/New_York")))
        let occ = try db.upcoming(fromMs: T.mar13_0000Z, toMs: T.mar16_0000Z, deviceZone: "Asia/Tokyo")

        XCTAssertEqual(occ.map(\.startMs), [T.mar13_0730Z, T.mar14_0730Z, T.mar15_0630Z])
        XCTAssertEqual(occ.map(\.endMs), occ.map { $0.startMs + 20 * T.minute })
        XCTAssertEqual(occ.map(\.localStart), ["2027-03-13 02:30", "2027-03-14 03:30", "2027-03-15 02:30"])
        XCTAssertEqual(occ.map(\.start), [
            "2027-03-13T02:30:00-05:00", "2027-03-14T03:30:00-04:00", "2027-03-15T02:30:00-04:00",
        ])
        XCTAssertEqual(occ.map(\.utcOffsetMinutes), [-300, -240, -240])
        XCTAssertEqual(Set(occ.map(\.zone)), ["America/New_York"])
        // The same instants on the device's clock (Tokyo, +09:00, no DST).
        XCTAssertEqual(occ.map(\.deviceLocalStart), ["2027-03-13 16:30", "2027-03-14 16:30", "2027-03-15 15:30"])
        XCTAssertEqual(occ.map(\.deviceUtcOffsetMinutes), [540, 540, 540])
        XCTAssertEqual(Set(occ.map(\.ritualId)), [r.id])
        XCTAssertEqual(Set(occ.map(\.title)), ["Tea"])
        try db.close()
    }

    func testFallBackRepeatedTimeTakesTheFirstInstance() throws {
        let db = try openNew()
        _ = try db.proposeRitual(draft: draft("Night check-in", minutes: 10, at: "01:30", zone: .floating))
        let occ = try db.upcoming(fromMs: T.nov06_0000Z, toMs: T.nov09_0000Z, deviceZone: "America/New_York")

        XCTAssertEqual(occ.map(\.startMs), [T.nov06_0530Z, T.nov07_0530Z, T.nov08_0630Z])
        XCTAssertEqual(occ.map(\.start), [
            "2027-11-06T01:30:00-04:00", "2027-11-07T01:30:00-04:00", "2027-11-08T01:30:00-05:00",
        ])
        XCTAssertEqual(occ.map(\.localStart), ["2027-11-06 01:30", "2027-11-07 01:30", "2027-11-08 01:30"])
        XCTAssertEqual(occ.map(\.utcOffsetMinutes), [-240, -240, -300])
        XCTAssertEqual(occ.map(\.deviceLocalStart), occ.map(\.localStart), "floating: the device's zone")
        XCTAssertEqual(occ.map(\.deviceUtcOffsetMinutes), occ.map(\.utcOffsetMinutes))
        XCTAssertEqual(occ.map(\.endMs), occ.map { $0.startMs + 10 * T.minute })
        try db.close()
    }

    func testFloatingFollowsTheDeviceZoneFixedDoesNot() throws {
        let db = try openNew()
        let floating = try db.proposeRitual(draft: draft("Coffee", minutes: 15, at: "08:00", zone: .floating))
        let fixed = try db.proposeRitual(draft: draft(
            "Berlin breakfast", minutes: 15, at: "08:00", zone: .fixed(zone: "Europe/Berlin")))
        let from = T.jun01_0000Z, to = T.jun01_0000Z + T.day

        let tokyo = try db.upcoming(fromMs: from, toMs: to, deviceZone: "Asia/Tokyo")
        XCTAssertEqual(tokyo.map(\.ritualId), [fixed.id, floating.id], "soonest first")
        XCTAssertEqual(tokyo.map(\.startMs), [T.jun01_0600Z, T.jun01_2300Z])
        XCTAssertEqual(tokyo.map(\.zone), ["Europe/Berlin", "Asia/Tokyo"])
        XCTAssertEqual(tokyo.map(\.utcOffsetMinutes), [120, 540])
        XCTAssertEqual(tokyo.map(\.localStart), ["2027-06-01 08:00", "2027-06-02 08:00"])
        XCTAssertEqual(tokyo.map(\.deviceLocalStart), ["2027-06-01 15:00", "2027-06-02 08:00"])
        XCTAssertEqual(tokyo.map(\.deviceUtcOffsetMinutes), [540, 540])

        let newYork = try db.upcoming(fromMs: from, toMs: to, deviceZone: "America/New_York")
        XCTAssertEqual(newYork.map(\.ritualId), [fixed.id, floating.id])
        XCTAssertEqual(newYork.map(\.startMs), [T.jun01_0600Z, T.jun01_1200Z])
        XCTAssertEqual(newYork.map(\.zone), ["Europe/Berlin", "America/New_York"])
        XCTAssertEqual(newYork.map(\.start), ["2027-06-01T08:00:00+02:00", "2027-06-01T08:00:00-04:00"])
        XCTAssertEqual(newYork.map(\.deviceLocalStart), ["2027-06-01 02:00", "2027-06-01 08:00"])
        XCTAssertEqual(newYork.map(\.deviceUtcOffsetMinutes), [-240, -240])
        try db.close()
    }

    func testUpcomingRangeIsHalfOpenAndUpTo366Days() throws {
        let db = try openNew()
        _ = try db.proposeRitual(draft: draft("Tea", at: "06:00", zone: .fixed(zone: "UTC")))
        let six = T.jun01_0600Z
        XCTAssertEqual(try db.upcoming(fromMs: six, toMs: six + 1, deviceZone: "UTC").map(\.startMs), [six])
        XCTAssertEqual(try db.upcoming(fromMs: six - T.day, toMs: six, deviceZone: "UTC").map(\.startMs), [six - T.day])
        XCTAssertEqual(try db.upcoming(fromMs: six + 1, toMs: six + T.day, deviceZone: "UTC"), [])
        let year = try db.upcoming(fromMs: six, toMs: six + 366 * T.day, deviceZone: "UTC")
        XCTAssertEqual(year.count, 366)
        XCTAssertEqual(year.last?.startMs, six + 365 * T.day)
        try db.close()
    }

    // MARK: errors, each case

    func testInvalidInputCases() throws {
        let db = try openNew()
        assertTandemError(.invalidInput, "bad zone") {
            try db.proposeRitual(draft: draft(zone: .fixed(zone: "Mars/Olympus_Mons")))
        }
        assertTandemError(.invalidInput, "empty title") { try db.proposeRitual(draft: draft("")) }
        assertTandemError(.invalidInput, "blank title") { try db.proposeRitual(draft: draft("   ")) }
        let secret = String(repeating: "secretword", count: 9)  // 90 chars
        let long = assertTandemError(.invalidInput, "81+ chars") { try db.proposeRitual(draft: draft(secret)) }
        XCTAssertFalse(long?.reason.contains("secretword") ?? true, "reasons never echo user text")
        XCTAssertNoThrow(try db.proposeRitual(draft: draft(String(repeating: "é", count: 80))))
        assertTandemError(.invalidInput, "0 minutes") { try db.proposeRitual(draft: draft(minutes: 0)) }
        assertTandemError(.invalidInput, "1441 minutes") { try db.proposeRitual(draft: draft(minutes: 1441)) }
        assertTandemError(.invalidInput, "25:00") { try db.proposeRitual(draft: draft(at: "25:00")) }
        assertTandemError(.invalidInput, "12:60") { try db.proposeRitual(draft: draft(at: "12:60")) }
        assertTandemError(.invalidInput, "8pm") { try db.proposeRitual(draft: draft(at: "8pm")) }
        assertTandemError(.invalidInput, "bad device zone") {
            try db.upcoming(fromMs: T.jun01_0000Z, toMs: T.jun01_0000Z + T.day, deviceZone: "Nowhere/City")
        }
        assertTandemError(.invalidInput, "empty range") {
            try db.upcoming(fromMs: T.jun01_0000Z, toMs: T.jun01_0000Z, deviceZone: "UTC")
        }
        assertTandemError(.invalidInput, "367 days") {
            try db.upcoming(fromMs: T.jun01_0000Z, toMs: T.jun01_0000Z + 366 * T.day + 1, deviceZone: "UTC")
        }
        assertTandemError(.invalidInput, "empty device name") { try db.setDeviceName(name: " ") }
        XCTAssertEqual(try db.rituals().count, 1, "refused drafts are not stored")
        try db.close()

        assertTandemError(.invalidInput, "31-byte key") {
            try Tandem.openWithClock(path: path("short.sqlite"), storageKey: Data(count: 31), deviceName: "P", clock: clock)
        }
        assertTandemError(.invalidInput, "33-byte key") {
            try Tandem.open(path: path("long.sqlite"), storageKey: Data(count: 33), deviceName: "P")
        }
        assertTandemError(.invalidInput, "new database without a device name") {
            try Tandem.openWithClock(path: path("nameless.sqlite"), storageKey: key, deviceName: nil, clock: clock)
        }
    }

    func testWrongKey() throws {
        let db = try openNew()
        let ritual = try db.proposeRitual(draft: draft())
        try db.close()
        assertTandemError(.wrongKey) {
            try Tandem.openWithClock(path: path("db.sqlite"), storageKey: try generateStorageKey(), deviceName: nil, clock: clock)
        }
        assertTandemError(.wrongKey, "with a name too") {
            try Tandem.open(path: path("db.sqlite"), storageKey: try generateStorageKey(), deviceName: "Thief")
        }
        // The right key still opens it, nothing changed.
        let again = try Tandem.openWithClock(path: path("db.sqlite"), storageKey: key, deviceName: nil, clock: clock)
        XCTAssertEqual(try again.rituals(), [ritual])
        XCTAssertEqual(try again.device().name, "Ana's phone")
        try again.close()
    }

    func testNotATandemDatabaseLeavesTheFileUntouched() throws {
        let text = Data("shopping list: milk, eggs\n".utf8)
        let url = dir.appendingPathComponent("notes.txt")
        try text.write(to: url)
        assertTandemError(.notATandemDatabase) {
            try Tandem.openWithClock(path: url.path, storageKey: key, deviceName: "P", clock: clock)
        }
        XCTAssertEqual(try Data(contentsOf: url), text)
    }

    func testDatabaseTooNewLeavesTheFileUntouched() throws {
        let db = try openNew()
        _ = try db.proposeRitual(draft: draft())
        try db.close()

        let copy = dir.appendingPathComponent("copy.sqlite")
        try FileManager.default.copyItem(at: dir.appendingPathComponent("db.sqlite"), to: copy)
        var bytes = try Data(contentsOf: copy)
        XCTAssertEqual(bytes.prefix(16), Data("SQLite format 3\u{0}".utf8))
        let current = bytes[60..<64].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        XCTAssertGreaterThanOrEqual(current, 1, "user_version holds the schema version")
        XCTAssertLessThan(current, 999)
        bytes.replaceSubrange(60..<64, with: [0, 0, 0x03, 0xE7])  // 999, big-endian
        try bytes.write(to: copy)

        let err = assertTandemError(.databaseTooNew) {
            try Tandem.openWithClock(path: copy.path, storageKey: key, deviceName: nil, clock: clock)
        }
        XCTAssertTrue(err?.reason.contains("999") ?? false, err?.reason ?? "")
        XCTAssertEqual(try Data(contentsOf: copy), bytes, "left untouched")
    }

    func testStorageErrorForAMissingDirectory() throws {
        let missing = dir.appendingPathComponent("no-such-dir/db.sqlite").path
        assertTandemError(.storage) {
            try Tandem.openWithClock(path: missing, storageKey: key, deviceName: "P", clock: clock)
        }
        assertTandemError(.storage, "system clock too") {
            try Tandem.open(path: missing, storageKey: key, deviceName: "P")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("no-such-dir").path))
    }

    func testEveryCallAfterCloseThrowsClosed() throws {
        let db = try openNew()
        try db.close()
        assertTandemError(.closed) { try db.device() }
        assertTandemError(.closed) { try db.setDeviceName(name: "x") }
        assertTandemError(.closed) { try db.proposeRitual(draft: draft()) }
        assertTandemError(.closed) { try db.rituals() }
        assertTandemError(.closed) { try db.upcoming(fromMs: 0, toMs: T.day, deviceZone: "UTC") }
        XCTAssertNoThrow(try db.close(), "closing twice is fine")
    }

    func testErrorsAreEquatableAndDescribed() {
        let e = TandemError.WrongKey(reason: "r")
        XCTAssertEqual(e, .WrongKey(reason: "r"))
        XCTAssertNotEqual(e, .Closed(reason: "r"))
        XCTAssertEqual(e.kind, .wrongKey)
        XCTAssertEqual(e.reason, "r")
        XCTAssertNotNil(e.errorDescription)
    }
}
