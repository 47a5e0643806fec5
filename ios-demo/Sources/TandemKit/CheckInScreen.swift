import Foundation

/// One choice of a picker: the value passed on and its label.
public struct CheckInOption<Value: Hashable & Sendable>: Hashable, Identifiable, Sendable {
    public let value: Value
    public let label: String
    public var id: Value { value }

    public init(_ value: Value, _ label: String) {
        self.value = value
        self.label = label
    }
}

/// One of this person's check-ins today, as a line.
public struct CheckInRow: Equatable, Identifiable, Sendable {
    public let id: String
    public let atMs: Int64
    /// "20:10 · stirred · some room · needs space" (device clock).
    public let text: String
    /// The person's own note, if any.
    public let note: String?
    public let shared: Bool
}

/// The check-in screen: the temperature slider's range and words, the
/// capacity and need choices with their labels, and the person's own
/// check-ins since the device's local midnight (oldest first). Submitting
/// goes through `TandemController.checkIn`; the core validates.
public struct CheckInScreen: Equatable, Sendable {
    public static let temperatures: ClosedRange<UInt8> = 1...10
    public static let defaultTemperature: UInt8 = 3
    public static let emptyMessage = "No check-ins yet today."

    public static let capacities: [CheckInOption<Capacity>] = [
        .init(.low, "Running low"), .init(.some, "Some room"), .init(.plenty, "Plenty of room"),
    ]
    public static let needs: [CheckInOption<Need>] = [
        .init(.space, "Space"), .init(.closeness, "Closeness"), .init(.reassurance, "Reassurance"),
        .init(.practicalHelp, "Practical help"), .init(.nothingRightNow, "Nothing right now"),
    ]

    public static func label(_ capacity: Capacity) -> String {
        capacities.first { $0.value == capacity }?.label ?? ""
    }

    public static func label(_ need: Need) -> String {
        needs.first { $0.value == need }?.label ?? ""
    }

    /// The core's words for a temperature ("calm" … "flooded"); outside 1…10
    /// it throws `InvalidInput`.
    public static func words(_ temperature: UInt8) throws -> String {
        try temperatureWords(temperature: temperature)
    }

    /// The slider's label: "5 · stirred"; the core's message when it refuses
    /// the number.
    public static func sliderLabel(_ temperature: UInt8) -> String {
        do {
            return "\(temperature) · \(try words(temperature))"
        } catch {
            return TandemMessages.message(for: error)
        }
    }

    /// The slider's Double as the number passed on (rounded, never clamped:
    /// the core refuses what is out of range); nil when it is no number at
    /// all (then nothing is submitted).
    public static func temperature(fromSlider value: Double) -> UInt8? {
        guard value.isFinite else { return nil }
        return UInt8(exactly: value.rounded())
    }

    public let deviceZone: String
    public let rows: [CheckInRow]

    public var isEmpty: Bool { rows.isEmpty }

    /// From `entries(fromMs: midnight, toMs: now + 1)`: only this phone's
    /// check-ins (the partner's shared ones and other kinds are left out).
    public init(entries: [LogEntry], deviceZone: String) {
        self.deviceZone = deviceZone
        self.rows = entries
            .filter(\.mine)
            .sorted { ($0.atMs, $0.id) < ($1.atMs, $1.id) }
            .compactMap { e in
                guard case let .checkIn(_, words, capacity, need, note) = e.kind else { return nil }
                let time = PauseScreen.clockTime(e.atMs, zone: deviceZone)
                let needText = need == .nothingRightNow ? "needs nothing right now" : "needs \(Self.label(need).lowercased())"
                return CheckInRow(id: e.id, atMs: e.atMs,
                                  text: "\(time) · \(words) · \(Self.label(capacity).lowercased()) · \(needText)",
                                  note: note, shared: e.shared)
            }
    }

    /// Unix ms of the local midnight that began the day holding `ms` in
    /// `zone` (UTC when the zone is unknown). A day that starts inside a DST
    /// gap starts at the first instant that exists.
    public static func localMidnight(of ms: Int64, zone: String) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!
        let start = calendar.startOfDay(for: Date(timeIntervalSince1970: TimeInterval(ms) / 1000))
        return Int64((start.timeIntervalSince1970 * 1000).rounded())
    }
}
