import SwiftUI
import TandemKit

/// The boundaries screen as the core words it (TandemKit's BoundariesScreen):
/// what a boundary is here, this person's own under their heading with
/// their buttons (Change opens the form; Share, Make private and Retire are
/// the core's actions through the coordinator), the empty line, the
/// partner's shared ones to read (no buttons), and "New boundary", which
/// opens the form with the core's examples to start from.
struct BoundariesView: View {
    @EnvironmentObject var model: AppModel

    var body: some View {
        List {
            if let screen = model.boundaries {
                Text(screen.intro).font(.subheadline)
                if !screen.mine.isEmpty {
                    Section(screen.mineHeading) {
                        ForEach(screen.mine) { BoundaryRow(row: $0) }
                    }
                }
                if let empty = screen.empty { Text(empty).foregroundStyle(.secondary) }
                if !screen.partners.isEmpty {
                    Section(screen.partnersHeading) {
                        ForEach(screen.partners) { BoundaryRow(row: $0) }
                    }
                }
            }
            if let message = model.error { Text(message).foregroundStyle(.red) }
        }
        .navigationTitle(model.words.boundaries)
        .toolbar {
            ToolbarItem(placement: .primaryAction) {
                if let new = model.boundaries?.new {
                    Button { model.press(new) } label: { Label(new.label, systemImage: "plus") }
                }
            }
        }
    }
}

/// One boundary: the words as written, where it stands ("Only on this
/// phone"), when it was written or changed, and its buttons.
private struct BoundaryRow: View {
    let row: BoundaryRowModel

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text(row.text)
            Text("\(row.status) · \(row.written)").font(.caption).foregroundStyle(.secondary)
            if !row.buttons.isEmpty { ButtonRow(buttons: row.buttons, label: \.label) }
        }
    }
}
