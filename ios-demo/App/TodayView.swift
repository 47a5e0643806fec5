import SwiftUI
import TandemKit

/// Today, as the core words it (TandemKit's `TodayScreen`): the pause
/// banner, the next reminder, the lists under the core's headings, the
/// invitations and looks back waiting for this phone. A button that opens
/// a form opens it as the core fills it in (AppModel.press).
struct TodayView: View {
    @EnvironmentObject var model: AppModel

    var body: some View {
        NavigationStack {
            List {
                if let note = model.notificationsNote {
                    Section { Text(note).font(.footnote) }
                }
                if let notice = model.notice { Text(notice).font(.subheadline) }  // what the last action said
                if let today = model.today {
                    if let pause = today.pause {
                        Section { Text(pause.text).bold() }
                    }
                    if let next = today.nextReminder { Text(next).font(.subheadline) }
                    if let empty = today.empty { Text(empty).foregroundStyle(.secondary) }
                    rows(today.headings.due, today.due)
                    items(today.headings.invitations, today.invitations)
                    items(today.headings.reviews, today.reviews)
                    rows(today.headings.coming, today.coming)
                    rows(today.headings.earlier, today.earlier)
                }
                if let message = model.error { Text(message).foregroundStyle(.red) }
            }
            .navigationTitle(model.words.today)
            .refreshable { await model.reload() }
        }
    }

    @ViewBuilder private func rows(_ heading: String, _ rows: [OccurrenceRowModel]) -> some View {
        if !rows.isEmpty {
            Section(heading) { ForEach(rows) { OccurrenceRow(row: $0) } }
        }
    }

    @ViewBuilder private func items(_ heading: String, _ items: [TodayItemModel]) -> some View {
        if !items.isEmpty {
            Section(heading) {
                ForEach(items, id: \.key) { ItemRow(item: $0) }
            }
        }
    }
}
