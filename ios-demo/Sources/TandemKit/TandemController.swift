import Foundation

/// The shell's single entry point to the core: opens the database once (with
/// the key from a `StorageKeyProvider`), forwards the calls the screens need and
/// closes explicitly. Not thread-safe: use it from one actor (the main one in
/// the app).
public final class TandemController {
    public let databasePath: String

    private let keys: StorageKeyProvider
    private let newDeviceName: String
    private let clock: ManualClock?
    private let deviceZone: () -> String
    private let language: () -> String
    private var state: State = .notOpened

    private enum State {
        case notOpened
        case open(Tandem)
        case closed
    }

    /// - Parameters:
    ///   - newDeviceName: used only when the database does not exist yet, so a
    ///     name the person changed later is never overwritten on reopen.
    ///   - clock: a `ManualClock` for tests and demos; nil means the system clock.
    ///   - deviceZone: the device's IANA zone, read on every call (it changes
    ///     when the person travels).
    ///   - language: the phone's language (a BCP 47 tag), read when the
    ///     database opens and by `languageChanged()`: every screen model is
    ///     worded in it.
    public init(
        databasePath: String,
        keys: StorageKeyProvider,
        newDeviceName: String,
        clock: ManualClock? = nil,
        deviceZone: @escaping () -> String = { TimeZone.current.identifier },
        language: @escaping () -> String = phoneLanguage
    ) {
        self.databasePath = databasePath
        self.keys = keys
        self.newDeviceName = newDeviceName
        self.clock = clock
        self.deviceZone = deviceZone
        self.language = language
    }

    /// The phone's language changed (`NSLocale.currentLocaleDidChangeNotification`):
    /// the screens follow it. A language Tandem does not have reads as
    /// English, and so does a tag the core refuses.
    public func languageChanged() throws {
        let tandem = try open()
        do {
            try tandem.setLocale(tag: language())
        } catch TandemError.InvalidInput {
            try tandem.setLocale(tag: "en")
        }
    }

    public var isOpen: Bool {
        if case .open = state { return true }
        return false
    }

    /// Opens the database on first use and returns the same handle afterwards.
    /// After `close()` it throws `TandemError.Closed`.
    @discardableResult
    public func open() throws -> Tandem {
        switch state {
        case let .open(tandem):
            return tandem
        case .closed:
            throw TandemError.Closed(reason: "the controller was closed")
        case .notOpened:
            let exists = FileManager.default.fileExists(atPath: databasePath)
            let key: Data
            if let stored = try keys.readStorageKey() {
                key = stored
            } else if exists {
                // Never a new key over an existing database: the person
                // chooses (restore from an export, or start over).
                throw StorageKeyMissing(databasePath: databasePath)
            } else {
                key = try generateStorageKey()
                try keys.saveStorageKey(key)
            }
            let name = exists ? nil : newDeviceName
            let tandem: Tandem
            if let clock {
                tandem = try Tandem.openWithClock(
                    path: databasePath, storageKey: key, deviceName: name, clock: clock)
            } else {
                tandem = try Tandem.open(path: databasePath, storageKey: key, deviceName: name)
            }
            state = .open(tandem)
            try languageChanged()
            return tandem
        }
    }

    /// Closes the database; later calls throw `TandemError.Closed`. Closing
    /// twice, or before opening, is fine.
    public func close() throws {
        let previous = state
        state = .closed
        if case let .open(tandem) = previous {
            try tandem.close()
        }
    }

    public func device() throws -> DeviceInfo {
        try open().device()
    }

    public func rename(device name: String) throws {
        try open().setDeviceName(name: name)
    }

    public func propose(
        title: String, prompt: String? = nil, minutes: UInt32, timeOfDay: String, zone: ZoneMode
    ) throws -> Ritual {
        try open().proposeRitual(draft: RitualDraft(
            title: title, prompt: prompt, minutes: minutes, timeOfDay: timeOfDay, zone: zone))
    }

    /// Proposes the whole draft (recurrence, window, reminder lead times,
    /// a trial end for a gentle experiment).
    public func propose(_ draft: RitualDraft) throws -> Ritual {
        try open().proposeRitual(draft: draft)
    }

    /// Adds a personal ritual: this phone's own, active at once, never sent
    /// to the partner, possible before pairing. Re-plan afterwards
    /// (`ReminderCoordinator.addPersonal` does both).
    public func addPersonal(_ draft: RitualDraft) throws -> Ritual {
        try open().addPersonalRitual(draft: draft)
    }

    /// The version of ritual `id` shown now, as a draft to edit: change one
    /// field and pass it to `counter(ritual:draft:)` or to a review's
    /// `.adjust`, and the rest stays as it is.
    public func draft(ritual id: String) throws -> RitualDraft {
        try open().ritualDraft(id: id)
    }

    public func rituals() throws -> [Ritual] {
        try open().rituals()
    }

    // MARK: consent (each returns the ritual as it now stands)

    /// Accepts the version that waits for this phone's answer.
    @discardableResult
    public func accept(ritual id: String) throws -> Ritual {
        try open().acceptRitual(id: id)
    }

    /// Accepts exactly the version the person read (`RitualRowModel.answerVersion`,
    /// or its first 8 characters): `.notAllowedNow`, with nothing recorded,
    /// if another version came in its place since the screen was drawn.
    @discardableResult
    public func accept(ritual id: String, version: String) throws -> Ritual {
        try open().acceptRitualVersion(id: id, version: version)
    }

    /// Declines exactly the version the person read; no reason is asked.
    @discardableResult
    public func decline(ritual id: String, version: String) throws -> Ritual {
        try open().declineRitualVersion(id: id, version: version)
    }

    /// Declines the version that waits for this phone's answer. For a
    /// proposal or a suggested time not in effect yet, the ritual ends
    /// (`.declined`); for a change to an active or paused ritual, only the
    /// change is dropped: the ritual keeps its status and the version in
    /// effect, with nothing pending.
    @discardableResult
    public func decline(ritual id: String) throws -> Ritual {
        try open().declineRitual(id: id)
    }

    /// Suggests another version: an answer to a proposal, or a change to a
    /// ritual in effect (which stays as it is until the partner accepts).
    /// `draft` is the whole version: fields left at their defaults (say, the
    /// recurrence) are not taken from the ritual.
    @discardableResult
    public func counter(ritual id: String, draft: RitualDraft) throws -> Ritual {
        try open().counterRitual(id: id, draft: draft)
    }

    /// Suggests another title, prompt (nil: none), length, time or zone;
    /// the recurrence, window, reminder lead times and trial end stay as
    /// the ritual shows them (`draft(ritual:)`).
    @discardableResult
    public func counter(
        ritual id: String, title: String, prompt: String? = nil, minutes: UInt32, timeOfDay: String, zone: ZoneMode
    ) throws -> Ritual {
        var version = try draft(ritual: id)
        (version.title, version.prompt, version.minutes, version.timeOfDay, version.zone) =
            (title, prompt, minutes, timeOfDay, zone)
        return try counter(ritual: id, draft: version)
    }

    @discardableResult
    public func pause(ritual id: String) throws -> Ritual {
        try open().pauseRitual(id: id)
    }

    @discardableResult
    public func resume(ritual id: String) throws -> Ritual {
        try open().resumeRitual(id: id)
    }

    @discardableResult
    public func retire(ritual id: String) throws -> Ritual {
        try open().retireRitual(id: id)
    }

    // MARK: gentle experiments (trials)

    /// Trials whose last day has come (in each ritual's zone, the device's
    /// for a floating one), still in effect, with no answer waiting.
    public func reviewsDue() throws -> [Ritual] {
        try open().reviewsDue(deviceZone: deviceZone())
    }

    /// Answers a trial's review: `.keep` (for a shared ritual, once the
    /// partner accepts), `.adjust(draft:)` (a counter; start from
    /// `draft(ritual:)`) or `.stop` (retired). A ritual without a trial
    /// throws `NotAllowedNow`. Re-plan afterwards
    /// (`ReminderCoordinator.review` does both).
    @discardableResult
    public func review(ritual id: String, outcome: ReviewOutcome) throws -> Ritual {
        try open().reviewRitual(id: id, outcome: outcome)
    }

    // MARK: rest weeks (shared with the partner once synced)

    /// Declares the week (Monday to Sunday) holding `date` ("YYYY-MM-DD",
    /// read on the device's clock) a rest week; returns its Monday.
    /// Re-plan afterwards (`ReminderCoordinator.declareRestWeek`).
    @discardableResult
    public func declareRestWeek(holding date: String) throws -> String {
        try open().declareRestWeek(date: date, deviceZone: deviceZone())
    }

    /// Calls off the rest week holding `date`; returns its Monday. Not a
    /// rest week: `NotFound`. Re-plan afterwards.
    @discardableResult
    public func callOffRestWeek(holding date: String) throws -> String {
        try open().callOffRestWeek(date: date, deviceZone: deviceZone())
    }

    /// The Mondays of the rest weeks, earliest first.
    public func restWeeks() throws -> [String] {
        try open().restWeeks()
    }

    /// The rituals screen as the core words it, in the device's zone.
    public func ritualsScreen() throws -> RitualsScreen {
        try open().ritualsScreen(deviceZone: deviceZone())
    }

    /// Occurrences from now over the next `days` days, in the device's zone.
    public func upcoming(days: Int64) throws -> [Occurrence] {
        let now = nowMs()
        return try open().upcoming(
            fromMs: now, toMs: now + days * dayMs, deviceZone: deviceZone())
    }

    /// Marks ritual `id`'s occurrence on `date` (its scheduled date) done,
    /// with an optional note and feeling: one shared fact for a joint
    /// ritual. An occurrence whose day has not come on the device's clock
    /// is refused (`InvalidInput`). Re-plan afterwards
    /// (`ReminderCoordinator.markDone`).
    public func markDone(ritual id: String, date: String, note: String? = nil, feeling: String? = nil) throws {
        try open().markDoneIn(ritualId: id, date: date, note: note, feeling: feeling, deviceZone: deviceZone())
    }

    /// Skips ritual `id`'s occurrence on `date`; no reason asked. Re-plan
    /// afterwards (`ReminderCoordinator.skip`).
    public func skip(ritual id: String, date: String) throws {
        try open().skipOccurrence(ritualId: id, date: date)
    }

    /// The Today screen as the core words it, in the device's zone.
    public func todayScreen() throws -> TodayScreen {
        try open().todayScreen(deviceZone: deviceZone())
    }

    /// The ritual form for `purpose`: empty for a new ritual, prefilled
    /// from `draft(ritual:)` for a counter or a trial's adjustment.
    public func ritualForm(_ purpose: RitualForm.Purpose) throws -> RitualForm {
        switch purpose {
        case .propose, .personal: return RitualForm(purpose: purpose)
        case let .counter(id), let .adjust(id): return RitualForm(purpose: purpose, from: try draft(ritual: id))
        }
    }

    /// The agreement form for `purpose`: empty for a new agreement,
    /// prefilled from the version amended (`parentHash`), or from the
    /// version in effect for a review (none in effect: `NotAllowedNow`).
    public func agreementForm(_ purpose: AgreementForm.Purpose) throws -> AgreementForm {
        let find = { (id: String) throws -> Agreement in
            guard let found = try self.agreements().first(where: { $0.id == id }) else {
                throw TandemError.NotFound(reason: "no agreement \(id)")
            }
            return found
        }
        switch purpose {
        case .propose:
            return AgreementForm()
        case let .amend(id, parent):
            let agreement = try find(id)
            guard let version = ([agreement.inEffect].compactMap { $0 } + agreement.pending).first(where: { $0.hash == parent }) else {
                throw TandemError.NotFound(reason: "no version \(parent) of agreement \(id)")
            }
            return AgreementForm(purpose: purpose, from: version.draft)
        case let .reviewAmend(id):
            guard let version = try find(id).inEffect else {
                throw TandemError.NotAllowedNow(reason: "agreement \(id) has no version in effect to review")
            }
            return AgreementForm(purpose: purpose, from: version.draft)
        }
    }

    /// The check-in screen as the core words it: the form's choices and
    /// this person's own check-ins since the device's local midnight.
    public func checkInScreen() throws -> CheckInScreen {
        try open().checkInScreen(deviceZone: deviceZone())
    }

    /// Checks the check-in form with the core, field by field, and records
    /// it when every field can be used: nil when recorded, else the core's
    /// words under the fields (nothing recorded).
    public func submitCheckIn(
        temperature: Int64, capacity: Capacity, need: Need, note: String, shared: Bool
    ) throws -> CheckInFormCheck? {
        let tandem = try open()
        let check = try tandem.checkInForm(temperature: temperature, note: note)
        guard check.temperature == nil, check.note == nil, let t = UInt8(exactly: temperature) else { return check }
        try checkIn(temperature: t, capacity: capacity, need: need, note: note.isEmpty ? nil : note, shared: shared)
        return nil
    }

    /// The Sync screen: the pairing, the changes to send (once paired), the
    /// files waiting in `inbox`'s inbox, and the lines of `last` (kept by
    /// the app between taps). Before pairing it says "Pair first"; it does
    /// not throw `NotPaired`.
    public func syncScreen(inbox: FileSyncTransport, last: SyncResult? = nil) throws -> SyncScreen {
        let waiting = UInt32(clamping: try inbox.waiting().count)
        return SyncScreen(model: try open().syncScreen(waitingFiles: waiting, last: last?.core))
    }

    // MARK: boundaries (private, or shared read-only with the partner)

    /// This phone's boundaries and the partner's shared ones (`mine` false,
    /// read-only here), oldest first.
    public func boundaries() throws -> [Boundary] {
        try open().boundaries()
    }

    /// Writes a boundary (1 to 500 characters): private (never leaves this
    /// phone) or shared (the partner sees it after a sync, read-only).
    @discardableResult
    public func addBoundary(_ text: String, shared: Bool = false) throws -> Boundary {
        try open().addBoundary(text: text, shared: shared)
    }

    /// Rewords one of this phone's boundaries; the partner's throw `NotAllowedNow`.
    @discardableResult
    public func edit(boundary id: String, text: String) throws -> Boundary {
        try open().editBoundary(id: id, text: text)
    }

    /// Shows one of this phone's boundaries to the partner, or makes it
    /// private again.
    @discardableResult
    public func share(boundary id: String, shared: Bool) throws -> Boundary {
        try open().shareBoundary(id: id, shared: shared)
    }

    public func retire(boundary id: String) throws {
        try open().retireBoundary(id: id)
    }

    /// Example boundaries to start from (the core's wording).
    public static func boundaryExamples() -> [String] {
        TandemKit.boundaryExamples()
    }

    // MARK: agreements (two signatures, by content hash)

    /// Proposes an agreement; its version 1 counts as accepted by this phone
    /// and waits for the partner.
    @discardableResult
    public func propose(agreement draft: AgreementDraft) throws -> Agreement {
        try open().proposeAgreement(draft: draft)
    }

    /// Suggests a new version built on `parentHash`: the version in effect,
    /// or (before one is) a version that waits. Start from
    /// `AgreementVersion.draft`. Counts as accepted by this phone.
    @discardableResult
    public func amend(agreement id: String, on parentHash: String, draft: AgreementDraft) throws -> Agreement {
        try open().amendAgreement(id: id, parentHash: parentHash, draft: draft)
    }

    /// Accepts exactly the version with content hash `hash` (as shown). A
    /// version superseded meanwhile, or one this phone wrote, throws
    /// `NotAllowedNow`. Re-plan afterwards (`ReminderCoordinator.accept(agreement:version:)`):
    /// a review date of the version now in effect is a reminder.
    @discardableResult
    public func accept(agreement id: String, version hash: String) throws -> Agreement {
        try open().acceptAgreement(id: id, versionHash: hash)
    }

    /// Declines a version waiting for this phone's answer; no reason needed.
    @discardableResult
    public func decline(agreement id: String, version hash: String) throws -> Agreement {
        try open().declineAgreement(id: id, versionHash: hash)
    }

    /// Withdraws consent, alone, at any time, without a reason: the
    /// agreement is `.withdrawn` on both phones once synced. Re-plan
    /// afterwards (`ReminderCoordinator.withdraw(agreement:)`).
    @discardableResult
    public func withdraw(agreement id: String) throws -> Agreement {
        try open().withdrawAgreement(id: id)
    }

    /// Answers an agreement's review: `.keep`, `.amend(draft:)` or `.letGo`
    /// (withdrawn). Re-plan afterwards (`ReminderCoordinator.review(agreement:outcome:)`).
    @discardableResult
    public func review(agreement id: String, outcome: AgreementReview) throws -> Agreement {
        try open().reviewAgreement(id: id, outcome: outcome)
    }

    public func agreements() throws -> [Agreement] {
        try open().agreements()
    }

    /// Every step of agreement `id`, hash-chained; `head` is the same on
    /// both phones for the same ledger.
    public func history(agreement id: String) throws -> AgreementHistory {
        try open().agreementHistory(id: id)
    }

    /// Agreements whose review date has come on the device's clock.
    public func agreementReviewsDue() throws -> [Agreement] {
        try open().agreementReviewsDue(deviceZone: deviceZone())
    }

    /// The agreements screen as the core words it for this phone, times in
    /// the device's zone.
    public func agreementsScreen() throws -> AgreementsScreen {
        try open().agreementsScreen(deviceZone: deviceZone())
    }

    /// The core's check of a ritual form, field by field, with the draft
    /// to send when every field reads well.
    public func check(ritualForm form: RitualForm) throws -> RitualFormCheck {
        try open().checkRitualForm(form: form.input, ritualId: form.changes.id, adjust: form.changes.adjust)
    }

    /// The core's check of an agreement form, field by field, with the
    /// draft to send when every field reads well.
    public func check(agreementForm form: AgreementForm) throws -> AgreementFormCheck {
        try open().checkAgreementForm(form: form.input, agreementId: form.amends.id, parentHash: form.amends.parent)
    }

    // MARK: pauses (a promised return, seen by both)

    /// Starts a pause of `minutes` (20 to 1440; nil: the cool-down of the
    /// pause agreement in effect, else 20) with an optional note (up to 140
    /// characters). Re-plan afterwards (`ReminderCoordinator.startPause`):
    /// its return is a reminder on both phones once synced.
    @discardableResult
    public func startPause(minutes: UInt32? = nil, note: String? = nil) throws -> Pause {
        try open().startPause(minutes: minutes, note: note)
    }

    /// Extends this phone's running pause once by `minutes` (24 hours in
    /// all at most). Re-plan afterwards (`ReminderCoordinator.extend(pause:minutes:)`).
    @discardableResult
    public func extend(pause id: String, minutes: UInt32) throws -> Pause {
        try open().extendPause(id: id, minutes: minutes)
    }

    /// Ends this phone's running pause. Re-plan afterwards
    /// (`ReminderCoordinator.end(pause:)`).
    @discardableResult
    public func end(pause id: String) throws -> Pause {
        try open().endPause(id: id)
    }

    /// Every pause, newest first.
    public func pauses() throws -> [Pause] {
        try open().pauses()
    }

    /// The pause screen as the core decides it, in the device's zone.
    public func pauseScreen() throws -> PauseScreen {
        PauseScreen(model: try open().pauseScreen(deviceZone: deviceZone()))
    }

    /// What pause, extension and "later" buttons offer, as the core decided
    /// them for both phones.
    public func offers() throws -> Offers {
        try open().offers()
    }

    // MARK: check-ins, appreciations, repairs, phrases (shared or private)

    /// A check-in: temperature 1 (calm) to 10 (flooded), capacity, need and
    /// an optional note (up to 500 characters). Private by default: only a
    /// shared one reaches the partner.
    @discardableResult
    public func checkIn(
        temperature: UInt8, capacity: Capacity, need: Need, note: String? = nil, shared: Bool = false
    ) throws -> LogEntry {
        try open().checkIn(temperature: temperature, capacity: capacity, need: need, note: note, shared: shared)
    }

    /// An appreciation (1 to 280 characters), always shared with the partner.
    @discardableResult
    public func appreciate(_ text: String) throws -> LogEntry {
        try open().appreciate(text: text)
    }

    /// A repair attempt; `received`: whether it landed, if known.
    @discardableResult
    public func recordRepair(
        _ act: RepairAct, note: String? = nil, received: Bool? = nil, shared: Bool = false
    ) throws -> LogEntry {
        try open().recordRepair(act: act, note: note, received: received, shared: shared)
    }

    /// Check-ins, appreciations, repairs and own phrases in [fromMs, toMs):
    /// this phone's, and the partner's shared ones (`mine == false`).
    public func entries(fromMs: Int64, toMs: Int64) throws -> [LogEntry] {
        try open().entries(fromMs: fromMs, toMs: toMs)
    }

    /// The phrasebook: the built-in phrases and the couple's own.
    public func phrases() throws -> [Phrase] {
        try open().phrases()
    }

    @discardableResult
    public func addPhrase(_ text: String, for situation: Situation, shared: Bool = false) throws -> LogEntry {
        try open().addPhrase(situation: situation, text: text, shared: shared)
    }

    /// "When X, I feel Y, and I need Z. Would you be open to W?"; an empty
    /// part throws `InvalidInput` naming it.
    public static func iStatement(observation: String, feeling: String, need: String, request: String) throws -> String {
        try TandemKit.iStatement(observation: observation, feeling: feeling, need: need, request: request)
    }

    // MARK: the private pattern log and insights (never leave this phone)

    /// Logs what happened, privately: never synced to the partner.
    @discardableResult
    public func logPattern(_ draft: PatternDraft) throws -> PatternEntry {
        try open().logPattern(draft: draft)
    }

    public func patternLog(fromMs: Int64, toMs: Int64) throws -> [PatternEntry] {
        try open().patternLog(fromMs: fromMs, toMs: toMs)
    }

    public static func suggestedTags() -> [String] {
        TandemKit.suggestedTags()
    }

    /// Insights over the last `weeks` weeks (1 to 520) in the device's zone.
    public func insights(weeks: UInt32 = 8) throws -> Insights {
        try open().insights(weeks: weeks, deviceZone: deviceZone())
    }

    /// The notebook over the last `weeks` weeks (1 to 520): entries from
    /// both partners and the words on rituals marked done, worded and timed
    /// by the core in the device's zone. Render it as it is.
    public func notebook(weeks: UInt32) throws -> Notebook {
        try open().notebook(weeks: weeks, deviceZone: deviceZone())
    }

    /// The notebook screen both apps show: the core's period, in the
    /// device's zone and language.
    public func notebookScreen() throws -> Notebook {
        try open().notebookScreen(deviceZone: deviceZone())
    }

    /// The insights screen as the core words it, in the device's zone.
    public func insightsScreen(weeks: UInt32) throws -> InsightsScreen {
        try open().insightsScreen(weeks: weeks, deviceZone: deviceZone())
    }

    /// The insights screen both apps show: the core's eight weeks.
    public func insightsScreen() throws -> InsightsScreen {
        try open().insightsTab(deviceZone: deviceZone())
    }

    // MARK: reminders (armed through a ReminderCoordinator)

    /// The soonest reminders from now (rituals, trial and agreement reviews,
    /// pause returns), in the device's zone, soonest first. `limit` 0 or above 500 throws `InvalidInput`.
    public func planReminders(limit: UInt32) throws -> [Reminder] {
        try open().planReminders(deviceZone: deviceZone(), limit: limit)
    }

    /// What to cancel and arm so the `armed` ids match the plan under
    /// `access`, in the device's zone (`ReminderCoordinator` runs it).
    public func armReminders(trigger: ReplanTrigger, armed: [String], access: ReminderAccess) throws -> ReminderArming {
        try open().armReminders(deviceZone: deviceZone(), trigger: trigger, armed: armed, access: access)
    }

    /// Brings the reminder of ritual `id`'s occurrence on `date` (its
    /// scheduled date) back in `minutes` (1 to 720), on this phone only;
    /// returns that instant (Unix ms). Re-plan afterwards
    /// (`ReminderCoordinator.snooze` does both).
    @discardableResult
    public func snooze(ritual id: String, date: String, minutes: UInt32) throws -> Int64 {
        try open().snoozeReminder(ritualId: id, date: date, minutes: minutes, deviceZone: deviceZone())
    }

    /// This phone's quiet hours and whether notifications hide their text
    /// (never synced).
    public func reminderSettings() throws -> ReminderSettings {
        try open().reminderSettings()
    }

    /// Quiet hours from a time to the same time throw `InvalidInput`. Re-plan
    /// afterwards (`ReminderCoordinator.setReminderSettings` does both).
    public func setReminderSettings(_ settings: ReminderSettings) throws {
        try open().setReminderSettings(settings: settings)
    }

    // MARK: pairing and sync

    public func pairingStatus() throws -> PairingStatus {
        try open().pairingStatus()
    }

    /// The pairing screen, one core call per step, starting from where the
    /// core has it; times on the device's zone.
    public func pairingFlow() throws -> PairingFlow {
        PairingFlow(tandem: try open(), deviceZone: deviceZone)
    }

    /// Forgets the partner's keys on this phone; the shared rituals stay.
    /// Nothing is sent to the partner; this phone's audit notes it. Guarded
    /// by the app lock (`LockGuard.unpair`). Afterwards `cleanExitScreen()`
    /// offers `stopShared()` and `deletePartnerData()`.
    public func unpair() throws {
        try open().unpair()
    }

    // MARK: the clean exit, after unpairing (this phone alone; NotAllowedNow while paired)

    /// Stops every shared ritual, agreement and pause on this phone (retired
    /// and withdrawn here; their reminders stop: re-plan after). Returns how
    /// many it stopped. Guarded by the app lock (`.cleanExit`).
    @discardableResult
    public func stopShared() throws -> UInt32 {
        try open().stopShared()
    }

    /// Deletes the partner's check-ins, appreciations, repairs, phrases,
    /// boundaries, pauses and marks (with their notes and feelings) from
    /// this phone, keeping this person's own. Returns how many of the
    /// partner's changes went. Guarded by the app lock (`.cleanExit`).
    @discardableResult
    public func deletePartnerData() throws -> UInt32 {
        try open().deletePartnerData()
    }

    /// One clean exit step (offered by `settingsScreen()`): what it did, in words.
    @discardableResult
    public func cleanExit(_ step: CleanExitStep) throws -> CleanExitDone {
        try open().cleanExit(step: step)
    }

    /// The settings as the core words them: the app lock's choices and,
    /// after unpairing, the clean exit.
    public func settingsScreen() throws -> SettingsScreenModel {
        try open().settingsScreen()
    }

    // MARK: the app lock (the core keeps the setting and decides; AppLockController carries it out)

    /// Off on a new install.
    public func appLock() throws -> AppLock {
        try open().appLock()
    }

    /// A grace time past 3600 seconds is `InvalidInput` and changes nothing;
    /// switching shows in the audit.
    public func setAppLock(_ setting: AppLock) throws {
        try open().setAppLock(setting: setting)
    }

    /// Exports everything the partner lacks and hands it to `transport`;
    /// returns the transport's ids. Nothing is lost if sending fails: the
    /// next export carries whatever the partner has not acknowledged.
    @discardableResult
    public func syncOut(through transport: SyncTransport) throws -> [String] {
        try transport.send(open().exportPayloads())
    }

    /// How many changes the partner's phone has not confirmed holding: what
    /// the next `syncOut`/`sendChanges` carries. Personal rituals never
    /// count. It stays the same after a send, until the partner's reply (a
    /// payload from the partner, imported here) acknowledges them. Throws
    /// `NotPaired` before pairing is confirmed on this phone.
    public func changesToSend() throws -> UInt32 {
        try open().changesToSend()
    }

    /// `syncOut` with the count of changes it carried, read just before the
    /// export (0: the files carry only an update, such as what arrived
    /// here or the pairing). `report.result` is the Sync screen's `last`.
    @discardableResult
    public func sendChanges(through transport: SyncTransport) throws -> SyncOutReport {
        let tandem = try open()
        let changes = try tandem.changesToSend()
        return SyncOutReport(changes: Int(changes), ids: try transport.send(tandem.exportPayloads()))
    }

    /// Imports every payload `transport` holds, each on its own (one refused
    /// payload does not stop the others), and reports what each did; the
    /// news read times on the device's clock.
    public func syncIn(through transport: SyncTransport) throws -> SyncInReport {
        let tandem = try open()
        var items: [SyncInItem] = []
        for incoming in try transport.incoming() {
            let outcome: SyncInItem.Outcome
            do {
                outcome = .imported(try tandem.importPayloadIn(
                    payload: incoming.content.get(), deviceZone: deviceZone()))
            } catch {
                outcome = .failed(kind: (error as? TandemError)?.kind, message: Self.message(for: error))
            }
            try transport.finish(incoming.id, outcome: outcome)
            items.append(SyncInItem(id: incoming.id, outcome: outcome))
        }
        return SyncInReport(items: items)
    }

    // MARK: export, import, the visibility mirror and wipe

    /// Everything this phone holds for its person, as a JSON file sealed
    /// with `passphrase` (at least 16 characters or at least 4 words, else
    /// `InvalidInput`). Takes
    /// about a second (Argon2id): call it off the main actor in the app.
    public func export(passphrase: String) throws -> Data {
        try open().exportData(passphrase: passphrase)
    }

    /// The same export, NOT sealed: anyone who gets the file can read every
    /// private boundary, check-in and pattern entry. Only when the person
    /// asks for it explicitly, after a warning.
    public func exportUnsealedReadableByAnyone() throws -> Data {
        try open().exportPlaintext()
    }

    /// Restores an export into this phone's Tandem, which must be empty (a
    /// fresh install: else `NotAllowedNow`); all or nothing. `passphrase`:
    /// nil only for an unsealed export. A wrong passphrase throws
    /// `WrongPassphrase`. The phone takes on the exported device id and
    /// name; pairing is not restored. Returns the changes restored. Re-plan
    /// reminders afterwards.
    @discardableResult
    public func importExport(_ file: Data, passphrase: String?) throws -> UInt64 {
        try open().importData(file: file, passphrase: passphrase)
    }

    /// What the partner's phone holds about this person, grouped by kind
    /// (with the core's caveat on what cannot be recalled), and every
    /// sharing change and everything done with this phone's record (exports,
    /// unpairing, the app lock), newest first: the core's screen, in the
    /// phone's language, times in the device's zone.
    public func visibilityScreen() throws -> VisibilityScreen {
        try open().visibilityScreen(deviceZone: deviceZone())
    }

    /// Destroys this phone's Tandem data (the database files overwritten and
    /// removed), closes the controller (later calls throw `Closed`) and then
    /// deletes the storage key through the `StorageKeyProvider`. If the
    /// core's wipe fails, the key is kept (so whatever is left can still be
    /// opened and wiped again through a new controller) and the error is
    /// rethrown. Cancel the pending reminders too.
    public func wipe() throws {
        let tandem = try open()
        state = .closed
        try tandem.wipe()
        try keys.deleteStorageKey()
    }

    // MARK: launch and recovery

    /// Opens the database and says what the first screen is: `.ready`, the
    /// key-missing recovery screen, or a message (a database saved by a
    /// newer app, a wrong key, storage trouble). Nothing is created, moved
    /// or deleted here. Call it off the main thread (opening takes a moment).
    public func launch() -> LaunchState {
        do {
            try open()
            return .ready
        } catch let missing as StorageKeyMissing {
            _ = missing
            return .keyMissing(message: LaunchState.keyMissingMessage)
        } catch {
            return .failed(kind: (error as? TandemError)?.kind, message: Self.message(for: error))
        }
    }

    /// "Start over" from the key-missing screen, chosen by the person: the
    /// unreadable database (and its -wal/-shm files) is moved aside, never
    /// deleted, to `<path>.unreadable-<ms>`; then a fresh key and an empty
    /// database are made. Returns where the old files went. Throws
    /// `NotAllowedNow` unless the key is really missing for an existing
    /// database (so a working one is never set aside).
    @discardableResult
    public func startOver() throws -> String {
        guard case .notOpened = state else {
            throw TandemError.NotAllowedNow(reason: "start over only before the database is opened")
        }
        let files = FileManager.default
        guard files.fileExists(atPath: databasePath), try keys.readStorageKey() == nil else {
            throw TandemError.NotAllowedNow(reason: "the storage key is not missing")
        }
        let aside = "\(databasePath).unreadable-\(nowMs())"
        for suffix in ["", "-wal", "-shm"] where files.fileExists(atPath: databasePath + suffix) {
            try files.moveItem(atPath: databasePath + suffix, toPath: aside + suffix)
        }
        try open()
        return aside
    }

    /// "Restore from an export" from the key-missing screen (or on a fresh
    /// install): starts over when the key is missing, then imports the
    /// export into the empty database. A wrong passphrase throws
    /// `WrongPassphrase` and leaves the empty database to try again; the
    /// old files stay set aside. Returns the changes restored. Re-plan
    /// reminders afterwards.
    @discardableResult
    public func restore(export file: Data, passphrase: String?) throws -> UInt64 {
        if case .notOpened = state, FileManager.default.fileExists(atPath: databasePath),
           try keys.readStorageKey() == nil {
            try startOver()
        }
        return try importExport(file, passphrase: passphrase)
    }

    /// The app lock over this controller, asking `authenticator`; the time
    /// away is measured on this controller's clock.
    public func lockController(authenticator: UserAuthenticator) -> AppLockController {
        AppLockController(policy: self, authenticator: authenticator, now: { [weak self] in self?.nowMs() ?? 0 })
    }

    public func nowMs() -> Int64 {
        if let clock { return clock.nowMs() }
        return Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// A message for a person; never contains user text.
    public static func message(for error: Error) -> String {
        TandemMessages.message(for: error)
    }
}

extension TandemController: LockPolicy {
    public func lockDue(awayMs: Int64?) throws -> Bool {
        try open().lockDue(awayMs: awayMs)
    }

    public func needsUnlock(for action: GuardedAction) throws -> Bool {
        try open().needsUnlockFor(action: action)
    }
}
