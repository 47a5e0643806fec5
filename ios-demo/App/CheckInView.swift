import SwiftUI
import TandemKit

/// A check-in, as the core words it (TandemKit's CheckInScreen): the
/// temperature slider with the core's words, capacity and need with their
/// labels, an optional note, private unless shared; and this person's
/// check-ins since midnight. The core checks the form field by field and
/// records it in one call; each field's words show under it.
struct CheckInView: View {
    @EnvironmentObject var model: AppModel
    @State private var temperature: Double?
    @State private var capacity = Capacity.some
    @State private var need = Need.nothingRightNow
    @State private var note = ""
    @State private var shared = false
    @State private var check: CheckInFormCheck?

    var body: some View {
        Form {
            if let screen = model.checkIn {
                let value = temperature ?? Double(screen.defaultTemperature)
                Section(screen.prompt) {
                    Slider(value: Binding(get: { value }, set: { temperature = $0 }), in: screen.range, step: 1)
                    Text(screen.label(CheckInScreen.temperature(fromSlider: value) ?? 0))
                    if let words = check?.temperature { Text(words).foregroundStyle(.red) }
                }
                Picker("", selection: $capacity) {
                    ForEach(screen.capacities) { Text($0.label).tag($0.value) }
                }
                Picker("", selection: $need) {
                    ForEach(screen.needs) { Text($0.label).tag($0.value) }
                }
                TextField(screen.noteLabel, text: $note, axis: .vertical)
                if let words = check?.note { Text(words).foregroundStyle(.red) }
                Toggle(screen.shareLabel, isOn: $shared)
                Button(screen.submitLabel) { save(Int64(CheckInScreen.temperature(fromSlider: value) ?? 0)) }
                if let message = model.error { Text(message).foregroundStyle(.red) }
                Section {
                    if let empty = screen.empty { Text(empty).foregroundStyle(.secondary) }
                    ForEach(screen.today) { row in
                        VStack(alignment: .leading) {
                            Text(row.text)
                            if let text = row.note { Text(text).font(.subheadline) }
                            if let shared = row.sharedNote { Text(shared).font(.caption).foregroundStyle(.secondary) }
                        }
                    }
                }
            }
        }
        .navigationTitle(model.checkIn?.submitLabel ?? "")
    }

    /// Sent through the core; it says "Checked in." (the notice), or each field's words.
    @MainActor private func save(_ t: Int64) {
        let form = CheckInFormInput(temperature: t, capacity: capacity, need: need, note: note, shared: shared)
        model.send({ try $0.submit(form) }) { answer in
            if case let .check(words) = answer { check = words } else { (check, note) = (nil, "") }
        }
    }
}
