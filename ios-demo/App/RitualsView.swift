import SwiftUI
import TandemKit

/// The rituals as TandemKit's RitualsScreen rows, each offering exactly the
/// actions the screen lists; one-tap actions go through the coordinator,
/// which re-plans reminders.
struct RitualsView: View {
    @EnvironmentObject var model: AppModel

    var body: some View {
        NavigationStack {
            List {
                if let screen = model.rituals {
                    if screen.isEmpty { Text(RitualsScreen.emptyMessage).foregroundStyle(.secondary) }
                    ForEach(screen.rows) { row in
                        VStack(alignment: .leading, spacing: 4) {
                            HStack {
                                Text(row.title).bold()
                                Spacer()
                                Text(row.time).monospacedDigit()
                            }
                            Text(row.personal ? RitualRow.personalNote : row.statusText).font(.subheadline)
                            if let suggested = row.suggestedTime { Text("Suggested: \(suggested)").font(.caption) }
                            if let until = row.trialUntil { Text("Trial until \(until)").font(.caption) }
                            HStack {
                                ForEach(row.actions.filter { $0 != .counter && $0 != .review }, id: \.self) { action in
                                    Button(action.rawValue.capitalized) {
                                        model.change { try $0.perform(action, ritual: row.id) }
                                    }
                                    .buttonStyle(.bordered)
                                }
                                if row.actions.contains(.review) {
                                    Button("Keep") { model.change { try $0.review(ritual: row.id, outcome: .keep) } }
                                    Button("Stop") { model.change { try $0.review(ritual: row.id, outcome: .stop) } }
                                }
                            }
                        }
                    }
                }
                if let message = model.error { Text(message).foregroundStyle(.red) }
            }
            .navigationTitle("Rituals")
        }
    }
}
