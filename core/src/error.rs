//! The core's one error type. Messages name the problem and never carry keys or
//! user text: they may end up in logs.

use thiserror::Error;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, Error)]
pub enum Error {
    /// Input from the user or a shell that the core will not accept.
    #[error("invalid input: {0}")]
    InvalidInput(String),

    /// Well-formed, but not possible in the current state: accepting one's
    /// own proposal, pausing a ritual that is not active, answering a
    /// personal ritual. Often because something changed on the other phone.
    #[error("not allowed now: {0}")]
    NotAllowed(String),

    /// The id names nothing on this device (or something already gone).
    #[error("not found: {0}")]
    NotFound(String),

    /// The passphrase does not open a sealed export.
    #[error("the passphrase does not open this export (or the file was altered)")]
    WrongPassphrase,

    /// The storage key does not open this database.
    #[error("the storage key does not open this database")]
    WrongKey,

    /// The file exists but is not a Tandem database.
    #[error("not a Tandem database: {0}")]
    NotATandemDatabase(String),

    /// Written by a newer version of Tandem; opening it could lose data.
    #[error(
        "the database has schema version {found}, newer than this build supports ({supported}); update the app"
    )]
    SchemaTooNew { found: u32, supported: u32 },

    /// Stored data that fails its own checks (a sealed value that does not
    /// open, an op that does not decode).
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),

    /// A partner's clock runs further ahead than the hybrid logical clock allows.
    #[error(
        "the partner's clock is {} minutes ahead of this phone's (at most {} allowed); one of the two clocks is wrong",
        ahead_ms / 60_000,
        max_ms / 60_000
    )]
    ClockSkew { ahead_ms: i64, max_ms: i64 },

    /// A pairing code that cannot be used: wrong kind, damaged, reused, for
    /// another offer, or a pairing the person rejected.
    #[error("pairing failed: {0}")]
    Pairing(String),

    /// A pairing code from an older protocol (v1's six digits can be ground).
    #[error(
        "the other phone runs an older Tandem (pairing version {theirs}, this one needs {ours}); update the app on both phones, then start again"
    )]
    PairingOutdated { theirs: u8, ours: u8 },

    #[error("the pairing code expired; start pairing again")]
    PairingExpired,

    #[error("this phone is already paired; unpair first to pair again")]
    AlreadyPaired,

    #[error("not paired: {0}")]
    NotPaired(String),

    /// A sync payload that was refused; nothing was changed.
    #[error("payload rejected: {0}")]
    PayloadRejected(String),

    /// A payload written in an envelope version this build does not read:
    /// from a newer Tandem (update this app) or an older one (update the
    /// partner's). Nothing was changed.
    #[error(
        "the payload is from {} Tandem (payload version {found}; this one reads {oldest} to {newest}); {}",
        if *found > *newest { "a newer" } else { "an older" },
        if *found > *newest {
            "update the app to read it"
        } else {
            "update the app on both phones and pair again"
        }
    )]
    PayloadVersion { found: u8, oldest: u8, newest: u8 },

    /// A payload sealed with keys this phone has deleted since (the keys
    /// moved on); its changes come again in a newer payload.
    #[error("payload too old: {0}")]
    PayloadTooOld(String),

    /// A file (an export, a payload, a calendar file, a key) could not be
    /// written; the file that was there before is unchanged. `reason` names
    /// the kind of failure, never the path.
    #[error("the file was not written ({reason}); the previous file is unchanged")]
    FileNotWritten { disk_full: bool, reason: String },

    #[error("storage error: {0}")]
    Sqlite(#[from] rusqlite::Error),

    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
}

impl Error {
    pub fn invalid(reason: impl Into<String>) -> Self {
        Error::InvalidInput(reason.into())
    }

    pub fn not_allowed(reason: impl Into<String>) -> Self {
        Error::NotAllowed(reason.into())
    }

    pub fn not_found(reason: impl Into<String>) -> Self {
        Error::NotFound(reason.into())
    }

    /// The message without the variant's prefix, for wrappers (like the FFI
    /// error) that name the kind themselves.
    pub fn reason(&self) -> String {
        match self {
            Error::InvalidInput(r)
            | Error::NotAllowed(r)
            | Error::NotFound(r)
            | Error::NotATandemDatabase(r)
            | Error::Corrupt(r)
            | Error::Pairing(r)
            | Error::NotPaired(r)
            | Error::PayloadRejected(r)
            | Error::PayloadTooOld(r) => r.clone(),
            Error::Sqlite(e) => e.to_string(),
            Error::Io(e) => e.to_string(),
            other => other.to_string(),
        }
    }
}
