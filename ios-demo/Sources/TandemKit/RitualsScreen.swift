import Foundation

/// The rituals screen is the core's `RitualsScreenModel` (`screens::rituals`).
public typealias RitualsScreen = RitualsScreenModel

extension RitualRowModel: Identifiable {}

extension RitualRowModel {
    /// What a one-tap button does, as one action (answers name the version
    /// read); nil for the buttons that open the ritual form (counter,
    /// change, adjust).
    public func action(_ kind: RitualActionKind) -> UserAction? {
        switch kind {
        case .accept: return answerVersion.map { .acceptRitualVersion(id: id, version: $0) } ?? .acceptRitual(id: id)
        case .decline: return answerVersion.map { .declineRitualVersion(id: id, version: $0) } ?? .declineRitual(id: id)
        case .pause: return .pauseRitual(id: id)
        case .resume: return .resumeRitual(id: id)
        case .retire: return .retireRitual(id: id)
        case .keep: return .keepRitual(id: id)
        case .stop: return .stopRitual(id: id)
        case .counter, .change, .adjust: return nil
        }
    }
}
