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

pub mod mirror;

use argon2::{Algorithm, Argon2, Params};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use data_encoding::BASE64;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use zeroize::Zeroizing;

use crate::clock::Millis;
use crate::device::{self, DeviceId};
use crate::error::{Error, Result};
use crate::store::Sealer;
use crate::sync::Op;
use crate::{agreements, checkins, journal, reminders, rituals, schedule, sync};

pub const FORMAT: &str = "tandem-export";
pub const SEALED_FORMAT: &str = "tandem-export-sealed";
pub const VERSION: u32 = 1;
pub const PASSPHRASE_MIN_CHARS: usize = 8;
/// Argon2id: 64 MiB, 3 passes, one lane (OWASP's recommended minimum is
/// lower; a phone can afford this once per export).
const KDF_MEMORY_KIB: u32 = 64 * 1024;
const KDF_ITERATIONS: u32 = 3;
const KDF_PARALLELISM: u32 = 1;
const AAD: &[u8] = b"tandem-export-sealed/v1";
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
    all.sort_by(|a, b| a.id.cmp(&b.id));
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
    boundaries_out.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
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
            }
        },
    };
    serde_json::to_vec_pretty(&doc).map_err(|_| Error::Corrupt("the export does not encode".into()))
}

fn derive(
    passphrase: &str,
    salt: &[u8],
    memory: u32,
    iterations: u32,
    lanes: u32,
) -> Result<Zeroizing<[u8; 32]>> {
    let params = Params::new(memory, iterations, lanes, Some(32))
        .map_err(|_| Error::invalid("the export's key-derivation parameters are not usable"))?;
    let mut key = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, argon2::Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, key.as_mut())
        .map_err(|_| Error::invalid("the passphrase could not be stretched"))?;
    Ok(key)
}

fn check_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < PASSPHRASE_MIN_CHARS {
        return Err(Error::invalid(format!(
            "a passphrase has at least {PASSPHRASE_MIN_CHARS} characters"
        )));
    }
    Ok(())
}

/// Seals document bytes with a passphrase.
pub fn seal(document: &[u8], passphrase: &str) -> Result<Vec<u8>> {
    check_passphrase(passphrase)?;
    let mut salt = [0u8; 16];
    let mut nonce = [0u8; 24];
    device::fill_random(&mut salt)?;
    device::fill_random(&mut nonce)?;
    let key = derive(
        passphrase,
        &salt,
        KDF_MEMORY_KIB,
        KDF_ITERATIONS,
        KDF_PARALLELISM,
    )?;
    let cipher = XChaCha20Poly1305::new_from_slice(key.as_ref())
        .map_err(|_| Error::Corrupt("the export key has the wrong length".into()))?;
    let ciphertext = cipher
        .encrypt(
            &XNonce::from(nonce),
            Payload {
                msg: document,
                aad: AAD,
            },
        )
        .map_err(|_| Error::Corrupt("the export could not be sealed".into()))?;
    let sealed = Sealed {
        format: SEALED_FORMAT.into(),
        version: VERSION,
        kdf: Kdf {
            name: "argon2id".into(),
            memory_kib: KDF_MEMORY_KIB,
            iterations: KDF_ITERATIONS,
            parallelism: KDF_PARALLELISM,
            salt: BASE64.encode(&salt),
        },
        cipher: Cipher {
            name: "xchacha20poly1305".into(),
            nonce: BASE64.encode(&nonce),
            aad: String::from_utf8_lossy(AAD).into_owned(),
        },
        ciphertext: BASE64.encode(&ciphertext),
    };
    serde_json::to_vec_pretty(&sealed)
        .map_err(|_| Error::Corrupt("the export does not encode".into()))
}

fn damaged(what: &str) -> Error {
    Error::invalid(format!(
        "the export file is damaged or not a Tandem export: {what}"
    ))
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
    if head.version > VERSION {
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
            let s: Sealed = serde_json::from_slice(bytes).map_err(|_| damaged("its header"))?;
            if s.kdf.name != "argon2id" || s.cipher.name != "xchacha20poly1305" {
                return Err(damaged("an unknown key derivation or cipher"));
            }
            // Bounds so a crafted file cannot make the phone spend minutes
            // or gigabytes before failing.
            if s.kdf.memory_kib > 1024 * 1024 || s.kdf.iterations > 16 || s.kdf.parallelism > 8 {
                return Err(damaged("key-derivation costs out of range"));
            }
            let salt = BASE64
                .decode(s.kdf.salt.as_bytes())
                .map_err(|_| damaged("its salt"))?;
            let nonce = BASE64
                .decode(s.cipher.nonce.as_bytes())
                .map_err(|_| damaged("its nonce"))?;
            if nonce.len() != 24 || salt.len() < 8 {
                return Err(damaged("its salt or nonce"));
            }
            let ciphertext = BASE64
                .decode(s.ciphertext.as_bytes())
                .map_err(|_| damaged("its ciphertext"))?;
            let key = derive(
                passphrase,
                &salt,
                s.kdf.memory_kib,
                s.kdf.iterations,
                s.kdf.parallelism,
            )?;
            let cipher = XChaCha20Poly1305::new_from_slice(key.as_ref())
                .map_err(|_| Error::Corrupt("the export key has the wrong length".into()))?;
            let nonce: [u8; 24] = nonce
                .as_slice()
                .try_into()
                .map_err(|_| damaged("its nonce"))?;
            Zeroizing::new(
                cipher
                    .decrypt(
                        &XNonce::from(nonce),
                        Payload {
                            msg: &ciphertext,
                            aad: AAD,
                        },
                    )
                    .map_err(|_| Error::WrongPassphrase)?,
            )
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
