import Foundation
import XCTest

@testable import TandemKit

final class LaunchSupportTests: XCTestCase {
    func testABackgroundRefreshBeforeTheCoreIsOpenWaitsAndCompletesAfterTheRePlan() {
        let gate = ReplanGate()
        var completed: [String] = []
        XCTAssertFalse(gate.request(.backgroundRefresh) { completed.append("refresh") })
        XCTAssertFalse(gate.request(.zoneChanged) { completed.append("zone") })
        XCTAssertFalse(gate.request(.backgroundRefresh))
        XCTAssertEqual(completed, [], "nothing completes before the re-plan ran")
        let (triggers, finished) = gate.launched(open: true)
        XCTAssertEqual(triggers, [.backgroundRefresh, .zoneChanged])
        XCTAssertEqual(completed, [], "the completions are the caller's to run after re-planning")
        finished.forEach { $0() }
        XCTAssertEqual(completed, ["refresh", "zone"])
        XCTAssertTrue(gate.request(.backgroundRefresh), "open: at once")
    }

    func testAFailedLaunchCompletesTheWaitingTasksAndPlansNothing() {
        let gate = ReplanGate()
        var completed = 0
        _ = gate.request(.backgroundRefresh) { completed += 1 }
        let (triggers, finished) = gate.launched(open: false)
        XCTAssertEqual(triggers, [])
        XCTAssertTrue(finished.isEmpty)
        XCTAssertEqual(completed, 1)
        XCTAssertFalse(gate.request(.appStart), "still closed: it waits again")
    }

    func testAZoneChangeWhileNotRunningAsksForAZoneRePlanAtLaunch() {
        let store = UserDefaults(suiteName: "tandem-zone-\(UUID().uuidString)")!
        let watch = ZoneWatch(store: store)
        XCTAssertNil(watch.triggerAtLaunch(zone: "Europe/Berlin"), "first launch: nothing recorded")
        watch.planned(in: "Europe/Berlin")
        XCTAssertNil(watch.triggerAtLaunch(zone: "Europe/Berlin"))
        XCTAssertEqual(ZoneWatch(store: store).triggerAtLaunch(zone: "America/New_York"), .zoneChanged)
    }

    func testTheKeychainKeyIsAddedThenUpdatedNeverDeletedFirst() {
        var calls: [String] = []
        let first = KeychainSave.save(add: { calls.append("add"); return KeychainSave.success },
                                      update: { calls.append("update"); return KeychainSave.success })
        XCTAssertEqual(first, KeychainSave.success)
        XCTAssertEqual(calls, ["add"])
        calls = []
        let again = KeychainSave.save(add: { calls.append("add"); return KeychainSave.duplicateItem },
                                      update: { calls.append("update"); return KeychainSave.success })
        XCTAssertEqual(again, KeychainSave.success)
        XCTAssertEqual(calls, ["add", "update"])
        let refused = KeychainSave.save(add: { -25308 }, update: { XCTFail("no update after another error"); return 0 })
        XCTAssertEqual(refused, -25308, "errSecInteractionNotAllowed comes back as it is")
    }
}
