//! tandem-core: the whole of Tandem's domain in plain Rust. The FFI facade in
//! `tandem-ffi` wraps `Core`; nothing here knows about uniffi.

pub mod clock;
pub mod device;
pub mod error;
pub mod rituals;
pub mod schedule;
pub mod store;
pub mod sync;
mod validate;

use std::path::Path;
use std::sync::Arc;

use chrono_tz::Tz;

pub use clock::{Clock, ManualClock, Millis, SystemClock};
pub use device::DeviceId;
pub use error::{Error, Result};
pub use rituals::{Occurrence, Ritual, RitualDraft, RitualStatus};
pub use schedule::{TimeOfDay, ZoneMode};
pub use store::{STORAGE_KEY_LEN, Store};
pub use sync::{ApplyReport, Op};

/// One device's Tandem: its store and its clock.
pub struct Core {
    store: Store,
    clock: Arc<dyn Clock>,
}

impl Core {
    /// Opens (or, with `new_device_name`, creates) the database at `path`.
    pub fn open(
        path: &Path,
        storage_key: &[u8],
        new_device_name: Option<&str>,
        clock: Arc<dyn Clock>,
    ) -> Result<Self> {
        let store = Store::open(path, storage_key, new_device_name)?;
        Ok(Self { store, clock })
    }

    pub fn close(self) -> Result<()> {
        self.store.close()
    }

    pub fn now_ms(&self) -> Millis {
        self.clock.now_ms()
    }

    pub fn device_id(&self) -> DeviceId {
        self.store.device()
    }

    pub fn device_name(&self) -> Result<String> {
        self.store.device_name()
    }

    pub fn set_device_name(&mut self, name: &str) -> Result<()> {
        self.store.set_device_name(name)
    }

    pub fn propose_ritual(&mut self, draft: &RitualDraft) -> Result<Ritual> {
        let (device, now) = (self.store.device(), self.now_ms());
        let id = self
            .store
            .write(|tx, sealer| rituals::propose(tx, sealer, device, now, draft))?;
        self.ritual(&id)
    }

    pub fn ritual(&self, id: &str) -> Result<Ritual> {
        self.rituals()?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or_else(|| Error::invalid("no ritual has this id"))
    }

    pub fn rituals(&self) -> Result<Vec<Ritual>> {
        rituals::list(self.store.conn(), self.store.sealer())
    }

    pub fn upcoming(&self, from: Millis, to: Millis, device_zone: &str) -> Result<Vec<Occurrence>> {
        let zone: Tz = schedule::parse_zone(device_zone)?;
        rituals::upcoming(self.store.conn(), self.store.sealer(), from, to, zone)
    }

    /// Every op in the log, in fold order.
    pub fn ops(&self) -> Result<Vec<Op>> {
        sync::all_ops(self.store.conn(), self.store.sealer())
    }

    /// Applies ops from another device in one transaction: all or nothing.
    pub fn apply_ops(&mut self, ops: &[Op]) -> Result<ApplyReport> {
        let (device, now) = (self.store.device(), self.now_ms());
        self.store
            .write(|tx, sealer| sync::apply(tx, sealer, device, now, ops))
    }

    /// The shared state as canonical plaintext, for comparing replicas.
    pub fn shared_state_dump(&self) -> Result<String> {
        rituals::dump(self.store.conn(), self.store.sealer())
    }
}
