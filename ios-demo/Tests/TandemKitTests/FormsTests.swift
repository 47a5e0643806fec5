import Foundation
import XCTest
@testable import TandemKit

/// `RitualForm` and `AgreementForm`: the drafts they make from typed fields,
/// values passed on for the core to refuse (never clamped), prefilled
/// counters, amendments and review answers, each submitted through the
/// coordinator. Ana's and Ben's controllers share one ManualClock
/// (2027-03-13 12:00Z, a Saturday) and read times in UTC.
final class FormsTests: TwoShellsTestCase {
    override var showsReminderText: Bool { true }
    private func sync(_ from: TandemController, file: StaticString = #filePath, line: UInt = #line) throws {
        clock.advance(byMs: T.minute)
        let (out, into, to) = from === ana ? (anaFiles!, benFiles!, ben!) : (benFiles!, anaFiles!, ana!)
        XCTAssertFalse(try out.send(from.open().exportPayloads()).isEmpty, file: file, line: line)
        XCTAssertEqual(try to.syncIn(through: into).failed, [], file: file, line: line)
    }

    // MARK: rituals

    func testANewRitualFormMakesTheDraftAsTyped() throws {
        var form = RitualForm(title: "Evening walk", time: "20:30", minutes: "45")
        XCTAssertEqual(form.purpose, .propose)
        XCTAssertEqual(try ana.open().checkRitualForm(form: form.input, ritualId: form.changes.id, adjust: form.changes.adjust).draft,
                       RitualDraft(title: "Evening walk", prompt: nil, minutes: 45, timeOfDay: "20:30", zone: .floating,
                                   recurrence: Recurrence(repeat: .daily, startDate: nil, untilDate: nil, count: nil)))
        form.minutes = " 30 "
        form.time = " 07:05"
        form.repeats = .weekdays
        form.weekdays = [.friday, .monday, .wednesday]
        form.trialUntil = "2027-03-27"
        let d = try XCTUnwrap(try ana.open().checkRitualForm(form: form.input, ritualId: form.changes.id, adjust: form.changes.adjust).draft, "the core's draft")
        XCTAssertEqual(d.minutes, 30)
        XCTAssertEqual(d.timeOfDay, " 07:05", "as typed: the core reads it")
        XCTAssertEqual(d.recurrence, Recurrence(repeat: .weekdays(days: [.monday, .wednesday, .friday]),
                                                startDate: nil, untilDate: nil, count: nil))
        XCTAssertEqual(d.trialUntil, "2027-03-27")
        XCTAssertFalse(form.canKeepRepeat)

        let walk = try XCTUnwrap(try form.submit(through: anaReminders))
        XCTAssertEqual(walk.timeOfDay, "07:05")
        XCTAssertEqual(walk.status, .proposed)
        XCTAssertFalse(walk.personal)
        XCTAssertEqual(walk.recurrence.repeat, .weekdays(days: [.monday, .wednesday, .friday]))
        XCTAssertEqual(walk.trialUntil, "2027-03-27")
    }

    func testTheCoreChecksEachRitualFieldAndNothingIsSent() throws {
        func refused(_ change: (inout RitualForm) -> Void, _ field: KeyPath<RitualFormCheck, String?>,
                     _ words: String, line: UInt = #line) {
            var form = RitualForm(title: "Tea", time: "07:00", minutes: "20")
            change(&form)
            XCTAssertNil(try form.submit(through: anaReminders), "nothing sent", line: line)
            XCTAssertEqual(form.check?[keyPath: field], words, line: line)
            XCTAssertNil(form.check?.draft, line: line)
        }
        let length = "The length is a whole number of minutes, 1 to 1440."
        let time = "A time like 20:30, from 00:00 to 23:59."
        refused({ $0.minutes = "0" }, \.minutes, length)
        refused({ $0.minutes = "1441" }, \.minutes, length)
        // A word for minutes goes to the core as typed: its words, not the form's.
        for word in ["half an hour", "", "-5", "4294967296"] { refused({ $0.minutes = word }, \.minutes, length) }
        refused({ $0.time = "25:00" }, \.timeOfDay, time)
        refused({ $0.time = "7pm" }, \.timeOfDay, time)
        refused({ $0.title = "" }, \.title, "Give your ritual a short title.")
        refused({ $0.title = String(repeating: "t", count: 81) }, \.title, "Up to 80 characters; this has 81.")
        refused({ $0.repeats = .weekdays }, \.repeat, "Choose at least one day of the week.")
        refused({ $0.trialUntil = "2027-03-13" }, \.trialUntil, "Pick a day after today.")
        // Several fields at once, each with its own words.
        var form = RitualForm(title: " ", time: "7pm", minutes: "ten")
        XCTAssertNil(try form.submit(through: anaReminders))
        XCTAssertEqual([form.check?.title, form.check?.timeOfDay, form.check?.minutes, form.check?.repeat],
                       ["Give your ritual a short title.", time, length, nil])
        try ana.open().setLocale(tag: "de-DE")
        XCTAssertEqual(try ana.open().checkRitualForm(form: form.input, ritualId: form.changes.id, adjust: form.changes.adjust).minutes,
                       "Die Dauer ist eine ganze Zahl von Minuten, 1 bis 1440.", "in the device's language")
        XCTAssertEqual(try ana.open().rituals(), [], "nothing was saved")
        XCTAssertEqual(anaScheduler.calls, [], "nothing re-planned")
    }

    func testAPersonalRitualFromTheFormIsArmedAtOnce() throws {
        var form = RitualForm(purpose: .personal, title: "Morning journal", time: "07:00", minutes: "15")
        form.repeats = .daily
        let journal = try XCTUnwrap(try form.submit(through: anaReminders))
        XCTAssertTrue(journal.personal)
        XCTAssertEqual(journal.status, .active)
        XCTAssertFalse(anaScheduler.shown.isEmpty)
        XCTAssertEqual(Set(anaScheduler.shown.map(\.title)), ["Morning journal"])
        XCTAssertEqual(anaScheduler.shown.map(\.fireAtMs).min(), T.mar13_0000Z + T.day + 7 * T.hour)
    }

    func testACounterStartsFromTheRitualAndKeepsWhatTheFormDoesNotShow() throws {
        try pairDevices(offerer: ana.open(), answerer: ben.open())
        let proposed = try ana.open().proposeRitual(draft: RitualDraft(
            title: "Evening walk", prompt: "Phones stay home", minutes: 30, timeOfDay: "20:30",
            zone: .fixed(zone: "Europe/Berlin"),
            recurrence: Recurrence(repeat: .weekdays(days: [.tuesday, .thursday]), startDate: nil, untilDate: nil, count: 10),
            windowEnd: nil, leadMinutes: [10], trialUntil: nil))
        try sync(ana)

        var form = RitualForm(purpose: .counter(ritualId: proposed.id), from: try ben.open().ritualDraft(id: proposed.id))
        XCTAssertEqual(form.title, "Evening walk")
        XCTAssertEqual(form.time, "20:30")
        XCTAssertEqual(form.minutes, "30")
        XCTAssertEqual(form.repeats, .weekdays)
        XCTAssertEqual(form.weekdays, [.tuesday, .thursday])
        XCTAssertEqual(form.trialUntil, "")
        form.time = "21:00"
        form.weekdays.insert(.sunday)
        let countered = try XCTUnwrap(try form.submit(through: benReminders))
        XCTAssertEqual(countered.status, .countered)
        let pending = try XCTUnwrap(countered.pending)
        XCTAssertEqual(pending.timeOfDay, "21:00")
        XCTAssertEqual(pending.recurrence.repeat, .weekdays(days: [.tuesday, .thursday, .sunday]))
        XCTAssertEqual(pending.recurrence.count, 10, "the end stays")
        XCTAssertEqual(pending.prompt, "Phones stay home")
        XCTAssertEqual(pending.zone, .fixed(zone: "Europe/Berlin"))
        XCTAssertEqual(pending.leadMinutes, [10])

        // A recurrence the form cannot show stays as it was ("as before").
        var monthly = try ben.open().ritualDraft(id: proposed.id)
        monthly.recurrence = Recurrence(repeat: .monthlyOnDay(day: 5), startDate: nil, untilDate: nil, count: nil)
        var asBefore = RitualForm(purpose: .counter(ritualId: proposed.id), from: monthly)
        XCTAssertEqual(asBefore.repeats, .asBefore)
        XCTAssertTrue(asBefore.canKeepRepeat)
        XCTAssertEqual(asBefore.input.repeat, .monthlyOnDay(day: 5))
        asBefore.repeats = .daily
        XCTAssertEqual(try ben.open().checkRitualForm(form: asBefore.input, ritualId: asBefore.changes.id, adjust: asBefore.changes.adjust).draft?.recurrence?.repeat, .daily)
        // Unchanged: the core says so about the whole form.
        let same = RitualForm(purpose: .counter(ritualId: proposed.id), from: try ben.open().ritualDraft(id: proposed.id))
        XCTAssertEqual(try ben.open().checkRitualForm(form: same.input, ritualId: same.changes.id, adjust: same.changes.adjust).form, "This is the same as the version it changes.")
    }

    func testATrialIsAdjustedThroughTheForm() throws {
        let trial = try anaReminders.addPersonal(RitualDraft(
            title: "Stretching", prompt: nil, minutes: 10, timeOfDay: "07:30", zone: .floating,
            recurrence: nil, windowEnd: nil, leadMinutes: [], trialUntil: "2027-03-20")).value
        clock.set(nowMs: T.mar13_0000Z + 7 * T.day + 8 * T.hour)  // 2027-03-20
        XCTAssertEqual(try ana.open().reviewsDue(deviceZone: ana.deviceZone()).map(\.id), [trial.id])

        var form = RitualForm(purpose: .adjust(ritualId: trial.id), from: try ana.open().ritualDraft(id: trial.id))
        XCTAssertEqual(form.trialUntil, "2027-03-20")
        form.minutes = "15"
        for end in ["2027-03-19", "2027-03-20"] {
            form.trialUntil = end
            XCTAssertNil(try form.submit(through: anaReminders), "an end before or on the one that came")
            XCTAssertEqual(form.check?.trialUntil,
                           "Pick a day after Sat 20 Mar 2027, or leave it empty to keep it for good.")
        }
        form.trialUntil = "2027-04-03"
        let adjusted = try XCTUnwrap(try form.submit(through: anaReminders))
        XCTAssertEqual(adjusted.minutes, 15, "a personal ritual takes the change at once")
        XCTAssertEqual(adjusted.trialUntil, "2027-04-03")
        XCTAssertEqual(try ana.open().reviewsDue(deviceZone: ana.deviceZone()), [])
    }

    // MARK: agreements

    func testANewAgreementFormWithCoolDownAndReview() throws {
        var form = AgreementForm()
        form.title = "Pausing"
        form.text = "Either of us can call a pause."
        XCTAssertEqual(try ana.open().checkAgreementForm(form: form.input, agreementId: form.amends.id, parentHash: form.amends.parent).draft,
                       AgreementDraft(title: "Pausing", text: "Either of us can call a pause.", pauseProtocol: nil, reviewOn: nil),
                       "the core's draft")
        form.coolDownMinutes = "30"
        form.reviewOn = AgreementForm.dayText(Date(timeIntervalSince1970: 1_807_000_000), zone: "UTC")
        XCTAssertEqual(form.reviewOn, "2027-04-06")
        let proposed = try XCTUnwrap(try form.submit(through: anaReminders))
        let version = try XCTUnwrap(proposed.pending.first)
        XCTAssertEqual(version.pauseProtocol, PauseProtocol(coolDownMinutes: 30, eitherMayCall: true, revisit: nil))
        XCTAssertEqual(version.reviewOn, "2027-04-06")
        XCTAssertEqual(proposed.status, .proposed)

        // 23:30 on Apr 5 in UTC is already Apr 6 in Tokyo.
        let lateEvening = Date(timeIntervalSince1970: 1_806_967_800)
        XCTAssertEqual(AgreementForm.dayText(lateEvening, zone: "UTC"), "2027-04-05")
        XCTAssertEqual(AgreementForm.dayText(lateEvening, zone: "Asia/Tokyo"), "2027-04-06")
    }

    func testTheCoreChecksEachFieldAndNothingIsSent() throws {
        func checked(_ change: (inout AgreementForm) -> Void, line: UInt = #line) throws -> AgreementFormCheck {
            var form = AgreementForm()
            (form.title, form.text) = ("Pausing", "We pause.")
            change(&form)
            XCTAssertNil(try form.submit(through: anaReminders), "nothing sent", line: line)
            return try XCTUnwrap(form.check, line: line)
        }
        let range = "A cool-down is a whole number of minutes, 20 to 1440."
        XCTAssertEqual(try checked { $0.coolDownMinutes = "5" }.coolDown, range, "below 20")
        XCTAssertEqual(try checked { $0.coolDownMinutes = "1441" }.coolDown, range, "over a day")
        XCTAssertEqual(try checked { $0.coolDownMinutes = "twenty" }.coolDown, range, "not a number")
        XCTAssertEqual(try checked { $0.reviewOn = "2027-03-13" }.reviewOn, "Pick a day after today.")
        XCTAssertEqual(try checked { $0.reviewOn = "next spring" }.reviewOn, "A date like 2027-03-14.")
        let both = try checked { ($0.title, $0.text) = (" ", "") }
        XCTAssertEqual([both.title, both.text], ["Give it a short title.", "Write down what you agree on."])
        XCTAssertNil(both.draft)
        XCTAssertEqual(try ana.open().agreements(), [])
    }

    func testAmendAndReviewThroughTheForm() throws {
        try pairDevices(offerer: ana.open(), answerer: ben.open())
        let v1 = AgreementDraft(title: "Pausing", text: "We pause when it gets heated.",
                                pauseProtocol: PauseProtocol(coolDownMinutes: 30, eitherMayCall: false, revisit: "At the kitchen table"),
                                reviewOn: "2027-03-20")
        let id = try ana.open().proposeAgreement(draft: v1).id
        try sync(ana)
        let waiting = try XCTUnwrap(try ben.open().agreements().first?.pending.first)
        XCTAssertTrue(waiting.waitingForMe)

        // Ben amends the waiting version: the fields he did not touch stay.
        var amend = AgreementForm(purpose: .amend(agreementId: id, parentHash: waiting.hash), from: waiting.draft)
        XCTAssertEqual(amend.coolDownMinutes, "30")
        XCTAssertEqual(amend.reviewOn, "2027-03-20")
        amend.coolDownMinutes = "45"
        let amended = try XCTUnwrap(try amend.submit(through: benReminders))
        let v2 = try XCTUnwrap(amended.pending.first { $0.byMe })
        XCTAssertEqual(v2.parent, waiting.hash)
        XCTAssertEqual(v2.pauseProtocol, PauseProtocol(coolDownMinutes: 45, eitherMayCall: false, revisit: "At the kitchen table"))
        XCTAssertEqual(v2.reviewOn, "2027-03-20")
        try sync(ben)
        try anaReminders.perform(.acceptAgreement(id: id, version: v2.hash))
        try sync(ana)
        XCTAssertEqual(try ben.open().agreements().first?.status, .active)

        // At its review Ana suggests a new version through the form.
        clock.set(nowMs: T.mar13_0000Z + 7 * T.day + 9 * T.hour)
        XCTAssertEqual(try ana.open().agreementReviewsDue(deviceZone: ana.deviceZone()).map(\.id), [id])
        let inEffect = try XCTUnwrap(try ana.open().agreements().first?.inEffect)
        var review = AgreementForm(purpose: .reviewAmend(agreementId: id), from: inEffect.draft)
        review.reviewOn = "2027-06-20"
        let reviewed = try XCTUnwrap(try review.submit(through: anaReminders))
        XCTAssertEqual(reviewed.inEffect?.hash, v2.hash, "in effect until Ben accepts")
        XCTAssertEqual(reviewed.pending.map(\.reviewOn), ["2027-06-20"])
        try sync(ana)
        let next = try XCTUnwrap(try ben.open().agreements().first?.pending.first)
        try benReminders.perform(.acceptAgreement(id: id, version: next.hash))
        XCTAssertEqual(try ben.open().agreements().first?.inEffect?.reviewOn, "2027-06-20")
        XCTAssertEqual(try ben.open().agreementReviewsDue(deviceZone: ben.deviceZone()), [])
    }

    // MARK: forms for each purpose, from the controller

    /// A new ritual's form opens as the core's `newRitualForm`: daily at
    /// 20:00 on the phone's clock, for 10 minutes; untouched, it sends that.
    func testANewRitualFormOpensAsTheCoreSays() throws {
        for purpose in [RitualForm.Purpose.propose, .personal] {
            let form = RitualForm(purpose: purpose)
            XCTAssertEqual([form.title, form.time, form.minutes, form.trialUntil], ["", "20:00", "10", ""])
            XCTAssertEqual(form.repeats, .daily)
            XCTAssertEqual(form.weekdays, [])
            XCTAssertFalse(form.canKeepRepeat)
            XCTAssertEqual(form.input, newRitualForm(), "nothing the shell chose")
            XCTAssertEqual(form.input.zone, .floating)
        }
        var typed = try ana.ritualForm(.personal)
        typed.title = "Tea"
        let sent = try XCTUnwrap(try typed.submit(through: anaReminders), "\(String(describing: typed.check))")
        XCTAssertEqual([sent.timeOfDay, String(sent.minutes)], ["20:00", "10"])
        XCTAssertEqual(sent.zone, .floating)
        XCTAssertEqual(sent.recurrence.repeat, .daily)
    }

    func testTheControllerMakesEachForm() throws {
        let blank = try ana.ritualForm(.propose)
        XCTAssertEqual(blank, RitualForm(purpose: .propose))
        let en = labels(localeTag: "en-US"), de = labels(localeTag: "de-DE")
        XCTAssertEqual([blank.id, blank.heading(en), blank.submitLabel(en)], ["propose", "New ritual", "Suggest to my partner"])
        XCTAssertEqual([blank.heading(de), blank.submitLabel(de)], ["Neues Ritual", "Meinem Gegenüber vorschlagen"])
        XCTAssertEqual(RitualForm.week.map { RitualForm.shortName($0, de) }, ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"])
        XCTAssertTrue(blank.isNew)
        XCTAssertEqual([blank.title, blank.time, blank.minutes], ["", "20:00", "10"])
        XCTAssertEqual(blank.repeats, .daily)
        let mine = try ana.ritualForm(.personal)
        XCTAssertEqual([mine.id, mine.submitLabel(en)], ["personal", "Just for me"])

        let walk = try ana.open().proposeRitual(draft: RitualDraft(title: "Evening walk", prompt: nil, minutes: 45, timeOfDay: "20:30", zone: .floating))
        let counter = try ana.ritualForm(.counter(ritualId: walk.id))
        XCTAssertEqual([counter.id, counter.heading(en), counter.submitLabel(en)],
                       ["counter:\(walk.id)", "Suggest another time", "Suggest this instead"])
        XCTAssertFalse(counter.isNew)
        XCTAssertEqual([counter.title, counter.time, counter.minutes], ["Evening walk", "20:30", "45"])
        XCTAssertEqual(counter.base, try ana.open().ritualDraft(id: walk.id))
        let adjust = try ana.ritualForm(.adjust(ritualId: walk.id))
        XCTAssertEqual([adjust.id, adjust.heading(en), adjust.submitLabel(en)],
                       ["adjust:\(walk.id)", "Adjust the experiment", "Keep it changed"])
        assertTandemError(.notFound) { try ana.ritualForm(.counter(ritualId: "nope")) }

        let newAgreement = try ana.agreementForm(.propose)
        XCTAssertEqual(newAgreement, AgreementForm())
        XCTAssertEqual([newAgreement.id, newAgreement.heading(en), newAgreement.submitLabel(en)],
                       ["propose", "New agreement", "Propose"])
        let draft = AgreementDraft(title: "Pausing", text: "We pause.",
                                   pauseProtocol: PauseProtocol(coolDownMinutes: 25, eitherMayCall: true, revisit: nil),
                                   reviewOn: "2027-04-01")
        let agreement = try ana.open().proposeAgreement(draft: draft)
        let hash = try XCTUnwrap(agreement.pending.first?.hash)
        let amend = try ana.agreementForm(.amend(agreementId: agreement.id, parentHash: hash))
        XCTAssertEqual([amend.id, amend.heading(en), amend.submitLabel(en)],
                       ["amend:\(agreement.id):\(hash)", "Suggest a new version", "Suggest this change"])
        XCTAssertEqual([amend.title, amend.text, amend.coolDownMinutes, amend.reviewOn],
                       ["Pausing", "We pause.", "25", "2027-04-01"])
        XCTAssertEqual(try ana.open().checkAgreementForm(form: amend.input, agreementId: amend.amends.id, parentHash: amend.amends.parent).form, "This is the same as the version it changes.",
                       "unchanged: the core says so")
        XCTAssertEqual(try XCTUnwrap(agreement.pending.first).draft, draft)
        assertTandemError(.notFound) { try ana.agreementForm(.amend(agreementId: agreement.id, parentHash: "0")) }
        assertTandemError(.notFound) { try ana.agreementForm(.reviewAmend(agreementId: "nope")) }
        assertTandemError(.notAllowedNow, "nothing in effect yet") {
            try ana.agreementForm(.reviewAmend(agreementId: agreement.id))
        }
    }
}
