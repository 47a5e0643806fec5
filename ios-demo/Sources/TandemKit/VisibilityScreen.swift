import Foundation

/// The visibility mirror as a screen: "Your partner's phone holds" rows
/// grouped by kind (in the core's order of kinds), and the sharing audit as
/// lines, newest first. Private boundaries, private check-ins, personal
/// rituals and the pattern log never appear: the core leaves them out.
public struct VisibilityScreen: Equatable, Sendable {
    public static let heading = "Your partner's phone holds"
    public static let auditHeading = "What you shared, and when"
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
    }

    public struct Group: Equatable, Identifiable, Sendable {
        public var id: String { kind }
        /// "device name", "shared ritual", "boundary", "check-in", …
        public let kind: String
        public let rows: [Row]
    }

    public struct AuditLine: Equatable, Sendable {
        public let atMs: Int64
        /// "shared a boundary", "made a boundary private", …
        public let change: String
        public let itemId: String
    }

    public let groups: [Group]
    public let audit: [AuditLine]

    public init(visible: [VisibleItem], audit: [AuditEntry]) {
        var order: [String] = []
        var byKind: [String: [Row]] = [:]
        for item in visible {
            if byKind[item.kind] == nil { order.append(item.kind) }
            byKind[item.kind, default: []].append(
                Row(kind: item.kind, itemId: item.id, summary: item.summary, sinceMs: item.sinceMs))
        }
        groups = order.map { Group(kind: $0, rows: byKind[$0] ?? []) }
        self.audit = audit.map { AuditLine(atMs: $0.atMs, change: $0.change, itemId: $0.id) }
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
