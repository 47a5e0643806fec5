//! The notebook: what both partners wrote, day by day, newest first.
//! Check-ins, appreciations, repairs and phrases from either partner, and
//! the notes and feelings left on rituals marked done. The core words every
//! line; the couple's own text travels beside it, never inside it, so a
//! shell can style it (and a pseudo-locale check can tell the two apart).

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate};
use rusqlite::Connection;

use crate::checkins::{Capacity, Entry, temperature_words};
use crate::clock::Millis;
use crate::device::DeviceId;
use crate::error::{Error, Result};
use crate::rituals::marks::Words;
use crate::store::Sealer;
use crate::tell::Teller;
use crate::zone::Zone;
use crate::{Core, pairing, rituals, schedule};

/// How far back one notebook page may reach.
pub const MAX_WEEKS: u32 = 520;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotebookKind {
    CheckIn,
    Appreciation,
    Repair,
    Phrase,
    /// A note or a feeling left on a ritual marked done.
    RitualWords,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotebookItem {
    /// The entry's id, or the ritual's for words on a mark.
    pub id: String,
    pub kind: NotebookKind,
    /// Written by this phone's person.
    pub mine: bool,
    /// Only this phone holds it (a private check-in or repair).
    pub private: bool,
    /// "21:10", or `None` for words on a mark (they belong to the day).
    pub time: Option<String>,
    /// The core's sentence: "Ana sent you an appreciation", "You checked
    /// in: stirred, some capacity, needing closeness".
    pub headline: String,
    /// What the person wrote, as they wrote it, each its own line.
    pub words: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotebookDay {
    /// "Today", "Yesterday", "Sat 12 Dec", "Sat 12 Dec 2025".
    pub heading: String,
    pub items: Vec<NotebookItem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notebook {
    /// Newest day first; within a day, oldest first, the words on marks
    /// after the day's entries.
    pub days: Vec<NotebookDay>,
    /// What to show when nothing was written in the period.
    pub empty: Option<String>,
}

struct Names {
    me: DeviceId,
    partner: String,
}

impl Names {
    fn who(&self, author: DeviceId) -> (bool, String) {
        if author == self.me {
            (true, "You".into())
        } else {
            (false, self.partner.clone())
        }
    }
}

fn capacity_words(c: Capacity) -> &'static str {
    match c {
        Capacity::Low => "low capacity",
        Capacity::Some => "some capacity",
        Capacity::Plenty => "plenty of capacity",
    }
}

fn entry_item(r: crate::checkins::Record, names: &Names, zone: &Zone) -> NotebookItem {
    let (mine, who) = names.who(r.author);
    let time = DateTime::from_timestamp_millis(r.at_ms)
        .map(|t| t.with_timezone(zone).format("%H:%M").to_string());
    let (kind, headline, words) = match r.entry {
        Entry::CheckIn {
            temperature,
            capacity,
            need,
            note,
        } => (
            NotebookKind::CheckIn,
            format!(
                "{who} checked in: {}, {}, {}",
                temperature_words(temperature),
                capacity_words(capacity),
                match need {
                    crate::checkins::Need::NothingRightNow => "needing nothing right now".into(),
                    n => format!("needing {}", n.as_str()),
                }
            ),
            note.into_iter().collect(),
        ),
        Entry::Appreciation { text } => (
            NotebookKind::Appreciation,
            if mine {
                format!("You appreciated {}", names.partner_object())
            } else {
                format!("{who} appreciated you")
            },
            vec![text],
        ),
        Entry::Repair {
            act,
            note,
            received,
        } => {
            let mut headline = format!("{who} noted a repair: {}", act.words());
            match received {
                Some(true) => headline.push_str(", and it seemed received"),
                Some(false) => headline.push_str(", and it did not seem received yet"),
                None => {}
            }
            (NotebookKind::Repair, headline, note.into_iter().collect())
        }
        Entry::Phrase { situation, text } => (
            NotebookKind::Phrase,
            format!("{who} added a phrase for {}", situation.as_str()),
            vec![text],
        ),
    };
    NotebookItem {
        id: r.id,
        kind,
        mine,
        private: !r.shared,
        time,
        headline,
        words,
    }
}

impl Names {
    /// The partner as the object of a sentence: "Ana", or "your partner".
    fn partner_object(&self) -> String {
        if self.partner == "Your partner" {
            "your partner".into()
        } else {
            self.partner.clone()
        }
    }
}

fn words_item(
    ritual_id: &str,
    title: &str,
    personal: bool,
    w: Words,
    names: &Names,
) -> NotebookItem {
    let (mine, who) = names.who(w.by);
    let mut words = Vec::new();
    let headline = match (&w.note, &w.feeling) {
        (_, Some(feeling)) => format!("{who} on {title}, feeling {feeling}"),
        _ => format!("{who} on {title}"),
    };
    words.extend(w.note);
    NotebookItem {
        id: ritual_id.to_owned(),
        kind: NotebookKind::RitualWords,
        mine,
        private: personal,
        time: None,
        headline,
        words,
    }
}

/// Words left on marks whose occurrence falls in `[from, to]`, by day.
fn mark_words(
    conn: &Connection,
    sealer: &Sealer,
    from: NaiveDate,
    to: NaiveDate,
    names: &Names,
) -> Result<BTreeMap<NaiveDate, Vec<NotebookItem>>> {
    // Only the rituals that hold words in the period: the notebook costs
    // what the period holds, not the whole history.
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT ritual_id FROM occurrence_marks
         WHERE date >= ?1 AND date <= ?2 AND status = 'done'
           AND (note IS NOT NULL OR feeling IS NOT NULL OR also_by IS NOT NULL)",
    )?;
    let ids: Vec<String> = stmt
        .query_map([from.to_string(), to.to_string()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out: BTreeMap<NaiveDate, Vec<NotebookItem>> = BTreeMap::new();
    for id in ids {
        let ritual = rituals::get(conn, sealer, &id)?;
        let marks = rituals::marks::load_between(
            conn,
            sealer,
            &id,
            Some((from, to)),
            rituals::marks::Read::WithWords,
        )?;
        for (date, mark) in marks {
            for w in mark.words() {
                out.entry(date).or_default().push(words_item(
                    &id,
                    &ritual.title,
                    ritual.personal,
                    w,
                    names,
                ));
            }
        }
    }
    Ok(out)
}

/// A day's heading: the teller's day ("today", "Sat 28 Nov") as a
/// heading, with the year when it is not this one.
fn heading(teller: &Teller, date: NaiveDate, today: NaiveDate) -> String {
    let day = teller.day(date);
    let mut chars = day.chars();
    let day: String = chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    if day.contains(' ') && date.year() != today.year() {
        format!("{day} {}", date.year())
    } else {
        day
    }
}

impl Core {
    /// The notebook over the last `weeks` weeks (1 to 520), in `device_zone`.
    pub fn notebook(&self, weeks: u32, device_zone: &str) -> Result<Notebook> {
        if !(1..=MAX_WEEKS).contains(&weeks) {
            return Err(Error::invalid(format!(
                "the notebook reaches back 1 to {MAX_WEEKS} weeks"
            )));
        }
        let zone = schedule::parse_zone(device_zone)?;
        let (conn, sealer, now) = (self.store.conn(), self.store.sealer(), self.now_ms());
        let teller = Teller::new(
            pairing::partner_name(conn, sealer, now)?.as_deref(),
            Some(zone),
            now,
        );
        let names = Names {
            me: self.device_id(),
            partner: teller.partner.clone(),
        };
        let span: Millis = i64::from(weeks) * 7 * 86_400_000;
        let from_ms = now.saturating_sub(span);
        let day_of = |ms: Millis| -> Result<NaiveDate> {
            Ok(schedule::instant(ms)?.with_timezone(&zone).date_naive())
        };
        let (today, first) = (day_of(now)?, day_of(from_ms)?);

        let mut days: BTreeMap<NaiveDate, Vec<NotebookItem>> = BTreeMap::new();
        // Entries up to now and a little beyond: a partner's clock running
        // a few minutes ahead must not hide what they just wrote.
        for r in self.entries(from_ms, now.saturating_add(86_400_000), None)? {
            let day = day_of(r.at_ms)?;
            days.entry(day)
                .or_default()
                .push(entry_item(r, &names, &zone));
        }
        for (day, items) in mark_words(conn, sealer, first, today, &names)? {
            days.entry(day).or_default().extend(items);
        }
        let days: Vec<NotebookDay> = days
            .into_iter()
            .rev()
            .map(|(date, items)| NotebookDay {
                heading: heading(&teller, date, today),
                items,
            })
            .collect();
        let empty = days.is_empty().then(|| {
            format!(
                "Nothing written in the last {}. Check-ins, appreciations, repairs and notes on rituals appear here.",
                if weeks == 1 { "week".to_string() } else { format!("{weeks} weeks") }
            )
        });
        Ok(Notebook { days, empty })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_name_near_days_and_the_year_only_when_it_differs() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let today = d(2026, 12, 6);
        let noon = today.and_hms_opt(12, 0, 0).unwrap().and_utc();
        let teller = Teller::new(None, Some(Zone::UTC), noon.timestamp_millis());
        let heading = |date| heading(&teller, date, today);
        assert_eq!(heading(today), "Today");
        assert_eq!(heading(d(2026, 12, 5)), "Yesterday");
        assert_eq!(heading(d(2026, 11, 28)), "Sat 28 Nov");
        assert_eq!(heading(d(2025, 12, 6)), "Sat 6 Dec 2025");
    }
}
