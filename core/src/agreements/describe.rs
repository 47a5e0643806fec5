//! An agreement version in words (its text, the pause protocol's fields, the
//! review date) and the difference between two versions.

use crate::agreements::{Agreement, Terms, Version};
use crate::catalog::{Arg, Locale};
use crate::difference::{self, Field, FieldChange, FieldValue};

/// Every field of `terms`, in words, in a fixed order. A pause protocol's
/// three fields are listed one by one so a change to any of them shows.
pub fn describe(terms: &Terms) -> Vec<FieldValue> {
    describe_in(terms, Locale::En)
}

/// Every field of `terms`, in words of `locale`, in a fixed order.
pub fn describe_in(terms: &Terms, l: Locale) -> Vec<FieldValue> {
    let value = |field, text: String| FieldValue { field, text };
    let quoted = |text: &str| l.say_with("quoted", &[("text", Arg::Str(text))]);
    let none = || l.say("describe-none");
    let mut out = vec![
        value(Field::Title, quoted(&terms.title)),
        value(Field::Text, quoted(&terms.text)),
    ];
    match &terms.pause_protocol {
        None => out.push(value(Field::PauseProtocol, none())),
        Some(p) => out.extend([
            value(Field::PauseProtocol, l.say("describe-agreed")),
            value(
                Field::CoolDown,
                l.say_with(
                    "describe-minutes",
                    &[("minutes", Arg::Num(i64::from(p.cool_down_minutes)))],
                ),
            ),
            value(
                Field::WhoMayCall,
                l.say(if p.either_may_call {
                    "describe-either-calls"
                } else {
                    "describe-asker-calls"
                }),
            ),
            value(
                Field::Revisit,
                p.revisit
                    .as_deref()
                    .map(quoted)
                    .unwrap_or_else(|| l.say("describe-not-said")),
            ),
        ]),
    }
    out.push(value(
        Field::ReviewOn,
        terms.review_on.map(|d| d.to_string()).unwrap_or_else(none),
    ));
    out
}

/// What `after` changes against `before`, field by field.
pub fn diff(before: &Terms, after: &Terms) -> Vec<FieldChange> {
    diff_in(before, after, Locale::En)
}

/// What `after` changes against `before`, in words of `locale`.
pub fn diff_in(before: &Terms, after: &Terms, l: Locale) -> Vec<FieldChange> {
    difference::between(&describe_in(before, l), &describe_in(after, l), l)
}

impl Agreement {
    /// The version a waiting one is compared with: the version in effect,
    /// else the version it amends. `None` for a first proposal and for the
    /// version in effect itself.
    pub fn compared_with(&self, waiting: &Version) -> Option<&Version> {
        if self.in_effect == Some(waiting.hash) {
            return None;
        }
        self.in_effect()
            .or_else(|| waiting.terms.parent.and_then(|p| self.version(&p)))
    }

    /// What a waiting version changes (empty for a first proposal).
    pub fn changes(&self, waiting: &Version) -> Vec<FieldChange> {
        self.changes_in(waiting, Locale::En)
    }

    /// What a waiting version changes, in words of `locale`.
    pub fn changes_in(&self, waiting: &Version, l: Locale) -> Vec<FieldChange> {
        self.compared_with(waiting)
            .map(|base| diff_in(&base.terms, &waiting.terms, l))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agreements::PauseProtocol;

    fn terms(edit: impl FnOnce(&mut Terms)) -> Terms {
        let mut t = Terms {
            parent: None,
            title: "Pausing heated talks".into(),
            text: "Either of us may call a pause.".into(),
            pause_protocol: Some(PauseProtocol {
                cool_down_minutes: 30,
                either_may_call: true,
                revisit: Some("on the sofa".into()),
            }),
            review_on: None,
        };
        edit(&mut t);
        t
    }

    fn summaries(a: &Terms, b: &Terms) -> Vec<String> {
        diff(a, b).iter().map(FieldChange::summary).collect()
    }

    #[test]
    fn versions_that_differ_only_in_the_pause_protocol_differ_in_words() {
        let base = terms(|_| {});
        let cases = [
            (
                terms(|t| t.pause_protocol.as_mut().unwrap().cool_down_minutes = 45),
                vec!["cool-down: 45 min instead of 30 min"],
            ),
            (
                terms(|t| t.pause_protocol.as_mut().unwrap().either_may_call = false),
                vec![
                    "who may call a pause: only the one who asked for this agreement instead of either of you",
                ],
            ),
            (
                terms(|t| t.pause_protocol.as_mut().unwrap().revisit = None),
                vec!["coming back: not said instead of \u{201c}on the sofa\u{201d}"],
            ),
        ];
        for (changed, expected) in cases {
            assert_eq!(summaries(&base, &changed), expected);
        }
    }

    #[test]
    fn dropping_the_pause_protocol_names_each_field_it_loses() {
        let keys: Vec<&str> = diff(&terms(|_| {}), &terms(|t| t.pause_protocol = None))
            .iter()
            .map(|c| c.field.key())
            .collect();
        assert_eq!(
            keys,
            [
                "pause_protocol",
                "cool_down_minutes",
                "either_may_call",
                "revisit"
            ]
        );
    }

    #[test]
    fn text_title_and_review_date_changes_show() {
        let after = terms(|t| {
            t.text = "Either of us may call a pause; we come back.".into();
            t.review_on = chrono::NaiveDate::from_ymd_opt(2027, 6, 1);
        });
        let keys: Vec<&str> = diff(&terms(|_| {}), &after)
            .iter()
            .map(|c| c.field.key())
            .collect();
        assert_eq!(keys, ["text", "review_on"]);
        assert_eq!(
            diff(&terms(|_| {}), &after)[1].summary(),
            "review: 2027-06-01 instead of none"
        );
        assert!(diff(&after, &after).is_empty());
        let retitled = terms(|t| t.title = "Pauses".into());
        assert_eq!(diff(&terms(|_| {}), &retitled)[0].field, Field::Title);
    }
}
