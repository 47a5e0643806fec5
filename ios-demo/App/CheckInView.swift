import SwiftUI
import TandemKit

/// A check-in (TandemKit's CheckInScreen): the temperature slider with the
/// core's words, capacity and need with their labels, an optional note,
/// private unless shared; and this person's check-ins since midnight. The
/// core validates; its message shows on error.
struct CheckInView: View {
    @EnvironmentObject var model: AppModel
    @State private var temperature = Double(CheckInScreen.defaultTemperature)
    @State private var capacity = Capacity.some
    @State private var need = Need.nothingRightNow
    @State private var note = ""
    @State private var shared = false

    var body: some View {
        Form {
            Section("How warm is it inside?") {
                Slider(value: $temperature, in: 1...10, step: 1)
                Text(CheckInScreen.sliderLabel(CheckInScreen.temperature(fromSlider: temperature) ?? 0))
            }
            Picker("Capacity", selection: $capacity) {
                ForEach(CheckInScreen.capacities) { Text($0.label).tag($0.value) }
            }
            Picker("I need", selection: $need) {
                ForEach(CheckInScreen.needs) { Text($0.label).tag($0.value) }
            }
            TextField("A note (optional)", text: $note, axis: .vertical)
            Toggle("Share with my partner", isOn: $shared)
            Button("Save") { save() }
            if let message = model.error { Text(message).foregroundStyle(.red) }
            if let screen = model.checkIn {
                Section("Today") {
                    if screen.isEmpty { Text(CheckInScreen.emptyMessage).foregroundStyle(.secondary) }
                    ForEach(screen.rows) { row in
                        VStack(alignment: .leading) {
                            Text(row.text)
                            if let text = row.note { Text(text).font(.subheadline) }
                            if row.shared { Text("Shared").font(.caption).foregroundStyle(.secondary) }
                        }
                    }
                }
            }
        }
        .navigationTitle("Check in")
    }

    @MainActor private func save() {
        guard let t = CheckInScreen.temperature(fromSlider: temperature) else { return }
        let (c, n, text, s) = (capacity, need, note, shared)
        model.note { try $0.checkIn(temperature: t, capacity: c, need: n, note: text.isEmpty ? nil : text, shared: s) }
        note = ""
    }
}
