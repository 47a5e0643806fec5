import Foundation
import XCTest
@testable import TandemKit

/// The forms as the core opens and sends them: a screen button's `opens`
/// goes to `openForm`, which fills the form in and names its submits; a
/// submit goes through the coordinator, which carries out exactly the
/// outcome's reminders (as `perform`), or answers with each field's words
/// and touches nothing. Ana's and Ben's controllers share one ManualClock
/// (2027-03-13 12:00Z, a Saturday) and read times in UTC.
final class FormsTests: TwoShellsTestCase {
    override var showsReminderText: Bool { true }

    /// The ritual form a button opens: a form, never an action.
    private func ritualForm(_ c: TandemController, _ button: (any ScreenButton)?,
                            file: StaticString = #filePath, line: UInt = #line)
        throws -> (request: FormRequest, form: RitualFormInput, submits: [RitualSubmit]) {
        let b = try XCTUnwrap(button, "the button", file: file, line: line)
        XCTAssertNil(b.perform, "a form, not an action", file: file, line: line)
        let request = try XCTUnwrap(b.opens, file: file, line: line)
        let opened = try c.openForm(request)
        let ritual = try XCTUnwrap(opened.model.ritual, "a ritual form", file: file, line: line)
        return (request, ritual.form, ritual.submits)
    }

    private func agreementForm(_ c: TandemController, _ button: (any ScreenButton)?,
                               file: StaticString = #filePath, line: UInt = #line)
        throws -> (request: FormRequest, form: AgreementFormInput, submits: [AgreementSubmit]) {
        let b = try XCTUnwrap(button, "the button", file: file, line: line)
        XCTAssertNil(b.perform, "a form, not an action", file: file, line: line)
        let request = try XCTUnwrap(b.opens, file: file, line: line)
        let agreement = try XCTUnwrap(try c.openForm(request).model.agreement, "an agreement form", file: file, line: line)
        return (request, agreement.form, agreement.submits)
    }

    // MARK: rituals

    /// "+" opens `.newRitual`: the core's defaults (daily at 20:00 on the
    /// phone's clock, 10 minutes) and two submits, shared or just for me.
    func testANewRitualOpensAsTheCoreSaysAndIsSentAsTyped() throws {
        let opened = try ana.openForm(.newRitual)
        XCTAssertEqual(opened.model.heading, "New ritual")
        let (opening, submits) = try XCTUnwrap(opened.model.ritual)
        var form = opening
        XCTAssertEqual(form, RitualFormInput(title: "", prompt: "", minutes: "10", timeOfDay: "20:00", zone: .floating,
                                             repeat: .daily),
                       "the core's new form, nothing the shell chose: every other field blank")
        XCTAssertEqual([form.title, form.timeOfDay, form.minutes, form.trialUntil, form.prompt], ["", "20:00", "10", "", ""])
        XCTAssertEqual(form.repeat, .daily)
        XCTAssertEqual(form.zone, .floating)
        XCTAssertEqual(submits.map(\.label), ["Suggest to my partner", "Just for me"])
        XCTAssertEqual(submits.map(\.purpose), [.propose, .personal])

        // The day picker's rule is the core's.
        for day in [Weekday.friday, .monday, .wednesday] { form.repeat = toggleWeekday(repeat: form.repeat, day: day) }
        XCTAssertEqual(form.repeat, .weekdays(days: [.monday, .wednesday, .friday]), "in week order")
        XCTAssertTrue(form.repeat.picks(.monday))
        XCTAssertFalse(form.repeat.picks(.sunday))
        XCTAssertEqual(toggleWeekday(repeat: .weekdays(days: [.monday]), day: .monday), .daily, "none picked: every day")
        XCTAssertEqual(toggleWeekday(repeat: .monthlyOnDay(day: 5), day: .tuesday), .weekdays(days: [.tuesday]))

        (form.title, form.timeOfDay, form.minutes, form.trialUntil) = ("Evening walk", " 07:05", " 30 ", "2027-03-27")
        let sent = try anaReminders.submit(form, as: submits[0].purpose)
        XCTAssertNil(sent.words)
        XCTAssertEqual(sent.outcome?.armed, [], "proposed: nothing to arm before Ben agrees")
        assertCarriedOut(sent.outcome, on: anaScheduler)
        let walk = try XCTUnwrap(try ana.open().rituals().first)
        XCTAssertEqual([walk.title, walk.timeOfDay, String(walk.minutes)], ["Evening walk", "07:05", "30"])
        XCTAssertEqual(walk.status, .proposed)
        XCTAssertFalse(walk.personal)
        XCTAssertEqual(walk.recurrence.repeat, .weekdays(days: [.monday, .wednesday, .friday]))
        XCTAssertEqual(walk.trialUntil, "2027-03-27")

        // "Just for me", untouched but for the title: active and armed at once.
        form = try XCTUnwrap(try ana.openForm(.newRitual).model.ritual).form
        form.title = "Tea"
        anaScheduler.clearCalls()
        let tea = try anaReminders.submit(form, as: .personal)
        let armed = try XCTUnwrap(tea.outcome?.armed)
        XCTAssertFalse(armed.isEmpty)
        assertCarriedOut(tea.outcome, on: anaScheduler)
        XCTAssertEqual(Set(anaScheduler.shown.map(\.title)), ["Tea"])
        XCTAssertEqual(anaScheduler.shown.map(\.fireAtMs).min(), T.mar13_0000Z + 20 * T.hour)
    }

    func testTheCoreChecksEachRitualFieldAndNothingIsSentOrArmed() throws {
        func refused(_ change: (inout RitualFormInput) -> Void, _ field: KeyPath<RitualFormCheck, String?>,
                     _ words: String, line: UInt = #line) throws {
            var form = try XCTUnwrap(try ana.openForm(.newRitual).model.ritual).form
            (form.title, form.timeOfDay, form.minutes) = ("Tea", "07:00", "20")
            change(&form)
            let answer = try anaReminders.submit(form, as: .personal)
            XCTAssertNil(answer.outcome, "nothing sent", line: line)
            XCTAssertEqual(answer.words?[keyPath: field], words, line: line)
            XCTAssertNil(answer.words?.draft, line: line)
        }
        let length = "The length is a whole number of minutes, 1 to 1440."
        let time = "A time like 20:30, from 00:00 to 23:59."
        try refused({ $0.minutes = "0" }, \.minutes, length)
        try refused({ $0.minutes = "1441" }, \.minutes, length)
        for word in ["half an hour", "", "-5", "4294967296"] { try refused({ $0.minutes = word }, \.minutes, length) }
        try refused({ $0.timeOfDay = "25:00" }, \.timeOfDay, time)
        try refused({ $0.timeOfDay = "7pm" }, \.timeOfDay, time)
        try refused({ $0.title = "" }, \.title, "Give your ritual a short title.")
        try refused({ $0.title = String(repeating: "t", count: 81) }, \.title, "Up to 80 characters; this has 81.")
        try refused({ $0.repeat = .weekdays(days: []) }, \.repeat, "Choose at least one day of the week.")
        try refused({ $0.trialUntil = "2027-03-13" }, \.trialUntil, "Pick a day after today.")
        // Several fields at once, each with its own words, in the phone's language.
        var form = try XCTUnwrap(try ana.openForm(.newRitual).model.ritual).form
        (form.title, form.timeOfDay, form.minutes) = (" ", "7pm", "ten")
        let words = try XCTUnwrap(try anaReminders.submit(form, as: .propose).words)
        XCTAssertEqual([words.title, words.timeOfDay, words.minutes, words.repeat],
                       ["Give your ritual a short title.", time, length, nil])
        try ana.open().setLocale(tag: "de-DE")
        XCTAssertEqual(try anaReminders.submit(form, as: .propose).words?.minutes,
                       "Die Dauer ist eine ganze Zahl von Minuten, 1 bis 1440.")
        XCTAssertEqual(try ana.open().rituals(), [], "nothing was saved")
        XCTAssertEqual(anaScheduler.calls, [], "the scheduler untouched")
    }

    /// Ben's "Suggest another time" on Today's invitation: the form holds
    /// the version he answers, every field (shown or not) as it was.
    func testACounterOpensFromTodaysInvitationPrefilled() throws {
        try pair()
        let proposed = try ana.open().proposeRitual(draft: RitualDraft(
            title: "Evening walk", prompt: "Phones stay home", minutes: 30, timeOfDay: "20:30",
            zone: .fixed(zone: "Europe/Berlin"),
            recurrence: Recurrence(repeat: .weekdays(days: [.tuesday, .thursday]), startDate: nil, untilDate: nil, count: 10),
            windowEnd: nil, leadMinutes: [10], trialUntil: nil))
        try deliver(ana)

        let item = try XCTUnwrap(try ben.todayScreen().invitations.first { $0.id == proposed.id })
        let (request, opening, submits) = try ritualForm(ben, item.button(.counter))
        XCTAssertEqual(request, .changeRitual(id: proposed.id))
        XCTAssertEqual(try ben.openForm(request).model.heading, "Suggest another time")
        var form = opening
        XCTAssertEqual([form.title, form.prompt, form.timeOfDay, form.minutes, form.trialUntil],
                       ["Evening walk", "Phones stay home", "20:30", "30", ""])
        XCTAssertEqual(form.repeat, .weekdays(days: [.tuesday, .thursday]))
        XCTAssertEqual(form.zone, .fixed(zone: "Europe/Berlin"))
        XCTAssertEqual(form.count, 10)
        XCTAssertEqual(form.leadMinutes, [10])
        XCTAssertEqual(submits, [RitualSubmit(label: "Suggest this instead", purpose: .change(id: proposed.id))])

        // Unchanged: the core says so about the whole form.
        XCTAssertEqual(try benReminders.submit(form, as: submits[0].purpose).words?.form,
                       "This is the same as the version it changes.")
        XCTAssertEqual(benScheduler.calls, [])

        form.timeOfDay = "21:00"
        form.repeat = toggleWeekday(repeat: form.repeat, day: .sunday)
        let sent = try benReminders.submit(form, as: submits[0].purpose)
        assertCarriedOut(sent.outcome, on: benScheduler)
        XCTAssertGreaterThan(try XCTUnwrap(sent.outcome).toSend, 0, "the counter waits for Ana")
        let countered = try ben.ritual(proposed.id)
        XCTAssertEqual(countered.status, .countered)
        let pending = try XCTUnwrap(countered.pending)
        XCTAssertEqual(pending.timeOfDay, "21:00")
        XCTAssertEqual(pending.recurrence.repeat, .weekdays(days: [.tuesday, .thursday, .sunday]))
        XCTAssertEqual(pending.recurrence.count, 10, "the end stays")
        XCTAssertEqual(pending.prompt, "Phones stay home")
        XCTAssertEqual(pending.zone, .fixed(zone: "Europe/Berlin"))
        XCTAssertEqual(pending.leadMinutes, [10])
    }

    /// A personal ritual's change on the rituals screen: one "Save", in
    /// effect at once, its reminders re-armed exactly as the outcome says.
    func testAPersonalRitualsChangeIsSavedAtOnce() throws {
        let journal = try anaReminders.addPersonal(RitualDraft(
            title: "Morning journal", prompt: nil, minutes: 15, timeOfDay: "07:00", zone: .floating)).value
        let before = anaScheduler.pending.keys.sorted()
        XCTAssertFalse(before.isEmpty)
        let row = try XCTUnwrap(try ana.ritualsScreen().row(id: journal.id))
        let (request, opening, submits) = try ritualForm(ana, row.button(.change))
        XCTAssertEqual(request, .changeRitual(id: journal.id))
        XCTAssertEqual(try ana.openForm(request).model.heading, "Change this ritual", "nobody answers it")
        var form = opening
        XCTAssertEqual(submits.map(\.label), ["Save"])
        XCTAssertEqual(submits.map(\.purpose), [.change(id: journal.id)])
        XCTAssertEqual([form.title, form.timeOfDay, form.minutes], ["Morning journal", "07:00", "15"])

        form.timeOfDay = "06:30"
        anaScheduler.clearCalls()
        let saved = try XCTUnwrap(try anaReminders.submit(form, as: submits[0].purpose).outcome)
        assertCarriedOut(saved, on: anaScheduler)
        XCTAssertFalse(saved.armed.isEmpty)
        XCTAssertEqual(Set(anaScheduler.pending.keys), Set(before).subtracting(saved.cancelled).union(saved.armed))
        XCTAssertEqual(anaScheduler.shown.map(\.fireAtMs).min(), T.mar13_0000Z + T.day + 6 * T.hour + 30 * T.minute,
                       "tomorrow at 06:30, no longer 07:00")
        let changed = try ana.ritual(journal.id)
        XCTAssertEqual([changed.timeOfDay, String(changed.minutes)], ["06:30", "15"])
        XCTAssertEqual(changed.status, .active)
        XCTAssertNil(changed.pending, "nobody answers a personal change")
    }

    func testATrialIsAdjustedFromItsLookBack() throws {
        let trial = try anaReminders.addPersonal(RitualDraft(
            title: "Stretching", prompt: nil, minutes: 10, timeOfDay: "07:30", zone: .floating,
            recurrence: nil, windowEnd: nil, leadMinutes: [], trialUntil: "2027-03-20")).value
        clock.set(nowMs: T.mar13_0000Z + 7 * T.day + 8 * T.hour)  // 2027-03-20
        let look = try XCTUnwrap(try ana.todayScreen().reviews.first { $0.id == trial.id })
        let (request, opening, submits) = try ritualForm(ana, look.button(.adjust))
        XCTAssertEqual(request, .adjustRitual(id: trial.id))
        var form = opening
        XCTAssertEqual(try ana.openForm(request).model.heading, "Adjust the experiment")
        XCTAssertEqual(submits, [RitualSubmit(label: "Keep it changed", purpose: .adjust(id: trial.id))])
        XCTAssertEqual(form.trialUntil, "2027-03-20")

        form.minutes = "15"
        anaScheduler.clearCalls()
        for end in ["2027-03-19", "2027-03-20"] {
            form.trialUntil = end
            let answer = try anaReminders.submit(form, as: submits[0].purpose)
            XCTAssertNil(answer.outcome, "an end before or on the one that came")
            XCTAssertEqual(answer.words?.trialUntil, "Pick a day after Sat 20 Mar 2027, or leave it empty to keep it for good.")
        }
        XCTAssertEqual(anaScheduler.calls, [])
        form.trialUntil = "2027-04-03"
        let adjusted = try anaReminders.submit(form, as: submits[0].purpose)
        assertCarriedOut(adjusted.outcome, on: anaScheduler)
        XCTAssertEqual(try ana.ritual(trial.id).minutes, 15, "a personal ritual takes the change at once")
        XCTAssertEqual(try ana.ritual(trial.id).trialUntil, "2027-04-03")
        XCTAssertEqual(try ana.todayScreen().reviews, [])
    }

    func testAFormForSomethingUnknownIsRefused() {
        assertTandemError(.notFound) { try ana.openForm(.changeRitual(id: "nope")) }
        assertTandemError(.notFound) { try ana.openForm(.amendAgreement(id: "nope", version: nil)) }
        assertTandemError(.notFound) { try ana.openForm(.reviewAgreement(id: "nope")) }
    }

    // MARK: agreements

    func testANewAgreementWithCoolDownAndReview() throws {
        let opened = try ana.openForm(.newAgreement)
        XCTAssertEqual(opened.model.heading, "New agreement")
        let (opening, submits) = try XCTUnwrap(opened.model.agreement)
        var form = opening
        XCTAssertEqual(form, AgreementFormInput(title: "", text: "", coolDown: "", reviewOn: "", eitherMayCall: true, revisit: nil))
        XCTAssertEqual(submits, [AgreementSubmit(label: "Propose", purpose: .propose)])

        (form.title, form.text, form.coolDown) = ("Pausing", "Either of us can call a pause.", "30")
        form.reviewOn = dayText(Date(timeIntervalSince1970: 1_807_000_000), zone: "UTC")
        XCTAssertEqual(form.reviewOn, "2027-04-06")
        let sent = try anaReminders.submit(form, as: .propose)
        assertCarriedOut(sent.outcome, on: anaScheduler)
        let proposed = try XCTUnwrap(try ana.open().agreements().first)
        let version = try XCTUnwrap(proposed.pending.first)
        XCTAssertEqual(version.pauseProtocol, PauseProtocol(coolDownMinutes: 30, eitherMayCall: true, revisit: nil))
        XCTAssertEqual(version.reviewOn, "2027-04-06")
        XCTAssertEqual(proposed.status, .proposed)

        // 23:30 on Apr 5 in UTC is already Apr 6 in Tokyo.
        let lateEvening = Date(timeIntervalSince1970: 1_806_967_800)
        XCTAssertEqual(dayText(lateEvening, zone: "UTC"), "2027-04-05")
        XCTAssertEqual(dayText(lateEvening, zone: "Asia/Tokyo"), "2027-04-06")
    }

    func testTheCoreChecksEachAgreementFieldAndNothingIsSent() throws {
        func checked(_ change: (inout AgreementFormInput) -> Void, line: UInt = #line) throws -> AgreementFormCheck {
            var form = try XCTUnwrap(try ana.openForm(.newAgreement).model.agreement).form
            (form.title, form.text) = ("Pausing", "We pause.")
            change(&form)
            let answer = try anaReminders.submit(form, as: .propose)
            XCTAssertNil(answer.outcome, "nothing sent", line: line)
            return try XCTUnwrap(answer.words, line: line)
        }
        let range = "A cool-down is a whole number of minutes, 20 to 1440."
        XCTAssertEqual(try checked { $0.coolDown = "5" }.coolDown, range, "below 20")
        XCTAssertEqual(try checked { $0.coolDown = "1441" }.coolDown, range, "over a day")
        XCTAssertEqual(try checked { $0.coolDown = "twenty" }.coolDown, range, "not a number")
        XCTAssertEqual(try checked { $0.reviewOn = "2027-03-13" }.reviewOn, "Pick a day after today.")
        XCTAssertEqual(try checked { $0.reviewOn = "next spring" }.reviewOn, "A date like 2027-03-14.")
        let both = try checked { ($0.title, $0.text) = (" ", "") }
        XCTAssertEqual([both.title, both.text], ["Give it a short title.", "Write down what you agree on."])
        XCTAssertNil(both.draft)
        XCTAssertEqual(try ana.open().agreements(), [])
        XCTAssertEqual(anaScheduler.calls, [])
    }

    /// Ben amends the version waiting for him (its option's button), then
    /// at the look back Ana suggests a new version (Today's button), which
    /// ends the look back.
    func testAmendAndReviewFromTheScreensButtons() throws {
        try pair()
        let v1 = AgreementDraft(title: "Pausing", text: "We pause when it gets heated.",
                                pauseProtocol: PauseProtocol(coolDownMinutes: 30, eitherMayCall: false, revisit: "At the kitchen table"),
                                reviewOn: "2027-03-20")
        let id = try ana.open().proposeAgreement(draft: v1).id
        try deliver(ana)
        let option = try XCTUnwrap(try ben.agreementsScreen().row(id: id)?.options.first)
        let amend = try agreementForm(ben, option.button(.amend))
        XCTAssertEqual(amend.request, .amendAgreement(id: id, version: option.version))
        XCTAssertEqual(try ben.openForm(amend.request).model.heading, "Suggest a new version")
        XCTAssertEqual(amend.form, AgreementFormInput(title: "Pausing", text: "We pause when it gets heated.", coolDown: "30",
                                                      reviewOn: "2027-03-20", eitherMayCall: false, revisit: "At the kitchen table"))
        let waiting = try XCTUnwrap(try ben.agreement(id).pending.first)
        XCTAssertEqual(amend.submits, [AgreementSubmit(label: "Suggest this change",
                                                       purpose: .amend(id: id, version: waiting.hash))])
        XCTAssertEqual(try benReminders.submit(amend.form, as: amend.submits[0].purpose).words?.form,
                       "This is the same as the version it changes.")

        var form = amend.form
        form.coolDown = "45"
        let amended = try benReminders.submit(form, as: amend.submits[0].purpose)
        assertCarriedOut(amended.outcome, on: benScheduler)
        let v2 = try XCTUnwrap(try ben.agreement(id).pending.first { $0.byMe })
        XCTAssertEqual(v2.parent, waiting.hash)
        XCTAssertEqual(v2.pauseProtocol, PauseProtocol(coolDownMinutes: 45, eitherMayCall: false, revisit: "At the kitchen table"))
        XCTAssertEqual(v2.reviewOn, "2027-03-20")
        try deliver(ben)
        try anaReminders.perform(.acceptAgreement(id: id, version: v2.hash))
        try deliver(ana)
        XCTAssertEqual(try ben.agreement(id).status, .active)

        // At its look back Ana suggests a new version from Today's button.
        clock.set(nowMs: T.mar13_0000Z + 7 * T.day + 9 * T.hour)
        XCTAssertEqual(try ana.open().agreementReviewsDue(deviceZone: ana.deviceZone()).map(\.id), [id])
        let look = try XCTUnwrap(try ana.todayScreen().reviews.first { $0.id == id })
        var review = try agreementForm(ana, look.button(.amend))
        XCTAssertEqual(review.request, .reviewAgreement(id: id))
        XCTAssertEqual(review.submits.map(\.purpose), [.review(id: id, version: v2.hash)])
        XCTAssertEqual(review.form.coolDown, "45", "the version in effect")
        review.form.reviewOn = "2027-06-20"
        anaScheduler.clearCalls()
        let reviewed = try anaReminders.submit(review.form, as: review.submits[0].purpose)
        assertCarriedOut(reviewed.outcome, on: anaScheduler)
        XCTAssertEqual(try ana.agreement(id).inEffect?.hash, v2.hash, "in effect until Ben accepts")
        XCTAssertEqual(try ana.agreement(id).pending.map(\.reviewOn), ["2027-06-20"])
        XCTAssertEqual(try ana.open().agreementReviewsDue(deviceZone: ana.deviceZone()), [], "the look back ended")
        try deliver(ana)
        let next = try XCTUnwrap(try ben.agreement(id).pending.first)
        try benReminders.perform(.acceptAgreement(id: id, version: next.hash))
        XCTAssertEqual(try ben.agreement(id).inEffect?.reviewOn, "2027-06-20")
        XCTAssertEqual(try ben.open().agreementReviewsDue(deviceZone: ben.deviceZone()), [])
    }
}
