import Foundation
import SwiftUI
import TandemKit

/// The app lock for the app: TandemKit's `AppLockController` decides when
/// to ask (the core's `lockDue` and `needsUnlock`), `LocalAuthenticator`
/// asks; this runs both on AppModel's core queue and publishes `isLocked`
/// for the privacy cover. It decides nothing itself.
@MainActor
final class LockModel: ObservableObject {
    @Published private(set) var isLocked = true
    private unowned let model: AppModel
    private let lock: AppLockController

    init(model: AppModel) {
        self.model = model
        lock = model.controller.lockController(authenticator: LocalAuthenticator(answerOn: model.queue))
        lock.onChange = { [weak self] locked in Task { @MainActor in self?.isLocked = locked } }
    }

    /// Once per launch, when Tandem is open.
    func started() { model.queue.async { [lock] in if !lock.hasStarted { lock.started() } } }
    func backgrounded() { model.queue.async { [lock] in lock.backgrounded() } }
    func foregrounded() { model.queue.async { [lock] in lock.foregrounded() } }
    func unlock() { model.queue.async { [lock] in lock.unlock() } }

    /// A guarded action (export, plaintext export, unpairing, a clean exit
    /// step, wiping) on the core's queue: asks first when the core says so;
    /// a refused prompt does nothing and says so. Re-plans after it ran.
    func guarded<T>(_ guard: LockGuard, _ work: @escaping () throws -> T,
                    done: @escaping @MainActor (T) -> Void = { _ in }) {
        let model = self.model
        model.queue.async { [lock] in
            lock.guarded(`guard`, work) { outcome in
                Task { @MainActor in
                    switch outcome {
                    case let .done(value): model.error = nil; done(value); model.replan(.afterLocalChange)
                    case .refused: model.error = LockTexts.words.refused
                    case let .failed(error): model.error = TandemMessages.message(for: error)
                    }
                }
            }
        }
    }
}

/// Covers everything whenever the scene is not active (the app switcher's
/// snapshot shows nothing) and while the lock is due; then offers to unlock.
struct PrivacyCover: View {
    @EnvironmentObject var model: AppModel
    @EnvironmentObject var lock: LockModel
    @Environment(\.scenePhase) private var phase

    var body: some View {
        let locked = lock.isLocked && model.launch == .ready
        if phase != .active || locked {
            ZStack {
                Rectangle().fill(.background).ignoresSafeArea()
                VStack(spacing: 16) {
                    Text(LockTexts.cover).font(.largeTitle)
                    if locked && phase == .active {
                        let words = LockTexts.words
                        Text(words.locked)
                        Button(words.unlockButton) { lock.unlock() }.buttonStyle(.borderedProminent)
                        Text(words.hint).font(.footnote).multilineTextAlignment(.center)
                    }
                }
                .padding()
            }
        }
    }
}
