//! The Sync screen across the FFI: the shell says what its inbox holds and
//! what its last tap did; the core says what to do next and how to say it.

use tandem_core::screens::sync as core_sync;

use crate::{Result, Tandem};

/// A file a receive refused, with the message for it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RefusedFile {
    pub name: String,
    pub message: String,
}

/// What one receive did over the inbox's files.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SyncReceived {
    /// Files imported now (refused ones and repeats not counted).
    pub imported: u32,
    /// Files imported before.
    pub already_imported: u32,
    /// Changes new on this phone.
    pub applied: u64,
    /// What the partner changed, as shown (`merge_news`, each `text`).
    pub news: Vec<String>,
    pub partner_confirmed: bool,
    pub refused: Vec<RefusedFile>,
}

/// What the last tap on the Sync screen did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum SyncLast {
    /// A send: the changes it carried (counted just before the export; 0
    /// when the files only carry an update) in `files` files.
    Sent {
        changes: u32,
        files: u32,
    },
    Received {
        received: SyncReceived,
    },
}

/// The Sync screen as the core decides it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SyncScreenModel {
    /// Paired, the digits confirmed on this phone.
    pub paired: bool,
    pub partner_name: Option<String>,
    /// What to do next, one sentence.
    pub next: String,
    pub waiting_files: u32,
    /// "No files waiting", "1 file from your partner waiting".
    pub waiting_text: String,
    /// Changes the partner's phone has not confirmed holding; none before
    /// pairing is confirmed here.
    pub changes_to_send: Option<u32>,
    /// "3 changes to send", "Your partner's phone has everything".
    pub changes_text: Option<String>,
    pub can_send: bool,
    pub can_receive: bool,
    /// What the last tap did, line by line.
    pub lines: Vec<String>,
}

impl From<SyncLast> for core_sync::SyncLast {
    fn from(l: SyncLast) -> Self {
        match l {
            SyncLast::Sent { changes, files } => core_sync::SyncLast::Sent { changes, files },
            SyncLast::Received { received: r } => {
                core_sync::SyncLast::Received(core_sync::Received {
                    imported: r.imported,
                    already_imported: r.already_imported,
                    applied: r.applied,
                    news: r.news,
                    partner_confirmed: r.partner_confirmed,
                    refused: r.refused.into_iter().map(|f| (f.name, f.message)).collect(),
                })
            }
        }
    }
}

impl From<core_sync::SyncScreen> for SyncScreenModel {
    fn from(s: core_sync::SyncScreen) -> Self {
        SyncScreenModel {
            paired: s.paired,
            partner_name: s.partner_name,
            next: s.next,
            waiting_files: s.waiting_files,
            waiting_text: s.waiting_text,
            changes_to_send: s.changes_to_send,
            changes_text: s.changes_text,
            can_send: s.can_send,
            can_receive: s.can_receive,
            lines: s.lines,
        }
    }
}

#[uniffi::export]
impl Tandem {
    /// The Sync screen with `waiting_files` files in this phone's inbox and
    /// what the last tap on it did (none before one).
    pub fn sync_screen(
        &self,
        waiting_files: u32,
        last: Option<SyncLast>,
    ) -> Result<SyncScreenModel> {
        let last = last.map(core_sync::SyncLast::from);
        self.with(|c| c.sync_screen(waiting_files, last.as_ref()))
            .map(Into::into)
    }
}
