import Foundation

/// The Today screen is the core's `TodayScreenModel` (`screens::today`).
public typealias TodayScreen = TodayScreenModel

extension OccurrenceRowModel: Identifiable {
    /// Stable per occurrence: ritual id and date.
    public var id: String { "\(ritualId)@\(date)" }
}

extension TodayItemModel {
    /// Unique on the screen: concurrent versions of one agreement each have a row.
    public var key: String { "\(id):\(version ?? "")" }
}
