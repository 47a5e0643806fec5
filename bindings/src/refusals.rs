//! The words for a refusal, from the core's one catalog
//! (`screens::refusals`): shells map an error to its kind and show these.

use tandem_core::catalog::Locale;
use tandem_core::screens::refusals::{self, AfterImport, Doing, Refused};

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

/// What a shell does with a received sync file after importing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum IncomingFile {
    /// The core holds it, or it can never open and nothing is lost: delete.
    Remove,
    /// It can never be used: move it out of the way, out of later syncs.
    SetAside,
    /// It may work later: leave it for the next sync.
    Keep,
}

/// For a received file: `refused` is the kind its import was refused
/// with, `None` when it was imported.
#[uniffi::export]
pub fn after_import(refused: Option<ErrorKind>) -> IncomingFile {
    match refusals::after_import(refused.map(core_kind)) {
        AfterImport::Remove => IncomingFile::Remove,
        AfterImport::SetAside => IncomingFile::SetAside,
        AfterImport::Keep => IncomingFile::Keep,
    }
}

/// What to tell a person about a refusal of `kind` while `context`, in
/// English. Never the error's reason: that is for logs.
#[uniffi::export]
pub fn error_message(kind: ErrorKind, context: ErrorContext) -> ErrorMessage {
    said(kind, context, Locale::En)
}

/// `error_message` in the language of `locale_tag` (BCP 47 or POSIX, as
/// `Tandem.setLocale` takes it). A tag that is empty or absurd reads as
/// English: words for a refusal are always there to show.
#[uniffi::export]
pub fn error_message_in(
    kind: ErrorKind,
    context: ErrorContext,
    locale_tag: String,
) -> ErrorMessage {
    said(
        kind,
        context,
        Locale::parse(&locale_tag).unwrap_or_default(),
    )
}

/// The words for a refused `action` (as `perform` refused it with an
/// error of `kind`) in `locale_tag`'s language: worded for what the action
/// is about, whichever screen its button was on.
#[uniffi::export]
pub fn action_refusal(
    action: crate::UserAction,
    kind: ErrorKind,
    locale_tag: String,
) -> ErrorMessage {
    let doing = tandem_core::action::Action::from(action).doing();
    worded(kind, doing, Locale::parse(&locale_tag).unwrap_or_default())
}

fn said(kind: ErrorKind, context: ErrorContext, locale: Locale) -> ErrorMessage {
    let doing = match context {
        ErrorContext::Anything => Doing::Anything,
        ErrorContext::Export => Doing::Export,
        ErrorContext::Restore => Doing::Restore,
        ErrorContext::Ritual => Doing::Ritual,
        ErrorContext::Agreement => Doing::Agreement,
        ErrorContext::Pause => Doing::Pause,
        ErrorContext::Boundary => Doing::Boundary,
    };
    worded(kind, doing, locale)
}

fn worded(kind: ErrorKind, doing: Doing, locale: Locale) -> ErrorMessage {
    let said = refusals::refusal_in(core_kind(kind), doing, locale);
    ErrorMessage {
        code: said.code.to_owned(),
        text: said.text,
    }
}

fn core_kind(kind: ErrorKind) -> Refused {
    match kind {
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
    }
}

/// A notice both phones show outside any one screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum NoticeKind {
    NotificationsOff,
    NotificationsNotAsked,
    ExactAlarmsOff,
    PlaintextExport,
    Wipe,
    FilesFailed,
    UnknownZone,
    PairingRejected,
    KeyMissing,
    StartOver,
    KeyStoreFailed,
    SyncFileBadName,
    SyncFileTooLarge,
    SyncFileNotSync,
    SyncFileUnreadable,
    /// Something the shell did not expect went wrong (no typed error).
    Unexpected,
}

impl From<tandem_core::screens::notices::Notice> for NoticeKind {
    fn from(n: tandem_core::screens::notices::Notice) -> Self {
        use tandem_core::screens::notices::Notice as N;
        match n {
            N::NotificationsOff => NoticeKind::NotificationsOff,
            N::NotificationsNotAsked => NoticeKind::NotificationsNotAsked,
            N::ExactAlarmsOff => NoticeKind::ExactAlarmsOff,
            N::PlaintextExport => NoticeKind::PlaintextExport,
            N::Wipe => NoticeKind::Wipe,
            N::FilesFailed => NoticeKind::FilesFailed,
            N::UnknownZone => NoticeKind::UnknownZone,
            N::PairingRejected => NoticeKind::PairingRejected,
            N::KeyMissing => NoticeKind::KeyMissing,
            N::StartOver => NoticeKind::StartOver,
            N::KeyStoreFailed => NoticeKind::KeyStoreFailed,
            N::SyncFileBadName => NoticeKind::SyncFileBadName,
            N::SyncFileTooLarge => NoticeKind::SyncFileTooLarge,
            N::SyncFileNotSync => NoticeKind::SyncFileNotSync,
            N::SyncFileUnreadable => NoticeKind::SyncFileUnreadable,
            N::Unexpected => NoticeKind::Unexpected,
        }
    }
}

/// The words of `notice` in the language of `locale_tag` (English for a
/// tag that is empty or absurd): the same sentence on both phones.
#[uniffi::export]
pub fn notice_text(notice: NoticeKind, locale_tag: String) -> String {
    use tandem_core::screens::notices::Notice as N;
    let n = match notice {
        NoticeKind::NotificationsOff => N::NotificationsOff,
        NoticeKind::NotificationsNotAsked => N::NotificationsNotAsked,
        NoticeKind::ExactAlarmsOff => N::ExactAlarmsOff,
        NoticeKind::PlaintextExport => N::PlaintextExport,
        NoticeKind::Wipe => N::Wipe,
        NoticeKind::FilesFailed => N::FilesFailed,
        NoticeKind::UnknownZone => N::UnknownZone,
        NoticeKind::PairingRejected => N::PairingRejected,
        NoticeKind::KeyMissing => N::KeyMissing,
        NoticeKind::StartOver => N::StartOver,
        NoticeKind::KeyStoreFailed => N::KeyStoreFailed,
        NoticeKind::SyncFileBadName => N::SyncFileBadName,
        NoticeKind::SyncFileTooLarge => N::SyncFileTooLarge,
        NoticeKind::SyncFileNotSync => N::SyncFileNotSync,
        NoticeKind::SyncFileUnreadable => N::SyncFileUnreadable,
        NoticeKind::Unexpected => N::Unexpected,
    };
    n.text(Locale::parse(&locale_tag).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UserAction;

    #[test]
    fn a_refused_action_is_worded_for_what_it_is_about_wherever_its_button_was() {
        let code = |action| action_refusal(action, ErrorKind::NotFound, "en".into()).code;
        let id = String::from("a1");
        let agreement = UserAction::AcceptAgreement {
            id: id.clone(),
            version: "v".into(),
        };
        assert_eq!(code(agreement), "agreement.gone");
        assert_eq!(
            code(UserAction::AcceptRitual { id: id.clone() }),
            "ritual.gone"
        );
        assert_eq!(code(UserAction::EndPause { id }), "pause.gone");
        let de = action_refusal(
            UserAction::LetGoAgreement { id: "a1".into() },
            ErrorKind::NotFound,
            "de".into(),
        );
        assert_eq!(de.code, "agreement.gone");
        assert_ne!(
            de.text,
            error_message_in(ErrorKind::NotFound, ErrorContext::Agreement, "en".into()).text
        );
    }
}
