import Foundation

/// Re-plans asked for before the core is open wait for it instead of being
/// dropped: on a cold background launch the refresh task's handler runs
/// before the database is open, and a task must be completed only after the
/// work (or at once when the launch failed).
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

    /// Open: the waiting triggers (each once, first asked first) and their
    /// completions, to run after those re-plans. Not open: every completion
    /// runs now.
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

/// Notices a zone change while the app was not running (no
/// NSSystemTimeZoneDidChange then): the zone of the last re-plan is kept in
/// `store`; at launch a different one asks for `.zoneChanged`.
public struct ZoneWatch {
    public static let key = "tandem.lastPlannedZone"
    private let store: UserDefaults

    public init(store: UserDefaults = .standard) {
        self.store = store
    }

    public func triggerAtLaunch(zone: String) -> ReplanTrigger? {
        guard let last = store.string(forKey: Self.key), last != zone else { return nil }
        return .zoneChanged
    }

    public func planned(in zone: String) {
        store.set(zone, forKey: Self.key)
    }
}

/// Saving the storage key in the Keychain: add, and when an item is already
/// there update it in place. Never delete first: dying between a delete and
/// an add would lose the only copy of the key. Statuses are OSStatus values.
public enum KeychainSave {
    public static let success: Int32 = 0  // errSecSuccess
    public static let duplicateItem: Int32 = -25299  // errSecDuplicateItem

    public static func save(add: () -> Int32, update: () -> Int32) -> Int32 {
        let status = add()
        return status == duplicateItem ? update() : status
    }
}
