//! `check_store`: what in the store is damaged, for a shell's "check my
//! data" screen or a support log. Messages name tables, columns and counts,
//! never user text or keys.

use tandem_core::check;

use crate::{Result, Tandem};

/// What kind of damage a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum CheckKind {
    /// The file's structure or schema version is not what this app writes.
    Schema,
    /// A change in the log does not open or decode.
    Op,
    /// A sealed (encrypted) value does not open.
    Sealed,
    /// Stored state differs from what the log of changes gives.
    Derived,
    /// A counter disagrees with the log.
    Bookkeeping,
}

impl From<check::FindingKind> for CheckKind {
    fn from(k: check::FindingKind) -> Self {
        match k {
            check::FindingKind::Schema => CheckKind::Schema,
            check::FindingKind::Op => CheckKind::Op,
            check::FindingKind::Sealed => CheckKind::Sealed,
            check::FindingKind::Derived => CheckKind::Derived,
            check::FindingKind::Bookkeeping => CheckKind::Bookkeeping,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CheckFinding {
    pub kind: CheckKind,
    /// Names tables, columns and counts; no user text, no keys.
    pub detail: String,
}

/// The result of `check_store`: `ok` when nothing is damaged.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct StoreCheck {
    pub ok: bool,
    pub findings: Vec<CheckFinding>,
}

impl From<check::CheckReport> for StoreCheck {
    fn from(r: check::CheckReport) -> Self {
        Self {
            ok: r.ok(),
            findings: r
                .findings
                .into_iter()
                .map(|f| CheckFinding {
                    kind: f.kind.into(),
                    detail: f.message,
                })
                .collect(),
        }
    }
}

#[uniffi::export]
impl Tandem {
    /// Checks the whole store (in the spirit of `git fsck`) and changes
    /// nothing: changes that do not open, sealed values that do not open,
    /// state that differs from its log, schema problems. It reads every
    /// record: run it off the main thread.
    pub fn check_store(&self) -> Result<StoreCheck> {
        self.with(|c| c.check()).map(Into::into)
    }
}
