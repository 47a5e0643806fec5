//! What a person is told when the core refuses something: one wording for
//! both phones (before, each shell had its own, and they differed), chosen
//! by the kind of refusal and what the person was doing. The words never
//! contain the refusal's reason: a reason may name a field, a zone or a
//! title, and is for logs only.
//!
//! Each message has a stable code ("ritual.changed") that names it in logs
//! and tests whatever language the text is in.

/// The kinds of refusal the facade reports, without their reasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Refused {
    InvalidInput,
    NotAllowedNow,
    NotFound,
    WrongPassphrase,
    WrongKey,
    NotATandemDatabase,
    DatabaseTooNew,
    PairingFailed,
    PairingOutdated,
    PairingExpired,
    AlreadyPaired,
    NotPaired,
    PayloadRejected,
    PayloadTooOld,
    ClockSkew,
    Storage,
    Damaged,
    Closed,
}

impl Refused {
    pub const ALL: [Refused; 18] = [
        Refused::InvalidInput,
        Refused::NotAllowedNow,
        Refused::NotFound,
        Refused::WrongPassphrase,
        Refused::WrongKey,
        Refused::NotATandemDatabase,
        Refused::DatabaseTooNew,
        Refused::PairingFailed,
        Refused::PairingOutdated,
        Refused::PairingExpired,
        Refused::AlreadyPaired,
        Refused::NotPaired,
        Refused::PayloadRejected,
        Refused::PayloadTooOld,
        Refused::ClockSkew,
        Refused::Storage,
        Refused::Damaged,
        Refused::Closed,
    ];
}

/// What the person was doing when it was refused: a refused button on a
/// ritual's row means the ritual changed, a refused restore that the file
/// cannot be used, and so on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Doing {
    Anything,
    Export,
    Restore,
    Ritual,
    Agreement,
    Pause,
    Boundary,
}

impl Doing {
    pub const ALL: [Doing; 7] = [
        Doing::Anything,
        Doing::Export,
        Doing::Restore,
        Doing::Ritual,
        Doing::Agreement,
        Doing::Pause,
        Doing::Boundary,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    /// Stable, for logs and tests: "ritual.changed".
    pub code: &'static str,
    pub text: &'static str,
}

const fn said(code: &'static str, text: &'static str) -> Refusal {
    Refusal { code, text }
}

/// The words for `refused` while `doing`.
pub fn refusal(refused: Refused, doing: Doing) -> Refusal {
    use Doing as D;
    use Refused as R;
    match (doing, refused) {
        (D::Export, R::InvalidInput) => said(
            "export.passphrase-short",
            "Choose a passphrase of at least 16 characters or at least 4 words. You will need it to open the file again.",
        ),
        (D::Restore, R::InvalidInput) => said(
            "restore.unusable",
            "This file can't be restored, so nothing was changed. It may need its passphrase, be damaged or not a Tandem export, or come from a newer Tandem (then update the app).",
        ),
        (D::Restore, R::NotAllowedNow) => said(
            "restore.not-empty",
            "A file can be restored only into a new, empty Tandem, so nothing was changed. Restore it on a fresh install.",
        ),
        (D::Ritual, R::NotAllowedNow) => said(
            "ritual.changed",
            "This ritual has changed since the screen was shown, so nothing was done. Here is how it stands now.",
        ),
        (D::Ritual, R::NotFound) => said(
            "ritual.gone",
            "This ritual isn't on this phone any more, so nothing was done. Here is the list as it stands now.",
        ),
        (D::Agreement, R::InvalidInput) => said(
            "agreement.input",
            "Some of what you entered can't be used. Check the title (up to 80 characters), the text (up to 2000), a cool-down of 20 minutes to a day, and a review date after today, then try again.",
        ),
        (D::Agreement, R::NotAllowedNow) => said(
            "agreement.changed",
            "This agreement has changed since the screen was shown, or your suggestion is already there, so nothing was done. Here is how it stands now.",
        ),
        (D::Agreement, R::NotFound) => said(
            "agreement.gone",
            "This agreement isn't on this phone any more, so nothing was done. Here is the list as it stands now.",
        ),
        (D::Pause, R::InvalidInput) => said(
            "pause.input",
            "A pause lasts 20 minutes to 24 hours in all, and its note up to 140 characters. Pick a time in that range.",
        ),
        (D::Pause, R::NotAllowedNow) => said(
            "pause.not-now",
            "That can't be done with this pause right now. The one who takes a pause ends it, and can add time once. Here is how it stands now.",
        ),
        (D::Pause, R::NotFound) => said(
            "pause.gone",
            "This pause isn't on this phone any more, so nothing was done.",
        ),
        (D::Boundary, R::InvalidInput) => said(
            "boundary.input",
            "A boundary is 1 to 500 characters. Check the text, then try again.",
        ),
        (D::Boundary, R::NotAllowedNow) => said(
            "boundary.not-now",
            "Nothing was changed: a boundary is changed only by the one who wrote it, and this one may already read that way. Here it is as it stands now.",
        ),
        (D::Boundary, R::NotFound) => said(
            "boundary.gone",
            "This boundary isn't on this phone any more, so nothing was done.",
        ),
        (_, refused) => general(refused),
    }
}

fn general(refused: Refused) -> Refusal {
    use Refused as R;
    match refused {
        R::InvalidInput => said(
            "input",
            "Some of what you entered can't be used. Check the title, length, time and time zone, then try again.",
        ),
        R::NotAllowedNow => said(
            "not-now",
            "That can't be done right now. Things may have changed on your partner's phone; here is how they stand now.",
        ),
        R::NotFound => said(
            "gone",
            "That isn't on this phone any more, so nothing was done. Here is the list as it stands now.",
        ),
        R::WrongPassphrase => said(
            "wrong-passphrase",
            "That passphrase doesn't open this file, so nothing was restored. Check it and try again; if the file was changed since it was saved, make a new export.",
        ),
        R::WrongKey => said(
            "wrong-key",
            "Tandem can't unlock its data on this device. If you reinstalled the app or restored a backup, the key may be gone.",
        ),
        R::NotATandemDatabase => said(
            "not-tandem-data",
            "The data file isn't one of Tandem's. Nothing was changed.",
        ),
        R::DatabaseTooNew => said(
            "data-too-new",
            "Your data was saved by a newer version of Tandem. Update the app to open it.",
        ),
        R::PairingFailed => said(
            "pairing.failed",
            "That code can't be used to pair. Start pairing again on both phones and scan the code on your partner's screen.",
        ),
        R::PairingOutdated => said(
            "pairing.outdated",
            "Your partner's phone has an older Tandem. Update the app on both phones, then start pairing again.",
        ),
        R::PairingExpired => said(
            "pairing.expired",
            "The pairing code expired. Start pairing again and scan the new code within two minutes.",
        ),
        R::AlreadyPaired => said(
            "pairing.already",
            "This phone is already paired. Unpair it first to pair with someone else.",
        ),
        R::NotPaired => said(
            "pairing.not-yet",
            "This phone isn't paired with your partner yet. Pair, and confirm the check code, before syncing.",
        ),
        R::PayloadRejected => said(
            "sync.rejected",
            "This update from your partner couldn't be used, so nothing was changed. Ask your partner to send a new one.",
        ),
        // Sealed with keys this phone has deleted since (keys move on after
        // every exchange): its changes come again in the next one.
        R::PayloadTooOld => said(
            "sync.too-old",
            "This update was older than your phone's current keys, so it was skipped; nothing was lost — sync again to get the latest.",
        ),
        R::ClockSkew => said(
            "sync.clock",
            "Your partner's phone and this one disagree about the time. Check that both phones set the time automatically, then sync again.",
        ),
        R::Storage => said(
            "storage",
            "Tandem couldn't read or save its data. Check that the device has free space, then try again.",
        ),
        R::Damaged => said(
            "damaged",
            "Some of Tandem's data on this phone is damaged, so it wasn't used. Restore a backup, or pair again to get the shared data back from your partner's phone.",
        ),
        R::Closed => said("closed", "Tandem was closed. Open it again to continue."),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn each_kind_has_its_own_words_and_code() {
        let general: Vec<Refusal> = Refused::ALL.iter().map(|&r| general(r)).collect();
        let codes: std::collections::BTreeSet<_> = general.iter().map(|r| r.code).collect();
        let texts: std::collections::BTreeSet<_> = general.iter().map(|r| r.text).collect();
        assert_eq!(codes.len(), Refused::ALL.len());
        assert_eq!(texts.len(), Refused::ALL.len());
    }

    #[test]
    fn one_code_always_reads_the_same() {
        let mut by_code: BTreeMap<&str, &str> = BTreeMap::new();
        for doing in Doing::ALL {
            for refused in Refused::ALL {
                let r = refusal(refused, doing);
                let text = *by_code.entry(r.code).or_insert(r.text);
                assert_eq!(text, r.text, "{}", r.code);
            }
        }
        // Every screen's own words are reachable.
        assert_eq!(by_code.len(), Refused::ALL.len() + 14);
    }

    #[test]
    fn a_screen_only_changes_what_it_knows_better() {
        for doing in Doing::ALL {
            for refused in [
                Refused::WrongKey,
                Refused::Closed,
                Refused::Storage,
                Refused::Damaged,
            ] {
                assert_eq!(
                    refusal(refused, doing),
                    general(refused),
                    "{doing:?} {refused:?}"
                );
            }
        }
        assert_eq!(
            refusal(Refused::NotFound, Doing::Ritual).code,
            "ritual.gone"
        );
        assert_eq!(refusal(Refused::NotFound, Doing::Export).code, "gone");
    }

    #[test]
    fn the_words_blame_nobody_and_promise_nothing_was_lost_when_it_was_not() {
        for doing in Doing::ALL {
            for refused in Refused::ALL {
                let text = refusal(refused, doing).text.to_lowercase();
                for blame in [
                    "your partner failed",
                    "you failed",
                    "ignor",
                    "missed",
                    "fault",
                ] {
                    assert!(!text.contains(blame), "{text}");
                }
            }
        }
        assert!(
            general(Refused::PayloadTooOld)
                .text
                .contains("nothing was lost")
        );
        assert!(
            general(Refused::PayloadRejected)
                .text
                .contains("nothing was changed")
        );
    }
}
