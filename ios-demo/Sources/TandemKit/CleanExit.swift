import Foundation

/// One step of the clean exit, offered after unpairing; both act on this
/// phone alone and nothing is sent to the partner.
public enum CleanExitAction: String, CaseIterable, Sendable {
    /// `TandemController.stopShared()`.
    case stopShared
    /// `TandemController.deletePartnerData()`.
    case deletePartnerData

    public var label: String {
        switch self {
        case .stopShared: return "Stop our shared rituals and agreements on this phone"
        case .deletePartnerData: return "Delete what my partner shared from this phone"
        }
    }

    public var explanation: String {
        switch self {
        case .stopShared:
            return "They end here and their reminders stop. Your partner's phone is not told and keeps its own copy."
        case .deletePartnerData:
            return "Their check-ins, appreciations, boundaries, pauses and notes go from this phone. Your own entries stay."
        }
    }

    /// Shown once the step is done.
    public var doneText: String {
        switch self {
        case .stopShared: return "The shared rituals and agreements are stopped on this phone."
        case .deletePartnerData: return "What your partner shared is deleted from this phone."
        }
    }

    /// After the step: how many things it touched.
    public func resultText(count: UInt32) -> String {
        switch self {
        case .stopShared:
            return count == 1 ? "Stopped 1 shared thing on this phone." : "Stopped \(count) shared things on this phone."
        case .deletePartnerData:
            return count == 1 ? "Deleted 1 of your partner's entries from this phone."
                : "Deleted \(count) of your partner's entries from this phone."
        }
    }

    /// The core's audit change for the step.
    var auditChange: AuditChange {
        switch self {
        case .stopShared: return .stoppedShared
        case .deletePartnerData: return .deletedPartnerData
        }
    }
}

/// The clean exit in the pairing settings: after this phone unpaired (the
/// core's audit has `.unpaired` and it is not paired again), it
/// offers to stop the shared things here and to delete the partner's data
/// here. A step done since the latest unpairing is no longer offered and
/// shows in `done`. The app runs both through the app lock (`.cleanExit`)
/// and re-plans afterwards.
public struct CleanExitScreen: Equatable, Sendable {
    public static let heading = "You unpaired this phone"
    public static let note = "What follows happens on this phone only. Nothing is sent to your partner."

    /// Unpaired after having been paired: show the section.
    public let offered: Bool
    /// What is still offered, in order.
    public let actions: [CleanExitAction]
    /// The steps done since unpairing, in words.
    public let done: [String]

    public init(offered: Bool, actions: [CleanExitAction], done: [String]) {
        self.offered = offered
        self.actions = actions
        self.done = done
    }

    /// From the core's pairing `status` and `audit` (newest first).
    public init(status: PairingStatus, audit: [AuditEntry]) {
        let own = audit.filter { $0.id.isEmpty }  // this phone's own events
        guard case .unpaired = status,
              let unpairedAt = own.firstIndex(where: { $0.change == .unpaired }) else {
            self.init(offered: false, actions: [], done: [])
            return
        }
        let since = Set(own[..<unpairedAt].map(\.change))
        self.init(offered: true,
                  actions: CleanExitAction.allCases.filter { !since.contains($0.auditChange) },
                  done: CleanExitAction.allCases.filter { since.contains($0.auditChange) }.map(\.doneText))
    }
}
