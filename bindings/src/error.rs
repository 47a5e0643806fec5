//! The public error: a few variants a shell can act on, each with a reason a
//! person can read. Converted from the core's error in this one place.

use tandem_core::Error;

#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum TandemError {
    /// The input was refused; `reason` says which field and which rule.
    #[error("invalid input: {reason}")]
    InvalidInput { reason: String },
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
    /// The database could not be read or written, or holds damaged data.
    #[error("storage error: {reason}")]
    Storage { reason: String },
    /// `close()` was called; open the database again.
    #[error("closed: {reason}")]
    Closed { reason: String },
}

impl From<Error> for TandemError {
    fn from(e: Error) -> Self {
        let reason = e.reason();
        match e {
            // Ops from a partner arrive through sync (next layer); until then a
            // skewed clock can only come from input the caller handed us.
            Error::InvalidInput(_) | Error::ClockSkew { .. } => {
                TandemError::InvalidInput { reason }
            }
            Error::WrongKey => TandemError::WrongKey { reason },
            Error::NotATandemDatabase(_) => TandemError::NotATandemDatabase { reason },
            Error::SchemaTooNew { .. } => TandemError::DatabaseTooNew { reason },
            Error::Corrupt(_) | Error::Sqlite(_) | Error::Io(_) => TandemError::Storage { reason },
        }
    }
}
