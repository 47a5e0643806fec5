import SwiftUI
import TandemKit

/// What the partner's phone holds about this person (TandemKit's
/// VisibilityScreen, the core's model), by kind, each row with since when
/// and the core's caveat when it has one ("Already on your partner's
/// phone: … cannot recall it."), then the audit: what was shared, exported
/// or changed here, newest first. The core groups, words and dates it;
/// this only draws.
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
                    }
                }
                Section(screen.auditHeading) {
                    ForEach(Array(screen.audit.enumerated()), id: \.offset) { _, line in
                        VStack(alignment: .leading, spacing: 2) {
                            Text(line.text).font(.subheadline)
                            Text(line.at).font(.caption).foregroundStyle(.secondary)
                        }
                    }
                }
            }
            if let message = model.error { Text(message).foregroundStyle(.red) }
        }
        .navigationTitle(screen?.heading ?? "")
        .onAppear { model.run({ c, _ in try c.visibilityScreen() }) { screen = $0 } }
    }
}
