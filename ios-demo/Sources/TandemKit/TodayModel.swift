import Foundation

/// One line of the Today screen.
public struct TodayRow: Equatable, Identifiable, Sendable {
    /// Stable per occurrence: ritual id and start.
    public let id: String
    public let ritualId: String
    public let title: String
    /// Start on this device's clock: "20:30".
    public let time: String
    /// "in 2 h 5 min · 30 min", with " · rest week" when `resting`.
    public let detail: String
    /// For a ritual fixed in another zone, its own time there:
    /// "18:00 Europe/Berlin"; nil when it is the device's zone.
    public let zoneNote: String?
    public let startMs: Int64
    /// In a rest week: counts as neither kept nor missed, no reminder.
    public let resting: Bool
    /// This phone's own ritual (never synced).
    public let personal: Bool
}

/// A gentle experiment that reached its last day and waits for a look back
/// together (keep, adjust or stop).
public struct TrialReviewRow: Equatable, Identifiable, Sendable {
    /// The ritual's id.
    public let id: String
    public let title: String
    /// The trial's last day, "YYYY-MM-DD".
    public let trialUntil: String
    public let personal: Bool

    public init(id: String, title: String, trialUntil: String, personal: Bool = false) {
        self.id = id
        self.title = title
        self.trialUntil = trialUntil
        self.personal = personal
    }

    /// From `reviewsDue(deviceZone:)`, in its order.
    public static func rows(_ reviewsDue: [Ritual]) -> [TrialReviewRow] {
        reviewsDue.map {
            TrialReviewRow(id: $0.id, title: $0.title, trialUntil: $0.trialUntil ?? "", personal: $0.personal)
        }
    }
}

/// The next 24 hours of rituals, soonest first, and the trials waiting for a
/// review.
public struct TodayModel: Equatable, Sendable {
    public static let window: Int64 = 24 * 60 * 60 * 1000
    public static let emptyMessage = "Nothing planned in the next 24 hours."
    /// Added to the detail of an occurrence in a rest week.
    public static let restWeekNote = "rest week"

    public let nowMs: Int64
    public let deviceZone: String
    public let rows: [TodayRow]
    /// From `reviewsDue(deviceZone:)`: trials whose last day has come.
    public let reviews: [TrialReviewRow]

    /// Nothing planned (reviews aside).
    public var isEmpty: Bool { rows.isEmpty }

    /// Builds the rows from `upcoming(now, now + 24 h, deviceZone)` (each
    /// occurrence says whether it is of a personal ritual), `reviewsDue` from
    /// `reviewsDue(deviceZone:)`.
    public init(
        occurrences: [Occurrence], nowMs: Int64, deviceZone: String, reviewsDue: [Ritual] = []
    ) {
        self.nowMs = nowMs
        self.deviceZone = deviceZone
        self.reviews = TrialReviewRow.rows(reviewsDue)
        self.rows = occurrences
            .filter { $0.startMs >= nowMs && $0.startMs < nowMs + Self.window }
            .sorted { ($0.startMs, $0.ritualId) < ($1.startMs, $1.ritualId) }
            .map { o in
                TodayRow(
                    id: "\(o.ritualId)@\(o.startMs)",
                    ritualId: o.ritualId,
                    title: o.title,
                    time: String(o.deviceLocalStart.suffix(5)),
                    detail: "\(Self.relative(from: nowMs, to: o.startMs)) · \(Self.duration(o.endMs - o.startMs))"
                        + (o.resting ? " · \(Self.restWeekNote)" : ""),
                    zoneNote: o.zone == deviceZone ? nil : "\(o.localStart.suffix(5)) \(o.zone)",
                    startMs: o.startMs,
                    resting: o.resting,
                    personal: o.personal
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
