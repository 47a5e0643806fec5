import SwiftUI
import TandemKit

/// This phone's settings under the pairing screen, as the core words them
/// (`TandemController.settingsScreen()`): after unpairing, the clean exit
/// (on this phone alone, nothing is sent), and the app lock's choices.
/// Each clean exit step runs through the lock.
struct SettingsSections: View {
    @EnvironmentObject var model: AppModel
    @EnvironmentObject var lock: LockModel
    /// Changes whenever the pairing screen changed (an unpairing, say).
    let refresh: Int
    @State private var screen: SettingsScreenModel?

    var body: some View {
        VStack(alignment: .leading, spacing: 12) {
            if let exit = screen?.cleanExit {
                Text(exit.heading).font(.headline)
                Text(exit.note).font(.footnote)
                ForEach(exit.done, id: \.self) { Text($0).font(.footnote).foregroundStyle(.secondary) }
                ForEach(exit.offers, id: \.step) { offer in
                    Text(offer.explanation).font(.footnote)
                    Button(offer.label, role: .destructive) {
                        let controller = model.controller
                        lock.guarded(.cleanExit, { try controller.cleanExit(offer.step) }) { done in
                            model.error = done.text
                            reload()
                        }
                    }
                }
            }
            if let screen {
                Text(screen.lockHeading).font(.headline)
                Text(screen.lockHint).font(.footnote)
                ForEach(screen.lockChoices.indices, id: \.self) { i in
                    let choice = screen.lockChoices[i]
                    Button(choice.chosen ? "✓ \(choice.label)" : choice.label) {
                        model.run({ c, _ in try c.setAppLock(choice.setting) }) { reload() }
                    }
                }
            }
        }
        .onAppear(perform: reload)
        .onChange(of: refresh) { _ in reload() }
    }

    private func reload() {
        model.run({ c, _ in try c.settingsScreen() }) { screen = $0 }
    }
}
