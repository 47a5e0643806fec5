import SwiftUI
import TandemKit

/// This phone's settings under the pairing screen: after unpairing, the
/// clean exit (TandemKit's CleanExitScreen: on this phone alone, nothing is
/// sent), and the app lock's setting. Each step runs through the lock.
struct SettingsSections: View {
    @EnvironmentObject var model: AppModel
    @EnvironmentObject var lock: LockModel
    /// Changes whenever the pairing screen changed (an unpairing, say).
    let refresh: Int
    @State private var exit: CleanExitScreen?
    @State private var setting: AppLock?

    var body: some View {
        VStack(alignment: .leading, spacing: 12) {
            if let exit, exit.offered {
                Text(CleanExitScreen.heading).font(.headline)
                Text(CleanExitScreen.note).font(.footnote)
                ForEach(exit.done, id: \.self) { Text($0).font(.footnote).foregroundStyle(.secondary) }
                ForEach(exit.actions, id: \.self) { action in
                    Text(action.explanation).font(.footnote)
                    Button(action.label, role: .destructive) {
                        let controller = model.controller
                        lock.guarded(.cleanExit, { try controller.cleanExit(action) }) { _ in reload() }
                    }
                }
            }
            Text(LockTexts.heading).font(.headline)
            ForEach(LockTexts.choices.indices, id: \.self) { i in
                let choice = LockTexts.choices[i]
                Button(choice.setting == setting ? "✓ \(choice.label)" : choice.label) {
                    model.run({ c, _ in try c.setAppLock(choice.setting) }) { reload() }
                }
            }
        }
        .onAppear(perform: reload)
        .onChange(of: refresh) { _ in reload() }
    }

    private func reload() {
        model.run({ c, _ in (try c.cleanExitScreen(), try c.appLock()) }) { (exit, setting) = $0 }
    }
}
