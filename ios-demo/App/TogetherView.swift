import SwiftUI
import TandemKit

/// Pauses (TandemKit's PauseScreen), a check-in (CheckInView), boundaries
/// (BoundariesView), and the ways to pair and sync. Starting, extending and ending a pause are actions
/// through the coordinator (extending and ending as the core's buttons
/// carry them), whose outcome arms or moves the "Time to reconnect" reminder.
struct TogetherView: View {
    @EnvironmentObject var model: AppModel

    var body: some View {
        NavigationStack {
            List {
                Section(model.words.pause) {
                    if let screen = model.pauses {
                        ForEach(screen.rows) { row in
                            VStack(alignment: .leading) {
                                Text(row.text).bold()
                                if let note = row.note { Text(note).font(.subheadline) }
                                HStack {
                                    ForEach(row.buttons, id: \.action) { button in
                                        Button(button.label) { if let action = button.perform { model.act(action) } }
                                    }
                                }
                                .buttonStyle(.bordered)
                            }
                        }
                        if screen.canStart {
                            Text(screen.startHint).font(.subheadline)
                            // The core's lengths, the agreed cool-down among them.
                            ForEach(screen.lengths, id: \.minutes) { length in
                                Button(length.label) { model.act(.startPause(minutes: length.minutes, note: nil)) }
                            }
                        }
                    }
                }
                Section {
                    NavigationLink(model.words.checkIn) { CheckInView() }
                    NavigationLink(model.words.boundaries) { BoundariesView() }
                    NavigationLink(model.words.notebook) { NotebookView() }
                    NavigationLink(model.words.pairing) { PairingView() }
                    NavigationLink(model.words.sync) { SyncView() }
                    NavigationLink(model.words.privacy) { PrivacyView() }
                }
                if let message = model.error { Text(message).foregroundStyle(.red) }
            }
            .navigationTitle(model.words.together)
        }
    }
}
