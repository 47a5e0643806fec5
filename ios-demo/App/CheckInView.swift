import SwiftUI
import TandemKit

/// A check-in, as the core words it (TandemKit's CheckInScreen): the
/// temperature slider with the core's words, capacity and need with their
/// labels, an optional note, private unless shared; and this person's
/// check-ins since midnight. The core checks the form field by field and
/// records it in one call; each field's words show under it.
struct CheckInView: View {
    @EnvironmentObject var model: AppModel
    /// Nil until the person moves them: the core's form as it opens (`screen.form`).
    @State private var temperature: Double?
    @State private var capacity: Capacity?
    @State private var need: Need?
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
                Picker("", selection: Binding(get: { capacity ?? screen.form.capacity }, set: { capacity = $0 })) {
                    ForEach(screen.capacities) { Text($0.label).tag($0.value) }
                }
                Picker("", selection: Binding(get: { need ?? screen.form.need }, set: { need = $0 })) {
                    ForEach(screen.needs) { Text($0.label).tag($0.value) }
                }
                TextField(screen.noteLabel, text: $note, axis: .vertical)
                if let words = check?.note { Text(words).foregroundStyle(.red) }
                Toggle(screen.shareLabel, isOn: $shared)
                Button(screen.submitLabel) { save(Int64(CheckInScreen.temperature(fromSlider: value) ?? 0), screen.form) }
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
    @MainActor private func save(_ t: Int64, _ opened: CheckInFormInput) {
        let form = CheckInFormInput(temperature: t, capacity: capacity ?? opened.capacity, need: need ?? opened.need,
                                    note: note, shared: shared)
        model.send({ try $0.submit(form) }) { answer in
            if case let .check(words) = answer { check = words } else { (check, note) = (nil, "") }
        }
    }
}
