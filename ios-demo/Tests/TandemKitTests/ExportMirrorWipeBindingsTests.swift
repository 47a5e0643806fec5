import Foundation
import XCTest
@testable import TandemKit

/// Export and import, the visibility mirror, the sharing audit and wipe
/// through the generated bindings. Each sealed export or import derives a
/// key with Argon2id (64 MiB), so the tests keep those calls few.
final class ExportMirrorWipeBindingsTests: TwoPhonesTestCase {
    private let passphrase = "long enough passphrase"
    private let privateBoundary = "Alone-time-on-Sunday-mornings"
    private let sharedBoundary = "No-phones-at-dinner"
    private let patternNote = "went-quiet-after-the-call"
    private let privateCheckInNote = "tired-of-the-in-laws"
    private let ritualTitle = "Evening walk"
    private let personalTitle = "Morning-journal"

    private var allTime: (Int64, Int64) { (T.mar13_0000Z - T.day, T.mar13_0000Z + 365 * T.day) }

    private func entries(_ t: Tandem) throws -> [LogEntry] {
        try t.entries(fromMs: allTime.0, toMs: allTime.1)
    }

    private func patterns(_ t: Tandem) throws -> [PatternEntry] {
        try t.patternLog(fromMs: allTime.0, toMs: allTime.1)
    }

    private func contains(_ data: Data, _ text: String) -> Bool {
        data.range(of: Data(text.utf8)) != nil
    }

    /// A fresh, empty Tandem on its own file and key (a new phone).
    private func newPhone(_ file: String = "new.sqlite") throws -> Tandem {
        try Tandem.openWithClock(path: path(file), storageKey: try generateStorageKey(),
                                 deviceName: "New phone", clock: clock)
    }

    /// Ana's phone with a shared ritual, a personal ritual, a private and a
    /// shared boundary, a private pattern entry, a shared and a private
    /// check-in, and an appreciation made in the same millisecond as the
    /// shared check-in (their order must survive the round trip).
    @discardableResult
    private func fillAna() throws -> (ritual: Ritual, privateB: Boundary, sharedB: Boundary, pattern: PatternEntry) {
        let ritual = try ana.proposeRitual(draft: draft(ritualTitle))
        clock.advance(byMs: T.minute)
        _ = try ana.addPersonalRitual(draft: draft(personalTitle, at: "07:00"))
        clock.advance(byMs: T.minute)
        let privateB = try ana.addBoundary(text: privateBoundary, shared: false)
        clock.advance(byMs: T.minute)
        let sharedB = try ana.addBoundary(text: sharedBoundary, shared: true)
        clock.advance(byMs: T.minute)
        let pattern = try ana.logPattern(draft: PatternDraft(happened: .withdrew, tags: ["tired"], topic: "Money",
                                                             temperatureBefore: 7, note: patternNote))
        clock.advance(byMs: T.minute)
        _ = try ana.checkIn(temperature: 3, capacity: .some, need: .space, note: privateCheckInNote, shared: false)
        clock.advance(byMs: T.minute)
        _ = try ana.checkIn(temperature: 6, capacity: .low, need: .reassurance, note: nil, shared: true)
        _ = try ana.appreciate(text: "Thanks for the soup")  // same millisecond
        return (ritual, privateB, sharedB, pattern)
    }

    /// Rituals with this phone's own id written as <me>: a restored phone
    /// keeps its own id and is still the same person.
    private func asPerson(_ rituals: [Ritual], _ t: Tandem) throws -> String {
        String(describing: rituals).replacingOccurrences(of: try t.device().deviceId, with: "<me>")
    }

    // MARK: export and import

    func testARestoredPhoneKeepsItsOwnIdAndTheOldPhonesLaterPayloadIsRefused() throws {
        try pair()
        _ = try ana.appreciate(text: "before the backup")
        try sync(ana, to: ben)
        try sync(ben, to: ana)
        let backup = try ana.exportData(passphrase: passphrase)
        _ = try ana.appreciate(text: "from the old phone, after the backup")
        let late = try ana.exportPayloads()

        let fresh = try newPhone()
        XCTAssertGreaterThan(try fresh.importData(file: backup, passphrase: passphrase), 0)
        XCTAssertNotEqual(try fresh.device().deviceId, try ana.device().deviceId)
        try ben.unpair()
        try pairDevices(offerer: fresh, answerer: ben)
        _ = try fresh.appreciate(text: "new phone, same me")
        let reports = try fresh.exportPayloads().map { try ben.importPayload(payload: $0) }
        XCTAssertEqual(reports.map(\.applied).reduce(0, +), 1, "the new phone's change arrives as new")
        XCTAssertEqual(reports.map(\.setAside).reduce(0, +), 0)
        XCTAssertNil(reports.first?.setAsideNote)
        for payload in late {
            let refused = assertTandemError(.payloadRejected) { try ben.importPayload(payload: payload) }
            XCTAssertTrue(refused?.reason.contains("restored on another phone") == true, refused?.reason ?? "")
        }
        let texts = try entries(ben).map { String(describing: $0.kind) }
        XCTAssertTrue(texts.contains { $0.contains("new phone, same me") }, "\(texts)")
        XCTAssertFalse(texts.contains { $0.contains("after the backup") }, "\(texts)")
        try fresh.close()
    }

    func testAPartnerClockThreeHoursFastIsImportedAtOnceWithANote() throws {
        let fastClock = ManualClock(nowMs: T.mar13_1200Z)
        let fast = try Tandem.openWithClock(path: path("fast.sqlite"), storageKey: try generateStorageKey(),
                                            deviceName: "Fast phone", clock: fastClock)
        try pairDevices(offerer: fast, answerer: ben)
        fastClock.advance(byMs: 3 * T.hour)
        _ = try fast.appreciate(text: "wrong clock")
        let reports = try fast.exportPayloads().map { try ben.importPayload(payload: $0) }
        XCTAssertEqual(reports.first?.applied, 1)
        XCTAssertEqual(reports.first?.clockAheadMinutes, 180)
        XCTAssertTrue(reports.first?.clockNote?.contains("your partner's phone clock looks 3 h ahead") == true,
                      reports.first?.clockNote ?? "no note")
        try fast.close()
    }

    func testSealedExportRoundTripsIntoAnEmptyTandemOnly() throws {
        let filled = try fillAna()
        let anaEntries = try entries(ana)
        XCTAssertEqual(anaEntries.count, 3)
        XCTAssertEqual(anaEntries.suffix(2).map(\.kind),
                       [.checkIn(temperature: 6, temperatureWords: "stirred", capacity: .low, need: .reassurance, note: nil),
                        .appreciation(text: "Thanks for the soup")],
                       "entries of one millisecond in the order they were made")

        let sealed = try ana.exportData(passphrase: passphrase)
        let outer = try XCTUnwrap(try JSONSerialization.jsonObject(with: sealed) as? [String: Any])
        XCTAssertEqual(outer["format"] as? String, "tandem-export-sealed")
        XCTAssertEqual(outer["version"] as? Int, 2, "version 2: the header is authenticated")
        XCTAssertNotNil(outer["ciphertext"] as? String)
        for text in [privateBoundary, sharedBoundary, patternNote, privateCheckInNote, ritualTitle,
                     personalTitle, "Thanks for the soup", "Ana's phone", filled.privateB.id] {
            XCTAssertFalse(contains(sealed, text), "\(text) in the clear")
        }

        let fresh = try newPhone()
        let freshDevice = try fresh.device()
        let wrong = assertTandemError(.wrongPassphrase) {
            try fresh.importData(file: sealed, passphrase: "wrong passphrase")
        }
        XCTAssertEqual(wrong.map { TandemMessages.message(for: $0 as Error) }, TandemMessages.message(for: .wrongPassphrase))
        XCTAssertEqual(try fresh.rituals(), [], "nothing imported")
        XCTAssertEqual(try fresh.boundaries(), [])
        XCTAssertEqual(try fresh.device(), freshDevice, "still its own identity")

        let unsealed = assertTandemError(.invalidInput) { try fresh.importData(file: sealed, passphrase: nil) }
        XCTAssertTrue(unsealed?.reason.contains("sealed with a passphrase") == true, unsealed?.reason ?? "")
        let truncated = assertTandemError(.invalidInput) {
            try fresh.importData(file: sealed.prefix(sealed.count / 2), passphrase: passphrase)
        }
        XCTAssertTrue(truncated?.reason.contains("damaged or not a Tandem export") == true, truncated?.reason ?? "")
        XCTAssertEqual(try fresh.rituals(), [])

        let restored = try fresh.importData(file: sealed, passphrase: passphrase)
        XCTAssertGreaterThan(restored, 0)
        XCTAssertEqual(try fresh.device().name, "Ana's phone", "the exported name")
        XCTAssertNotEqual(try fresh.device().deviceId, try ana.device().deviceId,
                          "a new id: the old phone may still write under its own")
        XCTAssertEqual(try asPerson(fresh.rituals(), fresh), try asPerson(ana.rituals(), ana))
        XCTAssertEqual(try fresh.rituals().map(\.title), [ritualTitle, personalTitle])
        XCTAssertEqual(try fresh.boundaries(), try ana.boundaries())
        XCTAssertEqual(try fresh.boundaries().map(\.text), [privateBoundary, sharedBoundary])
        XCTAssertEqual(try fresh.boundaries().map(\.shared), [false, true])
        XCTAssertEqual(try patterns(fresh), try patterns(ana))
        XCTAssertEqual(try patterns(fresh), [filled.pattern])
        XCTAssertEqual(try entries(fresh), anaEntries)
        XCTAssertEqual(try fresh.pairingStatus(), .unpaired, "pairing is not restored")

        let again = assertTandemError(.notAllowedNow) { try fresh.importData(file: sealed, passphrase: passphrase) }
        XCTAssertTrue(again?.reason.contains("empty") == true, again?.reason ?? "")
        XCTAssertEqual(try asPerson(fresh.rituals(), fresh), try asPerson(ana.rituals(), ana),
                       "unchanged by the refused import")
        try fresh.close()

        // Ana's own store holds data: it refuses too.
        assertTandemError(.notAllowedNow) { try ana.importData(file: sealed, passphrase: passphrase) }
    }

    func testAShortPassphraseIsRefused() throws {
        _ = try ana.proposeRitual(draft: draft())
        let error = assertTandemError(.invalidInput) { try ana.exportData(passphrase: "seven77") }
        XCTAssertTrue(error?.reason.contains("at least 16 characters or at least 4 words") == true, error?.reason ?? "")
        XCTAssertFalse(error?.reason.contains("seven77") ?? true, "the reason never echoes the passphrase")
        // Four words pass however short.
        XCTAssertFalse(try ana.exportData(passphrase: "ox elm fig yew").isEmpty)
    }

    func testAnAlteredSealedFileIsAWrongPassphrase() throws {
        try fillAna()
        let sealed = try ana.exportData(passphrase: passphrase)
        var outer = try XCTUnwrap(try JSONSerialization.jsonObject(with: sealed) as? [String: Any])
        let blob = try XCTUnwrap(Data(base64Encoded: try XCTUnwrap(outer["ciphertext"] as? String)))
        outer["ciphertext"] = flipped(blob, at: blob.count / 2).base64EncodedString()
        let altered = try JSONSerialization.data(withJSONObject: outer)

        let fresh = try newPhone()
        assertTandemError(.wrongPassphrase) { try fresh.importData(file: altered, passphrase: passphrase) }
        XCTAssertEqual(try fresh.rituals(), [])
        XCTAssertEqual(try fresh.device().name, "New phone")
        try fresh.close()
    }

    func testThePlaintextExportIsReadableJSONWithThePrivateTextAndImportsWithoutAPassphrase() throws {
        let filled = try fillAna()
        let plain = try ana.exportPlaintext()
        let doc = try XCTUnwrap(try JSONSerialization.jsonObject(with: plain) as? [String: Any])
        XCTAssertEqual(doc["format"] as? String, "tandem-export")
        XCTAssertEqual(doc["version"] as? Int, 1)
        let device = try XCTUnwrap(doc["device"] as? [String: Any])
        XCTAssertEqual(device["id"] as? String, try ana.device().deviceId)
        XCTAssertEqual(device["name"] as? String, "Ana's phone")
        let state = try XCTUnwrap(doc["state"] as? [String: Any])
        let log = try XCTUnwrap(doc["log"] as? [String: Any])
        XCTAssertNotNil(log["shared"] as? [Any])
        XCTAssertFalse(try XCTUnwrap(log["private"] as? [Any]).isEmpty, "the private log is exported")
        XCTAssertTrue(contains(plain, privateBoundary))
        XCTAssertTrue(contains(plain, patternNote))
        let boundaries = try XCTUnwrap(state["boundaries"] as? [[String: Any]])
        let privateRow = try XCTUnwrap(boundaries.first { $0["id"] as? String == filled.privateB.id })
        XCTAssertEqual(privateRow["text"] as? String, privateBoundary)
        XCTAssertEqual(privateRow["shared"] as? Bool, false)
        let rituals = try XCTUnwrap(state["rituals"] as? [[String: Any]])
        XCTAssertEqual(Set(rituals.compactMap { $0["title"] as? String }), [ritualTitle, personalTitle])

        let fresh = try newPhone()
        XCTAssertGreaterThan(try fresh.importData(file: plain, passphrase: nil), 0)
        XCTAssertEqual(try fresh.device().name, try ana.device().name)
        XCTAssertEqual(try asPerson(fresh.rituals(), fresh), try asPerson(ana.rituals(), ana))
        XCTAssertEqual(try fresh.boundaries(), try ana.boundaries())
        XCTAssertEqual(try entries(fresh), try entries(ana))
        try fresh.close()
    }

    func testANewerOrMalformedExportIsRefused() throws {
        try fillAna()
        var doc = try XCTUnwrap(try JSONSerialization.jsonObject(with: try ana.exportPlaintext()) as? [String: Any])
        doc["version"] = 2
        let newer = try JSONSerialization.data(withJSONObject: doc)
        let fresh = try newPhone()
        let error = assertTandemError(.invalidInput) { try fresh.importData(file: newer, passphrase: nil) }
        XCTAssertTrue(error?.reason.contains("newer Tandem") == true, error?.reason ?? "")
        let junk = assertTandemError(.invalidInput) {
            try fresh.importData(file: Data("{\"format\": \"tandem-export\"".utf8), passphrase: nil)
        }
        XCTAssertTrue(junk?.reason.contains("damaged or not a Tandem export") == true, junk?.reason ?? "")
        XCTAssertEqual(try fresh.rituals(), [])
        XCTAssertEqual(try fresh.device().name, "New phone")
        try fresh.close()
    }

    // MARK: the visibility mirror and the sharing audit

    func testWhatThePartnerSeesHoldsTheSharedThingsAndNothingPrivate() throws {
        let filled = try fillAna()
        let seen = try ana.whatPartnerSees()
        let summaries = seen.map(\.summary)

        XCTAssertEqual(seen.first, VisibleItem(kind: .deviceName, id: try ana.device().deviceId,
                                               summary: "Ana's phone", sinceMs: 0, caveat: nil))
        let ritualRows = seen.filter { $0.kind == .sharedRitual }
        XCTAssertEqual(ritualRows.map(\.id), [filled.ritual.id], "the personal ritual is not there")
        XCTAssertTrue(ritualRows[0].summary.contains(ritualTitle), ritualRows[0].summary)
        XCTAssertEqual(ritualRows[0].sinceMs, filled.ritual.proposedAtMs)
        XCTAssertEqual(seen.filter { $0.kind == .boundary },
                       [VisibleItem(kind: .boundary, id: filled.sharedB.id, summary: sharedBoundary,
                                    sinceMs: filled.sharedB.updatedAtMs, caveat: nil)])
        XCTAssertEqual(seen.filter { $0.kind == .checkIn }.count, 1, "only the shared check-in")
        XCTAssertEqual(seen.filter { $0.kind == .appreciation }.map(\.summary), ["Thanks for the soup"])
        for secret in [privateBoundary, patternNote, privateCheckInNote, personalTitle, "Money"] {
            XCTAssertFalse(summaries.contains { $0.contains(secret) }, "\(secret) is visible: \(summaries)")
        }
        XCTAssertFalse(seen.map(\.id).contains(filled.privateB.id))
        XCTAssertFalse(seen.map(\.id).contains(filled.pattern.id))
        let allowed: Set<VisibleKind> = [.deviceName, .sharedRitual, .ritualNote, .agreement, .boundary,
                                         .checkIn, .appreciation, .repair, .phrase, .pause, .restWeek]
        XCTAssertTrue(Set(seen.map(\.kind)).isSubset(of: allowed), "\(seen.map(\.kind))")
    }

    func testTheSharingAuditRecordsSharingAndUnsharingNewestFirst() throws {
        let ritual = try ana.proposeRitual(draft: draft(ritualTitle))
        let proposedAt = clock.nowMs()
        clock.advance(byMs: T.minute)
        let boundary = try ana.addBoundary(text: privateBoundary, shared: false)
        XCTAssertEqual(try ana.sharingAudit().map(\.change), [.ritualProposed],
                       "a private boundary is not a sharing change")
        XCTAssertFalse(try ana.whatPartnerSees().contains { $0.id == boundary.id })

        clock.advance(byMs: T.minute)
        let sharedAt = clock.nowMs()
        _ = try ana.shareBoundary(id: boundary.id, shared: true)
        XCTAssertEqual(try ana.sharingAudit().first,
                       AuditEntry(atMs: sharedAt, change: .boundaryShared, id: boundary.id))
        XCTAssertEqual(try ana.whatPartnerSees().filter { $0.kind == .boundary }.map(\.summary), [privateBoundary])

        clock.advance(byMs: T.minute)
        let unsharedAt = clock.nowMs()
        _ = try ana.shareBoundary(id: boundary.id, shared: false)
        XCTAssertEqual(try ana.sharingAudit(), [
            AuditEntry(atMs: unsharedAt, change: .boundaryUnshared, id: boundary.id),
            AuditEntry(atMs: sharedAt, change: .boundaryShared, id: boundary.id),
            AuditEntry(atMs: proposedAt, change: .ritualProposed, id: ritual.id),
        ])
        XCTAssertEqual(try ana.whatPartnerSees().filter { $0.kind == .boundary }, [], "private again")

        clock.advance(byMs: T.minute)
        _ = try ana.checkIn(temperature: 2, capacity: .plenty, need: .nothingRightNow, note: nil, shared: true)
        _ = try ana.checkIn(temperature: 2, capacity: .plenty, need: .nothingRightNow, note: "mine", shared: false)
        clock.advance(byMs: T.minute)
        _ = try ana.logPattern(draft: PatternDraft(happened: .withdrew, tags: [], topic: nil,
                                                   temperatureBefore: nil, note: patternNote))
        XCTAssertEqual(try ana.sharingAudit().prefix(1).map(\.change), [.checkInShared],
                       "a private check-in and the pattern log leave no audit line")
        XCTAssertEqual(try ana.sharingAudit().count, 4)
        XCTAssertEqual(try ben.sharingAudit(), [], "Ben changed nothing")
    }

    // MARK: wipe

    func testWipeRemovesTheFilesAndClosesTheObject() throws {
        let key = try generateStorageKey()
        let file = path("wiped.sqlite")
        let db = try Tandem.openWithClock(path: file, storageKey: key, deviceName: "Doomed phone", clock: clock)
        let oldId = try db.device().deviceId
        _ = try db.proposeRitual(draft: draft(ritualTitle))
        _ = try db.addBoundary(text: privateBoundary, shared: false)
        XCTAssertTrue(FileManager.default.fileExists(atPath: file))

        try db.wipe()
        for suffix in ["", "-wal", "-shm", "-journal"] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: file + suffix), "\(file + suffix) is left")
        }
        assertTandemError(.closed) { try db.rituals() }
        assertTandemError(.closed) { try db.device() }
        assertTandemError(.closed) { try db.exportPlaintext() }
        assertTandemError(.closed) { try db.wipe() }

        // The same path and key now open a new, empty Tandem.
        let again = try Tandem.openWithClock(path: file, storageKey: key, deviceName: "Fresh", clock: clock)
        XCTAssertNotEqual(try again.device().deviceId, oldId)
        XCTAssertEqual(try again.device().name, "Fresh")
        XCTAssertEqual(try again.rituals(), [])
        XCTAssertEqual(try again.boundaries(), [])
        try again.close()
    }
}
