import Foundation
import XCTest
@testable import TandemKit

/// Counts how often the key is asked for.
private final class CountingKeys: StorageKeyProvider {
    let key: Data
    private(set) var calls = 0
    init(key: Data) { self.key = key }
    func readStorageKey() throws -> Data? {
        calls += 1
        return key
    }
    func saveStorageKey(_ key: Data) throws { XCTFail("a key is stored") }
    func deleteStorageKey() throws {}
}

private struct KeychainLocked: Error {}

private final class FailingKeys: StorageKeyProvider {
    func readStorageKey() throws -> Data? { throw KeychainLocked() }
    func saveStorageKey(_ key: Data) throws { throw KeychainLocked() }
    func deleteStorageKey() throws { throw KeychainLocked() }
}

final class ControllerTests: TempDirTestCase {
    private var clock: ManualClock!
    private var zone = "America/New_York"

    override func setUpWithError() throws {
        try super.setUpWithError()
        clock = ManualClock(nowMs: T.mar13_1200Z)
        zone = "America/New_York"
    }

    private func controller(
        _ keys: StorageKeyProvider, name: String = "Ana's phone", file: String = "tandem.sqlite"
    ) -> TandemController {
        TandemController(
            databasePath: path(file), keys: keys, newDeviceName: name, clock: clock,
            deviceZone: { [unowned self] in self.zone })
    }

    func testOpensOnceAndAsksForTheKeyOnce() throws {
        let keys = CountingKeys(key: try generateStorageKey())
        let c = controller(keys)
        XCTAssertFalse(c.isOpen)
        let first = try c.open()
        XCTAssertTrue(c.isOpen)
        XCTAssertTrue(try c.open() === first)
        let device = try c.open().device()
        _ = try c.open().rituals()
        XCTAssertEqual(keys.calls, 1)
        XCTAssertEqual(device.name, "Ana's phone")
        XCTAssertEqual(device.deviceId.count, 32)
        try c.close()
        XCTAssertFalse(c.isOpen)
    }

    func testReopenKeepsARenamedDevice() throws {
        let keys = InMemoryStorageKeyProvider()
        let c = controller(keys)
        let id = try c.open().device().deviceId
        try c.open().setDeviceName(name: "Kitchen iPad")
        try c.close()

        // A new controller with the default name: the file exists, so the
        // person's chosen name is kept.
        let again = controller(keys, name: "iPhone")
        XCTAssertEqual(try again.open().device(), DeviceInfo(deviceId: id, name: "Kitchen iPad"))
        try again.close()
    }

    func testInMemoryKeyProviderKeepsOneKey() throws {
        let keys = InMemoryStorageKeyProvider()
        let k = try keys.storageKey()
        XCTAssertEqual(k.count, 32)
        XCTAssertEqual(try keys.storageKey(), k)
        let given = Data(repeating: 7, count: 32)
        XCTAssertEqual(try InMemoryStorageKeyProvider(key: given).storageKey(), given)
    }

    func testProposeListUpcoming() throws {
        let c = controller(InMemoryStorageKeyProvider())
        let r = try c.open().proposeRitual(draft: RitualDraft(title: "Tea", prompt: "One good thing", minutes: 20, timeOfDay: "02:30", zone: .fixed(zone: "America/New_York")))
        XCTAssertEqual(r.proposedAtMs, T.mar13_1200Z)
        XCTAssertEqual(r.proposedBy, try c.open().device().deviceId)
        XCTAssertEqual(try c.open().rituals(), [r])
        // From 2027-03-13 12:00Z: the next two are across the spring-forward gap.
        let next = try c.open().upcoming(fromMs: c.nowMs(), toMs: c.nowMs() + 2 * T.day, deviceZone: c.deviceZone())
        XCTAssertEqual(next.map(\.startMs), [T.mar14_0730Z, T.mar15_0630Z])
        XCTAssertEqual(next.map(\.localStart), ["2027-03-14 03:30", "2027-03-15 02:30"])
        try c.close()
    }

    func testTodayShowsTheNext24HoursAsRows() throws {
        let c = controller(InMemoryStorageKeyProvider())
        func personal(_ title: String, _ minutes: UInt32, _ time: String, _ zone: ZoneMode) throws -> Ritual {
            try c.open().addPersonalRitual(draft: RitualDraft(title: title, prompt: nil, minutes: minutes, timeOfDay: time, zone: zone))
        }
        // now = 2027-03-13 12:00Z = 07:00 in New York (EST).
        let tea = try personal("Tea", 20, "02:30", .fixed(zone: "America/New_York"))
        let walk = try personal("Evening walk", 90, "19:15", .floating)
        let berlin = try personal("Call Oma", 60, "18:00", .fixed(zone: "Europe/Berlin"))

        let today = try c.todayScreen()
        XCTAssertEqual(today.nowMs, T.mar13_1200Z)
        XCTAssertFalse(today.isEmpty)
        // 18:00 Berlin (CET, 17:00Z), 19:15 NY (EST, 00:15Z), 03:30 NY after the gap (07:30Z).
        XCTAssertEqual(today.coming.map(\.ritualId), [berlin.id, walk.id, tea.id])
        XCTAssertEqual(today.coming.map(\.title), ["Call Oma", "Evening walk", "Tea"])
        XCTAssertEqual(today.coming.map(\.time), ["12:00", "19:15", "03:30"])
        XCTAssertEqual(today.coming.map(\.startMs), [
            T.mar13_1200Z + 5 * T.hour, T.mar13_1200Z + 12 * T.hour + 15 * T.minute, T.mar14_0730Z,
        ])
        XCTAssertEqual(today.coming.map(\.detail), [
            "in 5 h · 1 h", "in 12 h 15 min · 1 h 30 min", "in 19 h 30 min · 20 min",
        ])
        XCTAssertEqual(today.coming.map(\.zoneTime), ["18:00 Europe/Berlin", nil, nil])
        XCTAssertEqual(Set(today.coming.map(\.id)).count, 3)
        XCTAssertEqual(today.coming[2].id, "\(tea.id)@2027-03-14")

        // The device travels to Tokyo (now 21:00 JST): the floating walk
        // follows to 19:15 JST tomorrow, the fixed ones do not move.
        zone = "Asia/Tokyo"
        let tokyo = try c.todayScreen()
        XCTAssertEqual(tokyo.coming.map(\.ritualId), [berlin.id, tea.id, walk.id])
        XCTAssertEqual(tokyo.coming.map(\.time), ["02:00", "16:30", "19:15"])
        XCTAssertEqual(tokyo.coming.map(\.zoneTime), ["18:00 Europe/Berlin", "03:30 America/New_York", nil])
        XCTAssertEqual(tokyo.coming[2].startMs, T.mar13_1200Z + 22 * T.hour + 15 * T.minute)
        XCTAssertEqual(tokyo.coming[2].detail, "in 22 h 15 min · 1 h 30 min")

        // Exactly at a start it reads "now". After the clocks went forward the
        // next 02:30 EDT is only 23 h away, so Tea shows twice in this window.
        clock.set(nowMs: T.mar14_0730Z)
        zone = "America/New_York"
        let atTea = try c.todayScreen()
        XCTAssertEqual(atTea.coming.first?.ritualId, tea.id)
        XCTAssertEqual(atTea.coming.first?.detail, "now · 20 min")
        XCTAssertEqual(atTea.coming.filter { $0.ritualId == tea.id }.map(\.startMs), [T.mar14_0730Z, T.mar15_0630Z])
        XCTAssertEqual(atTea.coming.last?.detail, "in 23 h · 20 min")
        try c.close()
    }

    func testTodayIsEmptyWithoutRituals() throws {
        let c = controller(InMemoryStorageKeyProvider())
        let today = try c.todayScreen()
        XCTAssertTrue(today.isEmpty)
        XCTAssertEqual(today.empty, "Nothing for today. A quiet day is fine too.")
        try c.close()
    }

    func testExplicitCloseThenEveryCallThrowsClosed() throws {
        let c = controller(InMemoryStorageKeyProvider())
        XCTAssertNoThrow(try c.close(), "closing before opening is fine")
        assertTandemError(.closed) { try c.open().device() }
        assertTandemError(.closed) { try c.open() }

        let d = controller(InMemoryStorageKeyProvider(), file: "second.sqlite")
        let tandem = try d.open()
        try d.close()
        XCTAssertFalse(d.isOpen)
        assertTandemError(.closed) { try tandem.rituals() }  // the handle itself was closed
        assertTandemError(.closed) { try d.open().rituals() }
        assertTandemError(.closed) { try d.todayScreen() }
        assertTandemError(.closed) { try d.open().upcoming(fromMs: d.nowMs(), toMs: d.nowMs() + 1 * T.day, deviceZone: d.deviceZone()) }
        assertTandemError(.closed) { try d.open().proposeRitual(draft: RitualDraft(title: "x", prompt: nil, minutes: 1, timeOfDay: "10:00", zone: .floating)) }
        assertTandemError(.closed) { try d.open().setDeviceName(name: "x") }
        XCTAssertNoThrow(try d.close(), "closing twice is fine")
    }

    func testWrongKeyThroughTheController() throws {
        let c = controller(InMemoryStorageKeyProvider())
        _ = try c.open().device()
        try c.close()
        let thief = controller(InMemoryStorageKeyProvider(key: try generateStorageKey()))
        let err = assertTandemError(.wrongKey) { try thief.open().device() }
        XCTAssertEqual(TandemMessages.message(for: err!), TandemMessages.message(for: .wrongKey))
        XCTAssertFalse(thief.isOpen)
    }

    func testKeyProviderFailureIsPassedThrough() {
        let c = controller(FailingKeys())
        XCTAssertThrowsError(try c.open().device()) { error in
            XCTAssertTrue(error is KeychainLocked)
            XCTAssertEqual(TandemMessages.message(for: error), "Something went wrong inside Tandem. Please try again.")
        }
        XCTAssertFalse(c.isOpen)
    }

    /// An error from outside Tandem gets the catalog's sentence, in the phone's language.
    func testTheUnexpectedErrorIsTheCatalogs() {
        let error = KeychainLocked()
        XCTAssertEqual(TandemMessages.message(for: error, localeTag: "en"), noticeText(notice: .unexpected, localeTag: "en"))
        XCTAssertEqual(TandemMessages.message(for: error, localeTag: "en-GB"),
                       "Something went wrong inside Tandem. Please try again.")
        XCTAssertEqual(TandemMessages.message(for: error, localeTag: "de-DE"), noticeText(notice: .unexpected, localeTag: "de"))
        XCTAssertEqual(TandemMessages.message(for: error, localeTag: "de-DE"),
                       "In Tandem ist etwas schiefgegangen. Bitte versuch es noch einmal.")
    }

    func testInvalidInputThroughTheControllerKeepsUserTextOutOfTheMessage() throws {
        let c = controller(InMemoryStorageKeyProvider())
        let secret = "Anniversary-surprise"
        XCTAssertThrowsError(try c.open().proposeRitual(draft: RitualDraft(title: secret, prompt: nil, minutes: 0, timeOfDay: "20:00", zone: .floating))) { e in
            XCTAssertEqual((e as? TandemError)?.kind, .invalidInput)
            XCTAssertFalse(TandemMessages.message(for: e).contains(secret))
        }
        XCTAssertThrowsError(try c.open().proposeRitual(draft: RitualDraft(title: "Walk", prompt: nil, minutes: 10, timeOfDay: "20:00", zone: .fixed(zone: "Secret/Place")))) { e in
            XCTAssertEqual((e as? TandemError)?.kind, .invalidInput)
            XCTAssertFalse(TandemMessages.message(for: e).contains("Secret"))
        }
        XCTAssertEqual(try c.open().rituals(), [])
        try c.close()
    }

    func testEveryErrorCaseHasADistinctMessageWithoutTheReason() {
        let marker = "USER-TEXT-Ana-loves-Ben"
        let errors: [TandemError] = [
            .InvalidInput(reason: marker), .NotAllowedNow(reason: marker), .NotFound(reason: marker),
            .WrongPassphrase(reason: marker), .WrongKey(reason: marker), .NotATandemDatabase(reason: marker),
            .DatabaseTooNew(reason: marker), .PairingFailed(reason: marker), .PairingOutdated(reason: marker),
            .PairingExpired(reason: marker),
            .AlreadyPaired(reason: marker), .NotPaired(reason: marker), .PayloadRejected(reason: marker),
            .PayloadTooOld(reason: marker),
            .ClockSkew(reason: marker), .Storage(reason: marker), .Damaged(reason: marker), .Closed(reason: marker),
        ]
        XCTAssertEqual(errors.map(\.kind), ErrorKind.allCases)
        let messages = errors.map { TandemMessages.message(for: $0) }
        for (error, message) in zip(errors, messages) {
            XCTAssertFalse(message.isEmpty)
            XCTAssertFalse(message.contains(marker), "\(error.kind)")
            XCTAssertFalse(message.contains("Ana"), "\(error.kind)")
            XCTAssertEqual(message, TandemMessages.message(for: error.kind))
        }
        XCTAssertEqual(Set(messages).count, errors.count)
        XCTAssertTrue(TandemMessages.message(for: .databaseTooNew).lowercased().contains("update"))
        XCTAssertTrue(TandemMessages.message(for: .pairingExpired).contains("expired"))
        XCTAssertTrue(TandemMessages.message(for: .alreadyPaired).contains("Unpair"))
        XCTAssertTrue(TandemMessages.message(for: .payloadRejected).contains("nothing was changed"))
        XCTAssertTrue(TandemMessages.message(for: .payloadTooOld).contains("nothing was lost"))
        XCTAssertTrue(TandemMessages.message(for: .payloadTooOld).contains("sync again"))
        XCTAssertTrue(TandemMessages.message(for: .wrongPassphrase).contains("nothing was restored"))
        // The bindings carry the core's words and codes, the same on both phones.
        XCTAssertEqual(errorMessage(kind: .notFound, context: .ritual).code, "ritual.gone")
        XCTAssertEqual(TandemMessages.message(for: .notAllowedNow, while: .ritual),
                       "This ritual has changed since the screen was shown, so nothing was done. Here is how it stands now.")
        XCTAssertEqual(errorMessage(kind: .closed, context: .pause), errorMessage(kind: .closed, context: .anything))
    }
}
