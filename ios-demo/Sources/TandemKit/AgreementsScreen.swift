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

extension AgreementRowModel {
    /// Keep, let go or withdraw as one action; nil for amend (the form) and
    /// the versions' own buttons.
    public func action(_ kind: AgreementActionKind) -> UserAction? {
        switch kind {
        case .keep: return .keepAgreement(id: id)
        case .letGo: return .letGoAgreement(id: id)
        case .withdraw: return .withdrawAgreement(id: id)
        case .accept, .decline, .amend: return nil
        }
    }
}

extension AgreementOptionModel {
    /// Accept or decline this version of agreement `id` as one action; nil
    /// for amend (the form).
    public func action(_ kind: AgreementActionKind, agreement id: String) -> UserAction? {
        switch kind {
        case .accept: return .acceptAgreement(id: id, version: version)
        case .decline: return .declineAgreement(id: id, version: version)
        default: return nil
        }
    }
}
