import Foundation

/// The agreements screen is the core's `AgreementsScreenModel` (`screens::agreements`).
public typealias AgreementsScreen = AgreementsScreenModel

extension AgreementRowModel: Identifiable {}

extension AgreementOptionModel: Identifiable {
    public var id: String { version }
}

extension AgreementVersion {
    /// This version as a draft to edit (an amendment, a review's new version).
    public var draft: AgreementDraft {
        AgreementDraft(title: title, text: text, pauseProtocol: pauseProtocol, reviewOn: reviewOn)
    }
}
