import Foundation

/// `Insights` as a screen: one chart row per weekly series (label and one
/// value per week, oldest first), the counts as labelled rows, and the
/// core's sentences as they are (they never blame).
public struct InsightsScreen: Equatable, Sendable {
    public struct ChartRow: Equatable, Identifiable, Sendable {
        public var id: String { label }
        /// The series name, e.g. "rituals kept".
        public let label: String
        /// One value per week of `InsightsScreen.weeks`.
        public let values: [Double]
        public var total: Double { values.reduce(0, +) }
        /// The largest value (0 for an empty row): the chart's scale.
        public var peak: Double { values.max() ?? 0 }
    }

    public struct CountRow: Equatable, Sendable {
        public let label: String
        public let count: UInt32
    }

    public static let emptyMessage = "Nothing logged yet in these weeks."
    public static let weekdayLabels = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    public static let partOfDayLabels = ["night", "morning", "afternoon", "evening"]

    /// Each week's Monday ("YYYY-MM-DD"), oldest first.
    public let weeks: [String]
    public let rows: [ChartRow]
    public let triggers: [CountRow]
    public let derailingTopics: [CountRow]
    /// Withdrawals and silences by weekday, Monday first.
    public let distanceByWeekday: [CountRow]
    /// Withdrawals and silences by part of the day.
    public let distanceByPartOfDay: [CountRow]
    public let temperatureBeforeDistance: Double?
    public let temperatureBaseline: Double?
    public let milestones: [Milestone]
    public let sentences: [String]

    public init(_ insights: Insights) {
        weeks = insights.weeks
        rows = insights.series.map { ChartRow(label: $0.name, values: $0.values) }
        triggers = insights.triggers.map { CountRow(label: $0.label, count: $0.count) }
        derailingTopics = insights.derailingTopics.map { CountRow(label: $0.label, count: $0.count) }
        distanceByWeekday = zip(Self.weekdayLabels, insights.distanceByWeekday).map { CountRow(label: $0, count: $1) }
        distanceByPartOfDay = zip(Self.partOfDayLabels, insights.distanceByPartOfDay).map { CountRow(label: $0, count: $1) }
        temperatureBeforeDistance = insights.temperatureBeforeDistance
        temperatureBaseline = insights.temperatureBaseline
        milestones = insights.milestones
        sentences = insights.sentences
    }

    public func row(_ label: String) -> ChartRow? {
        rows.first { $0.label == label }
    }

    /// Every series is zero and there is nothing to say.
    public var isEmpty: Bool {
        rows.allSatisfy { $0.peak == 0 } && sentences.isEmpty && milestones.isEmpty
    }
}
