import Foundation

/// A form a screen button opened (its `opens`): the request, and the core's
/// answer, its fields filled in and its submit buttons with their words.
/// The app edits the input record as typed, sends it with one of the
/// submits (`ReminderCoordinator.submit`) and shows the check's words.
public struct OpenForm: Identifiable {
    public let id = UUID()
    public let request: FormRequest
    public let model: FormModel
}

/// A screen's button: the core's action (`perform`), or else the form it
/// opens (`opens`); the core sets exactly one.
public protocol ScreenButton {
    var perform: UserAction? { get }
    var opens: FormRequest? { get }
}

extension TodayButton: ScreenButton {}
extension RitualButton: ScreenButton {}
extension AgreementButton: ScreenButton {}
extension BoundaryButton: ScreenButton {}

/// A core answer that may carry an action's effects to carry out.
public protocol CarriesOutcome {
    var outcome: ActionOutcome? { get }
}

extension ActionOutcome: CarriesOutcome {
    public var outcome: ActionOutcome? { self }
}

extension RitualFormResult: CarriesOutcome {
    public var outcome: ActionOutcome? { if case let .sent(o) = self { return o } else { return nil } }
}

extension AgreementFormResult: CarriesOutcome {
    public var outcome: ActionOutcome? { if case let .sent(o) = self { return o } else { return nil } }
}

extension BoundaryFormResult: CarriesOutcome {
    public var outcome: ActionOutcome? { if case let .sent(o) = self { return o } else { return nil } }
}

extension CheckInFormResult: CarriesOutcome {
    public var outcome: ActionOutcome? { if case let .sent(o) = self { return o } else { return nil } }
}

extension Weekday {
    /// The day picker's days, Monday first, as the core's `weekdaysShort`.
    public static let week: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday, .sunday]
}

extension Repeat {
    /// Whether the day picker shows `day` picked (`toggleWeekday` changes it).
    public func picks(_ day: Weekday) -> Bool {
        if case let .weekdays(days) = self { return days.contains(day) } else { return false }
    }
}

/// "YYYY-MM-DD" of `date` (a date picker's choice) on the calendar of
/// `zone`, UTC when the zone is unknown.
public func dayText(_ date: Date, zone: String) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!
    let p = calendar.dateComponents([.year, .month, .day], from: date)
    return String(format: "%04d-%02d-%02d", p.year ?? 0, p.month ?? 0, p.day ?? 0)
}
