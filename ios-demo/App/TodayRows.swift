import SwiftUI
import TandemKit

/// An occurrence on Today: the core's time, title, detail and notes, and
/// its buttons (done, skip, later), each the core's action through the coordinator.
struct OccurrenceRow: View {
    @EnvironmentObject var model: AppModel
    let row: OccurrenceRowModel

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            HStack {
                Text(row.time).monospacedDigit()
                Text(row.title).bold()
                if let note = row.personalNote { Text(note).font(.caption) }
            }
            Text(row.detail).font(.subheadline)
            if let zone = row.zoneTime { Text(zone).font(.caption).foregroundStyle(.secondary) }
            ForEach(row.said, id: \.self) { Text($0).font(.caption) }
            HStack {
                ForEach(row.buttons, id: \.action) { b in
                    Button(b.label) { if let action = b.perform { model.act(action) } }
                }
            }
            .buttonStyle(.bordered)
        }
    }
}

/// An invitation or a look back, with the core's headline, detail, the
/// version read whole, and its buttons.
struct ItemRow: View {
    @EnvironmentObject var model: AppModel
    let item: TodayItemModel
    let ritualForm: @MainActor (RitualForm.Purpose) -> Void
    let agreementForm: @MainActor (AgreementForm.Purpose) -> Void

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text(item.headline).font(.caption)
            Text(item.title).bold()
            Text(item.detail).font(.subheadline)
            ForEach(item.reads + item.changes, id: \.self) { Text($0).font(.caption) }
            HStack {
                ForEach(item.buttons, id: \.action) { b in
                    Button(b.label) { press(b) }
                }
            }
            .buttonStyle(.bordered)
        }
    }

    /// The button's action as the core made it; without one it opens the form its kind names.
    @MainActor private func press(_ button: TodayButton) {
        if let action = button.perform { return model.act(action) }
        switch button.action {
        case .counter: ritualForm(.counter(ritualId: item.id))
        case .adjust: ritualForm(.adjust(ritualId: item.id))
        case .amend: agreementForm(.reviewAmend(agreementId: item.id))
        default: break
        }
    }
}
