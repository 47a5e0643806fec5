import Foundation

/// Where the 32-byte database key lives: the Keychain in the app
/// (kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly). A provider only stores
/// bytes: the core makes the key, and `TandemController` decides when a new
/// one may be made (never while a database exists).
public protocol StorageKeyProvider: AnyObject {
    /// The stored key, or nil when there is none.
    func readStorageKey() throws -> Data?
    /// Replaces any stored key.
    func saveStorageKey(_ key: Data) throws
    /// After a wipe; deleting a key that is not there is fine.
    func deleteStorageKey() throws
}

/// A database exists but the key store has no key for it (a phone restored
/// from a backup, a Keychain reset): nothing is created and the database is
/// left untouched; the person chooses to restore or start over.
public struct StorageKeyMissing: Error, Equatable {
    public let databasePath: String
}
