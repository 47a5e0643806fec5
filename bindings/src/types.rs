//! Records and enums that cross the FFI, and their conversions from the core.

use tandem_core::{Occurrence as CoreOccurrence, Ritual as CoreRitual};

/// Which zone a ritual's time of day is read in.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ZoneMode {
    /// Each device's current zone: "20:30 wherever I am".
    Floating,
    /// One IANA zone for both partners ("Europe/Berlin").
    Fixed { zone: String },
}

/// A day of the week. An enum rather than a number so a list of them
/// compares by value in every language (a Kotlin ByteArray would not).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, uniffi::Enum)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub(crate) const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// From its ISO number, 1 = Monday … 7 = Sunday.
    pub fn from_iso(n: u8) -> Result<Self, tandem_core::Error> {
        n.checked_sub(1)
            .and_then(|i| Self::ALL.get(usize::from(i)).copied())
            .ok_or_else(|| {
                tandem_core::Error::invalid(format!(
                    "a weekday is 1 (Monday) to 7 (Sunday), got {n}"
                ))
            })
    }

    pub fn iso(self) -> u8 {
        self as u8 + 1
    }
}

/// How often a ritual repeats.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum Repeat {
    Daily,
    Weekdays {
        days: Vec<Weekday>,
    },
    /// Every n days from the start date.
    EveryNDays {
        n: u32,
    },
    /// Once a week, on the start date's weekday.
    Weekly,
    /// On this day of every month (1 to 31; months without it are skipped).
    MonthlyOnDay {
        day: u32,
    },
    /// On the nth (1 to 5) or last (-1) weekday of every month.
    MonthlyOnWeekday {
        nth: i32,
        weekday: Weekday,
    },
}

/// A recurrence with its dates ("YYYY-MM-DD").
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Recurrence {
    pub repeat: Repeat,
    /// Required for every-n-days and weekly; else the day before proposing.
    #[uniffi(default = None)]
    pub start_date: Option<String>,
    /// The last date with an occurrence (not with `count`).
    #[uniffi(default = None)]
    pub until_date: Option<String>,
    /// At most this many occurrences (not with `until_date`).
    #[uniffi(default = None)]
    pub count: Option<u32>,
}

/// A new ritual as typed by a person; the core validates every field.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RitualDraft {
    /// 1 to 80 characters.
    pub title: String,
    /// Up to 500 characters; empty means none.
    pub prompt: Option<String>,
    /// 1 to 1440.
    pub minutes: u32,
    /// "HH:MM", 24-hour clock: the time, or the start of a window.
    pub time_of_day: String,
    pub zone: ZoneMode,
    /// None: every day.
    #[uniffi(default = None)]
    pub recurrence: Option<Recurrence>,
    /// "HH:MM": the end of a window ("mid-day"); the reminder is at its start.
    #[uniffi(default = None)]
    pub window_end: Option<String>,
    /// Reminders this many minutes before the start (0 to 1440, at most four);
    /// empty means one reminder at the start.
    #[uniffi(default = [])]
    pub lead_minutes: Vec<u32>,
    /// "YYYY-MM-DD": a gentle experiment, tried until this date (after
    /// today, within a year) and then reviewed together.
    #[uniffi(default = None)]
    pub trial_until: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum RitualStatus {
    /// Proposed; waiting for an answer (never shown as a failure).
    Proposed,
    /// Another time or day was suggested; waiting for an answer.
    Countered,
    /// Both accepted this version.
    Active,
    /// Paused by either partner; no occurrences until resumed.
    Paused,
    /// Declined (no reason needed).
    Declined,
    Retired,
}

/// One field of a version in words, as the core phrases it ("Mon to Thu",
/// "a window until 14:00"): what a screen lists before someone accepts.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FieldText {
    /// A stable key: "repeat", "time_of_day", "cool_down_minutes", ...
    pub field: String,
    /// The word a person reads before the value ("repeats", "time").
    pub label: String,
    pub text: String,
}

/// One field a waiting version changes, against the version in effect (or
/// the version it answers when nothing is in effect yet).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FieldChange {
    pub field: String,
    pub label: String,
    pub before: String,
    pub after: String,
    /// "repeats: Tue and Thu instead of every day".
    pub summary: String,
}

impl From<tandem_core::difference::FieldValue> for FieldText {
    fn from(v: tandem_core::difference::FieldValue) -> Self {
        FieldText {
            field: v.field.key().to_owned(),
            label: v.field.label().to_owned(),
            text: v.text,
        }
    }
}

impl From<tandem_core::difference::FieldChange> for FieldChange {
    fn from(c: tandem_core::difference::FieldChange) -> Self {
        FieldChange {
            field: c.field.key().to_owned(),
            label: c.field.label().to_owned(),
            summary: c.summary(),
            before: c.before,
            after: c.after,
        }
    }
}

/// A version that waits for an answer: a proposal, a counter, an amendment.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PendingChange {
    pub title: String,
    pub prompt: Option<String>,
    pub minutes: u32,
    pub time_of_day: String,
    pub zone: ZoneMode,
    pub recurrence: Recurrence,
    pub window_end: Option<String>,
    pub lead_minutes: Vec<u32>,
    pub trial_until: Option<String>,
    /// Device id (hex) of its author.
    pub by: String,
    /// Its content hash (32 hex); the first 8 characters name it.
    #[uniffi(default = "")]
    pub version: String,
    /// Every field in words, for reading it whole before answering.
    #[uniffi(default = [])]
    pub terms: Vec<FieldText>,
    /// What it changes against the version in effect (or, before anything
    /// took effect, the version it answers); empty for a first proposal.
    #[uniffi(default = [])]
    pub changes: Vec<FieldChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Ritual {
    pub id: String,
    pub title: String,
    pub prompt: Option<String>,
    pub minutes: u32,
    pub time_of_day: String,
    pub zone: ZoneMode,
    /// Device id (hex) of the proposer.
    pub proposed_by: String,
    pub proposed_at_ms: i64,
    pub status: RitualStatus,
    pub recurrence: Recurrence,
    pub window_end: Option<String>,
    /// Minutes before the start when reminders come.
    pub lead_minutes: Vec<u32>,
    /// A version waiting for an answer, if any. Its answer is awaited from
    /// the device that did not author it (compare `by` with `device()`), so
    /// the record is the same on both phones.
    pub pending: Option<PendingChange>,
    /// A gentle experiment's last day ("YYYY-MM-DD"); `reviews_due` says
    /// when its review is due.
    pub trial_until: Option<String>,
    /// The author's own: active at once, never synced, needs no answer.
    pub personal: bool,
    /// The content hash (32 hex) of the version shown; the first 8
    /// characters name it.
    #[uniffi(default = "")]
    pub version: String,
    /// The version shown, every field in words.
    #[uniffi(default = [])]
    pub terms: Vec<FieldText>,
}

/// One occurrence of a ritual.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Occurrence {
    pub ritual_id: String,
    pub title: String,
    /// Start as Unix milliseconds (UTC).
    pub start_ms: i64,
    pub end_ms: i64,
    /// Start as RFC 3339 with the zone's offset: "2027-03-14T03:30:00-04:00".
    pub start: String,
    /// Wall-clock start in `zone`: "2027-03-14 03:30".
    pub local_start: String,
    /// The IANA zone the ritual's time is defined in: its fixed zone, or the
    /// device zone for a floating ritual.
    pub zone: String,
    /// `zone`'s offset from UTC at the start, in minutes.
    pub utc_offset_minutes: i32,
    /// Wall-clock start on this device (in the `device_zone` passed in).
    pub device_local_start: String,
    /// The device zone's offset from UTC at the start, in minutes.
    pub device_utc_offset_minutes: i32,
    /// The occurrence's scheduled local date ("YYYY-MM-DD"): its key for
    /// marking it done, skipped or moved.
    pub date: String,
    pub status: OccurrenceStatus,
    /// Moved to another time this once (the start shows where).
    pub moved: bool,
    /// In a rest week (shared rituals only): counts as neither kept nor
    /// missed; no reminders.
    pub resting: bool,
    /// Of a personal ritual (never synced).
    pub personal: bool,
    /// The notes and feelings left when it was marked done, first marker
    /// first: on a shared ritual both partners read both partners' words.
    pub said: Vec<Said>,
}

/// A note and a feeling one partner left on a done occurrence.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Said {
    /// Left by this phone's person.
    pub mine: bool,
    pub note: Option<String>,
    pub feeling: Option<String>,
}

/// How a gentle experiment's review ends. (Boxing the draft would not cross
/// the FFI; the size of a value that is built once per review is no concern.)
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ReviewOutcome {
    /// Keep it as it is, for good (a shared one once the partner accepts).
    Keep,
    /// Keep it changed; the draft may carry a new trial end.
    Adjust { draft: RitualDraft },
    /// Stop it (retired); either partner may, alone.
    Stop,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum OccurrenceStatus {
    Scheduled,
    Done,
    Skipped,
}

/// Kept out of scheduled over the last 7 and 28 occurrences of a ritual in
/// effect: a rolling rhythm, never a streak.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Rhythm {
    pub ritual_id: String,
    pub title: String,
    pub kept_last_7: u32,
    pub scheduled_last_7: u32,
    pub kept_last_28: u32,
    pub scheduled_last_28: u32,
}

impl From<tandem_core::rituals::Rhythm> for Rhythm {
    fn from(r: tandem_core::rituals::Rhythm) -> Self {
        Rhythm {
            ritual_id: r.ritual_id,
            title: r.title,
            kept_last_7: r.kept_last_7,
            scheduled_last_7: r.scheduled_last_7,
            kept_last_28: r.kept_last_28,
            scheduled_last_28: r.scheduled_last_28,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DeviceInfo {
    /// 32 hex characters, made at random on first open.
    pub device_id: String,
    pub name: String,
}

impl From<tandem_core::ZoneMode> for ZoneMode {
    fn from(z: tandem_core::ZoneMode) -> Self {
        match z.name() {
            None => ZoneMode::Floating,
            Some(name) => ZoneMode::Fixed {
                zone: name.to_owned(),
            },
        }
    }
}

impl From<RitualDraft> for tandem_core::RitualDraft {
    fn from(d: RitualDraft) -> Self {
        use tandem_core::schedule::recurrence::{FrequencyDraft, RecurrenceDraft};
        tandem_core::RitualDraft {
            title: d.title,
            prompt: d.prompt,
            minutes: d.minutes,
            time_of_day: d.time_of_day,
            zone: match d.zone {
                ZoneMode::Floating => None,
                ZoneMode::Fixed { zone } => Some(zone),
            },
            recurrence: d.recurrence.map(|r| RecurrenceDraft {
                frequency: match r.repeat {
                    Repeat::Daily => FrequencyDraft::Daily,
                    Repeat::Weekdays { days } => {
                        FrequencyDraft::Weekdays(days.into_iter().map(Weekday::iso).collect())
                    }
                    Repeat::EveryNDays { n } => FrequencyDraft::EveryNDays(n),
                    Repeat::Weekly => FrequencyDraft::Weekly,
                    Repeat::MonthlyOnDay { day } => FrequencyDraft::MonthlyOnDay(day),
                    Repeat::MonthlyOnWeekday { nth, weekday } => FrequencyDraft::MonthlyOnWeekday {
                        nth,
                        weekday: weekday.iso(),
                    },
                },
                start: r.start_date,
                until: r.until_date,
                count: r.count,
            }),
            window_end: d.window_end,
            lead_minutes: d.lead_minutes,
            trial_until: d.trial_until,
        }
    }
}

/// A spec as the draft that would make it again: what a shell edits for a
/// counter or an adjustment, so unchanged fields stay as they were.
impl From<&tandem_core::rituals::RitualSpec> for RitualDraft {
    fn from(s: &tandem_core::rituals::RitualSpec) -> Self {
        RitualDraft {
            title: s.title.clone(),
            prompt: s.prompt.clone(),
            minutes: s.minutes,
            time_of_day: s.time().to_string(),
            zone: s.zone_mode().into(),
            recurrence: Some((&s.recurrence).into()),
            window_end: window_text(s),
            lead_minutes: s.leads.iter().map(|&l| u32::from(l)).collect(),
            trial_until: s.trial_until.map(|t| t.to_string()),
        }
    }
}

fn window_text(s: &tandem_core::rituals::RitualSpec) -> Option<String> {
    s.window_end
        .and_then(|w| tandem_core::TimeOfDay::from_minutes(w).ok())
        .map(|t| t.to_string())
}

impl From<&tandem_core::schedule::recurrence::Recurrence> for Recurrence {
    fn from(r: &tandem_core::schedule::recurrence::Recurrence) -> Self {
        use tandem_core::schedule::recurrence::{End, Frequency};
        let iso = |w: chrono::Weekday| Weekday::ALL[w.num_days_from_monday() as usize];
        Recurrence {
            repeat: match r.frequency {
                Frequency::Daily => Repeat::Daily,
                Frequency::Weekdays(set) => Repeat::Weekdays {
                    days: set.days().into_iter().map(iso).collect(),
                },
                Frequency::EveryNDays(n) => Repeat::EveryNDays { n: u32::from(n) },
                Frequency::Weekly => Repeat::Weekly,
                Frequency::MonthlyOnDay(d) => Repeat::MonthlyOnDay { day: u32::from(d) },
                Frequency::MonthlyOnWeekday { nth, weekday } => Repeat::MonthlyOnWeekday {
                    nth: i32::from(nth),
                    weekday: iso(weekday),
                },
            },
            start_date: Some(r.start.to_string()),
            until_date: match r.end {
                End::Until(d) => Some(d.to_string()),
                _ => None,
            },
            count: match r.end {
                End::Count(n) => Some(n),
                _ => None,
            },
        }
    }
}

impl From<tandem_core::RitualStatus> for RitualStatus {
    fn from(s: tandem_core::RitualStatus) -> Self {
        use tandem_core::RitualStatus as S;
        match s {
            S::Proposed => RitualStatus::Proposed,
            S::Countered => RitualStatus::Countered,
            S::Active => RitualStatus::Active,
            S::Paused => RitualStatus::Paused,
            S::Declined => RitualStatus::Declined,
            S::Retired => RitualStatus::Retired,
        }
    }
}

impl From<CoreRitual> for Ritual {
    fn from(r: CoreRitual) -> Self {
        let words = |spec: &tandem_core::rituals::RitualSpec| -> Vec<FieldText> {
            tandem_core::rituals::describe::describe(spec)
                .into_iter()
                .map(Into::into)
                .collect()
        };
        let changes: Vec<FieldChange> = r
            .pending
            .as_ref()
            .map(|p| p.changes().into_iter().map(Into::into).collect())
            .unwrap_or_default();
        Ritual {
            version: hex::encode(r.spec.version()),
            terms: words(&r.spec),
            time_of_day: r.time_of_day.to_string(),
            zone: r.zone.into(),
            proposed_by: r.proposed_by.to_hex(),
            proposed_at_ms: r.proposed_at_ms,
            status: r.status.into(),
            recurrence: (&r.spec.recurrence).into(),
            window_end: window_text(&r.spec),
            lead_minutes: r.spec.leads.iter().map(|&l| u32::from(l)).collect(),
            trial_until: r.spec.trial_until.map(|t| t.to_string()),
            personal: r.personal,
            pending: r.pending.map(|p| PendingChange {
                version: hex::encode(p.spec.version()),
                terms: words(&p.spec),
                changes,
                recurrence: (&p.spec.recurrence).into(),
                window_end: window_text(&p.spec),
                lead_minutes: p.spec.leads.iter().map(|&l| u32::from(l)).collect(),
                trial_until: p.spec.trial_until.map(|t| t.to_string()),
                time_of_day: p.spec.time().to_string(),
                zone: p.spec.zone_mode().into(),
                title: p.spec.title,
                prompt: p.spec.prompt,
                minutes: p.spec.minutes,
                by: p.by.to_hex(),
            }),
            id: r.id,
            title: r.title,
            prompt: r.prompt,
            minutes: r.minutes,
        }
    }
}

impl From<tandem_core::MarkStatus> for OccurrenceStatus {
    fn from(s: tandem_core::MarkStatus) -> Self {
        match s {
            tandem_core::MarkStatus::Scheduled => OccurrenceStatus::Scheduled,
            tandem_core::MarkStatus::Done => OccurrenceStatus::Done,
            tandem_core::MarkStatus::Skipped => OccurrenceStatus::Skipped,
        }
    }
}

impl From<CoreOccurrence> for Occurrence {
    fn from(o: CoreOccurrence) -> Self {
        use chrono::Offset;
        let on_device = o.device_start();
        Occurrence {
            date: o.date.to_string(),
            status: o.status.into(),
            moved: o.moved,
            resting: o.resting,
            personal: o.personal,
            said: o
                .said
                .iter()
                .map(|w| Said {
                    mine: w.mine,
                    note: w.note.clone(),
                    feeling: w.feeling.clone(),
                })
                .collect(),
            device_local_start: on_device.format("%Y-%m-%d %H:%M").to_string(),
            device_utc_offset_minutes: on_device.offset().fix().local_minus_utc() / 60,
            start_ms: o.start_ms(),
            end_ms: o.end_ms(),
            start: o.start.to_rfc3339(),
            local_start: o.start.format("%Y-%m-%d %H:%M").to_string(),
            zone: o.start.timezone().name().to_owned(),
            utc_offset_minutes: o.start.offset().fix().local_minus_utc() / 60,
            ritual_id: o.ritual_id,
            title: o.title,
        }
    }
}

/// A QR code ready to draw: the text it holds, its module matrix and an SVG.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct QrCode {
    pub text: String,
    /// QR version (1 to 40), error correction level M.
    pub version: u8,
    /// Modules per side, without the 4-module quiet zone a drawing adds.
    pub size: u32,
    /// Row-major, `size * size` entries: 1 dark, 0 light.
    pub modules: Vec<u8>,
    pub svg: String,
}

/// Pairing step 1, on the phone that starts: show this code.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PairingOffer {
    pub text: String,
    pub expires_at_ms: i64,
    pub qr: QrCode,
}

/// Pairing step 2, on the phone that scanned the offer: show this code and
/// the check code.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PairingAnswer {
    pub text: String,
    /// Six digits, "123 456", to compare with the partner's screen.
    pub sas: String,
    pub qr: QrCode,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum PairingStatus {
    Unpaired,
    /// Showing an offer that nobody answered yet.
    Offering {
        expires_at_ms: i64,
    },
    /// Compare these digits with the partner's screen, then confirm or reject.
    AwaitingConfirmation {
        sas: String,
        partner_name: Option<String>,
    },
    Paired {
        partner_name: Option<String>,
        partner_device_id: Option<String>,
        /// The partner's key confirmation arrived (always true on the phone
        /// that started pairing).
        partner_confirmed: bool,
        /// Where the keys stand: 1 right after pairing, one more each time
        /// either phone's keys move on (docs/PROTOCOL.md, the ratchet).
        key_epoch: u32,
        /// When this phone's keys last moved on (ms since the Unix epoch).
        keys_moved_at_ms: i64,
    },
}

/// What importing one payload did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ImportReport {
    /// Changes that were new here.
    pub applied: u32,
    /// Changes this phone already had.
    pub duplicates: u32,
    /// This exact payload was imported before; nothing changed.
    pub already_imported: bool,
    /// How many of this phone's changes the partner now holds.
    pub acknowledged: u64,
    /// The partner's key confirmation arrived with this payload.
    pub partner_confirmed: bool,
    /// Changes the partner's old phone made after the backup their new phone
    /// was restored from: kept in the history, counted no more. Show
    /// `set_aside_note` when it is not 0.
    #[uniffi(default = 0)]
    pub set_aside: u32,
    #[uniffi(default = None)]
    pub set_aside_note: Option<String>,
    /// How far the partner's changes ran ahead of this phone's clock, in
    /// minutes (0 when the clocks agree within a few minutes).
    #[uniffi(default = 0)]
    pub clock_ahead_minutes: i64,
    /// Which phone's clock looked wrong and by how much, in words, to show
    /// as it is; `None` when the clocks agree.
    #[uniffi(default = None)]
    pub clock_note: Option<String>,
    /// What the partner changed, in sentences, oldest first ("Ana started
    /// a pause, back at 21:10"): for the screen after a sync and for a
    /// notification. Titles of rituals and agreements may appear; notes,
    /// boundaries and appreciations never do.
    #[uniffi(default = [])]
    pub news: Vec<News>,
    /// Whom the news are about ("Ana", or "Your partner").
    #[uniffi(default = "")]
    pub news_from: String,
    /// The language the news were told in (a tag: "en", "de"), so merged
    /// news keep it.
    #[uniffi(default = "en")]
    pub news_language: String,
    /// This phone went back to an older copy of its data (an OS backup
    /// restored, a lost write-ahead log). Show `rollback_note`.
    #[uniffi(default = false)]
    pub restored_from_older_copy: bool,
    /// This phone's own changes that came back from the partner's phone
    /// (verified as this phone's own).
    #[uniffi(default = 0)]
    pub recovered: u32,
    /// Changes made here since the restore that moved to new numbers; they
    /// go to the partner with the next payload.
    #[uniffi(default = 0)]
    pub renumbered: u32,
    /// Changes the partner's phone sent under numbers it had used before:
    /// it was restored from an older copy. Nothing is lost; send the
    /// partner a payload.
    #[uniffi(default = 0)]
    pub partner_reused: u32,
    /// What a restore from an older copy did, on either phone, in words
    /// ("this phone was restored from an older copy; 2 changes came back
    /// from your partner's phone"); `None` when nothing went back in time.
    #[uniffi(default = None)]
    pub rollback_note: Option<String>,
}

/// What a sentence of news is about, to open it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum NewsAbout {
    Ritual,
    Agreement,
    Pause,
    Boundary,
    /// A check-in, appreciation, repair or phrase: the notebook.
    Entry,
    RestWeek,
    /// The closing "and 4 more changes from Ana".
    Nothing,
}

/// One thing the partner changed, said as a sentence.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct News {
    pub about: NewsAbout,
    /// The id of what it is about ("" for `Nothing`).
    pub id: String,
    /// The line to show: "Ana sent you an appreciation (twice)".
    pub text: String,
    /// The sentence said once, and how many times it came (for
    /// `Nothing`, how many more changes).
    pub sentence: String,
    pub times: u32,
}

const ABOUT: [(&str, NewsAbout); 6] = [
    ("ritual", NewsAbout::Ritual),
    ("agreement", NewsAbout::Agreement),
    ("pause", NewsAbout::Pause),
    ("boundary", NewsAbout::Boundary),
    ("entry", NewsAbout::Entry),
    ("rest", NewsAbout::RestWeek),
];

fn news_from_core(n: &tandem_core::tell::News, l: tandem_core::catalog::Locale) -> News {
    let (kind, id) = n.entity.split_once(':').unwrap_or(("", ""));
    let (about, id) = match ABOUT.iter().find(|(k, _)| *k == kind) {
        Some(&(_, about)) => (about, id),
        None => (NewsAbout::Nothing, ""),
    };
    News {
        about,
        id: id.to_owned(),
        text: n.text_in(l),
        sentence: n.sentence.clone(),
        times: n.times,
    }
}

/// The lines of what was told, the counted rest last.
pub(crate) fn news_lines(told: &tandem_core::tell::Told) -> Vec<News> {
    let mut out: Vec<News> = told
        .items
        .iter()
        .map(|n| news_from_core(n, told.locale))
        .collect();
    if told.more > 0 {
        out.push(News {
            about: NewsAbout::Nothing,
            id: String::new(),
            text: told.more_line(),
            sentence: told.more_line(),
            times: told.more,
        });
    }
    out
}

/// An FFI report's news back as the core told them, to merge.
pub(crate) fn told_of(r: &ImportReport) -> tandem_core::tell::Told {
    let mut told = tandem_core::tell::Told {
        partner: r.news_from.clone(),
        locale: tandem_core::catalog::Locale::parse(&r.news_language).unwrap_or_default(),
        ..Default::default()
    };
    for n in &r.news {
        match ABOUT.iter().find(|(_, a)| *a == n.about) {
            Some((kind, _)) => told.items.push(tandem_core::tell::News {
                entity: format!("{kind}:{}", n.id),
                sentence: n.sentence.clone(),
                times: n.times,
            }),
            None => told.more = told.more.saturating_add(n.times),
        }
    }
    told
}

impl QrCode {
    pub fn render(text: &str) -> Result<Self, tandem_core::Error> {
        let m = tandem_core::pairing::qr::encode(text)?;
        Ok(QrCode {
            text: text.to_owned(),
            version: m.version,
            size: m.size,
            svg: m.svg(),
            modules: m.dark.iter().map(|&d| u8::from(d)).collect(),
        })
    }
}

impl From<tandem_core::PairingStatus> for PairingStatus {
    fn from(s: tandem_core::PairingStatus) -> Self {
        use tandem_core::PairingStatus as S;
        match s {
            S::Unpaired => PairingStatus::Unpaired,
            S::Offering { expires_at_ms } => PairingStatus::Offering { expires_at_ms },
            S::AwaitingConfirmation { sas, partner_name } => {
                PairingStatus::AwaitingConfirmation { sas, partner_name }
            }
            S::Paired {
                partner_name,
                partner_device,
                partner_confirmed,
                key_epoch,
                keys_moved_at_ms,
            } => PairingStatus::Paired {
                partner_name,
                partner_device_id: partner_device.map(|d| d.to_hex()),
                partner_confirmed,
                key_epoch,
                keys_moved_at_ms,
            },
        }
    }
}

impl From<tandem_core::ImportReport> for ImportReport {
    fn from(r: tandem_core::ImportReport) -> Self {
        ImportReport {
            applied: r.applied,
            duplicates: r.duplicates,
            already_imported: r.already_imported,
            acknowledged: r.acknowledged,
            partner_confirmed: r.partner_confirmed,
            set_aside: r.set_aside,
            set_aside_note: r.set_aside_note(),
            clock_ahead_minutes: r.clock_ahead_ms / 60_000,
            clock_note: r.clock_note(),
            news: news_lines(&r.news),
            news_from: r.news.partner.clone(),
            news_language: r.news.locale.tag().to_owned(),
            restored_from_older_copy: r.restored_here,
            recovered: r.recovered,
            renumbered: r.renumbered,
            partner_reused: r.partner_reused,
            rollback_note: r.rollback_note(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum QuietPolicy {
    /// A reminder inside quiet hours fires when they end.
    MoveToEnd,
    /// A reminder inside quiet hours is dropped.
    Drop,
}

/// This device's quiet hours ("22:00" to "07:00" may wrap midnight).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct QuietHours {
    pub start: String,
    pub end: String,
    pub policy: QuietPolicy,
}

/// Device-only reminder settings; never synced.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReminderSettings {
    pub quiet: Option<QuietHours>,
    /// Content-free notifications ("A moment for the two of you").
    pub hide_content: bool,
}

/// What a reminder is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ReminderKind {
    /// An occurrence of a ritual, at one of its lead times.
    Ritual,
    /// An occurrence's reminder, snoozed on this phone.
    Snoozed,
    /// A gentle experiment reached its last day: time to look back together.
    TrialReview,
    /// An agreement's review date ("Time to revisit: …").
    AgreementReview,
    /// A pause's promised return, on both phones.
    PauseReturn,
}

/// One notification to arm. Reconcile by `id`: it is stable across re-plans.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Reminder {
    pub id: String,
    pub kind: ReminderKind,
    /// The ritual, agreement or pause it is about.
    pub source_id: String,
    pub occurrence_start_ms: i64,
    /// When to fire, Unix milliseconds (UTC).
    pub fire_at_ms: i64,
    /// The firing's wall time on this device: "2027-03-14 20:20".
    pub local_time: String,
    pub zone: String,
    pub lead_minutes: u32,
    pub title: String,
    pub body: String,
    pub private_title: String,
    pub private_body: String,
    /// Show `private_title`/`private_body` instead of the title and body.
    pub hide_content: bool,
    /// Its wall time (`local_time`) follows the phone's zone: arm a
    /// wall-clock trigger where the platform has one, so a zone change
    /// while the app is not running keeps it. Else `fire_at_ms` is fixed.
    #[uniffi(default = false)]
    pub follows_device_zone: bool,
}

pub(crate) fn reminder_kind(k: tandem_core::reminders::ReminderKind) -> ReminderKind {
    use tandem_core::reminders::ReminderKind as K;
    match k {
        K::Ritual => ReminderKind::Ritual,
        K::Snoozed => ReminderKind::Snoozed,
        K::TrialReview => ReminderKind::TrialReview,
        K::AgreementReview => ReminderKind::AgreementReview,
        K::PauseReturn => ReminderKind::PauseReturn,
    }
}

impl From<tandem_core::reminders::Reminder> for Reminder {
    fn from(r: tandem_core::reminders::Reminder) -> Self {
        Reminder {
            id: r.id,
            kind: reminder_kind(r.kind),
            source_id: r.source_id,
            occurrence_start_ms: r.occurrence_start_ms,
            fire_at_ms: r.fire_at_ms,
            local_time: r.local_time,
            zone: r.zone,
            lead_minutes: u32::from(r.lead_minutes),
            title: r.title,
            body: r.body,
            private_title: r.private_title,
            private_body: r.private_body,
            hide_content: r.hide_content,
            follows_device_zone: r.follows_device_zone,
        }
    }
}

impl From<tandem_core::reminders::ReminderSettings> for ReminderSettings {
    fn from(s: tandem_core::reminders::ReminderSettings) -> Self {
        use tandem_core::reminders::QuietPolicy as P;
        ReminderSettings {
            quiet: s.quiet.map(|q| QuietHours {
                start: q.start.to_string(),
                end: q.end.to_string(),
                policy: match q.policy {
                    P::MoveToEnd => QuietPolicy::MoveToEnd,
                    P::Drop => QuietPolicy::Drop,
                },
            }),
            hide_content: s.hide_content,
        }
    }
}

impl ReminderSettings {
    /// Validates the typed settings into the core's.
    pub fn to_core(&self) -> Result<tandem_core::reminders::ReminderSettings, tandem_core::Error> {
        use tandem_core::reminders::{QuietHours as Q, QuietPolicy as P};
        Ok(tandem_core::reminders::ReminderSettings {
            quiet: match &self.quiet {
                Some(q) => Some(Q::new(
                    &q.start,
                    &q.end,
                    match q.policy {
                        QuietPolicy::MoveToEnd => P::MoveToEnd,
                        QuietPolicy::Drop => P::Drop,
                    },
                )?),
                None => None,
            },
            hide_content: self.hide_content,
        })
    }
}

/// One choice an action offers: the minutes its core call takes, and the
/// label to show on the button.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Choice {
    pub minutes: u32,
    pub label: String,
}

/// The values pause, extension and "later" buttons offer on this phone,
/// decided by the core so both apps offer the same.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Offers {
    /// Lengths to start a pause with, shortest first (the agreed cool-down
    /// among them, labelled "(as agreed)").
    pub pause: Vec<Choice>,
    /// Extending a running pause, once.
    pub extend: Choice,
    /// "Later" on a ritual that is due now (`snooze_reminder`).
    pub snooze: Choice,
}

impl From<tandem_core::screens::offers::Choice> for Choice {
    fn from(c: tandem_core::screens::offers::Choice) -> Self {
        Choice {
            minutes: c.minutes,
            label: c.label,
        }
    }
}

impl From<tandem_core::screens::offers::Offers> for Offers {
    fn from(o: tandem_core::screens::offers::Offers) -> Self {
        Offers {
            pause: o.pause.into_iter().map(Into::into).collect(),
            extend: o.extend.into(),
            snooze: o.snooze.into(),
        }
    }
}

/// A button on a ritual's row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum RitualActionKind {
    /// A gentle experiment's look back: `review_ritual` with `Keep`.
    Keep,
    /// Its look back: the ritual form, then `review_ritual` with `Adjust`.
    Adjust,
    /// Its look back: `review_ritual` with `Stop`.
    Stop,
    Accept,
    /// Ends a proposal or a suggested time; for a change to a ritual in
    /// effect, drops the change and keeps the ritual.
    Decline,
    /// A counter, or a change to a ritual in effect.
    Counter,
    /// A personal ritual's new version, in effect at once.
    Change,
    Pause,
    Resume,
    Retire,
}

/// A button: what it does and its label.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RitualButton {
    pub action: RitualActionKind,
    pub label: String,
    /// What pressing it performs: pass it to `perform` as it is. `None`
    /// for a button that opens a form.
    pub perform: Option<crate::UserAction>,
    /// The form pressing it opens: pass it to `open_form`. `None` for a
    /// button that performs.
    pub opens: Option<crate::FormRequest>,
}

/// One ritual on the rituals screen, as this phone shows it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RitualRowModel {
    pub id: String,
    pub title: String,
    /// "20:30": the version in effect, else the one waiting.
    pub time: String,
    pub minutes: u32,
    /// "30 min", "1 h 30 min": the length in words.
    pub length: String,
    /// "Europe/Berlin time" for a fixed-zone ritual.
    pub zone_note: Option<String>,
    /// Where it stands, from this phone's side.
    pub status: String,
    /// A change waiting beside the version in effect: "Suggested: …".
    pub suggestion: Option<String>,
    pub personal: bool,
    /// "Trying it until Sat 12 Dec 2026".
    pub trial_note: Option<String>,
    pub review_due: bool,
    /// The version waiting for this phone's answer, field by field.
    pub reads: Vec<String>,
    /// What that version changes.
    pub changes: Vec<String>,
    /// The version an answer names (`accept_ritual_version`).
    pub answer_version: Option<String>,
    pub buttons: Vec<RitualButton>,
}

/// The rituals screen: rows (due looks back first), the past, a badge count.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RitualsScreenModel {
    pub rows: Vec<RitualRowModel>,
    /// Declined and retired rituals, without buttons, the most recently
    /// ended first: the newest 20 from `rituals_screen`, every one from
    /// `rituals_screen_all`.
    pub ended: Vec<RitualRowModel>,
    pub answers_waiting: u32,
    /// What to show when `rows` is empty.
    pub empty: Option<String>,
    /// Said under `ended` when older ones were left out.
    pub ended_more: Option<String>,
    /// The label of the button that calls `rituals_screen_all`, when older
    /// ones were left out.
    pub show_all: Option<String>,
}

impl From<tandem_core::screens::rituals::RitualRow> for RitualRowModel {
    fn from(r: tandem_core::screens::rituals::RitualRow) -> Self {
        use tandem_core::screens::rituals::RitualAction as A;
        RitualRowModel {
            buttons: r
                .buttons
                .into_iter()
                .map(|b| RitualButton {
                    action: match b.action {
                        A::Keep => RitualActionKind::Keep,
                        A::Adjust => RitualActionKind::Adjust,
                        A::Stop => RitualActionKind::Stop,
                        A::Accept => RitualActionKind::Accept,
                        A::Decline => RitualActionKind::Decline,
                        A::Counter => RitualActionKind::Counter,
                        A::Change => RitualActionKind::Change,
                        A::Pause => RitualActionKind::Pause,
                        A::Resume => RitualActionKind::Resume,
                        A::Retire => RitualActionKind::Retire,
                    },
                    label: b.label,
                    perform: b.does.map(Into::into),
                    opens: b.opens.map(Into::into),
                })
                .collect(),
            id: r.id,
            title: r.title,
            time: r.time,
            minutes: r.minutes,
            length: r.length,
            zone_note: r.zone_note,
            status: r.status,
            suggestion: r.suggestion,
            personal: r.personal,
            trial_note: r.trial_note,
            review_due: r.review_due,
            reads: r.reads,
            changes: r.changes,
            answer_version: r.answer_version,
        }
    }
}

impl From<tandem_core::screens::rituals::RitualsScreen> for RitualsScreenModel {
    fn from(s: tandem_core::screens::rituals::RitualsScreen) -> Self {
        RitualsScreenModel {
            rows: s.rows.into_iter().map(Into::into).collect(),
            ended: s.ended.into_iter().map(Into::into).collect(),
            answers_waiting: s.answers_waiting,
            empty: s.empty,
            ended_more: s.ended_more,
            show_all: s.show_all,
        }
    }
}
