import SwiftUI
import TandemKit

/// The rituals as TandemKit's RitualsScreen rows, each offering exactly the
/// actions the screen lists; one-tap actions go through the coordinator,
/// which re-plans reminders. "+" opens the ritual form (shared or just for
/// me); "Another time?" and a trial's "Adjust…" open it prefilled.
struct RitualsView: View {
    @EnvironmentObject var model: AppModel
    @State private var form: RitualForm?

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
                                }
                                if row.actions.contains(.counter) {
                                    Button("Another time?") { open(.counter(ritualId: row.id)) }
                                }
                            }
                            .buttonStyle(.bordered)
                            if row.actions.contains(.review) {
                                HStack {
                                    Button("Keep") { model.change { try $0.review(ritual: row.id, outcome: .keep) } }
                                    Button("Adjust…") { open(.adjust(ritualId: row.id)) }
                                    Button("Stop") { model.change { try $0.review(ritual: row.id, outcome: .stop) } }
                                }
                                .buttonStyle(.bordered)
                            }
                        }
                    }
                }
                if let message = model.error { Text(message).foregroundStyle(.red) }
            }
            .navigationTitle("Rituals")
            .toolbar {
                ToolbarItem(placement: .primaryAction) {
                    Button { open(.propose) } label: { Label("New ritual", systemImage: "plus") }
                }
            }
            .sheet(item: $form) { RitualFormView(form: $0) }
        }
    }

    @MainActor private func open(_ purpose: RitualForm.Purpose) {
        model.run({ c, _ in try c.ritualForm(purpose) }) { form = $0 }
    }
}
