import SwiftUI
import TandemKit

/// The next 24 hours (TandemKit's TodayModel), the trials due for a review,
/// and, when notifications are off, the coordinator's note that reminders
/// show only here.
struct TodayView: View {
    @EnvironmentObject var model: AppModel

    var body: some View {
        NavigationStack {
            List {
                if let note = model.notificationsNote {
                    Section { Text(note).font(.footnote) }
                }
                if let today = model.today {
                    if today.isEmpty { Text(TodayModel.emptyMessage).foregroundStyle(.secondary) }
                    ForEach(today.rows) { row in
                        VStack(alignment: .leading) {
                            HStack {
                                Text(row.time).monospacedDigit()
                                Text(row.title).bold()
                                if row.personal { Text(RitualRow.personalNote).font(.caption) }
                                if row.resting { Text(TodayModel.restWeekNote).font(.caption) }
                            }
                            Text(row.detail).font(.subheadline)
                            if let zone = row.zoneNote { Text(zone).font(.caption).foregroundStyle(.secondary) }
                        }
                    }
                    if !today.reviews.isEmpty {
                        Section("Time to look back") {
                            ForEach(today.reviews) { review in
                                Text("\(review.title): the trial ran until \(review.trialUntil)")
                            }
                        }
                    }
                }
                if let message = model.error { Text(message).foregroundStyle(.red) }
            }
            .navigationTitle("Today")
            .refreshable { model.reload() }
        }
    }
}
