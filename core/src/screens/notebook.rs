//! The notebook: what both partners wrote, day by day, newest first.
//! Check-ins, appreciations, repairs and phrases from either partner, and
//! the notes and feelings left on rituals marked done. The core words every
//! line; the couple's own text travels beside it, never inside it, so a
//! shell can style it (and a pseudo-locale check can tell the two apart).

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate};
use rusqlite::Connection;

use crate::catalog::{Arg, Locale, date_short, date_short_year};
use crate::checkins::{Capacity, Entry, Need, RepairAct};
use crate::clock::Millis;
use crate::device::DeviceId;
use crate::error::{Error, Result};
use crate::phrases::Situation;
use crate::rituals::marks::Words;
use crate::store::Sealer;
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
    /// The partner's name, or "Your partner".
    partner: String,
    /// The partner as the object of a sentence: "Ana", or "your partner".
    partner_object: String,
    locale: Locale,
}

impl Names {
    /// Whether `author` is this phone's person, and the person as the
    /// catalog's sentences select them: "you", or "other" named `who`.
    fn who(&self, author: DeviceId) -> (bool, &'static str, &str) {
        if author == self.me {
            (true, "you", "")
        } else {
            (false, "other", &self.partner)
        }
    }
}

pub(crate) fn capacity_words(c: Capacity, l: Locale) -> String {
    l.say(match c {
        Capacity::Low => "capacity-low",
        Capacity::Some => "capacity-some",
        Capacity::Plenty => "capacity-plenty",
    })
}

/// The words a 1–10 temperature reads as ("stirred").
pub(crate) fn temperature_words(t: u8, l: Locale) -> String {
    l.say(match t {
        1..=2 => "temperature-calm",
        3..=4 => "temperature-settled",
        5..=6 => "temperature-stirred",
        7..=8 => "temperature-heated",
        _ => "temperature-flooded",
    })
}

pub(crate) fn need_words(n: Need, l: Locale) -> String {
    l.say(n.word_id())
}

fn act_words(a: RepairAct, l: Locale) -> String {
    l.say(a.word_id())
}

fn situation_words(s: Situation, l: Locale) -> String {
    l.say(match s {
        Situation::AskingForSpace => "situation-space",
        Situation::InvitingCloseness => "situation-closeness",
        Situation::ReflectingBack => "situation-reflecting",
        Situation::OwningMyPart => "situation-owning",
        Situation::ReturningAfterAPause => "situation-returning",
    })
}

fn entry_item(r: crate::checkins::Record, names: &Names, zone: &Zone) -> NotebookItem {
    let l = names.locale;
    let (mine, person, who) = names.who(r.author);
    let person_args = [("person", Arg::Str(person)), ("who", Arg::Str(who))];
    let with = |id: &str, more: &[(&str, Arg)]| {
        let args: Vec<(&str, Arg)> = person_args.iter().chain(more).copied().collect();
        l.say_with(id, &args)
    };
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
            with(
                "notebook-checked-in",
                &[
                    ("temperature", Arg::Str(&temperature_words(temperature, l))),
                    ("capacity", Arg::Str(&capacity_words(capacity, l))),
                    ("need", Arg::Str(&need_words(need, l))),
                ],
            ),
            note.into_iter().collect(),
        ),
        Entry::Appreciation { text } => (
            NotebookKind::Appreciation,
            with(
                "notebook-appreciation",
                &[("partner", Arg::Str(&names.partner_object))],
            ),
            vec![text],
        ),
        Entry::Repair {
            act,
            note,
            received,
        } => {
            let received = match received {
                Some(true) => "yes",
                Some(false) => "no",
                None => "none",
            };
            let headline = with(
                "notebook-repair",
                &[
                    ("act", Arg::Str(&act_words(act, l))),
                    ("received", Arg::Str(received)),
                ],
            );
            (NotebookKind::Repair, headline, note.into_iter().collect())
        }
        Entry::Phrase { situation, text } => (
            NotebookKind::Phrase,
            with(
                "notebook-phrase",
                &[("situation", Arg::Str(&situation_words(situation, l)))],
            ),
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

fn words_item(
    ritual_id: &str,
    title: &str,
    personal: bool,
    w: Words,
    names: &Names,
) -> NotebookItem {
    let l = names.locale;
    let (mine, person, who) = names.who(w.by);
    let mut words = Vec::new();
    let mut args = vec![
        ("person", Arg::Str(person)),
        ("who", Arg::Str(who)),
        ("title", Arg::Str(title)),
    ];
    let headline = match &w.feeling {
        Some(feeling) => {
            args.push(("feeling", Arg::Str(feeling)));
            l.say_with("notebook-ritual-feeling", &args)
        }
        None => l.say_with("notebook-ritual-words", &args),
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
/// The rituals with words on a done mark between two dates (inclusive).
pub(crate) const WORDS_IN_PERIOD: &str = "SELECT DISTINCT ritual_id FROM occurrence_marks
     WHERE date >= ?1 AND date <= ?2 AND status = 'done'
       AND (note IS NOT NULL OR feeling IS NOT NULL OR also_note IS NOT NULL OR also_feeling IS NOT NULL)";

fn mark_words(
    conn: &Connection,
    sealer: &Sealer,
    from: NaiveDate,
    to: NaiveDate,
    names: &Names,
) -> Result<BTreeMap<NaiveDate, Vec<NotebookItem>>> {
    // Only the rituals that hold words in the period: the notebook costs
    // what the period holds, not the whole history. The condition is the
    // words index's own (`occurrence_marks_words`), word for word, or
    // SQLite scans every mark ever made (a second partner's mark is kept
    // only with words, so `also_by` adds nothing to it).
    let mut stmt = conn.prepare_cached(WORDS_IN_PERIOD)?;
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

/// A day's heading: "Today", "Yesterday", "Tomorrow", else the date
/// ("Sat 28 Nov"), with the year when it is not this one.
fn heading(l: Locale, date: NaiveDate, today: NaiveDate) -> String {
    if date == today {
        l.say("heading-today")
    } else if today.succ_opt() == Some(date) {
        l.say("heading-tomorrow")
    } else if today.pred_opt() == Some(date) {
        l.say("heading-yesterday")
    } else if date.year() != today.year() {
        date_short_year(l, date)
    } else {
        date_short(l, date)
    }
}

/// How far back the notebook screen reaches when a shell does not ask
/// otherwise: four weeks, the same on both phones.
pub const NOTEBOOK_WEEKS: u32 = 4;

impl Core {
    /// The notebook screen as both apps show it: the last `NOTEBOOK_WEEKS`.
    pub fn notebook_screen(&self, device_zone: &str) -> Result<Notebook> {
        self.notebook(NOTEBOOK_WEEKS, device_zone)
    }

    /// The notebook over the last `weeks` weeks (1 to 520), in `device_zone`.
    pub fn notebook(&self, weeks: u32, device_zone: &str) -> Result<Notebook> {
        if !(1..=MAX_WEEKS).contains(&weeks) {
            return Err(Error::invalid(format!(
                "the notebook reaches back 1 to {MAX_WEEKS} weeks"
            )));
        }
        let zone = schedule::parse_zone(device_zone)?;
        let (conn, sealer, now) = (self.store.conn(), self.store.sealer(), self.now_ms());
        let l = self.locale;
        let name = pairing::partner_name(conn, sealer, now)?
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty());
        let names = Names {
            me: self.device_id(),
            partner: name.clone().unwrap_or_else(|| l.say("partner-unnamed")),
            partner_object: name.unwrap_or_else(|| l.say("partner-object")),
            locale: l,
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
                heading: heading(l, date, today),
                items,
            })
            .collect();
        let empty = days
            .is_empty()
            .then(|| l.say_with("notebook-empty", &[("weeks", Arg::Num(i64::from(weeks)))]));
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
        let en = |date| heading(Locale::En, date, today);
        assert_eq!(en(today), "Today");
        assert_eq!(en(d(2026, 12, 5)), "Yesterday");
        assert_eq!(en(d(2026, 12, 7)), "Tomorrow");
        assert_eq!(en(d(2026, 11, 28)), "Sat 28 Nov");
        assert_eq!(en(d(2025, 12, 6)), "Sat 6 Dec 2025");
        let de = |date| heading(Locale::De, date, today);
        assert_eq!(de(today), "Heute");
        assert_eq!(de(d(2026, 12, 5)), "Gestern");
        assert_eq!(de(d(2026, 11, 28)), "Sa 28. Nov.");
        assert_eq!(de(d(2025, 12, 6)), "Sa 6. Dez. 2025");
    }
}
