import Foundation
import Security
import TandemKit

/// The database key in the Keychain, readable after the first unlock since
/// boot, never synced or restored to another device
/// (kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly). It only stores bytes:
/// TandemKit's controller makes the key (the core's generateStorageKey) and
/// decides when one may be made; a missing key over an existing database is
/// the controller's `.keyMissing` screen, never a new key here.
final class KeychainKeyProvider: StorageKeyProvider {
    struct KeychainError: Error { let status: OSStatus }

    private let service: String
    private let account = "storage-key"

    init(service: String = "app.tandem.storage-key") {
        self.service = service
    }

    private var query: [String: Any] {
        [kSecClass as String: kSecClassGenericPassword,
         kSecAttrService as String: service,
         kSecAttrAccount as String: account]
    }

    func readStorageKey() throws -> Data? {
        var q = query
        q[kSecReturnData as String] = true
        q[kSecMatchLimit as String] = kSecMatchLimitOne
        var item: CFTypeRef?
        let status = SecItemCopyMatching(q as CFDictionary, &item)
        switch status {
        case errSecSuccess: return item as? Data
        case errSecItemNotFound: return nil
        default: throw KeychainError(status: status)  // e.g. errSecInteractionNotAllowed before first unlock
        }
    }

    /// Add, or update in place when an item is there (TandemKit's
    /// KeychainSave): never delete first, which could lose the only key.
    func saveStorageKey(_ key: Data) throws {
        var q = query
        q[kSecValueData as String] = key
        q[kSecAttrAccessible as String] = kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly
        let status = KeychainSave.save(
            add: { SecItemAdd(q as CFDictionary, nil) },
            update: { SecItemUpdate(self.query as CFDictionary, [kSecValueData as String: key] as CFDictionary) })
        guard status == errSecSuccess else { throw KeychainError(status: status) }
    }

    func deleteStorageKey() throws {
        let status = SecItemDelete(query as CFDictionary)
        guard status == errSecSuccess || status == errSecItemNotFound else { throw KeychainError(status: status) }
    }
}
