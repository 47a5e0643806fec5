//! `tandem`: the terminal shell. Every capability of the core from a terminal,
//! through tandem-ffi's Rust API (the same surface the phone shells use).

mod agreements;
mod demo;
mod keys;
mod notebook;
mod output;
mod pairing;
mod qr;
mod syncing;
mod today;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand};
use serde_json::json;
use tandem_ffi::{
    AppLock, ManualClock, Recurrence, Repeat, ReviewOutcome, RitualDraft, Tandem, TandemError,
    Weekday, ZoneMode,
};

use output::Out;

#[derive(Parser, Debug)]
#[command(
    name = "tandem",
    version,
    about = "Tandem: small rituals and kept agreements for two"
)]
struct Cli {
    /// The database file. Its storage key lives beside it in PATH.key (0600)
    /// unless TANDEM_STORAGE_KEY holds 64 hex characters.
    #[arg(long, global = true, env = "TANDEM_DB", default_value = "tandem.db")]
    db: PathBuf,
    /// Fix the clock at this instant (RFC 3339), for scripts and tests.
    #[arg(long, global = true)]
    now: Option<String>,
    /// This device's IANA time zone (default: the system's).
    #[arg(long, global = true)]
    device_zone: Option<String>,
    /// Machine-readable output.
    #[arg(long, global = true)]
    json: bool,
    /// The language screens are worded in, as a BCP 47 or POSIX tag
    /// ("de", "de-DE", "de_AT.UTF-8"; "en-XA" for the pseudo-locale).
    /// Default: LC_ALL, LC_MESSAGES, then LANG; C and POSIX mean English.
    #[arg(long, global = true, value_name = "TAG")]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Create a database for this device.
    Init {
        /// This device's display name.
        #[arg(long)]
        name: String,
    },
    /// Show this device's id and name.
    Device,
    /// Rituals: small predictable moments together.
    #[command(subcommand)]
    Ritual(RitualCommand),
    /// This device's reminder settings (quiet hours, hidden text).
    Settings {
        /// Quiet hours start, HH:MM (with --quiet-end).
        #[arg(long, requires = "quiet_end")]
        quiet_start: Option<String>,
        #[arg(long, requires = "quiet_start")]
        quiet_end: Option<String>,
        /// What happens to a reminder in quiet hours: move (to their end) or drop.
        #[arg(long, value_parser = ["move", "drop"], default_value = "move")]
        quiet_policy: String,
        /// Turn quiet hours off.
        #[arg(long, conflicts_with = "quiet_start")]
        no_quiet: bool,
        /// Content-free notifications ("A moment for the two of you"):
        /// true (the default on a new install) or false to show the text.
        #[arg(long)]
        hide_content: Option<bool>,
    },
    /// Boundaries: your own words, private or shared (read-only for your partner).
    #[command(subcommand)]
    Boundary(agreements::BoundaryCommand),
    /// Agreements: in effect only when both of you accepted the exact version.
    #[command(subcommand)]
    Agreement(agreements::AgreementCommand),
    /// Pause a heated talk with a committed time to come back.
    #[command(subcommand)]
    Pause(agreements::PauseCommand),
    /// Check in: temperature, capacity, a need; private unless --shared.
    Checkin(notebook::CheckIn),
    /// Send your partner a short appreciation.
    Appreciate { text: String },
    /// Note a repair attempt after tension.
    Repair(notebook::Repair),
    /// Your private pattern log: only you ever see it.
    #[command(subcommand)]
    Log(notebook::LogCommand),
    /// Today: what is due, what waits for your answer, a pause, the next reminder.
    Today,
    /// The rituals screen: each ritual's status from your side and what you
    /// can do now (the same screen the apps show); with an id, that
    /// ritual's own screen.
    Rituals {
        /// A ritual's id, as `ritual list` prints it.
        id: Option<String>,
        /// Every ritual that ever ended (without it: the 20 that ended most
        /// recently, as the phones show them first).
        #[arg(long, conflicts_with = "id")]
        all: bool,
    },
    /// The boundaries screen: yours (private or shared) and the ones your
    /// partner shared with you (the same screen the apps show).
    Boundaries,
    /// The agreements screen: each agreement's status from your side, the
    /// version in effect, versions waiting side by side with their buttons,
    /// and its history (the same screen the apps show).
    Agreements,
    /// The notebook: check-ins, appreciations, repairs and notes on rituals
    /// from both of you, newest day first.
    Notebook {
        #[arg(long, default_value_t = 4)]
        weeks: u32,
    },
    /// Insights over the last weeks, computed on this device (without
    /// --weeks, the period both apps show).
    Insights {
        #[arg(long)]
        weeks: Option<u32>,
    },
    /// The phrasebook and the I-statement builder.
    #[command(subcommand)]
    Phrases(notebook::PhrasesCommand),
    /// Export everything this device holds for you (sealed with a
    /// passphrase from TANDEM_PASSPHRASE or a prompt; --plaintext on request).
    Export {
        file: PathBuf,
        #[arg(long)]
        plaintext: bool,
    },
    /// Restore an export into a new, empty database (create it with `init`).
    Import { file: PathBuf },
    /// What your partner's phone holds about you, and your sharing changes.
    Visible {
        /// Everything, however long ago (without it: the newest 30 of each
        /// kind that grows and the newest 100 audit lines, as the phones
        /// show them first).
        #[arg(long)]
        all: bool,
    },
    /// Check the whole database for damage (like `git fsck`): changes that
    /// do not open, sealed values that do not open, state that differs from
    /// the log of changes. Changes nothing; exits non-zero when damaged.
    Check,
    /// Destroy this database and its key file.
    Wipe {
        /// Required: there is no undo.
        #[arg(long)]
        yes: bool,
    },
    /// Pair with your partner's phone by QR codes.
    #[command(subcommand)]
    Pair(pairing::PairCommand),
    /// Forget the pairing on this phone, silently; with the flags, a clean
    /// exit on this phone alone.
    Unpair(pairing::Unpair),
    /// The app lock the phone apps carry out (platform authentication after
    /// a grace time, and again before export, unpair and wipe).
    #[command(subcommand)]
    Lock(LockCommand),
    /// Exchange encrypted payloads with your partner's phone.
    #[command(subcommand)]
    Sync(syncing::SyncCommand),
    /// Play two partners on two temporary databases, end to end.
    Demo,
}

#[derive(Subcommand, Debug)]
enum RitualCommand {
    /// Add a personal ritual: yours alone, active at once, never synced.
    Add(Box<AddRitual>),
    /// Propose a shared ritual to your partner; it waits for their answer.
    Propose(Box<AddRitual>),
    /// List rituals, each version whole, and what a waiting one changes.
    List,
    /// One ritual whole: the version shown, a version waiting for an
    /// answer, and what it changes.
    Show {
        id: String,
    },
    /// Occurrences between two instants (default: the next 7 days).
    Upcoming {
        /// RFC 3339 start (default: now).
        #[arg(long)]
        from: Option<String>,
        /// RFC 3339 end (default: 7 days after the start).
        #[arg(long)]
        to: Option<String>,
    },
    /// Accept the version of a ritual that waits for your answer. With
    /// --version (the short id `ritual show` prints), only that version:
    /// refused if another one came in its place.
    Accept {
        id: String,
        #[arg(long)]
        version: Option<String>,
    },
    /// Decline a proposal or a suggested change (no reason needed).
    Decline {
        id: String,
        #[arg(long)]
        version: Option<String>,
    },
    /// Suggest another time or day ("would tomorrow work better?"): it
    /// starts from the version it answers (the one waiting, else the one in
    /// effect) and only the options given change; clearing a field takes a
    /// --no-... option. On a personal ritual, the change is made.
    Counter {
        id: String,
        #[command(flatten)]
        change: Box<ChangeRitual>,
    },
    /// Review a gentle experiment: keep it, adjust it (with the options
    /// given), or stop it.
    Review {
        id: String,
        #[arg(value_parser = ["keep", "adjust", "stop"])]
        outcome: String,
        #[command(flatten)]
        change: Box<ChangeRitual>,
    },
    /// Snooze one occurrence's reminder on this device.
    Snooze {
        id: String,
        date: String,
        /// Remind again in this many minutes (1 to 720).
        #[arg(long, default_value_t = 10)]
        minutes: u32,
    },
    /// Declare the rest week (Monday to Sunday) holding DATE for both of you
    /// (it rests your shared rituals, not your personal ones), or call it off
    /// with --off; without DATE, list the rest weeks.
    Rest {
        date: Option<String>,
        #[arg(long, requires = "date")]
        off: bool,
    },
    /// Pause an active ritual (either partner, any time).
    Pause {
        id: String,
    },
    Resume {
        id: String,
    },
    /// Retire a ritual for good.
    Retire {
        id: String,
    },
    /// Mark one occurrence done (DATE is its scheduled date, YYYY-MM-DD).
    /// On a shared ritual your partner reads the note and feeling after the
    /// next sync; on a personal one they stay on this phone.
    Done {
        id: String,
        date: String,
        /// A note: your partner reads it on a shared ritual.
        #[arg(long)]
        note: Option<String>,
        /// One feeling word: your partner reads it on a shared ritual.
        #[arg(long)]
        feeling: Option<String>,
    },
    /// This occurrence will not happen (no reason needed).
    Skip {
        id: String,
        date: String,
    },
    /// Move one occurrence to another time, this once.
    Move {
        id: String,
        date: String,
        /// The new start, RFC 3339.
        #[arg(long)]
        to: String,
    },
    /// Kept out of scheduled, last 7 and last 28 occurrences.
    Rhythm,
    /// The soonest reminders to arm on this device.
    Reminders {
        #[arg(long, default_value_t = 60)]
        limit: u32,
    },
    /// What a phone would cancel and arm to match the plan, worded as it
    /// would show them (the same call the apps run).
    Arm {
        /// Ids the phone holds armed now (repeat the flag for each).
        #[arg(long = "armed")]
        armed: Vec<String>,
        /// app-start, after-import, after-local-change, time-changed,
        /// zone-changed, boot, permission-changed, background-refresh or
        /// language-changed.
        #[arg(long, default_value = "app-start")]
        trigger: String,
        /// allowed, denied or not-asked.
        #[arg(long, default_value = "allowed")]
        notifications: String,
        /// As a phone without exact alarms (Android's "Alarms & reminders" off).
        #[arg(long)]
        inexact: bool,
    },
    /// Write the active shared rituals as an RFC 5545 calendar file.
    ExportIcs {
        file: PathBuf,
        /// Include your personal rituals too.
        #[arg(long)]
        include_personal: bool,
    },
}

#[derive(Args, Debug)]
#[command(group = clap::ArgGroup::new("zone_mode").required(true).args(["zone", "floating"]))]
struct AddRitual {
    #[arg(long)]
    title: String,
    /// Local time of day, HH:MM (24-hour).
    #[arg(long)]
    at: String,
    /// Duration in minutes (1 to 1440).
    #[arg(long)]
    minutes: u32,
    /// Fix the time to this IANA zone (the same instant for both partners).
    #[arg(long)]
    zone: Option<String>,
    /// Follow each device's current zone ("20:30 wherever I am").
    #[arg(long)]
    floating: bool,
    /// An optional prompt shown with the ritual.
    #[arg(long)]
    prompt: Option<String>,
    /// Repeat on these ISO weekdays (1 = Monday … 7 = Sunday), e.g. 1,3,5.
    #[arg(long, value_delimiter = ',', conflicts_with_all = ["every_days", "weekly", "monthly_day", "monthly_nth"])]
    weekdays: Option<Vec<u8>>,
    /// Repeat every N days from --start.
    #[arg(long, conflicts_with_all = ["weekly", "monthly_day", "monthly_nth"])]
    every_days: Option<u32>,
    /// Repeat once a week on --start's weekday.
    #[arg(long, conflicts_with_all = ["monthly_day", "monthly_nth"])]
    weekly: bool,
    /// Repeat monthly on this day (1 to 31).
    #[arg(long, conflicts_with = "monthly_nth")]
    monthly_day: Option<u32>,
    /// Repeat monthly on the nth (1 to 5, or -1 for last) --monthly-weekday.
    #[arg(long, requires = "monthly_weekday", allow_hyphen_values = true)]
    monthly_nth: Option<i32>,
    #[arg(long, requires = "monthly_nth")]
    monthly_weekday: Option<u8>,
    /// First date (YYYY-MM-DD).
    #[arg(long)]
    start: Option<String>,
    /// Last date (YYYY-MM-DD).
    #[arg(long, conflicts_with = "count")]
    until: Option<String>,
    /// Number of occurrences.
    #[arg(long)]
    count: Option<u32>,
    /// End of a window ("mid-day": --at 12:00 --window-end 14:00).
    #[arg(long)]
    window_end: Option<String>,
    /// A reminder this many minutes before the start (repeatable).
    #[arg(long = "remind")]
    remind: Vec<u32>,
    /// A gentle experiment: try it until this date (YYYY-MM-DD), then review.
    #[arg(long)]
    trial_until: Option<String>,
}

/// A change to a ritual: each option given replaces that part of the
/// version it answers; the rest stays. Clearing takes an explicit option.
#[derive(Args, Debug)]
struct ChangeRitual {
    #[arg(long)]
    title: Option<String>,
    /// Local time of day, HH:MM (24-hour).
    #[arg(long)]
    at: Option<String>,
    #[arg(long)]
    minutes: Option<u32>,
    #[arg(long, conflicts_with = "floating")]
    zone: Option<String>,
    #[arg(long)]
    floating: bool,
    #[arg(long, conflicts_with = "no_prompt")]
    prompt: Option<String>,
    /// No prompt any more.
    #[arg(long)]
    no_prompt: bool,
    /// Repeat every day.
    #[arg(long, conflicts_with_all = ["weekdays", "every_days", "weekly", "monthly_day", "monthly_nth"])]
    daily: bool,
    /// Repeat on these ISO weekdays (1 = Monday … 7 = Sunday), e.g. 1,3,5.
    #[arg(long, value_delimiter = ',', conflicts_with_all = ["every_days", "weekly", "monthly_day", "monthly_nth"])]
    weekdays: Option<Vec<u8>>,
    #[arg(long, conflicts_with_all = ["weekly", "monthly_day", "monthly_nth"])]
    every_days: Option<u32>,
    #[arg(long, conflicts_with_all = ["monthly_day", "monthly_nth"])]
    weekly: bool,
    /// Repeat monthly on this day (1 to 31).
    #[arg(long, conflicts_with = "monthly_nth")]
    monthly_day: Option<u32>,
    /// Repeat monthly on the nth (1 to 5, or -1 for last) --monthly-weekday.
    #[arg(long, requires = "monthly_weekday", allow_hyphen_values = true)]
    monthly_nth: Option<i32>,
    #[arg(long, requires = "monthly_nth")]
    monthly_weekday: Option<u8>,
    /// First date of the pattern (YYYY-MM-DD).
    #[arg(long)]
    start: Option<String>,
    /// Last date (YYYY-MM-DD); replaces a count.
    #[arg(long, conflicts_with_all = ["count", "no_end"])]
    until: Option<String>,
    /// Number of occurrences; replaces an end date.
    #[arg(long, conflicts_with = "no_end")]
    count: Option<u32>,
    /// No end date and no count: it goes on.
    #[arg(long)]
    no_end: bool,
    #[arg(long, conflicts_with = "no_window")]
    window_end: Option<String>,
    /// No window any more: one time of day.
    #[arg(long)]
    no_window: bool,
    /// Reminder lead times replace the old ones (repeatable).
    #[arg(long = "remind", conflicts_with = "no_remind")]
    remind: Vec<u32>,
    /// Back to one reminder at the start.
    #[arg(long)]
    no_remind: bool,
    /// A (new) trial end date.
    #[arg(long, conflicts_with = "no_trial")]
    trial_until: Option<String>,
    /// No trial: keep it for good.
    #[arg(long)]
    no_trial: bool,
}

/// Replaces `field` when `value` is given, clears it when `clear` is set.
fn edit_optional(field: &mut Option<String>, value: &Option<String>, clear: bool) {
    if value.is_some() {
        field.clone_from(value);
    }
    if clear {
        *field = None;
    }
}

impl ChangeRitual {
    fn apply(&self, mut d: RitualDraft) -> Result<RitualDraft> {
        if let Some(title) = &self.title {
            d.title.clone_from(title);
        }
        if let Some(at) = &self.at {
            d.time_of_day.clone_from(at);
        }
        if let Some(m) = self.minutes {
            d.minutes = m;
        }
        if let Some(z) = &self.zone {
            d.zone = ZoneMode::Fixed { zone: z.clone() };
        }
        if self.floating {
            d.zone = ZoneMode::Floating;
        }
        edit_optional(&mut d.prompt, &self.prompt, self.no_prompt);
        d.recurrence = Some(self.recurrence(d.recurrence.take())?);
        edit_optional(&mut d.window_end, &self.window_end, self.no_window);
        if !self.remind.is_empty() {
            d.lead_minutes.clone_from(&self.remind);
        }
        if self.no_remind {
            d.lead_minutes.clear();
        }
        edit_optional(&mut d.trial_until, &self.trial_until, self.no_trial);
        Ok(d)
    }

    fn repeat(&self) -> Result<Option<Repeat>> {
        Ok(if self.daily {
            Some(Repeat::Daily)
        } else if let Some(days) = &self.weekdays {
            Some(Repeat::Weekdays {
                days: weekdays(days)?,
            })
        } else if let Some(n) = self.every_days {
            Some(Repeat::EveryNDays { n })
        } else if self.weekly {
            Some(Repeat::Weekly)
        } else if let Some(day) = self.monthly_day {
            Some(Repeat::MonthlyOnDay { day })
        } else if let (Some(nth), Some(weekday)) = (self.monthly_nth, self.monthly_weekday) {
            Some(Repeat::MonthlyOnWeekday {
                nth,
                weekday: Weekday::from_iso(weekday).map_err(|e| CliError::Core(e.into()))?,
            })
        } else {
            None
        })
    }

    /// The recurrence answered, with only the parts given replaced: a new
    /// pattern keeps the start and the end unless they are given too.
    fn recurrence(&self, answered: Option<Recurrence>) -> Result<Recurrence> {
        let mut r = answered.unwrap_or(Recurrence {
            repeat: Repeat::Daily,
            start_date: None,
            until_date: None,
            count: None,
        });
        if let Some(repeat) = self.repeat()? {
            r.repeat = repeat;
        }
        if self.start.is_some() {
            r.start_date.clone_from(&self.start);
        }
        if self.until.is_some() {
            r.until_date.clone_from(&self.until);
            r.count = None;
        }
        if self.count.is_some() {
            r.count = self.count;
            r.until_date = None;
        }
        if self.no_end {
            r.until_date = None;
            r.count = None;
        }
        Ok(r)
    }
}

fn weekdays(days: &[u8]) -> Result<Vec<Weekday>> {
    days.iter()
        .map(|&n| Weekday::from_iso(n).map_err(|e| CliError::Core(e.into())))
        .collect()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let out = Out::new(cli.json);
    output::set_zone(&device_zone(&cli).unwrap_or_else(|_| "UTC".into()));
    match run(&cli, &out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            out.error(&e);
            ExitCode::FAILURE
        }
    }
}

/// What can go wrong in the shell: the core's error or the shell's own.
#[derive(Debug)]
pub enum CliError {
    Core(TandemError),
    Usage(String),
    /// `check` found this many problems (already printed).
    Damaged(usize),
}

impl From<TandemError> for CliError {
    fn from(e: TandemError) -> Self {
        CliError::Core(e)
    }
}

type Result<T> = std::result::Result<T, CliError>;

/// Writes a file the way every file Tandem writes is written: whole or not
/// at all, the previous file intact until the new one is complete.
pub fn save(path: &Path, bytes: &[u8], access: tandem_ffi::FileAccess) -> Result<()> {
    tandem_ffi::write_file_at(path, bytes, access).map_err(|e| {
        let reason = match &e {
            TandemError::Storage { reason } | TandemError::InvalidInput { reason } => {
                reason.clone()
            }
            other => other.to_string(),
        };
        CliError::Usage(format!("cannot write {}: {reason}", path.display()))
    })
}

fn run(cli: &Cli, out: &Out) -> Result<()> {
    match &cli.command {
        Command::Init { name } => {
            if cli.db.exists() {
                return Err(CliError::Usage(format!(
                    "{} already exists; remove it first to start over",
                    cli.db.display()
                )));
            }
            let key = keys::create(&cli.db)?;
            let t = open(cli, key, Some(name.clone()))?;
            let device = t.device()?;
            t.close()?;
            out.print(
                &format!(
                    "Created {} for \"{}\" (device {}).",
                    cli.db.display(),
                    device.name,
                    device.device_id
                ),
                json!({"db": cli.db, "device_id": device.device_id, "name": device.name}),
            );
        }
        Command::Device => {
            let t = open_existing(cli)?;
            let device = t.device()?;
            t.close()?;
            out.print(
                &format!("{} ({})", device.name, device.device_id),
                json!({"device_id": device.device_id, "name": device.name}),
            );
        }
        Command::Ritual(cmd) => ritual(cli, out, cmd)?,
        Command::Settings {
            quiet_start,
            quiet_end,
            quiet_policy,
            no_quiet,
            hide_content,
        } => with_existing(cli, |t| {
            let mut s = t.reminder_settings()?;
            if let (Some(start), Some(end)) = (quiet_start, quiet_end) {
                s.quiet = Some(tandem_ffi::QuietHours {
                    start: start.clone(),
                    end: end.clone(),
                    policy: if quiet_policy == "drop" {
                        tandem_ffi::QuietPolicy::Drop
                    } else {
                        tandem_ffi::QuietPolicy::MoveToEnd
                    },
                });
            }
            if *no_quiet {
                s.quiet = None;
            }
            if let Some(h) = hide_content {
                s.hide_content = *h;
            }
            t.set_reminder_settings(s.clone())?;
            let quiet = s.quiet.as_ref().map(|q| {
                json!({"start": q.start, "end": q.end, "policy": if q.policy == tandem_ffi::QuietPolicy::Drop { "drop" } else { "move" }})
            });
            out.print(
                &format!(
                    "Quiet hours: {}. Notification text: {}.",
                    s.quiet
                        .as_ref()
                        .map(|q| format!("{} to {}", q.start, q.end))
                        .unwrap_or_else(|| "off".into()),
                    if s.hide_content { "hidden" } else { "shown" }
                ),
                json!({"quiet": quiet, "hide_content": s.hide_content}),
            );
            Ok(())
        })?,
        Command::Boundary(cmd) => with_existing(cli, |t| agreements::boundary(t, out, cmd))?,
        Command::Agreement(cmd) => with_existing(cli, |t| agreements::agreement(t, out, cmd))?,
        Command::Pause(cmd) => {
            let zone = device_zone(cli)?;
            with_existing(cli, |t| agreements::pause(t, out, &zone, cmd))?
        }
        Command::Checkin(c) => {
            let zone = device_zone(cli)?;
            with_existing(cli, |t| notebook::check_in(t, out, &zone, c))?
        }
        Command::Appreciate { text } => with_existing(cli, |t| notebook::appreciate(t, out, text))?,
        Command::Repair(r) => with_existing(cli, |t| notebook::repair(t, out, r))?,
        Command::Log(cmd) => {
            let now = now_ms(cli)?;
            with_existing(cli, |t| notebook::log(t, out, now, cmd))?
        }
        Command::Today => {
            let zone = device_zone(cli)?;
            with_existing(cli, |t| today::today(t, out, zone))?
        }
        Command::Rituals { id: None, all } => {
            let zone = device_zone(cli)?;
            with_existing(cli, |t| today::rituals(t, out, zone, *all))?
        }
        Command::Rituals { id: Some(id), .. } => {
            let zone = device_zone(cli)?;
            with_existing(cli, |t| today::ritual(t, out, id, zone))?
        }
        Command::Boundaries => {
            let zone = device_zone(cli)?;
            with_existing(cli, |t| agreements::boundaries_screen(t, out, zone))?
        }
        Command::Agreements => {
            let zone = device_zone(cli)?;
            with_existing(cli, |t| agreements::screen(t, out, zone))?
        }
        Command::Notebook { weeks } => {
            let zone = device_zone(cli)?;
            with_existing(cli, |t| notebook::notebook(t, out, *weeks, zone))?
        }
        Command::Insights { weeks } => {
            let zone = device_zone(cli)?;
            with_existing(cli, |t| notebook::insights(t, out, *weeks, zone))?
        }
        Command::Phrases(cmd) => with_existing(cli, |t| notebook::phrases(t, out, cmd))?,
        Command::Export { file, plaintext } => {
            with_existing(cli, |t| notebook::export(t, out, file, *plaintext))?
        }
        Command::Import { file } => with_existing(cli, |t| notebook::import(t, out, file))?,
        Command::Visible { all } => {
            let zone = device_zone(cli)?;
            with_existing(cli, |t| notebook::visible(t, out, zone, *all))?
        }
        Command::Check => {
            let t = open_existing(cli)?;
            let report = t.check_store();
            t.close()?;
            let report = report?;
            output::check_report(out, &report);
            if !report.ok {
                return Err(CliError::Damaged(report.findings.len()));
            }
        }
        Command::Wipe { yes } => {
            if !yes {
                return Err(CliError::Usage(
                    "wipe destroys this database and its key for good; add --yes".into(),
                ));
            }
            let t = open_existing(cli)?;
            t.wipe()?;
            let key = keys::key_path(&cli.db);
            if key.exists() {
                std::fs::remove_file(&key).map_err(|e| {
                    CliError::Usage(format!("cannot remove {}: {e}", key.display()))
                })?;
            }
            out.print(
                &format!("Wiped {} and its key.", cli.db.display()),
                json!({"wiped": cli.db}),
            );
        }
        Command::Pair(cmd) => {
            let zone = device_zone(cli)?;
            with_existing(cli, |t| pairing::run(t, out, &zone, cmd))?
        }
        Command::Unpair(args) => with_existing(cli, |t| pairing::unpair(t, out, args))?,
        Command::Lock(cmd) => with_existing(cli, |t| lock(t, out, cmd))?,
        Command::Sync(cmd) => {
            let zone = device_zone(cli)?;
            with_existing(cli, |t| syncing::run(t, out, &zone, cmd))?
        }
        Command::Demo => demo::run(out)?,
    }
    Ok(())
}

#[derive(Subcommand, Debug)]
enum LockCommand {
    /// Whether the lock is on, and its grace time.
    Status,
    /// Ask for the phone's own authentication after AFTER seconds away
    /// (0 to 3600; 0: every time) and before export, unpair and wipe.
    On {
        #[arg(long, default_value_t = 60)]
        after: u32,
    },
    Off,
}

fn lock(t: &Tandem, out: &Out, cmd: &LockCommand) -> Result<()> {
    match cmd {
        LockCommand::On { after } => t.set_app_lock(AppLock::On {
            after_seconds: *after,
        })?,
        LockCommand::Off => t.set_app_lock(AppLock::Off)?,
        LockCommand::Status => {}
    }
    let value = match t.app_lock()? {
        AppLock::Off => json!({"lock": "off"}),
        AppLock::On { after_seconds } => json!({"lock": "on", "after_seconds": after_seconds}),
    };
    // The settings screen the apps show: the lock's choices, the one in
    // effect marked, and after unpairing the clean exit.
    let s = t.settings_screen()?;
    let mut lines = vec![s.lock_heading, s.lock_hint];
    lines.extend(
        s.lock_choices
            .iter()
            .map(|c| format!("{} {}", if c.chosen { "•" } else { " " }, c.label)),
    );
    if let Some(exit) = s.clean_exit {
        lines.push(String::new());
        lines.extend([exit.heading, exit.note]);
        lines.extend(exit.done);
        lines.extend(
            exit.offers
                .iter()
                .map(|o| format!("- {}: {}", o.label, o.explanation)),
        );
    }
    out.print(&lines.join("\n"), value);
    Ok(())
}

impl AddRitual {
    fn repeat(&self) -> Result<Option<Repeat>> {
        Ok(if let Some(days) = &self.weekdays {
            Some(Repeat::Weekdays {
                days: weekdays(days)?,
            })
        } else if let Some(n) = self.every_days {
            Some(Repeat::EveryNDays { n })
        } else if self.weekly {
            Some(Repeat::Weekly)
        } else if let Some(day) = self.monthly_day {
            Some(Repeat::MonthlyOnDay { day })
        } else if let (Some(nth), Some(weekday)) = (self.monthly_nth, self.monthly_weekday) {
            Some(Repeat::MonthlyOnWeekday {
                nth,
                weekday: Weekday::from_iso(weekday).map_err(|e| CliError::Core(e.into()))?,
            })
        } else if self.start.is_some() || self.until.is_some() || self.count.is_some() {
            Some(Repeat::Daily)
        } else {
            None
        })
    }

    fn draft(&self) -> Result<RitualDraft> {
        Ok(RitualDraft {
            title: self.title.clone(),
            prompt: self.prompt.clone(),
            minutes: self.minutes,
            time_of_day: self.at.clone(),
            zone: match &self.zone {
                Some(z) => ZoneMode::Fixed { zone: z.clone() },
                None => ZoneMode::Floating,
            },
            recurrence: self.repeat()?.map(|repeat| Recurrence {
                repeat,
                start_date: self.start.clone(),
                until_date: self.until.clone(),
                count: self.count,
            }),
            window_end: self.window_end.clone(),
            lead_minutes: self.remind.clone(),
            trial_until: self.trial_until.clone(),
        })
    }
}

/// Checks a ritual's draft with the core, as the apps' forms do: the draft
/// to send, or an invalid-input error with each field's words after the
/// option it came from. `base`: the ritual a change is for, and whether it
/// is a trial's adjustment.
fn checked(t: &Tandem, draft: RitualDraft, base: Option<(&String, bool)>) -> Result<RitualDraft> {
    let c = t.check_ritual_form(
        draft.into(),
        base.map(|(id, _)| id.clone()),
        base.is_some_and(|(_, adjust)| adjust),
    )?;
    if let Some(draft) = c.draft {
        return Ok(draft);
    }
    let fields = [
        ("--title", c.title),
        ("--prompt", c.prompt),
        ("--minutes", c.minutes),
        ("--at", c.time_of_day),
        ("--zone", c.zone),
        ("repeat", c.repeat),
        ("--start", c.start_date),
        ("--until/--count", c.end),
        ("--window-end", c.window_end),
        ("--remind", c.lead_minutes),
        ("--trial-until", c.trial_until),
    ];
    let said: Vec<String> = fields
        .into_iter()
        .filter_map(|(option, words)| words.map(|w| format!("{option}: {w}")))
        .chain(c.form)
        .collect();
    Err(CliError::Core(TandemError::InvalidInput {
        reason: said.join("\n"),
    }))
}

fn ritual(cli: &Cli, out: &Out, cmd: &RitualCommand) -> Result<()> {
    with_existing(cli, |t| ritual_command(cli, out, t, cmd))
}

fn ritual_command(cli: &Cli, out: &Out, t: &Tandem, cmd: &RitualCommand) -> Result<()> {
    let me = t.device()?.device_id;
    let show = |verb: &str, r: tandem_ffi::Ritual| {
        out.print(
            &format!("{verb}: {}", output::ritual_line(&r, &me)),
            output::ritual_json(&r, &me),
        );
    };
    match cmd {
        RitualCommand::Add(a) => show(
            "Added",
            t.add_personal_ritual(checked(t, a.draft()?, None)?)?,
        ),
        RitualCommand::Propose(a) => {
            show("Proposed", t.propose_ritual(checked(t, a.draft()?, None)?)?)
        }
        RitualCommand::Accept { id, version } => show(
            "Accepted",
            match version {
                Some(v) => t.accept_ritual_version(id.clone(), v.clone())?,
                None => t.accept_ritual(id.clone())?,
            },
        ),
        RitualCommand::Decline { id, version } => show(
            "Declined",
            match version {
                Some(v) => t.decline_ritual_version(id.clone(), v.clone())?,
                None => t.decline_ritual(id.clone())?,
            },
        ),
        RitualCommand::Show { id } => {
            let r = t
                .rituals()?
                .into_iter()
                .find(|r| r.id == *id)
                .ok_or_else(|| {
                    CliError::Core(TandemError::NotFound {
                        reason: "no ritual has this id".into(),
                    })
                })?;
            out.print(&output::ritual_text(&r, &me), output::ritual_json(&r, &me));
        }
        RitualCommand::Counter { id, change } => {
            let draft = change.apply(t.ritual_draft(id.clone())?)?;
            let r = t.counter_ritual(id.clone(), checked(t, draft, Some((id, false)))?)?;
            show(if r.personal { "Changed" } else { "Suggested" }, r)
        }
        RitualCommand::Review {
            id,
            outcome,
            change,
        } => {
            let (verb, outcome) = match outcome.as_str() {
                "keep" => ("Keeping", ReviewOutcome::Keep),
                "stop" => ("Stopped", ReviewOutcome::Stop),
                _ => (
                    "Adjusting",
                    ReviewOutcome::Adjust {
                        draft: checked(
                            t,
                            change.apply(t.ritual_draft(id.clone())?)?,
                            Some((id, true)),
                        )?,
                    },
                ),
            };
            show(verb, t.review_ritual(id.clone(), outcome)?)
        }
        RitualCommand::Snooze { id, date, minutes } => {
            let until = t.snooze_reminder(id.clone(), date.clone(), *minutes, device_zone(cli)?)?;
            out.print(
                &format!("Snoozed until {}.", output::local(until)),
                json!({"id": id, "date": date, "until": output::rfc3339(until)}),
            );
        }
        RitualCommand::Rest { date, off } => {
            let zone = device_zone(cli)?;
            match date {
                Some(d) if *off => {
                    let monday = t.call_off_rest_week(d.clone(), zone)?;
                    out.print(
                        &format!("The week of {monday} is no longer a rest week."),
                        json!({"week": monday, "rest": false}),
                    );
                }
                Some(d) => {
                    let monday = t.declare_rest_week(d.clone(), zone)?;
                    out.print(
                        &format!(
                            "The week of {monday} is a rest week: your shared rituals rest, nothing in them counts as missed."
                        ),
                        json!({"week": monday, "rest": true}),
                    );
                }
                None => {
                    let weeks = t.rest_weeks()?;
                    let text = if weeks.is_empty() {
                        "No rest weeks.".to_owned()
                    } else {
                        weeks
                            .iter()
                            .map(|w| format!("week of {w}"))
                            .collect::<Vec<_>>()
                            .join("\n")
                    };
                    out.print(&text, json!(weeks));
                }
            }
        }
        RitualCommand::Pause { id } => show("Paused", t.pause_ritual(id.clone())?),
        RitualCommand::Resume { id } => show("Resumed", t.resume_ritual(id.clone())?),
        RitualCommand::Retire { id } => show("Retired", t.retire_ritual(id.clone())?),
        RitualCommand::Done {
            id,
            date,
            note,
            feeling,
        } => {
            let done = perform(
                t,
                cli,
                tandem_ffi::UserAction::MarkDone {
                    ritual_id: id.clone(),
                    date: date.clone(),
                    note: note.clone(),
                    feeling: feeling.clone(),
                },
            )?;
            // The core says whether the words travel; the terminal adds
            // nothing of its own.
            let said = done.notice.map(|n| format!(" {n}")).unwrap_or_default();
            let shared =
                !said.is_empty() && t.rituals()?.iter().any(|r| r.id == *id && !r.personal);
            out.print(
                &format!("Done: {date}.{said}"),
                json!({"id": id, "date": date, "status": "done", "words_shared": shared, "to_send": done.to_send}),
            );
        }
        RitualCommand::Skip { id, date } => {
            t.skip_occurrence(id.clone(), date.clone())?;
            out.print(
                &format!("Skipped: {date}."),
                json!({"id": id, "date": date, "status": "skipped"}),
            );
        }
        RitualCommand::Move { id, date, to } => {
            t.move_occurrence(id.clone(), date.clone(), parse_instant(to)?)?;
            out.print(
                &format!("Moved {date} to {to}."),
                json!({"id": id, "date": date, "to": to}),
            );
        }
        RitualCommand::Rhythm => {
            let rhythm = t.rhythm(device_zone(cli)?)?;
            let text = if rhythm.is_empty() {
                "No rituals in effect yet.".to_owned()
            } else {
                let mut lines: Vec<String> = rhythm.iter().map(output::rhythm_line).collect();
                if let Some(at) = t.shared_figures_as_of()? {
                    lines.push(format!(
                        "Shared rituals count up to the latest shared change, {}.",
                        output::local(at)
                    ));
                }
                lines.join("\n")
            };
            out.print(
                &text,
                serde_json::Value::Array(
                    rhythm
                        .iter()
                        .map(|r| json!({
                            "ritual_id": r.ritual_id, "title": r.title,
                            "kept_last_7": r.kept_last_7, "scheduled_last_7": r.scheduled_last_7,
                            "kept_last_28": r.kept_last_28, "scheduled_last_28": r.scheduled_last_28,
                        }))
                        .collect(),
                ),
            );
        }
        RitualCommand::Reminders { limit } => {
            let plan = t.plan_reminders(device_zone(cli)?, *limit)?;
            let text = if plan.is_empty() {
                "No reminders: nothing active yet.".to_owned()
            } else {
                plan.iter()
                    .map(output::reminder_line)
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            out.print(
                &text,
                serde_json::Value::Array(plan.iter().map(output::reminder_json).collect()),
            );
        }
        RitualCommand::Arm {
            armed,
            trigger,
            notifications,
            inexact,
        } => {
            let access = output::reminder_access(notifications, !*inexact)?;
            let trigger = output::replan_trigger(trigger)?;
            let work = t.arm_reminders(device_zone(cli)?, trigger, armed.clone(), access)?;
            out.print(&output::arming_text(&work), output::arming_json(&work));
        }
        RitualCommand::ExportIcs {
            file,
            include_personal,
        } => {
            let ics = t.export_ics(*include_personal)?;
            save(file, ics.as_bytes(), tandem_ffi::FileAccess::Shared)?;
            let events = ics.matches("BEGIN:VEVENT").count();
            out.print(
                &format!(
                    "Wrote {} ({events} active ritual{}).",
                    file.display(),
                    if events == 1 { "" } else { "s" }
                ),
                json!({"file": file, "events": events}),
            );
        }
        RitualCommand::List => {
            let rituals = t.rituals()?;
            let due: Vec<String> = t
                .reviews_due(device_zone(cli)?)?
                .into_iter()
                .map(|r| r.id)
                .collect();
            let text = if rituals.is_empty() {
                "No rituals yet. Add your own with `tandem ritual add`, or invite your partner with `tandem ritual propose`.".to_owned()
            } else {
                rituals
                    .iter()
                    .map(|r| {
                        let text = output::ritual_text(r, &me);
                        if due.contains(&r.id) {
                            // On the ritual's own line, before its versions.
                            text.replacen('\n', "  review due: keep, adjust or stop?\n", 1)
                        } else {
                            text
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            out.print(
                &text,
                serde_json::Value::Array(
                    rituals
                        .iter()
                        .map(|r| {
                            let mut v = output::ritual_json(r, &me);
                            v["review_due"] = json!(due.contains(&r.id));
                            v
                        })
                        .collect(),
                ),
            );
        }
        RitualCommand::Upcoming { from, to } => {
            let from_ms = match from {
                Some(f) => parse_instant(f)?,
                None => now_ms(cli)?,
            };
            let to_ms = match to {
                Some(t) => parse_instant(t)?,
                None => from_ms + 7 * 86_400_000,
            };
            let occ = t.upcoming(from_ms, to_ms, device_zone(cli)?)?;
            let text = if occ.is_empty() {
                "Nothing scheduled in that range.".to_owned()
            } else {
                occ.iter()
                    .map(output::occurrence_line)
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            out.print(
                &text,
                serde_json::Value::Array(occ.iter().map(output::occurrence_json).collect()),
            );
        }
    }
    Ok(())
}

fn parse_instant(text: &str) -> Result<i64> {
    chrono::DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.timestamp_millis())
        .map_err(|_| {
            CliError::Usage(
                "times must be RFC 3339 with an offset, like 2027-03-14T08:00:00Z".into(),
            )
        })
}

fn now_ms(cli: &Cli) -> Result<i64> {
    match &cli.now {
        Some(n) => parse_instant(n),
        None => Ok(chrono::Utc::now().timestamp_millis()),
    }
}

/// An action as the phones perform it: the terminal arms no reminders
/// (`tandem ritual arm` shows what a phone would), so it stands as a phone
/// with everything allowed and nothing armed.
fn perform(
    t: &Tandem,
    cli: &Cli,
    action: tandem_ffi::UserAction,
) -> Result<tandem_ffi::ActionOutcome> {
    let phone = tandem_ffi::PhoneNow {
        zone: device_zone(cli)?,
        armed: Vec::new(),
        access: tandem_ffi::ReminderAccess {
            notifications: tandem_ffi::NotificationPermission::Allowed,
            exact_alarms: true,
            holds_alarms_when_off: true,
            lists_pending: true,
        },
    };
    Ok(t.perform(action, phone)?)
}

fn device_zone(cli: &Cli) -> Result<String> {
    match &cli.device_zone {
        Some(z) => Ok(z.clone()),
        None => Ok(keys::system_zone()),
    }
}

fn open(cli: &Cli, key: Vec<u8>, name: Option<String>) -> Result<Arc<Tandem>> {
    let path = cli.db.to_string_lossy().into_owned();
    let t = match &cli.now {
        Some(n) => Tandem::open_with_clock(path, key, name, ManualClock::new(parse_instant(n)?))?,
        None => Tandem::open(path, key, name)?,
    };
    if let Some(tag) = locale_tag(cli)
        && let Err(e) = t.set_locale(tag)
    {
        let _ = t.close();
        return Err(e.into());
    }
    Ok(t)
}

/// The language to word screens in: `--lang`, else the first of LC_ALL,
/// LC_MESSAGES and LANG that is set and not empty (POSIX's order). An
/// environment value the core refuses (too long, control characters) is
/// left aside, and the screens stay in English; a refused `--lang` is an
/// error.
fn locale_tag(cli: &Cli) -> Option<String> {
    if let Some(tag) = &cli.lang {
        return Some(tag.clone());
    }
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|v| !v.trim().is_empty())
        .filter(|v| tag_is_sane(v))
}

/// What the core takes as a tag (1 to 35 characters, no control
/// characters), checked here so a strange environment never stops the CLI.
fn tag_is_sane(tag: &str) -> bool {
    let tag = tag.trim();
    !tag.is_empty() && tag.chars().count() <= 35 && !tag.chars().any(char::is_control)
}

/// Opens the database, runs `f`, and closes it whatever `f` returned.
fn with_existing(cli: &Cli, f: impl FnOnce(&Tandem) -> Result<()>) -> Result<()> {
    let t = open_existing(cli)?;
    let result = f(&t);
    t.close()?;
    result
}

fn open_existing(cli: &Cli) -> Result<Arc<Tandem>> {
    if !cli.db.exists() {
        return Err(CliError::Usage(format!(
            "no database at {}; create one with `tandem init --name NAME`",
            cli.db.display()
        )));
    }
    let key = keys::load(&cli.db)?;
    open(cli, key, None)
}
