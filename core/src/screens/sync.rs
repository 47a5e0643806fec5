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
use crate::error::{Error, Result};
use crate::pairing::PairingStatus;

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

const PAIR_FIRST: &str =
    "Pair first: syncing starts once your phones are paired on the Pairing screen.";
const CONFIRM_FIRST: &str = "Confirm the check code on the Pairing screen first, then sync.";
const FINISH_PAIRING: &str = "Receive your partner's first file to finish pairing.";
const SEND_NEXT: &str = "Send your changes to your partner. They stay counted here until your partner's phone confirms it has them.";
/// After a receive with nothing of this phone's own to send: a reply tells
/// the partner's phone what arrived, so its count goes down.
const REPLY_NEXT: &str = "Send a reply so your partner's phone knows what arrived.";
/// With nothing to send a send still carries an update (what arrived here;
/// from the phone that showed the QR code, the pairing its partner waits
/// for), which this phone cannot tell is needed.
const UP_TO_DATE: &str =
    "Nothing new to send. Send anyway if your partner is waiting for a file from you.";
const EVERYTHING_SENT: &str = "Your partner's phone has everything";
const NOTHING_WAITING: &str =
    "Nothing waiting to receive. Files your partner shares to this phone land here.";

fn counted(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        one.to_string()
    } else {
        many.replace("{n}", &n.to_string())
    }
}

fn receive_next(waiting: u32) -> String {
    counted(
        waiting.into(),
        "1 file from your partner is waiting: receive it.",
        "{n} files from your partner are waiting: receive them.",
    )
}

fn waiting_text(waiting: u32) -> String {
    match waiting {
        0 => "No files waiting".to_string(),
        n => counted(
            n.into(),
            "1 file from your partner waiting",
            "{n} files from your partner waiting",
        ),
    }
}

fn changes_text(changes: u32) -> String {
    match changes {
        0 => EVERYTHING_SENT.to_string(),
        n => counted(n.into(), "1 change to send", "{n} changes to send"),
    }
}

/// The lines for the last tap.
fn lines(last: &SyncLast) -> Vec<String> {
    match last {
        SyncLast::Sent { changes, files } => {
            let files = counted((*files).into(), "1 file", "{n} files");
            vec![match changes {
                0 => format!(
                    "Sent an update as {files}: it lets your partner's phone know what arrived here."
                ),
                1 => format!("Sent 1 change as {files}."),
                n => format!("Sent {n} changes as {files}."),
            }]
        }
        SyncLast::Received(r) if r.files() == 0 => vec![NOTHING_WAITING.to_string()],
        SyncLast::Received(r) => {
            let mut lines = Vec::new();
            if r.imported > 0 {
                lines.push(match r.applied {
                    0 => "No new changes received.".to_string(),
                    n => counted(n, "1 change received.", "{n} changes received."),
                });
            }
            lines.extend(r.news.iter().cloned());
            if r.already_imported > 0 {
                lines.push(counted(
                    r.already_imported.into(),
                    "1 file was imported before.",
                    "{n} files were imported before.",
                ));
            }
            if r.partner_confirmed {
                lines.push("Your partner's phone confirmed the pairing.".to_string());
            }
            lines.extend(r.refused.iter().map(|(name, why)| format!("{name}: {why}")));
            lines
        }
    }
}

impl Core {
    /// The Sync screen with `waiting_files` in this phone's inbox and what
    /// the last tap did.
    pub fn sync_screen(&self, waiting_files: u32, last: Option<&SyncLast>) -> Result<SyncScreen> {
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
            CONFIRM_FIRST.to_string()
        } else if !paired {
            PAIR_FIRST.to_string()
        } else if waiting_files > 0 {
            receive_next(waiting_files)
        } else if !confirmed {
            FINISH_PAIRING.to_string()
        } else if changes_to_send.is_some_and(|n| n > 0) {
            SEND_NEXT.to_string()
        } else if replied_worth {
            REPLY_NEXT.to_string()
        } else {
            UP_TO_DATE.to_string()
        };
        Ok(SyncScreen {
            paired,
            partner_name,
            next,
            waiting_files,
            waiting_text: waiting_text(waiting_files),
            changes_to_send,
            changes_text: changes_to_send.map(changes_text),
            can_send: paired,
            can_receive: paired,
            lines: last.map(lines).unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_a_person_says_them() {
        assert_eq!(changes_text(0), "Your partner's phone has everything");
        assert_eq!(changes_text(1), "1 change to send");
        assert_eq!(changes_text(3), "3 changes to send");
        assert_eq!(waiting_text(0), "No files waiting");
        assert_eq!(waiting_text(2), "2 files from your partner waiting");
        assert_eq!(
            receive_next(1),
            "1 file from your partner is waiting: receive it."
        );
    }

    #[test]
    fn a_send_without_changes_is_an_update_and_a_receive_says_each_file() {
        assert_eq!(
            lines(&SyncLast::Sent {
                changes: 0,
                files: 1
            }),
            ["Sent an update as 1 file: it lets your partner's phone know what arrived here."]
        );
        assert_eq!(
            lines(&SyncLast::Sent {
                changes: 4,
                files: 2
            }),
            ["Sent 4 changes as 2 files."]
        );
        assert_eq!(
            lines(&SyncLast::Received(Received::default())),
            [NOTHING_WAITING]
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
            lines(&SyncLast::Received(r)),
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
        for text in [
            PAIR_FIRST,
            CONFIRM_FIRST,
            FINISH_PAIRING,
            SEND_NEXT,
            REPLY_NEXT,
            UP_TO_DATE,
            EVERYTHING_SENT,
            NOTHING_WAITING,
        ] {
            let lower = text.to_lowercase();
            for blame in ["late", "miss", "fail", "ignor", "still haven", "forgot"] {
                assert!(!lower.contains(blame), "<{text}> says <{blame}>");
            }
        }
    }
}
