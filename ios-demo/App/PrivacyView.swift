import SwiftUI
import TandemKit

/// What the partner's phone holds about this person (TandemKit's
/// VisibilityScreen, the core's model), by kind, each row with since when
/// and the core's caveat when it has one ("Already on your partner's
/// phone: … cannot recall it."), then the audit: what was shared, exported
/// or changed here, newest first. The core groups, words, dates and cuts
/// it (the newest of each kind; `showAll` reloads with everything); this
/// only draws.
struct PrivacyView: View {
    @EnvironmentObject var model: AppModel
    @State private var screen: VisibilityScreen?

    var body: some View {
        List {
            if let screen {
                if let empty = screen.empty {
                    Text(empty).foregroundStyle(.secondary)
                }
                ForEach(screen.groups) { group in
                    Section(group.heading) {
                        ForEach(Array(group.rows.enumerated()), id: \.offset) { _, row in
                            VStack(alignment: .leading, spacing: 4) {
                                Text(row.summary)
                                if let since = row.since {
                                    Text(since).font(.caption).foregroundStyle(.secondary)
                                }
                                if let caveat = row.caveat {
                                    Text(caveat).font(.footnote).foregroundStyle(.orange)
                                }
                            }
                        }
                        More(text: group.more)
                    }
                }
                Section(screen.auditHeading) {
                    ForEach(Array(screen.audit.enumerated()), id: \.offset) { _, line in
                        VStack(alignment: .leading, spacing: 2) {
                            Text(line.text).font(.subheadline)
                            Text(line.at).font(.caption).foregroundStyle(.secondary)
                        }
                    }
                    More(text: screen.auditMore)
                }
                if let showAll = screen.showAll { Button(showAll) { load(all: true) } }
            }
            if let message = model.error { Text(message).foregroundStyle(.red) }
        }
        .navigationTitle(screen?.heading ?? "")
        .onAppear { load(all: false) }
    }

    /// The newest rows of each kind, or (the core's `showAll` button) everything.
    @MainActor private func load(all: Bool) {
        model.run({ c, _ in try c.visibilityScreen(all: all) }) { screen = $0 }
    }
}

/// The core's words under a list cut short ("Only the newest 30 are shown here.").
private struct More: View {
    let text: String?

    var body: some View {
        if let text { Text(text).font(.footnote).foregroundStyle(.secondary) }
    }
}
