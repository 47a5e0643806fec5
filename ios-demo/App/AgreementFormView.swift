import Foundation
import SwiftUI
import TandemKit
import UIKit

/// TandemKit's AgreementForm as a sheet: a new agreement, an amendment of
/// one version, or the new version a review suggests, prefilled by the
/// controller. The core validates (cool-down 20 to 1440 minutes, a review
/// date after today); its message shows here and the sheet stays open.
struct AgreementFormView: View {
    @EnvironmentObject var model: AppModel
    @Environment(\.dismiss) private var dismiss
    @State var form: AgreementForm
    @State private var picked = Date()

    var body: some View {
        NavigationStack {
            Form {
                TextField("Title", text: $form.title)
                TextField("What we agree", text: $form.text, axis: .vertical)
                    .lineLimit(3...8)
                Section("Pausing (optional)") {
                    TextField("Cool-down in minutes", text: $form.coolDownMinutes)
                        .keyboardType(.numberPad)
                }
                Section("Look at it again together (optional)") {
                    TextField("Review on, YYYY-MM-DD", text: $form.reviewOn)
                        .keyboardType(.numbersAndPunctuation)
                    DatePicker("Pick a date", selection: $picked, displayedComponents: .date)
                        .onChange(of: picked) { date in
                            form.reviewOn = AgreementForm.dayText(date, zone: TimeZone.current.identifier)
                        }
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

    @MainActor private func submit() {
        let form = self.form
        model.change({ try form.submit(through: $0) }) { dismiss() }
    }
}
