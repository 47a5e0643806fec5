import Foundation

/// The visibility screen is the core's `VisibilityScreenModel` as it is
/// (`screens::visibility`): what the partner's phone holds about this
/// person, grouped in the core's order of kinds under the catalog's
/// headings (with the caveat on what was made private and cannot be
/// recalled), and the audit as sentences, newest first, times on the
/// device's clock, all in the phone's language. Before, this shell grouped
/// the kinds in the order they came, wrote its own headings, empty text and
/// "You …", and the Android one did each its own way.
public typealias VisibilityScreen = VisibilityScreenModel

extension VisibleGroupModel: Identifiable {
    /// One group per kind.
    public var id: VisibleKind { kind }
}

extension VisibilityScreenModel {
    /// The group of `kind`, or nil when the partner's phone holds none.
    public func group(_ kind: VisibleKind) -> VisibleGroupModel? {
        groups.first { $0.kind == kind }
    }

    /// The summaries of one kind, in the core's order.
    public func summaries(_ kind: VisibleKind) -> [String] {
        group(kind)?.rows.map(\.summary) ?? []
    }

    /// Nothing but this phone's name is on the partner's phone (the core
    /// then gives `empty`'s words).
    public var holdsOnlyTheDeviceName: Bool { empty != nil }
}
