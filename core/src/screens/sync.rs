//! The Sync screen: what to do next, what waits either way, and what the
//! last send or receive did, in lines. One decision for both phones:
//! before, Android said "Nothing new to send. When files from your partner
//! arrive, receive them, then send an update…" where iOS said "Nothing new
//! to send; send anyway…", only iOS knew a phone still waiting for its
//! partner's first file, and each worded a send without changes its own
//! way.
//!
//! The shell knows two things the core cannot: how many files wait in its
//! inbox, and what its last tap did (`SyncLast`); everything else is read
//! here.

use crate::Core;
use crate::catalog::{Arg, Locale};
use crate::error::{Error, Result};
use crate::pairing::PairingStatus;
use crate::sync::payload::UNCONFIRMED_COUNTED;

/// What the last tap on the Sync screen did, as the shell saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncLast {
    /// A send: the changes it carried (counted just before the export; 0
    /// when the files only carry an update) in `files` files.
    Sent {
        changes: u32,
        files: u32,
    },
    Received(Received),
}

/// What one receive did over the inbox's files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Received {
    /// Files imported now (refused ones and repeats not counted).
    pub imported: u32,
    /// Files that had been imported before.
    pub already_imported: u32,
    /// Changes new on this phone.
    pub applied: u64,
    /// What the partner changed: the core's sentences as shown
    /// (`merge_news`, each `News::text`).
    pub news: Vec<String>,
    /// The partner's key confirmation arrived with one of them.
    pub partner_confirmed: bool,
    /// Files refused, each with its name and the message for it.
    pub refused: Vec<(String, String)>,
}

impl Received {
    fn files(&self) -> u32 {
        let refused = u32::try_from(self.refused.len()).unwrap_or(u32::MAX);
        self.imported
            .saturating_add(self.already_imported)
            .saturating_add(refused)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncScreen {
    /// Paired, the digits confirmed on this phone: sending and receiving work.
    pub paired: bool,
    pub partner_name: Option<String>,
    /// What to do next, one sentence.
    pub next: String,
    pub waiting_files: u32,
    /// "No files waiting", "1 file from your partner waiting".
    pub waiting_text: String,
    /// Changes the partner's phone has not confirmed holding; `None`
    /// before pairing is confirmed here.
    pub changes_to_send: Option<u32>,
    /// "3 changes to send", "Your partner's phone has everything".
    pub changes_text: Option<String>,
    pub can_send: bool,
    pub can_receive: bool,
    /// What the last tap did, line by line; empty before one.
    pub lines: Vec<String>,
}

fn count(l: Locale, id: &str, n: u64) -> String {
    l.say_with(
        id,
        &[("count", Arg::Num(i64::try_from(n).unwrap_or(i64::MAX)))],
    )
}

/// Whether a count of changes to send reached where `changes_to_send`
/// stops counting: there may be more.
fn counted_to_the_end(n: u32) -> bool {
    usize::try_from(n).is_ok_and(|n| n >= UNCONFIRMED_COUNTED)
}

/// "3 changes to send"; from where the count stops, "1000 or more".
fn to_send_text(l: Locale, n: u32) -> String {
    if counted_to_the_end(n) {
        count(l, "sync-to-send-many", UNCONFIRMED_COUNTED as u64)
    } else {
        count(l, "sync-to-send", n.into())
    }
}

/// The lines for the last tap.
fn lines(last: &SyncLast, l: Locale) -> Vec<String> {
    match last {
        SyncLast::Sent { changes, files } => {
            let files = count(l, "sync-files", (*files).into());
            // The shell counted them with `changes_to_send`.
            let (id, changes) = if counted_to_the_end(*changes) {
                ("sync-sent-many", UNCONFIRMED_COUNTED as i64)
            } else {
                ("sync-sent", i64::from(*changes))
            };
            vec![l.say_with(
                id,
                &[("changes", Arg::Num(changes)), ("files", Arg::Str(&files))],
            )]
        }
        SyncLast::Received(r) if r.files() == 0 => vec![l.say("sync-nothing-waiting")],
        SyncLast::Received(r) => {
            let mut lines = Vec::new();
            if r.imported > 0 {
                lines.push(count(l, "sync-received", r.applied));
            }
            lines.extend(r.news.iter().cloned());
            if r.already_imported > 0 {
                lines.push(count(l, "sync-imported-before", r.already_imported.into()));
            }
            if r.partner_confirmed {
                lines.push(l.say("sync-partner-confirmed"));
            }
            lines.extend(r.refused.iter().map(|(name, why)| {
                l.say_with(
                    "sync-refused-file",
                    &[("name", Arg::Str(name)), ("message", Arg::Str(why))],
                )
            }));
            lines
        }
    }
}

impl Core {
    /// The Sync screen with `waiting_files` in this phone's inbox and what
    /// the last tap did.
    pub fn sync_screen(&self, waiting_files: u32, last: Option<&SyncLast>) -> Result<SyncScreen> {
        let l = self.locale();
        let status = self.pairing_status()?;
        let awaiting = matches!(status, PairingStatus::AwaitingConfirmation { .. });
        let (paired, confirmed, partner_name) = match status {
            PairingStatus::Paired {
                partner_name,
                partner_confirmed,
                ..
            } => (true, partner_confirmed, partner_name),
            PairingStatus::AwaitingConfirmation { partner_name, .. } => {
                (false, false, partner_name)
            }
            PairingStatus::Unpaired | PairingStatus::Offering { .. } => (false, false, None),
        };
        let changes_to_send = if paired {
            match self.changes_to_send() {
                Ok(n) => Some(u32::try_from(n).unwrap_or(u32::MAX)),
                Err(Error::NotPaired(_)) => None,
                Err(e) => return Err(e),
            }
        } else {
            None
        };
        let paired = paired && changes_to_send.is_some();
        // Only new changes are worth a reply: answering a bare acknowledgement
        // would send updates back and forth for ever.
        let replied_worth = matches!(last, Some(SyncLast::Received(r)) if r.applied > 0);
        let next = if awaiting {
            l.say("sync-confirm-first")
        } else if !paired {
            l.say("sync-pair-first")
        } else if waiting_files > 0 {
            count(l, "sync-receive-next", waiting_files.into())
        } else if !confirmed {
            l.say("sync-finish-pairing")
        } else if changes_to_send.is_some_and(|n| n > 0) {
            l.say("sync-send-next")
        } else if replied_worth {
            // After new changes arrived, with nothing of this phone's own
            // to send: a reply tells the partner's phone what arrived.
            l.say("sync-reply-next")
        } else {
            // A send still carries an update (what arrived here; from the
            // phone that showed the QR code, the pairing its partner waits
            // for), which this phone cannot tell is needed.
            l.say("sync-up-to-date")
        };
        Ok(SyncScreen {
            paired,
            partner_name,
            next,
            waiting_files,
            waiting_text: count(l, "sync-waiting", waiting_files.into()),
            changes_to_send,
            changes_text: changes_to_send.map(|n| to_send_text(l, n)),
            can_send: paired,
            can_receive: paired,
            lines: last.map(|last| lines(last, l)).unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: Locale = Locale::En;

    #[test]
    fn counts_read_as_a_person_says_them() {
        assert_eq!(
            count(EN, "sync-to-send", 0),
            "Your partner's phone has everything"
        );
        assert_eq!(to_send_text(EN, 1), "1 change to send");
        assert_eq!(to_send_text(EN, 999), "999 changes to send");
        assert_eq!(to_send_text(EN, 1000), "1000 or more changes to send");
        assert_eq!(
            to_send_text(Locale::De, 1000),
            "1000 oder mehr Änderungen zu senden"
        );
        assert_eq!(count(EN, "sync-waiting", 0), "No files waiting");
        assert_eq!(
            count(EN, "sync-waiting", 2),
            "2 files from your partner waiting"
        );
        assert_eq!(
            count(EN, "sync-receive-next", 1),
            "1 file from your partner is waiting: receive it."
        );
        assert_eq!(
            count(Locale::De, "sync-to-send", 2),
            "2 Änderungen zu senden"
        );
    }

    #[test]
    fn a_send_without_changes_is_an_update_and_a_receive_says_each_file() {
        assert_eq!(
            lines(
                &SyncLast::Sent {
                    changes: 0,
                    files: 1
                },
                EN
            ),
            ["Sent an update as 1 file: it lets your partner's phone know what arrived here."]
        );
        assert_eq!(
            lines(
                &SyncLast::Sent {
                    changes: 4,
                    files: 2
                },
                EN
            ),
            ["Sent 4 changes as 2 files."]
        );
        assert_eq!(
            lines(
                &SyncLast::Sent {
                    changes: 1000,
                    files: 3
                },
                EN
            ),
            ["Sent 1000 or more changes as 3 files."]
        );
        assert_eq!(
            lines(&SyncLast::Received(Received::default()), EN),
            ["Nothing waiting to receive. Files your partner shares to this phone land here."]
        );
        let r = Received {
            imported: 1,
            already_imported: 2,
            applied: 1,
            news: vec!["Ana invited you to a new ritual: Walk".into()],
            partner_confirmed: true,
            refused: vec![("b.tandem".into(), "Not for this pairing".into())],
        };
        assert_eq!(
            lines(&SyncLast::Received(r), EN),
            [
                "1 change received.",
                "Ana invited you to a new ritual: Walk",
                "2 files were imported before.",
                "Your partner's phone confirmed the pairing.",
                "b.tandem: Not for this pairing",
            ]
        );
    }

    #[test]
    fn the_words_blame_nobody() {
        let ids = [
            "sync-pair-first",
            "sync-confirm-first",
            "sync-finish-pairing",
            "sync-send-next",
            "sync-reply-next",
            "sync-up-to-date",
            "sync-nothing-waiting",
        ];
        for l in [Locale::En, Locale::De] {
            for id in ids {
                let text = l.say(id).to_lowercase();
                for blame in [
                    "late",
                    "miss",
                    "fail",
                    "ignor",
                    "still haven",
                    "forgot",
                    "versäum",
                    "vergess",
                ] {
                    assert!(!text.contains(blame), "<{text}> says <{blame}>");
                }
            }
        }
    }
}
