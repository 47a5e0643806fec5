import SwiftUI
import TandemKit

/// An occurrence on Today: its time, title and detail line.
struct ItemRow: View {
    let item: TodayItem
    let snooze: Choice?

    var body: some View {
        VStack(alignment: .leading) {
            HStack {
                Text(item.time).monospacedDigit()
                Text(item.title).bold()
                if item.personal { Text(TodayScreen.personalNote).font(.caption) }
            }
            Text(item.detail).font(.subheadline)
            if let zone = item.zoneNote { Text(zone).font(.caption).foregroundStyle(.secondary) }
            // On a done occurrence: both partners' notes and feelings.
            ForEach(item.said.indices, id: \.self) { Text(item.said[$0].text).font(.caption) }
        }
    }
}

/// A due occurrence: done, skip, or a reminder again later (the core's
/// snooze offer); each through the coordinator (it re-plans).
struct DueRow: View {
    @EnvironmentObject var model: AppModel
    let item: TodayItem

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            ItemRow(item: item)
            HStack {
                if item.actions.contains(.done) {
                    Button("Done") { model.change { try $0.markDone(ritual: item.ritualId, date: item.date) } }
                }
                if item.actions.contains(.skip) {
                    Button("Skip") { model.change { try $0.skip(ritual: item.ritualId, date: item.date) } }
                }
                if item.actions.contains(.snooze), let later = snooze {
                    Button(later.label) { model.change { try $0.snooze(ritual: item.ritualId, date: item.date, minutes: later.minutes) } }
                }
            }
            .buttonStyle(.bordered)
        }
    }
}

/// A ritual or agreement version waiting for this phone's answer.
struct InvitationRow: View {
    @EnvironmentObject var model: AppModel
    let invitation: TodayInvitation
    let counter: @MainActor (RitualForm.Purpose) -> Void

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text(invitation.headline).font(.caption)
            Text(invitation.title).bold()
            Text(invitation.detail).font(.subheadline)
            HStack {
                let id = invitation.targetId
                let hash = invitation.versionHash ?? ""
                switch invitation.kind {
                case .ritual:
                    Button("Accept") { model.change { try $0.perform(.accept, ritual: id) } }
                    Button("Decline") { model.change { try $0.perform(.decline, ritual: id) } }
                    Button("Another time?") { counter(.counter(ritualId: id)) }
                case .agreement:
                    Button("Accept") { model.change { try $0.accept(agreement: id, version: hash) } }
                    Button("Decline") { model.note { try $0.decline(agreement: id, version: hash) } }
                }
            }
            .buttonStyle(.bordered)
        }
    }
}

/// A trial (keep, adjust, stop) or an agreement (keep, amend, let go) whose
/// time to look back came.
struct ReviewRow: View {
    @EnvironmentObject var model: AppModel
    let review: TodayReview
    let adjust: @MainActor (RitualForm.Purpose) -> Void
    let amend: @MainActor (AgreementForm.Purpose) -> Void

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text(review.title).bold()
            Text(review.text).font(.subheadline)
            HStack {
                let id = review.targetId
                switch review.kind {
                case .ritual:
                    Button("Keep") { model.change { try $0.review(ritual: id, outcome: .keep) } }
                    Button("Adjust…") { adjust(.adjust(ritualId: id)) }
                    Button("Stop") { model.change { try $0.review(ritual: id, outcome: .stop) } }
                case .agreement:
                    Button("Keep") { model.change { try $0.review(agreement: id, outcome: .keep) } }
                    Button("Amend…") { amend(.reviewAmend(agreementId: id)) }
                    Button("Let go") { model.change { try $0.review(agreement: id, outcome: .letGo) } }
                }
            }
            .buttonStyle(.bordered)
        }
    }
}
