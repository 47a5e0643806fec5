import Foundation

/// The platform's own user authentication: on iOS `LAContext.evaluatePolicy(
/// .deviceOwnerAuthentication)` (Face ID, Touch ID or the passcode); tests
/// use a fake.
public protocol UserAuthenticator: AnyObject {
    /// Asks the person to prove they hold this phone, showing `reason`.
    /// Calls `completion` exactly once, on any thread: true only when they
    /// did; false when it failed, was cancelled, or the phone has no passcode.
    func authenticate(reason: String, completion: @escaping (Bool) -> Void)
}

/// What the lock asks the core (`TandemController` answers: the core
/// decides, the shell carries it out).
public protocol LockPolicy: AnyObject {
    /// Whether to ask before showing anything: `awayMs` in the background,
    /// or nil when the app is starting.
    func lockDue(awayMs: Int64?) throws -> Bool
    /// Whether `action` asks first (always, while the lock is on).
    func needsUnlock(for action: GuardedAction) throws -> Bool
}

/// The actions the lock guards, with what the prompt says.
public enum LockGuard: String, CaseIterable, Sendable {
    case export, plaintextExport, unpair, cleanExit, wipe

    public var action: GuardedAction {
        switch self {
        case .export: return .export
        case .plaintextExport: return .plaintextExport
        case .unpair: return .unpair
        case .cleanExit: return .cleanExit
        case .wipe: return .wipe
        }
    }

    /// The prompt's words (LAContext's `localizedReason`) in the language
    /// of `localeTag`: the core's.
    public func reason(_ localeTag: String) -> String {
        guardReason(action: action, localeTag: localeTag)
    }
}

/// How a guarded action went.
public enum GuardOutcome<Value> {
    /// It ran (after the person proved it was them, or with the lock off).
    case done(Value)
    /// The authentication failed or was cancelled: nothing ran, nothing changed.
    case refused
    /// It ran and threw; the error's message is for a person.
    case failed(Error)

    public var value: Value? {
        if case let .done(value) = self { return value }
        return nil
    }

    public var wasRefused: Bool {
        if case .refused = self { return true }
        return false
    }
}

/// The lock's words, the core's, in the phone's language (the choices come
/// with `TandemController.settingsScreen()`).
public enum LockTexts {
    /// On the privacy cover shown whenever the app is not active: the
    /// product's name, the same in every language.
    public static let cover = "Tandem"
    /// Unlock reason, locked, unlock button, refused, hint.
    public static var words: LockWords { lockWords(localeTag: phoneLanguage()) }
}

/// Carries out the core's app lock. `started` and `foregrounded` ask the
/// authenticator when the core says the lock is due; until the person proves
/// it is them, `isLocked` is true and the app shows no content (only the
/// unlock button, `unlock`). `guarded` asks again before export, plaintext
/// export, unpairing, the clean exit and wiping whenever the core says so;
/// a failed or cancelled authentication runs nothing. While a prompt shows,
/// leaving and coming back changes nothing (the prompt itself makes the
/// scene inactive). `now` is the clock the time away is measured on (Unix ms).
///
/// A core that cannot answer (closed, say) counts as "ask": the lock fails
/// closed, never open. Not thread-safe: call it from one actor (the main
/// one in the app); the authenticator may answer on any thread, and the
/// app hops back.
public final class AppLockController {
    /// Content is hidden: from creation until `started` decides, and while a
    /// due lock is not yet lifted.
    public private(set) var isLocked = true {
        didSet { if isLocked != oldValue { onChange?(isLocked) } }
    }

    /// Called on every change of `isLocked`.
    public var onChange: ((Bool) -> Void)?

    /// Whether `started` ran: the app starts the lock once per launch, not
    /// once per scene or view.
    public private(set) var hasStarted = false

    private let policy: LockPolicy
    private let authenticator: UserAuthenticator
    private let now: () -> Int64
    private var asking = false
    private var leftAtMs: Int64?

    /// The phone's language now: the prompts are worded in it.
    private let language: () -> String

    public init(policy: LockPolicy, authenticator: UserAuthenticator, now: @escaping () -> Int64,
                language: @escaping () -> String = phoneLanguage) {
        self.policy = policy
        self.authenticator = authenticator
        self.now = now
        self.language = language
    }

    /// The app started (or Tandem just opened): asks when the lock is on.
    /// `completion` gets whether the content may show.
    public func started(_ completion: @escaping (Bool) -> Void = { _ in }) {
        hasStarted = true
        decide(due(awayMs: nil), completion)
    }

    /// The app went to the background: the time away starts now. Ignored
    /// while a prompt is showing.
    public func backgrounded() {
        if !asking { leftAtMs = now() }
    }

    /// The app came back: asks when the time away calls for it (or when it
    /// was still locked). Ignored while a prompt shows and when the app
    /// never went to the background (`started` covers a start).
    public func foregrounded(_ completion: @escaping (Bool) -> Void = { _ in }) {
        guard !asking, let left = leftAtMs else { return completion(!isLocked) }
        leftAtMs = nil
        decide(isLocked || due(awayMs: now() - left), completion)
    }

    /// The unlock button while locked: asks again.
    public func unlock(_ completion: @escaping (Bool) -> Void = { _ in }) {
        if isLocked { ask(completion) } else { completion(true) }
    }

    /// Runs `work` if the person may: at once when the lock does not guard
    /// `guard`, else only after the authenticator says yes. `completion`
    /// gets `.done` with its value, `.refused` (nothing ran) or `.failed`
    /// with what `work` threw. `work` runs on the thread of the answer.
    public func guarded<Value>(_ guard: LockGuard, _ work: @escaping () throws -> Value,
                               completion: @escaping (GuardOutcome<Value>) -> Void) {
        let needed = (try? policy.needsUnlock(for: `guard`.action)) ?? true
        let run = {
            do { completion(.done(try work())) } catch { completion(.failed(error)) }
        }
        guard needed else { return run() }
        authenticator.authenticate(reason: `guard`.reason(language())) { ok in
            if ok { run() } else { completion(.refused) }
        }
    }

    private func due(awayMs: Int64?) -> Bool {
        (try? policy.lockDue(awayMs: awayMs)) ?? true
    }

    private func decide(_ due: Bool, _ completion: @escaping (Bool) -> Void) {
        if due {
            isLocked = true
            ask(completion)
        } else {
            isLocked = false
            completion(true)
        }
    }

    private func ask(_ completion: @escaping (Bool) -> Void) {
        guard !asking else { return completion(false) }
        asking = true
        authenticator.authenticate(reason: lockWords(localeTag: language()).unlockReason) { ok in
            self.asking = false
            if ok { self.isLocked = false }
            completion(ok)
        }
    }
}
