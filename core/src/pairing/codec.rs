//! The pairing codes as QR text. Binary, then RFC 4648 base32 without padding
//! after a "TANDEM:" prefix: every character is in the QR alphanumeric set,
//! which packs 5.5 bits per character instead of 8, so an answer with a device
//! name still fits a version-10 code at error level M.
//!
//! offer  = version 1 | mode 1 | pairing id 16 | expires at (ms, i64) 8 | A's X25519 key 32
//! answer = version 1 | mode 2 | pairing id 16 | B's X25519 key 32 | sealed private part
//! sealed = XChaCha20-Poly1305 (zero nonce; the key is used once) of
//!          B's device id 16 | name length 1 | name (UTF-8, at most 40 bytes) | MAC 16

use crate::base::BASE32_NOPAD;
use crate::error::{Error, Result};

pub const PREFIX: &str = "TANDEM:";
/// 2: the fifteen-digit check code and separate seal/MAC keys. A v1 phone
/// would show six digits that a v2 phone never matches, so v1 is refused.
pub const VERSION: u8 = 2;
const MODE_OFFER: u8 = 1;
const MODE_ANSWER: u8 = 2;
const OFFER_LEN: usize = 2 + 16 + 8 + 32;
const ANSWER_PUBLIC_LEN: usize = 2 + 16 + 32;
/// The answer's sealed part: device id, name length, name, MAC, AEAD tag.
pub const NAME_MAX_BYTES: usize = 40;
const SEALED_MIN: usize = 16 + 1 + 16 + 16;
const SEALED_MAX: usize = SEALED_MIN + NAME_MAX_BYTES;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    pub pairing_id: [u8; 16],
    pub expires_at_ms: i64,
    pub public_key: [u8; 32],
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub pairing_id: [u8; 16],
    pub public_key: [u8; 32],
    pub sealed: Vec<u8>,
}

impl Offer {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = Vec::with_capacity(OFFER_LEN);
        b.extend_from_slice(&[VERSION, MODE_OFFER]);
        b.extend_from_slice(&self.pairing_id);
        b.extend_from_slice(&self.expires_at_ms.to_be_bytes());
        b.extend_from_slice(&self.public_key);
        b
    }

    pub fn to_text(&self) -> String {
        to_text(&self.to_bytes())
    }

    /// Parses a scanned offer; returns it with its exact bytes (the transcript).
    pub fn parse(text: &str) -> Result<(Self, Vec<u8>)> {
        let bytes = from_text(text, MODE_OFFER)?;
        let offer = Self::from_bytes(&bytes)?;
        Ok((offer, bytes))
    }

    /// An offer's bytes as `to_bytes` wrote them (after its version and
    /// mode were checked, or as this phone stored its own).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        if bytes.len() != OFFER_LEN || bytes[..2] != [VERSION, MODE_OFFER] {
            return Err(truncated());
        }
        Ok(Offer {
            pairing_id: arr(&bytes[2..18]),
            expires_at_ms: i64::from_be_bytes(arr(&bytes[18..26])),
            public_key: arr(&bytes[26..58]),
        })
    }
}

impl Answer {
    /// The public part: what the transcript covers.
    pub fn public_bytes(pairing_id: &[u8; 16], public_key: &[u8; 32]) -> Vec<u8> {
        let mut b = Vec::with_capacity(ANSWER_PUBLIC_LEN);
        b.extend_from_slice(&[VERSION, MODE_ANSWER]);
        b.extend_from_slice(pairing_id);
        b.extend_from_slice(public_key);
        b
    }

    pub fn to_text(&self) -> String {
        let mut b = Self::public_bytes(&self.pairing_id, &self.public_key);
        b.extend_from_slice(&self.sealed);
        to_text(&b)
    }

    pub fn parse(text: &str) -> Result<Self> {
        let bytes = from_text(text, MODE_ANSWER)?;
        let sealed_len = bytes
            .len()
            .checked_sub(ANSWER_PUBLIC_LEN)
            .ok_or_else(truncated)?;
        if !(SEALED_MIN..=SEALED_MAX).contains(&sealed_len) {
            return Err(truncated());
        }
        Ok(Answer {
            pairing_id: arr(&bytes[2..18]),
            public_key: arr(&bytes[18..50]),
            sealed: bytes[50..].to_vec(),
        })
    }
}

/// B's private part of the answer, before sealing.
pub struct AnswerPrivate {
    pub device: [u8; 16],
    pub name: String,
    pub mac: [u8; 16],
}

impl AnswerPrivate {
    pub fn to_bytes(&self) -> Vec<u8> {
        let name = truncate_utf8(&self.name, NAME_MAX_BYTES);
        let mut b = Vec::with_capacity(16 + 1 + name.len() + 16);
        b.extend_from_slice(&self.device);
        b.push(name.len() as u8);
        b.extend_from_slice(name.as_bytes());
        b.extend_from_slice(&self.mac);
        b
    }

    pub fn parse(bytes: &[u8]) -> Result<Self> {
        let bad = || Error::Pairing("the answer code's private part is malformed".into());
        if bytes.len() < 16 + 1 + 16 {
            return Err(bad());
        }
        let name_len = bytes[16] as usize;
        if bytes.len() != 16 + 1 + name_len + 16 || name_len > NAME_MAX_BYTES {
            return Err(bad());
        }
        let name = std::str::from_utf8(&bytes[17..17 + name_len]).map_err(|_| bad())?;
        Ok(AnswerPrivate {
            device: arr(&bytes[..16]),
            name: name.to_owned(),
            mac: arr(&bytes[17 + name_len..]),
        })
    }
}

/// The longest prefix of `s` that is at most `max` bytes and whole characters.
pub fn truncate_utf8(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn to_text(bytes: &[u8]) -> String {
    format!("{PREFIX}{}", BASE32_NOPAD.encode(bytes))
}

fn truncated() -> Error {
    Error::Pairing("the pairing code is incomplete or damaged; scan it again".into())
}

fn from_text(text: &str, expected_mode: u8) -> Result<Vec<u8>> {
    let text = text.trim();
    let body = text
        .strip_prefix(PREFIX)
        .ok_or_else(|| Error::Pairing("this is not a Tandem pairing code".into()))?;
    // Generous bound before decoding: real codes are a few hundred characters.
    if body.len() > 1024 {
        return Err(Error::Pairing("the pairing code is too long".into()));
    }
    let bytes = BASE32_NOPAD
        .decode(body.as_bytes())
        .map_err(|_| truncated())?;
    match bytes.first() {
        None => return Err(truncated()),
        Some(&v) if v > VERSION => {
            return Err(Error::Pairing(format!(
                "the code is from a newer Tandem (pairing version {v}); update the app"
            )));
        }
        Some(&v) if (1..VERSION).contains(&v) => {
            return Err(Error::PairingOutdated {
                theirs: v,
                ours: VERSION,
            });
        }
        Some(&v) if v != VERSION => {
            return Err(Error::Pairing(format!("unknown pairing version {v}")));
        }
        Some(_) => {}
    }
    match (bytes.get(1).copied(), expected_mode) {
        (Some(m), e) if m == e => Ok(bytes),
        (Some(MODE_ANSWER), MODE_OFFER) => Err(Error::Pairing(
            "this is an answer code; scan the code on the screen of the partner who started pairing".into(),
        )),
        (Some(MODE_OFFER), MODE_ANSWER) => Err(Error::Pairing(
            "this is an offer code; scan the answer your partner's phone shows after scanning yours".into(),
        )),
        (Some(_), _) => Err(Error::Pairing("unknown pairing code mode".into())),
        (None, _) => Err(truncated()),
    }
}

fn arr<const N: usize>(bytes: &[u8]) -> [u8; N] {
    let mut out = [0u8; N];
    out.copy_from_slice(bytes);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offer() -> Offer {
        Offer {
            pairing_id: [7; 16],
            expires_at_ms: 1_800_000_120_000,
            public_key: [9; 32],
        }
    }

    #[test]
    fn offer_round_trip() {
        let text = offer().to_text();
        assert!(text.starts_with(PREFIX));
        let (parsed, bytes) = Offer::parse(&text).unwrap();
        assert_eq!(parsed, offer());
        assert_eq!(bytes, offer().to_bytes());
        assert!(
            text.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == ':')
        );
    }

    #[test]
    fn answer_round_trip_and_private_part() {
        let private = AnswerPrivate {
            device: [1; 16],
            name: "Ben’s phone with a very long name indeed, longer than forty".into(),
            mac: [2; 16],
        };
        let bytes = private.to_bytes();
        let back = AnswerPrivate::parse(&bytes).unwrap();
        assert!(back.name.len() <= NAME_MAX_BYTES);
        assert!(private.name.starts_with(&back.name));
        let answer = Answer {
            pairing_id: [3; 16],
            public_key: [4; 32],
            sealed: vec![5; bytes.len() + 16],
        };
        assert_eq!(Answer::parse(&answer.to_text()).unwrap(), answer);
    }

    #[test]
    fn wrong_mode_version_and_damage() {
        let answer = Answer {
            pairing_id: [3; 16],
            public_key: [4; 32],
            sealed: vec![5; SEALED_MIN],
        };
        let e = Offer::parse(&answer.to_text()).unwrap_err().to_string();
        assert!(e.contains("this is an answer code"), "{e}");
        let e = Answer::parse(&offer().to_text()).unwrap_err().to_string();
        assert!(e.contains("this is an offer code"), "{e}");

        let mut b = offer().to_bytes();
        b[0] = 3;
        let e = Offer::parse(&to_text(&b)).unwrap_err().to_string();
        assert!(e.contains("newer Tandem"), "{e}");
        b[0] = 1;
        let e = Offer::parse(&to_text(&b)).unwrap_err();
        assert!(
            matches!(e, Error::PairingOutdated { theirs: 1, ours: 2 }),
            "{e}"
        );
        assert!(e.to_string().contains("update the app"), "{e}");
        b[0] = 0;
        assert!(
            Offer::parse(&to_text(&b))
                .unwrap_err()
                .to_string()
                .contains("unknown pairing version")
        );

        let text = offer().to_text();
        for cut in [
            PREFIX.len(),
            PREFIX.len() + 1,
            text.len() / 2,
            text.len() - 1,
        ] {
            let e = Offer::parse(&text[..cut]).unwrap_err().to_string();
            assert!(e.contains("incomplete or damaged"), "cut {cut}: {e}");
        }
        assert!(
            Offer::parse("hello")
                .unwrap_err()
                .to_string()
                .contains("not a Tandem pairing code")
        );
        assert!(Offer::parse("TANDEM:!!!!").is_err());
        assert!(Offer::parse(&format!("TANDEM:{}", "A".repeat(5000))).is_err());
        assert!(Offer::parse("").is_err());
    }

    #[test]
    fn truncation_respects_characters() {
        assert_eq!(truncate_utf8("héllo", 2), "h");
        assert_eq!(truncate_utf8("héllo", 3), "hé");
        assert_eq!(truncate_utf8("abc", 10), "abc");
    }
}
