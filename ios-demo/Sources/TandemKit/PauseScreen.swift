import Foundation

/// One running pause, from this phone's side. The words never judge: a pause
/// past its return is "time to reconnect" for its starter, and the partner
/// keeps seeing when they said they'd be back.
public struct PauseRow: Equatable, Identifiable, Sendable {
    public let id: String
    /// Started on this phone (only its starter extends or ends it).
    public let mine: Bool
    public let state: PauseState
    public let returnAtMs: Int64
    /// The promised return on this device's clock: "21:10".
    public let returnTime: String
    public let note: String?
    public let extended: Bool
    /// "Your partner needs a pause, back at 21:10", "You are taking a pause,
    /// back at 21:10" or "Time to reconnect".
    public let text: String
    /// This phone started it and has not extended it yet.
    public let canExtend: Bool
    /// This phone started it.
    public let canEnd: Bool
}

/// The pauses still running (newest first, as the core lists them); ended
/// ones leave the screen, whenever they ended.
public struct PauseScreen: Equatable, Sendable {
    public static let timeToReconnect = "Time to reconnect"
    public static func partnersPause(backAt time: String) -> String { "Your partner needs a pause, back at \(time)" }
    public static func yourPause(backAt time: String) -> String { "You are taking a pause, back at \(time)" }

    public let deviceZone: String
    public let rows: [PauseRow]
    /// The lengths "I need a pause" offers, as the core decided them (the
    /// agreed cool-down among them); empty when not asked for.
    public let lengths: [Choice]
    /// What extending this phone's pause offers (when `canExtend`).
    public let extend: Choice?

    public var isEmpty: Bool { rows.isEmpty }

    /// The newest running pause's line, for a banner; nil when none runs.
    public var headline: String? { rows.first?.text }

    /// Builds the rows from `pauses()`; times read in `deviceZone` (UTC
    /// when the zone is unknown to this device).
    public init(pauses: [Pause], deviceZone: String, offers: Offers? = nil) {
        self.deviceZone = deviceZone
        self.lengths = offers?.pause ?? []
        self.extend = offers?.extend
        self.rows = pauses.compactMap { p in
            if p.state == .ended { return nil }
            let time = Self.clockTime(p.returnAtMs, zone: deviceZone)
            let text: String
            switch (p.state, p.mine) {
            case (.timeToReconnect, _): text = Self.timeToReconnect
            case (_, true): text = Self.yourPause(backAt: time)
            case (_, false): text = Self.partnersPause(backAt: time)
            }
            return PauseRow(id: p.id, mine: p.mine, state: p.state, returnAtMs: p.returnAtMs,
                            returnTime: time, note: p.note, extended: p.extended, text: text,
                            canExtend: p.mine && !p.extended, canEnd: p.mine)
        }
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
