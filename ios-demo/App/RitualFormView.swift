import SwiftUI
import TandemKit
import UIKit

/// TandemKit's RitualForm as a sheet: a new ritual (shared or just for me),
/// a counter, or a trial's adjustment, prefilled by the controller. Fields
/// go on as typed; the core refuses what does not fit and its message shows
/// here, the sheet staying open. It closes once the change is made.
struct RitualFormView: View {
    @EnvironmentObject var model: AppModel
    @Environment(\.dismiss) private var dismiss
    @State var form: RitualForm

    var body: some View {
        NavigationStack {
            Form {
                if form.isNew {
                    Picker("For", selection: $form.purpose) {
                        Text("The two of us").tag(RitualForm.Purpose.propose)
                        Text("Just for me").tag(RitualForm.Purpose.personal)
                    }
                    .pickerStyle(.segmented)
                }
                TextField("Title", text: $form.title)
                TextField("Time, HH:MM (24-hour)", text: $form.time)
                    .keyboardType(.numbersAndPunctuation)
                TextField("Minutes", text: $form.minutes)
                    .keyboardType(.numberPad)
                Picker("Repeats", selection: $form.repeats) {
                    Text("Every day").tag(RitualForm.Repeats.daily)
                    Text("On chosen days").tag(RitualForm.Repeats.weekdays)
                    if form.canKeepRepeat { Text("As before").tag(RitualForm.Repeats.asBefore) }
                }
                if form.repeats == .weekdays {
                    ForEach(RitualForm.week, id: \.self) { day in
                        Toggle(RitualForm.longName(day), isOn: chosen(day))
                    }
                }
                Section("A gentle experiment (optional)") {
                    TextField("Try until, YYYY-MM-DD", text: $form.trialUntil)
                        .keyboardType(.numbersAndPunctuation)
                }
                if let message = model.error { Text(message).foregroundStyle(.red) }
            }
            .navigationTitle(form.heading)
            .toolbar {
                ToolbarItem(placement: .cancellationAction) { Button("Cancel") { dismiss() } }
                ToolbarItem(placement: .confirmationAction) { Button(form.submitLabel) { submit() } }
            }
        }
    }

    private func chosen(_ day: Weekday) -> Binding<Bool> {
        Binding(get: { form.weekdays.contains(day) },
                set: { on in if on { form.weekdays.insert(day) } else { form.weekdays.remove(day) } })
    }

    @MainActor private func submit() {
        let form = self.form
        model.change({ try form.submit(through: $0) }) { dismiss() }
    }
}
