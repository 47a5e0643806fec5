import Foundation
import XCTest
@testable import TandemKit

// The tests' own shorthand for acting on the core. The facade exports one way
// to act (`perform`, `openForm` and the submits); these keep the names the
// tests were written with and go through that one way, from a phone with
// nothing armed and everything allowed (`testPhone`). What the calls answer
// with (the ritual, agreement, pause or entry acted on) is read back through
// the queries.

/// A test's own failure: the core answered in a way the shorthand cannot read.
struct CoreCallError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Nothing armed, notifications allowed, as an iPhone reads it.
func testPhone(zone: String = "UTC") -> PhoneNow {
    PhoneNow(zone: zone, armed: [],
             access: ReminderAccess(notifications: .allowed, exactAlarms: true, holdsAlarmsWhenOff: false,
                                    listsPending: true))
}

extension RitualFormInput {
    /// A draft as the form that makes it again (as the CLI's conversion does).
    init(_ d: RitualDraft) {
        let r = d.recurrence ?? Recurrence(repeat: .daily, startDate: nil, untilDate: nil, count: nil)
        self.init(title: d.title, prompt: d.prompt ?? "", minutes: String(d.minutes), timeOfDay: d.timeOfDay,
                  zone: d.zone, repeat: r.repeat, startDate: r.startDate ?? "", untilDate: r.untilDate ?? "",
                  count: r.count, windowEnd: d.windowEnd ?? "", leadMinutes: d.leadMinutes,
                  trialUntil: d.trialUntil ?? "")
    }
}

extension AgreementFormInput {
    /// A draft as the form that makes it again; no pause protocol is a blank cool-down.
    init(_ d: AgreementDraft) {
        let p = d.pauseProtocol
        self.init(title: d.title, text: d.text, coolDown: p.map { String($0.coolDownMinutes) } ?? "",
                  reviewOn: d.reviewOn ?? "", eitherMayCall: p?.eitherMayCall ?? true, revisit: p?.revisit)
    }
}

extension RitualFormCheck {
    /// Every field's words, for a refusal's reason.
    var said: String {
        [title, prompt, minutes, timeOfDay, zone, `repeat`, startDate, end, windowEnd, leadMinutes, trialUntil, form]
            .compactMap { $0 }.joined(separator: "; ")
    }
}

extension AgreementFormCheck {
    var said: String { [title, text, coolDown, revisit, reviewOn, form].compactMap { $0 }.joined(separator: "; ") }
}

extension CheckInFormCheck {
    var said: String { [temperature, note].compactMap { $0 }.joined(separator: "; ") }
}

extension BoundaryFormCheck {
    var said: String { [text, form].compactMap { $0 }.joined(separator: "; ") }
}

extension PairingNotice {
    /// A refusal the pairing screen shows, as the error the old call threw.
    var refusal: TandemError {
        switch code {
        case "pairing.failed", "pairing.rejected": return .PairingFailed(reason: text)
        case "pairing.expired", "pairing.ran-out": return .PairingExpired(reason: text)
        case "pairing.outdated": return .PairingOutdated(reason: text)
        case "pairing.already": return .AlreadyPaired(reason: text)
        case "pairing.not-yet": return .NotPaired(reason: text)
        default: return .NotAllowedNow(reason: text)
        }
    }
}

extension Tandem {
    /// `action` from `testPhone(zone:)`.
    @discardableResult
    func act(_ action: UserAction, zone: String = "UTC") throws -> ActionOutcome {
        try perform(action: action, phone: testPhone(zone: zone))
    }

    /// A ritual form sent as `purpose`; a form the core holds back is refused
    /// as the old calls refused a draft (`InvalidInput`, with the fields' words).
    @discardableResult
    func send(_ form: RitualFormInput, as purpose: RitualPurpose, zone: String = "UTC") throws -> ActionOutcome {
        switch try submitRitualForm(form: form, purpose: purpose, phone: testPhone(zone: zone)) {
        case let .sent(outcome): return outcome
        case let .check(check): throw TandemError.InvalidInput(reason: check.said)
        }
    }

    @discardableResult
    func send(_ form: AgreementFormInput, as purpose: AgreementPurpose) throws -> ActionOutcome {
        switch try submitAgreementForm(form: form, purpose: purpose, phone: testPhone()) {
        case let .sent(outcome): return outcome
        case let .check(check): throw TandemError.InvalidInput(reason: check.said)
        }
    }

    // Reading back what was acted on.

    func storedRitual(_ id: String) throws -> Ritual {
        guard let r = try rituals().first(where: { $0.id == id }) else { throw CoreCallError("no ritual \(id)") }
        return r
    }

    func storedAgreement(_ id: String) throws -> Agreement {
        guard let a = try agreements().first(where: { $0.id == id }) else { throw CoreCallError("no agreement \(id)") }
        return a
    }

    func storedPause(_ id: String) throws -> Pause {
        guard let p = try pauses().first(where: { $0.id == id }) else { throw CoreCallError("no pause \(id)") }
        return p
    }

    /// The one thing `work` added to `all` (by id).
    private func added<T>(_ all: () throws -> [T], id: (T) -> String, by work: () throws -> Void) throws -> T {
        let before = Set(try all().map(id))
        try work()
        let new = try all().filter { !before.contains(id($0)) }
        guard new.count == 1, let one = new.first else { throw CoreCallError("\(new.count) new, not one") }
        return one
    }

    // Rituals.

    @discardableResult
    func proposeRitual(draft: RitualDraft) throws -> Ritual {
        try added(rituals, id: \.id) { try send(RitualFormInput(draft), as: .propose) }
    }

    @discardableResult
    func addPersonalRitual(draft: RitualDraft) throws -> Ritual {
        try added(rituals, id: \.id) { try send(RitualFormInput(draft), as: .personal) }
    }

    /// Another version of `id` (a counter; a personal ritual's change).
    @discardableResult
    func counterRitual(id: String, draft: RitualDraft) throws -> Ritual {
        try send(RitualFormInput(draft), as: .change(id: id))
        return try storedRitual(id)
    }

    /// The form `.changeRitual` opens: the version a counter answers, as the
    /// core fills it in.
    func changeForm(id: String) throws -> RitualFormInput {
        guard let form = try openForm(request: .changeRitual(id: id)).ritual?.form else {
            throw CoreCallError("a change of \(id) opened no ritual form")
        }
        return form
    }

    /// The change form of `id` as a draft (the version a counter answers).
    func ritualDraft(id: String) throws -> RitualDraft {
        let f = try changeForm(id: id)
        guard let minutes = UInt32(f.minutes) else { throw CoreCallError("minutes \(f.minutes)") }
        func none(_ s: String) -> String? { s.isEmpty ? nil : s }
        return RitualDraft(title: f.title, prompt: none(f.prompt), minutes: minutes, timeOfDay: f.timeOfDay, zone: f.zone,
                           recurrence: Recurrence(repeat: f.repeat, startDate: none(f.startDate),
                                                  untilDate: none(f.untilDate), count: f.count),
                           windowEnd: none(f.windowEnd), leadMinutes: f.leadMinutes, trialUntil: none(f.trialUntil))
    }

    /// Counters ritual `id` with another title, prompt (nil: none), length,
    /// time or zone; the recurrence, window, lead times and trial end stay as
    /// the change form opens them.
    @discardableResult
    func counterRitual(
        id: String, title: String, prompt: String? = nil, minutes: UInt32, timeOfDay: String, zone: ZoneMode
    ) throws -> Ritual {
        var form = try changeForm(id: id)
        (form.title, form.prompt, form.minutes, form.timeOfDay, form.zone) =
            (title, prompt ?? "", String(minutes), timeOfDay, zone)
        try send(form, as: .change(id: id))
        return try storedRitual(id)
    }

    @discardableResult
    func acceptRitual(id: String) throws -> Ritual {
        try act(.acceptRitual(id: id))
        return try storedRitual(id)
    }

    @discardableResult
    func declineRitual(id: String) throws -> Ritual {
        try act(.declineRitual(id: id))
        return try storedRitual(id)
    }

    @discardableResult
    func acceptRitualVersion(id: String, version: String) throws -> Ritual {
        try act(.acceptRitualVersion(id: id, version: version))
        return try storedRitual(id)
    }

    @discardableResult
    func declineRitualVersion(id: String, version: String) throws -> Ritual {
        try act(.declineRitualVersion(id: id, version: version))
        return try storedRitual(id)
    }

    @discardableResult
    func pauseRitual(id: String) throws -> Ritual {
        try act(.pauseRitual(id: id))
        return try storedRitual(id)
    }

    @discardableResult
    func resumeRitual(id: String) throws -> Ritual {
        try act(.resumeRitual(id: id))
        return try storedRitual(id)
    }

    @discardableResult
    func retireRitual(id: String) throws -> Ritual {
        try act(.retireRitual(id: id))
        return try storedRitual(id)
    }

    /// A trial's review: keep and stop are actions, adjust the review's form.
    @discardableResult
    func reviewRitual(id: String, outcome: ReviewOutcome) throws -> Ritual {
        switch outcome {
        case .keep: try act(.keepRitual(id: id))
        case .stop: try act(.stopRitual(id: id))
        case let .adjust(draft): try send(RitualFormInput(draft), as: .adjust(id: id))
        }
        return try storedRitual(id)
    }

    /// One occurrence done, on a phone in `deviceZone` (UTC unless a test says).
    func markDone(ritualId: String, date: String, note: String?, feeling: String?, deviceZone: String = "UTC") throws {
        try act(.markDone(ritualId: ritualId, date: date, note: note, feeling: feeling), zone: deviceZone)
    }

    func skipOccurrence(ritualId: String, date: String) throws {
        try act(.skipOccurrence(ritualId: ritualId, date: date))
    }

    /// Snoozes one occurrence's reminder on a phone in `deviceZone`; when it
    /// comes back, as the outcome's plan has it (the ritual's one snoozed
    /// reminder).
    @discardableResult
    func snoozeReminder(ritualId: String, date: String, minutes: UInt32, deviceZone: String) throws -> Int64 {
        let outcome = try act(.snooze(ritualId: ritualId, date: date, minutes: minutes), zone: deviceZone)
        let snoozed = outcome.reminders.planned.filter { $0.kind == .snoozed && $0.sourceId == ritualId }
        guard snoozed.count == 1, let back = snoozed.first else {
            throw CoreCallError("\(snoozed.count) snoozed reminders of \(ritualId)")
        }
        return back.fireAtMs
    }

    /// Declares the rest week holding `date` (its Monday shows in `restWeeks()`).
    @discardableResult
    func declareRestWeek(date: String, deviceZone: String) throws -> ActionOutcome {
        try act(.restWeek(date: date, rest: true), zone: deviceZone)
    }

    @discardableResult
    func callOffRestWeek(date: String, deviceZone: String) throws -> ActionOutcome {
        try act(.restWeek(date: date, rest: false), zone: deviceZone)
    }

    // Agreements and pauses.

    @discardableResult
    func proposeAgreement(draft: AgreementDraft) throws -> Agreement {
        try added(agreements, id: \.id) { try send(AgreementFormInput(draft), as: .propose) }
    }

    /// A new version built on `parentHash`.
    @discardableResult
    func amendAgreement(id: String, parentHash: String, draft: AgreementDraft) throws -> Agreement {
        try send(AgreementFormInput(draft), as: .amend(id: id, version: parentHash))
        return try storedAgreement(id)
    }

    @discardableResult
    func acceptAgreement(id: String, versionHash: String) throws -> Agreement {
        try act(.acceptAgreement(id: id, version: versionHash))
        return try storedAgreement(id)
    }

    @discardableResult
    func declineAgreement(id: String, versionHash: String) throws -> Agreement {
        try act(.declineAgreement(id: id, version: versionHash))
        return try storedAgreement(id)
    }

    @discardableResult
    func withdrawAgreement(id: String) throws -> Agreement {
        try act(.withdrawAgreement(id: id))
        return try storedAgreement(id)
    }

    /// An agreement's look back: keep and let go are actions, amend the
    /// review's form, sent as the form's own submit names it.
    @discardableResult
    func reviewAgreement(id: String, outcome: AgreementReview) throws -> Agreement {
        switch outcome {
        case .keep: try act(.keepAgreement(id: id))
        case .letGo: try act(.letGoAgreement(id: id))
        case let .amend(draft):
            guard let purpose = try openForm(request: .reviewAgreement(id: id)).agreement?.submits.first?.purpose else {
                throw CoreCallError("the review of \(id) opened no agreement form")
            }
            try send(AgreementFormInput(draft), as: purpose)
        }
        return try storedAgreement(id)
    }

    @discardableResult
    func startPause(minutes: UInt32?, note: String?) throws -> Pause {
        try added(pauses, id: \.id) { try act(.startPause(minutes: minutes, note: note)) }
    }

    @discardableResult
    func extendPause(id: String, minutes: UInt32) throws -> Pause {
        try act(.extendPause(id: id, minutes: minutes))
        return try storedPause(id)
    }

    @discardableResult
    func endPause(id: String) throws -> Pause {
        try act(.endPause(id: id))
        return try storedPause(id)
    }

    // The notebook.

    /// A check-in through its form; the entry it wrote.
    @discardableResult
    func checkIn(temperature: UInt8, capacity: Capacity, need: Need, note: String?, shared: Bool) throws -> LogEntry {
        let form = CheckInFormInput(temperature: Int64(temperature), capacity: capacity, need: need, note: note ?? "",
                                    shared: shared)
        return try added({ try entries(fromMs: 0, toMs: Int64.max) }, id: \.id) {
            switch try submitCheckIn(form: form, phone: testPhone()) {
            case .sent: return
            case let .check(check): throw TandemError.InvalidInput(reason: check.said)
            }
        }
    }

    // Boundaries: the form for the words, actions for sharing and retiring.

    func storedBoundary(_ id: String) throws -> Boundary {
        guard let b = try boundaries().first(where: { $0.id == id }) else { throw CoreCallError("no boundary \(id)") }
        return b
    }

    private func send(boundary text: String, as purpose: BoundaryPurpose) throws {
        switch try submitBoundaryForm(form: BoundaryFormInput(text: text), purpose: purpose, phone: testPhone()) {
        case .sent: return
        case let .check(check): throw TandemError.InvalidInput(reason: check.said)
        }
    }

    /// A new boundary through the form, private or shared; the boundary it wrote.
    @discardableResult
    func addBoundary(text: String, shared: Bool) throws -> Boundary {
        try added({ try boundaries() }, id: \.id) { try send(boundary: text, as: shared ? .shared : .`private`) }
    }

    @discardableResult
    func editBoundary(id: String, text: String) throws -> Boundary {
        try send(boundary: text, as: .edit(id: id))
        return try storedBoundary(id)
    }

    @discardableResult
    func shareBoundary(id: String, shared: Bool) throws -> Boundary {
        try act(.shareBoundary(id: id, shared: shared))
        return try storedBoundary(id)
    }

    func retireBoundary(id: String) throws {
        try act(.retireBoundary(id: id))
    }

    // Reads the screens carry.

    /// Rituals waiting for a look back: the rituals screen's rows that say so.
    func reviewsDue(deviceZone: String) throws -> [Ritual] {
        let due = Set(try ritualsScreen(deviceZone: deviceZone).rows.filter(\.reviewDue).map(\.id))
        return try rituals().filter { due.contains($0.id) }
    }

    /// Agreements waiting for a look back: the agreements screen's rows that say so.
    func agreementReviewsDue(deviceZone: String) throws -> [Agreement] {
        let due = Set(try agreementsScreen(deviceZone: deviceZone).rows.filter(\.reviewDue).map(\.id))
        return try agreements().filter { due.contains($0.id) }
    }

    /// The reminder plan for a phone in `deviceZone`, nothing armed yet: the first `limit` of what arming plans.
    func planReminders(deviceZone: String, limit: UInt32) throws -> [Reminder] {
        let arming = try armReminders(deviceZone: deviceZone, trigger: .appStart, armed: [],
                                      access: testPhone(zone: deviceZone).access)
        return Array(arming.planned.prefix(Int(limit)))
    }

    /// A payload imported on a phone in UTC (its news reads UTC times).
    @discardableResult
    func importPayload(payload: Data) throws -> ImportReport {
        try importPayloadIn(payload: payload, deviceZone: "UTC")
    }

    // Pairing: each step one `pairingAct`, as the app's pairing screen takes it.

    /// `step` where the screen's stage offers it; a step not offered now throws
    /// as the old calls did (showing or scanning a code once a pairing is under
    /// way: AlreadyPaired; answering digits once paired: PairingFailed, before
    /// there are any: NotPaired), and a refusal the screen shows throws as its error.
    @discardableResult
    private func pairing(_ step: PairingStep, when offered: [PairingStage],
                         allowing allowed: Set<String> = []) throws -> PairingScreenModel {
        let stage = try pairingScreen(deviceZone: "UTC").stage
        guard offered.contains(stage) else {
            switch (step, stage) {
            case (.confirm, .paired), (.reject, .paired): throw TandemError.PairingFailed(reason: "already confirmed")
            case (.confirm, _), (.reject, _): throw TandemError.NotPaired(reason: "no digits to answer")
            default: throw TandemError.AlreadyPaired(reason: "a pairing is under way or done: \(stage)")
            }
        }
        let next = try pairingAct(step: step, deviceZone: "UTC")
        if let notice = next.notice, !allowed.contains(notice.code) { throw notice.refusal }
        return next
    }

    func startPairing() throws -> PairingOffer {
        let s = try pairing(.start, when: [.start, .showingCode])
        guard let qr = s.qr, let expires = s.expiresAtMs else { throw CoreCallError("no code shown") }
        return PairingOffer(text: qr.text, expiresAtMs: expires, qr: qr)
    }

    func acceptPairing(offerText: String) throws -> PairingAnswer {
        let s = try pairing(.scanned(text: offerText), when: [.start, .showingCode])
        guard let qr = s.qr, let digits = s.digits else { throw CoreCallError("no answer shown") }
        return PairingAnswer(text: qr.text, sas: digits, qr: qr)
    }

    /// The partner's answer scanned; the digits to compare.
    @discardableResult
    func completePairing(answerText: String) throws -> String {
        let s = try pairing(.scanned(text: answerText), when: [.start, .showingCode])
        guard let digits = s.digits else { throw CoreCallError("no digits shown") }
        return digits
    }

    func confirmPairing() throws {
        try pairing(.confirm, when: [.showingAnswer, .comparing])
    }

    func rejectPairing() throws {
        try pairing(.reject, when: [.showingAnswer, .comparing], allowing: ["pairing.rejected"])
    }

    /// Withdraws the code this phone shows; anything else is left as it is.
    func cancelPairing() throws {
        if try pairingScreen(deviceZone: "UTC").stage == .showingCode { try pairing(.cancel, when: [.showingCode]) }
    }
}
