//! The inbox's rules across the FFI: whether a file handed to the phone is
//! taken, under which name, or which notice says why not.

use tandem_core::inbox::{self, Refusal};

use crate::refusals::NoticeKind;

/// What to do with a file handed to the phone.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum InboxCheck {
    /// Save it into the inbox under `name` (trimmed).
    Take { name: String },
    /// Write nothing; `notice` says why (`notice_text` words it).
    Refuse { notice: NoticeKind },
}

/// Whether a file named `name` of `size` bytes is taken into the sync
/// inbox. Call it with no `bytes` before reading the file (the name and
/// the size), then with the bytes read (the text must be Tandem's).
#[uniffi::export]
pub fn check_sync_file(name: String, size: u64, bytes: Option<Vec<u8>>) -> InboxCheck {
    match inbox::check(&name, size, bytes.as_deref()) {
        Ok(name) => InboxCheck::Take {
            name: name.to_owned(),
        },
        Err(r) => InboxCheck::Refuse {
            notice: match r {
                Refusal::BadName => NoticeKind::SyncFileBadName,
                Refusal::TooLarge => NoticeKind::SyncFileTooLarge,
                Refusal::NotSync => NoticeKind::SyncFileNotSync,
            },
        },
    }
}

/// The largest file the inbox takes, in bytes: read at most one more.
#[uniffi::export]
pub fn sync_file_max_bytes() -> u64 {
    inbox::MAX_FILE_BYTES
}

/// Names for `count` sync files sent together, the same on both phones
/// ("tandem-sync-1a2b3c4d-001.tandem"): their order by name is the order
/// to import them in.
#[uniffi::export]
pub fn sync_file_names(count: u32) -> crate::Result<Vec<String>> {
    Ok(inbox::file_names(count)?)
}

/// The suffix a shell gives a file it set aside after a refused import.
#[uniffi::export]
pub fn set_aside_suffix() -> String {
    inbox::SET_ASIDE_SUFFIX.to_owned()
}
