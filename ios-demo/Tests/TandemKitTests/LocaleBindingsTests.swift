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
        XCTAssertEqual(noticeText(notice: .keyMissing, localeTag: "en"), LaunchState.keyMissingMessage,
                       "the shell's words are the core's")
        XCTAssertTrue(noticeText(notice: .notificationsOff, localeTag: "de").hasPrefix("Benachrichtigungen für Tandem sind aus"))
    }
}

/// The controller opens in the phone's language and follows a change of it.
final class LanguageShellTests: TwoShellsTestCase {
    func testTheControllerOpensInThePhonesLanguageAndFollowsAChange() throws {
        var language = "de-DE"
        let c = controller("cleo.sqlite", "Cleo", language: { language })
        let today = try c.todayScreen()
        XCTAssertEqual(today.empty, "Heute steht nichts an. Ein ruhiger Tag ist auch gut.")
        XCTAssertEqual(today.snooze.label, "In 15 Min.")
        XCTAssertEqual(today.headings.due, "Heute offen")
        language = "en-GB"
        try c.languageChanged()
        XCTAssertEqual(try c.todayScreen().empty, "Nothing for today. A quiet day is fine too.")
        language = ""
        try c.languageChanged()
        XCTAssertEqual(try c.todayScreen().empty, "Nothing for today. A quiet day is fine too.",
                       "a refused tag reads as English")
        try c.close()
    }
}
