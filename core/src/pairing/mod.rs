//! Pairing, protocol v1: two scans, no secret in either code.
//!
//! 1. A shows an offer: its ephemeral X25519 key, a random pairing id and an
//!    expiry at most two minutes away.
//! 2. B scans it, makes its own ephemeral key, derives the keys (keys.rs) and
//!    shows an answer: its key and, sealed under a confirmation key, its
//!    device id, name and a confirmation MAC.
//! 3. A scans the answer, checks it, and erases its ephemeral secret.
//!
//! Both screens then show the same six digits (the SAS) for the two people to
//! compare; nothing syncs until each confirms on their own device. A's first
//! payload carries A's key confirmation, and B marks the pair confirmed when it
//! arrives. Unpairing destroys the keys locally, silently.

pub mod codec;
pub mod keys;
pub mod qr;

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

use crate::clock::Millis;
use crate::device::{DeviceId, fill_random};
use crate::error::{Error, Result};
use crate::store::{Sealer, Slot};
use crate::sync::ratchet;
use codec::{Answer, AnswerPrivate, Offer};
use keys::{Key, PairKeys, contributory, new_secret};

/// How long an offer can be scanned.
pub const OFFER_LIFETIME_MS: i64 = 120_000;
/// How long after the offer's expiry A still takes the answer: B had the
/// whole lifetime to scan; A needs a moment for the second scan.
pub const ANSWER_GRACE_MS: i64 = 60_000;
/// How far past B's clock an offer's expiry may be (clock skew between phones
/// plus the lifetime); further means a forged or broken offer.
const MAX_EXPIRY_AHEAD_MS: i64 = OFFER_LIFETIME_MS + 10 * 60_000;

const ANSWER_MAC_LABEL: &str = "tandem/pair/v1/answer-confirm";
pub const OFFER_MAC_LABEL: &str = "tandem/pair/v1/offer-confirm";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferCode {
    pub text: String,
    pub expires_at_ms: Millis,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerCode {
    pub text: String,
    pub sas: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Offerer,
    Answerer,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PairingStatus {
    Unpaired,
    /// This device shows an offer that has not been answered yet.
    Offering {
        expires_at_ms: Millis,
    },
    /// Keys agreed; the person has not confirmed the six digits yet.
    AwaitingConfirmation {
        sas: String,
        partner_name: Option<String>,
    },
    Paired {
        partner_name: Option<String>,
        partner_device: Option<DeviceId>,
        /// For the answering device: the partner's key confirmation arrived.
        partner_confirmed: bool,
        /// Where the keys stand (sync/ratchet.rs): 1 right after pairing,
        /// one more each time either phone's keys move on.
        key_epoch: u32,
        /// When this phone's keys last moved on.
        keys_moved_at_ms: Millis,
    },
}

/// The pair as the sync engine needs it.
pub struct Pair {
    pub pair_id: [u8; 16],
    pub role: Role,
    pub partner_device: Option<DeviceId>,
    pub send_key: Zeroizing<Key>,
    pub recv_key: Zeroizing<Key>,
    /// Offerer: the key for its confirmation MAC; answerer: the key to check it.
    pub confirm_key: Zeroizing<Key>,
    pub transcript: [u8; 32],
    pub sas_confirmed: bool,
    pub key_confirmed: bool,
}

fn pair_slot(column: &str) -> Slot<'_> {
    Slot::new("pair", column, "1")
}

fn ensure_unpaired(conn: &Connection) -> Result<()> {
    let paired: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM pair)", [], |r| r.get(0))?;
    if paired {
        return Err(Error::AlreadyPaired);
    }
    Ok(())
}

fn random<const N: usize>() -> Result<[u8; N]> {
    let mut b = [0u8; N];
    fill_random(&mut b)?;
    Ok(b)
}

fn agree(secret: &StaticSecret, their_public: &[u8; 32]) -> Result<Zeroizing<[u8; 32]>> {
    contributory(secret, their_public).ok_or_else(|| {
        Error::Pairing("the code carries an invalid key; start pairing again".into())
    })
}

fn answer_cipher(key: &Key) -> Result<XChaCha20Poly1305> {
    XChaCha20Poly1305::new_from_slice(key)
        .map_err(|_| Error::Pairing("key derivation failed".into()))
}

/// A starts: a new offer replaces any earlier one still pending.
pub fn start_offer(tx: &Transaction<'_>, sealer: &Sealer, now: Millis) -> Result<OfferCode> {
    ensure_unpaired(tx)?;
    let secret = new_secret()?;
    let offer = Offer {
        pairing_id: random()?,
        expires_at_ms: now.saturating_add(OFFER_LIFETIME_MS),
        public_key: PublicKey::from(&secret).to_bytes(),
    };
    let sealed_secret = sealer.seal(
        Slot::new("pairing_offer", "secret", &hex::encode(offer.pairing_id)),
        secret.as_bytes(),
    )?;
    tx.execute("DELETE FROM pairing_offer", [])?;
    tx.execute(
        "INSERT INTO pairing_offer (pairing_id, secret, offer, expires_at_ms) VALUES (?1, ?2, ?3, ?4)",
        params![offer.pairing_id.as_slice(), sealed_secret, offer.to_bytes(), offer.expires_at_ms],
    )?;
    Ok(OfferCode {
        text: offer.to_text(),
        expires_at_ms: offer.expires_at_ms,
    })
}

fn mark_used(tx: &Transaction<'_>, pairing_id: &[u8; 16]) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO used_offers (pairing_id) VALUES (?1)",
        [pairing_id.as_slice()],
    )?;
    Ok(())
}

fn was_used(conn: &Connection, pairing_id: &[u8; 16]) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM used_offers WHERE pairing_id = ?1)",
        [pairing_id.as_slice()],
        |r| r.get(0),
    )?)
}

/// B scans A's offer: returns the answer to show and the six digits.
pub fn accept_offer(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    device: DeviceId,
    device_name: &str,
    now: Millis,
    text: &str,
) -> Result<AnswerCode> {
    ensure_unpaired(tx)?;
    let (offer, offer_bytes) = Offer::parse(text)?;
    if now > offer.expires_at_ms {
        return Err(Error::PairingExpired);
    }
    if offer.expires_at_ms.saturating_sub(now) > MAX_EXPIRY_AHEAD_MS {
        return Err(Error::Pairing(
            "the code claims to stay valid far too long; start pairing again".into(),
        ));
    }
    let own: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM pairing_offer WHERE pairing_id = ?1)",
        [offer.pairing_id.as_slice()],
        |r| r.get(0),
    )?;
    if own {
        return Err(Error::Pairing(
            "this is this phone's own code; scan the code on your partner's screen".into(),
        ));
    }
    if was_used(tx, &offer.pairing_id)? {
        return Err(Error::Pairing(
            "this code was already used; ask your partner to start pairing again".into(),
        ));
    }

    let secret = new_secret()?;
    let public_key = PublicKey::from(&secret).to_bytes();
    let shared = agree(&secret, &offer.public_key)?;
    let answer_public = Answer::public_bytes(&offer.pairing_id, &public_key);
    let transcript = keys::transcript(&offer_bytes, &answer_public);
    let keys = keys::derive(&shared, &transcript)?;

    let mac = keys::confirmation_mac(&keys.confirm_b, ANSWER_MAC_LABEL, &transcript, &device.0)?;
    let private = AnswerPrivate {
        device: device.0,
        name: device_name.to_owned(),
        mac: mac[..16]
            .try_into()
            .map_err(|_| Error::Pairing("mac".into()))?,
    };
    let sealed = answer_cipher(&keys.answer_seal)?
        .encrypt(
            &XNonce::from([0u8; 24]),
            Payload {
                msg: &private.to_bytes(),
                aad: &answer_public,
            },
        )
        .map_err(|_| Error::Pairing("sealing the answer failed".into()))?;
    let answer = Answer {
        pairing_id: offer.pairing_id,
        public_key,
        sealed,
    };

    store_pair(
        tx,
        sealer,
        offer.pairing_id,
        Role::Answerer,
        None,
        None,
        &keys,
        &transcript,
        now,
    )?;
    // The pairing keys become each side's first prekey (sync/ratchet.rs).
    ratchet::start(tx, sealer, &secret, &offer.public_key, now)?;
    drop(secret);
    mark_used(tx, &offer.pairing_id)?;
    Ok(AnswerCode {
        text: answer.to_text(),
        sas: keys::format_sas(keys.sas),
    })
}

struct PendingOffer {
    pairing_id: Vec<u8>,
    sealed_secret: Vec<u8>,
    offer_bytes: Vec<u8>,
    expires_at_ms: i64,
}

/// The `pair` row as stored (secrets still sealed).
struct PairRow {
    pair_id: Vec<u8>,
    role: String,
    partner_device: Option<Vec<u8>>,
    partner_name: Option<Vec<u8>>,
    secrets: Vec<u8>,
    sas: Vec<u8>,
    sas_confirmed: bool,
    key_confirmed: bool,
}

fn read_pair_row(conn: &Connection) -> Result<Option<PairRow>> {
    Ok(conn
        .query_row(
            "SELECT pair_id, role, partner_device, partner_name, secrets, sas,
                    sas_confirmed, key_confirmed FROM pair",
            [],
            |r| {
                Ok(PairRow {
                    pair_id: r.get(0)?,
                    role: r.get(1)?,
                    partner_device: r.get(2)?,
                    partner_name: r.get(3)?,
                    secrets: r.get(4)?,
                    sas: r.get(5)?,
                    sas_confirmed: r.get(6)?,
                    key_confirmed: r.get(7)?,
                })
            },
        )
        .optional()?)
}

/// A scans B's answer: returns the six digits.
pub fn complete(tx: &Transaction<'_>, sealer: &Sealer, now: Millis, text: &str) -> Result<String> {
    ensure_unpaired(tx)?;
    let answer = Answer::parse(text)?;
    let pending = tx
        .query_row(
            "SELECT pairing_id, secret, offer, expires_at_ms FROM pairing_offer",
            [],
            |r| {
                Ok(PendingOffer {
                    pairing_id: r.get(0)?,
                    sealed_secret: r.get(1)?,
                    offer_bytes: r.get(2)?,
                    expires_at_ms: r.get(3)?,
                })
            },
        )
        .optional()?;
    let Some(PendingOffer {
        pairing_id,
        sealed_secret,
        offer_bytes,
        expires_at_ms,
    }) = pending
    else {
        if was_used(tx, &answer.pairing_id)? {
            return Err(Error::Pairing(
                "this answer was already used; start pairing again".into(),
            ));
        }
        return Err(Error::Pairing(
            "no pairing is in progress on this phone; start pairing again".into(),
        ));
    };
    if pairing_id != answer.pairing_id {
        return Err(Error::Pairing(
            "this answer belongs to another pairing code; scan the answer to the code this phone shows".into(),
        ));
    }
    if now > expires_at_ms.saturating_add(ANSWER_GRACE_MS) {
        return Err(Error::PairingExpired);
    }
    let secret_bytes = Zeroizing::new(sealer.open(
        Slot::new("pairing_offer", "secret", &hex::encode(answer.pairing_id)),
        &sealed_secret,
    )?);
    let secret_arr: Zeroizing<[u8; 32]> = Zeroizing::new(
        secret_bytes
            .as_slice()
            .try_into()
            .map_err(|_| Error::Corrupt("a pairing secret has the wrong length".into()))?,
    );
    let secret = StaticSecret::from(*secret_arr);
    let shared = agree(&secret, &answer.public_key)?;

    let answer_public = Answer::public_bytes(&answer.pairing_id, &answer.public_key);
    let transcript = keys::transcript(&offer_bytes, &answer_public);
    let keys = keys::derive(&shared, &transcript)?;
    let private_bytes = answer_cipher(&keys.answer_seal)?
        .decrypt(
            &XNonce::from([0u8; 24]),
            Payload {
                msg: &answer.sealed,
                aad: &answer_public,
            },
        )
        .map_err(|_| {
            Error::Pairing(
                "the answer does not match this pairing code; start pairing again".into(),
            )
        })?;
    let private = AnswerPrivate::parse(&private_bytes)?;
    if !keys::verify_mac(
        &keys.confirm_b,
        ANSWER_MAC_LABEL,
        &transcript,
        &private.device,
        &private.mac,
    ) {
        return Err(Error::Pairing(
            "the answer's confirmation does not verify; start pairing again".into(),
        ));
    }
    let partner = DeviceId(private.device);
    let name = crate::validate::optional_text("partner name", &private.name, 64)
        .ok()
        .flatten();

    // The offer's secret lives on only as this phone's first prekey
    // (sync/ratchet.rs), deleted when the keys move on.
    tx.execute("DELETE FROM pairing_offer", [])?;
    store_pair(
        tx,
        sealer,
        answer.pairing_id,
        Role::Offerer,
        Some(partner),
        name.as_deref(),
        &keys,
        &transcript,
        now,
    )?;
    ratchet::start(tx, sealer, &secret, &answer.public_key, now)?;
    drop(secret);
    mark_used(tx, &answer.pairing_id)?;
    Ok(keys::format_sas(keys.sas))
}

#[allow(clippy::too_many_arguments)]
fn store_pair(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    pair_id: [u8; 16],
    role: Role,
    partner: Option<DeviceId>,
    partner_name: Option<&str>,
    keys: &PairKeys,
    transcript: &[u8; 32],
    now: Millis,
) -> Result<()> {
    let (send, recv, confirm) = match role {
        Role::Offerer => (&keys.a_to_b, &keys.b_to_a, &keys.confirm_a),
        Role::Answerer => (&keys.b_to_a, &keys.a_to_b, &keys.confirm_a),
    };
    let mut secrets = Zeroizing::new(Vec::with_capacity(32 * 3 + 32));
    secrets.extend_from_slice(send);
    secrets.extend_from_slice(recv);
    secrets.extend_from_slice(confirm);
    secrets.extend_from_slice(transcript);
    let sealed_secrets = sealer.seal(pair_slot("secrets"), &secrets)?;
    let sealed_sas = sealer.seal_str(pair_slot("sas"), &keys::format_sas(keys.sas))?;
    let sealed_name = match partner_name {
        Some(n) => Some(sealer.seal_str(pair_slot("partner_name"), n)?),
        None => None,
    };
    tx.execute(
        "INSERT INTO pair (id, pair_id, role, partner_device, partner_name, secrets, sas,
                           sas_confirmed, key_confirmed, epoch, send_seq, created_at_ms)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, 1, 0, ?8)",
        params![
            pair_id.as_slice(),
            match role {
                Role::Offerer => "offerer",
                Role::Answerer => "answerer",
            },
            partner.map(|d| d.0.to_vec()),
            sealed_name,
            sealed_secrets,
            sealed_sas,
            role == Role::Offerer,
            now
        ],
    )?;
    Ok(())
}

/// The person compared the six digits and they match.
pub fn confirm_sas(tx: &Transaction<'_>) -> Result<()> {
    let n = tx.execute("UPDATE pair SET sas_confirmed = 1", [])?;
    if n == 0 {
        return Err(Error::NotPaired("there is no pairing to confirm".into()));
    }
    Ok(())
}

/// The digits differ: someone may be in the middle. Destroys the keys.
pub fn reject_sas(tx: &Transaction<'_>) -> Result<()> {
    let n = tx.execute("DELETE FROM pair WHERE sas_confirmed = 0", [])?;
    if n == 0 {
        let paired: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM pair)", [], |r| r.get(0))?;
        return Err(if paired {
            Error::Pairing("the code was already confirmed; unpair instead".into())
        } else {
            Error::NotPaired("there is no pairing to reject".into())
        });
    }
    forget_partner_state(tx)
}

/// Withdraws an offer nobody answered yet (its secret is erased). Nothing to
/// withdraw is fine: the screen may have closed after the offer expired.
pub fn cancel_offer(tx: &Transaction<'_>) -> Result<()> {
    tx.execute("DELETE FROM pairing_offer", [])?;
    Ok(())
}

/// Destroys the pair's keys and sync state. The shared history stays.
pub fn unpair(tx: &Transaction<'_>) -> Result<()> {
    tx.execute("DELETE FROM pair", [])?;
    tx.execute("DELETE FROM pairing_offer", [])?;
    forget_partner_state(tx)
}

fn forget_partner_state(tx: &Transaction<'_>) -> Result<()> {
    tx.execute("DELETE FROM partner_ack", [])?;
    tx.execute("DELETE FROM received_payloads", [])?;
    ratchet::forget(tx)?;
    Ok(())
}

/// The code of the offer this phone shows, read back from the store (it
/// is public: showing it again, after a restart, is safe). `None` when
/// there is none, or when its stored bytes do not read as an offer.
pub fn pending_offer(conn: &Connection) -> Result<Option<OfferCode>> {
    let row: Option<(Vec<u8>, i64)> = conn
        .query_row("SELECT offer, expires_at_ms FROM pairing_offer", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    Ok(row.and_then(|(bytes, expires_at_ms)| {
        Offer::from_bytes(&bytes).ok().map(|offer| OfferCode {
            text: offer.to_text(),
            expires_at_ms,
        })
    }))
}

/// The six digits of the pair this phone holds, confirmed or not.
pub fn sas(conn: &Connection, sealer: &Sealer) -> Result<Option<String>> {
    read_pair_row(conn)?
        .map(|row| sealer.open_str(pair_slot("sas"), &row.sas))
        .transpose()
}

/// The partner's name as their phone gave it, once known (while the
/// digits are compared, and after).
pub fn partner_name(conn: &Connection, sealer: &Sealer, now: Millis) -> Result<Option<String>> {
    Ok(match status(conn, sealer, now)? {
        PairingStatus::Paired { partner_name, .. }
        | PairingStatus::AwaitingConfirmation { partner_name, .. } => partner_name,
        _ => None,
    })
}

pub fn status(conn: &Connection, sealer: &Sealer, now: Millis) -> Result<PairingStatus> {
    let Some(row) = read_pair_row(conn)? else {
        let offer: Option<i64> = conn
            .query_row("SELECT expires_at_ms FROM pairing_offer", [], |r| r.get(0))
            .optional()?;
        return Ok(match offer {
            Some(expires_at_ms) if now <= expires_at_ms.saturating_add(ANSWER_GRACE_MS) => {
                PairingStatus::Offering { expires_at_ms }
            }
            _ => PairingStatus::Unpaired,
        });
    };
    let partner_name = match &row.partner_name {
        Some(n) => Some(sealer.open_str(pair_slot("partner_name"), n)?),
        None => None,
    };
    if !row.sas_confirmed {
        return Ok(PairingStatus::AwaitingConfirmation {
            sas: sealer.open_str(pair_slot("sas"), &row.sas)?,
            partner_name,
        });
    }
    let keys = ratchet::state(conn)?;
    Ok(PairingStatus::Paired {
        partner_name,
        partner_device: row
            .partner_device
            .map(|d| DeviceId::from_slice(&d))
            .transpose()?,
        partner_confirmed: row.key_confirmed,
        key_epoch: keys.map_or(0, |k| k.epoch),
        keys_moved_at_ms: keys.map_or(0, |k| k.moved_at_ms),
    })
}

/// The current pair with its keys, if there is one.
pub fn load(conn: &Connection, sealer: &Sealer) -> Result<Option<Pair>> {
    let Some(row) = read_pair_row(conn)? else {
        return Ok(None);
    };
    let secrets = Zeroizing::new(sealer.open(pair_slot("secrets"), &row.secrets)?);
    if secrets.len() != 128 || row.pair_id.len() != 16 {
        return Err(Error::Corrupt("the pair's keys are damaged".into()));
    }
    let take = |i: usize| -> Zeroizing<Key> {
        let mut k = Zeroizing::new([0u8; 32]);
        k.copy_from_slice(&secrets[i * 32..(i + 1) * 32]);
        k
    };
    let mut transcript = [0u8; 32];
    transcript.copy_from_slice(&secrets[96..128]);
    let mut id = [0u8; 16];
    id.copy_from_slice(&row.pair_id);
    Ok(Some(Pair {
        pair_id: id,
        role: if row.role == "offerer" {
            Role::Offerer
        } else {
            Role::Answerer
        },
        partner_device: row
            .partner_device
            .map(|d| DeviceId::from_slice(&d))
            .transpose()?,
        send_key: take(0),
        recv_key: take(1),
        confirm_key: take(2),
        transcript,
        sas_confirmed: row.sas_confirmed,
        key_confirmed: row.key_confirmed,
    }))
}

/// The answerer learned who its partner is from a verified key confirmation.
pub fn record_partner_confirmation(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    partner: DeviceId,
    partner_name: Option<&str>,
) -> Result<()> {
    let sealed_name = match partner_name {
        Some(n) => Some(sealer.seal_str(pair_slot("partner_name"), n)?),
        None => None,
    };
    tx.execute(
        "UPDATE pair SET key_confirmed = 1, partner_device = ?1, partner_name = ?2",
        params![partner.0.as_slice(), sealed_name],
    )?;
    Ok(())
}

/// The next payload sequence number for this device's payloads.
pub fn next_send_seq(tx: &Transaction<'_>) -> Result<u64> {
    tx.execute("UPDATE pair SET send_seq = send_seq + 1", [])?;
    let seq: i64 = tx.query_row("SELECT send_seq FROM pair", [], |r| r.get(0))?;
    Ok(seq as u64)
}
