//! Notices both phones show outside any one screen: why reminders may not
//! show, what a file or a wipe does, what to do when the key is gone.
//! Before, each shell wrote its own (the key-missing words differed, and
//! the notification notice named a different place to fix it on each).

use crate::catalog::Locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// Notifications are off: reminders are kept and shown in the app.
    NotificationsOff,
    /// Notifications were never asked for yet (iOS asks once).
    NotificationsNotAsked,
    /// No exact alarms (Android 12+): a reminder may come up to 10 minutes late.
    ExactAlarmsOff,
    /// Above a plain-text export's button.
    PlaintextExport,
    /// Before wiping: no undo.
    Wipe,
    /// A file Tandem needed could not be read, written or moved.
    FilesFailed,
    /// The device's zone is not one Tandem knows.
    UnknownZone,
    /// The person said the check codes differ.
    PairingRejected,
    /// The data is here but its key is gone.
    KeyMissing,
    /// Before starting over after `KeyMissing`.
    StartOver,
    /// The phone's key store would not give the key.
    KeyStoreFailed,
    /// A file shared to Tandem was not saved: its name could leave the
    /// inbox or hide in it.
    SyncFileBadName,
    /// A file shared to Tandem was not saved: far bigger than any update.
    SyncFileTooLarge,
    /// A file shared to Tandem was not saved: not a Tandem sync file.
    SyncFileNotSync,
    /// A file shared to Tandem could not be read.
    SyncFileUnreadable,
    /// Something a shell did not expect went wrong (not one of the core's
    /// typed errors): the words both phones use for it.
    Unexpected,
}

impl Notice {
    pub const ALL: [Notice; 16] = [
        Notice::NotificationsOff,
        Notice::NotificationsNotAsked,
        Notice::ExactAlarmsOff,
        Notice::PlaintextExport,
        Notice::Wipe,
        Notice::FilesFailed,
        Notice::UnknownZone,
        Notice::PairingRejected,
        Notice::KeyMissing,
        Notice::StartOver,
        Notice::KeyStoreFailed,
        Notice::SyncFileBadName,
        Notice::SyncFileTooLarge,
        Notice::SyncFileNotSync,
        Notice::SyncFileUnreadable,
        Notice::Unexpected,
    ];

    /// The words in `l`.
    pub fn text(self, l: Locale) -> String {
        l.say(match self {
            Notice::NotificationsOff => "notice-notifications-off",
            Notice::NotificationsNotAsked => "notice-notifications-not-asked",
            Notice::ExactAlarmsOff => "notice-exact-alarms-off",
            Notice::PlaintextExport => "notice-plaintext-export",
            Notice::Wipe => "notice-wipe",
            Notice::FilesFailed => "notice-files-failed",
            Notice::UnknownZone => "notice-unknown-zone",
            Notice::PairingRejected => "notice-pairing-rejected",
            Notice::KeyMissing => "notice-key-missing",
            Notice::StartOver => "notice-start-over",
            Notice::KeyStoreFailed => "notice-key-store-failed",
            Notice::SyncFileBadName => "notice-sync-file-bad-name",
            Notice::SyncFileTooLarge => "notice-sync-file-too-large",
            Notice::SyncFileNotSync => "notice-sync-file-not-sync",
            Notice::SyncFileUnreadable => "notice-sync-file-unreadable",
            Notice::Unexpected => "notice-unexpected",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_notice_has_words_in_every_language_and_blames_nobody() {
        for n in Notice::ALL {
            for l in [Locale::En, Locale::De] {
                let text = n.text(l);
                assert!(text.len() > 20, "{n:?} in {l:?}: <{text}>");
            }
            assert!(n.text(Locale::Pseudo).contains('⟦'), "{n:?}");
            let lower = n.text(Locale::En).to_lowercase();
            for blame in ["your fault", "failed to", "you forgot"] {
                assert!(!lower.contains(blame), "{n:?}");
            }
        }
    }
}
