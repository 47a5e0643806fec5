//! The pairing key schedule. Both devices hash the transcript (the offer and
//! the answer's public part) and run HKDF-SHA256 over the X25519 shared secret
//! with that hash as salt, so every derived value is bound to exactly the two
//! codes that were scanned. The X25519 secrets and agreement live here too:
//! the sync ratchet makes its prekeys with them, and reaches them here
//! without depending on the pairing flow that depends on it.

use hkdf::Hkdf;
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::device::fill_random;
use crate::error::{Error, Result};

pub type Key = [u8; 32];

/// Everything a pairing derives. Zeroized when dropped.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct PairKeys {
    /// Seals payloads from the offering device (A) to the answering one (B).
    pub a_to_b: Key,
    pub b_to_a: Key,
    /// Seals the answer's private part (B's id, name, MAC), once.
    pub answer_seal: Key,
    /// Keys B's confirmation MAC; never an encryption key (one key per purpose).
    pub confirm_b: Key,
    /// Keys A's confirmation MAC, carried in A's payloads.
    pub confirm_a: Key,
    /// Fifteen digits both screens show (see `SAS_DIGITS`).
    pub sas: u64,
}

/// A fresh X25519 secret (pairing's ephemeral keys, the ratchet's prekeys).
pub(crate) fn new_secret() -> Result<StaticSecret> {
    let mut bytes = Zeroizing::new([0u8; 32]);
    fill_random(bytes.as_mut())?;
    Ok(StaticSecret::from(*bytes))
}

/// The X25519 agreement, `None` for a low-order public key: its secret is
/// all zeros, which anyone could compute.
pub(crate) fn contributory(
    secret: &StaticSecret,
    their_public: &[u8; 32],
) -> Option<Zeroizing<[u8; 32]>> {
    let shared = secret.diffie_hellman(&PublicKey::from(*their_public));
    shared
        .was_contributory()
        .then(|| Zeroizing::new(*shared.as_bytes()))
}

pub fn transcript(offer: &[u8], answer_public: &[u8]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"tandem/pair/v2/transcript");
    for part in [offer, answer_public] {
        h.update((part.len() as u32).to_be_bytes());
        h.update(part);
    }
    h.finalize().into()
}

pub fn derive(shared: &[u8; 32], transcript: &[u8; 32]) -> Result<PairKeys> {
    let hk = Hkdf::<Sha256>::new(Some(transcript), shared);
    let expand = |label: &str| -> Result<Key> {
        let mut out = [0u8; 32];
        hk.expand(label.as_bytes(), &mut out)
            .map_err(|_| Error::Pairing("key derivation failed".into()))?;
        Ok(out)
    };
    let mut sas_bytes = expand("tandem/pair/v2/sas")?;
    let sas = sas_from_bytes(&sas_bytes);
    sas_bytes.zeroize();
    Ok(PairKeys {
        a_to_b: expand("tandem/pair/v2/a->b")?,
        b_to_a: expand("tandem/pair/v2/b->a")?,
        answer_seal: expand("tandem/pair/v2/answer-seal")?,
        confirm_b: expand("tandem/pair/v2/confirm-b-mac")?,
        confirm_a: expand("tandem/pair/v2/confirm-a-mac")?,
        sas,
    })
}

/// Digits in the check code. A swap attacker picks the answer he shows the
/// offering phone last, so he can try keys offline until the codes match; only
/// the code's length bounds him: 10^15 ≈ 2^49.8, against ≈ 2^21.7 tries in an
/// offer's 180 s at the measured 55 µs a try, leaves ≤ 2^-28 per attempt
/// (docs/PROTOCOL.md argues the margin).
pub const SAS_DIGITS: u32 = 15;
const SAS_MODULUS: u64 = 10u64.pow(SAS_DIGITS);

/// 64 bits reduced mod 10^15: the bias (2^64 / 10^15 ≈ 18 447 per value, off
/// by at most one) is below 2^-14 relative, irrelevant to the bound.
fn sas_from_bytes(bytes: &[u8; 32]) -> u64 {
    let mut first = [0u8; 8];
    first.copy_from_slice(&bytes[..8]);
    u64::from_be_bytes(first) % SAS_MODULUS
}

/// "123 456 789 012 345": groups of three to read aloud and compare.
pub fn format_sas(sas: u64) -> String {
    let digits = format!("{:015}", sas % SAS_MODULUS);
    digits
        .as_bytes()
        .chunks(3)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

fn keyed(key: &Key, label: &str, transcript: &[u8; 32], device: &[u8; 16]) -> Result<Hmac<Sha256>> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key)
        .map_err(|_| Error::Pairing("key derivation failed".into()))?;
    mac.update(label.as_bytes());
    mac.update(transcript);
    mac.update(device);
    Ok(mac)
}

/// HMAC-SHA256 over a label, the transcript and a device id.
pub fn confirmation_mac(
    key: &Key,
    label: &str,
    transcript: &[u8; 32],
    device: &[u8; 16],
) -> Result<[u8; 32]> {
    Ok(keyed(key, label, transcript, device)?
        .finalize()
        .into_bytes()
        .into())
}

/// Constant-time check of a received MAC (at least 16 bytes of it).
pub fn verify_mac(
    key: &Key,
    label: &str,
    transcript: &[u8; 32],
    device: &[u8; 16],
    received: &[u8],
) -> bool {
    received.len() >= 16
        && keyed(key, label, transcript, device)
            .map(|m| m.verify_truncated_left(received).is_ok())
            .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_sides_derive_the_same_and_transcripts_bind() {
        let shared = [9u8; 32];
        let t1 = transcript(b"offer", b"answer");
        let a = derive(&shared, &t1).unwrap();
        let b = derive(&shared, &t1).unwrap();
        assert_eq!(a.a_to_b, b.a_to_b);
        assert_eq!(a.sas, b.sas);
        assert_ne!(a.a_to_b, a.b_to_a);
        assert!(a.sas < SAS_MODULUS);
        assert_ne!(a.answer_seal, a.confirm_b, "one key per purpose");
        let t2 = transcript(b"offer", b"answer!");
        let c = derive(&shared, &t2).unwrap();
        assert_ne!(a.a_to_b, c.a_to_b);
        // Moving bytes between the two parts changes the transcript too.
        assert_ne!(transcript(b"offe", b"ranswer"), t1);
    }

    #[test]
    fn sas_formatting() {
        assert_eq!(format_sas(42), "000 000 000 000 042");
        assert_eq!(format_sas(999_999_999_999_999), "999 999 999 999 999");
        assert_eq!(format_sas(123_456_789_012_345), "123 456 789 012 345");
    }

    #[test]
    fn macs_verify_only_with_the_same_inputs() {
        let key = [1u8; 32];
        let t = [2u8; 32];
        let mac = confirmation_mac(&key, "x", &t, &[3; 16]).unwrap();
        assert!(verify_mac(&key, "x", &t, &[3; 16], &mac));
        assert!(verify_mac(&key, "x", &t, &[3; 16], &mac[..16]));
        assert!(!verify_mac(&key, "x", &t, &[3; 16], &mac[..8]));
        assert!(!verify_mac(&key, "y", &t, &[3; 16], &mac));
        assert!(!verify_mac(&key, "x", &t, &[4; 16], &mac));
        assert!(!verify_mac(&[0; 32], "x", &t, &[3; 16], &mac));
    }
}
