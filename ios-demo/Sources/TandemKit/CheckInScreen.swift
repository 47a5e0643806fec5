import Foundation

/// The check-in screen is the core's `CheckInScreenModel` (`screens::checkin`).
public typealias CheckInScreen = CheckInScreenModel

extension CheckInRowModel: Identifiable {}

extension CapacityChoice: Identifiable {
    public var id: Capacity { value }
}

extension NeedChoice: Identifiable {
    public var id: Need { value }
}

extension CheckInScreenModel {
    /// The slider's range, from the core's choices.
    public var range: ClosedRange<Double> {
        Double(temperatures.first?.value ?? 1)...Double(temperatures.last?.value ?? 10)
    }

    /// The slider's label: the core's "5 · stirred"; the number alone for a
    /// value outside its choices.
    public func label(_ temperature: UInt8) -> String {
        temperatures.first { $0.value == temperature }?.label ?? "\(temperature)"
    }

    /// The slider's Double as the number passed on (rounded, never clamped:
    /// the core refuses what is out of range); nil when it is no number at
    /// all (then nothing is submitted).
    public static func temperature(fromSlider value: Double) -> UInt8? {
        guard value.isFinite else { return nil }
        return UInt8(exactly: value.rounded())
    }
}
