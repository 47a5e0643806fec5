import SwiftUI
import TandemKit

/// Pauses (TandemKit's PauseScreen), a check-in, and the ways to pair and
/// sync. Starting, extending and ending a pause go through the coordinator,
/// which arms or moves the "Time to reconnect" reminder.
struct TogetherView: View {
    @EnvironmentObject var model: AppModel

    var body: some View {
        NavigationStack {
            List {
                Section("Pause") {
                    if let screen = model.pauses {
                        ForEach(screen.rows) { row in
                            VStack(alignment: .leading) {
                                Text(row.text).bold()
                                if let note = row.note { Text(note).font(.subheadline) }
                                HStack {
                                    if row.canExtend {
                                        Button("20 more minutes") { model.change { try $0.extend(pause: row.id, minutes: 20) } }
                                    }
                                    if row.canEnd { Button("I'm back") { model.change { try $0.end(pause: row.id) } } }
                                }
                                .buttonStyle(.bordered)
                            }
                        }
                        if screen.isEmpty {
                            Button("I need a pause") { model.change { try $0.startPause() } }
                        }
                    }
                }
                Section {
                    NavigationLink("Check in") { CheckInView() }
                    NavigationLink("Pair with your partner") { PairingView() }
                    NavigationLink("Sync") { SyncView() }
                }
                if let message = model.error { Text(message).foregroundStyle(.red) }
            }
            .navigationTitle("Together")
        }
    }
}

/// A check-in: temperature, capacity, need, an optional note; private
/// unless shared. The core validates; its message shows on error.
struct CheckInView: View {
    @EnvironmentObject var model: AppModel
    @Environment(\.dismiss) private var dismiss
    @State private var temperature = 3.0
    @State private var capacity = Capacity.some
    @State private var need = Need.nothingRightNow
    @State private var note = ""
    @State private var shared = false

    var body: some View {
        Form {
            Section("How warm is it inside? (1 calm, 10 flooded)") {
                Slider(value: $temperature, in: 1...10, step: 1)
                Text("\(Int(temperature))")
            }
            Picker("Capacity", selection: $capacity) {
                Text("Low").tag(Capacity.low)
                Text("Some").tag(Capacity.some)
                Text("Plenty").tag(Capacity.plenty)
            }
            Picker("I need", selection: $need) {
                Text("Space").tag(Need.space)
                Text("Closeness").tag(Need.closeness)
                Text("Reassurance").tag(Need.reassurance)
                Text("Practical help").tag(Need.practicalHelp)
                Text("Nothing right now").tag(Need.nothingRightNow)
            }
            TextField("A note (optional)", text: $note, axis: .vertical)
            Toggle("Share with my partner", isOn: $shared)
            Button("Save") {
                let (t, c, n, text, s) = (UInt8(temperature), capacity, need, note, shared)
                model.note { try $0.checkIn(temperature: t, capacity: c, need: n,
                                             note: text.isEmpty ? nil : text, shared: s) }
                dismiss()
            }
            if let message = model.error { Text(message).foregroundStyle(.red) }
        }
        .navigationTitle("Check in")
    }
}
