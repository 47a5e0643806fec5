//! Keys that move on (docs/PROTOCOL.md, "The ratchet").
//!
//! Each phone keeps a short list of its own X25519 *prekeys*, numbered from 1,
//! and knows the partner's newest prekey (public only). Every payload is
//! sealed under a key of its own: the sender draws a fresh ephemeral key,
//! agrees with the partner's newest prekey, and mixes that secret with the
//! pairing's direction key. The ephemeral secret is gone once the payload is
//! sealed, so a sender can never read its own payloads again.
//!
//! The receiver moves on when the partner starts using its newest prekey: it
//! makes the next one (sent in every payload from then on) and deletes every
//! prekey older than the one before the partner's newest (with SQLite's
//! `secure_delete` on, the bytes are overwritten). One step of slack lets a
//! payload delivered late or out of order across one rotation still open;
//! anything older is `PayloadTooOld`.
//!
//! - *Forward secrecy*: a phone stolen today holds only the prekeys of the
//!   last rotation; payloads sealed to older ones cannot be opened with
//!   anything on either phone.
//! - *Recovery*: a thief who copied the database reads what is sealed to the
//!   prekeys he copied, until the phone makes a prekey he never saw and the
//!   partner uses it; the pairing keys alone open nothing.
//!
//! The pairing's own X25519 keys are prekey 1 on each side (each phone knows
//! the other's public key from the codes it scanned), so even the first
//! payload is sealed this way.

use hkdf::Hkdf;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use sha2::Sha256;
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

use crate::clock::Millis;
use crate::error::{Error, Result};
use crate::pairing::keys::{contributory as agree, new_secret};
use crate::store::{Sealer, Slot};

pub type Key = [u8; 32];

const MINE: i64 = 0;
const PARTNER: i64 = 1;

/// A prekey as a payload announces it: its number and public key.
pub type Announced = (u32, [u8; 32]);

/// What sealing one payload needs: the prekey used, the ephemeral public
/// key for the header, and the payload's own key.
pub struct SealingKey {
    pub prekey: u32,
    pub ephemeral: [u8; 32],
    pub key: Zeroizing<Key>,
}

/// Where the keys stand, for `pair status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeysState {
    /// How many prekeys the two phones have made between them, minus one:
    /// 1 right after pairing, and one more each time a phone moves on.
    pub epoch: u32,
    /// When this phone last made a prekey or learned the partner's newest.
    pub moved_at_ms: Millis,
}

fn slot(index: u32) -> String {
    format!("prekey-{index}")
}

fn rejected(reason: &str) -> Error {
    Error::PayloadRejected(reason.into())
}

/// The payload key: HKDF-SHA256 over the agreement, salted with the
/// pairing's direction key (so only the pair can derive it), bound to the
/// prekey and the ephemeral key it came from.
fn payload_key(
    direction: &Key,
    shared: &Key,
    prekey: u32,
    prekey_public: &[u8; 32],
    ephemeral: &[u8; 32],
) -> Result<Zeroizing<Key>> {
    let mut info = Vec::with_capacity(17 + 4 + 64);
    info.extend_from_slice(b"tandem/payload/v2");
    info.extend_from_slice(&prekey.to_be_bytes());
    info.extend_from_slice(prekey_public);
    info.extend_from_slice(ephemeral);
    let mut out = Zeroizing::new([0u8; 32]);
    Hkdf::<Sha256>::new(Some(direction), shared)
        .expand(&info, out.as_mut())
        .map_err(|_| rejected("key derivation failed"))?;
    Ok(out)
}

/// Records the pairing's keys as prekey 1 on each side.
pub fn start(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    mine: &StaticSecret,
    partner_public: &[u8; 32],
    now: Millis,
) -> Result<()> {
    forget(tx)?;
    insert_mine(tx, sealer, 1, mine, now)?;
    tx.execute(
        "INSERT INTO prekeys (owner, idx, public, secret, created_at_ms) VALUES (?1, 1, ?2, NULL, ?3)",
        params![PARTNER, partner_public.as_slice(), now],
    )?;
    tx.execute(
        "INSERT OR REPLACE INTO ratchet (id, partner_used) VALUES (1, 0)",
        [],
    )?;
    Ok(())
}

/// Deletes every prekey (unpair, a rejected code, a new pairing).
pub fn forget(tx: &Transaction<'_>) -> Result<()> {
    tx.execute("DELETE FROM prekeys", [])?;
    tx.execute("DELETE FROM ratchet", [])?;
    Ok(())
}

fn insert_mine(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    index: u32,
    secret: &StaticSecret,
    now: Millis,
) -> Result<()> {
    let public = PublicKey::from(secret).to_bytes();
    let sealed = sealer.seal(
        Slot::new("prekeys", "secret", &slot(index)),
        secret.as_bytes(),
    )?;
    tx.execute(
        "INSERT INTO prekeys (owner, idx, public, secret, created_at_ms) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![MINE, index, public.as_slice(), sealed, now],
    )?;
    Ok(())
}

fn public_of(bytes: Vec<u8>) -> Result<[u8; 32]> {
    bytes
        .try_into()
        .map_err(|_| Error::Corrupt("a stored key has the wrong length".into()))
}

fn newest(conn: &Connection, owner: i64) -> Result<Option<Announced>> {
    conn.prepare_cached(
        "SELECT idx, public FROM prekeys WHERE owner = ?1 ORDER BY idx DESC LIMIT 1",
    )?
    .query_row([owner], |r| {
        Ok((r.get::<_, u32>(0)?, r.get::<_, Vec<u8>>(1)?))
    })
    .optional()?
    .map(|(i, p)| Ok((i, public_of(p)?)))
    .transpose()
}

/// This phone's newest prekey, announced in every payload it sends.
pub fn announce(conn: &Connection) -> Result<Option<Announced>> {
    newest(conn, MINE)
}

/// A fresh key for one payload to the partner.
pub fn sealing_key(conn: &Connection, direction: &Key) -> Result<SealingKey> {
    let (prekey, public) = newest(conn, PARTNER)?.ok_or_else(|| {
        Error::Corrupt("the partner's key for this pairing is missing; pair again".into())
    })?;
    let ephemeral = new_secret()?;
    let ephemeral_public = PublicKey::from(&ephemeral).to_bytes();
    // Stored keys were checked when they arrived; a low-order one here means
    // the database was altered.
    let shared = agree(&ephemeral, &public)
        .ok_or_else(|| Error::Corrupt("the partner's stored key is invalid; pair again".into()))?;
    let key = payload_key(direction, &shared, prekey, &public, &ephemeral_public)?;
    Ok(SealingKey {
        prekey,
        ephemeral: ephemeral_public,
        key,
    })
}

/// The key of a payload the partner sealed to this phone's prekey `prekey`.
pub fn opening_key(
    conn: &Connection,
    sealer: &Sealer,
    direction: &Key,
    prekey: u32,
    ephemeral: &[u8; 32],
) -> Result<Zeroizing<Key>> {
    let row = conn
        .prepare_cached("SELECT public, secret FROM prekeys WHERE owner = ?1 AND idx = ?2")?
        .query_row(params![MINE, prekey], |r| {
            Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Option<Vec<u8>>>(1)?))
        })
        .optional()?;
    let Some((public, Some(sealed))) = row else {
        let newest = newest(conn, MINE)?.map_or(0, |(i, _)| i);
        // Prekeys count from 1: 0 was never anyone's.
        return Err(if prekey > 0 && prekey < newest {
            Error::PayloadTooOld(
                "this payload was sealed with keys this phone has since deleted (keys move on \
                 after every exchange); its changes come again in your partner's next payload"
                    .into(),
            )
        } else {
            rejected("the payload was sealed with keys this phone does not have")
        });
    };
    let public = public_of(public)?;
    let bytes =
        Zeroizing::new(sealer.open(Slot::new("prekeys", "secret", &slot(prekey)), &sealed)?);
    let secret_bytes: Zeroizing<Key> = Zeroizing::new(
        bytes
            .as_slice()
            .try_into()
            .map_err(|_| Error::Corrupt("a stored key has the wrong length".into()))?,
    );
    let secret = StaticSecret::from(*secret_bytes);
    let shared = agree(&secret, ephemeral)
        .ok_or_else(|| rejected("the payload does not authenticate: it carries an invalid key"))?;
    payload_key(direction, &shared, prekey, &public, ephemeral)
}

/// Checks a prekey the partner announced before anything is applied: a
/// low-order key would make every later payload guessable.
pub fn check_announced(announced: &Announced) -> Result<()> {
    let probe = new_secret()?;
    if announced.0 == 0 || agree(&probe, &announced.1).is_none() {
        return Err(rejected("the payload announces an invalid key"));
    }
    Ok(())
}

/// After a payload sealed to prekey `used` opened and applied: remember the
/// partner's newest prekey, make this phone's next one if the partner just
/// started using the newest, and delete what the partner can no longer
/// need (everything before the one before its newest use).
pub fn moved_on(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    now: Millis,
    used: u32,
    announced: Option<&Announced>,
) -> Result<()> {
    if let Some((index, public)) = announced {
        let known = newest(tx, PARTNER)?.map_or(0, |(i, _)| i);
        if *index > known {
            tx.execute(
                "INSERT INTO prekeys (owner, idx, public, secret, created_at_ms) VALUES (?1, ?2, ?3, NULL, ?4)",
                params![PARTNER, index, public.as_slice(), now],
            )?;
            tx.execute(
                "DELETE FROM prekeys WHERE owner = ?1 AND idx < ?2",
                params![PARTNER, index],
            )?;
        }
    }
    let partner_used: u32 = tx
        .query_row("SELECT partner_used FROM ratchet WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()?
        .unwrap_or(0);
    if used <= partner_used {
        return Ok(());
    }
    tx.execute(
        "INSERT OR REPLACE INTO ratchet (id, partner_used) VALUES (1, ?1)",
        [used],
    )?;
    let mine = newest(tx, MINE)?.map_or(0, |(i, _)| i);
    if used >= mine {
        let next = mine
            .checked_add(1)
            .ok_or_else(|| Error::Corrupt("the key counter ran out; pair again".into()))?;
        insert_mine(tx, sealer, next, &new_secret()?, now)?;
    }
    tx.execute(
        "DELETE FROM prekeys WHERE owner = ?1 AND idx < ?2",
        params![MINE, used.saturating_sub(1)],
    )?;
    Ok(())
}

/// The epoch and when keys last moved, or `None` before pairing.
pub fn state(conn: &Connection) -> Result<Option<KeysState>> {
    let (mine, partner) = (newest(conn, MINE)?, newest(conn, PARTNER)?);
    let (Some((m, _)), Some((p, _))) = (mine, partner) else {
        return Ok(None);
    };
    let moved_at_ms: Millis =
        conn.query_row("SELECT MAX(created_at_ms) FROM prekeys", [], |r| r.get(0))?;
    Ok(Some(KeysState {
        epoch: m.saturating_add(p).saturating_sub(1),
        moved_at_ms,
    }))
}
