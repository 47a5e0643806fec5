import SwiftUI
import TandemKit

/// The agreements screen as the core words it: each row's status, the
/// version in effect, the versions waiting side by side with their own
/// buttons, the row's buttons and its history. Each answer is one action
/// through the coordinator (accepting names one version by its hash; a
/// review date is a reminder). "+" opens the agreement form; "Suggest a
/// change" opens it prefilled from the version it builds on.
struct AgreementsView: View {
    @EnvironmentObject var model: AppModel
    @State private var form: AgreementForm?

    var body: some View {
        NavigationStack {
            List {
                if let screen = model.agreements {
                    if let empty = screen.empty { Text(empty).foregroundStyle(.secondary) }
                    ForEach(screen.rows) { row in
                        Section(row.title) {
                            Text(row.text)
                            Text([row.status, row.reviewNote].compactMap { $0 }.joined(separator: " · ")).font(.subheadline)
                            ForEach(row.options) { OptionView(option: $0, agreement: row.id, amend: open) }
                            ButtonsView(buttons: row.buttons) { act($0, row: row) }
                            ForEach(row.history.indices, id: \.self) { i in
                                Text("\(row.history[i].at) \(row.history[i].text)").font(.caption).foregroundStyle(.secondary)
                            }
                        }
                    }
                    if !screen.ended.isEmpty {
                        Section(model.words.past) {
                            ForEach(screen.ended) { Text("\($0.title): \($0.status)").foregroundStyle(.secondary) }
                        }
                    }
                }
                if let message = model.error { Text(message).foregroundStyle(.red) }
            }
            .navigationTitle(model.words.agreements)
            .toolbar {
                ToolbarItem(placement: .primaryAction) {
                    Button { open(.propose) } label: { Label(model.words.newAgreement, systemImage: "plus") }
                }
            }
            .sheet(item: $form) { AgreementFormView(form: $0) }
        }
    }

    @MainActor private func act(_ action: AgreementActionKind, row: AgreementRowModel) {
        switch action {
        case .amend:
            if let on = row.amendOn { open(.amend(agreementId: row.id, parentHash: on)) }
        default: model.act(row.action(action))  // keep, let go, withdraw; accept and decline are on the versions
        }
    }

    @MainActor private func open(_ purpose: AgreementForm.Purpose) {
        model.run({ c, _ in try c.agreementForm(purpose) }) { form = $0 }
    }
}

/// The core's buttons, in order, with their labels.
private struct ButtonsView: View {
    let buttons: [AgreementButton]
    let tap: @MainActor (AgreementActionKind) -> Void

    var body: some View {
        HStack {
            ForEach(buttons.indices, id: \.self) { i in Button(buttons[i].label) { tap(buttons[i].action) } }
        }
        .buttonStyle(.bordered)
    }
}

/// A version waiting for an answer: what it changes (or all of it), and
/// its own buttons.
private struct OptionView: View {
    @EnvironmentObject var model: AppModel
    let option: AgreementOptionModel
    let agreement: String
    let amend: @MainActor (AgreementForm.Purpose) -> Void

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text("\(option.label) · \(option.status)").font(.caption)
            ForEach(option.changes.isEmpty ? option.reads : option.changes, id: \.self) { Text($0).font(.caption) }
            ButtonsView(buttons: option.buttons) { action in
                switch action {
                case .amend: amend(.amend(agreementId: agreement, parentHash: option.version))
                default: model.act(option.action(action, agreement: agreement))
                }
            }
        }
    }
}
