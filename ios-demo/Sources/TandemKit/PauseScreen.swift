import Foundation

/// The pause screen is the core's `PauseScreenModel` (`pauseScreen`).
public typealias PauseScreen = PauseScreenModel
public typealias PauseRow = PauseRowModel

extension PauseRowModel: Identifiable {}

extension PauseScreenModel {
    /// Running pauses, this phone's own first.
    public var rows: [PauseRowModel] { current }
}
