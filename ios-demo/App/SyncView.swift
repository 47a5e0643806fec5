import SwiftUI
import TandemKit
import UIKit

/// Sync by files: "Send" writes the payloads (TandemController.syncOut) and
/// opens the share sheet; "Import" reads the inbox, where "Open in Tandem"
/// puts the partner's files (AppDelegate.receive), and re-plans
/// (`.afterImport`). What each file did is TandemKit's SyncInReport.
struct SyncView: View {
    @EnvironmentObject var model: AppModel
    @State private var sharing: [URL] = []
    @State private var lines: [String] = []

    var body: some View {
        List {
            Button("Send my changes to my partner") {
                model.syncOut { urls in sharing = urls }
            }
            Button("Import what my partner sent") {
                model.syncIn { report in
                    lines = ["\(report.applied) new changes"]
                        + report.failed.compactMap { item in
                            if case let .failed(_, message) = item.outcome { return message }
                            return nil
                        }
                }
            }
            ForEach(lines, id: \.self) { Text($0) }
            if let message = model.error { Text(message).foregroundStyle(.red) }
        }
        .navigationTitle("Sync")
        .sheet(isPresented: Binding(get: { !sharing.isEmpty }, set: { if !$0 { sharing = [] } })) {
            ShareSheet(items: sharing)
        }
    }
}

private struct ShareSheet: UIViewControllerRepresentable {
    let items: [URL]

    func makeUIViewController(context: Context) -> UIActivityViewController {
        UIActivityViewController(activityItems: items, applicationActivities: nil)
    }

    func updateUIViewController(_ controller: UIActivityViewController, context: Context) {}
}
