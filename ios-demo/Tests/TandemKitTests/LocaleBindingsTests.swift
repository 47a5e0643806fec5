import Foundation
import XCTest
@testable import TandemKit

/// The core's message catalog through the bindings: the phone's language
/// set once on the Tandem, the rituals screen worded in it.
final class LocaleBindingsTests: TwoPhonesTestCase {
    func testSetLocaleWordsTheRitualsScreenInGerman() throws {
        try pair()
        _ = try ana.proposeRitual(draft: draft("Abendspaziergang"))
        try sync(ana, to: ben)
        XCTAssertEqual(try ben.ritualsScreen(deviceZone: "Europe/Berlin").rows.first?.status,
                       "Waiting for your answer", "English by default")
        try ben.setLocale(tag: "de")
        let row = try XCTUnwrap(try ben.ritualsScreen(deviceZone: "Europe/Berlin").rows.first)
        XCTAssertEqual(row.status, "Wartet auf deine Antwort")
        XCTAssertEqual(row.buttons.map(\.label), ["Annehmen", "Lieber nicht", "Andere Zeit vorschlagen"])
        XCTAssertEqual(row.reads.first, "Titel: „Abendspaziergang“")
        try ana.setLocale(tag: "de_AT.UTF-8")
        XCTAssertEqual(try ana.ritualsScreen(deviceZone: "Europe/Berlin").rows.first?.status,
                       "Wartet auf dein Gegenüber")
        assertTandemError(.invalidInput, "an empty tag") { try ana.setLocale(tag: "") }
        XCTAssertEqual(errorMessage(kind: .closed, context: .anything),
                       errorMessageIn(kind: .closed, context: .anything, localeTag: "en-US"))
        XCTAssertEqual(errorMessageIn(kind: .closed, context: .anything, localeTag: "de-DE").text,
                       "Tandem wurde geschlossen. Öffne es wieder, um weiterzumachen.")
    }
}
