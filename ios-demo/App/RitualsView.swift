import SwiftUI
import TandemKit

/// The core's rituals screen as it is: its rows, words and buttons (labels
/// included); a one-tap button is the core's action through the coordinator,
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
                                    Button(button.label) { press(button, row: row) }
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

    /// The button's action as the core made it; without one it opens the form its kind names.
    @MainActor private func press(_ button: RitualButton, row: RitualRowModel) {
        if let action = button.perform { return model.act(action) }
        switch button.action {
        case .counter, .change: open(.counter(ritualId: row.id))  // a personal ritual's change is a counter's call
        case .adjust: open(.adjust(ritualId: row.id))
        default: break
        }
    }

    @MainActor private func open(_ purpose: RitualForm.Purpose) {
        model.run({ c, _ in try c.ritualForm(purpose) }) { form = $0 }
    }
}
