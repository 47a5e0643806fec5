import SwiftUI
import TandemKit

/// A ritual's own screen as the core words it (TandemKit's RitualScreen),
/// opened from its row: the row and its buttons, how it goes, the next
/// times, the last two weeks newest first with both partners' words and
/// the done and skip buttons of a day nobody marked, and the couple's
/// count. AppModel keeps it fresh after every action and sync while shown.
struct RitualView: View {
    @EnvironmentObject var model: AppModel
    let id: String

    /// The screen AppModel holds, when it is this ritual's.
    @MainActor private var screen: RitualScreen? {
        guard let shown = model.ritual, shown.row.id == id else { return nil }
        return shown
    }

    var body: some View {
        List {
            if let screen {
                Section {
                    RitualRowText(row: screen.row)
                    ForEach(screen.row.reads + screen.row.changes, id: \.self) { Text($0).font(.caption) }
                    if !screen.row.buttons.isEmpty { ButtonRow(buttons: screen.row.buttons, label: \.label) }
                }
                Section(screen.headings.terms) {
                    ForEach(screen.terms, id: \.self) { Text($0) }
                }
                if !screen.next.isEmpty {
                    Section(screen.headings.next) {
                        ForEach(screen.next, id: \.self) { Text($0).monospacedDigit() }
                    }
                }
                Section(screen.headings.days) {
                    if let kept = screen.kept { Text(kept).bold() }
                    if let empty = screen.daysEmpty { Text(empty).foregroundStyle(.secondary) }
                    ForEach(screen.days) { DayRow(day: $0) }
                }
            } else {
                ProgressView(model.words.loading)
            }
            if let message = model.error { Text(message).foregroundStyle(.red) }
        }
        .navigationTitle(screen?.row.title ?? model.words.rituals)
        .onAppear { model.showRitual(id) }
        .onDisappear { if model.ritualShown == id { model.showRitual(nil) } }
    }
}

/// One day the ritual was due: the day and time on this phone's clock,
/// what became of it ("Done", "Skipped", "Not marked"), what each partner
/// said, and done and skip while nobody has marked it.
private struct DayRow: View {
    let day: RitualDayModel

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            HStack {
                Text(day.day)
                Text(day.time).monospacedDigit()
                Spacer()
                Text(day.state).font(.subheadline)
            }
            ForEach(day.said, id: \.self) { Text($0).font(.caption) }
            if !day.buttons.isEmpty { ButtonRow(buttons: day.buttons, label: \.label) }
        }
    }
}
