//! What a version says, field by field in words, and what a waiting version
//! changes against the one it is compared with ("Tue and Thu instead of
//! every day"). Written once here so every shell shows a person the same
//! thing before they accept it.

use crate::catalog::{Arg, Locale};

/// A field of a ritual or an agreement version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Title,
    Prompt,
    Text,
    Minutes,
    TimeOfDay,
    WindowEnd,
    Zone,
    Repeat,
    StartDate,
    End,
    Reminders,
    TrialUntil,
    PauseProtocol,
    CoolDown,
    WhoMayCall,
    Revisit,
    ReviewOn,
}

impl Field {
    /// A stable key for scripts and shells (JSON, tests).
    pub fn key(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Prompt => "prompt",
            Field::Text => "text",
            Field::Minutes => "minutes",
            Field::TimeOfDay => "time_of_day",
            Field::WindowEnd => "window_end",
            Field::Zone => "zone",
            Field::Repeat => "repeat",
            Field::StartDate => "start_date",
            Field::End => "end",
            Field::Reminders => "lead_minutes",
            Field::TrialUntil => "trial_until",
            Field::PauseProtocol => "pause_protocol",
            Field::CoolDown => "cool_down_minutes",
            Field::WhoMayCall => "either_may_call",
            Field::Revisit => "revisit",
            Field::ReviewOn => "review_on",
        }
    }

    /// The word a person reads before the value.
    pub fn label(self) -> String {
        self.label_in(Locale::En)
    }

    /// The word a person reads before the value, in `locale`.
    pub fn label_in(self, locale: Locale) -> String {
        locale.say(match self {
            Field::Title => "field-title",
            Field::Prompt => "field-prompt",
            Field::Text => "field-text",
            Field::Minutes => "field-minutes",
            Field::TimeOfDay => "field-time",
            Field::WindowEnd => "field-window",
            Field::Zone => "field-zone",
            Field::Repeat => "field-repeat",
            Field::StartDate => "field-start",
            Field::End => "field-end",
            Field::Reminders => "field-reminders",
            Field::TrialUntil => "field-trial",
            Field::PauseProtocol => "field-pause-protocol",
            Field::CoolDown => "field-cool-down",
            Field::WhoMayCall => "field-who-may-call",
            Field::Revisit => "field-revisit",
            Field::ReviewOn => "field-review-on",
        })
    }
}

/// One field of a version, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldValue {
    pub field: Field,
    pub text: String,
}

/// One field a waiting version changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: Field,
    pub before: String,
    pub after: String,
}

impl FieldChange {
    /// "repeats: Tue and Thu instead of every day".
    pub fn summary(&self) -> String {
        self.summary_in(Locale::En)
    }

    /// The summary in `locale` (the values in the words they were
    /// described in).
    pub fn summary_in(&self, locale: Locale) -> String {
        locale.say_with(
            "field-change",
            &[
                ("field", Arg::Str(&self.field.label_in(locale))),
                ("after", Arg::Str(&self.after)),
                ("before", Arg::Str(&self.before)),
            ],
        )
    }
}

/// The fields whose words differ between two descriptions in words of
/// `locale`, in field order; a field on one side only is "none" on the other.
pub fn between(before: &[FieldValue], after: &[FieldValue], locale: Locale) -> Vec<FieldChange> {
    let mut fields: Vec<Field> = before.iter().chain(after).map(|v| v.field).collect();
    fields.sort_unstable();
    fields.dedup();
    let text_of = |values: &[FieldValue], field: Field| {
        values
            .iter()
            .find(|v| v.field == field)
            .map(|v| v.text.clone())
            .unwrap_or_else(|| locale.say("describe-none"))
    };
    fields
        .into_iter()
        .filter_map(|field| {
            let (b, a) = (text_of(before, field), text_of(after, field));
            (b != a).then_some(FieldChange {
                field,
                before: b,
                after: a,
            })
        })
        .collect()
}

/// "Mon, Wed and Fri"; "" for none.
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(field: Field, text: &str) -> FieldValue {
        FieldValue {
            field,
            text: text.to_owned(),
        }
    }

    #[test]
    fn only_fields_whose_words_differ_are_changes_in_field_order() {
        let before = [
            v(Field::Title, "Walk"),
            v(Field::Repeat, "every day"),
            v(Field::TimeOfDay, "20:30"),
        ];
        let after = [
            v(Field::Title, "Walk"),
            v(Field::Repeat, "Tue and Thu"),
            v(Field::TimeOfDay, "21:00"),
        ];
        let changes = between(&before, &after, Locale::En);
        assert_eq!(
            changes.iter().map(FieldChange::summary).collect::<Vec<_>>(),
            [
                "time: 21:00 instead of 20:30",
                "repeats: Tue and Thu instead of every day"
            ]
        );
        assert!(between(&before, &before, Locale::En).is_empty());
    }

    #[test]
    fn a_field_on_one_side_only_is_a_change_from_or_to_none() {
        let changes = between(&[v(Field::CoolDown, "20 min")], &[], Locale::En);
        assert_eq!(changes[0].summary(), "cool-down: none instead of 20 min");
    }

    #[test]
    fn lists_read_as_a_person_writes_them() {
        let s = |xs: &[&str]| xs.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
        assert_eq!(and_list(&s(&[])), "");
        assert_eq!(and_list(&s(&["Tue"])), "Tue");
        assert_eq!(and_list(&s(&["Tue", "Thu"])), "Tue and Thu");
        assert_eq!(and_list(&s(&["Mon", "Wed", "Fri"])), "Mon, Wed and Fri");
    }
}
