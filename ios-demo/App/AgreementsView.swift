import SwiftUI
import TandemKit

/// The agreements as TandemKit's AgreementsScreen rows: the version in
/// effect and the alternatives side by side; accepting names one version by
/// its hash, and goes through the coordinator (a review date is a reminder).
struct AgreementsView: View {
    @EnvironmentObject var model: AppModel

    var body: some View {
        NavigationStack {
            List {
                if let screen = model.agreements {
                    if screen.isEmpty { Text(AgreementsScreen.emptyMessage).foregroundStyle(.secondary) }
                    ForEach(screen.rows) { row in
                        Section(row.title) {
                            Text(row.statusText).font(.subheadline)
                            if let card = row.inEffect { CardView(card: card, agreement: row.id) }
                            ForEach(row.alternatives) { CardView(card: $0, agreement: row.id) }
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
        }
    }
}

private struct CardView: View {
    @EnvironmentObject var model: AppModel
    let card: AgreementCard
    let agreement: String

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text(card.byline).font(.caption)
            Text(card.text)
            if let review = card.reviewOn { Text("Review on \(review)").font(.caption) }
            if card.canAnswer {
                HStack {
                    Button("Accept this version") {
                        model.change { try $0.accept(agreement: agreement, version: card.hash) }
                    }
                    Button("Decline") {
                        model.note { try $0.decline(agreement: agreement, version: card.hash) }
                    }
                }
                .buttonStyle(.bordered)
            }
        }
    }
}
