import SwiftUI
import TandemKit

/// The core's rituals screen as it is: its rows, words and buttons (labels
/// included); a one-tap button is one action through the coordinator,
/// whose outcome re-arms reminders. "+" opens the ritual form (shared or
/// just for me); a counter, a change and a trial's look back open it
/// prefilled.
struct RitualsView: View {
    @EnvironmentObject var model: AppModel
    @State private var form: RitualForm?

    var body: some View {
        NavigationStack {
            List {
                if let screen = model.rituals {
                    if let empty = screen.empty { Text(empty).foregroundStyle(.secondary) }
                    ForEach(screen.rows) { row in
                        VStack(alignment: .leading, spacing: 4) {
                            HStack {
                                Text(row.title).bold()
                                Spacer()
                                Text(row.time).monospacedDigit()
                            }
                            Text(row.status).font(.subheadline)
                            ForEach([row.zoneNote, row.suggestion, row.trialNote].compactMap { $0 }, id: \.self) {
                                Text($0).font(.caption)
                            }
                            HStack {
                                ForEach(row.buttons, id: \.action) { button in
                                    switch button.action {
                                    case .counter, .change:
                                        // A personal ritual's change is the same core call as a counter.
                                        Button(button.label) { open(.counter(ritualId: row.id)) }
                                    case .adjust:
                                        Button(button.label) { open(.adjust(ritualId: row.id)) }
                                    default:
                                        Button(button.label) { model.act(row.action(button.action)) }
                                    }
                                }
                            }
                            .buttonStyle(.bordered)
                        }
                    }
                    if !screen.ended.isEmpty {
                        Section {
                            ForEach(screen.ended) { row in
                                Text("\(row.title): \(row.status)").foregroundStyle(.secondary)
                            }
                        }
                    }
                }
                if let message = model.error { Text(message).foregroundStyle(.red) }
            }
            .navigationTitle(model.words.rituals)
            .toolbar {
                ToolbarItem(placement: .primaryAction) {
                    Button { open(.propose) } label: { Label(model.words.newRitual, systemImage: "plus") }
                }
            }
            .sheet(item: $form) { RitualFormView(form: $0) }
        }
    }

    @MainActor private func open(_ purpose: RitualForm.Purpose) {
        model.run({ c, _ in try c.ritualForm(purpose) }) { form = $0 }
    }
}
