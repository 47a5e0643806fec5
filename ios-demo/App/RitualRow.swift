import SwiftUI
import TandemKit

/// A ritual's row as the core words it, on the rituals screen and on the
/// ritual's own screen: its title and time, where it stands, and its notes
/// (the zone, a suggestion waiting, a trial).
struct RitualRowText: View {
    let row: RitualRowModel

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            HStack {
                Text(row.title).bold()
                Spacer()
                Text(row.time).monospacedDigit()
            }
            Text(row.status).font(.subheadline)
            ForEach([row.zoneNote, row.suggestion, row.trialNote].compactMap { $0 }, id: \.self) {
                Text($0).font(.caption)
            }
        }
    }
}

/// The core's buttons in order, with their labels: each is the core's
/// action through the coordinator, or the form it opens (`AppModel.press`).
struct ButtonRow<B: ScreenButton>: View {
    @EnvironmentObject var model: AppModel
    let buttons: [B]
    let label: KeyPath<B, String>

    var body: some View {
        HStack {
            ForEach(buttons.indices, id: \.self) { i in
                Button(buttons[i][keyPath: label]) { model.press(buttons[i]) }
            }
        }
        .buttonStyle(.bordered)
    }
}
