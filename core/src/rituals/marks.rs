//! What happened to single occurrences: done (once, whichever device marks
//! it), skipped, or moved to another time this once. Shared facts, carried
//! as ops of their ritual; the fold keeps one mark per occurrence date, with
//! the words (note, feeling) of whoever marked it done first and, when the
//! other partner marked it done too, theirs as well: nobody's feeling is
//! dropped.
//! Rhythm counts kept out of scheduled over a rolling window: nothing resets
//! to zero, and nothing is shown as a partner's miss.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{Connection, Transaction, params};

use crate::change::Change;
use crate::clock::Millis;
use crate::date_text::{self, plain_date};
use crate::device::DeviceId;
use crate::error::{Error, Result};
use crate::rituals::change::RitualChange;
use crate::schedule;
use crate::store::{Sealer, Slot};
use crate::sync::op::Op;

pub use crate::rituals::change::{FEELING_MAX_CHARS, NOTE_MAX_CHARS};
/// How far from its scheduled time one occurrence may move.
pub const MAX_MOVE_MS: i64 = 7 * 24 * 60 * 60 * 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkStatus {
    Scheduled,
    Done,
    Skipped,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub status: MarkStatus,
    pub moved_to_ms: Option<Millis>,
    pub note: Option<String>,
    pub feeling: Option<String>,
    pub done_by: Option<DeviceId>,
    /// The other partner's words, when they marked it done too with a note
    /// or a feeling.
    pub also: Option<Words>,
}

/// A note and a feeling left on a done occurrence by one partner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    pub by: DeviceId,
    pub note: Option<String>,
    pub feeling: Option<String>,
}

/// Words on a done occurrence as one phone shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    /// Left by this phone's person.
    pub mine: bool,
    pub note: Option<String>,
    pub feeling: Option<String>,
}

impl Mark {
    /// Every partner's words as `me`'s phone shows them, first marker first.
    pub fn said(&self, me: DeviceId) -> Vec<Said> {
        self.words()
            .into_iter()
            .map(|w| Said {
                mine: w.by == me,
                note: w.note,
                feeling: w.feeling,
            })
            .collect()
    }

    /// Every partner's words on this occurrence, first marker first.
    pub fn words(&self) -> Vec<Words> {
        let first = self
            .done_by
            .filter(|_| self.note.is_some() || self.feeling.is_some())
            .map(|by| Words {
                by,
                note: self.note.clone(),
                feeling: self.feeling.clone(),
            });
        first.into_iter().chain(self.also.clone()).collect()
    }
}

impl Default for Mark {
    fn default() -> Self {
        Mark {
            status: MarkStatus::Scheduled,
            moved_to_ms: None,
            note: None,
            feeling: None,
            done_by: None,
            also: None,
        }
    }
}

/// Folds the occurrence ops of one ritual (in fold order). Done is a fact:
/// once done, always done (the first completion keeps its note, and the
/// other partner's later done keeps theirs beside it); a skip
/// stands unless it was done; the latest move wins.
pub fn fold(ops: &[Op]) -> BTreeMap<NaiveDate, Mark> {
    let mut marks: BTreeMap<NaiveDate, Mark> = BTreeMap::new();
    for op in ops {
        let Change::Ritual(change) = &op.change else {
            continue;
        };
        match change {
            // A done that could not have come when it was made (a modified
            // app, a wild clock) stays in the log, so the logs still
            // converge, but counts for nothing. The test reads only the ops,
            // so both phones fold it alike.
            RitualChange::Done { date, .. }
                if !done_could_have_come(*date, marks.get(date), op.hlc.wall_ms) => {}
            RitualChange::Done {
                date,
                note,
                feeling,
            } => {
                let m = marks.entry(*date).or_default();
                if m.status != MarkStatus::Done {
                    m.status = MarkStatus::Done;
                    m.note = note.clone();
                    m.feeling = feeling.clone();
                    m.done_by = Some(op.device);
                } else if m.done_by != Some(op.device)
                    && m.also.is_none()
                    && (note.is_some() || feeling.is_some())
                {
                    m.also = Some(Words {
                        by: op.device,
                        note: note.clone(),
                        feeling: feeling.clone(),
                    });
                }
            }
            RitualChange::Skipped { date } => {
                let m = marks.entry(*date).or_default();
                if m.status == MarkStatus::Scheduled {
                    m.status = MarkStatus::Skipped;
                }
            }
            RitualChange::Moved { date, to_ms } => {
                marks.entry(*date).or_default().moved_to_ms = Some(*to_ms);
            }
            _ => {}
        }
    }
    marks
}

/// How far past a done's own time the occurrence it names may have been
/// moved to: the end of its author's local day, at most 25 hours away.
const MOVED_DONE_REACH_MS: Millis = 26 * 60 * 60 * 1000;

/// Whether a done made at `wall_ms` (its HLC) could honestly name this
/// occurrence. The receiving phone does not know its partner's zone, so:
/// the date had begun somewhere on Earth, or the occurrence had been moved
/// to start before the end of the author's day, whatever its zone.
fn done_could_have_come(date: NaiveDate, mark: Option<&Mark>, wall_ms: Millis) -> bool {
    let begun = schedule::latest_today(wall_ms).is_some_and(|latest| date <= latest);
    let moved_near = mark
        .and_then(|m| m.moved_to_ms)
        .is_some_and(|to| to <= wall_ms.saturating_add(MOVED_DONE_REACH_MS));
    begun || moved_near
}

fn slot<'a>(key: &'a str, column: &'a str) -> Slot<'a> {
    Slot::new("occurrence_marks", column, key)
}

/// Rewrites the stored marks of one ritual.
pub fn store(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    ritual_id: &str,
    marks: &BTreeMap<NaiveDate, Mark>,
) -> Result<()> {
    tx.prepare_cached("DELETE FROM occurrence_marks WHERE ritual_id = ?1")?
        .execute([ritual_id])?;
    for (date, m) in marks {
        insert(tx, sealer, ritual_id, *date, m)?;
    }
    Ok(())
}

/// Rewrites the stored mark of one occurrence (`None`: it has none).
pub fn store_date(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    ritual_id: &str,
    date: NaiveDate,
    mark: Option<&Mark>,
) -> Result<()> {
    tx.prepare_cached("DELETE FROM occurrence_marks WHERE ritual_id = ?1 AND date = ?2")?
        .execute(params![ritual_id, date.to_string()])?;
    match mark {
        Some(m) => insert(tx, sealer, ritual_id, date, m),
        None => Ok(()),
    }
}

fn insert(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    ritual_id: &str,
    date: NaiveDate,
    m: &Mark,
) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO occurrence_marks (ritual_id, date, status, moved_to_ms, note, feeling, done_by,
                                       also_by, also_note, also_feeling)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let key = format!("{ritual_id}:{date}");
    let seal = |column: &str, text: &Option<String>| -> Result<Option<Vec<u8>>> {
        text.as_ref()
            .map(|t| sealer.seal_str(slot(&key, column), t))
            .transpose()
    };
    insert.execute(params![
        ritual_id,
        date.to_string(),
        match m.status {
            MarkStatus::Scheduled => "scheduled",
            MarkStatus::Done => "done",
            MarkStatus::Skipped => "skipped",
        },
        m.moved_to_ms,
        seal("note", &m.note)?,
        seal("feeling", &m.feeling)?,
        m.done_by.map(|d| d.0.to_vec()),
        m.also.as_ref().map(|w| w.by.0.to_vec()),
        seal("also_note", &m.also.as_ref().and_then(|w| w.note.clone()))?,
        seal(
            "also_feeling",
            &m.also.as_ref().and_then(|w| w.feeling.clone())
        )?,
    ])?;
    Ok(())
}

/// Whether any occurrence of one ritual was ever moved. Through the index
/// of moved marks alone: left to itself, SQLite walks every mark of the
/// ritual by its primary key.
pub fn any_moved(conn: &Connection, ritual_id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM occurrence_marks INDEXED BY occurrence_marks_moved
                            WHERE ritual_id = ?1 AND moved_to_ms IS NOT NULL)",
        )?
        .query_row([ritual_id], |r| r.get(0))?)
}

/// What a read of marks opens: the words too (notes and feelings, sealed),
/// or only what happened (status, move, who) for figures and reminders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    WithWords,
    StatusOnly,
}

/// The marks of one ritual, by occurrence date.
pub fn load(
    conn: &Connection,
    sealer: &Sealer,
    ritual_id: &str,
) -> Result<BTreeMap<NaiveDate, Mark>> {
    load_between(conn, sealer, ritual_id, None, Read::WithWords)
}

/// Marks with words by one person, newest first. The first condition is
/// the partial index's own (schema v16), so SQLite reads that index.
pub(crate) const WORDS_BY: &str =
    "SELECT ritual_id, date, done_by, note, feeling, also_by, also_note, also_feeling
     FROM occurrence_marks
     WHERE (note IS NOT NULL OR feeling IS NOT NULL OR also_note IS NOT NULL OR also_feeling IS NOT NULL)
       AND (done_by = ?1 OR also_by = ?1)
     ORDER BY date DESC, ritual_id DESC";

/// The words `by` left on done occurrences, newest date first, of the
/// rituals `shared` keeps (by id), at most `limit` (all, for `None`). Read
/// through the index of marks with words, so the newest few cost the same
/// after ten years as after one.
pub fn words_by(
    conn: &Connection,
    sealer: &Sealer,
    by: DeviceId,
    shared: impl Fn(&str) -> bool,
    limit: Option<usize>,
) -> Result<Vec<(String, NaiveDate, Words)>> {
    let mut stmt = conn.prepare_cached(WORDS_BY)?;
    let mut rows = stmt.query([by.0.as_slice()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        if limit.is_some_and(|n| out.len() >= n) {
            break;
        }
        let ritual: String = r.get(0)?;
        if !shared(&ritual) {
            continue;
        }
        let date: String = r.get(1)?;
        let first = r.get::<_, Option<Vec<u8>>>(2)?.as_deref() == Some(by.0.as_slice());
        let (columns, at) = if first {
            (["note", "feeling"], 3)
        } else {
            (["also_note", "also_feeling"], 6)
        };
        let key = format!("{ritual}:{date}");
        let open = |column: &str, v: Option<Vec<u8>>| -> Result<Option<String>> {
            v.map(|b| sealer.open_str(slot(&key, column), &b))
                .transpose()
        };
        let note = open(columns[0], r.get(at)?)?;
        let feeling = open(columns[1], r.get(at + 1)?)?;
        if note.is_none() && feeling.is_none() {
            continue;
        }
        let date = plain_date(&date)
            .ok_or_else(|| Error::Corrupt("an occurrence mark has a bad date".into()))?;
        out.push((ritual, date, Words { by, note, feeling }));
    }
    Ok(out)
}

/// The marks of one ritual on the dates in `[lo, hi]` (all, for `None`).
/// A mark read `StatusOnly` has no note or feeling, and its `also` (when
/// the other partner left words) holds who, without the words.
pub fn load_between(
    conn: &Connection,
    sealer: &Sealer,
    ritual_id: &str,
    range: Option<(NaiveDate, NaiveDate)>,
    read: Read,
) -> Result<BTreeMap<NaiveDate, Mark>> {
    // Without the words, their columns are not read at all: a plan reads
    // the marks of every ritual at every step of its horizon.
    macro_rules! marks_of_ritual {
        ($words:literal) => {
            concat!(
                "SELECT date, status, moved_to_ms, done_by, also_by, ",
                $words,
                " FROM occurrence_marks WHERE ritual_id = ?1"
            )
        };
        ($words:literal, between) => {
            concat!(marks_of_ritual!($words), " AND date BETWEEN ?2 AND ?3")
        };
    }
    let sql = match (read, range.is_some()) {
        (Read::WithWords, false) => marks_of_ritual!("note, feeling, also_note, also_feeling"),
        (Read::WithWords, true) => {
            marks_of_ritual!("note, feeling, also_note, also_feeling", between)
        }
        (Read::StatusOnly, false) => marks_of_ritual!("NULL, NULL, NULL, NULL"),
        (Read::StatusOnly, true) => marks_of_ritual!("NULL, NULL, NULL, NULL", between),
    };
    let map = |r: &rusqlite::Row<'_>| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<i64>>(2)?,
            r.get::<_, Option<Vec<u8>>>(5)?,
            r.get::<_, Option<Vec<u8>>>(6)?,
            r.get::<_, Option<Vec<u8>>>(3)?,
            (
                r.get::<_, Option<Vec<u8>>>(4)?,
                r.get::<_, Option<Vec<u8>>>(7)?,
                r.get::<_, Option<Vec<u8>>>(8)?,
            ),
        ))
    };
    // Dates are stored as YYYY-MM-DD, so text order is date order.
    let rows: Vec<_> = match range {
        Some((lo, hi)) => conn
            .prepare_cached(sql)?
            .query_map(
                params![ritual_id, date_text::text(lo), date_text::text(hi)],
                map,
            )?
            .collect::<rusqlite::Result<_>>()?,
        None => conn
            .prepare_cached(sql)?
            .query_map(params![ritual_id], map)?
            .collect::<rusqlite::Result<_>>()?,
    };
    let words = read == Read::WithWords;
    let mut out = BTreeMap::new();
    for (date, status, moved, note, feeling, by, (also_by, also_note, also_feeling)) in rows {
        let key = if words {
            format!("{ritual_id}:{date}")
        } else {
            String::new()
        };
        let date = plain_date(&date)
            .ok_or_else(|| Error::Corrupt("an occurrence mark has a bad date".into()))?;
        let open = |column: &str, v: Option<Vec<u8>>| -> Result<Option<String>> {
            v.filter(|_| words)
                .map(|b| sealer.open_str(slot(&key, column), &b))
                .transpose()
        };
        out.insert(
            date,
            Mark {
                status: match status.as_str() {
                    "done" => MarkStatus::Done,
                    "skipped" => MarkStatus::Skipped,
                    _ => MarkStatus::Scheduled,
                },
                moved_to_ms: moved,
                note: open("note", note)?,
                feeling: open("feeling", feeling)?,
                done_by: by.map(|b| DeviceId::from_slice(&b)).transpose()?,
                also: match also_by {
                    Some(b) => Some(Words {
                        by: DeviceId::from_slice(&b)?,
                        note: open("also_note", also_note)?,
                        feeling: open("also_feeling", also_feeling)?,
                    }),
                    None => None,
                },
            },
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_dates_read_as_chrono_reads_them() {
        for text in ["2027-03-10", "1900-01-01", "2199-12-31", "2028-02-29"] {
            assert_eq!(
                plain_date(text),
                NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(),
                "{text}"
            );
        }
        for bad in [
            "2027-3-10",
            "2027-02-30",
            "2027/03/10",
            "20270310",
            "2027-03-1x",
            "",
        ] {
            assert_eq!(plain_date(bad), None, "{bad}");
        }
    }
}
