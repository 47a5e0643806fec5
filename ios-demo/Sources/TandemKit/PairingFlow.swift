import Foundation

/// The pairing screens as a state machine over `Tandem`'s pairing calls, for
/// both phones:
///
/// - the one that starts (A): `start()` shows an offer, `scanned(_:)` takes
///   the partner's answer, then both compare the check code: `confirm()` or
///   `reject()`;
/// - the one that scans (B): `scanned(_:)` takes the offer and shows an
///   answer with the check code: `confirm()` or `reject()`.
///
/// The core decides everything (validity, expiry, roles); this only maps its
/// answers to screens. Every error becomes `.failed` with a message a person
/// understands (never the core's reason). A call that does not fit the
/// current state (a double tap, a late scan) is ignored. Not thread-safe: use
/// it from one actor (the main one in the app).
public final class PairingFlow {
    public enum State: Equatable {
        case idle
        /// A: show `qr` for the partner to scan. The core keeps taking the
        /// partner's answer for a short grace period after `expiresAtMs`.
        case showingOffer(qr: QrCode, expiresAtMs: Int64)
        /// B: show `qr` for the partner to scan, and the check code to compare.
        case showingAnswer(qr: QrCode, sas: String)
        /// A: the partner's answer was scanned; compare these digits.
        case comparingCode(sas: String)
        /// `partnerName` is nil on B until the partner's first sync arrives.
        /// `keyEpoch` is where the keys stand (1 right after pairing, one
        /// more each time either phone's keys move on as payloads are
        /// exchanged), `keysMovedAtMs` when this phone's keys last moved on;
        /// `keysText` words them for the screen.
        case paired(partnerName: String?, keyEpoch: UInt32, keysMovedAtMs: Int64)
        case failed(message: String)
    }

    /// Shown after a person said the check code differ.
    public static let codesDidNotMatchMessage =
        "The numbers didn't match, so Tandem cancelled the pairing. Start again with both phones side by side."

    public private(set) var state: State {
        didSet { if state != oldValue { onChange?(state) } }
    }

    /// Called after every change of `state`.
    public var onChange: ((State) -> Void)?

    private let tandem: TandemProtocol

    /// Starts from what the core knows (after a restart: the digits still to
    /// compare, or the pair). An offer in progress cannot be shown again (its
    /// code is not kept), so that resumes as `.idle`; `start()` replaces it.
    public init(tandem: TandemProtocol) {
        self.tandem = tandem
        self.state = .idle
        refresh()
    }

    /// A: shows a new offer. From `.idle` or `.failed`.
    public func start() {
        guard canBegin else { return }
        run {
            let offer = try tandem.startPairing()
            return .showingOffer(qr: offer.qr, expiresAtMs: offer.expiresAtMs)
        }
    }

    /// A scanned code. In `.idle` or `.failed` it is taken as the partner's
    /// offer (B); while showing an offer, as the partner's answer (A). Which
    /// kind of code it really is, the core checks.
    public func scanned(_ text: String) {
        switch state {
        case .idle, .failed:
            run {
                let answer = try tandem.acceptPairing(offerText: text)
                return .showingAnswer(qr: answer.qr, sas: answer.sas)
            }
        case .showingOffer:
            run { .comparingCode(sas: try tandem.completePairing(answerText: text)) }
        case .showingAnswer, .comparingCode, .paired:
            return
        }
    }

    /// The digits match the partner's screen.
    public func confirm() {
        guard isComparing else { return }
        run {
            try tandem.confirmPairing()
            return try Self.screen(for: tandem.pairingStatus(), from: state)
        }
    }

    /// The digits differ: the core destroys the pairing.
    public func reject() {
        guard isComparing else { return }
        run {
            try tandem.rejectPairing()
            return .failed(message: Self.codesDidNotMatchMessage)
        }
    }

    /// Leaves the flow: an unconfirmed pairing is rejected and a pending offer
    /// withdrawn, so nothing half-made stays behind. A pair stays paired.
    public func cancel() {
        switch state {
        case .showingAnswer, .comparingCode:
            run {
                try tandem.rejectPairing()
                return .idle
            }
        case .showingOffer:
            run {
                try tandem.cancelPairing()
                return .idle
            }
        case .failed:
            state = .idle
        case .idle, .paired:
            return
        }
    }

    /// Unpairs this phone (from `.paired` only; elsewhere ignored): the
    /// pair's keys are destroyed here, the partner is not told, and the flow
    /// is `.idle` again. The app runs it through the app lock (`.unpair`);
    /// then the settings offer the clean exit (`cleanExitScreen()`).
    public func unpair() {
        guard case .paired = state else { return }
        run {
            try tandem.unpair()
            return .idle
        }
    }

    /// Re-reads the core's status: call it on a timer while a code is shown
    /// and after each sync (B learns the partner's name from the first one).
    public func refresh() {
        run { try Self.screen(for: tandem.pairingStatus(), from: state) }
    }

    private var canBegin: Bool {
        switch state {
        case .idle, .failed: return true
        default: return false
        }
    }

    private var isComparing: Bool {
        switch state {
        case .showingAnswer, .comparingCode: return true
        default: return false
        }
    }

    private func run(_ step: () throws -> State) {
        do {
            state = try step()
        } catch {
            state = .failed(message: TandemMessages.message(for: error))
        }
    }

    /// One small line under "Paired": the key generation and when this
    /// phone's keys last moved on, in `zone` (an IANA id; UTC if unknown).
    /// Nil when the core reports no keys (epoch 0).
    public static func keysText(keyEpoch: UInt32, keysMovedAtMs: Int64, zone: String) -> String? {
        guard keyEpoch > 0 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!
        let date = Date(timeIntervalSince1970: TimeInterval(keysMovedAtMs) / 1000)
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let at = String(format: "%04d-%02d-%02d %02d:%02d",
                        p.year ?? 0, p.month ?? 0, p.day ?? 0, p.hour ?? 0, p.minute ?? 0)
        return "Encryption keys: generation \(keyEpoch), last renewed \(at). They renew as you sync."
    }

    /// The screen for the core's `status`, keeping what only the screen knows
    /// (the QR codes) when the status still matches it.
    static func screen(for status: PairingStatus, from current: State) -> State {
        switch (status, current) {
        case let (.paired(partnerName, _, _, keyEpoch, keysMovedAtMs), _):
            return .paired(partnerName: partnerName, keyEpoch: keyEpoch, keysMovedAtMs: keysMovedAtMs)
        case let (.awaitingConfirmation(sas, _), .showingAnswer(_, shown)) where sas == shown:
            return current
        case let (.awaitingConfirmation(sas, _), _):
            return .comparingCode(sas: sas)
        case (.offering, .showingOffer), (.offering, .idle), (.offering, .failed):
            return current
        case (.unpaired, .showingOffer):
            // The offer lapsed (its grace period too) without an answer.
            return .failed(message: TandemMessages.message(for: .pairingExpired))
        case (.unpaired, .failed):
            return current
        case (.unpaired, _), (.offering, _):
            return .idle
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
