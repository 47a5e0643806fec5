//! What a boundary's op carries in the log (either log): a leaf the log's
//! `Change` can name.

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::validate;

pub const TEXT_MAX_CHARS: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BoundaryChange {
    /// Written or rewritten by its owner.
    Stated {
        text: String,
    },
    /// Shown to the partner (read-only), with its text at that moment.
    Shared {
        text: String,
    },
    /// Private again: the partner's phone stops showing it.
    Unshared,
    Retired,
}

impl BoundaryChange {
    pub fn validate(&self) -> Result<()> {
        match self {
            BoundaryChange::Stated { text } | BoundaryChange::Shared { text } => {
                validate::required_text("boundary", text, TEXT_MAX_CHARS).map(|_| ())
            }
            _ => Ok(()),
        }
    }
}
