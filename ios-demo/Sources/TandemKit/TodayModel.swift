import Foundation

/// One line of the Today screen.
public struct TodayRow: Equatable, Identifiable, Sendable {
    /// Stable per occurrence: ritual id and start.
    public let id: String
    public let ritualId: String
    public let title: String
    /// Start on this device's clock: "20:30".
    public let time: String
    /// "in 2 h 5 min · 30 min"
    public let detail: String
    /// For a ritual fixed in another zone, its own time there:
    /// "18:00 Europe/Berlin"; nil when it is the device's zone.
    public let zoneNote: String?
    public let startMs: Int64
}

/// The next 24 hours of rituals, soonest first.
public struct TodayModel: Equatable, Sendable {
    public static let window: Int64 = 24 * 60 * 60 * 1000
    public static let emptyMessage = "Nothing planned in the next 24 hours."

    public let nowMs: Int64
    public let deviceZone: String
    public let rows: [TodayRow]

    public var isEmpty: Bool { rows.isEmpty }

    /// Builds the rows from `upcoming(now, now + 24 h, deviceZone)`.
    public init(occurrences: [Occurrence], nowMs: Int64, deviceZone: String) {
        self.nowMs = nowMs
        self.deviceZone = deviceZone
        self.rows = occurrences
            .filter { $0.startMs >= nowMs && $0.startMs < nowMs + Self.window }
            .sorted { ($0.startMs, $0.ritualId) < ($1.startMs, $1.ritualId) }
            .map { o in
                TodayRow(
                    id: "\(o.ritualId)@\(o.startMs)",
                    ritualId: o.ritualId,
                    title: o.title,
                    time: String(o.deviceLocalStart.suffix(5)),
                    detail: "\(Self.relative(from: nowMs, to: o.startMs)) · \(Self.duration(o.endMs - o.startMs))",
                    zoneNote: o.zone == deviceZone ? nil : "\(o.localStart.suffix(5)) \(o.zone)",
                    startMs: o.startMs
                )
            }
    }

    /// "now", "in 5 min", "in 2 h", "in 2 h 5 min" (whole minutes, rounded down).
    static func relative(from nowMs: Int64, to startMs: Int64) -> String {
        let minutes = max(0, (startMs - nowMs) / 60_000)
        if minutes == 0 { return "now" }
        return "in " + duration(minutes * 60_000)
    }

    /// "30 min", "1 h", "1 h 30 min".
    static func duration(_ ms: Int64) -> String {
        let minutes = ms / 60_000
        let (h, m) = (minutes / 60, minutes % 60)
        switch (h, m) {
        case (0, _): return "\(m) min"
        case (_, 0): return "\(h) h"
        default: return "\(h) h \(m) min"
        }
    }
}
