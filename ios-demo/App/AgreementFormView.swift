import Foundation
import SwiftUI
import TandemKit
import UIKit

/// An agreement form (a new agreement, an amendment of one version, the
/// new version a look back suggests): the core's input record as typed,
/// one button per submit the core named, and the core's words beside each
/// field after a submit that sent nothing (the sheet stays open).
struct AgreementFormView: View {
    @EnvironmentObject var model: AppModel
    @Environment(\.dismiss) private var dismiss
    let heading: String
    @State var form: AgreementFormInput
    let submits: [AgreementSubmit]
    @State private var check: AgreementFormCheck?
    @State private var picked = Date()

    var body: some View {
        NavigationStack {
            Form {
                if let message = check?.form { Text(message).foregroundStyle(.red) }
                TextField(model.words.fieldTitle, text: $form.title)
                Problem(text: check?.title)
                TextField(model.words.fieldAgreementText, text: $form.text, axis: .vertical)
                    .lineLimit(3...8)
                Problem(text: check?.text)
                Section(model.words.pausingSection) {
                    TextField(model.words.fieldCoolDown, text: $form.coolDown)
                        .keyboardType(.numberPad)
                    Problem(text: check?.coolDown ?? check?.revisit)
                }
                Section(model.words.lookBackSection) {
                    TextField(model.words.fieldReviewOn, text: $form.reviewOn)
                        .keyboardType(.numbersAndPunctuation)
                    DatePicker(model.words.pickDate, selection: $picked, displayedComponents: .date)
                        .onChange(of: picked) { date in form.reviewOn = dayText(date, zone: TimeZone.current.identifier) }
                    Problem(text: check?.reviewOn)
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

    @MainActor private func submit(_ s: AgreementSubmit) {
        let form = self.form
        model.send({ try $0.submit(form, as: s.purpose) }) { answer in
            if case let .check(words) = answer { check = words } else { dismiss() }
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
