import SwiftUI
import TandemKit

/// The pairing screens: TandemKit's PairingFlow decides every step; this
/// draws its state, shows the code (QRCodeView) and feeds the scanner's
/// text to `scanned(_:)`. The flow is used on the core's queue only.
struct PairingView: View {
    @EnvironmentObject var model: AppModel
    @State private var flow: PairingFlow?
    @State private var state: PairingFlow.State = .idle
    @State private var scanning = false
    @State private var changes = 0

    var body: some View {
        VStack(spacing: 16) {
            switch state {
            case .idle:
                Button("Show my code") { step { $0.start() } }
                Button("Scan my partner's code") { scanning = true }
            case let .showingOffer(qr, _):
                QRCodeView(qr: qr)
                Text("Let your partner scan this, then scan theirs.")
                Button("Scan my partner's code") { scanning = true }
            case let .showingAnswer(qr, sas):
                QRCodeView(qr: qr)
                SasView(sas: sas, step: step)
            case let .comparingCode(sas):
                SasView(sas: sas, step: step)
            case let .paired(partner, keyEpoch, keysMovedAtMs):
                Text(partner.map { "Paired with \($0)" } ?? "Paired. Sync once to see your partner's name.")
                if let keys = PairingFlow.keysText(keyEpoch: keyEpoch, keysMovedAtMs: keysMovedAtMs,
                                                   zone: TimeZone.current.identifier) {
                    Text(keys).font(.footnote)
                }
                // Nothing is sent to the partner; the lock asks first when it is on.
                Button("Unpair this phone", role: .destructive) {
                    guard let flow else { return }
                    model.lock.guarded(.unpair, { flow.unpair(); return flow.state }) { state = $0; changes += 1 }
                }
            case let .failed(message):
                Text(message)
                Button("Start again") { step { $0.cancel() } }
            }
            SettingsSections(refresh: changes)
        }
        .padding()
        .navigationTitle("Pairing")
        .sheet(isPresented: $scanning) {
            ScannerView { text in
                scanning = false
                step { $0.scanned(text) }
            }
        }
        .onAppear {
            model.run({ c, _ in try c.pairingFlow() }) { made in
                flow = made
                state = made.state
            }
        }
        .onDisappear { step { $0.cancel() } }
    }

    /// Runs one PairingFlow call on the core's queue, then shows its state.
    @MainActor private func step(_ call: @escaping (PairingFlow) -> Void) {
        guard let flow else { return }
        model.run({ _, _ in call(flow); return flow.state }) { state = $0 }
    }
}

private struct SasView: View {
    let sas: String
    let step: @MainActor (@escaping (PairingFlow) -> Void) -> Void

    var body: some View {
        Text("Do both phones show these digits?")
        Text(sas).font(.system(.largeTitle, design: .monospaced))
        HStack {
            Button("They match") { step { $0.confirm() } }.buttonStyle(.borderedProminent)
            Button("They differ", role: .destructive) { step { $0.reject() } }
        }
    }
}
