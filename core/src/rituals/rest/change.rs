//! What a rest week's op carries in the log: a leaf the log's `Change` can
//! name.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RestChange {
    Declared,
    CalledOff,
}
