import Foundation
import SwiftUI
import TandemKit
import UIKit

/// TandemKit's AgreementForm as a sheet: a new agreement, an amendment of
/// one version, or the new version a review suggests, prefilled by the
/// controller. The core checks each field (`AgreementForm.submit`); its
/// words show beside the field and the sheet stays open, nothing sent.
struct AgreementFormView: View {
    @EnvironmentObject var model: AppModel
    @Environment(\.dismiss) private var dismiss
    @State var form: AgreementForm
    @State private var picked = Date()

    var body: some View {
        NavigationStack {
            Form {
                if let message = form.check?.form { Text(message).foregroundStyle(.red) }
                TextField(model.words.fieldTitle, text: $form.title)
                Problem(text: form.check?.title)
                TextField(model.words.fieldAgreementText, text: $form.text, axis: .vertical)
                    .lineLimit(3...8)
                Problem(text: form.check?.text)
                Section(model.words.pausingSection) {
                    TextField(model.words.fieldCoolDown, text: $form.coolDownMinutes)
                        .keyboardType(.numberPad)
                    Problem(text: form.check?.coolDown ?? form.check?.revisit)
                }
                Section(model.words.lookBackSection) {
                    TextField(model.words.fieldReviewOn, text: $form.reviewOn)
                        .keyboardType(.numbersAndPunctuation)
                    DatePicker(model.words.pickDate, selection: $picked, displayedComponents: .date)
                        .onChange(of: picked) { date in
                            form.reviewOn = AgreementForm.dayText(date, zone: TimeZone.current.identifier)
                        }
                    Problem(text: form.check?.reviewOn)
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

    @MainActor private func submit() {
        let form = self.form
        model.run({ _, r -> (Agreement?, AgreementForm) in
            var checked = form
            return (try checked.submit(through: r), checked)
        }) { sent, checked in
            if sent == nil { self.form = checked } else { model.reload(); dismiss() }
        }
    }
}

/// The core's words beside a field, when it has some (the ritual form's too).
struct Problem: View {
    let text: String?

    var body: some View {
        if let text { Text(text).font(.caption).foregroundStyle(.red) }
    }
}
