import Foundation

/// The pairing screen as the core decides and words it: each step is one
/// core call (`pairingAct`) returning the screen to show next
/// (`PairingScreenModel`: stage, heading, instruction, the code to show, the
/// digits, "Good until 21:12", "Paired with Ben", the key line, the
/// camera's words, a notice and the buttons with their labels), and this
/// holds the last one.
///
/// The core decides everything: what a scanned code is (the partner's answer
/// to this phone's code, or the partner's code to answer), expiry, which
/// buttons a stage offers, what a refused step says (the screen comes back
/// with its `notice`, nothing lost), that a step the screen does not offer
/// changes nothing. Only a screen that cannot be read at all (Tandem closed,
/// storage) is `.failed`. The camera is the app's: `.scanPartnersCode`
/// opens it, and what it reads goes to `scanned(_:)`. Not thread-safe: use
/// it from one queue (the core's in the app).
public final class PairingFlow {
    public enum State: Equatable {
        case shown(PairingScreenModel)
        /// The screen could not be read; the message is for a person.
        case failed(message: String)
    }

    public private(set) var state: State {
        didSet { if state != oldValue { onChange?(state) } }
    }

    /// Called after every change of `state`.
    public var onChange: ((State) -> Void)?

    /// The core's screen, when it could be read.
    public var model: PairingScreenModel? {
        if case let .shown(m) = state { return m }
        return nil
    }

    private let tandem: TandemProtocol
    private let deviceZone: () -> String

    /// Starts from the screen as the core has it (after a restart: the code
    /// still shown, the digits still to compare, or the pair).
    public init(tandem: TandemProtocol, deviceZone: @escaping () -> String = { TimeZone.current.identifier }) {
        self.tandem = tandem
        self.deviceZone = deviceZone
        self.state = .failed(message: "")
        refresh()
    }

    /// Reads the screen again: on a timer while a code is shown, after a
    /// sync (the partner's name arrives with their first file).
    public func refresh() {
        run { try tandem.pairingScreen(deviceZone: deviceZone()) }
    }

    /// A button's step. `.scanPartnersCode` is the app's (it opens the
    /// camera) and changes nothing here; `.unpair` runs through the app
    /// lock (`.unpair`).
    public func press(_ action: PairingActionKind) {
        guard let step = Self.step(for: action) else { return }
        run { try tandem.pairingAct(step: step, deviceZone: deviceZone()) }
    }

    /// The camera read `text`; the core decides what it is.
    public func scanned(_ text: String) {
        run { try tandem.pairingAct(step: .scanned(text: text), deviceZone: deviceZone()) }
    }

    /// The core step a button takes; nil for `.scanPartnersCode`.
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
    /// Whether the module at `row`, `column` (0-based, without the quiet
    /// zone) is dark; outside the code: false. For drawing the code.
    public func isDark(row: Int, column: Int) -> Bool {
        let side = Int(size)
        guard (0..<side).contains(row), (0..<side).contains(column) else { return false }
        return modules[modules.startIndex + row * side + column] == 1
    }
}
