//! The pairing screen: where pairing stands on this phone, what to show
//! (the code for the partner to scan, the digits to compare, who this
//! phone is paired with and where its keys stand) and the buttons a person
//! may press now, each with its label. Every step is one call
//! (`Core::pairing_act`) that returns the screen to show next.
//!
//! One decision for both phones: before, Android and iOS each held their
//! own state machine over the pairing calls and worded every step their
//! own way (iOS compared "these digits" where Android named the partner,
//! iOS lost the offer after a restart, the key line was formatted twice).
//!
//! What the store cannot say again is kept here, in memory, for as long as
//! the core is open (`Memory`): the answer code this phone showed after
//! scanning its partner's (the answer is never stored), the offer this
//! screen last showed (to say so when it runs out), and what a refused
//! step said. The offer itself is read back from the store, so a phone
//! restarted while showing its code shows the same code again.
//!
//! Here the screen is read from the store's status and the memory; the
//! calls (`Core::pairing_screen`, `Core::pairing_act`) are in steps.rs.

mod steps;

use crate::catalog::{Arg, Locale, date_short_year};
use crate::clock::Millis;
use crate::error::Error;
use crate::pairing::{AnswerCode, OfferCode, PairingStatus};
use crate::screens::notices::Notice;
use crate::screens::refusals::{Doing, Refused, refusal_in};
use crate::tell::{clock_time_in, partner_called, partner_named};
use crate::zone::Zone;

/// Where pairing stands on this phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairingStage {
    /// Not paired, nothing under way: show a code, or scan the partner's.
    Start,
    /// This phone shows its code; once the partner scanned it, this phone
    /// scans the code on theirs.
    ShowingCode,
    /// This phone scanned its partner's code: it shows its own for the
    /// partner to scan, and the digits to compare.
    ShowingAnswer,
    /// Compare the digits with the partner's screen.
    Comparing,
    Paired,
}

/// A button on the pairing screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairingAction {
    /// `PairingStep::Start`.
    ShowMyCode,
    /// The shell opens its camera and sends what it reads as
    /// `PairingStep::Scanned`.
    ScanPartnersCode,
    /// `PairingStep::Confirm`.
    TheyMatch,
    /// `PairingStep::Reject`.
    TheyDiffer,
    /// `PairingStep::Check`: is the code shown still good?
    CheckCode,
    /// `PairingStep::Cancel`.
    Cancel,
    /// `PairingStep::Unpair`; the shells ask the app lock first.
    Unpair,
}

impl PairingAction {
    pub fn label(self, l: Locale) -> String {
        l.say(match self {
            PairingAction::ShowMyCode => "pairing-action-show-code",
            PairingAction::ScanPartnersCode => "pairing-action-scan",
            PairingAction::TheyMatch => "pairing-action-match",
            PairingAction::TheyDiffer => "pairing-action-differ",
            PairingAction::CheckCode => "pairing-action-check",
            PairingAction::Cancel => "pairing-action-cancel",
            PairingAction::Unpair => "pairing-action-unpair",
        })
    }

    /// The step the button takes; `None` for `ScanPartnersCode`, whose
    /// step (`Scanned`) carries what the camera read.
    pub fn step(self) -> Option<PairingStep> {
        Some(match self {
            PairingAction::ShowMyCode => PairingStep::Start,
            PairingAction::ScanPartnersCode => return None,
            PairingAction::TheyMatch => PairingStep::Confirm,
            PairingAction::TheyDiffer => PairingStep::Reject,
            PairingAction::CheckCode => PairingStep::Check,
            PairingAction::Cancel => PairingStep::Cancel,
            PairingAction::Unpair => PairingStep::Unpair,
        })
    }
}

/// One step of pairing, as a person takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PairingStep {
    /// Show a (new) code; one shown before stops working.
    Start,
    /// The camera read `text`: the partner's answer to the code this
    /// phone shows completes the pairing; the partner's code is answered
    /// (a code this phone shows is withdrawn then: both showed one, and
    /// this phone scanned the other).
    Scanned(String),
    /// The digits match the partner's screen.
    Confirm,
    /// The digits differ: the new keys are destroyed.
    Reject,
    /// Leave pairing: a code shown is withdrawn, digits not yet confirmed
    /// are rejected (without saying they differed), a pairing made stays.
    Cancel,
    /// Destroy the pair's keys on this phone; the partner is not told.
    Unpair,
    /// Read the screen again (the code's time, a sync that named the
    /// partner); changes nothing.
    Check,
}

/// What a refused step or a code that ran out says, with a stable code
/// for logs and tests: a refusal's own ("pairing.expired", see
/// refusals.rs), "pairing.rejected" or "pairing.ran-out".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairingNotice {
    pub code: &'static str,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairingScreen {
    pub stage: PairingStage,
    pub heading: String,
    /// What to do now, one or two sentences.
    pub instruction: String,
    /// The code to show as a QR code, while there is one to scan.
    pub qr_text: Option<String>,
    /// The digits to compare ("123 456 789 012 345").
    pub digits: Option<String>,
    /// Until when the code shown can be scanned (for a countdown; `Check`
    /// says whether it still can).
    pub expires_at_ms: Option<Millis>,
    /// The same on this phone's clock: "Good until 21:12".
    pub expires: Option<String>,
    /// The name the partner's phone gave, once known.
    pub partner_name: Option<String>,
    /// "Paired with Ben", once paired.
    pub paired_with: Option<String>,
    /// The key generation and when this phone's keys last moved on, once
    /// paired (none while the core reports no keys).
    pub keys: Option<String>,
    /// For the shell to show, with `allow_camera`, when it may not use the
    /// camera to scan.
    pub camera_hint: String,
    pub allow_camera: String,
    /// The button that closes the camera without scanning.
    pub close_camera: String,
    /// What the last step said, when it was refused or the code ran out.
    pub notice: Option<PairingNotice>,
    /// The buttons, each with its label.
    pub actions: Vec<(PairingAction, String)>,
}

/// What a notice is about; worded when the screen is read, so a new
/// language words it anew.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Said {
    Refused(Refused),
    Rejected,
}

/// What the screen keeps while the core is open (see the module's notes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Memory {
    /// The answer this phone showed, with its digits: shown again while
    /// those digits wait to be compared, and after this phone confirmed
    /// them until the partner's first file arrives (the partner may not
    /// have scanned it yet).
    answer: Option<AnswerCode>,
    /// The expiry of the offer this screen showed: once the core no longer
    /// takes answers to it, the screen says it ran out.
    offered: Option<Millis>,
    /// What the last step said, on the stage it was said on.
    said: Option<(Said, PairingStage)>,
}

/// Every message id the screen's own words use (the blame check reads
/// them all).
#[cfg(test)]
const WORDS: [&str; 26] = [
    "pairing-action-show-code",
    "pairing-action-scan",
    "pairing-action-match",
    "pairing-action-differ",
    "pairing-action-check",
    "pairing-action-cancel",
    "pairing-action-unpair",
    "pairing-heading-start",
    "pairing-heading-code",
    "pairing-heading-compare",
    "pairing-heading-paired",
    "pairing-start",
    "pairing-show-code",
    "pairing-code-closed",
    "pairing-show-answer",
    "pairing-compare",
    "pairing-good-until",
    "pairing-paired-with",
    "pairing-keys",
    "pairing-paired",
    "pairing-paired-answer",
    "pairing-camera",
    "pairing-allow-camera",
    "pairing-close-camera",
    "pairing-ran-out",
    "sync-finish-pairing",
];

/// The kind of a refusal the screen words as a notice; `None` for errors
/// that are not about pairing (storage, damage), which stay errors.
fn refused(e: &Error) -> Option<Refused> {
    Some(match e {
        Error::Pairing(_) => Refused::PairingFailed,
        Error::PairingExpired => Refused::PairingExpired,
        Error::PairingOutdated { .. } => Refused::PairingOutdated,
        Error::AlreadyPaired => Refused::AlreadyPaired,
        Error::NotPaired(_) => Refused::NotPaired,
        _ => return None,
    })
}

fn notice(said: Said, l: Locale) -> PairingNotice {
    match said {
        Said::Refused(r) => {
            let r = refusal_in(r, Doing::Anything, l);
            PairingNotice {
                code: r.code,
                text: r.text,
            }
        }
        Said::Rejected => PairingNotice {
            code: "pairing.rejected",
            text: Notice::PairingRejected.text(l),
        },
    }
}

/// The key line: the generation and when this phone's keys last moved on
/// ("Sat 13 Mar 2027 at 18:05", on this phone's clock); none without keys.
fn keys_line(epoch: u32, moved_at_ms: Millis, zone: &Zone, l: Locale) -> Option<String> {
    if epoch == 0 {
        return None;
    }
    let at = chrono::DateTime::from_timestamp_millis(moved_at_ms)?.with_timezone(zone);
    let date = date_short_year(l, at.date_naive());
    let time = at.format("%H:%M").to_string();
    Some(l.say_with(
        "pairing-keys",
        &[
            ("epoch", Arg::Num(i64::from(epoch))),
            ("date", Arg::Str(&date)),
            ("time", Arg::Str(&time)),
        ],
    ))
}

/// The partner as a sentence names them, and whether they have a name:
/// the catalog's sentences read differently without one.
fn who(name: Option<&str>, l: Locale) -> (String, &'static str) {
    let named = if partner_named(name).is_some() {
        "yes"
    } else {
        "no"
    };
    (partner_called(name, l), named)
}

/// Everything the screen is read from.
struct Reading<'a> {
    status: &'a PairingStatus,
    /// The offer this phone shows, read back from the store.
    offer: Option<&'a OfferCode>,
    /// The digits of the pair this phone holds, once paired and while the
    /// partner's first file has not arrived: whether the answer in memory
    /// is this pair's.
    paired_sas: Option<&'a str>,
    memory: &'a Memory,
    now: Millis,
}

fn stage_of(r: &Reading) -> PairingStage {
    match r.status {
        PairingStatus::Unpaired => PairingStage::Start,
        // An offer whose code the core cannot show again: a new one
        // replaces it.
        PairingStatus::Offering { .. } if r.offer.is_none() => PairingStage::Start,
        PairingStatus::Offering { .. } => PairingStage::ShowingCode,
        PairingStatus::AwaitingConfirmation { sas, .. } => match &r.memory.answer {
            Some(answer) if answer.sas == *sas => PairingStage::ShowingAnswer,
            _ => PairingStage::Comparing,
        },
        PairingStatus::Paired { .. } => PairingStage::Paired,
    }
}

fn screen(r: &Reading, zone: &Zone, l: Locale) -> PairingScreen {
    use PairingAction as A;
    let stage = stage_of(r);
    let mut s = PairingScreen {
        stage,
        heading: String::new(),
        instruction: String::new(),
        qr_text: None,
        digits: None,
        expires_at_ms: None,
        expires: None,
        partner_name: None,
        paired_with: None,
        keys: None,
        camera_hint: l.say("pairing-camera"),
        allow_camera: l.say("pairing-allow-camera"),
        close_camera: l.say("pairing-close-camera"),
        notice: match r.memory.said {
            Some((said, on)) if on == stage => Some(notice(said, l)),
            // The code this screen showed is no longer taken.
            _ if stage == PairingStage::Start && r.memory.offered.is_some() => {
                Some(PairingNotice {
                    code: "pairing.ran-out",
                    text: l.say("pairing-ran-out"),
                })
            }
            _ => None,
        },
        actions: Vec::new(),
    };
    let actions: &[PairingAction] = match (stage, r.status, r.offer) {
        (PairingStage::Start, ..) => {
            s.heading = l.say("pairing-heading-start");
            s.instruction = l.say("pairing-start");
            &[A::ShowMyCode, A::ScanPartnersCode]
        }
        (PairingStage::ShowingCode, _, Some(offer)) if r.now <= offer.expires_at_ms => {
            let time = clock_time_in(offer.expires_at_ms, r.now, zone, l);
            s.heading = l.say("pairing-heading-code");
            s.instruction = l.say("pairing-show-code");
            s.qr_text = Some(offer.text.clone());
            s.expires_at_ms = Some(offer.expires_at_ms);
            s.expires = Some(l.say_with("pairing-good-until", &[("time", Arg::Str(&time))]));
            &[A::ScanPartnersCode, A::CheckCode, A::Cancel]
        }
        // Past its time the code is not shown (the partner's phone would
        // refuse it), but the partner's answer is still taken a while.
        (PairingStage::ShowingCode, ..) => {
            s.heading = l.say("pairing-heading-code");
            s.instruction = l.say("pairing-code-closed");
            &[A::ScanPartnersCode, A::ShowMyCode, A::Cancel]
        }
        (PairingStage::ShowingAnswer | PairingStage::Comparing, status, _) => {
            let (sas, name) = match status {
                PairingStatus::AwaitingConfirmation { sas, partner_name } => {
                    (sas.clone(), partner_name.clone())
                }
                _ => (String::new(), None),
            };
            s.heading = l.say("pairing-heading-compare");
            if stage == PairingStage::ShowingAnswer {
                s.instruction = l.say("pairing-show-answer");
                s.qr_text = r.memory.answer.as_ref().map(|a| a.text.clone());
            } else {
                let (who, named) = who(name.as_deref(), l);
                s.instruction = l.say_with(
                    "pairing-compare",
                    &[("who", Arg::Str(&who)), ("named", Arg::Str(named))],
                );
            }
            s.digits = Some(sas);
            s.partner_name = name;
            &[A::TheyMatch, A::TheyDiffer]
        }
        (PairingStage::Paired, status, _) => {
            if let PairingStatus::Paired {
                partner_name,
                partner_confirmed,
                key_epoch,
                keys_moved_at_ms,
                ..
            } = status
            {
                let (who, named) = who(partner_name.as_deref(), l);
                s.paired_with = Some(l.say_with(
                    "pairing-paired-with",
                    &[("who", Arg::Str(&who)), ("named", Arg::Str(named))],
                ));
                s.keys = keys_line(*key_epoch, *keys_moved_at_ms, zone, l);
                // This phone confirmed before its partner scanned the
                // answer, perhaps: it is still shown until the partner's
                // first file says the partner has it.
                let answer = r
                    .memory
                    .answer
                    .as_ref()
                    .filter(|a| !*partner_confirmed && r.paired_sas == Some(a.sas.as_str()));
                s.qr_text = answer.map(|a| a.text.clone());
                s.instruction = l.say(if *partner_confirmed {
                    "pairing-paired"
                } else if answer.is_some() {
                    "pairing-paired-answer"
                } else {
                    "sync-finish-pairing"
                });
                s.partner_name = partner_name.clone();
            }
            s.heading = l.say("pairing-heading-paired");
            &[A::Unpair]
        }
    };
    s.actions = actions.iter().map(|&a| (a, a.label(l))).collect();
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: Millis = 60_000;
    // 2027-03-10 18:00 UTC, 19:00 in Berlin.
    const NOW: Millis = 1_804_701_600_000;

    fn berlin() -> Zone {
        "Europe/Berlin".parse().unwrap()
    }

    fn read(status: &PairingStatus, offer: Option<&OfferCode>, memory: &Memory) -> PairingScreen {
        read_in(status, offer, memory, Locale::En)
    }

    fn read_in(
        status: &PairingStatus,
        offer: Option<&OfferCode>,
        memory: &Memory,
        l: Locale,
    ) -> PairingScreen {
        let r = Reading {
            status,
            offer,
            paired_sas: Some("123 456 789 012 345"),
            memory,
            now: NOW,
        };
        screen(&r, &berlin(), l)
    }

    fn actions(s: &PairingScreen) -> Vec<PairingAction> {
        s.actions.iter().map(|(a, _)| *a).collect()
    }

    fn offer(expires_at_ms: Millis) -> OfferCode {
        OfferCode {
            text: "TANDEM:OFFER".into(),
            expires_at_ms,
        }
    }

    fn awaiting(name: Option<&str>) -> PairingStatus {
        PairingStatus::AwaitingConfirmation {
            sas: "123 456 789 012 345".into(),
            partner_name: name.map(Into::into),
        }
    }

    fn paired(name: Option<&str>, confirmed: bool, epoch: u32) -> PairingStatus {
        PairingStatus::Paired {
            partner_name: name.map(Into::into),
            partner_device: None,
            partner_confirmed: confirmed,
            key_epoch: epoch,
            keys_moved_at_ms: NOW - 26 * 60 * MIN,
        }
    }

    #[test]
    fn each_stage_says_what_to_do_and_offers_its_buttons() {
        use PairingAction as A;
        let none = Memory::default();
        let start = read(&PairingStatus::Unpaired, None, &none);
        assert_eq!(start.stage, PairingStage::Start);
        assert_eq!(start.heading, "Pair your phones");
        assert_eq!(actions(&start), [A::ShowMyCode, A::ScanPartnersCode]);
        assert_eq!(
            start
                .actions
                .iter()
                .map(|(_, l)| l.as_str())
                .collect::<Vec<_>>(),
            ["Show my code", "Scan my partner's code"]
        );
        assert_eq!(
            (start.qr_text, start.digits, start.notice, start.keys),
            (None, None, None, None)
        );

        let expires = NOW + 2 * MIN;
        let code = offer(expires);
        let offering = PairingStatus::Offering {
            expires_at_ms: expires,
        };
        let showing = read(&offering, Some(&code), &none);
        assert_eq!(showing.stage, PairingStage::ShowingCode);
        assert_eq!(showing.qr_text.as_deref(), Some("TANDEM:OFFER"));
        assert_eq!(
            showing.instruction,
            "Let your partner scan this, then scan the code on their screen."
        );
        assert_eq!(showing.expires.as_deref(), Some("Good until 19:02"));
        assert_eq!(showing.expires_at_ms, Some(expires));
        assert_eq!(
            actions(&showing),
            [A::ScanPartnersCode, A::CheckCode, A::Cancel]
        );
        // An offer the core cannot show again reads as "show my code".
        assert_eq!(
            read(&offering, None, &none).stage,
            PairingStage::Start,
            "no code to show"
        );
        // Past its time, inside the grace for the answer: no code shown.
        let closed = read(&offering, Some(&offer(NOW - 1)), &none);
        assert_eq!(closed.stage, PairingStage::ShowingCode);
        assert_eq!((&closed.qr_text, &closed.expires), (&None, &None));
        assert_eq!(
            actions(&closed),
            [A::ScanPartnersCode, A::ShowMyCode, A::Cancel]
        );

        let comparing = read(&awaiting(Some("Ben")), None, &none);
        assert_eq!(comparing.stage, PairingStage::Comparing);
        assert_eq!(comparing.digits.as_deref(), Some("123 456 789 012 345"));
        assert_eq!(
            comparing.instruction,
            "Do these digits match the ones on Ben's screen?"
        );
        assert_eq!(comparing.qr_text, None);
        assert_eq!(actions(&comparing), [A::TheyMatch, A::TheyDiffer]);
        let unnamed = read(&awaiting(Some("  ")), None, &none);
        assert_eq!(
            unnamed.instruction,
            "Do these digits match the ones on your partner's screen?"
        );

        // The answer this phone showed comes back while its digits wait.
        let answered = Memory {
            answer: Some(AnswerCode {
                text: "TANDEM:ANSWER".into(),
                sas: "123 456 789 012 345".into(),
            }),
            ..Memory::default()
        };
        let answer = read(&awaiting(None), None, &answered);
        assert_eq!(answer.stage, PairingStage::ShowingAnswer);
        assert_eq!(answer.qr_text.as_deref(), Some("TANDEM:ANSWER"));
        assert_eq!(actions(&answer), [A::TheyMatch, A::TheyDiffer]);
        let other_digits = PairingStatus::AwaitingConfirmation {
            sas: "999 999 999 999 999".into(),
            partner_name: None,
        };
        assert_eq!(
            read(&other_digits, None, &answered).stage,
            PairingStage::Comparing,
            "another pairing's answer is not shown"
        );

        let p = read(&paired(Some("Ben"), true, 3), None, &none);
        assert_eq!(p.stage, PairingStage::Paired);
        assert_eq!(p.paired_with.as_deref(), Some("Paired with Ben"));
        assert_eq!(
            p.keys.as_deref(),
            Some(
                "Encryption keys: generation 3, last renewed Tue 9 Mar 2027 at 17:00. They renew as you sync."
            )
        );
        assert_eq!(actions(&p), [A::Unpair]);
        assert_eq!(p.actions[0].1, "Unpair this phone");
        // Confirmed before the partner scanned the answer: it stays shown
        // until the partner's first file arrives, for this pair only.
        let still = read(&paired(None, false, 1), None, &answered);
        assert_eq!(still.qr_text.as_deref(), Some("TANDEM:ANSWER"));
        assert_eq!(
            still.instruction,
            "If your partner's screen doesn't show the digits yet, let them scan this code. Then receive their first file to finish pairing."
        );
        assert_eq!(
            read(&paired(None, true, 2), None, &answered).qr_text,
            None,
            "the partner's first file arrived"
        );
        let r = Reading {
            status: &paired(None, false, 1),
            offer: None,
            paired_sas: Some("999 999 999 999 999"),
            memory: &answered,
            now: NOW,
        };
        assert_eq!(
            screen(&r, &berlin(), Locale::En).qr_text,
            None,
            "another pair's answer"
        );
        let waiting = read(&paired(None, false, 0), None, &none);
        assert_eq!(
            waiting.paired_with.as_deref(),
            Some("Paired with your partner")
        );
        assert_eq!(waiting.keys, None, "no keys reported");
        assert_eq!(
            waiting.instruction,
            "Receive your partner's first file to finish pairing."
        );
    }

    #[test]
    fn a_notice_stays_on_the_stage_it_was_said_on() {
        let said = Memory {
            said: Some((Said::Refused(Refused::PairingExpired), PairingStage::Start)),
            ..Memory::default()
        };
        let n = read(&PairingStatus::Unpaired, None, &said).notice.unwrap();
        assert_eq!(n.code, "pairing.expired");
        assert_eq!(
            n.text,
            refusal_in(Refused::PairingExpired, Doing::Anything, Locale::En).text
        );
        assert_eq!(
            read(&awaiting(None), None, &said).notice,
            None,
            "another stage"
        );
        let ran_out = Memory {
            offered: Some(NOW - MIN),
            ..Memory::default()
        };
        let n = read(&PairingStatus::Unpaired, None, &ran_out)
            .notice
            .unwrap();
        assert_eq!(n.code, "pairing.ran-out");
        let rejected = Memory {
            said: Some((Said::Rejected, PairingStage::Start)),
            ..Memory::default()
        };
        assert_eq!(
            read(&PairingStatus::Unpaired, None, &rejected)
                .notice
                .unwrap()
                .text,
            Notice::PairingRejected.text(Locale::En)
        );
    }

    #[test]
    fn german_reads_german() {
        let none = Memory::default();
        let s = read_in(&paired(Some("Ben"), true, 2), None, &none, Locale::De);
        assert_eq!(s.paired_with.as_deref(), Some("Verbunden mit Ben"));
        assert_eq!(
            read_in(&paired(None, false, 1), None, &none, Locale::De).paired_with,
            Some("Verbunden mit deinem Gegenüber".into())
        );
        assert_eq!(
            s.keys.as_deref(),
            Some(
                "Schlüssel: Generation 2, zuletzt erneuert am Di 9. März 2027 um 17:00. Sie erneuern sich, wenn ihr abgleicht."
            )
        );
        assert_eq!(s.actions[0].1, "Verbindung dieses Handys trennen");
        let code = offer(NOW + 2 * MIN);
        let showing = read_in(
            &PairingStatus::Offering {
                expires_at_ms: code.expires_at_ms,
            },
            Some(&code),
            &none,
            Locale::De,
        );
        assert_eq!(showing.expires.as_deref(), Some("Gültig bis 19:02"));
        assert_eq!(showing.heading, "Dein Code");
    }

    #[test]
    fn the_words_blame_nobody() {
        for l in [Locale::En, Locale::De] {
            for id in WORDS {
                let text = l
                    .say_with(
                        id,
                        &[
                            ("who", Arg::Str("Ben")),
                            ("named", Arg::Str("yes")),
                            ("time", Arg::Str("21:10")),
                            ("date", Arg::Str("Sat 12 Dec 2026")),
                            ("epoch", Arg::Num(2)),
                        ],
                    )
                    .to_lowercase();
                assert!(!text.contains('{'), "{id} in {l:?}: <{text}>");
                for blame in ["fail", "fault", "wrong", "ignor", "schuld", "falsch"] {
                    assert!(!text.contains(blame), "<{text}> says <{blame}>");
                }
            }
        }
    }
}
