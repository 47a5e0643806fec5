import SwiftUI
import TandemKit

/// The agreements screen as the core words it: each row's status, the
/// version in effect, the versions waiting side by side with their own
/// buttons, the row's buttons and its history. Each answer is the core's
/// action through the coordinator (accepting names one version by its hash;
/// a review date is a reminder). "+" opens a new agreement's form; "Suggest
/// a change" opens the form the button names, prefilled by the core.
struct AgreementsView: View {
    @EnvironmentObject var model: AppModel

    var body: some View {
        NavigationStack {
            List {
                if let screen = model.agreements {
                    if let empty = screen.empty { Text(empty).foregroundStyle(.secondary) }
                    ForEach(screen.rows) { row in
                        Section(row.title) {
                            Text(row.text)
                            Text([row.status, row.reviewNote].compactMap { $0 }.joined(separator: " · ")).font(.subheadline)
                            ForEach(row.options) { OptionView(option: $0) }
                            ButtonsView(buttons: row.buttons)
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
                    Button { model.open(.newAgreement) } label: { Label(model.words.newAgreement, systemImage: "plus") }
                }
            }
        }
    }
}

/// The core's buttons, in order, with their labels: the core's action
/// through the coordinator, or the form the button opens.
private struct ButtonsView: View {
    @EnvironmentObject var model: AppModel
    let buttons: [AgreementButton]

    var body: some View {
        HStack {
            ForEach(buttons.indices, id: \.self) { i in
                Button(buttons[i].label) { model.press(buttons[i]) }
            }
        }
        .buttonStyle(.bordered)
    }
}

/// A version waiting for an answer: what it changes (or all of it), and
/// its own buttons.
private struct OptionView: View {
    let option: AgreementOptionModel

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text("\(option.label) · \(option.status)").font(.caption)
            ForEach(option.changes.isEmpty ? option.reads : option.changes, id: \.self) { Text($0).font(.caption) }
            ButtonsView(buttons: option.buttons)
        }
    }
}
