#if canImport(UserNotifications)
import Foundation
import UserNotifications

/// `NotificationScheduler` over `UNUserNotificationCenter` (Apple platforms
/// only; not built or tested on Linux). The center answers through
/// completion handlers, which these calls wait for: re-plan off the main
/// thread.
public final class UserNotificationScheduler: NotificationScheduler {
    private let center: UNUserNotificationCenter

    public init(center: UNUserNotificationCenter = .current()) {
        self.center = center
    }

    public func pendingIds() throws -> [String] {
        let result = Box<[String]>([])
        let done = DispatchSemaphore(value: 0)
        center.getPendingNotificationRequests { requests in
            result.value = requests.map(\.identifier)
            done.signal()
        }
        done.wait()
        return result.value
    }

    public func arm(_ alarm: Alarm) throws {
        // The core decides every field (NotificationContent): with content
        // hidden, nothing of the ritual is in it, not even in userInfo.
        let text = alarm.notificationContent
        let content = UNMutableNotificationContent()
        content.title = text.title
        content.subtitle = text.subtitle
        content.body = text.body
        content.threadIdentifier = text.threadIdentifier
        content.userInfo = text.userInfo
        content.sound = .default
        // A wall time where the reminder follows the phone's zone, a fixed
        // instant otherwise (ReminderTrigger decides, tested on Linux).
        let request = UNNotificationRequest(
            identifier: alarm.id, content: content,
            trigger: UNCalendarNotificationTrigger(
                dateMatching: ReminderTrigger.components(for: alarm), repeats: false))

        let failure = Box<Error?>(nil)
        let done = DispatchSemaphore(value: 0)
        center.add(request) { error in
            failure.value = error
            done.signal()
        }
        done.wait()
        if let error = failure.value { throw error }
    }

    public func cancel(ids: [String]) throws {
        center.removePendingNotificationRequests(withIdentifiers: ids)
    }

    public func permission() throws -> NotificationPermission {
        let status = Box<UNAuthorizationStatus>(.notDetermined)
        let done = DispatchSemaphore(value: 0)
        center.getNotificationSettings { settings in
            status.value = settings.authorizationStatus
            done.signal()
        }
        done.wait()
        switch status.value {
        case .notDetermined: return .notAsked
        case .denied: return .denied
        default: return .allowed  // authorized, provisional, ephemeral
        }
    }

    /// Shows the system prompt once (later calls answer at once); the app
    /// re-plans with `.permissionChanged` afterwards, whatever the answer.
    /// Off the main thread, like every call here.
    public func requestPermission() -> NotificationPermission {
        let done = DispatchSemaphore(value: 0)
        center.requestAuthorization(options: [.alert, .sound]) { _, _ in done.signal() }
        done.wait()
        return (try? permission()) ?? .denied
    }
}

/// A value a completion handler fills in while the caller waits.
private final class Box<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}
#endif
