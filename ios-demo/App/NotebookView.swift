import SwiftUI
import TandemKit

/// The notebook as the core words it: newest day first, each entry's time
/// and headline ("Ana appreciated you"), the words the person wrote as they
/// wrote them, and the core's empty text when there is nothing.
struct NotebookView: View {
    @EnvironmentObject var model: AppModel

    var body: some View {
        List {
            if let notebook = model.notebook {
                if let empty = notebook.empty { Text(empty).foregroundStyle(.secondary) }
                ForEach(notebook.days, id: \.heading) { day in
                    Section(day.heading) {
                        ForEach(day.items, id: \.id) { item in
                            VStack(alignment: .leading, spacing: 4) {
                                Text([item.time, item.headline].compactMap { $0 }.joined(separator: "  "))
                                ForEach(item.words, id: \.self) { Text("“\($0)”").font(.subheadline).italic() }
                            }
                        }
                    }
                }
            }
        }
        .navigationTitle(model.words.notebook)
        .onAppear { model.reload() }
    }
}
