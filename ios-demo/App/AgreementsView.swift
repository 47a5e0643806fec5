import SwiftUI
import TandemKit

/// The agreements as TandemKit's AgreementsScreen rows: the version in
/// effect and the alternatives side by side; accepting names one version by
/// its hash, and goes through the coordinator (a review date is a reminder).
/// "+" opens the agreement form; "Suggest a change" on a version and a
/// review's "Amend…" open it prefilled; a review is kept or let go here.
struct AgreementsView: View {
    @EnvironmentObject var model: AppModel
    @State private var form: AgreementForm?

    var body: some View {
        NavigationStack {
            List {
                if let screen = model.agreements {
                    if screen.isEmpty { Text(AgreementsScreen.emptyMessage).foregroundStyle(.secondary) }
                    ForEach(screen.rows) { row in
                        Section(row.title) {
                            Text(row.statusText).font(.subheadline)
                            let amend: (@MainActor (AgreementForm.Purpose) -> Void)? = row.actions.contains(.amend) ? open : nil
                            if let card = row.inEffect { CardView(card: card, agreement: row.id, amend: amend) }
                            ForEach(row.alternatives) { CardView(card: $0, agreement: row.id, amend: amend) }
                            if row.actions.contains(.review) {
                                HStack {
                                    Button("Keep") { model.change { try $0.review(agreement: row.id, outcome: .keep) } }
                                    Button("Amend…") { open(.reviewAmend(agreementId: row.id)) }
                                    Button("Let go") { model.change { try $0.review(agreement: row.id, outcome: .letGo) } }
                                }
                                .buttonStyle(.bordered)
                            }
                            if row.actions.contains(.withdraw) {
                                Button("Withdraw my consent", role: .destructive) {
                                    model.change { try $0.withdraw(agreement: row.id) }
                                }
                            }
                            ForEach(row.history.indices, id: \.self) { i in
                                Text(row.history[i].text).font(.caption).foregroundStyle(.secondary)
                            }
                        }
                    }
                }
                if let message = model.error { Text(message).foregroundStyle(.red) }
            }
            .navigationTitle("Agreements")
            .toolbar {
                ToolbarItem(placement: .primaryAction) {
                    Button { open(.propose) } label: { Label("New agreement", systemImage: "plus") }
                }
            }
            .sheet(item: $form) { AgreementFormView(form: $0) }
        }
    }

    @MainActor private func open(_ purpose: AgreementForm.Purpose) {
        model.run({ c, _ in try c.agreementForm(purpose) }) { form = $0 }
    }
}

/// One version: accept or decline it when it waits for this phone, or
/// suggest a change built on it.
private struct CardView: View {
    @EnvironmentObject var model: AppModel
    let card: AgreementCard
    let agreement: String
    /// Nil when the row offers no amendment (a withdrawn agreement).
    let amend: (@MainActor (AgreementForm.Purpose) -> Void)?

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text(card.byline).font(.caption)
            Text(card.text)
            if let review = card.reviewOn { Text("Review on \(review)").font(.caption) }
            HStack {
                if card.canAnswer {
                    Button("Accept this version") {
                        model.change { try $0.accept(agreement: agreement, version: card.hash) }
                    }
                    Button("Decline") {
                        model.note { try $0.decline(agreement: agreement, version: card.hash) }
                    }
                }
                if let amend {
                    Button("Suggest a change") { amend(.amend(agreementId: agreement, parentHash: card.hash)) }
                }
            }
            .buttonStyle(.bordered)
        }
    }
}
