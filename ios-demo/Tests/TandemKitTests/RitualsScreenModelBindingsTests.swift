import Foundation
import XCTest
@testable import TandemKit

/// The core's rituals screen through the bindings: statuses, buttons and
/// labels decided once for both phones.
final class RitualsScreenModelBindingsTests: TwoPhonesTestCase {
    func testEachPhonesStatusesAndButtonsComeFromTheCore() throws {
        try pair()
        let walk = try ana.proposeRitual(draft: draft("Evening walk"))
        try sync(ana, to: ben)
        let onBen = try ben.ritualsScreen(deviceZone: "Europe/Berlin")
        let row = try XCTUnwrap(onBen.rows.first)
        XCTAssertEqual(row.id, walk.id)
        XCTAssertEqual(row.status, "Waiting for your answer")
        XCTAssertEqual(row.buttons.map(\.action), [.accept, .decline, .counter])
        XCTAssertEqual(row.buttons.map(\.label), ["Accept", "Decline", "Suggest another time"])
        XCTAssertEqual(onBen.answersWaiting, 1)
        let onAna = try XCTUnwrap(try ana.ritualsScreen(deviceZone: "Europe/Berlin").rows.first)
        XCTAssertEqual(onAna.status, "Waiting for your partner")
        XCTAssertEqual(onAna.buttons, [])

        _ = try ben.acceptRitual(id: walk.id)
        try sync(ben, to: ana)
        for phone in [ana!, ben!] {
            XCTAssertEqual(try phone.ritualsScreen(deviceZone: "Europe/Berlin").rows.first?.buttons.map(\.action),
                           [.counter, .pause, .retire])
        }
        assertTandemError(.invalidInput, "an unknown zone") { try ana.ritualsScreen(deviceZone: "Mars/Base") }
    }
}
