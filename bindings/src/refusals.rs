//! The words for a refusal, from the core's one catalog
//! (`screens::refusals`): shells map an error to its kind and show these.

use tandem_core::screens::refusals::{self, Doing, Refused};

/// A `TandemError` variant without its reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ErrorKind {
    InvalidInput,
    NotAllowedNow,
    NotFound,
    WrongPassphrase,
    WrongKey,
    NotATandemDatabase,
    DatabaseTooNew,
    PairingFailed,
    PairingOutdated,
    PairingExpired,
    AlreadyPaired,
    NotPaired,
    PayloadRejected,
    PayloadTooOld,
    ClockSkew,
    Storage,
    Damaged,
    Closed,
}

/// What the person was doing when it was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ErrorContext {
    Anything,
    Export,
    Restore,
    Ritual,
    Agreement,
    Pause,
    Boundary,
}

/// A stable `code` ("ritual.changed") and the text to show.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ErrorMessage {
    pub code: String,
    pub text: String,
}

/// What to tell a person about a refusal of `kind` while `context`. Never
/// the error's reason: that is for logs.
#[uniffi::export]
pub fn error_message(kind: ErrorKind, context: ErrorContext) -> ErrorMessage {
    let refused = match kind {
        ErrorKind::InvalidInput => Refused::InvalidInput,
        ErrorKind::NotAllowedNow => Refused::NotAllowedNow,
        ErrorKind::NotFound => Refused::NotFound,
        ErrorKind::WrongPassphrase => Refused::WrongPassphrase,
        ErrorKind::WrongKey => Refused::WrongKey,
        ErrorKind::NotATandemDatabase => Refused::NotATandemDatabase,
        ErrorKind::DatabaseTooNew => Refused::DatabaseTooNew,
        ErrorKind::PairingFailed => Refused::PairingFailed,
        ErrorKind::PairingOutdated => Refused::PairingOutdated,
        ErrorKind::PairingExpired => Refused::PairingExpired,
        ErrorKind::AlreadyPaired => Refused::AlreadyPaired,
        ErrorKind::NotPaired => Refused::NotPaired,
        ErrorKind::PayloadRejected => Refused::PayloadRejected,
        ErrorKind::PayloadTooOld => Refused::PayloadTooOld,
        ErrorKind::ClockSkew => Refused::ClockSkew,
        ErrorKind::Storage => Refused::Storage,
        ErrorKind::Damaged => Refused::Damaged,
        ErrorKind::Closed => Refused::Closed,
    };
    let doing = match context {
        ErrorContext::Anything => Doing::Anything,
        ErrorContext::Export => Doing::Export,
        ErrorContext::Restore => Doing::Restore,
        ErrorContext::Ritual => Doing::Ritual,
        ErrorContext::Agreement => Doing::Agreement,
        ErrorContext::Pause => Doing::Pause,
        ErrorContext::Boundary => Doing::Boundary,
    };
    let said = refusals::refusal(refused, doing);
    ErrorMessage {
        code: said.code.to_owned(),
        text: said.text.to_owned(),
    }
}
