import Foundation

/// The platform's own user authentication: on iOS `LAContext.evaluatePolicy(
/// .deviceOwnerAuthentication)`; tests use a fake.
public protocol UserAuthenticator: AnyObject {
    /// Calls `completion` exactly once, on any thread: true only when the
    /// person proved they hold this phone (false: failed, cancelled, no passcode).
    func authenticate(reason: String, completion: @escaping (Bool) -> Void)
}

/// The actions the lock guards are the core's.
public typealias LockGuard = GuardedAction

/// How a guarded action went: it ran, the authentication failed or was
/// cancelled (nothing ran), or it ran and threw.
public enum GuardOutcome<Value> {
    case done(Value)
    case refused
    case failed(Error)
}

/// The lock's words, the core's, in the phone's language.
public enum LockTexts {
    /// On the privacy cover: the product's name, the same in every language.
    public static let cover = "Tandem"
    public static var words: LockWords { lockWords(localeTag: phoneLanguage()) }
}

/// Carries out the core's app lock (`lockDue`, `needsUnlockFor`): until the
/// person proves it is them, `isLocked` is true and the app shows no content.
/// While a prompt shows, leaving and coming back changes nothing (the prompt
/// itself makes the scene inactive). A core that cannot answer counts as
/// "ask": the lock fails closed. Not thread-safe: call it from one queue;
/// the authenticator may answer on any thread.
public final class AppLockController {
    /// From creation until `started` decides, and while a due lock is not lifted.
    public private(set) var isLocked = true {
        didSet { if isLocked != oldValue { onChange?(isLocked) } }
    }

    public var onChange: ((Bool) -> Void)?

    /// The app starts the lock once per launch, not once per scene or view.
    public private(set) var hasStarted = false

    private let controller: TandemController
    private let authenticator: UserAuthenticator
    private let now: () -> Int64
    private let language: () -> String
    private var asking = false
    private var leftAtMs: Int64?

    init(controller: TandemController, authenticator: UserAuthenticator, now: @escaping () -> Int64,
         language: @escaping () -> String = phoneLanguage) {
        self.controller = controller
        self.authenticator = authenticator
        self.now = now
        self.language = language
    }

    /// Tandem just opened. `completion` gets whether the content may show.
    public func started(_ completion: @escaping (Bool) -> Void = { _ in }) {
        hasStarted = true
        decide(due(awayMs: nil), completion)
    }

    /// The time away starts now (not while a prompt shows).
    public func backgrounded() {
        if !asking { leftAtMs = now() }
    }

    /// Asks when the time away calls for it (or when still locked). Ignored
    /// while a prompt shows and when the app never went to the background.
    public func foregrounded(_ completion: @escaping (Bool) -> Void = { _ in }) {
        guard !asking, let left = leftAtMs else { return completion(!isLocked) }
        leftAtMs = nil
        decide(isLocked || due(awayMs: now() - left), completion)
    }

    /// The unlock button while locked.
    public func unlock(_ completion: @escaping (Bool) -> Void = { _ in }) {
        if isLocked { ask(completion) } else { completion(true) }
    }

    /// Runs `work` at once when the core does not guard `guard`, else only
    /// after the authenticator says yes; `work` runs on the answer's thread.
    public func guarded<Value>(_ guard: LockGuard, _ work: @escaping () throws -> Value,
                               completion: @escaping (GuardOutcome<Value>) -> Void) {
        let needed = (try? controller.open().needsUnlockFor(action: `guard`)) ?? true
        let run = {
            do { completion(.done(try work())) } catch { completion(.failed(error)) }
        }
        guard needed else { return run() }
        authenticator.authenticate(reason: guardReason(action: `guard`, localeTag: language())) { ok in
            if ok { run() } else { completion(.refused) }
        }
    }

    private func due(awayMs: Int64?) -> Bool {
        (try? controller.open().lockDue(awayMs: awayMs)) ?? true
    }

    private func decide(_ due: Bool, _ completion: @escaping (Bool) -> Void) {
        isLocked = due
        if due { ask(completion) } else { completion(true) }
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
