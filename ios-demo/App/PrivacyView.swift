import SwiftUI
import TandemKit

/// What the partner's phone holds about this person (TandemKit's
/// VisibilityScreen), by kind, each row with the core's caveat when it has
/// one ("already on your partner's phone; … cannot recall it"), then the
/// audit: what was shared, exported or changed here, newest first.
struct PrivacyView: View {
    @EnvironmentObject var model: AppModel
    @State private var screen: VisibilityScreen?

    var body: some View {
        List {
            if let screen {
                ForEach(screen.groups) { group in
                    Section(group.heading) {
                        ForEach(group.rows) { row in
                            VStack(alignment: .leading, spacing: 4) {
                                Text(row.summary)
                                if let caveat = row.caveat {
                                    Text(caveat).font(.footnote).foregroundStyle(.orange)
                                }
                            }
                        }
                    }
                }
                Section(VisibilityScreen.auditHeading) {
                    ForEach(screen.audit.indices, id: \.self) { Text(screen.audit[$0].text).font(.subheadline) }
                }
            }
            if let message = model.error { Text(message).foregroundStyle(.red) }
        }
        .navigationTitle(VisibilityScreen.heading)
        .onAppear { model.run({ c, _ in try c.visibilityScreen() }) { screen = $0 } }
    }
}
