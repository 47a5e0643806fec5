import Foundation

/// The pause screen is the core's `PauseScreenModel` (`pauseScreen`).
public typealias PauseScreen = PauseScreenModel
public typealias PauseRow = PauseRowModel

extension PauseRowModel: Identifiable {
    /// This phone started it and has not extended it yet.
    public var canExtend: Bool { buttons.contains { $0.action == .extend } }
    /// The label of "I'm back", when offered.
    public var endLabel: String? { buttons.first { $0.action == .end }?.label }
}

extension PauseScreenModel {
    /// Running pauses, this phone's own first.
    public var rows: [PauseRowModel] { current }
}
