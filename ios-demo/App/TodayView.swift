import SwiftUI
import TandemKit

/// Today (TandemKit's TodayScreen, from the core's one-call overview): the
/// pause banner, the next reminder, what is due (done, skip, snooze), the
/// invitations and reviews waiting for this phone, what is coming, and what
/// was marked today, quietly. Forms open prefilled by the controller.
struct TodayView: View {
    @EnvironmentObject var model: AppModel
    @State private var ritualForm: RitualForm?
    @State private var agreementForm: AgreementForm?

    var body: some View {
        NavigationStack {
            List {
                if let note = model.notificationsNote {
                    Section { Text(note).font(.footnote) }
                }
                if let today = model.today {
                    if let pause = today.pause {
                        Section { Text(pause.text).bold() }
                    }
                    if let next = today.nextReminder { Text(next).font(.subheadline) }
                    if today.isEmpty { Text(TodayScreen.emptyMessage).foregroundStyle(.secondary) }
                    if !today.due.isEmpty {
                        Section("Now") { ForEach(today.due) { DueRow(item: $0, snooze: today.snooze) } }
                    }
                    if !today.invitations.isEmpty {
                        Section("Waiting for your answer") {
                            ForEach(today.invitations) { InvitationRow(invitation: $0, counter: openRitualForm) }
                        }
                    }
                    if !today.reviews.isEmpty {
                        Section("Time to look back") {
                            ForEach(today.reviews) {
                                ReviewRow(review: $0, adjust: openRitualForm, amend: openAgreementForm)
                            }
                        }
                    }
                    if !today.coming.isEmpty {
                        Section("Coming up") { ForEach(today.coming) { ItemRow(item: $0) } }
                    }
                    if !today.done.isEmpty {
                        Section("Done today") {
                            ForEach(today.done) { ItemRow(item: $0).foregroundStyle(.secondary) }
                        }
                    }
                }
                if let message = model.error { Text(message).foregroundStyle(.red) }
            }
            .navigationTitle("Today")
            .refreshable { await model.reload() }
            .sheet(item: $ritualForm) { RitualFormView(form: $0) }
            .sheet(item: $agreementForm) { AgreementFormView(form: $0) }
        }
    }

    @MainActor private func openRitualForm(_ purpose: RitualForm.Purpose) {
        model.run({ c, _ in try c.ritualForm(purpose) }) { ritualForm = $0 }
    }

    @MainActor private func openAgreementForm(_ purpose: AgreementForm.Purpose) {
        model.run({ c, _ in try c.agreementForm(purpose) }) { agreementForm = $0 }
    }
}
