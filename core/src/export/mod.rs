//! Data portability: everything this phone holds for its person, as a
//! documented, versioned JSON file (docs/EXPORT.md) that opens without
//! Tandem. By default the file is sealed with a passphrase (Argon2id, then
//! XChaCha20-Poly1305); plaintext only when asked for. Importing restores
//! the file into an empty store on a new phone.
//!
//! The document has two parts: `state`, the readable picture (rituals,
//! agreements and their history, boundaries, pauses, check-ins, the private
//! log…), and `log`, the ops themselves, from which an import rebuilds the
//! same state.

pub mod events;
pub mod mirror;

use argon2::{Algorithm, Argon2, Params};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use zeroize::Zeroizing;

use crate::base::BASE64;
use crate::clock::Millis;
use crate::device::{self, DeviceId};
use crate::error::{Error, Result};
use crate::store::Sealer;
use crate::sync::Op;
use crate::{agreements, checkins, journal, reminders, rituals, schedule, sync};

pub const FORMAT: &str = "tandem-export";
pub const SEALED_FORMAT: &str = "tandem-export-sealed";
pub const VERSION: u32 = 1;
/// The sealed envelope's own version: 2 binds the whole header into the
/// AEAD's associated data; 1 (still read) bound only a constant.
pub const SEALED_VERSION: u32 = 2;
/// A passphrase is long enough with this many characters...
pub const PASSPHRASE_MIN_CHARS: usize = 16;
/// ...or with this many words (a short diceware-style phrase).
pub const PASSPHRASE_MIN_WORDS: usize = 4;
/// Below this many distinct characters a long passphrase is a repetition
/// ("aaaaaaaaaaaaaaaa", "abababab…"), not a secret.
const PASSPHRASE_MIN_DISTINCT: usize = 5;
/// Argon2id cost as (memory KiB, passes, lanes). Version 2 writes RFC 9106's
/// second recommended option (64 MiB, t = 3, p = 4).
const KDF_V2: (u32, u32, u32) = (64 * 1024, 3, 4);
/// What version 1 wrote (one lane); read only, never written.
const KDF_V1: (u32, u32, u32) = (64 * 1024, 3, 1);
const AAD_V1: &[u8] = b"tandem-export-sealed/v1";
const AAD_V2_LABEL: &[u8] = b"tandem-export-sealed/v2";
/// Larger files are refused before parsing.
const MAX_FILE_BYTES: usize = 256 * 1024 * 1024;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    pub format: String,
    pub version: u32,
    pub exported_at: String,
    pub device: DeviceDoc,
    pub state: Value,
    pub log: LogDoc,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeviceDoc {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LogDoc {
    /// The shared log: every op this phone holds, by either partner.
    pub shared: Vec<Op>,
    /// This phone's private log (counter = sequence number).
    pub private: Vec<Op>,
    /// The phones this one was restored from, each with the last op it
    /// wrote before its backup (absent in exports from before restores
    /// kept a history).
    #[serde(default)]
    pub lineage: Vec<(DeviceId, u64)>,
    /// The partner's current phone, and the phones it was restored from.
    #[serde(default)]
    pub partner: Option<DeviceId>,
    #[serde(default)]
    pub partner_lineage: Vec<(DeviceId, u64)>,
    /// The shared things stopped on this phone after unpairing, with when.
    #[serde(default)]
    pub stopped: Vec<(String, Millis)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Sealed {
    format: String,
    version: u32,
    kdf: Kdf,
    cipher: Cipher,
    ciphertext: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Kdf {
    name: String,
    memory_kib: u32,
    iterations: u32,
    parallelism: u32,
    salt: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Cipher {
    name: String,
    nonce: String,
    aad: String,
}

fn rfc3339(ms: Millis) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
        .unwrap_or_default()
}

/// The readable picture of everything this phone holds for its person, in
/// a canonical order: two stores holding the same data give the same value.
pub fn state(conn: &Connection, sealer: &Sealer, me: DeviceId) -> Result<Value> {
    let who = |d: DeviceId| if d == me { "me" } else { "partner" };
    let mut rituals_out = Vec::new();
    let mut all = rituals::list(conn, sealer)?;
    all.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    for r in all {
        let marks = rituals::marks::load(conn, sealer, &r.id)?;
        rituals_out.push(json!({
            "id": r.id,
            "personal": r.personal,
            "status": r.status.as_str(),
            "proposed_by": who(r.proposed_by),
            "proposed_at": rfc3339(r.proposed_at_ms),
            "title": r.spec.title,
            "prompt": r.spec.prompt,
            "minutes": r.spec.minutes,
            "time_of_day": r.spec.time().to_string(),
            "zone": r.spec.zone,
            "recurrence": format!("{:?}", r.spec.recurrence),
            "trial_until": r.spec.trial_until.map(|d| d.to_string()),
            "pending": r.pending.as_ref().map(|p| json!({"title": p.spec.title, "by": who(p.by), "spec": format!("{:?}", p.spec)})),
            "occurrences": marks.iter().map(|(date, m)| json!({
                "date": date.to_string(),
                "status": format!("{:?}", m.status).to_lowercase(),
                "moved_to": m.moved_to_ms.map(rfc3339),
                "note": m.note,
                "feeling": m.feeling,
            })).collect::<Vec<_>>(),
        }));
    }
    let mut agreements_out = Vec::new();
    for a in agreements::list(conn, sealer)? {
        let history = agreements::history::read(conn, sealer, &a.id)?;
        agreements_out.push(json!({
            "id": a.id,
            "status": a.status.as_str(),
            "in_effect": a.in_effect.map(hex::encode),
            "versions": a.versions.iter().map(|v| json!({
                "hash": hex::encode(v.hash),
                "parent": v.terms.parent.map(hex::encode),
                "title": v.terms.title,
                "text": v.terms.text,
                "pause_protocol": v.terms.pause_protocol.as_ref().map(|p| json!({
                    "cool_down_minutes": p.cool_down_minutes,
                    "either_may_call": p.either_may_call,
                    "revisit": p.revisit,
                })),
                "review_on": v.terms.review_on.map(|d| d.to_string()),
                "by": who(v.author),
                "at": rfc3339(v.at_ms),
                "accepted_by": v.accepted_by.iter().map(|d| who(*d)).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "history": history.entries.iter().map(|e| json!({
                "step": e.event.kind.as_str(),
                "by": who(e.event.by),
                "at": rfc3339(e.event.at_ms),
                "version": e.event.version.map(hex::encode),
                "hash": hex::encode(e.hash),
            })).collect::<Vec<_>>(),
            "history_head": hex::encode(history.head),
        }));
    }
    let mut boundaries_out: Vec<Value> = agreements::boundaries::list(conn, sealer)?
        .into_iter()
        .map(|b| {
            json!({"id": b.id, "by": who(b.owner), "text": b.text, "shared": b.shared,
                   "written_at": rfc3339(b.created_at_ms), "updated_at": rfc3339(b.updated_at_ms)})
        })
        .collect();
    boundaries_out.sort_unstable_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    let pauses_out: Vec<Value> = agreements::pauses::list(conn, sealer)?
        .into_iter()
        .map(|p| {
            json!({"id": p.id, "by": who(p.started_by), "started_at": rfc3339(p.started_at_ms),
                   "first_return_at": rfc3339(p.first_return_at_ms), "return_at": rfc3339(p.return_at_ms),
                   "extended": p.extended, "ended_at": p.ended_at_ms.map(rfc3339), "note": p.note, "kept": p.kept()})
        })
        .collect();
    let entries_out: Vec<Value> = checkins::list(conn, sealer, i64::MIN, i64::MAX, None)?
        .into_iter()
        .map(|r| {
            json!({"id": r.id, "by": who(r.author), "at": rfc3339(r.at_ms), "shared": r.shared,
                   "kind": r.entry.kind(), "entry": serde_json::to_value(&r.entry).unwrap_or(Value::Null)})
        })
        .collect();
    let journal_out: Vec<Value> = journal::list(conn, sealer, i64::MIN, i64::MAX)?
        .into_iter()
        .map(|(id, e)| {
            json!({"id": id, "at": rfc3339(e.at_ms), "happened": e.happened.as_str(), "tags": e.tags,
                   "topic": e.topic, "temperature_before": e.temperature_before, "note": e.note})
        })
        .collect();
    let settings = reminders::settings(conn)?;
    Ok(json!({
        "rituals": rituals_out,
        "rest_weeks": rituals::rest::weeks(conn)?.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
        "agreements": agreements_out,
        "boundaries": boundaries_out,
        "pauses": pauses_out,
        "entries": entries_out,
        "private_log": journal_out,
        "reminder_settings": {
            "quiet_hours": settings.quiet.map(|q| json!({"start": q.start.to_string(), "end": q.end.to_string(),
                "policy": if q.policy == reminders::QuietPolicy::Drop { "drop" } else { "move" }})),
            "hide_content": settings.hide_content,
        },
    }))
}

/// The whole document as JSON bytes.
pub fn document(
    conn: &Connection,
    sealer: &Sealer,
    me: DeviceId,
    name: &str,
    now: Millis,
) -> Result<Vec<u8>> {
    schedule::instant(now)?;
    let doc = Document {
        format: FORMAT.into(),
        version: VERSION,
        exported_at: rfc3339(now),
        device: DeviceDoc {
            id: me.to_hex(),
            name: name.into(),
        },
        state: state(conn, sealer, me)?,
        log: {
            let people = sync::people::People::load(conn, me)?;
            LogDoc {
                shared: sync::all_ops(conn, sealer)?,
                private: sync::all_private_ops(conn, sealer)?,
                lineage: people.my_lineage(),
                partner: people.partner(),
                partner_lineage: people.partner_lineage(),
                stopped: crate::stopped::stopped(conn)?,
            }
        },
    };
    serde_json::to_vec_pretty(&doc).map_err(|_| Error::Corrupt("the export does not encode".into()))
}

fn derive(passphrase: &str, salt: &[u8], cost: (u32, u32, u32)) -> Result<Zeroizing<[u8; 32]>> {
    let (memory, iterations, lanes) = cost;
    let params = Params::new(memory, iterations, lanes, Some(32))
        .map_err(|_| Error::invalid("the export's key-derivation parameters are not usable"))?;
    let mut key = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, argon2::Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, key.as_mut())
        .map_err(|_| Error::invalid("the passphrase could not be stretched"))?;
    Ok(key)
}

/// The strength floor for export passphrases, with a reason that says what
/// is needed (never the passphrase itself).
pub fn check_passphrase(passphrase: &str) -> Result<()> {
    let trimmed = passphrase.trim();
    let chars = trimmed.chars().count();
    let words = trimmed.split_whitespace().count();
    if chars < PASSPHRASE_MIN_CHARS && words < PASSPHRASE_MIN_WORDS {
        return Err(Error::invalid(format!(
            "an export passphrase needs at least {PASSPHRASE_MIN_CHARS} characters or at least {PASSPHRASE_MIN_WORDS} words (this one has characters: {chars}, words: {words})"
        )));
    }
    let mut distinct: Vec<char> = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < PASSPHRASE_MIN_DISTINCT {
        return Err(Error::invalid(format!(
            "an export passphrase needs at least {PASSPHRASE_MIN_DISTINCT} different characters; a repeated pattern is easy to guess"
        )));
    }
    Ok(())
}

/// The canonical encoding of a version-2 header, authenticated as the AEAD's
/// associated data: every field that steers decryption (format, version, KDF
/// name, costs, salt, cipher name, nonce) is length-prefixed so no two
/// headers encode alike, and altering any of them makes opening fail.
fn header_aad(s: &Sealed) -> Vec<u8> {
    let mut out = AAD_V2_LABEL.to_vec();
    let mut field = |bytes: &[u8]| {
        out.extend_from_slice(&(bytes.len() as u64).to_be_bytes());
        out.extend_from_slice(bytes);
    };
    field(s.format.as_bytes());
    field(&s.version.to_be_bytes());
    field(s.kdf.name.as_bytes());
    field(&s.kdf.memory_kib.to_be_bytes());
    field(&s.kdf.iterations.to_be_bytes());
    field(&s.kdf.parallelism.to_be_bytes());
    field(s.kdf.salt.as_bytes());
    field(s.cipher.name.as_bytes());
    field(s.cipher.nonce.as_bytes());
    field(s.cipher.aad.as_bytes());
    out
}

/// Seals document bytes with a passphrase.
pub fn seal(document: &[u8], passphrase: &str) -> Result<Vec<u8>> {
    check_passphrase(passphrase)?;
    let mut salt = [0u8; 16];
    let mut nonce = [0u8; 24];
    device::fill_random(&mut salt)?;
    device::fill_random(&mut nonce)?;
    let key = derive(passphrase, &salt, KDF_V2)?;
    let cipher = XChaCha20Poly1305::new_from_slice(key.as_ref())
        .map_err(|_| Error::Corrupt("the export key has the wrong length".into()))?;
    let (memory_kib, iterations, parallelism) = KDF_V2;
    let mut sealed = Sealed {
        format: SEALED_FORMAT.into(),
        version: SEALED_VERSION,
        kdf: Kdf {
            name: "argon2id".into(),
            memory_kib,
            iterations,
            parallelism,
            salt: BASE64.encode(&salt),
        },
        cipher: Cipher {
            name: "xchacha20poly1305".into(),
            nonce: BASE64.encode(&nonce),
            aad: "header".into(),
        },
        ciphertext: String::new(),
    };
    let aad = header_aad(&sealed);
    let ciphertext = cipher
        .encrypt(
            &XNonce::from(nonce),
            Payload {
                msg: document,
                aad: &aad,
            },
        )
        .map_err(|_| Error::Corrupt("the export could not be sealed".into()))?;
    sealed.ciphertext = BASE64.encode(&ciphertext);
    serde_json::to_vec_pretty(&sealed)
        .map_err(|_| Error::Corrupt("the export does not encode".into()))
}

fn damaged(what: &str) -> Error {
    Error::invalid(format!(
        "the export file is damaged or not a Tandem export: {what}"
    ))
}

/// The Argon2id cost a sealed header of this version must name, and the
/// associated data it was sealed with. Only the exact sets this code writes
/// (or wrote) are accepted, checked before any derivation, so a crafted
/// header cannot make an import spend more than an export does.
fn expected_kdf(s: &Sealed) -> Result<((u32, u32, u32), Vec<u8>)> {
    let cost = (s.kdf.memory_kib, s.kdf.iterations, s.kdf.parallelism);
    let (expected, aad) = match s.version {
        1 => (KDF_V1, AAD_V1.to_vec()),
        2 => (KDF_V2, header_aad(s)),
        other => {
            return Err(Error::invalid(format!(
                "this sealed export has version {other}, which this Tandem does not read"
            )));
        }
    };
    if cost != expected {
        return Err(damaged(
            "its key-derivation costs are not the ones Tandem writes (64 MiB, 3 passes)",
        ));
    }
    Ok((expected, aad))
}

/// Decrypts a sealed export: header checks first (names, costs, salt and
/// nonce sizes), then one derivation, then the AEAD over the header.
fn open_sealed(bytes: &[u8], passphrase: &str) -> Result<Zeroizing<Vec<u8>>> {
    let s: Sealed = serde_json::from_slice(bytes).map_err(|_| damaged("its header"))?;
    if s.kdf.name != "argon2id" || s.cipher.name != "xchacha20poly1305" {
        return Err(damaged("an unknown key derivation or cipher"));
    }
    let (cost, aad) = expected_kdf(&s)?;
    let salt = BASE64
        .decode(s.kdf.salt.as_bytes())
        .map_err(|_| damaged("its salt"))?;
    let nonce = BASE64
        .decode(s.cipher.nonce.as_bytes())
        .map_err(|_| damaged("its nonce"))?;
    if salt.len() < 8 || salt.len() > 64 {
        return Err(damaged("its salt"));
    }
    let nonce: [u8; 24] = nonce
        .as_slice()
        .try_into()
        .map_err(|_| damaged("its nonce"))?;
    let ciphertext = BASE64
        .decode(s.ciphertext.as_bytes())
        .map_err(|_| damaged("its ciphertext"))?;
    let key = derive(passphrase, &salt, cost)?;
    let cipher = XChaCha20Poly1305::new_from_slice(key.as_ref())
        .map_err(|_| Error::Corrupt("the export key has the wrong length".into()))?;
    let plain = cipher
        .decrypt(
            &XNonce::from(nonce),
            Payload {
                msg: &ciphertext,
                aad: &aad,
            },
        )
        .map_err(|_| Error::WrongPassphrase)?;
    Ok(Zeroizing::new(plain))
}

/// Reads an export file, sealed (needs the passphrase) or plaintext.
pub fn open(bytes: &[u8], passphrase: Option<&str>) -> Result<Document> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(damaged("it is larger than any export"));
    }
    #[derive(Deserialize)]
    struct Head {
        format: String,
        version: u32,
    }
    let head: Head =
        serde_json::from_slice(bytes).map_err(|_| damaged("it is not complete JSON"))?;
    let newest = if head.format == SEALED_FORMAT {
        SEALED_VERSION
    } else {
        VERSION
    };
    if head.version > newest {
        return Err(Error::invalid(format!(
            "this export was written by a newer Tandem (format version {}); update the app to import it",
            head.version
        )));
    }
    let plain: Zeroizing<Vec<u8>> = match head.format.as_str() {
        FORMAT => Zeroizing::new(bytes.to_vec()),
        SEALED_FORMAT => {
            let passphrase = passphrase.ok_or_else(|| {
                Error::invalid("this export is sealed with a passphrase; enter it to import")
            })?;
            open_sealed(bytes, passphrase)?
        }
        _ => return Err(damaged("an unknown format")),
    };
    let doc: Document = serde_json::from_slice(&plain).map_err(|_| damaged("its content"))?;
    if doc.format != FORMAT || doc.version > VERSION {
        return Err(damaged("its inner format"));
    }
    Ok(doc)
}

/// Whether this store holds nothing yet (no ops in either log, no pair).
pub fn is_empty(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT NOT EXISTS (SELECT 1 FROM ops) AND NOT EXISTS (SELECT 1 FROM local_ops)
                AND NOT EXISTS (SELECT 1 FROM pair)",
        [],
        |r| r.get(0),
    )?)
}

/// Who the export's log belongs to: the phone that wrote it, the phones it
/// was restored from, and the partner.
pub fn people_of(doc: &Document) -> Result<sync::RestoredPeople> {
    Ok(sync::RestoredPeople {
        exported: Some(device_of(doc)?),
        my_lineage: doc.log.lineage.clone(),
        partner: doc.log.partner,
        partner_lineage: doc.log.partner_lineage.clone(),
    })
}

/// The device id an export was written by.
pub fn device_of(doc: &Document) -> Result<DeviceId> {
    let bytes = hex::decode(&doc.device.id).map_err(|_| damaged("its device id"))?;
    DeviceId::from_slice(&bytes).map_err(|_| damaged("its device id"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What this code wrote before the header was authenticated: version 1,
    /// one lane, a constant associated data.
    fn seal_v1(document: &[u8], passphrase: &str) -> Vec<u8> {
        let (salt, nonce) = ([7u8; 16], [9u8; 24]);
        let key = derive(passphrase, &salt, KDF_V1).unwrap();
        let cipher = XChaCha20Poly1305::new_from_slice(key.as_ref()).unwrap();
        let ciphertext = cipher
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: document,
                    aad: AAD_V1,
                },
            )
            .unwrap();
        serde_json::to_vec(&json!({
            "format": SEALED_FORMAT,
            "version": 1,
            "kdf": {"name": "argon2id", "memory_kib": KDF_V1.0, "iterations": KDF_V1.1,
                    "parallelism": KDF_V1.2, "salt": BASE64.encode(&salt)},
            "cipher": {"name": "xchacha20poly1305", "nonce": BASE64.encode(&nonce),
                       "aad": "tandem-export-sealed/v1"},
            "ciphertext": BASE64.encode(&ciphertext),
        }))
        .unwrap()
    }

    fn reason(r: Result<impl std::fmt::Debug>) -> String {
        match r {
            Err(Error::InvalidInput(r)) => r,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn version_1_files_written_before_the_change_still_open() {
        let sealed = seal_v1(b"{}", "correct horse battery staple");
        let plain = open_sealed(&sealed, "correct horse battery staple").unwrap();
        assert_eq!(plain.as_slice(), b"{}");
        assert!(matches!(
            open_sealed(&sealed, "correct horse battery stapler"),
            Err(Error::WrongPassphrase)
        ));
    }

    #[test]
    fn a_version_1_file_with_other_costs_is_refused_before_deriving() {
        let sealed = seal_v1(b"{}", "correct horse battery staple");
        let mut v: Value = serde_json::from_slice(&sealed).unwrap();
        v["kdf"]["parallelism"] = 4.into();
        let bytes = serde_json::to_vec(&v).unwrap();
        let r = reason(open_sealed(&bytes, "correct horse battery staple"));
        assert!(r.contains("key-derivation costs"), "{r}");
    }

    #[test]
    fn a_version_2_seal_opens_and_writes_rfc_9106_costs() {
        let sealed = seal(b"{\"x\":1}", "correct horse battery staple").unwrap();
        let s: Sealed = serde_json::from_slice(&sealed).unwrap();
        assert_eq!(s.version, SEALED_VERSION);
        assert_eq!(
            (s.kdf.memory_kib, s.kdf.iterations, s.kdf.parallelism),
            (65536, 3, 4)
        );
        let plain = open_sealed(&sealed, "correct horse battery staple").unwrap();
        assert_eq!(plain.as_slice(), b"{\"x\":1}");
    }

    #[test]
    fn every_header_field_changes_the_associated_data() {
        let sealed = seal(b"{}", "correct horse battery staple").unwrap();
        let base: Sealed = serde_json::from_slice(&sealed).unwrap();
        type Edit = fn(&mut Sealed);
        let edits: Vec<(&str, Edit)> = vec![
            ("format", |s| s.format.push('x')),
            ("version", |s| s.version += 1),
            ("kdf name", |s| s.kdf.name.push('x')),
            ("memory", |s| s.kdf.memory_kib += 1),
            ("iterations", |s| s.kdf.iterations += 1),
            ("lanes", |s| s.kdf.parallelism += 1),
            ("salt", |s| s.kdf.salt.insert(0, 'A')),
            ("cipher", |s| s.cipher.name.push('x')),
            ("nonce", |s| s.cipher.nonce.insert(0, 'A')),
            ("aad label", |s| s.cipher.aad.push('x')),
            // A byte moved between adjacent fields must not encode alike.
            ("salt into nonce", |s| {
                let c = s.kdf.salt.pop().unwrap();
                s.cipher.nonce.insert(0, c);
            }),
        ];
        for (what, edit) in edits {
            let mut altered = base.clone();
            edit(&mut altered);
            assert_ne!(header_aad(&altered), header_aad(&base), "{what}");
        }
        // The ciphertext is not part of the header.
        let mut other = base.clone();
        other.ciphertext.clear();
        assert_eq!(header_aad(&other), header_aad(&base));
    }

    #[test]
    fn the_passphrase_floor_explains_itself() {
        for weak in [
            "",
            "seven77",
            "fifteen chars!!",
            "two words",
            "aaaaaaaaaaaaaaaaaaaa",
            "abab abab abab abab",
        ] {
            let r = reason(check_passphrase(weak));
            assert!(
                r.contains("at least 16 characters or at least 4 words")
                    || r.contains("different characters"),
                "{weak:?}: {r}"
            );
            assert!(
                weak.is_empty() || !r.contains(weak),
                "{r} echoes the passphrase"
            );
        }
        assert!(reason(check_passphrase("  padded short  ")).contains("characters: 12, words: 2"));
        for strong in [
            "sixteen chars ok",
            "correct horse battery staple",
            "ox elm fig yew",
            "Zq8#vL2!mW9@pR4$",
        ] {
            check_passphrase(strong).unwrap();
        }
    }
}
