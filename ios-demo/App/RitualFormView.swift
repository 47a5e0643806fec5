import SwiftUI
import TandemKit
import UIKit

/// The form a button opened (TandemKit's OpenForm): a ritual's, an
/// agreement's or a boundary's, as the core filled it in.
struct FormSheet: View {
    let opened: OpenForm

    var body: some View {
        switch opened.model {
        case let .ritual(heading, form, submits):
            RitualFormView(heading: heading, form: form, submits: submits)
        case let .agreement(heading, form, submits):
            AgreementFormView(heading: heading, form: form, submits: submits)
        case let .boundary(heading, form, submits, examples):
            BoundaryFormView(heading: heading, form: form, submits: submits, examples: examples)
        }
    }
}

/// A ritual form: the core's input record as typed, one button per submit
/// the core named (its words), and the core's words under each field after
/// a submit that sent nothing (the sheet stays open). It closes once sent.
struct RitualFormView: View {
    @EnvironmentObject var model: AppModel
    @Environment(\.dismiss) private var dismiss
    let heading: String
    @State var form: RitualFormInput
    let submits: [RitualSubmit]
    @State private var check: RitualFormCheck?

    var body: some View {
        NavigationStack {
            Form {
                ForEach(kept, id: \.self) { Problem(text: $0) }
                TextField(model.words.fieldTitle, text: $form.title)
                Problem(text: check?.title ?? check?.prompt)
                TextField(model.words.fieldTime, text: $form.timeOfDay)
                    .keyboardType(.numbersAndPunctuation)
                Problem(text: check?.timeOfDay)
                TextField(model.words.fieldMinutes, text: $form.minutes)
                    .keyboardType(.numberPad)
                Problem(text: check?.minutes)
                Section(model.words.fieldRepeats) {
                    if form.repeat == .daily { Text(model.words.everyDay).font(.caption) }
                    ForEach(Array(zip(Weekday.week, model.words.weekdaysShort)), id: \.0) { day, name in
                        Toggle(name, isOn: picked(day))
                    }
                    Problem(text: check?.repeat)
                }
                Section(model.words.trialSection) {
                    TextField(model.words.fieldTrialUntil, text: $form.trialUntil)
                        .keyboardType(.numbersAndPunctuation)
                    Problem(text: check?.trialUntil)
                }
                Section {
                    ForEach(submits, id: \.label) { s in Button(s.label) { submit(s) } }
                }
                if let message = model.error { Text(message).foregroundStyle(.red) }
            }
            .navigationTitle(heading)
            .toolbar {
                ToolbarItem(placement: .cancellationAction) { Button(model.words.cancel) { dismiss() } }
            }
        }
    }

    /// The core's rule for a day picked or unpicked (`toggleWeekday`).
    private func picked(_ day: Weekday) -> Binding<Bool> {
        Binding(get: { form.repeat.picks(day) },
                set: { _ in form.repeat = toggleWeekday(repeat: form.repeat, day: day) })
    }

    /// The words about fields the form does not show (kept from the
    /// version changed) and about the whole form.
    private var kept: [String] {
        [check?.form, check?.zone, check?.startDate, check?.end, check?.windowEnd, check?.leadMinutes].compactMap { $0 }
    }

    @MainActor private func submit(_ s: RitualSubmit) {
        let form = self.form
        model.send({ try $0.submit(form, as: s.purpose) }) { answer in
            if case let .check(words) = answer { check = words } else { dismiss() }
        }
    }
}
