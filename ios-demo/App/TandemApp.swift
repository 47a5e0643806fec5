import BackgroundTasks
import SwiftUI
import TandemKit
import UIKit

/// Re-plans reminders on launch, on clock and zone changes, in a background
/// refresh task, after every import and local change (AppModel) and after
/// the notification permission changes (checked when the app comes back).
/// The privacy cover hides everything whenever the scene is not active and
/// while the app lock (TandemKit's) is due.
/// Info.plist must list `AppDelegate.refreshTask` under
/// BGTaskSchedulerPermittedIdentifiers and enable the "fetch" background mode.
@main
struct TandemApp: App {
    @UIApplicationDelegateAdaptor(AppDelegate.self) private var delegate
    @Environment(\.scenePhase) private var phase

    var body: some Scene {
        WindowGroup {
            RootView()
                .overlay { PrivacyCover() }
                .environmentObject(delegate.model)
                .environmentObject(delegate.model.lock)
                .onOpenURL { url in delegate.receive(url) }
        }
        .onChange(of: phase) { now in
            switch now {
            case .active:
                delegate.model.lock.foregrounded()  // asks again when the time away calls for it
                delegate.model.replan(.permissionChanged)  // Settings may have changed it
            case .background:
                delegate.model.lock.backgrounded()
                AppDelegate.scheduleRefresh()
            default: break
            }
        }
    }
}

final class AppDelegate: NSObject, UIApplicationDelegate {
    static let refreshTask = "app.tandem.replan"
    @MainActor lazy var model = AppModel()

    func application(_ application: UIApplication,
                     didFinishLaunchingWithOptions options: [UIApplication.LaunchOptionsKey: Any]? = nil) -> Bool {
        BGTaskScheduler.shared.register(forTaskWithIdentifier: Self.refreshTask, using: nil) { task in
            Self.scheduleRefresh()  // the next one first
            Task { @MainActor in
                self.model.replan(.backgroundRefresh) { task.setTaskCompleted(success: true) }
            }
            task.expirationHandler = { task.setTaskCompleted(success: false) }
        }
        let center = NotificationCenter.default
        for (name, trigger) in [(UIApplication.significantTimeChangeNotification, ReplanTrigger.timeChanged),
                                (Notification.Name.NSSystemTimeZoneDidChange, ReplanTrigger.zoneChanged)] {
            center.addObserver(forName: name, object: nil, queue: .main) { _ in
                Task { @MainActor in self.model.replan(trigger) }
            }
        }
        center.addObserver(forName: NSLocale.currentLocaleDidChangeNotification, object: nil, queue: .main) { _ in
            Task { @MainActor in
                self.model.run({ c, _ in try c.languageChanged() }) { _ in self.model.replan(.languageChanged) }
            }
        }
        Task { @MainActor in self.model.start() }  // opens on the core's queue, then .appStart
        return true
    }

    /// Asks for a refresh in about six hours (the system picks the moment).
    static func scheduleRefresh() {
        let request = BGAppRefreshTaskRequest(identifier: refreshTask)
        request.earliestBeginDate = Date(timeIntervalSinceNow: ReminderCoordinator.backgroundRefreshInterval)
        try? BGTaskScheduler.shared.submit(request)
    }

    /// "Open in Tandem" for a sync file: AppModel.receive (TandemKit's
    /// FileSyncTransport.accept), then imported; a refused file says why.
    @MainActor func receive(_ url: URL) {
        model.receive(url)
    }
}

/// Recovery and error screens first; the tabs once the core is open, and
/// the form a button opened over them.
struct RootView: View {
    @EnvironmentObject var model: AppModel

    var body: some View {
        switch model.launch {
        case nil:
            ProgressView(model.words.opening)
        case .ready:
            TabView {
                TodayView().tabItem { Label(model.words.today, systemImage: "sun.max") }
                RitualsView().tabItem { Label(model.words.rituals, systemImage: "repeat") }
                AgreementsView().tabItem { Label(model.words.agreements, systemImage: "signature") }
                TogetherView().tabItem { Label(model.words.together, systemImage: "heart") }
                InsightsView().tabItem { Label(model.words.insights, systemImage: "chart.bar") }
            }
            .sheet(item: $model.form) { FormSheet(opened: $0) }  // the form a button opened
        case let .keyMissing(message):
            RecoveryView(message: message)
        case let .failed(_, message):
            Text(message).padding()
        }
    }
}
