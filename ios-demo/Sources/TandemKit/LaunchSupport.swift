import Foundation

/// Re-plans asked for before the core is open wait for it instead of being
/// dropped. On a cold background launch the refresh task's handler runs
/// before `start()` has opened the database; a re-plan that returned then
/// (and let the task complete) did nothing. `request` says whether to run
/// now; otherwise the trigger and its completion wait for `launched`, which
/// hands them back to run once open, or completes them when the launch
/// failed (a task must always be completed, but only after the work).
public final class ReplanGate {
    public typealias Completion = () -> Void
    public private(set) var isOpen = false
    private var waiting: [(trigger: ReplanTrigger, finished: Completion?)] = []
    private let lock = NSLock()

    public init() {}

    /// True: open, re-plan now. False: it waits for `launched`.
    public func request(_ trigger: ReplanTrigger, finished: Completion? = nil) -> Bool {
        lock.lock(); defer { lock.unlock() }
        if isOpen { return true }
        waiting.append((trigger, finished))
        return false
    }

    /// The launch ended. Open: the waiting triggers (each once, in the order
    /// first asked) with all their completions, to run after those re-plans.
    /// Not open: every completion runs now and nothing is to be re-planned.
    public func launched(open: Bool) -> (triggers: [ReplanTrigger], finished: [Completion]) {
        lock.lock()
        let held = waiting
        waiting = []
        isOpen = open
        lock.unlock()
        let completions = held.compactMap { $0.finished }
        guard open else {
            completions.forEach { $0() }
            return ([], [])
        }
        var seen = Set<ReplanTrigger>()
        return (held.map { $0.trigger }.filter { seen.insert($0).inserted }, completions)
    }
}

/// Notices a device zone change that happened while the app was not
/// running (no NSSystemTimeZoneDidChange then): the zone of the last
/// re-plan is kept in `store`; at launch a different zone asks for
/// `.zoneChanged`, so reminders move to the new zone's wall time at
/// the first launch or background refresh after the change.
public struct ZoneWatch {
    public static let key = "tandem.lastPlannedZone"
    private let store: UserDefaults

    public init(store: UserDefaults = .standard) {
        self.store = store
    }

    /// `.zoneChanged` when `zone` differs from the zone last planned in (none recorded: nil).
    public func triggerAtLaunch(zone: String) -> ReplanTrigger? {
        guard let last = store.string(forKey: Self.key), last != zone else { return nil }
        return .zoneChanged
    }

    /// Records the zone a re-plan used.
    public func planned(in zone: String) {
        store.set(zone, forKey: Self.key)
    }
}

/// Saving the storage key in the Keychain: add, and when an item is already
/// there update it in place. Never delete first: a failure (or the process
/// dying) between a delete and an add would lose the only copy of the key,
/// and with it every bit of data. Statuses are OSStatus values.
public enum KeychainSave {
    public static let success: Int32 = 0  // errSecSuccess
    public static let duplicateItem: Int32 = -25299  // errSecDuplicateItem

    public static func save(add: () -> Int32, update: () -> Int32) -> Int32 {
        let status = add()
        return status == duplicateItem ? update() : status
    }
}
