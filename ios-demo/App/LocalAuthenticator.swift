import Foundation
import LocalAuthentication
import Security
import TandemKit

/// TandemKit's `UserAuthenticator` over LocalAuthentication:
/// `LAContext.evaluatePolicy(.deviceOwnerAuthentication)` (Face ID, Touch ID
/// or the passcode), then a read, with that same context, of a Keychain item
/// protected by `SecAccessControl` with `.userPresence`. The unlock counts
/// only when the Keychain accepted the authentication, not just a callback.
///
/// That item is NOT the storage key: KeychainKeyProvider keeps the database
/// key readable after the first unlock, because background refresh re-plans
/// reminders with nobody there. This item holds only a marker; when it is
/// gone (the passcode was removed) no data is lost: it is made again.
/// Answers on `answerOn` (AppModel's core queue), where TandemKit's lock runs.
final class LocalAuthenticator: UserAuthenticator {
    private let answerOn: DispatchQueue
    private let service = "app.tandem.app-lock"

    init(answerOn: DispatchQueue) {
        self.answerOn = answerOn
    }

    func authenticate(reason: String, completion: @escaping (Bool) -> Void) {
        let context = LAContext()
        var unavailable: NSError?
        guard context.canEvaluatePolicy(.deviceOwnerAuthentication, error: &unavailable) else {
            answerOn.async { completion(false) }  // no passcode: the lock's hint says to set one
            return
        }
        addItemIfMissing()
        context.evaluatePolicy(.deviceOwnerAuthentication, localizedReason: reason) { ok, _ in
            // A cancel, a failure or a lockout: nothing is done.
            let proven = ok && self.readItem(with: context)
            self.answerOn.async { completion(proven) }
        }
    }

    private var query: [String: Any] {
        [kSecClass as String: kSecClassGenericPassword,
         kSecAttrService as String: service,
         kSecAttrAccount as String: "unlock"]
    }

    private func addItemIfMissing() {
        guard let access = SecAccessControlCreateWithFlags(
            nil, kSecAttrAccessibleWhenPasscodeSetThisDeviceOnly, .userPresence, nil) else { return }
        var add = query
        add[kSecValueData as String] = Data("tandem-unlock".utf8)
        add[kSecAttrAccessControl as String] = access
        _ = SecItemAdd(add as CFDictionary, nil)  // errSecDuplicateItem when it is there: fine
    }

    /// Reads the item with the context just evaluated; never shows a second prompt.
    private func readItem(with context: LAContext) -> Bool {
        context.interactionNotAllowed = true
        var read = query
        read[kSecReturnData as String] = true
        read[kSecUseAuthenticationContext as String] = context
        var item: CFTypeRef?
        return SecItemCopyMatching(read as CFDictionary, &item) == errSecSuccess && item is Data
    }
}
