import Foundation

/// The visibility mirror as a screen: "Your partner's phone holds" rows
/// grouped by kind (in the core's order of kinds), and the sharing audit as
/// lines, newest first. Private boundaries, private check-ins, personal
/// rituals and the pattern log never appear: the core leaves them out.
public struct VisibilityScreen: Equatable, Sendable {
    public static let heading = "Your partner's phone holds"
    public static let auditHeading = "What you shared, exported or changed here"
    public static let emptyMessage = "Only this phone's name so far."

    public struct Row: Equatable, Identifiable, Sendable {
        /// "<kind>:<core id>": ids of different kinds may coincide.
        public var id: String { "\(kind):\(itemId)" }
        public let kind: String
        public let itemId: String
        /// What the partner reads (a title, a text, a summary).
        public let summary: String
        /// Unix ms; 0 when the core does not know.
        public let sinceMs: Int64
        /// Shown under the row as the core words it: for something sent
        /// and made private since ("made private"), it is already on the
        /// partner's phone and cannot be recalled. Nil when there is none.
        public let caveat: String?
    }

    public struct Group: Equatable, Identifiable, Sendable {
        public var id: String { kind }
        /// "device name", "shared ritual", "boundary", "check-in", …,
        /// "answer", "made private"
        public let kind: String
        public let rows: [Row]

        /// The group's heading.
        public var heading: String { VisibilityScreen.heading(kind) }
    }

    public struct AuditLine: Equatable, Sendable {
        public let atMs: Int64
        /// "shared a boundary", "made a boundary private", "exported
        /// everything unsealed (plaintext)", "unpaired this phone", …
        public let change: String
        /// "" for this phone's own events (an export, unpairing, the lock).
        public let itemId: String

        /// "You exported everything, sealed with a passphrase".
        public var text: String { "You \(change)" }
    }

    public let groups: [Group]
    public let audit: [AuditLine]

    public init(visible: [VisibleItem], audit: [AuditEntry]) {
        var order: [String] = []
        var byKind: [String: [Row]] = [:]
        for item in visible {
            if byKind[item.kind] == nil { order.append(item.kind) }
            byKind[item.kind, default: []].append(
                Row(kind: item.kind, itemId: item.id, summary: item.summary, sinceMs: item.sinceMs,
                    caveat: item.caveat))
        }
        groups = order.map { Group(kind: $0, rows: byKind[$0] ?? []) }
        self.audit = audit.map { AuditLine(atMs: $0.atMs, change: $0.change, itemId: $0.id) }
    }

    /// The heading for `kind`; an unknown kind is shown capitalised.
    public static func heading(_ kind: String) -> String {
        switch kind {
        case "device name": return "Your phone's name"
        case "shared ritual": return "Shared rituals"
        case "ritual note": return "Notes on shared rituals"
        case "agreement": return "Agreements"
        case "boundary": return "Boundaries you shared"
        case "check-in": return "Check-ins you shared"
        case "appreciation": return "Appreciations"
        case "repair": return "Repairs you shared"
        case "phrase": return "Phrases you shared"
        case "pause": return "Pauses"
        case "rest week": return "Rest weeks"
        case "answer": return "Your answers"
        case "made private": return "Sent before you made it private"
        default: return kind.prefix(1).uppercased() + kind.dropFirst()
        }
    }

    public func group(_ kind: String) -> Group? {
        groups.first { $0.kind == kind }
    }

    /// The summaries of one kind, in the core's order.
    public func summaries(_ kind: String) -> [String] {
        group(kind)?.rows.map(\.summary) ?? []
    }

    /// Nothing but the device name is visible.
    public var holdsOnlyTheDeviceName: Bool {
        groups.allSatisfy { $0.kind == "device name" }
    }
}
