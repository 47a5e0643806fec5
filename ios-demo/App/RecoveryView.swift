import SwiftUI
import TandemKit
import UIKit
import UniformTypeIdentifiers

/// The key-missing screen (LaunchState.keyMissing): TandemKit's message and
/// its two choices. "Restore" reads an export file and its passphrase;
/// "Start over" asks once more. Either way the controller keeps the old
/// database aside; nothing here deletes anything.
struct RecoveryView: View {
    @EnvironmentObject var model: AppModel
    let message: String
    @State private var picking = false
    @State private var file: Data?
    @State private var passphrase = ""
    @State private var confirmingStartOver = false

    var body: some View {
        Form {
            Text(message)
            Section(LaunchState.keyMissingChoices[0]) {
                Button(model.words.chooseExport) { picking = true }
                if let file {
                    SecureField(model.words.exportPassphrase, text: $passphrase)
                    Button(model.words.restore) {
                        let (data, words) = (file, passphrase)
                        model.run({ c, _ in try c.restore(export: data, passphrase: words) }) { _ in model.start() }
                    }
                }
            }
            Section {
                Button(LaunchState.keyMissingChoices[1], role: .destructive) { confirmingStartOver = true }
            }
            if let error = model.error { Text(error).foregroundStyle(.red) }
        }
        .fileImporter(isPresented: $picking, allowedContentTypes: [.json, .data]) { result in
            guard case let .success(url) = result else { return }
            let access = url.startAccessingSecurityScopedResource()
            defer { if access { url.stopAccessingSecurityScopedResource() } }
            file = try? Data(contentsOf: url)
        }
        .confirmationDialog(noticeText(notice: .startOver, localeTag: phoneLanguage()),
                            isPresented: $confirmingStartOver, titleVisibility: .visible) {
            Button(LaunchState.keyMissingChoices[1], role: .destructive) {
                model.run({ c, _ in try c.startOver() }) { _ in model.start() }
            }
        }
    }
}
