//! The public error: a few variants a shell can act on, each with a reason a
//! person can read. Converted from the core's error in this one place.

use tandem_core::Error;

#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum TandemError {
    /// The input was refused; `reason` says which field and which rule.
    #[error("invalid input: {reason}")]
    InvalidInput { reason: String },
    /// Well-formed but not possible now (accepting one's own proposal,
    /// pausing what is not active); often the other phone changed it first.
    /// Refresh and show the current state.
    #[error("not allowed now: {reason}")]
    NotAllowedNow { reason: String },
    /// The id names nothing on this device; refresh the list.
    #[error("not found: {reason}")]
    NotFound { reason: String },
    /// The passphrase does not open this export; nothing was imported.
    #[error("wrong passphrase: {reason}")]
    WrongPassphrase { reason: String },
    /// The storage key does not open this database (a different keystore
    /// entry, or a reinstall that lost the key).
    #[error("wrong storage key: {reason}")]
    WrongKey { reason: String },
    /// The file is not a Tandem database; it was left untouched.
    #[error("not a Tandem database: {reason}")]
    NotATandemDatabase { reason: String },
    /// Written by a newer Tandem; update the app. The file was left untouched.
    #[error("database too new: {reason}")]
    DatabaseTooNew { reason: String },
    /// A pairing code cannot be used (wrong kind, damaged, reused, for another
    /// offer, from a newer version) or the digits were rejected: start again.
    #[error("pairing failed: {reason}")]
    PairingFailed { reason: String },
    /// The other phone's pairing code is from an older Tandem (protocol v1):
    /// update the app on both phones, then start again.
    #[error("pairing outdated: {reason}")]
    PairingOutdated { reason: String },
    /// The pairing code expired: start pairing again.
    #[error("pairing expired: {reason}")]
    PairingExpired { reason: String },
    /// Already paired: unpair first to pair with someone else.
    #[error("already paired: {reason}")]
    AlreadyPaired { reason: String },
    /// Not paired (or the check code are not confirmed yet).
    #[error("not paired: {reason}")]
    NotPaired { reason: String },
    /// The partner's clock runs too far ahead of this phone's: one of the two
    /// should check its time; nothing changed.
    #[error("clock skew: {reason}")]
    ClockSkew { reason: String },
    /// A sync payload was refused and nothing changed; `reason` says why.
    #[error("payload rejected: {reason}")]
    PayloadRejected { reason: String },
    /// A payload sealed with keys this phone has deleted since (keys move on
    /// after every exchange): nothing changed, and its changes come again in
    /// the partner's next payload. Nothing to do but sync again.
    #[error("payload too old: {reason}")]
    PayloadTooOld { reason: String },
    /// The database could not be read or written.
    #[error("storage error: {reason}")]
    Storage { reason: String },
    /// The database holds damaged data (a value that does not open, a
    /// change that does not decode): `check_store` says what; restoring
    /// from a backup, or from the partner's phone, brings it back.
    #[error("damaged data: {reason}")]
    Damaged { reason: String },
    /// `close()` was called; open the database again.
    #[error("closed: {reason}")]
    Closed { reason: String },
}

impl From<Error> for TandemError {
    fn from(e: Error) -> Self {
        let reason = e.reason();
        match e {
            Error::InvalidInput(_) => TandemError::InvalidInput { reason },
            Error::NotAllowed(_) => TandemError::NotAllowedNow { reason },
            Error::NotFound(_) => TandemError::NotFound { reason },
            Error::Pairing(_) => TandemError::PairingFailed { reason },
            Error::PairingExpired => TandemError::PairingExpired { reason },
            Error::PairingOutdated { .. } => TandemError::PairingOutdated { reason },
            Error::AlreadyPaired => TandemError::AlreadyPaired { reason },
            Error::NotPaired(_) => TandemError::NotPaired { reason },
            Error::ClockSkew { .. } => TandemError::ClockSkew { reason },
            // The shells already say "update the app" for a rejected
            // payload whose reason says so; no variant of its own needed.
            Error::PayloadRejected(_) | Error::PayloadVersion { .. } => {
                TandemError::PayloadRejected { reason }
            }
            Error::PayloadTooOld(_) => TandemError::PayloadTooOld { reason },
            Error::WrongKey => TandemError::WrongKey { reason },
            Error::WrongPassphrase => TandemError::WrongPassphrase { reason },
            Error::NotATandemDatabase(_) => TandemError::NotATandemDatabase { reason },
            Error::SchemaTooNew { .. } => TandemError::DatabaseTooNew { reason },
            // Its reason says whether the disk was full and that the
            // previous file is unchanged; the shells' Storage message
            // already asks for free space.
            Error::Corrupt(_) => TandemError::Damaged { reason },
            Error::Sqlite(_) | Error::Io(_) | Error::FileNotWritten { .. } => {
                TandemError::Storage { reason }
            }
        }
    }
}
