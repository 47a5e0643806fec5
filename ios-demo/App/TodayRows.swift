import SwiftUI
import TandemKit

/// An occurrence on Today: the core's time, title, detail and notes, and
/// its buttons (done, skip, later), each the core's action through the
/// coordinator, or the form it opens.
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
                    Button(b.label) { model.press(b) }
                }
            }
            .buttonStyle(.bordered)
        }
    }
}

/// An invitation or a look back, with the core's headline, detail, the
/// version read whole, and its buttons (an answer, or the form it opens).
struct ItemRow: View {
    @EnvironmentObject var model: AppModel
    let item: TodayItemModel

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text(item.headline).font(.caption)
            Text(item.title).bold()
            Text(item.detail).font(.subheadline)
            ForEach(item.reads + item.changes, id: \.self) { Text($0).font(.caption) }
            HStack {
                ForEach(item.buttons, id: \.action) { b in
                    Button(b.label) { model.press(b) }
                }
            }
            .buttonStyle(.bordered)
        }
    }
}
