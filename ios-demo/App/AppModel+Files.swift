import Foundation
import TandemKit

/// Sync over files: the AppModel's calls for the Sync screen and "Open in Tandem".
extension AppModel {
    /// Sends everything the partner lacks; returns the files to share.
    func syncOut(then share: @escaping @MainActor ([URL]) -> Void) {
        let (transport, outbox) = (self.transport, self.transport.outbox)
        run({ c, _ in try c.sendChanges(through: transport) }) { sent in
            self.lastSync = sent.result
            self.reload()
            share(sent.ids.map { outbox.appendingPathComponent($0) })
        }
    }

    /// Imports what arrived in the inbox, then re-plans (`.afterImport`).
    func syncIn() {
        let transport = self.transport
        run({ c, _ in try c.syncIn(through: transport) }) { result in
            self.lastSync = .received(result)
            self.replan(.afterImport)
        }
    }

    /// "Open in Tandem": TandemKit copies the file into the inbox (a safe
    /// name, a size cap, nothing half-written), then it is imported; a
    /// refused file's message shows instead.
    func receive(_ url: URL) {
        let transport = self.transport
        run({ _, _ in try Self.accept(url, into: transport) }) { _ in self.syncIn() }
    }

    nonisolated static func accept(_ url: URL, into transport: FileSyncTransport) throws -> String {
        let access = url.startAccessingSecurityScopedResource()
        defer { if access { url.stopAccessingSecurityScopedResource() } }
        return try transport.accept(contentsOf: url)
    }
}
