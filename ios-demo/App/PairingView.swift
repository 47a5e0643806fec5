import SwiftUI
import TandemKit

/// The pairing screen: TandemKit's PairingFlow holds the core's model; this
/// draws its words, the code (QRCodeView), the digits and its buttons, opens
/// the camera for "Scan my partner's code" and feeds what it reads to
/// `scanned(_:)`. The flow is used on the core's queue only.
struct PairingView: View {
    @EnvironmentObject var model: AppModel
    @State private var flow: PairingFlow?
    @State private var state: PairingFlow.State?
    @State private var scanning = false
    @State private var changes = 0

    private var screen: PairingScreenModel? {
        if case let .shown(m)? = state { return m }
        return nil
    }

    var body: some View {
        VStack(spacing: 16) {
            switch state {
            case let .shown(m)?:
                PairingBody(screen: m, press: press)
            case let .failed(message)?:
                Text(message)
            case nil:
                ProgressView()
            }
            SettingsSections(refresh: changes)
        }
        .padding()
        .navigationTitle(screen?.heading ?? "")
        .sheet(isPresented: $scanning) {
            VStack {
                ScannerView(hint: screen?.cameraHint ?? "") { text in
                    scanning = false
                    step { $0.scanned(text) }
                }
                Button(screen?.closeCamera ?? "") { scanning = false }.padding()
            }
        }
        .onAppear {
            model.run({ c, _ in try c.pairingFlow() }) { made in
                flow = made
                state = made.state
            }
        }
        // Leaving withdraws a code shown and rejects digits not yet confirmed.
        .onDisappear { step { $0.press(.cancel) } }
    }

    /// A button: the camera is the app's; every other one is the core's step.
    @MainActor private func press(_ action: PairingActionKind) {
        switch action {
        case .scanPartnersCode:
            scanning = true
        case .unpair:
            guard let flow else { return }
            // Nothing is sent to the partner; the lock asks first when it is on.
            model.lock.guarded(.unpair, { flow.press(.unpair); return flow.state }) { state = $0; changes += 1 }
        default:
            step { $0.press(action) }
        }
    }

    /// Runs one PairingFlow call on the core's queue, then shows its state.
    @MainActor private func step(_ call: @escaping (PairingFlow) -> Void) {
        guard let flow else { return }
        model.run({ _, _ in call(flow); return flow.state }) { state = $0 }
    }
}

/// The core's pairing screen, as it words it.
private struct PairingBody: View {
    let screen: PairingScreenModel
    let press: @MainActor (PairingActionKind) -> Void

    var body: some View {
        if let notice = screen.notice {
            Text(notice.text).foregroundStyle(.red)
        }
        if let paired = screen.pairedWith {
            Text(paired).font(.headline)
        }
        if let qr = screen.qr {
            QRCodeView(qr: qr)
        }
        Text(screen.instruction)
        if let digits = screen.digits {
            Text(digits).font(.system(.largeTitle, design: .monospaced))
        }
        if let expires = screen.expires {
            Text(expires).font(.footnote)
        }
        if let keys = screen.keys {
            Text(keys).font(.footnote)
        }
        ForEach(screen.actions, id: \.action) { button in
            let destructive = button.action == .theyDiffer || button.action == .unpair
            Button(button.label, role: destructive ? .destructive : nil) { press(button.action) }
        }
    }
}
