import SwiftUI
import TandemKit

/// An occurrence on Today: the core's time, title, detail and notes, and
/// its buttons (done, skip, later) through the coordinator (it re-plans).
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
                    Button(b.label) {
                        let (id, date) = (row.ritualId, row.date)
                        switch b.action {
                        case .done: model.change { try $0.markDone(ritual: id, date: date) }
                        case .skip: model.change { try $0.skip(ritual: id, date: date) }
                        case .later: model.change { try $0.snooze(ritual: id, date: date, minutes: snooze.minutes) }
                        default: break
                        }
                    }
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

    @MainActor private func act(_ action: TodayActionKind) {
        let (id, version, ritual) = (item.id, item.version ?? "", item.kind == .ritual)
        switch action {
        case .accept where ritual: model.change { try $0.perform(.accept, ritual: id) }
        case .decline where ritual: model.change { try $0.perform(.decline, ritual: id) }
        case .accept: model.change { try $0.accept(agreement: id, version: version) }
        case .decline: model.note { try $0.decline(agreement: id, version: version) }
        case .counter: ritualForm(.counter(ritualId: id))
        case .adjust: ritualForm(.adjust(ritualId: id))
        case .keep where ritual: model.change { try $0.perform(.keep, ritual: id) }
        case .keep: model.change { try $0.review(agreement: id, outcome: .keep) }
        case .stop: model.change { try $0.perform(.stop, ritual: id) }
        case .amend: agreementForm(.reviewAmend(agreementId: id))
        case .letGo: model.change { try $0.review(agreement: id, outcome: .letGo) }
        case .done, .skip, .later: break
        }
    }
}
