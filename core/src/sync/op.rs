//! One entry of the log: who wrote it, its place in the order every phone
//! folds in, the entity it changes and the change.

use serde::{Deserialize, Serialize};

use crate::change::Change;
use crate::device::DeviceId;
use crate::sync::hlc::Hlc;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Op {
    pub device: DeviceId,
    pub counter: u64,
    pub hlc: Hlc,
    pub entity: String,
    pub change: Change,
}

impl Op {
    /// The order the fold applies ops in; total, and the same on every device.
    pub fn order_key(&self) -> (Hlc, DeviceId, u64) {
        (self.hlc, self.device, self.counter)
    }
}
