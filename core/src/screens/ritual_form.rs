//! The ritual form (a new shared or personal ritual, a counter or a
//! personal change, a trial's adjustment) checked field by field, as typed:
//! both apps and the CLI show the same words beside the same field. The
//! rules are the ones a send applies (`RitualSpec::check_draft`, which
//! `from_draft` and a counter end in), so the check and the send agree.
//! Before, iOS checked that minutes were a whole number and Android
//! nothing; either showed one message for the whole form after sending.

use crate::Core;
use crate::catalog::{self, Arg, Locale};
use crate::difference::Field;
use crate::error::Result;
use crate::rituals::spec::{MAX_LEADS, MAX_MINUTES, Problem, RitualDraft, RitualSpec};
use crate::schedule::{self, recurrence as rec};
use crate::validate::TextProblem;

/// The form as typed. Blank texts are "none" (no prompt, the default
/// start, no end date, no window, no trial).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RitualForm {
    pub title: String,
    pub prompt: String,
    /// Minutes as typed.
    pub minutes: String,
    /// "HH:MM": the time, or the start of a window.
    pub time_of_day: String,
    /// `None`: floating; else an IANA zone name.
    pub zone: Option<String>,
    pub repeat: rec::FrequencyDraft,
    /// "YYYY-MM-DD" for each date.
    pub start: String,
    pub until: String,
    pub count: Option<u32>,
    pub window_end: String,
    pub leads: Vec<u32>,
    pub trial_until: String,
}

impl RitualForm {
    /// A new ritual's form as it opens: a small daily ritual in the evening
    /// on the phone's own clock (the rhythm Tandem starts couples with, ten
    /// minutes at the same time each day). Before, Android opened it empty
    /// and iOS at 20:00 for 30 minutes.
    pub fn fresh() -> Self {
        RitualForm {
            title: String::new(),
            prompt: String::new(),
            minutes: String::from("10"),
            time_of_day: String::from("20:00"),
            zone: None,
            repeat: rec::FrequencyDraft::Daily,
            start: String::new(),
            until: String::new(),
            count: None,
            window_end: String::new(),
            leads: Vec::new(),
            trial_until: String::new(),
        }
    }
}

impl RitualForm {
    /// The form that makes `spec` again: what a change starts from, so a
    /// field not changed keeps its value (zone, dates, window, leads too).
    pub fn of_spec(spec: &RitualSpec) -> Self {
        use rec::{End, Frequency};
        let iso = |w: chrono::Weekday| w.number_from_monday() as u8;
        let r = &spec.recurrence;
        RitualForm {
            title: spec.title.clone(),
            prompt: spec.prompt.clone().unwrap_or_default(),
            minutes: spec.minutes.to_string(),
            time_of_day: spec.time().to_string(),
            zone: spec.zone.clone(),
            repeat: match r.frequency {
                Frequency::Daily => rec::FrequencyDraft::Daily,
                Frequency::Weekdays(set) => {
                    rec::FrequencyDraft::Weekdays(set.days().into_iter().map(iso).collect())
                }
                Frequency::EveryNDays(n) => rec::FrequencyDraft::EveryNDays(u32::from(n)),
                Frequency::Weekly => rec::FrequencyDraft::Weekly,
                Frequency::MonthlyOnDay(d) => rec::FrequencyDraft::MonthlyOnDay(u32::from(d)),
                Frequency::MonthlyOnWeekday { nth, weekday } => {
                    rec::FrequencyDraft::MonthlyOnWeekday {
                        nth: i32::from(nth),
                        weekday: iso(weekday),
                    }
                }
            },
            start: r.start.to_string(),
            until: match r.end {
                End::Until(d) => d.to_string(),
                _ => String::new(),
            },
            count: match r.end {
                End::Count(n) => Some(n),
                _ => None,
            },
            window_end: spec
                .window_end
                .and_then(|w| schedule::TimeOfDay::from_minutes(w).ok())
                .map(|t| t.to_string())
                .unwrap_or_default(),
            leads: spec.leads.iter().map(|&m| u32::from(m)).collect(),
            trial_until: spec.trial_until.map(|d| d.to_string()).unwrap_or_default(),
        }
    }
}

/// What the form makes: a new ritual, or another version of ritual `id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RitualFormFor<'a> {
    New,
    /// A counter, or a personal ritual's change.
    Change(&'a str),
    /// A trial's look back, kept changed: its trial ends later or not at all.
    Adjust(&'a str),
}

/// Each field's message (`None`: it reads well), and the draft to send
/// when every field reads well.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RitualFormCheck {
    pub title: Option<String>,
    pub prompt: Option<String>,
    pub minutes: Option<String>,
    pub time_of_day: Option<String>,
    pub zone: Option<String>,
    /// The repeat and its own fields (days, n, day of the month, nth).
    pub repeat: Option<String>,
    pub start: Option<String>,
    /// The end date or the number of times.
    pub end: Option<String>,
    pub window_end: Option<String>,
    pub leads: Option<String>,
    pub trial_until: Option<String>,
    /// About the whole form: a change that changes nothing.
    pub form: Option<String>,
    pub draft: Option<RitualDraft>,
}

impl RitualForm {
    /// The draft as typed; minutes that are not a number become a length
    /// the rules refuse, so the minutes' own message shows.
    pub fn draft(&self) -> RitualDraft {
        let some = |t: &str| Some(t.trim().to_owned()).filter(|t| !t.is_empty());
        RitualDraft {
            title: self.title.clone(),
            prompt: some(&self.prompt),
            minutes: self.minutes.trim().parse().unwrap_or(u32::MAX),
            time_of_day: self.time_of_day.clone(),
            zone: self.zone.clone(),
            recurrence: Some(rec::RecurrenceDraft {
                frequency: self.repeat.clone(),
                start: some(&self.start),
                until: some(&self.until),
                count: self.count,
            }),
            window_end: some(&self.window_end),
            lead_minutes: self.leads.clone(),
            trial_until: some(&self.trial_until),
        }
    }
}

/// The words for `p`, naming the field and what it takes, never the input.
pub fn message(p: Problem, l: Locale) -> String {
    use rec::{RecurrenceProblem as R, RepeatProblem as Rp};
    let num = |id, max: u32| l.say_with(id, &[("max", Arg::Num(i64::from(max)))]);
    match p {
        Problem::Text(_, TextProblem::Empty) => l.say("form-ritual-title"),
        Problem::Text(_, t) => crate::screens::agreement_form::text_message(t, "", l),
        Problem::Minutes => num("form-minutes", MAX_MINUTES),
        Problem::Time(_) => l.say("form-time"),
        Problem::Zone => l.say("form-zone"),
        Problem::Recurrence(r) => match r {
            R::Repeat(Rp::Weekdays) => l.say("form-weekdays"),
            R::Repeat(Rp::EveryNDays) => num("form-every-days", rec::MAX_EVERY_N_DAYS.into()),
            R::Repeat(Rp::MonthDay) => l.say("form-month-day"),
            R::Repeat(Rp::Nth) => l.say("form-nth"),
            R::StartDate | R::EndDate => l.say("form-review-not-a-date"),
            R::StartNeeded => l.say("form-start-needed"),
            R::EndBoth => l.say("form-end-both"),
            R::EndBeforeStart => l.say("form-end-before-start"),
            R::Count => num("form-count", rec::MAX_COUNT),
        },
        Problem::WindowOrder => l.say("form-window"),
        Problem::Leads => num("form-leads", MAX_LEADS as u32),
        Problem::TrialDate => l.say("form-review-not-a-date"),
        Problem::TrialPast => l.say("form-review-past"),
        Problem::TrialFar => l.say("form-trial-far"),
        Problem::TrialBeforeStart => l.say("form-trial-before-start"),
        Problem::TrialNotAfter(d) => l.say_with(
            "form-trial-after",
            &[("date", Arg::Str(&catalog::date_short_year(l, d)))],
        ),
    }
}

impl RitualFormCheck {
    fn slot(&mut self, field: Field) -> &mut Option<String> {
        match field {
            Field::Title => &mut self.title,
            Field::Prompt => &mut self.prompt,
            Field::Minutes => &mut self.minutes,
            Field::TimeOfDay => &mut self.time_of_day,
            Field::Zone => &mut self.zone,
            Field::Repeat => &mut self.repeat,
            Field::StartDate => &mut self.start,
            Field::End => &mut self.end,
            Field::WindowEnd => &mut self.window_end,
            Field::Reminders => &mut self.leads,
            Field::TrialUntil => &mut self.trial_until,
            _ => &mut self.form,
        }
    }
}

impl Core {
    /// Checks a ritual form for `base`: a new ritual, or another version
    /// of a ritual (compared with the version it answers, for a change that
    /// changes nothing). An unknown ritual is an error; a field that does
    /// not read well is its message.
    pub fn check_ritual_form(
        &self,
        form: &RitualForm,
        base: RitualFormFor<'_>,
    ) -> Result<RitualFormCheck> {
        let l = self.locale();
        let (answered, current_trial, trial_after) = match base {
            RitualFormFor::New => (None, None, None),
            RitualFormFor::Change(id) | RitualFormFor::Adjust(id) => {
                let r = self.ritual(id)?;
                let answered = r.answered_spec().clone();
                let after = matches!(base, RitualFormFor::Adjust(_))
                    .then_some(r.spec.trial_until)
                    .flatten();
                (Some(answered.clone()), answered.trial_until, after)
            }
        };
        let today = schedule::earliest_today(self.now_ms())?;
        let draft = form.draft();
        let mut check = RitualFormCheck::default();
        match RitualSpec::check_draft(&draft, today, current_trial, trial_after) {
            Ok(spec) if answered.as_ref() == Some(&spec) => {
                check.form = Some(l.say("form-unchanged"));
            }
            Ok(_) => check.draft = Some(draft),
            Err(problems) => {
                for p in problems {
                    check.slot(p.field()).get_or_insert_with(|| message(p, l));
                }
            }
        }
        Ok(check)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn form() -> RitualForm {
        RitualForm {
            title: "Walk".into(),
            minutes: "20".into(),
            time_of_day: "19:30".into(),
            ..RitualForm::fresh()
        }
    }

    fn problems(f: &RitualForm) -> Vec<(Field, String)> {
        let today = NaiveDate::from_ymd_opt(2027, 3, 10).unwrap();
        match RitualSpec::check_draft(&f.draft(), today, None, None) {
            Ok(_) => vec![],
            Err(ps) => ps
                .into_iter()
                .map(|p| (p.field(), message(p, Locale::En)))
                .collect(),
        }
    }

    #[test]
    fn each_field_says_what_it_takes() {
        assert!(problems(&form()).is_empty());
        let bad = RitualForm {
            title: " ".into(),
            minutes: "twenty".into(),
            time_of_day: "7pm".into(),
            zone: Some("Mars/Base".into()),
            repeat: rec::FrequencyDraft::EveryNDays(0),
            until: "2027-02-30".into(),
            leads: vec![10, 20, 30, 40, 50],
            trial_until: "2027-03-10".into(),
            ..form()
        };
        let said = problems(&bad);
        let fields: Vec<Field> = said.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            [
                Field::Title,
                Field::Minutes,
                Field::TimeOfDay,
                Field::Zone,
                Field::Repeat,
                Field::StartDate,
                Field::End,
                Field::Reminders,
                Field::TrialUntil
            ]
        );
        let words: Vec<&str> = said.iter().map(|(_, w)| w.as_str()).collect();
        assert_eq!(
            words[1],
            "The length is a whole number of minutes, 1 to 1440."
        );
        assert_eq!(
            words[5],
            "This repeat needs a start date: it decides the days."
        );
        for w in &words {
            assert!(!w.contains("twenty") && !w.contains("Mars") && !w.contains("7pm"));
        }
        // A window before its start, a trial before the start date.
        let order = RitualForm {
            window_end: "19:00".into(),
            start: "2027-05-01".into(),
            trial_until: "2027-04-01".into(),
            ..form()
        };
        assert_eq!(
            problems(&order),
            [
                (Field::WindowEnd, "The window ends after it starts.".into()),
                (
                    Field::TrialUntil,
                    "A trial ends on or after the day the ritual starts.".into()
                )
            ]
        );
        // A bad start leaves the end unjudged against it.
        let start = RitualForm {
            start: "someday".into(),
            until: "2027-01-01".into(),
            ..form()
        };
        assert_eq!(problems(&start).len(), 1);
    }
}
