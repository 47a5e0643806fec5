import SwiftUI
import TandemKit
import UIKit

/// TandemKit's RitualForm as a sheet: a new ritual (shared or just for me),
/// a counter, or a trial's adjustment, prefilled by the controller. The
/// core checks each field as typed (`RitualForm.submit`); its words show
/// under the field and the sheet stays open, nothing sent. It closes once
/// the change is made.
struct RitualFormView: View {
    @EnvironmentObject var model: AppModel
    @Environment(\.dismiss) private var dismiss
    @State var form: RitualForm

    var body: some View {
        NavigationStack {
            Form {
                ForEach(kept, id: \.self) { Problem(text: $0) }
                if form.isNew {
                    Picker(model.words.fieldFor, selection: $form.purpose) {
                        Text(model.words.forUs).tag(RitualForm.Purpose.propose)
                        Text(model.words.forMe).tag(RitualForm.Purpose.personal)
                    }
                    .pickerStyle(.segmented)
                }
                TextField(model.words.fieldTitle, text: $form.title)
                Problem(text: form.check?.title ?? form.check?.prompt)
                TextField(model.words.fieldTime, text: $form.time)
                    .keyboardType(.numbersAndPunctuation)
                Problem(text: form.check?.timeOfDay)
                TextField(model.words.fieldMinutes, text: $form.minutes)
                    .keyboardType(.numberPad)
                Problem(text: form.check?.minutes)
                Picker(model.words.fieldRepeats, selection: $form.repeats) {
                    Text(model.words.everyDay).tag(RitualForm.Repeats.daily)
                    Text(model.words.chosenDays).tag(RitualForm.Repeats.weekdays)
                    if form.canKeepRepeat { Text(model.words.asBefore).tag(RitualForm.Repeats.asBefore) }
                }
                if form.repeats == .weekdays {
                    ForEach(RitualForm.week, id: \.self) { day in
                        Toggle(RitualForm.shortName(day, model.words), isOn: chosen(day))
                    }
                }
                Problem(text: form.check?.repeat)
                Section(model.words.trialSection) {
                    TextField(model.words.fieldTrialUntil, text: $form.trialUntil)
                        .keyboardType(.numbersAndPunctuation)
                    Problem(text: form.check?.trialUntil)
                }
                if let message = model.error { Text(message).foregroundStyle(.red) }
            }
            .navigationTitle(form.heading(model.words))
            .toolbar {
                ToolbarItem(placement: .cancellationAction) { Button(model.words.cancel) { dismiss() } }
                ToolbarItem(placement: .confirmationAction) { Button(form.submitLabel(model.words)) { submit() } }
            }
        }
    }

    private func chosen(_ day: Weekday) -> Binding<Bool> {
        Binding(get: { form.weekdays.contains(day) },
                set: { on in if on { form.weekdays.insert(day) } else { form.weekdays.remove(day) } })
    }

    /// The words about fields the form does not show (kept from the
    /// version changed) and about the whole form.
    private var kept: [String] {
        let c = form.check
        return [c?.form, c?.zone, c?.startDate, c?.end, c?.windowEnd, c?.leadMinutes].compactMap { $0 }
    }

    @MainActor private func submit() {
        let form = self.form
        model.run({ _, r -> (Ritual?, RitualForm) in
            var checked = form
            return (try checked.submit(through: r), checked)
        }) { sent, checked in
            if sent == nil { self.form = checked } else { model.reload(); dismiss() }
        }
    }
}
