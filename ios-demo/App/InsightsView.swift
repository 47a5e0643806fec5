import SwiftUI
import TandemKit

/// TandemKit's InsightsScreen as the core words it: the sentences, each
/// chart row as bars, the counts and the milestones. Computed on this phone
/// only; nothing here is shared.
struct InsightsView: View {
    @EnvironmentObject var model: AppModel

    var body: some View {
        NavigationStack {
            List {
                if let screen = model.insights {
                    if let empty = screen.empty { Text(empty).foregroundStyle(.secondary) }
                    ForEach(screen.sentences, id: \.self) { Text($0) }
                    Section(screen.headings.rhythm) {
                        ForEach(screen.rows) { row in
                            VStack(alignment: .leading) {
                                Text(row.label).font(.caption)
                                HStack(alignment: .bottom, spacing: 2) {
                                    ForEach(row.values.indices, id: \.self) { i in
                                        Rectangle()
                                            .frame(width: 8, height: row.peak > 0 ? 40 * row.values[i] / row.peak : 0)
                                    }
                                }
                                .frame(height: 40, alignment: .bottom)
                            }
                        }
                    }
                    counts(screen.headings.before, screen.triggers, extra: screen.temperature)
                    counts(screen.headings.when, screen.byWeekday + screen.byPartOfDay, extra: nil)
                    counts(screen.headings.topics, screen.topics, extra: nil)
                    if !screen.milestones.isEmpty {
                        Section(screen.headings.milestones) { ForEach(screen.milestones, id: \.self) { Text($0) } }
                    }
                }
            }
        }
    }

    @ViewBuilder private func counts(_ heading: String, _ rows: [CountRowModel], extra: String?) -> some View {
        if !rows.isEmpty || extra != nil {
            Section(heading) {
                ForEach(rows, id: \.text) { Text($0.text) }
                if let extra { Text(extra).font(.subheadline) }
            }
        }
    }
}
