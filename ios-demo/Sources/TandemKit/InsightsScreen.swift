import Foundation

/// The insights screen is the core's `InsightsScreenModel` as it is
/// (`screens::insights`): the charts' rows with their words, the counts by
/// tag, weekday and part of day, the temperature comparison, dated
/// milestones and the core's blame-free sentences, in the phone's language.
/// Before, this shell labelled weekdays and parts of the day in English
/// and the Android one capitalised the core's English series names.
public typealias InsightsScreen = InsightsScreenModel

extension ChartRowModel: Identifiable {
    public var id: String { name }
}

extension InsightsScreenModel {
    /// The row with the core's stable key `name` ("rituals kept").
    public func row(_ name: String) -> ChartRowModel? {
        rows.first { $0.name == name }
    }

    /// Nothing logged in these weeks (the core then gives `empty`'s words).
    public var isEmpty: Bool { empty != nil }
}
