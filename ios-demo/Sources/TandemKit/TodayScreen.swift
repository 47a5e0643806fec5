import Foundation

/// The Today screen is the core's `TodayScreenModel` as it is: which rows
/// are due, coming or earlier, their words, their buttons, the headings,
/// invitations and looks back are decided once, in the core
/// (`screens::today`), for both phones. Before, this shell and the Android
/// one each built the screen from the overview and disagreed (relative
/// times on one, zone times on the other; every waiting agreement version
/// here, only the oldest there).
public typealias TodayScreen = TodayScreenModel

/// How far ahead `upcoming(days:)` counts a day.
public let dayMs: Int64 = 24 * 60 * 60 * 1000

extension OccurrenceRowModel: Identifiable {
    /// Stable per occurrence: ritual id and date.
    public var id: String { "\(ritualId)@\(date)" }
}

extension TodayItemModel {
    /// Unique on the screen: concurrent versions of one agreement each
    /// have a row.
    public var key: String { "\(id):\(version ?? "")" }
}

extension TodayScreenModel {
    /// Nothing at all to show (the core then gives `empty`'s words).
    public var isEmpty: Bool { empty != nil }
}
