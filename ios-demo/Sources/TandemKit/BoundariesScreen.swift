import Foundation

/// The boundaries screen is the core's `BoundariesScreenModel` (`screens::boundaries`).
public typealias BoundariesScreen = BoundariesScreenModel

extension BoundaryRowModel: Identifiable {}
