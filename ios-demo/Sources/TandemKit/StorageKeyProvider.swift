import Foundation

/// Where the 32-byte database key lives. On iOS the app backs this with the
/// Keychain (kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly); tests and
/// demos use `InMemoryStorageKeyProvider`.
public protocol StorageKeyProvider: AnyObject {
    /// Returns the stored key, creating and storing a fresh one
    /// (`generateStorageKey()`) when there is none yet.
    func storageKey() throws -> Data

    /// Deletes the stored key (after a wipe). Deleting a key that is not
    /// there is fine; the next `storageKey()` makes a fresh one.
    func deleteStorageKey() throws
}

/// Keeps the key in memory: for tests, previews and demos only.
public final class InMemoryStorageKeyProvider: StorageKeyProvider {
    private var key: Data?

    public init(key: Data? = nil) {
        self.key = key
    }

    /// Whether a key is stored now (without creating one).
    public var hasKey: Bool { key != nil }

    public func storageKey() throws -> Data {
        if let key { return key }
        let fresh = try generateStorageKey()
        key = fresh
        return fresh
    }

    public func deleteStorageKey() throws {
        key = nil
    }
}
