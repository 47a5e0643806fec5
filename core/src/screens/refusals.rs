//! What a person is told when the core refuses something: one wording for
//! both phones (before, each shell had its own, and they differed), chosen
//! by the kind of refusal and what the person was doing. The words never
//! contain the refusal's reason: a reason may name a field, a zone or a
//! title, and is for logs only.
//!
//! Each message has a stable code ("ritual.changed") that names it in logs
//! and tests whatever language the text is in; the words are the catalog's
//! message `refusal-` and the code with `-` for `.`.

use crate::catalog::Locale;

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

/// What a shell does with a received sync file once the core has seen it.
/// One decision for both phones: before, Android deleted a file too old to
/// open and kept a refused one for ever, while iOS set both aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterImport {
    /// The core holds its changes, or the file can never open and lost
    /// nothing (too old: its changes come again in the partner's next one).
    Remove,
    /// It can never be used (damaged, altered or not for this pair): keep
    /// it out of the way, out of every later sync, without destroying it.
    SetAside,
    /// It may work later (not paired or confirmed yet, storage trouble, a
    /// clock to fix): leave it where it is, for the next sync.
    Keep,
}

/// What to do with a received file whose import was refused as `refused`
/// (`None`: it was imported).
pub fn after_import(refused: Option<Refused>) -> AfterImport {
    match refused {
        None | Some(Refused::PayloadTooOld) => AfterImport::Remove,
        Some(Refused::PayloadRejected) => AfterImport::SetAside,
        Some(_) => AfterImport::Keep,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// Stable, for logs and tests: "ritual.changed".
    pub code: &'static str,
    /// The catalog's words for it (message `refusal-ritual-changed`).
    pub text: String,
}

/// The catalog's message id for a code: "ritual.changed" is
/// `refusal-ritual-changed`.
pub fn message_id(code: &str) -> String {
    format!("refusal-{}", code.replace('.', "-"))
}

/// The words for `refused` while `doing`, in English.
pub fn refusal(refused: Refused, doing: Doing) -> Refusal {
    refusal_in(refused, doing, Locale::En)
}

/// The words for `refused` while `doing`, in `locale`.
pub fn refusal_in(refused: Refused, doing: Doing, locale: Locale) -> Refusal {
    let code = code(refused, doing);
    Refusal {
        code,
        text: locale.say(&message_id(code)),
    }
}

/// The stable code for `refused` while `doing`.
pub fn code(refused: Refused, doing: Doing) -> &'static str {
    use Doing as D;
    use Refused as R;
    match (doing, refused) {
        (D::Export, R::InvalidInput) => "export.passphrase-short",
        (D::Restore, R::InvalidInput) => "restore.unusable",
        (D::Restore, R::NotAllowedNow) => "restore.not-empty",
        (D::Ritual, R::NotAllowedNow) => "ritual.changed",
        (D::Ritual, R::NotFound) => "ritual.gone",
        (D::Agreement, R::InvalidInput) => "agreement.input",
        (D::Agreement, R::NotAllowedNow) => "agreement.changed",
        (D::Agreement, R::NotFound) => "agreement.gone",
        (D::Pause, R::InvalidInput) => "pause.input",
        (D::Pause, R::NotAllowedNow) => "pause.not-now",
        (D::Pause, R::NotFound) => "pause.gone",
        (D::Boundary, R::InvalidInput) => "boundary.input",
        (D::Boundary, R::NotAllowedNow) => "boundary.not-now",
        (D::Boundary, R::NotFound) => "boundary.gone",
        (_, refused) => general(refused),
    }
}

fn general(refused: Refused) -> &'static str {
    use Refused as R;
    match refused {
        R::InvalidInput => "input",
        R::NotAllowedNow => "not-now",
        R::NotFound => "gone",
        R::WrongPassphrase => "wrong-passphrase",
        R::WrongKey => "wrong-key",
        R::NotATandemDatabase => "not-tandem-data",
        R::DatabaseTooNew => "data-too-new",
        R::PairingFailed => "pairing.failed",
        R::PairingOutdated => "pairing.outdated",
        R::PairingExpired => "pairing.expired",
        R::AlreadyPaired => "pairing.already",
        R::NotPaired => "pairing.not-yet",
        R::PayloadRejected => "sync.rejected",
        // Sealed with keys this phone has deleted since (keys move on after
        // every exchange): its changes come again in the next one.
        R::PayloadTooOld => "sync.too-old",
        R::ClockSkew => "sync.clock",
        R::Storage => "storage",
        R::Damaged => "damaged",
        R::Closed => "closed",
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn a_received_file_is_removed_only_when_nothing_is_lost() {
        assert_eq!(after_import(None), AfterImport::Remove);
        assert_eq!(
            after_import(Some(Refused::PayloadTooOld)),
            AfterImport::Remove
        );
        assert_eq!(
            after_import(Some(Refused::PayloadRejected)),
            AfterImport::SetAside
        );
        for later in [
            Refused::NotPaired,
            Refused::Storage,
            Refused::ClockSkew,
            Refused::Closed,
        ] {
            assert_eq!(after_import(Some(later)), AfterImport::Keep, "{later:?}");
        }
    }

    #[test]
    fn each_kind_has_its_own_words_and_code() {
        for locale in Locale::ALL {
            let general: Vec<Refusal> = Refused::ALL
                .iter()
                .map(|&r| refusal_in(r, Doing::Anything, locale))
                .collect();
            let codes: std::collections::BTreeSet<_> = general.iter().map(|r| r.code).collect();
            let texts: std::collections::BTreeSet<_> =
                general.iter().map(|r| r.text.clone()).collect();
            assert_eq!(codes.len(), Refused::ALL.len());
            assert_eq!(texts.len(), Refused::ALL.len());
        }
    }

    #[test]
    fn one_code_always_reads_the_same() {
        let mut by_code: BTreeMap<&str, String> = BTreeMap::new();
        for doing in Doing::ALL {
            for refused in Refused::ALL {
                let r = refusal(refused, doing);
                let text = by_code.entry(r.code).or_insert(r.text.clone());
                assert_eq!(*text, r.text, "{}", r.code);
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
                    refusal(refused, Doing::Anything),
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
        let general = |r| refusal(r, Doing::Anything).text;
        assert!(general(Refused::PayloadTooOld).contains("nothing was lost"));
        assert!(general(Refused::PayloadRejected).contains("nothing was changed"));
        let allgemein = |r| refusal_in(r, Doing::Anything, Locale::De).text;
        assert!(allgemein(Refused::PayloadTooOld).contains("nichts verloren"));
        assert!(allgemein(Refused::PayloadRejected).contains("nichts geändert"));
    }
}
