import SwiftUI
import TandemKit

/// The boundary form (a new boundary, or a change of one's own): the text
/// as typed, the core's examples to start from (picking one puts it in the
/// field, to edit), one button per submit the core named, and the core's
/// words about the field or the whole form after a submit that sent
/// nothing (the sheet stays open). It closes once sent.
struct BoundaryFormView: View {
    @EnvironmentObject var model: AppModel
    @Environment(\.dismiss) private var dismiss
    let heading: String
    @State var form: BoundaryFormInput
    let submits: [BoundarySubmit]
    let examples: [String]
    @State private var check: BoundaryFormCheck?

    var body: some View {
        NavigationStack {
            Form {
                Problem(text: check?.form)
                TextField(model.words.boundaryText, text: $form.text, axis: .vertical)
                    .lineLimit(3...8)
                Problem(text: check?.text)
                if !examples.isEmpty {
                    Section(model.words.boundaryExamples) {
                        ForEach(examples, id: \.self) { example in
                            Button(example) { form.text = example }
                        }
                    }
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

    @MainActor private func submit(_ s: BoundarySubmit) {
        let form = self.form
        model.send({ try $0.submit(form, as: s.purpose) }) { answer in
            if case let .check(words) = answer { check = words } else { dismiss() }
        }
    }
}
