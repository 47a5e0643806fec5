//! tandem-core: the whole of Tandem's domain in plain Rust. The FFI facade in
//! `tandem-ffi` wraps `Core`; nothing here knows about uniffi.

pub mod action;
pub mod actions;
pub mod agreements;
pub mod arming;
pub mod base;
pub mod capabilities;
pub mod capability;
pub mod catalog;
pub mod change;
pub mod check;
pub mod checkins;
pub mod clock;
pub(crate) mod date_text;
pub mod device;
pub mod difference;
pub mod error;
pub mod exit;
pub mod export;
mod fault;
pub mod files;
pub mod ics;
pub mod inbox;
pub mod insights;
pub mod journal;
pub mod lock;
pub mod pairing;
pub mod phrases;
pub mod reminders;
pub mod rituals;
pub mod schedule;
pub mod screens;
pub mod stopped;
pub mod store;
pub mod sync;
pub mod tell;
pub mod today;
mod validate;
pub mod version_id;
pub mod zone;

use std::path::Path;
use std::sync::Arc;

pub use agreements::boundaries::Boundary;
pub use agreements::pauses::{Pause, PauseState};
pub use agreements::{Agreement, AgreementDraft, AgreementStatus};
pub use clock::{Clock, ManualClock, Millis, SystemClock};
pub use device::DeviceId;
pub use error::{Error, Result};
pub use pairing::{AnswerCode, OfferCode, PairingStatus};
pub use rituals::{MarkStatus, Occurrence, Ritual, RitualDraft, RitualStatus};
pub use schedule::{TimeOfDay, ZoneMode};
pub use store::{STORAGE_KEY_LEN, Store};
pub use sync::payload::ImportReport;
pub use sync::{ApplyReport, Op};
pub use zone::Zone;

/// One device's Tandem: its store and its clock.
pub struct Core {
    store: Store,
    clock: Arc<dyn Clock>,
    /// The language screens are worded in; English until a shell says.
    locale: catalog::Locale,
    /// What the shell last armed with (see `arming::Memory`).
    armed: arming::Memory,
    /// What the pairing screen cannot read from the store (see
    /// `screens::pairing::Memory`).
    pairing: screens::pairing::Memory,
}

impl Core {
    /// Opens (or, with `new_device_name`, creates) the database at `path`.
    pub fn open(
        path: &Path,
        storage_key: &[u8],
        new_device_name: Option<&str>,
        clock: Arc<dyn Clock>,
    ) -> Result<Self> {
        let mut store = Store::open(path, storage_key, new_device_name)?;
        // A Tandem wiped here before: the audit says so, once.
        // (Only when there is a marker: a store whose bookkeeping is
        // damaged refuses writes, and must still open for `check`.)
        if exit::wipe_marker(path).exists() {
            match store.write(|tx, _| exit::note_wipe(tx, path)) {
                Ok(true) => {
                    let _ = std::fs::remove_file(exit::wipe_marker(path));
                }
                Ok(false) | Err(Error::Corrupt(_)) => {}
                Err(e) => return Err(e),
            }
        }
        // Rows folded under an older format are folded again, so every row
        // reads under today's checks (see check.rs). A log too damaged to
        // fold is left as it is: the store still opens, reads that meet the
        // damage fail with `Corrupt`, and `check` says what is wrong.
        match check::upgrade_folds(&mut store) {
            Ok(()) | Err(Error::Corrupt(_)) => {}
            Err(e) => return Err(e),
        }
        // Ops stored before the log kept their parts (schema v14) get them,
        // once; only then is there a write at open.
        if sync::parts_pending(store.conn())? {
            match store.write(|tx, sealer| sync::fill_parts(tx, sealer, capabilities::all())) {
                Ok(()) | Err(Error::Corrupt(_)) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(Self {
            store,
            clock,
            locale: catalog::Locale::En,
            armed: arming::Memory::default(),
            pairing: screens::pairing::Memory::default(),
        })
    }

    pub fn close(self) -> Result<()> {
        self.store.close()
    }

    pub fn now_ms(&self) -> Millis {
        self.clock.now_ms()
    }

    /// The language screens are worded in.
    pub fn locale(&self) -> catalog::Locale {
        self.locale
    }

    /// Words every screen from now on in the language of `tag` (BCP 47 or
    /// POSIX: "de-DE", "de_AT.UTF-8"); a language the catalog does not
    /// have reads as English. Only an empty or absurd tag is refused.
    pub fn set_locale(&mut self, tag: &str) -> Result<()> {
        self.locale = catalog::Locale::parse(tag)?;
        Ok(())
    }

    pub fn device_id(&self) -> DeviceId {
        self.store.device()
    }

    pub fn device_name(&self) -> Result<String> {
        self.store.device_name()
    }

    pub fn set_device_name(&mut self, name: &str) -> Result<()> {
        self.store.set_device_name(name)
    }

    /// Proposes a shared ritual; it waits for the partner's answer.
    pub fn propose_ritual(&mut self, draft: &RitualDraft) -> Result<Ritual> {
        self.new_ritual(draft, false)
    }

    /// Adds a personal ritual: active at once, never synced, usable before
    /// pairing.
    pub fn add_personal_ritual(&mut self, draft: &RitualDraft) -> Result<Ritual> {
        self.new_ritual(draft, true)
    }

    fn new_ritual(&mut self, draft: &RitualDraft, personal: bool) -> Result<Ritual> {
        let (device, now) = (self.store.device(), self.now_ms());
        let id = self
            .store
            .write(|tx, sealer| rituals::propose(tx, sealer, device, now, draft, personal))?;
        self.ritual(&id)
    }

    /// Ends a gentle experiment's review: keep, adjust or stop.
    pub fn review_ritual(&mut self, id: &str, outcome: &rituals::Review) -> Result<Ritual> {
        let (device, now) = (self.store.device(), self.now_ms());
        self.store
            .write(|tx, sealer| rituals::review(tx, sealer, device, now, id, outcome))?;
        self.ritual(id)
    }

    /// Rituals whose trial ended and that wait for a review, by the date in
    /// each ritual's own zone (the device's for a floating one).
    pub fn reviews_due(&self, device_zone: &str) -> Result<Vec<Ritual>> {
        let zone = schedule::parse_zone(device_zone)?;
        let now = schedule::instant(self.now_ms())?;
        Ok(self
            .rituals()?
            .into_iter()
            .filter(|r| r.review_due_at(now, zone))
            .collect())
    }

    /// Declares the rest week holding `date` (or calls it off); returns its
    /// Monday.
    pub fn set_rest_week(&mut self, date: &str, rest: bool, device_zone: &str) -> Result<String> {
        let date = schedule::recurrence::parse_date("date", date)?;
        let zone = schedule::parse_zone(device_zone)?;
        let (device, now) = (self.store.device(), self.now_ms());
        let today = rituals::rest::today(now, zone)?;
        let monday = self
            .store
            .write(|tx, sealer| rituals::rest::set(tx, sealer, device, now, today, date, rest))?;
        Ok(monday.to_string())
    }

    /// The Mondays of every rest week ("YYYY-MM-DD"), earliest first.
    pub fn rest_weeks(&self) -> Result<Vec<String>> {
        Ok(rituals::rest::weeks(self.store.conn())?
            .into_iter()
            .map(|d| d.to_string())
            .collect())
    }

    /// Snoozes one occurrence's reminder on this device; returns when it
    /// comes back.
    pub fn snooze_reminder(
        &mut self,
        id: &str,
        date: &str,
        minutes: u32,
        device_zone: &str,
    ) -> Result<Millis> {
        let date = schedule::recurrence::parse_date("date", date)?;
        let zone = schedule::parse_zone(device_zone)?;
        let now = self.now_ms();
        self.store
            .write(|tx, sealer| reminders::snooze(tx, sealer, now, zone, id, date, minutes))
    }

    /// Accepts the version of a ritual that waits for this device's answer.
    pub fn accept_ritual(&mut self, id: &str) -> Result<Ritual> {
        self.act(id, rituals::Action::Accept)
    }

    /// Accepts exactly the version named (a unique prefix of at least 8 hex
    /// characters of its hash, as shown): refused if another version came
    /// to wait in its place since it was shown.
    pub fn accept_ritual_version(&mut self, id: &str, version: &str) -> Result<Ritual> {
        self.answer_ritual_version(id, version, true)
    }

    /// Declines exactly the version named; no reason needed.
    pub fn decline_ritual_version(&mut self, id: &str, version: &str) -> Result<Ritual> {
        self.answer_ritual_version(id, version, false)
    }

    fn answer_ritual_version(&mut self, id: &str, version: &str, accept: bool) -> Result<Ritual> {
        let version = self.ritual(id)?.resolve_version(version)?;
        let (device, now) = (self.store.device(), self.now_ms());
        self.store.write(|tx, sealer| {
            rituals::answer_version(tx, sealer, device, now, id, &version, accept)
        })?;
        self.ritual(id)
    }

    /// Declines a proposal or counter; no reason needed.
    pub fn decline_ritual(&mut self, id: &str) -> Result<Ritual> {
        self.act(id, rituals::Action::Decline)
    }

    pub fn pause_ritual(&mut self, id: &str) -> Result<Ritual> {
        self.act(id, rituals::Action::Pause)
    }

    pub fn resume_ritual(&mut self, id: &str) -> Result<Ritual> {
        self.act(id, rituals::Action::Resume)
    }

    pub fn retire_ritual(&mut self, id: &str) -> Result<Ritual> {
        self.act(id, rituals::Action::Retire)
    }

    /// Marks one occurrence (by its scheduled local date) as done, once its
    /// day has come. Without the phone's zone, a fixed ritual's own zone
    /// says which day it is (see `mark_done_in`).
    pub fn mark_done(
        &mut self,
        id: &str,
        date: &str,
        note: Option<&str>,
        feeling: Option<&str>,
    ) -> Result<()> {
        self.mark_done_in(id, date, note, feeling, None)
    }

    /// `mark_done` on a phone in `device_zone`: an occurrence whose start
    /// falls after today on this phone's clock is refused.
    pub fn mark_done_in(
        &mut self,
        id: &str,
        date: &str,
        note: Option<&str>,
        feeling: Option<&str>,
        device_zone: Option<&str>,
    ) -> Result<()> {
        let zone = device_zone.map(schedule::parse_zone).transpose()?;
        let date = schedule::recurrence::parse_date("date", date)?;
        let change = rituals::RitualChange::Done {
            date,
            note: note
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(String::from),
            feeling: feeling
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .map(String::from),
        };
        self.mark(id, change, zone)
    }

    pub fn skip_occurrence(&mut self, id: &str, date: &str) -> Result<()> {
        let date = schedule::recurrence::parse_date("date", date)?;
        self.mark(id, rituals::RitualChange::Skipped { date }, None)
    }

    /// Moves one occurrence to another instant (at most a week away).
    pub fn move_occurrence(&mut self, id: &str, date: &str, to_ms: Millis) -> Result<()> {
        let date = schedule::recurrence::parse_date("date", date)?;
        schedule::instant(to_ms)?;
        self.mark(id, rituals::RitualChange::Moved { date, to_ms }, None)
    }

    fn mark(&mut self, id: &str, change: rituals::RitualChange, zone: Option<Zone>) -> Result<()> {
        let (device, now) = (self.store.device(), self.now_ms());
        self.store
            .write(|tx, sealer| rituals::mark(tx, sealer, device, (now, zone), id, change))
    }

    /// The instant figures about shared facts count up to: the newest shared
    /// change this phone holds (rituals/history.rs), `None` before any.
    pub fn shared_figures_as_of(&self) -> Result<Option<Millis>> {
        rituals::history::shared_cutoff(self.store.conn(), self.now_ms())
    }

    /// Rhythm per ritual in effect: kept out of scheduled, last 7 and 28.
    pub fn rhythm(&self, device_zone: &str) -> Result<Vec<rituals::Rhythm>> {
        let zone = schedule::parse_zone(device_zone)?;
        let now = self.now_ms();
        self.store
            .read(|conn, sealer| rituals::rhythm(conn, sealer, now, zone))
    }

    /// Suggests another version ("would tomorrow or another time work better?").
    pub fn counter_ritual(&mut self, id: &str, draft: &RitualDraft) -> Result<Ritual> {
        let (device, now) = (self.store.device(), self.now_ms());
        self.store
            .write(|tx, sealer| rituals::counter(tx, sealer, device, now, id, draft))?;
        self.ritual(id)
    }

    fn act(&mut self, id: &str, action: rituals::Action) -> Result<Ritual> {
        let (device, now) = (self.store.device(), self.now_ms());
        self.store
            .write(|tx, sealer| rituals::act(tx, sealer, device, now, id, action))?;
        self.ritual(id)
    }

    pub fn ritual(&self, id: &str) -> Result<Ritual> {
        rituals::get(self.store.conn(), self.store.sealer(), id)
    }

    pub fn rituals(&self) -> Result<Vec<Ritual>> {
        rituals::list(self.store.conn(), self.store.sealer())
    }

    pub fn upcoming(&self, from: Millis, to: Millis, device_zone: &str) -> Result<Vec<Occurrence>> {
        let zone: Zone = schedule::parse_zone(device_zone)?;
        rituals::upcoming(self.store.conn(), self.store.sealer(), from, to, zone)
    }

    /// The soonest reminders to arm on this device (see `reminders`).
    pub fn plan_reminders(
        &self,
        device_zone: &str,
        limit: u32,
    ) -> Result<Vec<reminders::Reminder>> {
        let now = self.now_ms();
        self.store.read(|conn, sealer| {
            reminders::plan(conn, sealer, now, device_zone, limit, self.locale)
        })
    }

    /// What this phone cancels and arms so its notifications match the
    /// plan (see `arming`): `armed` is what the shell's record says is
    /// armed now, `access` what the platform allows.
    pub fn arm_reminders(
        &mut self,
        device_zone: &str,
        trigger: arming::Trigger,
        armed: &[String],
        access: arming::Access,
    ) -> Result<arming::Arming> {
        arming::check_armed(armed)?;
        let planned = self.plan_reminders(device_zone, arming::ARMED_AT_MOST)?;
        let (mut memory, locale) = (self.armed, self.locale);
        let work = arming::work(planned, armed, (trigger, access), &mut memory, locale);
        self.armed = memory;
        Ok(work)
    }

    pub fn reminder_settings(&self) -> Result<reminders::ReminderSettings> {
        reminders::settings(self.store.conn())
    }

    pub fn set_reminder_settings(&mut self, settings: &reminders::ReminderSettings) -> Result<()> {
        self.store
            .write(|tx, _| reminders::save_settings(tx, settings))
    }

    /// The active rituals as an RFC 5545 calendar; personal ones only when
    /// asked for (the file may well be sent to the partner).
    pub fn export_ics(&mut self, include_personal: bool) -> Result<String> {
        let mut rituals = self.rituals()?;
        rituals.retain(|r| include_personal || !r.personal);
        let ics = ics::export(&rituals, self.now_ms())?;
        self.note(export::events::DeviceEvent::ExportedCalendar)?;
        Ok(ics)
    }

    /// Adds an event to this phone's own audit.
    fn note(&mut self, event: export::events::DeviceEvent) -> Result<()> {
        let now = self.now_ms();
        self.store
            .write(|tx, _| export::events::record(tx, now, event))
    }

    // The app lock.

    pub fn app_lock(&self) -> Result<lock::AppLock> {
        lock::load(self.store.conn())
    }

    /// Switches the app lock; switching it on or off is in the audit.
    pub fn set_app_lock(&mut self, setting: lock::AppLock) -> Result<()> {
        let setting = setting.validate()?;
        let was = self.app_lock()?;
        let now = self.now_ms();
        self.store.write(|tx, _| {
            lock::save(tx, setting)?;
            let event = match (was, setting) {
                (lock::AppLock::Off, lock::AppLock::On { .. }) => {
                    Some(export::events::DeviceEvent::LockOn)
                }
                (lock::AppLock::On { .. }, lock::AppLock::Off) => {
                    Some(export::events::DeviceEvent::LockOff)
                }
                _ => None,
            };
            match event {
                Some(e) => export::events::record(tx, now, e),
                None => Ok(()),
            }
        })
    }

    // Boundaries.

    /// Writes a boundary, private (never leaves this phone) or shared
    /// (visible to the partner, read-only).
    pub fn add_boundary(&mut self, text: &str, shared: bool) -> Result<Boundary> {
        let (device, now) = (self.store.device(), self.now_ms());
        let id = self.store.write(|tx, sealer| {
            agreements::boundaries::add(tx, sealer, device, now, text, shared)
        })?;
        self.boundary(&id)
    }

    pub fn edit_boundary(&mut self, id: &str, text: &str) -> Result<Boundary> {
        let (device, now) = (self.store.device(), self.now_ms());
        self.store
            .write(|tx, sealer| agreements::boundaries::edit(tx, sealer, device, now, id, text))?;
        self.boundary(id)
    }

    /// Shows a boundary to the partner, or makes it private again.
    pub fn share_boundary(&mut self, id: &str, shared: bool) -> Result<Boundary> {
        let (device, now) = (self.store.device(), self.now_ms());
        self.store.write(|tx, sealer| {
            agreements::boundaries::share(tx, sealer, device, now, id, shared)
        })?;
        self.boundary(id)
    }

    pub fn retire_boundary(&mut self, id: &str) -> Result<()> {
        let (device, now) = (self.store.device(), self.now_ms());
        self.store
            .write(|tx, sealer| agreements::boundaries::retire(tx, sealer, device, now, id))
    }

    pub fn boundary(&self, id: &str) -> Result<Boundary> {
        agreements::boundaries::get(self.store.conn(), self.store.sealer(), id)
    }

    /// This phone's boundaries and the partner's shared ones, oldest first.
    pub fn boundaries(&self) -> Result<Vec<Boundary>> {
        agreements::boundaries::list(self.store.conn(), self.store.sealer())
    }

    // The agreements ledger.

    pub fn propose_agreement(&mut self, draft: &AgreementDraft) -> Result<Agreement> {
        let (device, now) = (self.store.device(), self.now_ms());
        let id = self
            .store
            .write(|tx, sealer| agreements::propose(tx, sealer, device, now, draft))?;
        self.agreement(&id)
    }

    /// A new version built on `parent` (the version in effect, named by a
    /// unique prefix of its hash of at least 8 hex characters).
    pub fn amend_agreement(
        &mut self,
        id: &str,
        parent: &str,
        draft: &AgreementDraft,
    ) -> Result<Agreement> {
        let parent = self.agreement(id)?.resolve_version(parent)?;
        let (device, now) = (self.store.device(), self.now_ms());
        self.store
            .write(|tx, sealer| agreements::amend(tx, sealer, device, now, id, &parent, draft))?;
        self.agreement(id)
    }

    /// Accepts the version with this content hash, exactly as shown: named
    /// by a unique prefix of at least 8 hex characters, or in full.
    pub fn accept_agreement(&mut self, id: &str, version: &str) -> Result<Agreement> {
        let version = self.agreement(id)?.resolve_version(version)?;
        let (device, now) = (self.store.device(), self.now_ms());
        self.store
            .write(|tx, sealer| agreements::answer(tx, sealer, device, now, id, &version, true))?;
        self.agreement(id)
    }

    pub fn decline_agreement(&mut self, id: &str, version: &str) -> Result<Agreement> {
        let version = self.agreement(id)?.resolve_version(version)?;
        let (device, now) = (self.store.device(), self.now_ms());
        self.store
            .write(|tx, sealer| agreements::answer(tx, sealer, device, now, id, &version, false))?;
        self.agreement(id)
    }

    /// Withdraws consent, alone, without a reason: no longer in effect.
    pub fn withdraw_agreement(&mut self, id: &str) -> Result<Agreement> {
        let (device, now) = (self.store.device(), self.now_ms());
        self.store
            .write(|tx, sealer| agreements::withdraw(tx, sealer, device, now, id))?;
        self.agreement(id)
    }

    pub fn review_agreement(
        &mut self,
        id: &str,
        outcome: &agreements::Review,
    ) -> Result<Agreement> {
        let (device, now) = (self.store.device(), self.now_ms());
        self.store
            .write(|tx, sealer| agreements::review(tx, sealer, device, now, id, outcome))?;
        self.agreement(id)
    }

    /// A version as the draft that makes it again, for an amendment to
    /// start from: the version named (a unique prefix of its hash), else
    /// the one an amendment builds on.
    pub fn agreement_draft(&self, id: &str, version: Option<&str>) -> Result<AgreementDraft> {
        self.amended_version(id, version).map(|(draft, _)| draft)
    }

    /// `agreement_draft`, with the full hash of the version it is.
    pub(crate) fn amended_version(
        &self,
        id: &str,
        version: Option<&str>,
    ) -> Result<(AgreementDraft, agreements::Hash)> {
        let a = self.agreement(id)?;
        let hash = match version {
            Some(v) => a.resolve_version(v)?,
            None => a.amendable().map(|v| v.hash).ok_or_else(|| {
                Error::not_allowed("nothing to amend: this agreement has no version to build on")
            })?,
        };
        a.version(&hash)
            .map(|v| (v.terms.to_draft(), hash))
            .ok_or_else(|| Error::not_found("no version of this agreement has this content hash"))
    }

    pub fn agreement(&self, id: &str) -> Result<Agreement> {
        agreements::get(self.store.conn(), self.store.sealer(), id)
    }

    pub fn agreements(&self) -> Result<Vec<Agreement>> {
        agreements::list(self.store.conn(), self.store.sealer())
    }

    /// Every step of one agreement, its hash chain checked.
    pub fn agreement_history(&self, id: &str) -> Result<agreements::history::History> {
        self.agreement(id)?;
        agreements::history::read(self.store.conn(), self.store.sealer(), id)
    }

    /// Agreements whose review date arrived (today in `device_zone`).
    pub fn agreement_reviews_due(&self, device_zone: &str) -> Result<Vec<Agreement>> {
        let zone = schedule::parse_zone(device_zone)?;
        let today = schedule::instant(self.now_ms())?
            .with_timezone(&zone)
            .date_naive();
        Ok(self
            .agreements()?
            .into_iter()
            .filter(|a| a.review_due(today))
            .collect())
    }

    // Pauses.

    /// Starts a pause: `minutes` (20 to 1440) or the pause agreement's
    /// cool-down, else 20; an optional short note.
    pub fn start_pause(&mut self, minutes: Option<u32>, note: Option<&str>) -> Result<Pause> {
        let (device, now) = (self.store.device(), self.now_ms());
        let id = self.store.write(|tx, sealer| {
            agreements::pauses::start(tx, sealer, device, now, minutes, note)
        })?;
        agreements::pauses::get(self.store.conn(), self.store.sealer(), &id)
    }

    /// Extends this phone's running pause once, by `minutes` more.
    pub fn extend_pause(&mut self, id: &str, minutes: u32) -> Result<Pause> {
        let (device, now) = (self.store.device(), self.now_ms());
        self.store
            .write(|tx, sealer| agreements::pauses::extend(tx, sealer, device, now, id, minutes))
    }

    pub fn end_pause(&mut self, id: &str) -> Result<Pause> {
        let (device, now) = (self.store.device(), self.now_ms());
        self.store
            .write(|tx, sealer| agreements::pauses::end(tx, sealer, device, now, id))
    }

    /// Every pause, newest first.
    pub fn pauses(&self) -> Result<Vec<Pause>> {
        agreements::pauses::list(self.store.conn(), self.store.sealer())
    }

    // Check-ins, appreciations, repairs; the private pattern log.

    /// Records a check-in, appreciation or repair attempt; `shared` chooses
    /// (an appreciation is always shared). Returns its id.
    pub fn record_entry(&mut self, entry: checkins::Entry, shared: bool) -> Result<String> {
        self.record_entry_at(entry, shared).map(|(id, _)| id)
    }

    /// `record_entry`, returning the entry as stored: read back at the
    /// instant it was recorded (a real clock has moved on by the time a
    /// caller reads it again).
    pub fn record_entry_read(
        &mut self,
        entry: checkins::Entry,
        shared: bool,
    ) -> Result<checkins::Record> {
        let (id, at) = self.record_entry_at(entry, shared)?;
        self.entries(at, at.saturating_add(1), None)?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or_else(|| Error::Corrupt("a new entry did not store".into()))
    }

    fn record_entry_at(
        &mut self,
        entry: checkins::Entry,
        shared: bool,
    ) -> Result<(String, Millis)> {
        let (device, now) = (self.store.device(), self.now_ms());
        let id = self
            .store
            .write(|tx, sealer| checkins::record(tx, sealer, device, now, entry, shared))?;
        Ok((id, now))
    }

    /// Entries in `[from, to)`, oldest first; `kind`: "checkin",
    /// "appreciation" or "repair".
    pub fn entries(
        &self,
        from: Millis,
        to: Millis,
        kind: Option<&str>,
    ) -> Result<Vec<checkins::Record>> {
        checkins::list(self.store.conn(), self.store.sealer(), from, to, kind)
    }

    /// Writes a private pattern-log entry; returns its id.
    pub fn write_journal(&mut self, draft: &journal::PatternDraft) -> Result<String> {
        self.write_journal_at(draft).map(|(id, _)| id)
    }

    /// `write_journal`, returning the entry as stored (read back at the
    /// instant it was written).
    pub fn write_journal_read(
        &mut self,
        draft: &journal::PatternDraft,
    ) -> Result<(String, journal::PatternEntry)> {
        let (id, at) = self.write_journal_at(draft)?;
        self.journal(at, at.saturating_add(1))?
            .into_iter()
            .find(|(i, _)| *i == id)
            .ok_or_else(|| Error::Corrupt("a new entry did not store".into()))
    }

    fn write_journal_at(&mut self, draft: &journal::PatternDraft) -> Result<(String, Millis)> {
        let (device, now) = (self.store.device(), self.now_ms());
        let id = self
            .store
            .write(|tx, sealer| journal::write(tx, sealer, device, now, draft))?;
        Ok((id, now))
    }

    pub fn journal(
        &self,
        from: Millis,
        to: Millis,
    ) -> Result<Vec<(String, journal::PatternEntry)>> {
        journal::list(self.store.conn(), self.store.sealer(), from, to)
    }

    /// Insights over the last `weeks` weeks (1 to 520), in `device_zone`.
    pub fn insights(&self, weeks: u32, device_zone: &str) -> Result<insights::Insights> {
        let zone = schedule::parse_zone(device_zone)?;
        let (device, now) = (self.store.device(), self.now_ms());
        self.store.read(|conn, sealer| {
            insights::compute(conn, sealer, device, now, zone, weeks, self.locale)
        })
    }

    // Export, import, the visibility mirror, wipe.

    /// Everything this phone holds for its person, sealed with `passphrase`
    /// (Argon2id, XChaCha20-Poly1305; docs/EXPORT.md).
    pub fn export_data(&mut self, passphrase: &str) -> Result<Vec<u8>> {
        let sealed = export::seal(&self.export_document()?, passphrase)?;
        self.note(export::events::DeviceEvent::Exported)?;
        Ok(sealed)
    }

    /// The same, unsealed: only when the person asks for it explicitly.
    pub fn export_plaintext(&mut self) -> Result<Vec<u8>> {
        let plain = self.export_document()?;
        self.note(export::events::DeviceEvent::ExportedPlaintext)?;
        Ok(plain)
    }

    fn export_document(&self) -> Result<Vec<u8>> {
        let name = self.store.device_name()?;
        export::document(
            self.store.conn(),
            self.store.sealer(),
            self.store.device(),
            &name,
            self.now_ms(),
        )
    }

    /// Restores an export into this empty store (a new phone): all of it or
    /// nothing. This phone keeps its own new device id and continues the
    /// exported phone's history (the old phone's changes after the backup
    /// never take this phone's place); pairing is not restored (pair again).
    /// Returns how many ops it restored.
    pub fn import_data(&mut self, bytes: &[u8], passphrase: Option<&str>) -> Result<usize> {
        let doc = export::open(bytes, passphrase)?;
        if !export::is_empty(self.store.conn())? {
            return Err(Error::not_allowed(
                "an export is imported only into an empty Tandem, on a new phone or after a reset",
            ));
        }
        let who = export::people_of(&doc)?;
        let me = self.store.device();
        self.store.write(|tx, sealer| {
            store::adopt_name(tx, sealer, &doc.device.name)?;
            // What the exported phone stopped after unpairing stays stopped.
            stopped::mark_stopped(tx, &doc.log.stopped)?;
            let all = capabilities::all();
            sync::restore(tx, sealer, all, me, &who, &doc.log.shared, &doc.log.private)
        })?;
        Ok(doc.log.shared.len() + doc.log.private.len())
    }

    /// Everything this phone holds for its person, readable and canonical:
    /// the `state` part of an export.
    pub fn full_dump(&self) -> Result<serde_json::Value> {
        export::state(self.store.conn(), self.store.sealer(), self.store.device())
    }

    /// What the partner's phone holds (or will after the next sync) about
    /// this person, worded in this phone's language.
    pub fn what_partner_sees(&self) -> Result<Vec<export::mirror::Visible>> {
        export::mirror::what_partner_sees(
            self.store.conn(),
            self.store.sealer(),
            self.store.device(),
            &self.store.device_name()?,
            self.locale,
        )
    }

    /// Every sharing change this person made and everything done with this
    /// phone's record (exports, unpairing, a clean exit, the app lock),
    /// newest first.
    pub fn sharing_audit(&self) -> Result<Vec<export::mirror::AuditEntry>> {
        export::mirror::sharing_audit(self.store.conn(), self.store.sealer(), self.store.device())
    }

    /// The visibility screen: what the partner's phone holds, grouped by
    /// kind, and the audit, newest first, worded in this phone's language
    /// with times in `device_zone`: the newest of each kind that keeps
    /// growing and of the audit (`Reach::SCREEN`), so it opens as fast
    /// after ten years as after one; `visibility_screen_all` has the rest.
    pub fn visibility_screen(
        &self,
        device_zone: &str,
    ) -> Result<screens::visibility::VisibilityScreen> {
        self.visibility_reaching(device_zone, export::mirror::Reach::SCREEN)
    }

    /// The visibility screen with everything, however long ago (asked for
    /// with the screen's "show everything").
    pub fn visibility_screen_all(
        &self,
        device_zone: &str,
    ) -> Result<screens::visibility::VisibilityScreen> {
        self.visibility_reaching(device_zone, export::mirror::Reach::ALL)
    }

    fn visibility_reaching(
        &self,
        device_zone: &str,
        reach: export::mirror::Reach,
    ) -> Result<screens::visibility::VisibilityScreen> {
        let zone = schedule::parse_zone(device_zone)?;
        let mirror = export::mirror::visibility(
            self.store.conn(),
            self.store.sealer(),
            self.store.device(),
            &self.store.device_name()?,
            self.locale,
            reach,
        )?;
        Ok(screens::visibility::screen(
            &mirror,
            reach,
            &zone,
            self.locale,
        ))
    }

    /// Destroys this phone's Tandem data: the files are overwritten and
    /// removed. The shell deletes the storage key from its keystore. Only
    /// the time of the wipe stays beside them, for the next Tandem's audit.
    pub fn wipe(self) -> Result<()> {
        let now = self.now_ms();
        let path = self.store.path().to_path_buf();
        self.store.wipe()?;
        // Best effort: the wipe itself succeeded either way.
        let _ = files::replace(
            &exit::wipe_marker(&path),
            now.to_string().as_bytes(),
            files::Access::Private,
        );
        Ok(())
    }

    /// After unpairing: stops the shared rituals, agreements and pauses on
    /// this phone alone (their reminders stop at once). Returns how many.
    pub fn stop_shared(&mut self) -> Result<usize> {
        let (device, now) = (self.store.device(), self.now_ms());
        self.store
            .write(|tx, sealer| exit::stop_shared(tx, sealer, capabilities::all(), device, now))
    }

    /// After unpairing: deletes the partner's own shared records from this
    /// phone (exit.rs names them), keeping this person's. Returns how many
    /// of the partner's changes it deleted.
    pub fn delete_partner_data(&mut self) -> Result<usize> {
        let (device, now) = (self.store.device(), self.now_ms());
        self.store.write(|tx, sealer| {
            exit::delete_partner_data(tx, sealer, capabilities::all(), device, now)
        })
    }

    /// Every op in the log, in fold order.
    pub fn ops(&self) -> Result<Vec<Op>> {
        sync::all_ops(self.store.conn(), self.store.sealer())
    }

    /// Applies ops that `sender` wrote, in one transaction, all or nothing,
    /// through the same door as a payload (authorship is checked the same).
    pub fn apply_ops(&mut self, sender: DeviceId, ops: &[Op]) -> Result<ApplyReport> {
        let (device, now) = (self.store.device(), self.now_ms());
        self.store.write(|tx, sealer| {
            let all = capabilities::all();
            sync::apply(tx, sealer, all, device, now, sender, &[], ops, &[])
        })
    }

    /// Shows an offer for the partner to scan (pairing step 1).
    pub fn start_pairing(&mut self) -> Result<OfferCode> {
        let now = self.now_ms();
        self.store
            .write(|tx, sealer| pairing::start_offer(tx, sealer, now))
    }

    /// Scans the partner's offer: the answer to show and the six digits.
    pub fn accept_pairing(&mut self, offer_text: &str) -> Result<AnswerCode> {
        let (device, now) = (self.store.device(), self.now_ms());
        let name = self.store.device_name()?;
        self.store
            .write(|tx, sealer| pairing::accept_offer(tx, sealer, device, &name, now, offer_text))
    }

    /// Scans the partner's answer: the six digits.
    pub fn complete_pairing(&mut self, answer_text: &str) -> Result<String> {
        let now = self.now_ms();
        self.store
            .write(|tx, sealer| pairing::complete(tx, sealer, now, answer_text))
    }

    /// Withdraws this device's unanswered offer.
    pub fn cancel_pairing(&mut self) -> Result<()> {
        self.store.write(|tx, _| pairing::cancel_offer(tx))
    }

    pub fn confirm_pairing(&mut self) -> Result<()> {
        self.store.write(|tx, _| pairing::confirm_sas(tx))
    }

    pub fn reject_pairing(&mut self) -> Result<()> {
        self.store.write(|tx, _| pairing::reject_sas(tx))
    }

    pub fn pairing_status(&self) -> Result<PairingStatus> {
        pairing::status(self.store.conn(), self.store.sealer(), self.now_ms())
    }

    /// Destroys the pair's keys locally, silently (the audit here notes it).
    pub fn unpair(&mut self) -> Result<()> {
        let now = self.now_ms();
        self.store.write(|tx, _| {
            let paired: bool =
                tx.query_row("SELECT EXISTS (SELECT 1 FROM pair)", [], |r| r.get(0))?;
            pairing::unpair(tx)?;
            if paired {
                export::events::record(tx, now, export::events::DeviceEvent::Unpaired)?;
            }
            Ok(())
        })
    }

    /// Payloads with everything the partner lacks (usually one).
    pub fn export(&mut self) -> Result<Vec<Vec<u8>>> {
        let device = self.store.device();
        let name = self.store.device_name()?;
        self.store
            .write(|tx, sealer| sync::payload::export(tx, sealer, device, &name))
    }

    /// How many changes the partner's phone has not confirmed holding.
    pub fn changes_to_send(&self) -> Result<usize> {
        sync::payload::unconfirmed(self.store.conn(), self.store.sealer(), self.store.device())
    }

    /// Applies one payload: all of it or, on any error, none of it. Its
    /// news reads times in UTC; `import_in` reads them on this phone's clock.
    pub fn import(&mut self, payload: &[u8]) -> Result<ImportReport> {
        self.import_zoned(payload, None)
    }

    /// `import`, with the news ("back at 21:10") in `device_zone`.
    pub fn import_in(&mut self, payload: &[u8], device_zone: &str) -> Result<ImportReport> {
        let zone = schedule::parse_zone(device_zone)?;
        self.import_zoned(payload, Some(zone))
    }

    fn import_zoned(&mut self, payload: &[u8], zone: Option<Zone>) -> Result<ImportReport> {
        let (device, now, locale) = (self.store.device(), self.now_ms(), self.locale);
        self.store.write(|tx, sealer| {
            let report = sync::payload::import(
                tx,
                sealer,
                capabilities::all(),
                device,
                now,
                (zone, locale),
                payload,
            )?;
            fault::pause_point("import-before-commit");
            Ok(report)
        })
    }

    /// Seals any body as this phone's payload: the modified partner app of
    /// the adversarial tests.
    #[cfg(feature = "adversary")]
    pub fn seal_forged(&mut self, body: &sync::payload::Body) -> Result<Vec<u8>> {
        let device = self.store.device();
        self.store
            .write(|tx, sealer| sync::payload::seal_any(tx, sealer, device, body))
    }

    /// Decrypts a payload addressed to this device without applying it.
    pub fn inspect_payload(&self, payload: &[u8]) -> Result<sync::payload::Body> {
        sync::payload::inspect(self.store.conn(), self.store.sealer(), payload)
    }

    /// A payload addressed to this device, measured without its padding
    /// (header, body, AEAD tag): the wire-size benches' figure.
    pub fn payload_unpadded_len(&self, payload: &[u8]) -> Result<usize> {
        sync::payload::unpadded_len(self.store.conn(), self.store.sealer(), payload)
    }

    /// What in the store is damaged: ops that do not open, sealed values
    /// that do not open, folded state that differs from a refold of the op
    /// log, schema and bookkeeping problems. Changes nothing.
    pub fn check(&self) -> Result<check::CheckReport> {
        check::check(&self.store)
    }

    /// Folds every entity again from the whole log, as a replica rebuilt
    /// from scratch would (tests compare it with the state folded op by op).
    #[cfg(feature = "fault-injection")]
    pub fn refold_all(&mut self) -> Result<()> {
        let device = self.store.device();
        self.store
            .write(|tx, sealer| sync::refold_all(tx, sealer, capabilities::all(), device))
    }

    /// The shared state as canonical plaintext, for comparing replicas.
    pub fn shared_state_dump(&self) -> Result<String> {
        let (conn, sealer) = (self.store.conn(), self.store.sealer());
        capabilities::all()
            .iter()
            .map(|c| c.dump(conn, sealer))
            .collect()
    }
}
