import Foundation

/// The pairing screen: each step is one core call (`pairingAct`) returning
/// the screen to show next, and this holds the last one. The core decides
/// everything (what a scanned code is, expiry, the buttons, what a refused
/// step says); only a screen that cannot be read at all is `.failed`. The
/// camera is the app's: `.scanPartnersCode` opens it, and what it reads goes
/// to `scanned(_:)`. Not thread-safe: use it from one queue.
public final class PairingFlow {
    public enum State: Equatable {
        case shown(PairingScreenModel)
        /// The message is for a person.
        case failed(message: String)
    }

    public private(set) var state: State {
        didSet { if state != oldValue { onChange?(state) } }
    }

    public var onChange: ((State) -> Void)?

    private let tandem: TandemProtocol
    private let deviceZone: () -> String

    /// Starts from the screen as the core has it (after a restart too).
    public init(tandem: TandemProtocol, deviceZone: @escaping () -> String = { TimeZone.current.identifier }) {
        self.tandem = tandem
        self.deviceZone = deviceZone
        self.state = .failed(message: "")
        refresh()
    }

    /// On a timer while a code is shown, after a sync (the partner's name arrives).
    public func refresh() {
        run { try tandem.pairingScreen(deviceZone: deviceZone()) }
    }

    /// A button's step; `.scanPartnersCode` (the camera) changes nothing here,
    /// `.unpair` runs through the app lock.
    public func press(_ action: PairingActionKind) {
        guard let step = Self.step(for: action) else { return }
        run { try tandem.pairingAct(step: step, deviceZone: deviceZone()) }
    }

    public func scanned(_ text: String) {
        run { try tandem.pairingAct(step: .scanned(text: text), deviceZone: deviceZone()) }
    }

    public static func step(for action: PairingActionKind) -> PairingStep? {
        switch action {
        case .showMyCode: return .start
        case .scanPartnersCode: return nil
        case .theyMatch: return .confirm
        case .theyDiffer: return .reject
        case .checkCode: return .check
        case .cancel: return .cancel
        case .unpair: return .unpair
        }
    }

    private func run(_ call: () throws -> PairingScreenModel) {
        do {
            state = .shown(try call())
        } catch {
            state = .failed(message: TandemMessages.message(for: error))
        }
    }
}

extension QrCode {
    /// Whether the module at `row`, `column` (0-based, no quiet zone) is dark.
    public func isDark(row: Int, column: Int) -> Bool {
        let side = Int(size)
        guard (0..<side).contains(row), (0..<side).contains(column) else { return false }
        return modules[modules.startIndex + row * side + column] == 1
    }
}
