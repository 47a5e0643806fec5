//! The pairing screen as both phones show it, one step at a time: two
//! phones pair through the model alone, and every way a step is refused
//! comes back as the same screen with a notice, nothing lost.

mod common;

use std::sync::Arc;

use common::*;
use tandem_core::screens::pairing::{
    PairingAction as A, PairingScreen, PairingStage as S, PairingStep,
};
use tandem_core::screens::refusals::{Doing, Refused, refusal_in};
use tandem_core::{Core, Error, PairingStatus};

const ZONE: &str = "Europe/Berlin";
const SEC: i64 = 1_000;

fn ana_and_ben() -> (Device, Device) {
    (
        device("Ana", &KEY_A, "2027-03-10T18:00:00Z"),
        device("Ben", &KEY_B, "2027-03-10T18:00:00Z"),
    )
}

fn act(d: &mut Device, step: PairingStep) -> PairingScreen {
    d.core.pairing_act(&step, ZONE).unwrap()
}

fn scan(d: &mut Device, text: &str) -> PairingScreen {
    act(d, PairingStep::Scanned(text.into()))
}

fn look(d: &Device) -> PairingScreen {
    d.core.pairing_screen(ZONE).unwrap()
}

fn actions(s: &PairingScreen) -> Vec<A> {
    s.actions.iter().map(|(a, _)| *a).collect()
}

fn notice_code(s: &PairingScreen) -> Option<&str> {
    s.notice.as_ref().map(|n| n.code)
}

/// The same device, closed and opened again (an app restart).
fn reopen(d: Device, key: &[u8; 32]) -> Device {
    let Device {
        core,
        clock,
        path,
        dir,
    } = d;
    core.close().unwrap();
    let core = Core::open(&path, key, None, Arc::new(clock.clone())).unwrap();
    Device {
        core,
        clock,
        path,
        dir,
    }
}

/// Ana shows her code, Ben scans it; both screens show the same digits.
fn to_the_digits(ana: &mut Device, ben: &mut Device) -> (PairingScreen, PairingScreen) {
    let shown = act(ana, PairingStep::Start);
    let answer = scan(ben, shown.qr_text.as_deref().unwrap());
    let comparing = scan(ana, answer.qr_text.as_deref().unwrap());
    (comparing, answer)
}

#[test]
fn two_phones_pair_through_the_screen_alone() {
    let (mut ana, mut ben) = ana_and_ben();
    for d in [&ana, &ben] {
        let s = look(d);
        assert_eq!(s.stage, S::Start);
        assert_eq!(actions(&s), [A::ShowMyCode, A::ScanPartnersCode]);
        assert_eq!(s.heading, "Pair your phones");
        assert!(s.camera_hint.contains("camera"), "{}", s.camera_hint);
        assert_eq!(s.allow_camera, "Allow the camera");
    }

    // Ana shows her code: good for two minutes, 19:02 in Berlin.
    let shown = act(&mut ana, PairingStep::Start);
    assert_eq!(shown.stage, S::ShowingCode);
    assert_eq!(shown.heading, "Your code");
    let offer = shown.qr_text.clone().unwrap();
    assert!(offer.starts_with("TANDEM:"), "{offer}");
    assert_eq!(shown.expires.as_deref(), Some("Good until 19:02"));
    assert_eq!(shown.expires_at_ms, Some(ms("2027-03-10T18:02:00Z")));
    assert_eq!(
        actions(&shown),
        [A::ScanPartnersCode, A::CheckCode, A::Cancel]
    );
    assert_eq!(look(&ana), shown, "reading it again shows the same");
    assert_eq!(act(&mut ana, PairingStep::Check), shown, "checking it too");

    // Ben scans it: his answer and the digits.
    ben.clock.advance(20 * SEC);
    let answer = scan(&mut ben, &offer);
    assert_eq!(answer.stage, S::ShowingAnswer);
    assert_eq!(answer.heading, "Compare the digits");
    let answer_text = answer.qr_text.clone().unwrap();
    assert!(answer_text.starts_with("TANDEM:") && answer_text != offer);
    let digits = answer.digits.clone().unwrap();
    assert_eq!(digits.len(), 19, "{digits}");
    assert_eq!(actions(&answer), [A::TheyMatch, A::TheyDiffer]);
    assert_eq!(
        look(&ben),
        answer,
        "the answer is shown again while it waits"
    );

    // Ana scans Ben's answer: the same digits, and Ben's name.
    ana.clock.advance(40 * SEC);
    let comparing = scan(&mut ana, &answer_text);
    assert_eq!(comparing.stage, S::Comparing);
    assert_eq!(comparing.digits.as_deref(), Some(digits.as_str()));
    assert_eq!(comparing.partner_name.as_deref(), Some("Ben"));
    assert_eq!(
        comparing.instruction,
        "Do these digits match the ones on Ben's screen?"
    );
    assert_eq!(comparing.qr_text, None);

    // Both say they match.
    let a = act(&mut ana, PairingStep::Confirm);
    assert_eq!(a.stage, S::Paired);
    assert_eq!(a.paired_with.as_deref(), Some("Paired with Ben"));
    assert_eq!(
        a.keys.as_deref(),
        Some(
            "Encryption keys: generation 1, last renewed Wed 10 Mar 2027 at 19:00. They renew as you sync."
        )
    );
    assert_eq!(actions(&a), [A::Unpair]);
    assert_eq!(a.notice, None);
    let b = act(&mut ben, PairingStep::Confirm);
    assert_eq!(b.stage, S::Paired);
    // Ben learns Ana's name with her first file.
    assert_eq!(b.paired_with.as_deref(), Some("Paired with your partner"));
    assert_eq!(
        b.instruction,
        "If your partner's screen doesn't show the digits yet, let them scan this code. Then receive their first file to finish pairing."
    );
    assert_eq!(b.qr_text.as_deref(), Some(answer_text.as_str()));
    deliver(&mut ana, &mut ben);
    let b = look(&ben);
    assert_eq!(b.paired_with.as_deref(), Some("Paired with Ana"));
    assert_eq!(b.qr_text, None, "Ana has it: her first file arrived");
    assert!(
        b.keys
            .as_deref()
            .unwrap()
            .starts_with("Encryption keys: generation 2, "),
        "{:?}",
        b.keys
    );

    // Steps a paired screen does not offer change nothing.
    for step in [
        PairingStep::Start,
        PairingStep::Confirm,
        PairingStep::Reject,
        PairingStep::Cancel,
        PairingStep::Scanned(offer.clone()),
    ] {
        assert_eq!(act(&mut ana, step.clone()), look(&ana), "{step:?}");
        assert!(matches!(
            ana.core.pairing_status().unwrap(),
            PairingStatus::Paired { .. }
        ));
    }

    // Unpairing goes back to the start, on this phone alone.
    let after = act(&mut ana, PairingStep::Unpair);
    assert_eq!(after.stage, S::Start);
    assert_eq!(after.notice, None);
    assert_eq!(look(&ben).stage, S::Paired);
}

#[test]
fn confirming_before_the_partner_scanned_keeps_the_answer_shown() {
    let (mut ana, mut ben) = ana_and_ben();
    let shown = act(&mut ana, PairingStep::Start);
    let answer = scan(&mut ben, shown.qr_text.as_deref().unwrap());
    // Ben confirms at once: his answer stays on screen for Ana to scan.
    let early = act(&mut ben, PairingStep::Confirm);
    assert_eq!(early.stage, S::Paired);
    assert_eq!(early.qr_text, answer.qr_text);
    assert!(
        early
            .instruction
            .starts_with("If your partner's screen doesn't show the digits yet")
    );
    assert_eq!(look(&ben), early);
    let comparing = scan(&mut ana, answer.qr_text.as_deref().unwrap());
    assert_eq!(comparing.digits, answer.digits);
    act(&mut ana, PairingStep::Confirm);
    // Ana's first file says she has it: the code goes.
    deliver(&mut ana, &mut ben);
    let done = look(&ben);
    assert_eq!(
        (done.qr_text, done.paired_with.as_deref()),
        (None, Some("Paired with Ana"))
    );
    // After a restart it is gone too (never stored), and the screen says
    // what is left to do.
    let (mut cleo, mut dan) = (
        device("Cleo", &KEY_A, "2027-03-10T18:00:00Z"),
        device("Dan", &KEY_B, "2027-03-10T18:00:00Z"),
    );
    let shown = act(&mut cleo, PairingStep::Start);
    scan(&mut dan, shown.qr_text.as_deref().unwrap());
    act(&mut dan, PairingStep::Confirm);
    let dan = reopen(dan, &KEY_B);
    let s = look(&dan);
    assert_eq!(s.qr_text, None);
    assert_eq!(
        s.instruction,
        "Receive your partner's first file to finish pairing."
    );
}

#[test]
fn both_show_a_code_and_one_scans_the_other() {
    let (mut ana, mut ben) = ana_and_ben();
    act(&mut ana, PairingStep::Start);
    let bens = act(&mut ben, PairingStep::Start);
    // Ana scans Ben's code while showing hers: she answers, hers goes.
    let answer = scan(&mut ana, bens.qr_text.as_deref().unwrap());
    assert_eq!(answer.stage, S::ShowingAnswer);
    assert_eq!(
        ana.core.pairing_status().unwrap(),
        PairingStatus::AwaitingConfirmation {
            sas: answer.digits.clone().unwrap(),
            partner_name: None
        }
    );
    let comparing = scan(&mut ben, answer.qr_text.as_deref().unwrap());
    assert_eq!(comparing.digits, answer.digits);
    assert_eq!(comparing.partner_name.as_deref(), Some("Ana"));
    assert_eq!(act(&mut ana, PairingStep::Confirm).stage, S::Paired);
    assert_eq!(act(&mut ben, PairingStep::Confirm).stage, S::Paired);
}

#[test]
fn a_wrong_code_changes_nothing_and_says_so() {
    let (mut ana, mut ben) = ana_and_ben();
    let mine = ben
        .core
        .add_personal_ritual(&draft("Stretch", "07:00", None))
        .unwrap();
    let failed = refusal_in(Refused::PairingFailed, Doing::Anything, Default::default());
    for text in [
        "https://example.com/",
        "",
        "TANDEM:nonsense",
        "WIFI:S:home;;",
    ] {
        let s = scan(&mut ben, text);
        assert_eq!(s.stage, S::Start, "<{text}>");
        let n = s.notice.clone().unwrap();
        assert_eq!((n.code, n.text), (failed.code, failed.text.clone()));
        assert_eq!(look(&ben), s, "the notice stays until the next step");
    }
    // Ana's code, scanned by Ana herself while she shows it: refused, and
    // her code is still shown.
    let shown = act(&mut ana, PairingStep::Start);
    let offer = shown.qr_text.clone().unwrap();
    let own = scan(&mut ana, &offer);
    assert_eq!(own.stage, S::ShowingCode);
    assert_eq!(own.qr_text.as_deref(), Some(offer.as_str()));
    assert_eq!(notice_code(&own), Some("pairing.failed"));
    // A damaged answer while showing the code: the same.
    let answer = scan(&mut ben, &offer);
    assert_eq!(answer.notice, None, "a step that worked clears the notice");
    let answer_text = answer.qr_text.clone().unwrap();
    let damaged = scan(&mut ana, &answer_text[..answer_text.len() - 5]);
    assert_eq!(damaged.stage, S::ShowingCode);
    assert_eq!(notice_code(&damaged), Some("pairing.failed"));

    // An answer scanned by a phone that showed no code: refused.
    let mut cleo = device("Cleo", &KEY_A, "2027-03-10T18:00:00Z");
    let s = scan(&mut cleo, &answer_text);
    assert_eq!(s.stage, S::Start);
    assert_eq!(notice_code(&s), Some("pairing.failed"));
    assert_eq!(cleo.core.pairing_status().unwrap(), PairingStatus::Unpaired);
    // Cancel clears it.
    assert_eq!(act(&mut cleo, PairingStep::Cancel).notice, None);

    // Through all of it nothing was lost, and pairing still works.
    assert_eq!(ben.core.rituals().unwrap(), [mine]);
    let comparing = scan(&mut ana, &answer_text);
    assert_eq!(comparing.notice, None);
    assert_eq!(comparing.digits, answer.digits);
}

#[test]
fn an_expired_code_is_refused_and_a_code_that_runs_out_on_screen_says_so() {
    let (mut ana, mut ben) = ana_and_ben();
    let shown = act(&mut ana, PairingStep::Start);
    let offer = shown.qr_text.unwrap();
    ben.clock.advance(120 * SEC + 1);
    let late = scan(&mut ben, &offer);
    assert_eq!(late.stage, S::Start);
    let n = late.notice.unwrap();
    assert_eq!(n.code, "pairing.expired");
    assert_eq!(
        n.text,
        "The pairing code expired. Start pairing again and scan the new code within two minutes."
    );
    assert_eq!(ben.core.pairing_status().unwrap(), PairingStatus::Unpaired);

    // Ana's code past its time: no longer shown, her partner's answer
    // still taken for a minute.
    ana.clock.advance(120 * SEC + 1);
    let closed = look(&ana);
    assert_eq!(closed.stage, S::ShowingCode);
    assert_eq!((&closed.qr_text, &closed.expires), (&None, &None));
    assert_eq!(
        actions(&closed),
        [A::ScanPartnersCode, A::ShowMyCode, A::Cancel]
    );
    // Then it ran out.
    ana.clock.advance(60 * SEC);
    let out = look(&ana);
    assert_eq!(out.stage, S::Start);
    assert_eq!(notice_code(&out), Some("pairing.ran-out"));
    assert_eq!(
        out.notice.unwrap().text,
        "Your code ran out before pairing finished. Show a new code when you are both ready."
    );
    // A new code starts again, without the notice.
    let again = act(&mut ana, PairingStep::Start);
    assert_eq!(again.stage, S::ShowingCode);
    assert_eq!(again.notice, None);
    assert_ne!(again.qr_text.as_deref(), Some(offer.as_str()));

    // An answer scanned after the grace: refused, said so.
    ben.clock.set(ana.core.now_ms());
    let answer = scan(&mut ben, again.qr_text.as_deref().unwrap());
    ana.clock.advance(180 * SEC + 1);
    let too_late = scan(&mut ana, answer.qr_text.as_deref().unwrap());
    assert_eq!(too_late.stage, S::Start);
    assert_eq!(notice_code(&too_late), Some("pairing.expired"));
}

#[test]
fn differing_digits_are_rejected_on_either_phone_and_both_start_again() {
    let (mut ana, mut ben) = ana_and_ben();
    to_the_digits(&mut ana, &mut ben);
    let rejected = act(&mut ana, PairingStep::Reject);
    assert_eq!(rejected.stage, S::Start);
    let n = rejected.notice.unwrap();
    assert_eq!(n.code, "pairing.rejected");
    assert_eq!(
        n.text,
        "The digits didn't match, so the phones were not paired. Start again with your partner beside you."
    );
    assert_eq!(ana.core.pairing_status().unwrap(), PairingStatus::Unpaired);
    // Ben says so too (or leaves: Cancel rejects without the notice).
    let left = act(&mut ben, PairingStep::Cancel);
    assert_eq!((left.stage, left.notice), (S::Start, None));
    assert_eq!(ben.core.pairing_status().unwrap(), PairingStatus::Unpaired);

    let (_, answer) = to_the_digits(&mut ana, &mut ben);
    let b = act(&mut ben, PairingStep::Reject);
    assert_eq!(notice_code(&b), Some("pairing.rejected"));
    assert_eq!(act(&mut ana, PairingStep::Reject).stage, S::Start);
    // A rejected answer is not taken again.
    act(&mut ana, PairingStep::Start);
    let again = scan(&mut ana, answer.qr_text.as_deref().unwrap());
    assert_eq!(again.stage, S::ShowingCode);
    assert_eq!(notice_code(&again), Some("pairing.failed"));
}

#[test]
fn cancelling_withdraws_a_code_and_double_taps_change_nothing() {
    let (mut ana, mut ben) = ana_and_ben();
    let shown = act(&mut ana, PairingStep::Start);
    let left = act(&mut ana, PairingStep::Cancel);
    assert_eq!((left.stage, left.notice), (S::Start, None));
    // Ben cannot tell: he answers, and Ana's phone refuses the answer.
    let answer = scan(&mut ben, shown.qr_text.as_deref().unwrap());
    assert_eq!(answer.stage, S::ShowingAnswer);
    let s = scan(&mut ana, answer.qr_text.as_deref().unwrap());
    assert_eq!(s.stage, S::Start);
    assert_eq!(notice_code(&s), Some("pairing.failed"));
    act(&mut ben, PairingStep::Cancel);

    // A second tap on a step already taken changes nothing.
    let (comparing, _) = to_the_digits(&mut ana, &mut ben);
    assert_eq!(
        act(&mut ana, PairingStep::Start),
        comparing,
        "start while comparing"
    );
    assert_eq!(scan(&mut ana, "TANDEM:x"), comparing, "a late scan");
    assert_eq!(
        act(&mut ana, PairingStep::Unpair),
        comparing,
        "unpair before paired"
    );
    let paired = act(&mut ana, PairingStep::Confirm);
    assert_eq!(act(&mut ana, PairingStep::Confirm), paired);
    assert_eq!(
        act(&mut ana, PairingStep::Cancel),
        paired,
        "a pairing made stays"
    );
    // The action's own step, as the shells map buttons.
    assert_eq!(A::TheyMatch.step(), Some(PairingStep::Confirm));
    assert_eq!(A::ScanPartnersCode.step(), None);
    assert_eq!(A::CheckCode.step(), Some(PairingStep::Check));
}

#[test]
fn after_a_restart_the_code_is_shown_again_and_an_answer_reads_as_digits() {
    let (mut ana, mut ben) = ana_and_ben();
    let shown = act(&mut ana, PairingStep::Start);
    let ana = reopen(ana, &KEY_A);
    let again = look(&ana);
    assert_eq!(again.stage, S::ShowingCode);
    assert_eq!(again.qr_text, shown.qr_text, "the same code, read back");
    assert_eq!(again.expires, shown.expires);

    let answer = scan(&mut ben, shown.qr_text.as_deref().unwrap());
    let ben = reopen(ben, &KEY_B);
    // The answer is never stored: after a restart only the digits remain.
    let resumed = look(&ben);
    assert_eq!(resumed.stage, S::Comparing);
    assert_eq!(resumed.digits, answer.digits);
    assert_eq!(resumed.qr_text, None);
    assert_eq!(
        resumed.instruction,
        "Do these digits match the ones on your partner's screen?"
    );
}

#[test]
fn only_errors_that_are_not_about_pairing_are_errors() {
    let (mut ana, _) = ana_and_ben();
    for zone in ["", "Not/AZone"] {
        assert!(matches!(
            ana.core.pairing_screen(zone),
            Err(Error::InvalidInput(_))
        ));
        assert!(matches!(
            ana.core.pairing_act(&PairingStep::Start, zone),
            Err(Error::InvalidInput(_))
        ));
    }
    assert_eq!(
        ana.core.pairing_status().unwrap(),
        PairingStatus::Unpaired,
        "an unknown zone starts nothing"
    );
}

#[test]
fn german_words_on_every_stage() {
    let (mut ana, mut ben) = ana_and_ben();
    for d in [&mut ana, &mut ben] {
        d.core.set_locale("de-DE").unwrap();
    }
    let start = look(&ana);
    assert_eq!(start.heading, "Verbindet eure Handys");
    assert_eq!(
        start
            .actions
            .iter()
            .map(|(_, l)| l.as_str())
            .collect::<Vec<_>>(),
        ["Meinen Code zeigen", "Den Code meines Gegenübers scannen"]
    );
    let shown = act(&mut ana, PairingStep::Start);
    assert_eq!(shown.expires.as_deref(), Some("Gültig bis 19:02"));
    let answer = scan(&mut ben, shown.qr_text.as_deref().unwrap());
    assert_eq!(
        answer
            .actions
            .iter()
            .map(|(_, l)| l.as_str())
            .collect::<Vec<_>>(),
        ["Sie stimmen überein", "Sie unterscheiden sich"]
    );
    let comparing = scan(&mut ana, answer.qr_text.as_deref().unwrap());
    assert_eq!(
        comparing.instruction,
        "Stimmen diese Ziffern mit denen auf dem Bildschirm von Ben überein?"
    );
    let paired = act(&mut ana, PairingStep::Confirm);
    assert_eq!(paired.heading, "Verbunden");
    assert_eq!(paired.paired_with.as_deref(), Some("Verbunden mit Ben"));
    let bens = act(&mut ben, PairingStep::Confirm);
    assert_eq!(
        bens.paired_with.as_deref(),
        Some("Verbunden mit deinem Gegenüber")
    );
    let wrong = act(&mut ana, PairingStep::Unpair);
    assert_eq!(wrong.stage, S::Start);
    let refused = scan(&mut ana, "https://example.com/");
    assert_eq!(
        refused.notice.unwrap().text,
        refusal_in(
            Refused::PairingFailed,
            Doing::Anything,
            tandem_core::catalog::Locale::De
        )
        .text
    );
}
