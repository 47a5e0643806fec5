//! Check-ins, appreciations, repairs, the private pattern log, insights and
//! the phrasebook across the FFI.

use tandem_core::checkins::{self as core_checkins, Entry as CoreEntry};
use tandem_core::{DeviceId, journal, phrases};

use crate::visibility_screen::{AuditChange, VisibleKind};
use crate::{Result, Tandem};

#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Capacity {
    Low,
    Some,
    Plenty,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Need {
    Space,
    Closeness,
    Reassurance,
    PracticalHelp,
    NothingRightNow,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum RepairAct {
    CheckedIn,
    Apologised,
    Touch,
    Joke,
    CameBackFromPause,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Situation {
    AskingForSpace,
    InvitingCloseness,
    ReflectingBack,
    OwningMyPart,
    ReturningAfterAPause,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Happened {
    Withdrew,
    Pursued,
    WentSilent,
    TalkDerailed,
    Reconnected,
}

/// One logged entry as this phone holds it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum EntryKind {
    CheckIn {
        temperature: u8,
        /// "calm", "settled", "stirred", "heated" or "flooded".
        temperature_words: String,
        capacity: Capacity,
        need: Need,
        note: Option<String>,
    },
    Appreciation {
        text: String,
    },
    Repair {
        act: RepairAct,
        note: Option<String>,
        received: Option<bool>,
    },
    Phrase {
        situation: Situation,
        text: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LogEntry {
    pub id: String,
    pub mine: bool,
    pub at_ms: i64,
    pub shared: bool,
    pub kind: EntryKind,
}

/// A pattern-log entry as typed; only its author ever sees it.
/// What a notebook line is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum NotebookKind {
    CheckIn,
    Appreciation,
    Repair,
    Phrase,
    /// A note or a feeling left on a ritual marked done.
    RitualWords,
}

/// One line of the notebook, worded by the core.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NotebookItem {
    /// The entry's id, or the ritual's for words on a mark.
    pub id: String,
    pub kind: NotebookKind,
    pub mine: bool,
    /// Only this phone holds it.
    pub private: bool,
    /// "21:10" on this phone's clock; `None` for words on a mark.
    pub time: Option<String>,
    /// "Ana appreciated you", "You checked in: stirred, some capacity,
    /// needing closeness".
    pub headline: String,
    /// What the person wrote, as written, one line each.
    pub words: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NotebookDay {
    /// "Today", "Yesterday", "Sat 12 Dec", "Sat 12 Dec 2025".
    pub heading: String,
    pub items: Vec<NotebookItem>,
}

/// The notebook screen: newest day first.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Notebook {
    pub days: Vec<NotebookDay>,
    /// What to show when the period holds nothing.
    pub empty: Option<String>,
}

impl From<tandem_core::screens::notebook::Notebook> for Notebook {
    fn from(n: tandem_core::screens::notebook::Notebook) -> Self {
        use tandem_core::screens::notebook::NotebookKind as K;
        Notebook {
            days: n
                .days
                .into_iter()
                .map(|d| NotebookDay {
                    heading: d.heading,
                    items: d
                        .items
                        .into_iter()
                        .map(|i| NotebookItem {
                            id: i.id,
                            kind: match i.kind {
                                K::CheckIn => NotebookKind::CheckIn,
                                K::Appreciation => NotebookKind::Appreciation,
                                K::Repair => NotebookKind::Repair,
                                K::Phrase => NotebookKind::Phrase,
                                K::RitualWords => NotebookKind::RitualWords,
                            },
                            mine: i.mine,
                            private: i.private,
                            time: i.time,
                            headline: i.headline,
                            words: i.words,
                        })
                        .collect(),
                })
                .collect(),
            empty: n.empty,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PatternDraft {
    pub happened: Happened,
    /// Free tags (up to 10, each up to 30 characters); see `suggested_tags`.
    #[uniffi(default = [])]
    pub tags: Vec<String>,
    #[uniffi(default = None)]
    pub topic: Option<String>,
    /// 1 (calm) to 10 (flooded), before it happened.
    #[uniffi(default = None)]
    pub temperature_before: Option<u8>,
    #[uniffi(default = None)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PatternEntry {
    pub id: String,
    pub at_ms: i64,
    pub happened: Happened,
    pub tags: Vec<String>,
    pub topic: Option<String>,
    pub temperature_before: Option<u8>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct WeeklySeries {
    pub name: String,
    /// One value per week, oldest first (the weeks of `Insights.weeks`).
    pub values: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LabelCount {
    pub label: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Milestone {
    pub title: String,
    pub at_ms: i64,
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Insights {
    /// Each week's Monday ("YYYY-MM-DD"), oldest first.
    pub weeks: Vec<String>,
    pub series: Vec<WeeklySeries>,
    pub triggers: Vec<LabelCount>,
    pub derailing_topics: Vec<LabelCount>,
    /// Monday first.
    pub distance_by_weekday: Vec<u32>,
    /// Night, morning, afternoon, evening.
    pub distance_by_part_of_day: Vec<u32>,
    pub temperature_before_distance: Option<f64>,
    pub temperature_baseline: Option<f64>,
    pub milestones: Vec<Milestone>,
    pub sentences: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Phrase {
    pub situation: Situation,
    pub text: String,
    pub built_in: bool,
    /// For the couple's own: shared with the partner.
    pub shared: bool,
}

macro_rules! mirror {
    ($ffi:ident, $core:ty, [$($v:ident),*]) => {
        impl From<$ffi> for $core {
            fn from(x: $ffi) -> Self {
                match x { $($ffi::$v => <$core>::$v),* }
            }
        }
        impl From<$core> for $ffi {
            fn from(x: $core) -> Self {
                match x { $(<$core>::$v => $ffi::$v),* }
            }
        }
    };
}

mirror!(Capacity, core_checkins::Capacity, [Low, Some, Plenty]);
mirror!(
    Need,
    core_checkins::Need,
    [
        Space,
        Closeness,
        Reassurance,
        PracticalHelp,
        NothingRightNow
    ]
);
mirror!(
    RepairAct,
    core_checkins::RepairAct,
    [CheckedIn, Apologised, Touch, Joke, CameBackFromPause, Other]
);
mirror!(
    Situation,
    phrases::Situation,
    [
        AskingForSpace,
        InvitingCloseness,
        ReflectingBack,
        OwningMyPart,
        ReturningAfterAPause
    ]
);
mirror!(
    Happened,
    journal::Happened,
    [Withdrew, Pursued, WentSilent, TalkDerailed, Reconnected]
);

impl LogEntry {
    fn from_core(r: core_checkins::Record, me: DeviceId) -> Self {
        LogEntry {
            mine: r.author == me,
            at_ms: r.at_ms,
            shared: r.shared,
            kind: match r.entry {
                CoreEntry::CheckIn {
                    temperature,
                    capacity,
                    need,
                    note,
                } => EntryKind::CheckIn {
                    temperature,
                    temperature_words: core_checkins::temperature_words(temperature).into(),
                    capacity: capacity.into(),
                    need: need.into(),
                    note,
                },
                CoreEntry::Appreciation { text } => EntryKind::Appreciation { text },
                CoreEntry::Repair {
                    act,
                    note,
                    received,
                } => EntryKind::Repair {
                    act: act.into(),
                    note,
                    received,
                },
                CoreEntry::Phrase { situation, text } => EntryKind::Phrase {
                    situation: situation.into(),
                    text,
                },
            },
            id: r.id,
        }
    }
}

/// "When [observation], I feel [feeling], and I need [need]. Would you be
/// open to [request]?"; every part must be there.
#[uniffi::export]
pub fn i_statement(
    observation: String,
    feeling: String,
    need: String,
    request: String,
) -> Result<String> {
    Ok(phrases::i_statement(
        &observation,
        &feeling,
        &need,
        &request,
    )?)
}

/// The words a check-in's temperature (1 to 10) reads as, for the slider's
/// label: "calm", "settled", "stirred", "heated" or "flooded".
#[uniffi::export]
pub fn temperature_words(temperature: u8) -> Result<String> {
    core_checkins::check_temperature(temperature)?;
    Ok(core_checkins::temperature_words(temperature).to_owned())
}

/// Tags to offer in the pattern log (any short tag works).
#[uniffi::export]
pub fn suggested_tags() -> Vec<String> {
    journal::SUGGESTED_TAGS
        .iter()
        .map(|t| (*t).to_owned())
        .collect()
}

impl Tandem {
    fn entry(&self, entry: CoreEntry, shared: bool) -> Result<LogEntry> {
        self.with(|c| {
            let me = c.device_id();
            c.record_entry_read(entry, shared)
                .map(|r| LogEntry::from_core(r, me))
        })
    }
}

#[uniffi::export]
impl Tandem {
    /// A short appreciation (up to 280 characters) to the partner: shared.
    pub fn appreciate(&self, text: String) -> Result<LogEntry> {
        self.entry(CoreEntry::Appreciation { text }, true)
    }

    /// A repair attempt after tension, optionally noting whether it was
    /// received; shared or private.
    pub fn record_repair(
        &self,
        act: RepairAct,
        note: Option<String>,
        received: Option<bool>,
        shared: bool,
    ) -> Result<LogEntry> {
        let entry = CoreEntry::Repair {
            act: act.into(),
            note,
            received,
        };
        self.entry(entry, shared)
    }

    /// Adds the couple's own phrase to the phrasebook (shared or private).
    pub fn add_phrase(&self, situation: Situation, text: String, shared: bool) -> Result<LogEntry> {
        self.entry(
            CoreEntry::Phrase {
                situation: situation.into(),
                text,
            },
            shared,
        )
    }

    /// Built-in phrases and the couple's own, by situation.
    pub fn phrases(&self) -> Result<Vec<Phrase>> {
        self.with(|c| {
            let mut out: Vec<Phrase> = phrases::BUILT_IN
                .iter()
                .map(|(s, t)| Phrase {
                    situation: (*s).into(),
                    text: (*t).into(),
                    built_in: true,
                    shared: false,
                })
                .collect();
            for r in c.entries(i64::MIN, i64::MAX, Some("phrase"))? {
                if let CoreEntry::Phrase { situation, text } = r.entry {
                    out.push(Phrase {
                        situation: situation.into(),
                        text,
                        built_in: false,
                        shared: r.shared,
                    });
                }
            }
            Ok(out)
        })
    }

    /// The notebook over the last `weeks` weeks (1 to 520): entries from
    /// both partners and the words left on rituals marked done, worded
    /// and timed in `device_zone`.
    pub fn notebook(&self, weeks: u32, device_zone: String) -> Result<Notebook> {
        self.with(|c| c.notebook(weeks, &device_zone))
            .map(Into::into)
    }

    /// The notebook screen as both apps show it (the core's period, four
    /// weeks), worded and timed in `device_zone`.
    pub fn notebook_screen(&self, device_zone: String) -> Result<Notebook> {
        self.with(|c| c.notebook_screen(&device_zone))
            .map(Into::into)
    }

    /// Check-ins, appreciations, repairs and phrases in `[from_ms, to_ms)`.
    pub fn entries(&self, from_ms: i64, to_ms: i64) -> Result<Vec<LogEntry>> {
        self.with(|c| {
            let me = c.device_id();
            Ok(c.entries(from_ms, to_ms, None)?
                .into_iter()
                .map(|r| LogEntry::from_core(r, me))
                .collect())
        })
    }

    /// Writes a private pattern-log entry: only this phone ever holds it.
    pub fn log_pattern(&self, draft: PatternDraft) -> Result<PatternEntry> {
        let core_draft = journal::PatternDraft {
            happened: draft.happened.into(),
            tags: draft.tags,
            topic: draft.topic,
            temperature_before: draft.temperature_before,
            note: draft.note,
        };
        self.with(|c| {
            c.write_journal_read(&core_draft)
                .map(|(id, e)| pattern(id, e))
        })
    }

    /// The private pattern log in `[from_ms, to_ms)`, oldest first.
    pub fn pattern_log(&self, from_ms: i64, to_ms: i64) -> Result<Vec<PatternEntry>> {
        self.with(|c| {
            Ok(c.journal(from_ms, to_ms)?
                .into_iter()
                .map(|(id, e)| pattern(id, e))
                .collect())
        })
    }

    /// Insights over the last `weeks` weeks (1 to 520), computed here.
    pub fn insights(&self, weeks: u32, device_zone: String) -> Result<Insights> {
        self.with(|c| {
            let i = c.insights(weeks, &device_zone)?;
            Ok(Insights {
                weeks: i.weeks.iter().map(|d| d.to_string()).collect(),
                series: i
                    .series
                    .into_iter()
                    .map(|s| WeeklySeries {
                        name: s.name.into(),
                        values: s.values,
                    })
                    .collect(),
                triggers: counts(i.triggers),
                derailing_topics: counts(i.derailing_topics),
                distance_by_weekday: i.distance_by_weekday,
                distance_by_part_of_day: i.distance_by_part_of_day,
                temperature_before_distance: i.temperature_before_distance,
                temperature_baseline: i.temperature_baseline,
                milestones: i
                    .milestones
                    .into_iter()
                    .map(|m| Milestone {
                        title: m.title,
                        at_ms: m.at_ms,
                    })
                    .collect(),
                sentences: i.sentences,
            })
        })
    }
}

fn counts(v: Vec<tandem_core::insights::Count>) -> Vec<LabelCount> {
    v.into_iter()
        .map(|c| LabelCount {
            label: c.label,
            count: c.count,
        })
        .collect()
}

fn pattern(id: String, e: journal::PatternEntry) -> PatternEntry {
    PatternEntry {
        id,
        at_ms: e.at_ms,
        happened: e.happened.into(),
        tags: e.tags,
        topic: e.topic,
        temperature_before: e.temperature_before,
        note: e.note,
    }
}

/// Something the partner's phone holds (or will after the next sync) about
/// this person.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VisibleItem {
    pub kind: VisibleKind,
    pub id: String,
    /// What the partner reads, in this phone's language (the person's own
    /// words as written).
    pub summary: String,
    /// 0 when not known (the device name, a rest week).
    pub since_ms: i64,
    /// For what was sent and later made private or retired: it is already
    /// on the partner's phone and cannot be recalled.
    pub caveat: Option<String>,
}

/// One sharing event of this person, or something done with this phone's
/// record (an export, unpairing, a clean exit, the app lock, a wipe).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AuditEntry {
    pub at_ms: i64,
    pub change: AuditChange,
    /// The ritual, agreement, boundary… it was about ("" for this phone's
    /// own events).
    pub id: String,
}

#[uniffi::export]
impl Tandem {
    /// Everything this phone holds for its person, as a JSON file sealed
    /// with `passphrase` (at least 16 characters or at least 4 words, else
    /// `InvalidInput` naming what is needed; Argon2id and
    /// XChaCha20-Poly1305, documented in docs/EXPORT.md).
    pub fn export_data(&self, passphrase: String) -> Result<Vec<u8>> {
        self.with(|c| c.export_data(&passphrase))
    }

    /// The same, unsealed and readable by anyone who gets the file. Only
    /// when the person asks for it explicitly, after a warning; write it
    /// readable by its owner alone. Shows in the audit.
    pub fn export_plaintext(&self) -> Result<Vec<u8>> {
        self.with(|c| c.export_plaintext())
    }

    /// Restores an export into this empty Tandem (a new phone): all or
    /// nothing. Pairing is not restored. Returns the changes restored.
    pub fn import_data(&self, file: Vec<u8>, passphrase: Option<String>) -> Result<u64> {
        self.with(|c| {
            c.import_data(&file, passphrase.as_deref())
                .map(|n| n as u64)
        })
    }

    /// Exactly what the partner's phone holds about this person.
    pub fn what_partner_sees(&self) -> Result<Vec<VisibleItem>> {
        self.with(|c| {
            Ok(c.what_partner_sees()?
                .into_iter()
                .map(|v| VisibleItem {
                    kind: v.kind.into(),
                    id: v.id,
                    summary: v.summary,
                    since_ms: v.since_ms,
                    caveat: v.caveat,
                })
                .collect())
        })
    }

    /// Every sharing event of this person and everything done with this
    /// phone's record, newest first.
    pub fn sharing_audit(&self) -> Result<Vec<AuditEntry>> {
        self.with(|c| {
            Ok(c.sharing_audit()?
                .into_iter()
                .map(|a| AuditEntry {
                    at_ms: a.at_ms,
                    change: a.change.into(),
                    id: a.id,
                })
                .collect())
        })
    }

    /// Destroys this phone's Tandem data (files overwritten and removed) and
    /// closes this object; delete the storage key from the keystore too.
    pub fn wipe(&self) -> Result<()> {
        let core = self
            .lock()?
            .take()
            .ok_or_else(|| crate::TandemError::Closed {
                reason: "this Tandem was closed".into(),
            })?;
        Ok(core.wipe()?)
    }
}

/// For Rust callers only (the CLI, its demo, the Rust tests): the phones
/// do these through `perform`, `open_form` and the submits, so the mobile
/// library carries no glue for them.
impl Tandem {
    /// A check-in: temperature 1 (calm) to 10 (flooded), capacity, a need,
    /// an optional note (up to 500); shared or private, as the author chooses.
    pub fn check_in(
        &self,
        temperature: u8,
        capacity: Capacity,
        need: Need,
        note: Option<String>,
        shared: bool,
    ) -> Result<LogEntry> {
        let entry = CoreEntry::CheckIn {
            temperature,
            capacity: capacity.into(),
            need: need.into(),
            note,
        };
        self.entry(entry, shared)
    }
}
