//! tandem-ffi: the uniffi facade. One object, `Tandem`, whose methods are
//! one-liners onto `tandem_core::Core`; errors become `TandemError` in one
//! place (error.rs). Every method takes the lock, calls the core and returns:
//! no foreign code is ever called while the lock is held.

mod actions;
mod agreements;
mod agreements_screen;
mod arming;
mod boundaries_screen;
mod check;
mod checkin_screen;
mod error;
mod forms;
mod inbox;
mod labels;
mod notebook;
mod pairing_screen;
mod refusals;
mod ritual_form;
mod ritual_screen;
mod safety;
mod settings_screen;
mod sync_screen;
mod today;
mod types;
mod visibility_screen;

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use tandem_core::{Clock, Core, SystemClock};

pub use actions::{ActionOutcome, PhoneNow, UserAction};
pub use agreements::{
    Agreement, AgreementDraft, AgreementHistory, AgreementReview, AgreementStatus,
    AgreementVersion, Boundary, HistoryEntry, HistoryKind, Pause, PauseActionKind, PauseButton,
    PauseProtocol, PauseRowModel, PauseScreenModel, PauseState,
};
pub use agreements_screen::{
    AgreementActionKind, AgreementButton, AgreementFormCheck, AgreementFormInput,
    AgreementHistoryLine, AgreementOptionModel, AgreementRowModel, AgreementsScreenModel,
};
pub use arming::{
    Alarm, NotificationPermission, ReminderAccess, ReminderArming, ReminderChannel, ReminderNotice,
    ReplanTrigger, reminder_notices,
};
pub use boundaries_screen::{
    BoundariesScreenModel, BoundaryActionKind, BoundaryButton, BoundaryRowModel,
};
pub use check::{CheckFinding, CheckKind, StoreCheck};
pub use checkin_screen::{
    CapacityChoice, CheckInFormCheck, CheckInRowModel, CheckInScreenModel, NeedChoice,
    TemperatureChoice,
};
pub use error::TandemError;
pub use forms::{
    AgreementFormResult, AgreementPurpose, AgreementSubmit, BoundaryFormCheck, BoundaryFormInput,
    BoundaryFormResult, BoundaryPurpose, BoundarySubmit, CheckInFormInput, CheckInFormResult,
    FormModel, FormRequest, RitualFormResult, RitualPurpose, RitualSubmit, toggle_weekday,
};
pub use inbox::{
    InboxCheck, check_sync_file, set_aside_suffix, sync_file_max_bytes, sync_file_names,
};
pub use labels::{Labels, labels};
pub use notebook::{
    AuditEntry, Capacity, EntryKind, Happened, Insights, LabelCount, LogEntry, Milestone, Need,
    PatternDraft, PatternEntry, Phrase, RepairAct, Situation, VisibleItem, WeeklySeries,
    i_statement, suggested_tags, temperature_words,
};
pub use pairing_screen::{
    PairingActionKind, PairingButton, PairingNotice, PairingScreenModel, PairingStage, PairingStep,
};
pub use ritual_form::{RitualFormCheck, RitualFormInput};
pub use ritual_screen::{RitualDayModel, RitualScreenHeadings, RitualScreenModel};
pub use safety::{AppLock, GuardedAction};
pub use settings_screen::{
    CleanExitDone, CleanExitOffer, CleanExitSection, CleanExitStep, LockChoice, LockWords,
    SettingsScreenModel, guard_reason, lock_words,
};
pub use sync_screen::{RefusedFile, SyncLast, SyncReceived, SyncScreenModel};
/// The core's zone type, for Rust shells (the CLI) that print local times;
/// not part of the uniffi interface.
pub use tandem_core::Zone;
pub use today::{
    OccurrenceRowModel, TodayActionKind, TodayButton, TodayHeadings, TodayItemKind, TodayItemModel,
    TodayScreenModel,
};
pub use types::{
    Choice, DeviceInfo, FieldChange, FieldText, ImportReport, News, NewsAbout, Occurrence,
    OccurrenceStatus, Offers, PairingAnswer, PairingOffer, PairingStatus, PendingChange, QrCode,
    QuietHours, QuietPolicy, Recurrence, Reminder, ReminderKind, ReminderSettings, Repeat,
    ReviewOutcome, Rhythm, Ritual, RitualActionKind, RitualButton, RitualDraft, RitualRowModel,
    RitualStatus, RitualsScreenModel, Said, Weekday, ZoneMode,
};
pub use visibility_screen::{
    AuditChange, AuditLineModel, VisibilityScreenModel, VisibleGroupModel, VisibleKind,
    VisibleRowModel,
};

uniffi::setup_scaffolding!();

type Result<T> = std::result::Result<T, TandemError>;

/// A clock that only moves when told to, for tests and demos. Production
/// shells use `Tandem.open`, which reads the system clock.
#[derive(uniffi::Object)]
pub struct ManualClock {
    inner: tandem_core::ManualClock,
}

#[uniffi::export]
impl ManualClock {
    #[uniffi::constructor]
    pub fn new(now_ms: i64) -> Arc<Self> {
        Arc::new(Self {
            inner: tandem_core::ManualClock::new(now_ms),
        })
    }

    pub fn now_ms(&self) -> i64 {
        self.inner.now_ms()
    }

    pub fn set(&self, now_ms: i64) {
        self.inner.set(now_ms)
    }

    pub fn advance(&self, by_ms: i64) {
        self.inner.advance(by_ms)
    }
}

/// One device's Tandem. Send + Sync: calls from several threads take turns on
/// one connection. Call `close()` when done; finalizers are not relied on.
#[derive(uniffi::Object)]
pub struct Tandem {
    core: Mutex<Option<Core>>,
}

impl std::fmt::Debug for Tandem {
    // Says only whether it is open: never keys, paths or user text.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let open = self.lock().map(|g| g.is_some()).unwrap_or(false);
        f.debug_struct("Tandem").field("open", &open).finish()
    }
}

impl Tandem {
    fn open_inner(
        path: String,
        storage_key: Vec<u8>,
        device_name: Option<String>,
        clock: Arc<dyn Clock>,
    ) -> Result<Arc<Self>> {
        let core = Core::open(
            Path::new(&path),
            &storage_key,
            device_name.as_deref(),
            clock,
        )?;
        Ok(Arc::new(Self {
            core: Mutex::new(Some(core)),
        }))
    }

    /// The core, even after a panic in an earlier call (a bug: none should
    /// happen on any data) poisoned the lock. The store is still sound: a
    /// transaction open at the panic was rolled back when it unwound, so
    /// the database is as its last commit left it, and the next call works
    /// instead of every later call failing.
    fn lock(&self) -> Result<MutexGuard<'_, Option<Core>>> {
        Ok(self.core.lock().unwrap_or_else(|poisoned| {
            self.core.clear_poison();
            poisoned.into_inner()
        }))
    }

    /// Runs a ritual-changing `f` and returns the ritual as it now stands.
    fn ritual_after(
        &self,
        f: impl FnOnce(&mut Core) -> tandem_core::Result<tandem_core::Ritual>,
    ) -> Result<Ritual> {
        self.with(f).map(Into::into)
    }

    /// Runs `f` on the open core; every exported method goes through here.
    fn with<T>(&self, f: impl FnOnce(&mut Core) -> tandem_core::Result<T>) -> Result<T> {
        let mut guard = self.lock()?;
        let core = guard.as_mut().ok_or_else(|| TandemError::Closed {
            reason: "this Tandem was closed".into(),
        })?;
        Ok(f(core)?)
    }
}

#[uniffi::export]
impl Tandem {
    /// Opens the database at `path` with the 32-byte `storage_key` from the
    /// platform keystore. `device_name` is required to create a new database
    /// and ignored for an existing one (rename with `set_device_name`).
    #[uniffi::constructor]
    pub fn open(
        path: String,
        storage_key: Vec<u8>,
        device_name: Option<String>,
    ) -> Result<Arc<Self>> {
        Self::open_inner(path, storage_key, device_name, Arc::new(SystemClock))
    }

    /// Like `open`, with a clock the caller controls (tests, demos).
    #[uniffi::constructor]
    pub fn open_with_clock(
        path: String,
        storage_key: Vec<u8>,
        device_name: Option<String>,
        clock: Arc<ManualClock>,
    ) -> Result<Arc<Self>> {
        Self::open_inner(
            path,
            storage_key,
            device_name,
            Arc::new(clock.inner.clone()),
        )
    }

    /// Closes the database. Later calls fail with `Closed`; closing twice is fine.
    pub fn close(&self) -> Result<()> {
        let core = self.lock()?.take();
        match core {
            Some(core) => Ok(core.close()?),
            None => Ok(()),
        }
    }

    pub fn device(&self) -> Result<DeviceInfo> {
        self.with(|c| {
            Ok(DeviceInfo {
                device_id: c.device_id().to_hex(),
                name: c.device_name()?,
            })
        })
    }

    /// Words every screen from now on in the device's language: a BCP 47
    /// or POSIX tag ("de-DE", "de_AT.UTF-8"; "en-XA" for the pseudo-locale).
    /// A language Tandem does not have reads as English; only an empty or
    /// absurd tag (over 35 characters, control characters) is refused.
    pub fn set_locale(&self, tag: String) -> Result<()> {
        self.with(|c| c.set_locale(&tag))
    }

    pub fn set_device_name(&self, name: String) -> Result<()> {
        self.with(|c| c.set_device_name(&name))
    }

    pub fn rituals(&self) -> Result<Vec<Ritual>> {
        self.with(|c| c.rituals())
            .map(|rs| rs.into_iter().map(Into::into).collect())
    }

    /// Occurrences starting in `[from_ms, to_ms)` (at most 366 days), soonest
    /// first; floating rituals are read in `device_zone` (IANA name).
    pub fn upcoming(
        &self,
        from_ms: i64,
        to_ms: i64,
        device_zone: String,
    ) -> Result<Vec<Occurrence>> {
        self.with(|c| c.upcoming(from_ms, to_ms, &device_zone))
            .map(|os| os.into_iter().map(Into::into).collect())
    }
}

#[uniffi::export]
impl Tandem {
    pub fn pairing_status(&self) -> Result<PairingStatus> {
        self.with(|c| c.pairing_status()).map(Into::into)
    }

    /// Destroys the pair's keys on this phone; no reason, no notice to the
    /// partner (this phone's audit notes it). Then offer `stop_shared` and
    /// `delete_partner_data`.
    pub fn unpair(&self) -> Result<()> {
        self.with(|c| c.unpair())
    }

    /// Payloads with every change the partner lacks (usually one; a large
    /// backlog is split). Send them all, in any order.
    pub fn export_payloads(&self) -> Result<Vec<Vec<u8>>> {
        self.with(|c| c.export())
    }

    /// How many changes the partner's phone has not confirmed holding:
    /// what the next `export_payloads` carries (again, until the partner's
    /// reply acknowledges them), counted up to 1,000. `NotPaired` before
    /// the digits are confirmed.
    pub fn changes_to_send(&self) -> Result<u32> {
        self.with(|c| c.changes_to_send())
            .map(|n| u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// Applies one payload from the partner, all or nothing.
    /// The rituals screen: each ritual's status from this phone's side and
    /// the buttons a person may press now, decided once for both phones,
    /// and the 20 rituals that ended most recently.
    pub fn rituals_screen(&self, device_zone: String) -> Result<RitualsScreenModel> {
        self.with(|c| c.rituals_screen(&device_zone))
            .map(Into::into)
    }

    /// The rituals screen with every ritual that ever ended (its
    /// `show_all` button).
    pub fn rituals_screen_all(&self, device_zone: String) -> Result<RitualsScreenModel> {
        self.with(|c| c.rituals_screen_all(&device_zone))
            .map(Into::into)
    }

    /// What pause, extension and "later" buttons offer: the same on both
    /// phones, with the couple's agreed cool-down among the pause lengths.
    pub fn offers(&self) -> Result<Offers> {
        self.with(|c| c.offers()).map(Into::into)
    }

    /// `import_payload` on a phone now in `device_zone`: the news says
    /// "back at 21:10" on this phone's clock. An unknown zone is
    /// `InvalidInput`, and nothing is imported.
    pub fn import_payload_in(&self, payload: Vec<u8>, device_zone: String) -> Result<ImportReport> {
        self.with(|c| c.import_in(&payload, &device_zone))
            .map(Into::into)
    }
}

#[uniffi::export]
impl Tandem {
    /// Moves one occurrence to another time (at most a week away), this once.
    pub fn move_occurrence(&self, ritual_id: String, date: String, to_ms: i64) -> Result<()> {
        self.with(|c| c.move_occurrence(&ritual_id, &date, to_ms))
    }

    /// The rolling rhythm of each ritual in effect.
    pub fn rhythm(&self, device_zone: String) -> Result<Vec<Rhythm>> {
        self.with(|c| c.rhythm(&device_zone))
            .map(|rs| rs.into_iter().map(Into::into).collect())
    }

    /// The instant (ms) figures about shared facts count up to: the newest
    /// shared change this phone holds, the same on both phones once in
    /// sync; `None` before any shared change.
    pub fn shared_figures_as_of(&self) -> Result<Option<i64>> {
        self.with(|c| c.shared_figures_as_of())
    }

    /// The active rituals as an RFC 5545 calendar (.ics text); personal
    /// rituals only when asked for, as the file may be sent to the partner.
    #[uniffi::method(default(include_personal = false))]
    pub fn export_ics(&self, include_personal: bool) -> Result<String> {
        self.with(|c| c.export_ics(include_personal))
    }

    /// The Mondays of every rest week, earliest first.
    pub fn rest_weeks(&self) -> Result<Vec<String>> {
        self.with(|c| c.rest_weeks())
    }

    pub fn reminder_settings(&self) -> Result<ReminderSettings> {
        self.with(|c| c.reminder_settings()).map(Into::into)
    }

    pub fn set_reminder_settings(&self, settings: ReminderSettings) -> Result<()> {
        let core_settings = settings.to_core()?;
        self.with(|c| c.set_reminder_settings(&core_settings))
    }
}

/// What a whole sync told, as one list: the news of every payload it
/// imported (a backlog comes split), repeats counted once, at most 20
/// lines and the rest counted in a last one. Show these after a sync.
#[uniffi::export]
pub fn merge_news(reports: Vec<ImportReport>) -> Vec<News> {
    let told = tandem_core::tell::Told::merge(reports.iter().map(types::told_of));
    types::news_lines(&told)
}

/// Any text as a QR code (level M): for sync text or chunks.
#[uniffi::export]
pub fn qr_code(text: String) -> Result<QrCode> {
    Ok(QrCode::render(&text)?)
}

/// A payload as text for share sheets and copy/paste.
#[uniffi::export]
pub fn payload_to_text(payload: Vec<u8>) -> String {
    tandem_core::sync::text::to_text(&payload)
}

#[uniffi::export]
pub fn payload_from_text(text: String) -> Result<Vec<u8>> {
    Ok(tandem_core::sync::text::from_text(&text)?)
}

/// A payload as QR-sized chunks (at most 2,000 characters each).
#[uniffi::export]
pub fn payload_to_chunks(payload: Vec<u8>) -> Vec<String> {
    tandem_core::sync::text::to_chunks(&payload)
}

/// Reassembles chunks given in any order.
#[uniffi::export]
pub fn payload_from_chunks(chunks: Vec<String>) -> Result<Vec<u8>> {
    Ok(tandem_core::sync::text::from_chunks(&chunks)?)
}

/// A fresh random 32-byte storage key, for a shell to keep in its keystore.
#[uniffi::export]
pub fn generate_storage_key() -> Result<Vec<u8>> {
    let mut key = vec![0u8; tandem_core::STORAGE_KEY_LEN];
    tandem_core::device::fill_random(&mut key)?;
    Ok(key)
}

/// The version of the Tandem core inside this library.
#[uniffi::export]
pub fn core_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Who may read a file [`write_file`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum FileAccess {
    /// As the process's umask allows: a calendar file, a sync payload.
    Shared,
    /// Its owner only (mode 0600): an export, which holds private data.
    Private,
    /// Its owner only, and never over an existing file: a key.
    PrivateNew,
}

/// Writes `bytes` to the file at `path` atomically: to a temporary file in
/// the same folder, flushed and synced, then renamed over the target. The
/// previous file stays whole until the new one is; a failed write (a full
/// disk) removes the temporary file, leaves the target as it was and is a
/// `Storage` error saying so. For shells that write exports, payloads or
/// calendar files to a path they own.
#[uniffi::export]
pub fn write_file(path: String, bytes: Vec<u8>, access: FileAccess) -> Result<()> {
    if path.is_empty() || path.contains('\0') {
        return Err(TandemError::InvalidInput {
            reason: "the path is empty or holds a NUL character".into(),
        });
    }
    write_file_at(Path::new(&path), &bytes, access)
}

/// [`write_file`] for Rust shells holding a `Path` (which need not be UTF-8).
pub fn write_file_at(path: &Path, bytes: &[u8], access: FileAccess) -> Result<()> {
    let access = match access {
        FileAccess::Shared => tandem_core::files::Access::Shared,
        FileAccess::Private => tandem_core::files::Access::Private,
        FileAccess::PrivateNew => tandem_core::files::Access::PrivateNew,
    };
    Ok(tandem_core::files::replace(path, bytes, access)?)
}

/// For Rust callers only (the CLI, its demo, the Rust tests): the phones
/// do these through `perform`, `open_form` and the submits, so the mobile
/// library carries no glue for them.
impl Tandem {
    /// Proposes a shared ritual; it waits for the partner's answer.
    pub fn propose_ritual(&self, draft: RitualDraft) -> Result<Ritual> {
        self.ritual_after(|c| c.propose_ritual(&draft.into()))
    }

    /// Adds a personal ritual: the author's own, active at once, never
    /// synced, usable before pairing.
    pub fn add_personal_ritual(&self, draft: RitualDraft) -> Result<Ritual> {
        self.ritual_after(|c| c.add_personal_ritual(&draft.into()))
    }

    /// The version a counter or an adjustment answers, as a draft to edit
    /// (unchanged fields keep their values): the version waiting for an
    /// answer, else the one shown.
    pub fn ritual_draft(&self, id: String) -> Result<RitualDraft> {
        self.with(|c| c.ritual(&id))
            .map(|r| r.answered_spec().into())
    }

    /// Ends a gentle experiment's review: keep, adjust or stop.
    pub fn review_ritual(&self, id: String, outcome: ReviewOutcome) -> Result<Ritual> {
        let outcome = match outcome {
            ReviewOutcome::Keep => tandem_core::rituals::Review::Keep,
            ReviewOutcome::Adjust { draft } => {
                tandem_core::rituals::Review::Adjust(Box::new(draft.into()))
            }
            ReviewOutcome::Stop => tandem_core::rituals::Review::Stop,
        };
        self.ritual_after(|c| c.review_ritual(&id, &outcome))
    }

    /// Accepts the version that waits for this device's answer.
    pub fn accept_ritual(&self, id: String) -> Result<Ritual> {
        self.ritual_after(|c| c.accept_ritual(&id))
    }

    /// Declines a proposal or a counter; no reason needed.
    pub fn decline_ritual(&self, id: String) -> Result<Ritual> {
        self.ritual_after(|c| c.decline_ritual(&id))
    }

    /// Accepts exactly the version named by `version` (its content hash, or
    /// a unique prefix of at least 8 hex characters, as shown). Refused,
    /// with nothing recorded, if another version waits in its place now.
    pub fn accept_ritual_version(&self, id: String, version: String) -> Result<Ritual> {
        self.ritual_after(|c| c.accept_ritual_version(&id, &version))
    }

    /// Declines exactly the version named; no reason needed.
    pub fn decline_ritual_version(&self, id: String, version: String) -> Result<Ritual> {
        self.ritual_after(|c| c.decline_ritual_version(&id, &version))
    }

    /// Suggests another time or day for a ritual.
    pub fn counter_ritual(&self, id: String, draft: RitualDraft) -> Result<Ritual> {
        self.ritual_after(|c| c.counter_ritual(&id, &draft.into()))
    }

    pub fn pause_ritual(&self, id: String) -> Result<Ritual> {
        self.ritual_after(|c| c.pause_ritual(&id))
    }

    pub fn resume_ritual(&self, id: String) -> Result<Ritual> {
        self.ritual_after(|c| c.resume_ritual(&id))
    }

    pub fn retire_ritual(&self, id: String) -> Result<Ritual> {
        self.ritual_after(|c| c.retire_ritual(&id))
    }

    /// Marks one occurrence (by its `date`) done, with an optional note and
    /// feeling word. On a shared ritual the partner reads the note and the
    /// feeling after the next sync (on a personal one they never leave this
    /// phone); when both mark it done, both partners' words are kept. Done
    /// on either phone counts once. An occurrence whose
    /// day has not come is refused (`InvalidInput`); without the phone's
    /// zone, a fixed ritual's own zone says which day it is (prefer
    /// `mark_done_in`).
    pub fn mark_done(
        &self,
        ritual_id: String,
        date: String,
        note: Option<String>,
        feeling: Option<String>,
    ) -> Result<()> {
        self.with(|c| c.mark_done(&ritual_id, &date, note.as_deref(), feeling.as_deref()))
    }

    /// `mark_done` on a phone now in `device_zone`: refused (`InvalidInput`)
    /// while the occurrence's start falls after today on this phone's
    /// clock; today's may be marked early.
    pub fn mark_done_in(
        &self,
        ritual_id: String,
        date: String,
        note: Option<String>,
        feeling: Option<String>,
        device_zone: String,
    ) -> Result<()> {
        self.with(|c| {
            c.mark_done_in(
                &ritual_id,
                &date,
                note.as_deref(),
                feeling.as_deref(),
                Some(&device_zone),
            )
        })
    }

    /// This occurrence will not happen; no reason needed.
    pub fn skip_occurrence(&self, ritual_id: String, date: String) -> Result<()> {
        self.with(|c| c.skip_occurrence(&ritual_id, &date))
    }

    /// Snoozes one occurrence's reminder on this phone (never synced) by
    /// 1 to 720 minutes; returns when it comes back (Unix ms). Re-plan after.
    pub fn snooze_reminder(
        &self,
        ritual_id: String,
        date: String,
        minutes: u32,
        device_zone: String,
    ) -> Result<i64> {
        self.with(|c| c.snooze_reminder(&ritual_id, &date, minutes, &device_zone))
    }

    /// Declares the rest week (Monday to Sunday) holding `date`, for both
    /// partners once synced: the shared rituals' occurrences in it count as
    /// neither kept nor missed and get no reminders; personal rituals go
    /// on. Returns the week's Monday.
    pub fn declare_rest_week(&self, date: String, device_zone: String) -> Result<String> {
        self.with(|c| c.set_rest_week(&date, true, &device_zone))
    }

    /// Calls off the rest week holding `date`; returns its Monday.
    pub fn call_off_rest_week(&self, date: String, device_zone: String) -> Result<String> {
        self.with(|c| c.set_rest_week(&date, false, &device_zone))
    }
}

// Rust-only: the CLI, its demo and the Rust tests call these; the phones
// reach the same through the screens, `perform` and the forms.
impl Tandem {
    /// Rituals whose trial reached its last day and wait for a review.
    pub fn reviews_due(&self, device_zone: String) -> Result<Vec<Ritual>> {
        self.with(|c| c.reviews_due(&device_zone))
            .map(|rs| rs.into_iter().map(Into::into).collect())
    }

    /// Pairing step 1: an offer to show as a QR code (valid two minutes).
    pub fn start_pairing(&self) -> Result<PairingOffer> {
        let offer = self.with(|c| c.start_pairing())?;
        Ok(PairingOffer {
            qr: QrCode::render(&offer.text)?,
            text: offer.text,
            expires_at_ms: offer.expires_at_ms,
        })
    }

    /// Pairing step 2: the scanned offer in, the answer to show and the digits out.
    pub fn accept_pairing(&self, offer_text: String) -> Result<PairingAnswer> {
        let answer = self.with(|c| c.accept_pairing(&offer_text))?;
        Ok(PairingAnswer {
            qr: QrCode::render(&answer.text)?,
            text: answer.text,
            sas: answer.sas,
        })
    }

    /// Pairing step 3: the scanned answer in, the check code out.
    pub fn complete_pairing(&self, answer_text: String) -> Result<String> {
        self.with(|c| c.complete_pairing(&answer_text))
    }

    /// Withdraws this phone's offer if nobody answered it yet.
    pub fn cancel_pairing(&self) -> Result<()> {
        self.with(|c| c.cancel_pairing())
    }

    /// The digits match the partner's screen.
    pub fn confirm_pairing(&self) -> Result<()> {
        self.with(|c| c.confirm_pairing())
    }

    /// The digits differ: the pairing is destroyed.
    pub fn reject_pairing(&self) -> Result<()> {
        self.with(|c| c.reject_pairing())
    }

    /// Its news reads times in UTC: prefer `import_payload_in`.
    pub fn import_payload(&self, payload: Vec<u8>) -> Result<ImportReport> {
        self.with(|c| c.import(&payload)).map(Into::into)
    }

    /// The soonest reminders to arm (at most `limit`, 60 suits iOS's 64),
    /// for a device now in `device_zone`. Re-plan on launch, after a sync,
    /// after local changes, on time or zone changes and after boot.
    pub fn plan_reminders(&self, device_zone: String, limit: u32) -> Result<Vec<Reminder>> {
        self.with(|c| c.plan_reminders(&device_zone, limit))
            .map(|rs| rs.into_iter().map(Into::into).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Outcome<T> = std::result::Result<T, Box<dyn std::error::Error>>;

    /// Ana's phone on a temporary database (the directory lives as long
    /// as the first half).
    fn ana() -> Outcome<(tempfile::TempDir, std::sync::Arc<Tandem>)> {
        let dir = tempfile::tempdir()?;
        let path = dir
            .path()
            .join("t.db")
            .to_str()
            .ok_or("the temporary path is not UTF-8")?
            .to_owned();
        let clock = ManualClock::new(1_800_000_000_000);
        let t = Tandem::open_with_clock(path, generate_storage_key()?, Some("Ana".into()), clock)?;
        Ok((dir, t))
    }

    /// A panic inside a call (forced here: no data should cause one)
    /// poisons the lock; the next calls still work, and what the call
    /// committed before the panic stays.
    #[test]
    fn a_panic_in_one_call_does_not_brick_the_next()
    -> std::result::Result<(), Box<dyn std::error::Error>> {
        let (_dir, t) = ana()?;
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _: Result<()> = t.with(|c| {
                c.set_device_name("Halfway")?;
                panic!("a bug in the middle of a call");
            });
        }));
        assert!(panicked.is_err());
        assert!(t.core.is_poisoned() || t.lock().is_ok());
        // The next calls work.
        assert_eq!(t.device()?.name, "Halfway");
        t.set_device_name("Ana".into())?;
        assert_eq!(t.device()?.name, "Ana");
        assert!(!t.core.is_poisoned());
        assert!(format!("{t:?}").contains("open: true"));
        t.close()?;
        Ok(())
    }

    /// A new ritual's form opens the same on both phones, and with a title
    /// it is a ritual the core takes: daily at 20:00 on the phone's clock
    /// for 10 minutes.
    #[test]
    fn a_new_ritual_form_opens_ready_but_for_its_title()
    -> std::result::Result<(), Box<dyn std::error::Error>> {
        let (_dir, t) = ana()?;
        let FormModel::Ritual { form: fresh, .. } = t.open_form(FormRequest::NewRitual)? else {
            return Err("a new ritual opens a ritual form".into());
        };
        assert_eq!(
            (fresh.time_of_day.as_str(), fresh.minutes.as_str()),
            ("20:00", "10")
        );
        assert_eq!(
            (fresh.repeat.clone(), fresh.zone.clone()),
            (Repeat::Daily, ZoneMode::Floating)
        );
        let blank = t.check_ritual_form(fresh.clone(), None, false)?;
        assert!(blank.title.is_some() && blank.draft.is_none());
        assert!(blank.minutes.is_none() && blank.time_of_day.is_none());
        let named = t.check_ritual_form(
            RitualFormInput {
                title: "Evening check-in".into(),
                ..fresh
            },
            None,
            false,
        )?;
        let draft = named.draft.ok_or("a named fresh form makes a draft")?;
        assert_eq!((draft.time_of_day.as_str(), draft.minutes), ("20:00", 10));
        t.close()?;
        Ok(())
    }
}
