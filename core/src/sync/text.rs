//! Payloads as text, for share sheets and copy/paste, and as QR-sized chunks.
//!
//! text  = "TSYNC1:" base64url(payload)
//! chunk = "TSYNC1-CHUNK:" id ":" index ":" count ":" base64url(piece)
//!
//! The id is the first 8 hex digits of the payload's SHA-256, so chunks of
//! different payloads never mix and a reassembled payload can be checked.

use sha2::{Digest, Sha256};

use crate::base::BASE64URL_NOPAD;
use crate::error::{Error, Result};
use crate::sync::envelope::MAX_PAYLOAD_BYTES;

pub const TEXT_PREFIX: &str = "TSYNC1:";
pub const CHUNK_PREFIX: &str = "TSYNC1-CHUNK:";
/// Each chunk, prefix included, is at most this many characters.
pub const MAX_CHUNK_CHARS: usize = 2000;
const MAX_TEXT_CHARS: usize = TEXT_PREFIX.len() + MAX_PAYLOAD_BYTES.div_ceil(3) * 4;

fn rejected(reason: impl Into<String>) -> Error {
    Error::PayloadRejected(reason.into())
}

pub fn to_text(payload: &[u8]) -> String {
    format!("{TEXT_PREFIX}{}", BASE64URL_NOPAD.encode(payload))
}

pub fn from_text(text: &str) -> Result<Vec<u8>> {
    let text = text.trim();
    if text.len() > MAX_TEXT_CHARS {
        return Err(rejected("the text is longer than any Tandem payload"));
    }
    let body = text
        .strip_prefix(TEXT_PREFIX)
        .ok_or_else(|| rejected("this is not Tandem sync text"))?;
    let body: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    if body.is_empty() {
        return Err(rejected("the sync text is empty"));
    }
    BASE64URL_NOPAD
        .decode(body.as_bytes())
        .map_err(|_| rejected("the sync text is damaged or incomplete"))
}

fn payload_id(payload: &[u8]) -> String {
    hex::encode(&Sha256::digest(payload)[..4])
}

pub fn to_chunks(payload: &[u8]) -> Vec<String> {
    let encoded = BASE64URL_NOPAD.encode(payload);
    let id = payload_id(payload);
    // Room for the prefix, id and "ii:nn:" with up to four digits each.
    let room = MAX_CHUNK_CHARS - (CHUNK_PREFIX.len() + id.len() + 1 + 5 + 5);
    let pieces: Vec<&str> = encoded
        .as_bytes()
        .chunks(room)
        .map(|c| std::str::from_utf8(c).unwrap_or_default())
        .collect();
    let count = pieces.len().max(1);
    if pieces.is_empty() {
        return vec![format!("{CHUNK_PREFIX}{id}:1:1:")];
    }
    pieces
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{CHUNK_PREFIX}{id}:{}:{count}:{p}", i + 1))
        .collect()
}

struct Chunk<'a> {
    id: &'a str,
    index: usize,
    count: usize,
    data: &'a str,
}

fn parse_chunk(text: &str) -> Result<Chunk<'_>> {
    let bad = || rejected("a chunk is damaged or not a Tandem sync chunk");
    let text = text.trim();
    if text.len() > MAX_CHUNK_CHARS {
        return Err(rejected("a chunk is longer than any Tandem chunk"));
    }
    let rest = text.strip_prefix(CHUNK_PREFIX).ok_or_else(bad)?;
    let mut parts = rest.splitn(4, ':');
    let (id, index, count, data) = (
        parts.next().ok_or_else(bad)?,
        parts.next().ok_or_else(bad)?,
        parts.next().ok_or_else(bad)?,
        parts.next().ok_or_else(bad)?,
    );
    let index: usize = index.parse().map_err(|_| bad())?;
    let count: usize = count.parse().map_err(|_| bad())?;
    let max_count = MAX_PAYLOAD_BYTES.div_ceil(3) * 4 / 100 + 1;
    if id.len() != 8 || index == 0 || index > count || count > max_count {
        return Err(bad());
    }
    Ok(Chunk {
        id,
        index,
        count,
        data,
    })
}

/// Reassembles a payload from its chunks, given in any order.
pub fn from_chunks<S: AsRef<str>>(chunks: &[S]) -> Result<Vec<u8>> {
    let first = parse_chunk(
        chunks
            .first()
            .ok_or_else(|| rejected("no chunks given"))?
            .as_ref(),
    )?;
    let (id, count) = (first.id.to_owned(), first.count);
    let mut slots: Vec<Option<String>> = vec![None; count];
    for text in chunks {
        let c = parse_chunk(text.as_ref())?;
        if c.id != id || c.count != count {
            return Err(rejected(
                "a chunk belongs to another payload; scan only the chunks of one payload",
            ));
        }
        slots[c.index - 1] = Some(c.data.to_owned());
    }
    let missing: Vec<String> = slots
        .iter()
        .enumerate()
        .filter(|(_, s)| s.is_none())
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    if !missing.is_empty() {
        return Err(rejected(format!(
            "chunk {} of {count} is missing",
            missing.join(", ")
        )));
    }
    let encoded: String = slots.into_iter().flatten().collect();
    let payload = BASE64URL_NOPAD
        .decode(encoded.as_bytes())
        .map_err(|_| rejected("the chunks are damaged"))?;
    if payload_id(&payload) != id {
        return Err(rejected(
            "the chunks are damaged: they do not add up to their payload",
        ));
    }
    Ok(payload)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trip() {
        let p: Vec<u8> = (0..=255u8).collect();
        let t = to_text(&p);
        assert_eq!(from_text(&t).unwrap(), p);
        // Line breaks added by a mail client are harmless.
        let wrapped = format!("{}\n{}", &t[..40], &t[40..]);
        assert_eq!(from_text(&wrapped).unwrap(), p);
        assert!(from_text("hello").is_err());
        assert!(from_text("TSYNC1:***").is_err());
        assert!(
            from_text("TSYNC1:")
                .unwrap_err()
                .to_string()
                .contains("empty")
        );
    }

    #[test]
    fn chunks_round_trip_in_any_order() {
        let p: Vec<u8> = (0..10_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let mut chunks = to_chunks(&p);
        assert!(chunks.len() > 5);
        assert!(chunks.iter().all(|c| c.len() <= MAX_CHUNK_CHARS));
        chunks.reverse();
        chunks.swap(1, 3);
        assert_eq!(from_chunks(&chunks).unwrap(), p);
    }

    #[test]
    fn missing_and_foreign_chunks_are_named() {
        let p = vec![1u8; 5000];
        let chunks = to_chunks(&p);
        let n = chunks.len();
        let e = from_chunks(&chunks[1..]).unwrap_err().to_string();
        assert!(e.contains(&format!("chunk 1 of {n} is missing")), "{e}");
        let other = to_chunks(&vec![2u8; 5000]);
        let mut mixed = chunks.clone();
        mixed[0] = other[0].clone();
        let e = from_chunks(&mixed).unwrap_err().to_string();
        assert!(e.contains("another payload"), "{e}");
        let mut damaged = chunks.clone();
        damaged[1] = damaged[1].replace('A', "B");
        assert!(from_chunks(&damaged).is_err());
        assert!(from_chunks::<String>(&[]).is_err());
        assert!(from_chunks(&["TSYNC1-CHUNK:zz"]).is_err());
    }

    #[test]
    fn empty_payload_has_one_chunk() {
        let chunks = to_chunks(&[]);
        assert_eq!(chunks.len(), 1);
        assert_eq!(from_chunks(&chunks).unwrap(), Vec::<u8>::new());
    }
}
