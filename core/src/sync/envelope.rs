//! The sync envelope: a fixed header, authenticated as associated data, then
//! XChaCha20-Poly1305 ciphertext under the sender-to-receiver key.
//!
//! magic "TNDS" 4 | version 1 | suite 1 | pair id 16 | sender 16 | prekey u32 |
//! ephemeral key 32 | sequence u64 | nonce 24 | ciphertext length u32 |
//! ciphertext
//!
//! Each payload has a key of its own (sync/ratchet.rs): the header names the
//! receiver's prekey it was sealed to and carries the sender's ephemeral
//! public key; both are authenticated with the rest of the header.
//!
//! Inside the AEAD the body is padded (ISO/IEC 7816-4: 0x80, then zeros) so
//! the whole payload is one of `BUCKETS` bytes long: the length in the clear
//! says the bucket, not the kind of change.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

use crate::device::{DeviceId, fill_random};
use crate::error::{Error, Result};

pub const MAGIC: &[u8; 4] = b"TNDS";
/// 4: the compact body (sync/wire.rs), 8-byte op authenticators, the key
/// confirmation only until acknowledged; 3: op authenticators, rollback
/// healing (payload.rs); 2: a key per payload from the ratchet (1 had one
/// key per direction).
pub const VERSION: u8 = 4;
/// The oldest version still read: 2 and 3 have the same envelope and a
/// postcard body (2 without authenticators).
pub const OLDEST_READ: u8 = 2;
/// X25519 + HKDF-SHA256 keys, XChaCha20-Poly1305 payloads.
pub const SUITE: u8 = 1;
pub const HEADER_LEN: usize = 4 + 1 + 1 + 16 + 16 + 4 + 32 + 8 + 24 + 4;
/// The AEAD's authentication tag after the ciphertext.
pub const TAG_LEN: usize = 16;
/// The largest payload accepted or produced, header included. A backlog
/// larger than this travels in several payloads.
pub const MAX_PAYLOAD_BYTES: usize = 256 * 1024;
/// Every payload's length on the wire, header and tag included. The 1.5 KiB
/// bucket keeps a day of changes within one QR code as text (about 2,050
/// characters); the largest is `MAX_PAYLOAD_BYTES`.
pub const BUCKETS: [usize; 7] = [
    512,
    1024,
    1536,
    4 * 1024,
    16 * 1024,
    64 * 1024,
    MAX_PAYLOAD_BYTES,
];
/// What padding adds to a body at the least: its 0x80 marker.
pub const PADDING_MARKER_LEN: usize = 1;
const OVERHEAD: usize = HEADER_LEN + TAG_LEN;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// `OLDEST_READ..=VERSION`: says how the body is encoded.
    pub version: u8,
    pub pair_id: [u8; 16],
    pub sender: DeviceId,
    /// The receiver's prekey the payload was sealed to (the key epoch).
    pub epoch: u32,
    pub ephemeral: [u8; 32],
    pub sequence: u64,
    pub nonce: [u8; 24],
    pub body_len: u32,
}

impl Header {
    fn to_bytes(&self) -> [u8; HEADER_LEN] {
        let mut b = [0u8; HEADER_LEN];
        b[..4].copy_from_slice(MAGIC);
        b[4] = self.version;
        b[5] = SUITE;
        b[6..22].copy_from_slice(&self.pair_id);
        b[22..38].copy_from_slice(&self.sender.0);
        b[38..42].copy_from_slice(&self.epoch.to_be_bytes());
        b[42..74].copy_from_slice(&self.ephemeral);
        b[74..82].copy_from_slice(&self.sequence.to_be_bytes());
        b[82..106].copy_from_slice(&self.nonce);
        b[106..110].copy_from_slice(&self.body_len.to_be_bytes());
        b
    }
}

fn rejected(reason: &str) -> Error {
    Error::PayloadRejected(reason.into())
}

/// Reads and checks the header, before anything is allocated for the body.
pub fn parse_header(bytes: &[u8]) -> Result<Header> {
    if bytes.len() > MAX_PAYLOAD_BYTES {
        return Err(rejected("the payload is larger than any Tandem payload"));
    }
    if bytes.len() < 6 || &bytes[..4] != MAGIC {
        return Err(rejected("this is not a Tandem sync payload"));
    }
    if !(OLDEST_READ..=VERSION).contains(&bytes[4]) {
        return Err(Error::PayloadVersion {
            found: bytes[4],
            oldest: OLDEST_READ,
            newest: VERSION,
        });
    }
    if bytes[5] != SUITE {
        return Err(rejected("the payload uses an unknown cipher suite"));
    }
    if bytes.len() < HEADER_LEN + TAG_LEN {
        return Err(rejected("the payload is truncated"));
    }
    let arr = |r: std::ops::Range<usize>| bytes[r].to_vec();
    let body_len = u32::from_be_bytes([bytes[106], bytes[107], bytes[108], bytes[109]]);
    let claimed = HEADER_LEN as u64 + u64::from(body_len);
    if claimed > MAX_PAYLOAD_BYTES as u64 {
        return Err(rejected(
            "the payload claims to be larger than any Tandem payload",
        ));
    }
    if claimed > bytes.len() as u64 {
        return Err(rejected("the payload is truncated"));
    }
    if claimed < bytes.len() as u64 {
        return Err(rejected("the payload has bytes past its end"));
    }
    let mut pair_id = [0u8; 16];
    pair_id.copy_from_slice(&arr(6..22));
    let mut ephemeral = [0u8; 32];
    ephemeral.copy_from_slice(&arr(42..74));
    let mut nonce = [0u8; 24];
    nonce.copy_from_slice(&arr(82..106));
    Ok(Header {
        version: bytes[4],
        pair_id,
        sender: DeviceId::from_slice(&bytes[22..38])?,
        epoch: u32::from_be_bytes([bytes[38], bytes[39], bytes[40], bytes[41]]),
        ephemeral,
        sequence: u64::from_be_bytes([
            bytes[74], bytes[75], bytes[76], bytes[77], bytes[78], bytes[79], bytes[80], bytes[81],
        ]),
        nonce,
        body_len,
    })
}

/// The body followed by 0x80 and the zeros that fill its bucket.
fn pad(body: &[u8]) -> Result<Vec<u8>> {
    let needed = body.len() + PADDING_MARKER_LEN + OVERHEAD;
    let bucket = BUCKETS
        .iter()
        .find(|b| **b >= needed)
        .ok_or_else(|| rejected("the body is larger than any Tandem payload"))?;
    let mut padded = Vec::with_capacity(bucket - OVERHEAD);
    padded.extend_from_slice(body);
    padded.push(0x80);
    padded.resize(bucket - OVERHEAD, 0);
    Ok(padded)
}

/// Removes `pad`'s padding; anything else a sender could have put there
/// (a length off the buckets, no marker, a non-zero filler byte) is refused.
fn unpad(mut padded: Vec<u8>) -> Result<Vec<u8>> {
    if !BUCKETS.contains(&(padded.len() + OVERHEAD)) {
        return Err(rejected(
            "the payload's length is not one of the padded sizes",
        ));
    }
    let end = padded
        .iter()
        .rposition(|b| *b != 0)
        .ok_or_else(|| rejected("the payload's padding is malformed"))?;
    if padded[end] != 0x80 {
        return Err(rejected("the payload's padding is malformed"));
    }
    padded.truncate(end);
    Ok(padded)
}

/// What the header says besides the nonce and length.
#[derive(Debug, Clone, Copy)]
pub struct Addressed {
    pub pair_id: [u8; 16],
    pub sender: DeviceId,
    pub epoch: u32,
    pub ephemeral: [u8; 32],
    pub sequence: u64,
}

pub fn seal(key: &[u8; 32], to: Addressed, body: &[u8]) -> Result<Vec<u8>> {
    seal_unpadded(key, to, &pad(body)?)
}

/// Seals `body` as it is; `seal` pads first, tests forge bad padding.
fn seal_unpadded(key: &[u8; 32], to: Addressed, body: &[u8]) -> Result<Vec<u8>> {
    let mut nonce = [0u8; 24];
    fill_random(&mut nonce)?;
    let header = Header {
        version: VERSION,
        pair_id: to.pair_id,
        sender: to.sender,
        epoch: to.epoch,
        ephemeral: to.ephemeral,
        sequence: to.sequence,
        nonce,
        body_len: u32::try_from(body.len() + TAG_LEN).map_err(|_| rejected("body too large"))?,
    };
    let aad = header.to_bytes();
    let cipher = XChaCha20Poly1305::new_from_slice(key).map_err(|_| rejected("bad key"))?;
    let ct = cipher
        .encrypt(
            &XNonce::from(nonce),
            Payload {
                msg: body,
                aad: &aad,
            },
        )
        .map_err(|_| rejected("sealing failed"))?;
    let mut out = Vec::with_capacity(HEADER_LEN + ct.len());
    out.extend_from_slice(&aad);
    out.extend_from_slice(&ct);
    Ok(out)
}

/// Decrypts a payload whose header `parse_header` accepted.
pub fn open(key: &[u8; 32], header: &Header, bytes: &[u8]) -> Result<Vec<u8>> {
    let cipher = XChaCha20Poly1305::new_from_slice(key).map_err(|_| rejected("bad key"))?;
    let padded = cipher
        .decrypt(
            &XNonce::from(header.nonce),
            Payload {
                msg: &bytes[HEADER_LEN..],
                aad: &bytes[..HEADER_LEN],
            },
        )
        .map_err(|_| {
            rejected("the payload does not authenticate: it was damaged, tampered with, or sealed for another pairing")
        })?;
    unpad(padded)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addressed() -> Addressed {
        Addressed {
            pair_id: [1; 16],
            sender: DeviceId([2; 16]),
            epoch: 1,
            ephemeral: [3; 32],
            sequence: 7,
        }
    }

    fn sample() -> Vec<u8> {
        seal(&[5; 32], addressed(), b"hello body").unwrap()
    }

    #[test]
    fn round_trip() {
        let p = sample();
        let h = parse_header(&p).unwrap();
        assert_eq!(
            (h.pair_id, h.sender, h.epoch, h.ephemeral, h.sequence),
            ([1; 16], DeviceId([2; 16]), 1, [3; 32], 7)
        );
        assert_eq!(open(&[5; 32], &h, &p).unwrap(), b"hello body");
        assert!(open(&[6; 32], &h, &p).is_err());
    }

    #[test]
    fn every_body_length_pads_to_a_bucket_and_back() {
        let largest = MAX_PAYLOAD_BYTES - OVERHEAD - PADDING_MARKER_LEN;
        let mut lengths: Vec<usize> = (0..2000).collect();
        for b in BUCKETS {
            let fits = b - OVERHEAD - PADDING_MARKER_LEN;
            lengths.extend([fits, fits + 1]);
        }
        for len in lengths.into_iter().filter(|l| *l <= largest) {
            // Trailing zeros in the body must survive the padding's removal.
            let body = vec![0u8; len];
            let p = seal(&[5; 32], addressed(), &body).unwrap();
            assert!(BUCKETS.contains(&p.len()), "{len} gave {}", p.len());
            let smallest = BUCKETS.iter().find(|b| **b > len + OVERHEAD).unwrap();
            assert_eq!(p.len(), *smallest, "{len} not in its smallest bucket");
            let h = parse_header(&p).unwrap();
            assert_eq!(open(&[5; 32], &h, &p).unwrap(), body);
        }
        let too_big = vec![1u8; largest + 1];
        assert!(seal(&[5; 32], addressed(), &too_big).is_err());
    }

    #[test]
    fn malformed_padding_is_refused_though_it_authenticates() {
        let inner = 512 - OVERHEAD;
        let mut no_marker = b"body".to_vec();
        no_marker.resize(inner, 0);
        let mut filler_not_zero = b"body\x80".to_vec();
        filler_not_zero.resize(inner, 0);
        filler_not_zero[inner - 1] = 1;
        let mut off_bucket = b"body\x80".to_vec();
        off_bucket.resize(inner + 1, 0);
        let all_zero = vec![0u8; inner];
        for (what, forged) in [
            ("no marker", no_marker),
            ("non-zero filler", filler_not_zero),
            ("length off the buckets", off_bucket),
            ("all zeros", all_zero),
        ] {
            let p = seal_unpadded(&[5; 32], addressed(), &forged).unwrap();
            let h = parse_header(&p).unwrap();
            let err = open(&[5; 32], &h, &p).unwrap_err();
            assert!(matches!(err, Error::PayloadRejected(_)), "{what}: {err:?}");
        }
    }

    #[test]
    fn every_flipped_bit_is_caught() {
        let p = sample();
        for i in 0..p.len() {
            for bit in 0..8 {
                let mut bad = p.clone();
                bad[i] ^= 1 << bit;
                let ok = parse_header(&bad).and_then(|h| open(&[5; 32], &h, &bad));
                assert!(ok.is_err(), "flip of bit {bit} at byte {i} accepted");
            }
        }
    }

    #[test]
    fn size_and_shape_checks() {
        let p = sample();
        for cut in 0..p.len() {
            assert!(
                parse_header(&p[..cut]).is_err(),
                "truncated at {cut} accepted"
            );
        }
        let mut long = p.clone();
        long.push(0);
        assert!(
            parse_header(&long)
                .unwrap_err()
                .to_string()
                .contains("past its end")
        );
        let mut claims = p.clone();
        claims[106..110].copy_from_slice(&u32::MAX.to_be_bytes());
        assert!(
            parse_header(&claims)
                .unwrap_err()
                .to_string()
                .contains("larger than any")
        );
        assert!(
            parse_header(&vec![0u8; MAX_PAYLOAD_BYTES + 1])
                .unwrap_err()
                .to_string()
                .contains("larger")
        );
        let mut newer = p.clone();
        newer[4] = 9;
        let e = parse_header(&newer).unwrap_err();
        assert!(
            matches!(
                e,
                Error::PayloadVersion {
                    found: 9,
                    oldest: OLDEST_READ,
                    newest: VERSION
                }
            ),
            "{e:?}"
        );
        assert!(e.to_string().contains("newer Tandem"), "{e}");
        let mut older = p.clone();
        older[4] = 1;
        let e = parse_header(&older).unwrap_err();
        assert!(matches!(e, Error::PayloadVersion { found: 1, .. }), "{e:?}");
        assert!(e.to_string().contains("older Tandem"), "{e}");
        let mut suite = p;
        suite[5] = 9;
        assert!(
            parse_header(&suite)
                .unwrap_err()
                .to_string()
                .contains("cipher suite")
        );
    }
}
