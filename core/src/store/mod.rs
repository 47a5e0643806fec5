//! The database: one connection (one writer), WAL, foreign keys on, schema
//! migrations, and the sealed key check that refuses a wrong storage key
//! before anything in the file is touched.

pub(crate) mod guard;
mod schema;
pub mod seal;

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior};

pub use schema::{APPLICATION_ID, CURRENT_VERSION};
pub use seal::{OP_TAG_LEN, STORAGE_KEY_LEN, Sealer, Slot};

use crate::device::DeviceId;
use crate::error::{Error, Result};
use crate::validate;

pub const DEVICE_NAME_MAX_CHARS: usize = 64;
/// How long a write waits for another process's write to finish.
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);
const KEY_CHECK_PLAINTEXT: &[u8] = b"tandem storage key check v1";

pub struct Store {
    conn: Connection,
    sealer: Sealer,
    device: DeviceId,
    path: std::path::PathBuf,
}

impl Store {
    /// Opens the database at `path`. A missing or empty file becomes a new
    /// database only when `new_device_name` is given; for an existing one the
    /// name is ignored (a shell passing a default name on every launch must
    /// not overwrite the name the person chose: rename with `set_device_name`). An existing file is
    /// checked (is it Tandem's? is its schema one we know? does the key open
    /// it?) with reads only, so a refused file is left exactly as it was.
    pub fn open(path: &Path, storage_key: &[u8], new_device_name: Option<&str>) -> Result<Self> {
        let sealer = Sealer::from_storage_key(storage_key)?;
        let exists = std::fs::metadata(path)
            .map(|m| m.len() > 0)
            .unwrap_or(false);
        let new_name = match (exists, new_device_name) {
            (true, _) => None,
            (false, Some(name)) => Some(validate::required_text(
                "device name",
                name,
                DEVICE_NAME_MAX_CHARS,
            )?),
            (false, None) => {
                return Err(Error::invalid(
                    "there is no Tandem database at this path yet; create one with a device name",
                ));
            }
        };

        let mut conn = Connection::open(path)?;
        // Before anything reads: another process (a CLI command, an app
        // extension) may hold the write lock; wait for it rather than fail.
        conn.busy_timeout(BUSY_TIMEOUT)?;
        if exists {
            let version = check_existing(&conn, &sealer)?;
            configure(&conn)?;
            if version < CURRENT_VERSION {
                let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                // Another process may have migrated while this one waited.
                let version: u32 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
                schema::migrate(&tx, version)?;
                // Migrations change guarded tables (people, pair): what
                // they leave is sealed as the new starting point.
                guard::reseal(&tx, &sealer)?;
                tx.commit()?;
            }
        } else {
            configure(&conn)?;
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            schema::migrate(&tx, 0)?;
            init_identity(&tx, &sealer, new_name.as_deref().unwrap_or_default())?;
            tx.commit()?;
        }

        let device = read_device(&conn)?;
        Ok(Self {
            conn,
            sealer,
            device,
            path: path.to_path_buf(),
        })
    }

    pub fn device(&self) -> DeviceId {
        self.device
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn sealer(&self) -> &Sealer {
        &self.sealer
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one transaction: committed if it returns Ok, rolled back
    /// otherwise, so a failed write changes nothing. The transaction starts
    /// IMMEDIATE: it takes the write lock before its first read, so a second
    /// process writing the same file waits (up to [`BUSY_TIMEOUT`]) instead
    /// of failing with "database is locked" when a deferred transaction
    /// tries to upgrade its read lock mid-way (which the busy handler cannot
    /// help: it would deadlock). The plain bookkeeping tables are verified
    /// against their seal first and sealed again before the commit.
    pub fn write<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>, &Sealer) -> Result<T>,
    ) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // The plain bookkeeping is as this store last left it, or nothing
        // acts on it (store/guard.rs); sealed again as `f` leaves it.
        guard::verify(&tx, &self.sealer)?;
        let out = f(&tx, &self.sealer)?;
        guard::reseal(&tx, &self.sealer)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs `f` in a transaction that is always rolled back: a check's
    /// scratch refold, which must leave the store as it was.
    pub fn scratch<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let out = f(&tx);
        tx.rollback()?;
        out
    }

    /// Runs `f` over one read snapshot: a single (deferred) transaction, so
    /// a screen's dozens of statements take the file's read lock once and
    /// see one state, instead of one lock each. Nothing is written.
    pub fn read<T>(&self, f: impl FnOnce(&Connection, &Sealer) -> Result<T>) -> Result<T> {
        let tx = self.conn.unchecked_transaction()?;
        let out = f(&tx, &self.sealer)?;
        tx.finish()?;
        Ok(out)
    }

    pub fn device_name(&self) -> Result<String> {
        let sealed: Vec<u8> = self.conn.query_row(
            "SELECT value FROM meta WHERE key = 'device_name'",
            [],
            |r| r.get(0),
        )?;
        self.sealer.open_str(name_slot(), &sealed)
    }

    pub fn set_device_name(&mut self, name: &str) -> Result<()> {
        let name = validate::required_text("device name", name, DEVICE_NAME_MAX_CHARS)?;
        self.write(|tx, sealer| {
            let sealed = sealer.seal_str(name_slot(), &name)?;
            tx.execute(
                "UPDATE meta SET value = ?1 WHERE key = 'device_name'",
                [sealed],
            )?;
            Ok(())
        })
    }

    /// Closes the connection, checkpointing the WAL into the main file.
    pub fn close(self) -> Result<()> {
        self.conn.close().map_err(|(_, e)| Error::Sqlite(e))
    }

    /// Closes the database and destroys its files: each is overwritten with
    /// zeros, synced, then removed. The storage key lives in the shell's
    /// keystore; the shell deletes it too.
    pub fn wipe(self) -> Result<()> {
        let path = self.path.clone();
        // Empty the WAL into the main file first, so one overwrite covers it.
        let _ = self.conn.pragma_update(None, "wal_checkpoint", "TRUNCATE");
        self.close()?;
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            let file = std::path::PathBuf::from(name);
            let Ok(meta) = std::fs::metadata(&file) else {
                continue;
            };
            {
                use std::io::Write;
                let mut f = std::fs::OpenOptions::new().write(true).open(&file)?;
                let zeros = vec![0u8; 64 * 1024];
                let mut left = meta.len();
                while left > 0 {
                    let n = left.min(zeros.len() as u64) as usize;
                    f.write_all(&zeros[..n])?;
                    left -= n as u64;
                }
                f.sync_all()?;
            }
            std::fs::remove_file(&file)?;
        }
        Ok(())
    }
}

fn name_slot() -> Slot<'static> {
    Slot::new("meta", "value", "device_name")
}

fn key_check_slot() -> Slot<'static> {
    Slot::new("meta", "value", "key_check")
}

fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // Deleted rows (an erased pairing secret, unpaired keys) are overwritten,
    // not left in free pages.
    conn.pragma_update(None, "secure_delete", true)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // A backlog's import writes a few MB in one transaction; with SQLite's
    // default 2 MB page cache it spilled dirty pages to the WAL mid-way and
    // wrote them again at the commit (5% of a 10,000-op import).
    conn.pragma_update(None, "cache_size", PAGE_CACHE_KIB)?;
    // One Today or plan prepares a few dozen distinct statements; with
    // rusqlite's default of 16 cached they would be parsed again each call.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    Ok(())
}

/// The page cache's bound, in KiB (SQLite's negative `cache_size`).
pub const PAGE_CACHE_KIB: i64 = -8192;

/// How many prepared statements a connection keeps.
const STATEMENT_CACHE: usize = 128;

/// A statement's `LIMIT`, written into its text (nothing for `None`: all
/// rows). Not a bound parameter: SQLite plans with a bound LIMIT's value,
/// so binding it again prepared the statement again on every call (8% of
/// the rituals screen). Callers pass a few fixed limits, each one cached
/// statement.
pub(crate) fn limit_clause(limit: Option<usize>) -> String {
    limit.map(|n| format!("LIMIT {n}")).unwrap_or_default()
}

/// Read-only checks on an existing file; returns its schema version.
fn check_existing(conn: &Connection, sealer: &Sealer) -> Result<u32> {
    let app_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => {
                Error::NotATandemDatabase("the file is not a database".into())
            }
            _ => Error::Sqlite(e),
        })?;
    if app_id != APPLICATION_ID {
        return Err(Error::NotATandemDatabase(
            "the file is a database of another application".into(),
        ));
    }
    let version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > CURRENT_VERSION {
        return Err(Error::SchemaTooNew {
            found: version,
            supported: CURRENT_VERSION,
        });
    }
    let check: Option<Vec<u8>> = conn
        .query_row("SELECT value FROM meta WHERE key = 'key_check'", [], |r| {
            r.get(0)
        })
        .optional()
        .map_err(|_| Error::NotATandemDatabase("the file has no Tandem key check".into()))?;
    let check = check
        .ok_or_else(|| Error::NotATandemDatabase("the file has no Tandem key check".into()))?;
    match sealer.open(key_check_slot(), &check) {
        Ok(plain) if plain == KEY_CHECK_PLAINTEXT => Ok(version),
        _ => Err(Error::WrongKey),
    }
}

fn init_identity(tx: &Transaction<'_>, sealer: &Sealer, name: &str) -> Result<()> {
    let device = DeviceId::random()?;
    let mut insert = tx.prepare("INSERT INTO meta (key, value) VALUES (?1, ?2)")?;
    insert.execute(rusqlite::params![
        "key_check",
        sealer.seal(key_check_slot(), KEY_CHECK_PLAINTEXT)?
    ])?;
    insert.execute(rusqlite::params!["device_id", device.0.to_vec()])?;
    insert.execute(rusqlite::params![
        "device_name",
        sealer.seal_str(name_slot(), name)?
    ])?;
    Ok(())
}

/// Takes on the identity of a restored export inside `tx`: its device id
/// (so this phone goes on writing the same log) and name. The caller
/// reloads the store's device after committing.
pub fn adopt_name(tx: &Transaction<'_>, sealer: &Sealer, name: &str) -> Result<()> {
    let name = validate::required_text("device name", name, DEVICE_NAME_MAX_CHARS)?;
    tx.execute(
        "UPDATE meta SET value = ?1 WHERE key = 'device_name'",
        [sealer.seal_str(name_slot(), &name)?],
    )?;
    Ok(())
}

pub(crate) fn read_device(conn: &Connection) -> Result<DeviceId> {
    // Cached statements here and below: every op recorded reads the clock
    // and the counter, and every screen the device.
    let bytes: Vec<u8> = conn
        .prepare_cached("SELECT value FROM meta WHERE key = 'device_id'")?
        .query_row([], |r| r.get(0))?;
    DeviceId::from_slice(&bytes)
}

/// Rows of `select` (a `SELECT … FROM table`): the one whose `id` is given,
/// or all of them in `order`. Two statements rather than one with
/// `?1 IS NULL OR id = ?1`, so a lookup by id uses the primary key.
pub fn rows_by_id<T>(
    conn: &Connection,
    select: &str,
    order: &str,
    id: Option<&str>,
    row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let rows = match id {
        Some(id) => conn
            .prepare_cached(&format!("{select} WHERE id = ?1"))?
            .query_map([id], row)?
            .collect::<rusqlite::Result<Vec<T>>>()?,
        None => conn
            .prepare_cached(&format!("{select} ORDER BY {order}"))?
            .query_map([], row)?
            .collect::<rusqlite::Result<Vec<T>>>()?,
    };
    Ok(rows)
}

/// Reads an integer from `meta`, or `default` when it was never set.
pub fn meta_i64(conn: &Connection, key: &str, default: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?
        .unwrap_or(default))
}

pub fn set_meta_i64(tx: &Transaction<'_>, key: &str, value: i64) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(rusqlite::params![key, value])?;
    Ok(())
}

#[cfg(test)]
mod tests;
