import Foundation

/// The insights screen is the core's `InsightsScreenModel` (`screens::insights`).
public typealias InsightsScreen = InsightsScreenModel

extension ChartRowModel: Identifiable {
    public var id: String { name }
}
