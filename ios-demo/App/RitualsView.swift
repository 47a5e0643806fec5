import SwiftUI
import TandemKit

/// The core's rituals screen as it is: its rows, words and buttons (labels
/// included); a one-tap button is the core's action through the coordinator,
/// whose outcome re-arms reminders; a counter, a change and a trial's look
/// back open the form the button names, and "+" a new ritual's.
struct RitualsView: View {
    @EnvironmentObject var model: AppModel

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
                                    Button(button.label) { model.press(button) }
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
                    Button { model.open(.newRitual) } label: { Label(model.words.newRitual, systemImage: "plus") }
                }
            }
        }
    }
}
