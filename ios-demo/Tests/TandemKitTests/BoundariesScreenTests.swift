import Foundation
import XCTest
@testable import TandemKit

/// The boundaries screen as the shell drives it: `boundariesScreen()`, its
/// buttons through the coordinator (`perform`, or the form a button opens
/// with `openForm`), and the boundary form sent with the coordinator's
/// `submit`. Ana's and Ben's controllers are paired, share one ManualClock
/// (2027-03-13 12:00Z, a Saturday), read times in UTC and sync through
/// `FileSyncTransport`.
final class BoundariesScreenTests: TwoShellsTestCase {
    override var startsPaired: Bool { true }

    /// The form the screen's "New boundary" button opens, as the core fills it in.
    private func newForm(_ c: TandemController, file: StaticString = #filePath, line: UInt = #line)
        throws -> (heading: String, form: BoundaryFormInput, submits: [BoundarySubmit], examples: [String]) {
        let new = try c.boundariesScreen().new
        XCTAssertEqual(new.action, .new, file: file, line: line)
        XCTAssertNil(new.perform, "a form, not an action", file: file, line: line)
        let request = try XCTUnwrap(new.opens, file: file, line: line)
        XCTAssertEqual(request, .newBoundary, file: file, line: line)
        let opened = try c.openForm(request)
        let b = try XCTUnwrap(opened.model.boundary, "a boundary form", file: file, line: line)
        return (opened.model.heading, b.form, b.submits, b.examples)
    }

    /// A new boundary from Ana's form: example `example`, sent as the submit with `purpose`.
    @discardableResult
    private func anaWrites(example: Int, _ purpose: BoundaryPurpose,
                           file: StaticString = #filePath, line: UInt = #line) throws -> BoundaryRowModel {
        let opened = try newForm(ana, file: file, line: line)
        let submit = try XCTUnwrap(opened.submits.first { $0.purpose == purpose }, file: file, line: line)
        var form = opened.form
        form.text = opened.examples[example]
        let before = Set(try ana.boundariesScreen().mine.map(\.id))
        XCTAssertNotNil(try anaReminders.submit(form, as: submit.purpose).outcome, "sent", file: file, line: line)
        let new = try ana.boundariesScreen().mine.filter { !before.contains($0.id) }
        XCTAssertEqual(new.count, 1, file: file, line: line)
        return try XCTUnwrap(new.first, file: file, line: line)
    }

    func testAPrivateBoundaryIsAnasAloneUntilHerShareButtonShowsItOnBensScreenToRead() throws {
        let empty = try ana.boundariesScreen()
        XCTAssertEqual(empty.mine, [])
        XCTAssertEqual(empty.partners, [])
        XCTAssertEqual(empty.empty, "You have not written a boundary yet. Start from an example or write your own.")
        XCTAssertFalse(empty.intro.trimmingCharacters(in: .whitespaces).isEmpty)
        XCTAssertEqual(empty.new.label, "New boundary")

        let examples = try newForm(ana).examples
        let row = try anaWrites(example: 1, .private)
        XCTAssertEqual(try ana.open().changesToSend(), 0, "a private boundary has nothing to send")
        var screen = try ana.boundariesScreen()
        XCTAssertEqual(screen.mine.map(\.id), [row.id])
        XCTAssertEqual(screen.partners, [])
        XCTAssertNil(screen.empty, "no empty line once there is one")
        XCTAssertEqual(screen.mineHeading, "Yours")
        XCTAssertEqual(row.text, examples[1])
        XCTAssertTrue(row.mine)
        XCTAssertFalse(row.shared)
        XCTAssertEqual(row.status, "Only on this phone")
        XCTAssertEqual(row.written, "Written Sat 13 Mar 2027")
        anaZone = "Pacific/Kiritimati"  // UTC+14: already Sunday there
        XCTAssertEqual(try ana.boundariesScreen().row(id: row.id)?.written, "Written Sun 14 Mar 2027",
                       "dated on the phone's calendar, its zone read on every call")
        anaZone = "UTC"
        XCTAssertEqual(row.buttons.map(\.action), [.edit, .share, .retire])
        XCTAssertEqual(row.buttons.map(\.label), ["Change", "Share", "Retire"])
        XCTAssertEqual(row.button(.edit)?.opens, .editBoundary(id: row.id))
        XCTAssertNil(row.button(.edit)?.perform)

        // Share, pressed as the app presses it: the core's action through the coordinator.
        let share = try XCTUnwrap(row.button(.share)?.perform)
        XCTAssertEqual(share, .shareBoundary(id: row.id, shared: true))
        XCTAssertNil(row.button(.share)?.opens)
        let shared = try anaReminders.perform(share)
        XCTAssertEqual(shared.notice, "Your partner can read it after the next sync.")
        XCTAssertGreaterThanOrEqual(shared.toSend, 1)
        screen = try ana.boundariesScreen()
        let mine = try XCTUnwrap(screen.row(id: row.id))
        XCTAssertTrue(mine.shared)
        XCTAssertEqual(mine.status, "Ben's phone can read this")
        XCTAssertEqual(mine.buttons.map(\.action), [.edit, .makePrivate, .retire], "Share became Make private")
        XCTAssertEqual(mine.button(.makePrivate)?.perform, .shareBoundary(id: row.id, shared: false))

        try deliver(ana)
        let onBen = try ben.boundariesScreen()
        XCTAssertEqual(onBen.mine, [], "Ana's boundary is never Ben's")
        XCTAssertEqual(onBen.empty, empty.empty, "Ben has none of his own")
        XCTAssertEqual(onBen.partners.map(\.id), [row.id])
        let read = try XCTUnwrap(onBen.partners.first)
        XCTAssertEqual(read.text, examples[1])
        XCTAssertFalse(read.mine)
        XCTAssertTrue(read.shared)
        XCTAssertEqual(read.status, "Ana's phone shared this with you")
        XCTAssertEqual(read.buttons, [], "only its author changes a boundary")
        XCTAssertEqual(onBen.partnersHeading, "Ana's phone shared these with you")

        // Make private: gone from Ben's screen after the next sync.
        let back = try anaReminders.perform(try XCTUnwrap(mine.button(.makePrivate)?.perform))
        XCTAssertEqual(back.notice, "Private again: your partner's phone stops showing it after the next sync.")
        XCTAssertEqual(try ana.boundariesScreen().row(id: row.id)?.status, "Only on this phone")
        try deliver(ana)
        XCTAssertEqual(try ben.boundariesScreen().partners, [])
    }

    func testTheNewFormOffersExamplesHoldsBlankWordsAndSendsAPickedExample() throws {
        let (heading, form, submits, examples) = try newForm(ana)
        XCTAssertEqual(heading, "New boundary")
        XCTAssertEqual(form.text, "", "a new form opens blank")
        XCTAssertGreaterThanOrEqual(examples.count, 3)
        for example in examples { XCTAssertFalse(example.trimmingCharacters(in: .whitespaces).isEmpty) }
        XCTAssertEqual(Set(examples).count, examples.count)
        XCTAssertEqual(submits.map(\.purpose), [.private, .shared])
        XCTAssertEqual(submits.map(\.label), ["Keep it to myself", "Share with my partner"])

        // Blank words are held with the field's words; nothing is stored, sent or armed.
        for blank in ["", "   ", "\n\t"] {
            for submit in submits {
                let answer = try anaReminders.submit(BoundaryFormInput(text: blank), as: submit.purpose)
                XCTAssertNil(answer.outcome, "held: \(submit.label)")
                XCTAssertEqual(answer.words?.text, "Write what you need, in a sentence or two.")
                XCTAssertNil(answer.words?.form)
            }
        }
        XCTAssertEqual(try ana.boundariesScreen().mine, [])
        XCTAssertEqual(try ana.open().changesToSend(), 0)
        XCTAssertEqual(anaScheduler.calls, [], "nothing armed or cancelled")

        // An example picked into the field, sent as "Share with my partner".
        var picked = form
        picked.text = examples[2]
        let sent = try anaReminders.submit(picked, as: submits[1].purpose)
        XCTAssertNil(sent.words)
        XCTAssertEqual(sent.outcome?.notice, "Your partner can read it after the next sync.")
        let screen = try ana.boundariesScreen()
        XCTAssertEqual(screen.mine.map(\.text), [examples[2]])
        XCTAssertEqual(screen.mine.map(\.shared), [true])
        XCTAssertEqual(screen.mine.first?.status, "Ben's phone can read this")
        try deliver(ana)
        XCTAssertEqual(try ben.boundariesScreen().partners.map(\.text), [examples[2]])
    }

    func testChangeOpensTheFormWithTheCurrentWordsAndRetireRemovesIt() throws {
        let row = try anaWrites(example: 0, .shared)
        let change = try XCTUnwrap(row.button(.edit)?.opens)
        let opened = try ana.openForm(change)
        XCTAssertEqual(opened.model.heading, "Change your boundary")
        let (form, submits, _) = try XCTUnwrap(opened.model.boundary)
        XCTAssertEqual(form.text, row.text, "opens on the words it has")
        XCTAssertEqual(submits.map(\.purpose), [.edit(id: row.id)])
        XCTAssertEqual(submits.map(\.label), ["Save"])

        // Unchanged is held, about the whole form; blank about the field.
        let same = try anaReminders.submit(form, as: submits[0].purpose)
        XCTAssertNil(same.outcome)
        XCTAssertEqual(same.words?.form, "These are the words it already has.")
        XCTAssertEqual(try anaReminders.submit(BoundaryFormInput(text: " "), as: submits[0].purpose).words?.text,
                       "Write what you need, in a sentence or two.")
        XCTAssertEqual(try ana.boundariesScreen().row(id: row.id)?.text, row.text)

        // Changed words are saved, shared as it was, and reach Ben.
        clock.set(nowMs: at(2, 9, 0))
        var edited = form
        edited.text = "I need a quiet half hour after work."
        let saved = try anaReminders.submit(edited, as: submits[0].purpose)
        XCTAssertEqual(saved.outcome?.notice, "Your partner reads the new words after the next sync.")
        let now = try XCTUnwrap(try ana.boundariesScreen().row(id: row.id))
        XCTAssertEqual(now.text, "I need a quiet half hour after work.")
        XCTAssertTrue(now.shared)
        XCTAssertEqual(now.written, "Changed Mon 15 Mar 2027")
        XCTAssertEqual(try ana.openForm(change).model.boundary?.form.text, "I need a quiet half hour after work.")
        try deliver(ana)
        XCTAssertEqual(try ben.boundariesScreen().partners.map(\.text), ["I need a quiet half hour after work."])

        // Retire: gone from both screens, and Ana's empty line is back.
        let retire = try XCTUnwrap(now.button(.retire)?.perform)
        XCTAssertEqual(retire, .retireBoundary(id: row.id))
        XCTAssertEqual(try anaReminders.perform(retire).notice,
                       "Retired: your partner's phone stops showing it after the next sync.")
        let after = try ana.boundariesScreen()
        XCTAssertEqual(after.mine, [])
        XCTAssertNotNil(after.empty)
        try deliver(ana)
        XCTAssertEqual(try ben.boundariesScreen().partners, [])
        // Its Change form no longer opens on words that are gone.
        XCTAssertThrowsError(try ana.openForm(change))
    }
}
