import Foundation
import SwiftUI
import TandemKit
import UIKit
import UniformTypeIdentifiers

/// Sync by files (TandemKit's SyncScreen): whether this phone is paired and
/// what to do next, the changes to send (once paired), the partner's files
/// waiting in the inbox, and what the last send or import did, line by line.
/// "Send" writes the payloads and opens the share sheet; "Import" reads the
/// inbox, where "Open in Tandem" or "Add a file" put the partner's files through
/// FileSyncTransport.accept (a refused file's message shows), and re-plans.
struct SyncView: View {
    @EnvironmentObject var model: AppModel
    @State private var sharing: [URL] = []
    @State private var picking = false

    var body: some View {
        List {
            if let screen = model.sync {
                Section {
                    Text(screen.next).bold()
                    if let changes = screen.changesText { Text(changes).font(.subheadline) }
                    Text(screen.waitingText).font(.subheadline)
                }
                if screen.canSend {
                    Button(model.words.syncSend) { model.syncOut { urls in sharing = urls } }
                }
                if screen.canImport {
                    Button(model.words.syncReceive) { model.syncIn() }
                    Button(model.words.syncAddFile) { picking = true }
                } else {
                    NavigationLink(model.words.pairing) { PairingView() }
                }
                if !screen.lines.isEmpty {
                    Section(model.words.syncLast) {
                        ForEach(screen.lines.indices, id: \.self) { Text(screen.lines[$0]) }
                    }
                }
            }
            if let message = model.error { Text(message).foregroundStyle(.red) }
        }
        .navigationTitle(model.words.sync)
        .onAppear { model.reload() }
        .fileImporter(isPresented: $picking, allowedContentTypes: [.data]) { result in
            if case let .success(url) = result { model.receive(url) }
        }
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
