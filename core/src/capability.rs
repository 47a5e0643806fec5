//! The one interface every capability implements: the kind of change it
//! owns, the entities it owns, how it checks a change from elsewhere, how it
//! folds its ops into state, its canonical dump, and what it restores from
//! an export's private log. The op log (`sync`) calls capabilities only
//! through this trait, over the list that capabilities.rs keeps, so it
//! stores and orders every capability's ops without knowing any of them.

use std::collections::BTreeSet;

use rusqlite::{Connection, Transaction};

use crate::change::Kind;
use crate::error::{Error, Result};
use crate::store::Sealer;
use crate::sync::log::EntityOps;
use crate::sync::op::Op;
use crate::tell::{News, Teller};

pub trait Capability: Sync {
    /// The kind of change it writes and folds; each kind has one owner.
    fn kind(&self) -> Kind;

    /// Whether `entity` names one of its entities (well formed).
    fn owns(&self, entity: &str) -> bool;

    /// Checks an op of its kind that came from elsewhere (the partner's
    /// phone, or an export's shared log) before it may enter the log: the
    /// entity is one of its own and the change is well formed. A kind that
    /// never leaves its phone refuses every such op.
    fn validate(&self, op: &Op) -> Result<()>;

    /// Whether an op of its kind from an export's private log is one it
    /// keeps in the private log, well formed: what a restore may put back
    /// there. Nothing, unless the capability says otherwise.
    fn restores_private(&self, op: &Op) -> bool {
        let _ = op;
        false
    }

    /// Rebuilds the state of one of its entities from that entity's ops.
    fn refold(&self, tx: &Transaction<'_>, sealer: &Sealer, ops: &EntityOps<'_>) -> Result<()>;

    /// The part of its entity an op of its kind touches, when the
    /// capability folds parts of one entity apart (a ritual's marks, date
    /// by date): the log stores it beside the op, so a part's ops are read
    /// alone. `None` (the default) for an op that touches the entity as a
    /// whole. Read from the op alone: both phones must agree.
    fn part(&self, op: &Op) -> Option<String> {
        let _ = op;
        None
    }

    /// Folds again what new ops touched: the entity as a whole (`whole`:
    /// an op with no part came) and each part in `parts`. The state must
    /// equal what `refold` builds from all the entity's ops. By default,
    /// the whole entity.
    fn refold_touched(
        &self,
        tx: &Transaction<'_>,
        sealer: &Sealer,
        ops: &EntityOps<'_>,
        touched: &Touched,
    ) -> Result<()> {
        let _ = touched;
        self.refold(tx, sealer, ops)
    }

    /// Its part of the state both phones share, as canonical plaintext for
    /// comparing replicas (what stays on one phone is left out). Never
    /// stored, never logged.
    fn dump(&self, conn: &Connection, sealer: &Sealer) -> Result<String>;

    /// What an op of its kind from the partner changed, as a sentence for
    /// this phone, read after the fold so the state can name what changed;
    /// `None` for what is not worth a sentence. Never the partner's free
    /// text: the sentence may be shown on a lock screen.
    fn news(
        &self,
        conn: &Connection,
        sealer: &Sealer,
        op: &Op,
        teller: &Teller,
    ) -> Result<Option<News>> {
        let _ = (conn, sealer, op, teller);
        Ok(None)
    }
}

/// What new ops touched of one entity (`Capability::refold_touched`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Touched {
    /// An op with no part: the entity as a whole.
    pub whole: bool,
    pub parts: BTreeSet<String>,
}

impl Touched {
    pub fn add(&mut self, part: Option<String>) {
        match part {
            Some(p) => {
                self.parts.insert(p);
            }
            None => self.whole = true,
        }
    }
}

/// The capability among `all` that owns changes of `kind`.
pub fn of_kind<'a>(all: &[&'a dyn Capability], kind: Kind) -> Result<&'a dyn Capability> {
    all.iter()
        .copied()
        .find(|c| c.kind() == kind)
        .ok_or_else(|| Error::invalid("an op carries a kind of change nothing here reads"))
}

/// The capability among `all` that owns `entity`, if any does.
pub fn owner<'a>(all: &[&'a dyn Capability], entity: &str) -> Option<&'a dyn Capability> {
    all.iter().copied().find(|c| c.owns(entity))
}

/// What `validate` says of an op handed to a capability of another kind
/// (the log finds capabilities by kind, so only a bug gets here).
pub fn not_mine() -> Error {
    Error::invalid("an op reached a capability that does not own its kind of change")
}
