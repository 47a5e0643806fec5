import Foundation

/// One pause, from this phone's side: the core's row (`PauseRowModel`).
/// The words never judge: a pause past its return is "time to reconnect"
/// for its starter, and the partner keeps seeing when they said they'd be
/// back.
public struct PauseRow: Equatable, Identifiable, Sendable {
    public let id: String
    /// Started on this phone (only its starter extends or ends it).
    public let mine: Bool
    public let state: PauseState
    public let returnAtMs: Int64
    /// The promised return on this device's clock, as the core words it:
    /// "21:10", "tomorrow 00:10".
    public let returnTime: String
    public let note: String?
    public let extended: Bool
    /// The core's words for the row and the banner.
    public let text: String
    /// The buttons, with the core's labels.
    public let buttons: [PauseButton]
    /// This phone started it and has not extended it yet.
    public var canExtend: Bool { buttons.contains { $0.action == .extend } }
    /// This phone started it.
    public var canEnd: Bool { buttons.contains { $0.action == .end } }
    /// The label of "I'm back", when offered.
    public var endLabel: String? { buttons.first { $0.action == .end }?.label }

    init(_ r: PauseRowModel) {
        id = r.id
        mine = r.mine
        state = r.state
        returnAtMs = r.returnAtMs
        returnTime = r.returnAt
        note = r.note
        extended = r.extended
        text = r.text
        buttons = r.buttons
    }
}

/// The pause screen as the core decides it (`pauseScreen`): running pauses
/// (this phone's own first), ended ones, what starting and extending offer.
public struct PauseScreen: Equatable, Sendable {
    public let rows: [PauseRow]
    /// Ended pauses, without buttons.
    public let past: [PauseRow]
    /// The lengths "I need a pause" offers (the agreed cool-down among them).
    public let lengths: [Choice]
    /// What extending this phone's pause offers (when `canExtend`).
    public let extend: Choice
    /// "Take a pause" is offered: this phone has none running.
    public let canStart: Bool
    /// Beside the "Take a pause" button.
    public let startHint: String
    /// The newest running pause's line, for a banner; nil when none runs.
    public let headline: String?

    public var isEmpty: Bool { rows.isEmpty }

    public init(model m: PauseScreenModel) {
        rows = m.current.map(PauseRow.init)
        past = m.past.map(PauseRow.init)
        lengths = m.lengths
        extend = m.extend
        canStart = m.canStart
        startHint = m.startHint
        headline = m.banner
    }

    /// "HH:mm" of `ms` in `zone`.
    static func clockTime(_ ms: Int64, zone: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!
        let date = Date(timeIntervalSince1970: TimeInterval(ms) / 1000)
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }
}
