import Foundation

/// The agreements screen is the core's `AgreementsScreenModel` (`screens::agreements`).
public typealias AgreementsScreen = AgreementsScreenModel

extension AgreementRowModel: Identifiable {}

extension AgreementOptionModel: Identifiable {
    public var id: String { version }
}
