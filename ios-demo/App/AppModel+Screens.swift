import Foundation
import TandemKit

/// Loading the screen models: every one TandemKit builds, on the core's
/// queue, after each action, submit, sync and re-plan.
extension AppModel {
    /// Every screen model, built by TandemKit on the core's queue.
    func reload() {
        words = labels(localeTag: phoneLanguage())
        let (transport, last) = (self.transport, self.lastSync)
        run({ c, _ in (try c.todayScreen(), try c.ritualsScreen(), try c.agreementsScreen(),
                       try c.pauseScreen(), try c.insightsScreen()) }) { screens in
            (self.today, self.rituals, self.agreements, self.pauses, self.insights) = screens
        }
        run({ c, _ in (try c.checkInScreen(), try c.syncScreen(inbox: transport, last: last), try c.notebookScreen(),
                       try c.boundariesScreen()) }) { screens in
            (self.checkIn, self.sync, self.notebook, self.boundaries) = screens
        }
        loadRitual()
    }

    /// Shows ritual `id`'s own screen (RitualView), kept fresh by every
    /// reload while it is shown; nil when it closes.
    func showRitual(_ id: String?) {
        guard ritualShown != id else { return }
        ritualShown = id
        ritual = nil
        loadRitual()
    }

    private func loadRitual() {
        guard let id = ritualShown else { return }
        run({ c, _ in try c.ritualScreen(id) }) { screen in
            if self.ritualShown == id { self.ritual = screen }
        }
    }
}
