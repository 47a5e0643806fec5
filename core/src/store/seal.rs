//! Sealing at rest. Every user-written string and every private record is
//! stored as XChaCha20-Poly1305 ciphertext under a key derived from the storage
//! key the shell supplies. The associated data names the table, the column and
//! the record, so a sealed value copied into another row or column no longer
//! opens: rows cannot be swapped to change what a partner agreed to.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use sha2::Sha256;
use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use zeroize::Zeroizing;

use crate::error::{Error, Result};

pub const STORAGE_KEY_LEN: usize = 32;
const FORMAT_V1: u8 = 1;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;

/// Where a sealed value lives; bound into its associated data.
#[derive(Debug, Clone, Copy)]
pub struct Slot<'a> {
    pub table: &'a str,
    pub column: &'a str,
    pub record: &'a str,
}

impl<'a> Slot<'a> {
    pub fn new(table: &'a str, column: &'a str, record: &'a str) -> Self {
        Self {
            table,
            column,
            record,
        }
    }

    fn aad(&self) -> Vec<u8> {
        let mut aad =
            Vec::with_capacity(32 + self.table.len() + self.column.len() + self.record.len());
        aad.extend_from_slice(b"tandem/seal/v1");
        for part in [self.table, self.column, self.record] {
            aad.push(0);
            aad.extend_from_slice(part.as_bytes());
        }
        aad
    }
}

pub struct Sealer {
    cipher: XChaCha20Poly1305,
    /// The key of this device's op authenticators (sync/log.rs): derived
    /// from the storage key like the sealing key, so every backup that can
    /// be opened at all can make and check them, and nothing else can.
    op_key: Zeroizing<[u8; 32]>,
    /// A check's scratch sealer keeps what it sealed (associated data and
    /// plaintext by ciphertext), so a refold's fresh values can be compared
    /// with the stored ones, which were sealed under other nonces.
    record: Option<Mutex<Recorded>>,
    /// Nonces are this sealer's random prefix and a counter: unique for as
    /// long as the prefix is (128 random bits drawn when the sealer is made,
    /// so two sealers of one key collide with odds of 2^-128 per pair), at
    /// the cost of one system call per sealer instead of one per value.
    nonce_prefix: [u8; NONCE_LEN - 8],
    nonce_counter: AtomicU64,
}

/// The length of an op authenticator: HMAC-SHA256 cut to 128 bits.
pub const OP_TAG_LEN: usize = 16;

type Recorded = HashMap<Vec<u8>, (Vec<u8>, Zeroizing<Vec<u8>>)>;

impl Sealer {
    /// Derives the sealing key from the shell's storage key. The storage key
    /// itself is never used directly, so other purposes can derive their own.
    pub fn from_storage_key(storage_key: &[u8]) -> Result<Self> {
        if storage_key.len() != STORAGE_KEY_LEN {
            return Err(Error::invalid(format!(
                "the storage key must be {STORAGE_KEY_LEN} bytes, got {}",
                storage_key.len()
            )));
        }
        let hk = Hkdf::<Sha256>::new(Some(b"tandem/storage/v1"), storage_key);
        let mut okm = Zeroizing::new([0u8; 32]);
        hk.expand(b"seal", okm.as_mut())
            .map_err(|_| Error::invalid("storage key derivation failed"))?;
        let cipher = XChaCha20Poly1305::new_from_slice(okm.as_ref())
            .map_err(|_| Error::invalid("storage key derivation failed"))?;
        let mut op_key = Zeroizing::new([0u8; 32]);
        hk.expand(b"op-authenticator", op_key.as_mut())
            .map_err(|_| Error::invalid("storage key derivation failed"))?;
        Ok(Self {
            cipher,
            op_key,
            record: None,
            nonce_prefix: random_prefix()?,
            nonce_counter: AtomicU64::new(0),
        })
    }

    /// A fresh nonce: the prefix and the next count.
    fn next_nonce(&self) -> Result<[u8; NONCE_LEN]> {
        let count = self.nonce_counter.fetch_add(1, Ordering::Relaxed);
        if count == u64::MAX {
            return Err(Error::invalid("this sealer has sealed all it may"));
        }
        let mut nonce = [0u8; NONCE_LEN];
        nonce[..NONCE_LEN - 8].copy_from_slice(&self.nonce_prefix);
        nonce[NONCE_LEN - 8..].copy_from_slice(&count.to_be_bytes());
        Ok(nonce)
    }

    /// HMAC-SHA256 under the op key over `parts`, each length-prefixed, cut
    /// to `OP_TAG_LEN` bytes. Only this device (and its backups) can make it.
    pub fn op_tag(&self, parts: &[&[u8]]) -> Result<[u8; OP_TAG_LEN]> {
        use hmac::{Hmac, KeyInit, Mac};
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(self.op_key.as_ref())
            .map_err(|_| Error::invalid("op key derivation failed"))?;
        for part in parts {
            mac.update(&(part.len() as u64).to_be_bytes());
            mac.update(part);
        }
        let full = mac.finalize().into_bytes();
        let mut tag = [0u8; OP_TAG_LEN];
        tag.copy_from_slice(&full[..OP_TAG_LEN]);
        Ok(tag)
    }

    /// The same key, remembering everything it seals (for `check`). Its
    /// own nonce prefix: two sealers of one key never share a nonce.
    pub(crate) fn recording(&self) -> Result<Self> {
        Ok(Self {
            cipher: self.cipher.clone(),
            op_key: self.op_key.clone(),
            record: Some(Mutex::new(HashMap::new())),
            nonce_prefix: random_prefix()?,
            nonce_counter: AtomicU64::new(0),
        })
    }

    /// What a recording sealer sealed as `sealed`: its associated data and
    /// plaintext.
    pub(crate) fn recorded(&self, sealed: &[u8]) -> Option<(Vec<u8>, Zeroizing<Vec<u8>>)> {
        let record = self.record.as_ref()?;
        let record = record.lock().unwrap_or_else(|p| p.into_inner());
        record.get(sealed).cloned()
    }

    /// Opens a value sealed under associated data `aad` (one a recording
    /// sealer reported).
    pub(crate) fn open_aad(&self, aad: &[u8], sealed: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        if sealed.len() < 1 + NONCE_LEN + TAG_LEN || sealed[0] != FORMAT_V1 {
            return None;
        }
        let nonce = XNonce::from(<[u8; NONCE_LEN]>::try_from(&sealed[1..1 + NONCE_LEN]).ok()?);
        self.cipher
            .decrypt(
                &nonce,
                Payload {
                    msg: &sealed[1 + NONCE_LEN..],
                    aad,
                },
            )
            .ok()
            .map(Zeroizing::new)
    }

    pub fn seal(&self, slot: Slot<'_>, plaintext: &[u8]) -> Result<Vec<u8>> {
        use chacha20poly1305::aead::AeadInOut;
        let nonce = self.next_nonce()?;
        let aad = slot.aad();
        // One buffer, sealed where it lies: format, nonce, then the
        // plaintext that becomes the ciphertext, then the tag (the same
        // bytes `encrypt` returns after the nonce, without its own buffer
        // and copy; an import seals every op and every row it folds).
        let mut out = Vec::with_capacity(1 + NONCE_LEN + plaintext.len() + TAG_LEN);
        out.push(FORMAT_V1);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(plaintext);
        let tag = self
            .cipher
            .encrypt_inout_detached(
                &XNonce::from(nonce),
                &aad,
                out[1 + NONCE_LEN..].as_mut().into(),
            )
            .map_err(|_| Error::invalid("value too large to seal"))?;
        out.extend_from_slice(&tag);
        if let Some(record) = &self.record {
            let mut record = record.lock().unwrap_or_else(|p| p.into_inner());
            record.insert(out.clone(), (aad, Zeroizing::new(plaintext.to_vec())));
        }
        Ok(out)
    }

    /// Opens a sealed value. Failure means a wrong key, a value moved from
    /// another slot, or damage; the caller decides which it is.
    pub fn open(&self, slot: Slot<'_>, sealed: &[u8]) -> Result<Vec<u8>> {
        if sealed.len() < 1 + NONCE_LEN + TAG_LEN || sealed[0] != FORMAT_V1 {
            return Err(Error::Corrupt(format!(
                "sealed {}.{} is malformed",
                slot.table, slot.column
            )));
        }
        let mut nonce = [0u8; NONCE_LEN];
        nonce.copy_from_slice(&sealed[1..1 + NONCE_LEN]);
        let aad = slot.aad();
        self.cipher
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: &sealed[1 + NONCE_LEN..],
                    aad: &aad,
                },
            )
            .map_err(|_| {
                Error::Corrupt(format!(
                    "sealed {}.{} does not open",
                    slot.table, slot.column
                ))
            })
    }

    pub fn seal_str(&self, slot: Slot<'_>, text: &str) -> Result<Vec<u8>> {
        self.seal(slot, text.as_bytes())
    }

    pub fn open_str(&self, slot: Slot<'_>, sealed: &[u8]) -> Result<String> {
        let bytes = self.open(slot, sealed)?;
        String::from_utf8(bytes).map_err(|_| {
            Error::Corrupt(format!("sealed {}.{} is not text", slot.table, slot.column))
        })
    }
}

/// A sealer's random nonce prefix.
fn random_prefix() -> Result<[u8; NONCE_LEN - 8]> {
    let mut prefix = [0u8; NONCE_LEN - 8];
    crate::device::fill_random(&mut prefix)?;
    Ok(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealer(byte: u8) -> Sealer {
        Sealer::from_storage_key(&[byte; 32]).unwrap()
    }

    #[test]
    fn round_trip() {
        let s = sealer(7);
        let slot = Slot::new("rituals", "title", "r1");
        let sealed = s.seal_str(slot, "Evening check-in").unwrap();
        assert_eq!(s.open_str(slot, &sealed).unwrap(), "Evening check-in");
    }

    #[test]
    fn nonce_is_fresh_each_time() {
        let s = sealer(7);
        let slot = Slot::new("rituals", "title", "r1");
        assert_ne!(
            s.seal_str(slot, "x").unwrap(),
            s.seal_str(slot, "x").unwrap()
        );
    }

    #[test]
    fn bound_to_record_and_column() {
        let s = sealer(7);
        let sealed = s
            .seal_str(Slot::new("rituals", "title", "r1"), "walk")
            .unwrap();
        assert!(
            s.open(Slot::new("rituals", "title", "r2"), &sealed)
                .is_err()
        );
        assert!(
            s.open(Slot::new("rituals", "prompt", "r1"), &sealed)
                .is_err()
        );
        assert!(
            s.open(Slot::new("agreements", "title", "r1"), &sealed)
                .is_err()
        );
    }

    #[test]
    fn wrong_key_and_damage_fail() {
        let slot = Slot::new("t", "c", "r");
        let sealed = sealer(1).seal_str(slot, "secret").unwrap();
        assert!(sealer(2).open(slot, &sealed).is_err());
        for i in 0..sealed.len() {
            let mut bad = sealed.clone();
            bad[i] ^= 0x01;
            assert!(sealer(1).open(slot, &bad).is_err(), "flip at {i} accepted");
        }
        assert!(sealer(1).open(slot, &sealed[..sealed.len() - 1]).is_err());
        assert!(sealer(1).open(slot, &[]).is_err());
    }

    #[test]
    fn key_length_is_checked() {
        assert!(matches!(
            Sealer::from_storage_key(&[0u8; 31]),
            Err(Error::InvalidInput(_))
        ));
        assert!(Sealer::from_storage_key(&[0u8; 33]).is_err());
    }
}
