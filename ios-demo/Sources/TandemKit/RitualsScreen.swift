import Foundation

/// The rituals screen is the core's `RitualsScreenModel` (`screens::rituals`).
public typealias RitualsScreen = RitualsScreenModel

extension RitualRowModel: Identifiable {}
