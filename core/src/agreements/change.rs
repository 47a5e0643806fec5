//! What an agreement's op carries in the log: a leaf the log's `Change` can
//! name.

use serde::{Deserialize, Serialize};

use crate::agreements::terms::{Hash, Terms};
use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AgreementChange {
    /// Founds the agreement with version 1; its author accepts it so.
    Proposed(Terms),
    /// A new version built on `terms.parent`; accepted by its author.
    Amended(Terms),
    Accepted {
        version: Hash,
    },
    /// Declines a version waiting for an answer; no reason needed.
    Declined {
        version: Hash,
    },
    /// Consent withdrawn by either partner: no longer in effect, for good.
    Withdrawn,
    /// Reviewed and kept as it is (the version in effect).
    Kept {
        version: Hash,
    },
}

impl AgreementChange {
    pub fn validate(&self) -> Result<()> {
        match self {
            AgreementChange::Proposed(t) => {
                if t.parent.is_some() {
                    return Err(Error::invalid("a first version has no parent"));
                }
                t.validate()
            }
            AgreementChange::Amended(t) => {
                if t.parent.is_none() {
                    return Err(Error::invalid("an amendment names its parent"));
                }
                t.validate()
            }
            _ => Ok(()),
        }
    }
}
