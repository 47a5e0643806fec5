import Foundation
import SwiftUI
import TandemKit
import UIKit

/// Holds the controller and the reminder coordinator, runs every call to
/// them on one serial queue (they are not thread-safe, and opening, export
/// and the notification center's answers take a moment), and publishes the
/// screen models TandemKit builds. It decides nothing itself.
@MainActor
final class AppModel: ObservableObject {
    @Published var launch: LaunchState?
    private let gate = ReplanGate()
    private let zones = ZoneWatch()
    @Published var today: TodayScreen?
    @Published var rituals: RitualsScreen?
    @Published var agreements: AgreementsScreen?
    @Published var pauses: PauseScreen?
    @Published var insights: InsightsScreen?
    @Published var checkIn: CheckInScreen?
    @Published var sync: SyncScreen?
    @Published var notebook: Notebook?
    @Published var boundaries: BoundariesScreen?
    /// A ritual's own screen, while one is shown (`showRitual`); `ritualShown` is its id.
    @Published var ritual: RitualScreen?
    var ritualShown: String?
    /// What the last send or import did (kept for the Sync screen's lines).
    var lastSync: SyncResult?
    @Published var notificationsNote: String?
    /// What the last action said ("Reminder snoozed until 13:15."), if anything.
    @Published var notice: String?
    /// The form a button opened, while it is shown.
    @Published var form: OpenForm?
    /// The words around the screens (tabs, fields, buttons), in the phone's language.
    @Published var words: Labels = labels(localeTag: phoneLanguage())
    @Published var error: String?

    let controller: TandemController
    let scheduler = UserNotificationScheduler()
    private let reminders: ReminderCoordinator
    let queue = DispatchQueue(label: "app.tandem.core")
    /// The app lock (TandemKit decides, LocalAuthentication asks), on `queue`.
    lazy var lock = LockModel(model: self)
    let transport: FileSyncTransport

    init() {
        let support = FileManager.default.urls(for: .applicationSupportDirectory, in: .userDomainMask)[0]
        try? FileManager.default.createDirectory(at: support, withIntermediateDirectories: true)
        controller = TandemController(
            databasePath: support.appendingPathComponent("tandem.sqlite").path,
            keys: KeychainKeyProvider(), newDeviceName: UIDevice.current.name)
        reminders = ReminderCoordinator(controller: controller, scheduler: scheduler)
        transport = FileSyncTransport(outbox: support.appendingPathComponent("outbox", isDirectory: true),
                                      inbox: support.appendingPathComponent("inbox", isDirectory: true))
    }

    /// Runs `work` on the core's queue; its result, or the person-readable
    /// message of its error, comes back on the main actor.
    func run<T>(_ work: @escaping (TandemController, ReminderCoordinator) throws -> T,
                then done: @escaping @MainActor (T) -> Void = { _ in }) {
        let (controller, reminders) = (self.controller, self.reminders)
        queue.async {
            let result = Result { try work(controller, reminders) }
            Task { @MainActor in
                switch result {
                case let .success(value): self.error = nil; done(value)
                case let .failure(error): self.error = TandemMessages.message(for: error)
                }
            }
        }
    }

    /// Opens (off the main thread), then re-plans (and whatever waited for
    /// the launch: a cold background refresh) and loads the screens. A zone
    /// changed while the app was not running re-plans for the new zone.
    func start() {
        run({ c, _ in c.launch() }) { state in
            self.launch = state
            let (waiting, finished) = self.gate.launched(open: state == .ready)
            guard state == .ready else { return }
            self.lock.started()
            self.askForNotificationsOnce()
            let zoneMoved = self.zones.triggerAtLaunch(zone: TimeZone.current.identifier)
            let triggers = [.appStart] + [zoneMoved].compactMap { $0 } + waiting
            for (i, t) in triggers.enumerated() {
                self.replan(t, finished: i == triggers.count - 1 ? { finished.forEach { $0() } } : nil)
            }
        }
    }

    /// Re-plans for `trigger`, then reloads every screen. Before the core is
    /// open it waits for the launch (TandemKit's ReplanGate); `finished`
    /// runs only after the re-plan, never before.
    func replan(_ trigger: ReplanTrigger, finished: (() -> Void)? = nil) {
        guard gate.request(trigger, finished: finished) else { return }
        let zone = TimeZone.current.identifier
        run({ _, r in try r.replan(trigger: trigger) }) { report in
            self.zones.planned(in: zone)
            self.notificationsNote = report.permissionMessage
            self.reload()
            finished?()
        }
    }

    /// A screen button: the core's action when it has one, else the form it opens.
    func press(_ button: any ScreenButton) {
        if let action = button.perform { act(action) } else if let request = button.opens { open(request) }
    }

    /// A refusal is worded for what the action is about (ActionRefused).
    func act(_ action: UserAction) { send({ r in try ActionRefused.wording(action) { try r.perform(action) } }) }

    /// The form as the core fills it in, shown as a sheet (RootView).
    func open(_ request: FormRequest) {
        run({ c, _ in try c.openForm(request) }) { self.form = $0 }
    }

    /// One core call (an action, a form's submit); TandemKit carries out the
    /// reminders its outcome cancels and arms, then the notice and a reload.
    func send<Answer: CarriesOutcome>(_ call: @escaping (ReminderCoordinator) throws -> Answer,
                                      then done: @escaping @MainActor (Answer) -> Void = { _ in }) {
        run({ _, r in try call(r) }) { answer in
            if let outcome = answer.outcome {
                self.notice = outcome.notice
                self.reload()
            }
            done(answer)
        }
    }

    private func askForNotificationsOnce() {
        let scheduler = self.scheduler
        queue.async {
            guard (try? scheduler.permission()) == .notAsked else { return }
            _ = scheduler.requestPermission()
            Task { @MainActor in self.replan(.permissionChanged) }
        }
    }
}
