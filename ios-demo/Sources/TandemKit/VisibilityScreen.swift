import Foundation

/// The visibility screen is the core's `VisibilityScreenModel` (`screens::visibility`).
public typealias VisibilityScreen = VisibilityScreenModel

extension VisibleGroupModel: Identifiable {
    public var id: VisibleKind { kind }
}
