import Foundation

/// Where the 32-byte database key lives. On iOS the app backs this with the
/// Keychain (kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly); tests and
/// demos use `InMemoryStorageKeyProvider`.
public protocol StorageKeyProvider: AnyObject {
    /// Returns the stored key, creating and storing a fresh one
    /// (`generateStorageKey()`) when there is none yet.
    func storageKey() throws -> Data
}

/// Keeps the key in memory: for tests, previews and demos only.
public final class InMemoryStorageKeyProvider: StorageKeyProvider {
    private var key: Data?

    public init(key: Data? = nil) {
        self.key = key
    }

    public func storageKey() throws -> Data {
        if let key { return key }
        let fresh = try generateStorageKey()
        key = fresh
        return fresh
    }
}
