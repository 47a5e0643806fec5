import Foundation

/// A ritual's own screen is the core's `RitualScreenModel` (`screens::ritual`),
/// opened from its row on the rituals screen.
public typealias RitualScreen = RitualScreenModel

extension RitualDayModel: Identifiable {
    /// The occurrence's key: one day per date on the screen.
    public var id: String { date }
}
