import Foundation
import XCTest
@testable import TandemKit

/// A fresh directory under the temp dir, removed in tearDown.
class TempDirTestCase: XCTestCase {
    private(set) var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("tandem-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    func path(_ name: String) -> String {
        dir.appendingPathComponent(name).path
    }
}

/// Unix ms of fixed instants used across the tests (computed independently).
enum T {
    static let mar13_0000Z: Int64 = 1_804_896_000_000  // 2027-03-13T00:00Z
    static let mar13_0730Z: Int64 = 1_804_923_000_000  // 02:30 EST (-05:00)
    static let mar13_1200Z: Int64 = 1_804_939_200_000
    static let mar14_0730Z: Int64 = 1_805_009_400_000  // 02:30 in the gap -> 03:30 EDT
    static let mar15_0630Z: Int64 = 1_805_092_200_000  // 02:30 EDT (-04:00)
    static let mar16_0000Z: Int64 = 1_805_155_200_000
    static let nov06_0000Z: Int64 = 1_825_459_200_000
    static let nov06_0530Z: Int64 = 1_825_479_000_000  // 01:30 EDT
    static let nov07_0530Z: Int64 = 1_825_565_400_000  // 01:30 repeated -> first (EDT)
    static let nov08_0630Z: Int64 = 1_825_655_400_000  // 01:30 EST
    static let nov09_0000Z: Int64 = 1_825_718_400_000
    static let jun01_0000Z: Int64 = 1_811_808_000_000  // 2027-06-01T00:00Z
    static let jun01_0600Z: Int64 = 1_811_829_600_000  // 08:00 Europe/Berlin (CEST)
    static let jun01_1200Z: Int64 = 1_811_851_200_000  // 08:00 America/New_York (EDT)
    static let jun01_2300Z: Int64 = 1_811_890_800_000  // 08:00 Asia/Tokyo on Jun 2
    static let minute: Int64 = 60_000
    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000
}

/// Asserts `body` throws a `TandemError` of `kind`; returns it for more checks.
@discardableResult
func assertTandemError<R>(
    _ kind: ErrorKind,
    _ message: @autoclosure () -> String = "",
    file: StaticString = #filePath, line: UInt = #line,
    _ body: () throws -> R
) -> TandemError? {
    do {
        let value = try body()
        XCTFail("expected TandemError.\(kind), got a value: \(value) \(message())", file: file, line: line)
        return nil
    } catch let error as TandemError {
        XCTAssertEqual(error.kind, kind, "reason: \(error.reason) \(message())", file: file, line: line)
        XCTAssertFalse(error.reason.isEmpty, "empty reason", file: file, line: line)
        return error
    } catch {
        XCTFail("expected TandemError.\(kind), got \(error) \(message())", file: file, line: line)
        return nil
    }
}

func draft(
    _ title: String = "Evening walk", prompt: String? = nil, minutes: UInt32 = 30,
    at time: String = "20:30", zone: ZoneMode = .floating
) -> RitualDraft {
    RitualDraft(title: title, prompt: prompt, minutes: minutes, timeOfDay: time, zone: zone)
}

func isLowerHex(_ s: String) -> Bool {
    s.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
}

/// `data` with the bits of byte `index` flipped by `mask`.
func flipped(_ data: Data, at index: Int, mask: UInt8 = 0x01) -> Data {
    var copy = data
    copy[copy.startIndex + index] ^= mask
    return copy
}

/// Pairs two open Tandems through the generated bindings, `offerer` starting;
/// both confirm the digits. Returns the check code both screens showed.
@discardableResult
func pairDevices(offerer a: Tandem, answerer b: Tandem, file: StaticString = #filePath, line: UInt = #line) throws -> String {
    let offer = try a.startPairing()
    let answer = try b.acceptPairing(offerText: offer.text)
    let sas = try a.completePairing(answerText: answer.text)
    XCTAssertEqual(sas, answer.sas, "both screens show the same digits", file: file, line: line)
    try a.confirmPairing()
    try b.confirmPairing()
    return sas
}

/// "123 456": two groups of three digits.
func isSixDigitCode(_ s: String) -> Bool {
    let parts = s.split(separator: " ", omittingEmptySubsequences: false)
    return parts.count == 5 && parts.allSatisfy { $0.count == 3 && $0.allSatisfy { ("0"..."9").contains($0) } }
}

/// Two Tandems in one process, Ana's and Ben's, on one ManualClock that
/// starts at 2027-03-13 12:00Z (a Saturday). They are not paired: call
/// `pair()` (personal rituals work before pairing). Both read floating
/// rituals in UTC unless a test says otherwise.
class TwoPhonesTestCase: TempDirTestCase {
    private(set) var clock: ManualClock!
    private(set) var ana: Tandem!
    private(set) var ben: Tandem!

    override func setUpWithError() throws {
        try super.setUpWithError()
        clock = ManualClock(nowMs: T.mar13_1200Z)
        ana = try Tandem.openWithClock(path: path("ana.sqlite"), storageKey: try generateStorageKey(),
                                       deviceName: "Ana's phone", clock: clock)
        ben = try Tandem.openWithClock(path: path("ben.sqlite"), storageKey: try generateStorageKey(),
                                       deviceName: "Ben's phone", clock: clock)
    }

    override func tearDownWithError() throws {
        try? ana?.close()
        try? ben?.close()
        try super.tearDownWithError()
    }

    /// Pairs the two phones, Ana offering.
    func pair(file: StaticString = #filePath, line: UInt = #line) throws {
        try pairDevices(offerer: ana, answerer: ben, file: file, line: line)
    }

    /// A minute later, everything `from` has for its partner, imported by
    /// `to` (every payload applied without error).
    func sync(_ from: Tandem, to: Tandem, file: StaticString = #filePath, line: UInt = #line) throws {
        clock.advance(byMs: T.minute)
        let payloads = try from.exportPayloads()
        XCTAssertFalse(payloads.isEmpty, "nothing to send", file: file, line: line)
        for payload in payloads { _ = try to.importPayload(payload: payload) }
    }

    /// Ana proposes, Ben accepts, both synced: in effect on both phones.
    @discardableResult
    func agreed(_ d: RitualDraft, file: StaticString = #filePath, line: UInt = #line) throws -> Ritual {
        let proposed = try ana.proposeRitual(draft: d)
        try sync(ana, to: ben, file: file, line: line)
        let accepted = try ben.acceptRitual(id: proposed.id)
        XCTAssertEqual(accepted.status, .active, file: file, line: line)
        XCTAssertNil(accepted.pending, file: file, line: line)
        try sync(ben, to: ana, file: file, line: line)
        XCTAssertEqual(try ana.rituals(), try ben.rituals(), "the same records on both", file: file, line: line)
        return accepted
    }

    /// Unix ms of `day` days after 2027-03-13 at hh:mm UTC.
    func at(_ day: Int64, _ hh: Int64, _ mm: Int64) -> Int64 {
        T.mar13_0000Z + day * T.day + hh * T.hour + mm * T.minute
    }
}

/// Ana's and Ben's `TandemController`s (the shells' view of the core) on one
/// ManualClock that starts at 2027-03-13 12:00Z, each with an in-memory key.
/// Ana's phone reads floating rituals in `anaZone` (UTC unless a test changes
/// it; read on every call), Ben's in UTC. `anaFiles` and `benFiles` are
/// crossed `FileSyncTransport`s (`makeFiles()` gives others), and each phone
/// has a `FakeScheduler` and a `ReminderCoordinator` over it. They are not
/// paired unless `startsPaired` (Ana offering, after everything is made).
/// Tests may replace a controller or coordinator (a relaunch); tearDown
/// closes whatever `ana` and `ben` are then.
class TwoShellsTestCase: TempDirTestCase {
    var clock: ManualClock!
    var anaKeys: InMemoryStorageKeyProvider!
    var ana: TandemController!
    var ben: TandemController!
    var anaZone = "UTC"
    var anaFiles: FileSyncTransport!
    var benFiles: FileSyncTransport!
    var anaScheduler: FakeScheduler!
    var benScheduler: FakeScheduler!
    var anaReminders: ReminderCoordinator!
    var benReminders: ReminderCoordinator!

    /// Pair the two phones at the end of setUp.
    var startsPaired: Bool { false }

    /// Both phones chose to show what each reminder is about (a new install
    /// hides it: `hideContent` is true by default), set at the start of setUp.
    var showsReminderText: Bool { false }

    /// A minute later, everything `from` has for its partner sent through
    /// its sync folder and imported on the other phone, every file taken.
    func deliver(_ from: TandemController, file: StaticString = #filePath, line: UInt = #line) throws {
        clock.advance(byMs: T.minute)
        let (out, into, to) = from === ana ? (anaFiles!, benFiles!, ben!) : (benFiles!, anaFiles!, ana!)
        XCTAssertFalse(try out.send(from.open().exportPayloads()).isEmpty, file: file, line: line)
        XCTAssertEqual(try to.syncIn(through: into).failed, [], file: file, line: line)
    }

    var anaToBen: URL { dir.appendingPathComponent("ana-to-ben", isDirectory: true) }
    var benToAna: URL { dir.appendingPathComponent("ben-to-ana", isDirectory: true) }

    override func setUpWithError() throws {
        try super.setUpWithError()
        clock = ManualClock(nowMs: T.mar13_1200Z)
        anaKeys = InMemoryStorageKeyProvider()
        ana = controller("ana.sqlite", "Ana's phone", keys: anaKeys, zone: { [unowned self] in self.anaZone })
        ben = controller("ben.sqlite", "Ben's phone")
        (anaFiles, benFiles) = makeFiles()
        anaScheduler = FakeScheduler(clock: clock)
        benScheduler = FakeScheduler(clock: clock)
        anaReminders = ReminderCoordinator(controller: ana, scheduler: anaScheduler)
        benReminders = ReminderCoordinator(controller: ben, scheduler: benScheduler)
        if showsReminderText {
            for phone in [ana!, ben!] { try phone.open().setReminderSettings(settings: ReminderSettings(quiet: nil, hideContent: false)) }
        }
        if startsPaired { try pair() }
    }

    override func tearDownWithError() throws {
        try ana?.close()
        try ben?.close()
        try super.tearDownWithError()
    }

    /// Ana's and Ben's transports: each one's outbox is the other's inbox.
    func makeFiles() -> (FileSyncTransport, FileSyncTransport) {
        (FileSyncTransport(outbox: anaToBen, inbox: benToAna), FileSyncTransport(outbox: benToAna, inbox: anaToBen))
    }

    /// A controller on `file` in the temp dir, on the shared clock.
    func controller(
        _ file: String, _ name: String, keys: StorageKeyProvider = InMemoryStorageKeyProvider(),
        zone: @escaping () -> String = { "UTC" }, language: @escaping () -> String = { "en-US" }
    ) -> TandemController {
        TandemController(databasePath: path(file), keys: keys, newDeviceName: name, clock: clock, deviceZone: zone,
                         language: language)
    }

    /// Pairs the two phones, Ana offering.
    func pair(file: StaticString = #filePath, line: UInt = #line) throws {
        try pairDevices(offerer: ana.open(), answerer: ben.open(), file: file, line: line)
    }

    /// Unix ms of `day` days after 2027-03-13 at hh:mm UTC.
    func at(_ day: Int64, _ hh: Int64, _ mm: Int64) -> Int64 {
        T.mar13_0000Z + day * T.day + hh * T.hour + mm * T.minute
    }
}

/// What an action's outcome armed and cancelled, named as a re-plan's report.
extension ActionOutcome {
    var armed: [String] { reminders.arm.map(\.id) }
    var cancelled: [String] { reminders.cancel }
    var plan: [Reminder] { reminders.planned }
}

extension ReminderCoordinator {
    /// A local change's result and the re-plan that followed it.
    struct Changed<Value> {
        let value: Value
        let report: ReplanReport
    }

    /// One change that is not a `UserAction` or a form's submit (a
    /// setting) on the core, given the device's zone, then a re-plan
    /// (`.afterLocalChange`). A change that throws re-plans nothing.
    func change<Value>(_ work: (Tandem, String) throws -> Value) throws -> Changed<Value> {
        let value = try work(controller.open(), controller.deviceZone())
        return Changed(value: value, report: try replan(trigger: .afterLocalChange))
    }

    /// A submit's result: what it made, and the outcome carried out.
    struct Submitted<Value> {
        let value: Value
        let outcome: ActionOutcome
    }

    /// A personal ritual added through its form's submit (`.personal`), the
    /// outcome carried out as the app does. A form the core holds back is
    /// refused (`InvalidInput`, with the fields' words).
    @discardableResult
    func addPersonal(_ draft: RitualDraft) throws -> Submitted<Ritual> {
        let tandem = try controller.open()
        let before = Set(try tandem.rituals().map(\.id))
        switch try submit(RitualFormInput(draft), as: .personal) {
        case let .sent(outcome):
            let new = try tandem.rituals().filter { !before.contains($0.id) }
            guard new.count == 1, let ritual = new.first else { throw CoreCallError("\(new.count) new rituals") }
            return Submitted(value: ritual, outcome: outcome)
        case let .check(check):
            throw TandemError.InvalidInput(reason: check.said)
        }
    }
}

extension TwoShellsTestCase {
    /// The scheduler's calls are exactly the outcome's arming, cancel first,
    /// each alarm as the core worded it.
    func assertCarriedOut(_ outcome: ActionOutcome?, on scheduler: FakeScheduler,
                          file: StaticString = #filePath, line: UInt = #line) {
        guard let outcome else { return XCTFail("nothing was sent", file: file, line: line) }
        let cancels: [FakeScheduler.Call] = outcome.cancelled.isEmpty ? [] : [.cancel(outcome.cancelled)]
        XCTAssertEqual(scheduler.calls, cancels + outcome.armed.map { .arm($0) }, file: file, line: line)
        for alarm in outcome.reminders.arm {
            XCTAssertEqual(scheduler.alarms[alarm.id], alarm, "armed as the core worded it", file: file, line: line)
        }
    }
}

extension TandemController {
    /// Ritual, agreement or pause `id` as the core holds it now.
    func ritual(_ id: String, file: StaticString = #filePath, line: UInt = #line) throws -> Ritual {
        try XCTUnwrap(open().rituals().first { $0.id == id }, "no ritual \(id)", file: file, line: line)
    }

    func agreement(_ id: String, file: StaticString = #filePath, line: UInt = #line) throws -> Agreement {
        try XCTUnwrap(open().agreements().first { $0.id == id }, "no agreement \(id)", file: file, line: line)
    }

    func pause(_ id: String, file: StaticString = #filePath, line: UInt = #line) throws -> Pause {
        try XCTUnwrap(open().pauses().first { $0.id == id }, "no pause \(id)", file: file, line: line)
    }
}
