import Foundation

/// The rituals screen is the core's `RitualsScreenModel` as it is: which
/// rows show, their words and their buttons are decided once, in the core
/// (`screens::rituals`), for both phones. Before, this shell and the
/// Android one each decided them and disagreed (no "change" or "suggest
/// another time" here, ended rituals dropped, the look back last).
public typealias RitualsScreen = RitualsScreenModel

extension RitualRowModel: Identifiable {}

extension RitualsScreenModel {
    public var isEmpty: Bool { rows.isEmpty }

    public func row(id: String) -> RitualRowModel? {
        rows.first { $0.id == id }
    }
}
