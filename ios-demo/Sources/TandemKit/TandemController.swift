import Foundation

/// The shell's entry point to the core: opens the database once (with the key
/// from a `StorageKeyProvider`), hands out the screens the app draws, and
/// closes explicitly. Everything else is a call on the generated `Tandem`
/// (`open()`). Not thread-safe: use it from one queue.
public final class TandemController {
    public let databasePath: String

    private let keys: StorageKeyProvider
    /// Used only when the database does not exist yet (a renamed device keeps its name).
    private let newDeviceName: String
    private let clock: ManualClock?
    /// Read on every call: the zone changes when the person travels.
    let deviceZone: () -> String
    private let language: () -> String
    private var state: State = .notOpened

    private enum State {
        case notOpened
        case open(Tandem)
        case closed
    }

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

    /// The phone's language changed (`NSLocale.currentLocaleDidChangeNotification`).
    /// A tag the core refuses reads as English.
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

    /// Later calls throw `TandemError.Closed`. Closing twice, or before opening, is fine.
    public func close() throws {
        let previous = state
        state = .closed
        if case let .open(tandem) = previous {
            try tandem.close()
        }
    }

    // MARK: the screens, in the device's zone and the phone's language

    public func todayScreen() throws -> TodayScreen { try open().todayScreen(deviceZone: deviceZone()) }
    /// The 20 rituals that ended most recently (`showAll` offers the rest), or with `all` every one.
    public func ritualsScreen(all: Bool = false) throws -> RitualsScreen {
        let (tandem, zone) = (try open(), deviceZone())
        return try all ? tandem.ritualsScreenAll(deviceZone: zone) : tandem.ritualsScreen(deviceZone: zone)
    }
    public func agreementsScreen() throws -> AgreementsScreen { try open().agreementsScreen(deviceZone: deviceZone()) }
    public func boundariesScreen() throws -> BoundariesScreen { try open().boundariesScreen(deviceZone: deviceZone()) }
    /// Ritual `id`'s own screen (a row's id on the rituals screen).
    public func ritualScreen(_ id: String) throws -> RitualScreen { try open().ritualScreen(id: id, deviceZone: deviceZone()) }
    public func checkInScreen() throws -> CheckInScreen { try open().checkInScreen(deviceZone: deviceZone()) }
    public func insightsScreen() throws -> InsightsScreen { try open().insightsTab(deviceZone: deviceZone()) }
    public func notebookScreen() throws -> Notebook { try open().notebookScreen(deviceZone: deviceZone()) }
    /// The newest rows of each kind (`showAll` offers the rest), or with `all` everything.
    public func visibilityScreen(all: Bool = false) throws -> VisibilityScreen {
        let (tandem, zone) = (try open(), deviceZone())
        return try all ? tandem.visibilityScreenAll(deviceZone: zone) : tandem.visibilityScreen(deviceZone: zone)
    }
    public func settingsScreen() throws -> SettingsScreenModel { try open().settingsScreen() }

    public func pauseScreen() throws -> PauseScreen {
        try open().pauseScreen(deviceZone: deviceZone())
    }

    /// `last` is kept by the app between taps; before pairing the core says "Pair first".
    public func syncScreen(inbox: FileSyncTransport, last: SyncResult? = nil) throws -> SyncScreen {
        let waiting = UInt32(clamping: try inbox.waiting().count)
        return try open().syncScreen(waitingFiles: waiting, last: last?.core)
    }

    public func pairingFlow() throws -> PairingFlow {
        PairingFlow(tandem: try open(), deviceZone: deviceZone)
    }

    /// The form a button opens (its `opens`), as the core fills it in.
    public func openForm(_ request: FormRequest) throws -> OpenForm {
        OpenForm(request: request, model: try open().openForm(request: request))
    }

    /// Guarded by the app lock (`.cleanExit`).
    @discardableResult
    public func cleanExit(_ step: CleanExitStep) throws -> CleanExitDone {
        try open().cleanExit(step: step)
    }

    public func setAppLock(_ setting: AppLock) throws {
        try open().setAppLock(setting: setting)
    }

    // MARK: sync over a transport

    /// Exports everything the partner lacks and hands it to `transport`, with
    /// the count of changes read just before (`report.result` is the Sync
    /// screen's `last`). Nothing is lost if sending fails: the next export
    /// carries whatever the partner has not acknowledged.
    @discardableResult
    public func sendChanges(through transport: SyncTransport) throws -> SyncOutReport {
        let tandem = try open()
        let changes = try tandem.changesToSend()
        return SyncOutReport(changes: Int(changes), ids: try transport.send(tandem.exportPayloads()))
    }

    /// Imports every payload `transport` holds, each on its own (one refused
    /// payload does not stop the others), and reports what each did.
    public func syncIn(through transport: SyncTransport) throws -> SyncInReport {
        let tandem = try open()
        var items: [SyncInItem] = []
        for incoming in try transport.incoming() {
            let outcome: SyncInItem.Outcome
            do {
                outcome = .imported(try tandem.importPayloadIn(
                    payload: incoming.content.get(), deviceZone: deviceZone()))
            } catch {
                outcome = .failed(kind: (error as? TandemError)?.kind, message: TandemMessages.message(for: error))
            }
            try transport.finish(incoming.id, outcome: outcome)
            items.append(SyncInItem(id: incoming.id, outcome: outcome))
        }
        return SyncInReport(items: items)
    }

    // MARK: wipe, launch and recovery (the key store is the platform's)

    /// The core's wipe, then the storage key goes. If the wipe fails, the key
    /// is kept (whatever is left can still be opened and wiped again) and the
    /// error is rethrown. Later calls throw `Closed`.
    public func wipe() throws {
        let tandem = try open()
        state = .closed
        try tandem.wipe()
        try keys.deleteStorageKey()
    }

    /// Opens the database and says what the first screen is. Nothing is
    /// created, moved or deleted here. Call it off the main thread.
    public func launch() -> LaunchState {
        do {
            try open()
            return .ready
        } catch is StorageKeyMissing {
            return .keyMissing(message: LaunchState.keyMissingMessage)
        } catch {
            return .failed(kind: (error as? TandemError)?.kind, message: TandemMessages.message(for: error))
        }
    }

    /// "Start over", chosen by the person: the unreadable database (and its
    /// -wal/-shm files) is moved aside, never deleted, to
    /// `<path>.unreadable-<ms>`; then a fresh key and an empty database are
    /// made. Returns where the old files went. `NotAllowedNow` unless the key
    /// is really missing for an existing database.
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

    /// "Restore from an export": starts over when the key is missing, then
    /// imports into the empty database (a wrong passphrase leaves it empty to
    /// try again). Returns the changes restored; re-plan afterwards.
    @discardableResult
    public func restore(export file: Data, passphrase: String?) throws -> UInt64 {
        if case .notOpened = state, FileManager.default.fileExists(atPath: databasePath),
           try keys.readStorageKey() == nil {
            try startOver()
        }
        return try open().importData(file: file, passphrase: passphrase)
    }

    /// The app lock over this controller; the time away is measured on its clock.
    public func lockController(authenticator: UserAuthenticator) -> AppLockController {
        AppLockController(controller: self, authenticator: authenticator, now: { [weak self] in self?.nowMs() ?? 0 })
    }

    public func nowMs() -> Int64 {
        if let clock { return clock.nowMs() }
        return Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}
