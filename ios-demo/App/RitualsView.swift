import SwiftUI
import TandemKit

/// The core's rituals screen as it is: its rows, words and buttons (labels
/// included); a one-tap button is the core's action through the coordinator,
/// whose outcome re-arms reminders; a counter, a change and a trial's look
/// back open the form the button names, and "+" a new ritual's. Tapping a
/// row opens the ritual's own screen (RitualView).
struct RitualsView: View {
    @EnvironmentObject var model: AppModel

    var body: some View {
        NavigationStack {
            List {
                if let screen = model.rituals {
                    if let empty = screen.empty { Text(empty).foregroundStyle(.secondary) }
                    ForEach(screen.rows) { row in
                        Section {
                            NavigationLink { RitualView(id: row.id) } label: { RitualRowText(row: row) }
                            if !row.buttons.isEmpty { ButtonRow(buttons: row.buttons, label: \.label) }
                        }
                    }
                    if !screen.ended.isEmpty {
                        Section {
                            ForEach(screen.ended) { row in
                                NavigationLink { RitualView(id: row.id) } label: {
                                    Text("\(row.title): \(row.status)").foregroundStyle(.secondary)
                                }
                            }
                            if let more = screen.endedMore { Text(more).font(.footnote).foregroundStyle(.secondary) }
                            if let showAll = screen.showAll {
                                Button(showAll) { model.run({ c, _ in try c.ritualsScreen(all: true) }) { model.rituals = $0 } }
                            }
                        }
                    }
                }
                if let message = model.error { Text(message).foregroundStyle(.red) }
            }
            .navigationTitle(model.words.rituals)
            .toolbar {
                ToolbarItem(placement: .primaryAction) {
                    Button { model.open(.newRitual) } label: { Label(model.words.newRitual, systemImage: "plus") }
                }
            }
        }
    }
}
