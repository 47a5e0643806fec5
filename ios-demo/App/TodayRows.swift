import SwiftUI
import TandemKit

/// An occurrence on Today: the core's time, title, detail and notes, and
/// its buttons (done, skip, later), each one action through the coordinator.
struct OccurrenceRow: View {
    @EnvironmentObject var model: AppModel
    let row: OccurrenceRowModel
    let snooze: Choice

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
                    Button(b.label) { model.act(row.action(b.action, snooze: snooze)) }
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
                    Button(b.label) { act(b.action) }
                }
            }
            .buttonStyle(.bordered)
        }
    }

    /// Forms open here; everything else is one action (TandemKit's `action`).
    @MainActor private func act(_ action: TodayActionKind) {
        switch action {
        case .counter: ritualForm(.counter(ritualId: item.id))
        case .adjust: ritualForm(.adjust(ritualId: item.id))
        case .amend: agreementForm(.reviewAmend(agreementId: item.id))
        default: model.act(item.action(action))
        }
    }
}
