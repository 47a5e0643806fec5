//! A device's identity: 16 random bytes made on first open, shown as hex.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DeviceId(pub [u8; 16]);

impl DeviceId {
    pub fn random() -> Result<Self> {
        let mut id = [0u8; 16];
        fill_random(&mut id)?;
        Ok(Self(id))
    }

    pub fn from_slice(bytes: &[u8]) -> Result<Self> {
        <[u8; 16]>::try_from(bytes)
            .map(Self)
            .map_err(|_| Error::Corrupt(format!("a device id has {} bytes, not 16", bytes.len())))
    }

    pub fn to_hex(self) -> String {
        hex::encode(self.0)
    }
}

impl fmt::Debug for DeviceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DeviceId({})", self.to_hex())
    }
}

impl fmt::Display for DeviceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

/// Fills `buf` from the operating system's random source.
pub fn fill_random(buf: &mut [u8]) -> Result<()> {
    getrandom::fill(buf).map_err(|e| Error::Io(std::io::Error::other(e.to_string())))
}

/// A random id for a new entity (a ritual, later an agreement), as hex.
/// Whether `id` has the shape of `random_entity_id`'s ids (24 lowercase hex).
pub fn is_entity_id(id: &str) -> bool {
    id.len() == 24
        && id
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// The id an op's entity names after `prefix` ("pause:"), if well-formed.
pub fn entity_id_after<'a>(entity: &'a str, prefix: &str) -> Option<&'a str> {
    entity.strip_prefix(prefix).filter(|id| is_entity_id(id))
}

pub fn random_entity_id() -> Result<String> {
    let mut id = [0u8; 12];
    fill_random(&mut id)?;
    Ok(hex::encode(id))
}
