//! A device's identity: 16 random bytes made on first open, shown as hex.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::clock::Millis;
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

/// Whether `id` has the shape of `new_entity_id`'s ids (24 lowercase hex).
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

/// A new entity's id: the creating phone's clock in milliseconds (48 bits,
/// big-endian), then 48 random bits, as `is_entity_id`'s 24 hex digits.
///
/// Time first because every table and index keyed by entity (the op log's
/// `ops_by_part`, the rituals, the check-ins) then grows at its end: a
/// day's new check-ins and appreciations, or a whole backlog imported on a
/// new phone, append to the last pages instead of splitting pages all over
/// a ten-year B-tree (a 10,000-op backlog imports about a fifth faster).
/// The time says nothing the op's own clock does not (it travels and is
/// stored in the clear beside it); a wrong clock costs only the ordering,
/// and uniqueness rests on the random half: two ids made in the same
/// millisecond collide with odds of 2^-48.
pub fn new_entity_id(now: Millis) -> Result<String> {
    let mut id = [0u8; 12];
    fill_random(&mut id[6..])?;
    let at = u64::try_from(now).unwrap_or(0).min((1 << 48) - 1);
    id[..6].copy_from_slice(&at.to_be_bytes()[2..]);
    Ok(hex::encode(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_ids_sort_by_the_clock_and_stay_unique() {
        let day = 86_400_000;
        let ids: Vec<String> = [
            1_800_000_000_000,
            1_800_000_000_001,
            1_800_000_000_000 + day,
        ]
        .iter()
        .map(|&ms| new_entity_id(ms).unwrap())
        .collect();
        assert!(ids.iter().all(|id| is_entity_id(id)), "{ids:?}");
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
        assert_eq!(&ids[0][..12], "01a3185c5000"); // 1_800_000_000_000 in hex
        let same: std::collections::BTreeSet<String> =
            (0..1000).map(|_| new_entity_id(5).unwrap()).collect();
        assert_eq!(same.len(), 1000, "the random half keeps ids apart");
        // A clock before 1970 or past the 48 bits still makes a valid id.
        assert!(new_entity_id(-1).unwrap().starts_with("000000000000"));
        assert!(new_entity_id(i64::MAX).unwrap().starts_with("ffffffffffff"));
    }
}
