import SwiftUI
import TandemKit

/// TandemKit's InsightsScreen: the sentences, then each chart row as bars.
/// Computed on this phone only; nothing here is shared.
struct InsightsView: View {
    @EnvironmentObject var model: AppModel

    var body: some View {
        NavigationStack {
            List {
                if let screen = model.insights {
                    if screen.isEmpty { Text(InsightsScreen.emptyMessage).foregroundStyle(.secondary) }
                    ForEach(screen.sentences, id: \.self) { Text($0) }
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
                    ForEach(screen.triggers, id: \.label) { Text("\($0.label): \($0.count)") }
                }
            }
            .navigationTitle("Insights")
        }
    }
}
