import Foundation

/// The agreements screen is the core's `AgreementsScreenModel` as it is:
/// which rows show, their words, the versions waiting side by side and
/// every button are decided once, in the core (`screens::agreements`), for
/// both phones. Before, this shell and the Android one each decided them
/// and disagreed (declined agreements dropped here, "suggest a change" on
/// a waiting version the core refuses, each its own history wording).
public typealias AgreementsScreen = AgreementsScreenModel

extension AgreementRowModel: Identifiable {}

extension AgreementOptionModel: Identifiable {
    public var id: String { version }
}

extension AgreementsScreenModel {
    public var isEmpty: Bool { rows.isEmpty }

    /// A row, live or ended.
    public func row(id: String) -> AgreementRowModel? {
        (rows + ended).first { $0.id == id }
    }
}

extension AgreementVersion {
    /// This version as a draft to edit for `amend(agreement:on:draft:)` or a
    /// review's `.amend`: change one field and the rest stays. The parent's
    /// review date may stay as it is even after it passed; a new or changed
    /// one must be after today (the core's check says so beside the field).
    public var draft: AgreementDraft {
        AgreementDraft(title: title, text: text, pauseProtocol: pauseProtocol, reviewOn: reviewOn)
    }
}
