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

extension OccurrenceRowModel {
    /// Done, skip or later (by the screen's `snooze`) as one action.
    public func action(_ kind: TodayActionKind, snooze: Choice) -> UserAction? {
        switch kind {
        case .done: return .markDone(ritualId: ritualId, date: date, note: nil, feeling: nil)
        case .skip: return .skipOccurrence(ritualId: ritualId, date: date)
        case .later: return .snooze(ritualId: ritualId, date: date, minutes: snooze.minutes)
        default: return nil
        }
    }
}

extension TodayItemModel {
    /// What a button does as one action, naming the version read; nil for
    /// those that open a form (counter, adjust, amend).
    public func action(_ kind: TodayActionKind) -> UserAction? {
        let (ritual, read) = (self.kind == .ritual, version ?? "")
        switch kind {
        case .accept where ritual: return version.map { .acceptRitualVersion(id: id, version: $0) } ?? .acceptRitual(id: id)
        case .decline where ritual: return version.map { .declineRitualVersion(id: id, version: $0) } ?? .declineRitual(id: id)
        case .accept: return .acceptAgreement(id: id, version: read)
        case .decline: return .declineAgreement(id: id, version: read)
        case .keep: return ritual ? .keepRitual(id: id) : .keepAgreement(id: id)
        case .stop: return .stopRitual(id: id)
        case .letGo: return .letGoAgreement(id: id)
        case .done, .skip, .later, .counter, .adjust, .amend: return nil
        }
    }
}
