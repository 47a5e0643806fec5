import Foundation

/// Where the 32-byte database key lives. On iOS the app backs this with the
/// Keychain (kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly); tests and
/// demos use `InMemoryStorageKeyProvider`. A provider only stores bytes: the
/// key is made by the core (`generateStorageKey()`), and only
/// `TandemController` decides when a new one may be made (never while a
/// database exists: see `TandemController.launch()`).
public protocol StorageKeyProvider: AnyObject {
    /// The stored key, or nil when there is none.
    func readStorageKey() throws -> Data?

    /// Stores `key`, replacing any stored one.
    func saveStorageKey(_ key: Data) throws

    /// Deletes the stored key (after a wipe). Deleting a key that is not
    /// there is fine.
    func deleteStorageKey() throws
}

extension StorageKeyProvider {
    /// The stored key, or a fresh one (`generateStorageKey()`) stored now.
    /// For a new install only: `TandemController` never calls this while a
    /// database exists.
    public func storageKey() throws -> Data {
        if let key = try readStorageKey() { return key }
        let fresh = try generateStorageKey()
        try saveStorageKey(fresh)
        return fresh
    }
}

/// Thrown by `TandemController.open()` when a database exists but the key
/// store has no key for it (a phone restored from a backup, a Keychain
/// reset). Nothing is created and the database is left untouched; the
/// person chooses `restore(export:passphrase:)` or `startOver()`.
public struct StorageKeyMissing: Error, Equatable {
    public let databasePath: String

    public init(databasePath: String) {
        self.databasePath = databasePath
    }
}

/// Keeps the key in memory: for tests, previews and demos only.
public final class InMemoryStorageKeyProvider: StorageKeyProvider {
    private var key: Data?

    public init(key: Data? = nil) {
        self.key = key
    }

    /// Whether a key is stored now (without creating one).
    public var hasKey: Bool { key != nil }

    public func readStorageKey() throws -> Data? {
        key
    }

    public func saveStorageKey(_ key: Data) throws {
        self.key = key
    }

    public func deleteStorageKey() throws {
        key = nil
    }
}
