//! The agreement form checked field by field, as typed: both apps show the
//! same message beside the same field, and the rules are the ones the core
//! applies when the draft is sent (validate.rs, agreements/terms.rs).
//! Before, iOS checked only that a cool-down was a whole number and Android
//! nothing; either showed one message for the whole form after sending.

use crate::agreements::terms::{self, ReviewProblem};
use crate::agreements::{
    self, AgreementDraft, MAX_COOL_DOWN_MINUTES, MIN_COOL_DOWN_MINUTES, PauseProtocol,
    REVISIT_MAX_CHARS, TEXT_MAX_CHARS, TITLE_MAX_CHARS,
};
use crate::catalog::{Arg, Locale};
use crate::error::Result;
use crate::validate::{TextProblem, text_problem};
use crate::{Core, schedule};

/// The form as typed. Blank cool-down: no pause protocol; blank review
/// date: none.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AgreementForm {
    pub title: String,
    pub text: String,
    /// Minutes as typed.
    pub cool_down: String,
    /// Of a pause protocol, kept from the version amended (the form does
    /// not show them).
    pub either_may_call: bool,
    pub revisit: Option<String>,
    /// "YYYY-MM-DD" as typed or picked.
    pub review_on: String,
}

impl AgreementForm {
    /// The form that makes `draft` again (a blank one: a new agreement);
    /// a pause protocol's other terms are kept, as the form does not show them.
    pub fn of_draft(draft: &AgreementDraft) -> Self {
        let p = draft.pause_protocol.as_ref();
        AgreementForm {
            title: draft.title.clone(),
            text: draft.text.clone(),
            cool_down: p
                .map(|p| p.cool_down_minutes.to_string())
                .unwrap_or_default(),
            either_may_call: p.is_none_or(|p| p.either_may_call),
            revisit: p.and_then(|p| p.revisit.clone()),
            review_on: draft.review_on.clone().unwrap_or_default(),
        }
    }
}

/// Each field's message (`None`: it reads well), and the draft to send
/// when every field reads well.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AgreementFormCheck {
    pub title: Option<String>,
    pub text: Option<String>,
    pub cool_down: Option<String>,
    pub revisit: Option<String>,
    pub review_on: Option<String>,
    /// About the whole form: a change that changes nothing.
    pub form: Option<String>,
    pub draft: Option<AgreementDraft>,
}

pub(crate) fn text_message(p: TextProblem, empty_id: &str, l: Locale) -> String {
    match p {
        TextProblem::Empty => l.say(empty_id),
        TextProblem::TooLong { count, max } => l.say_with(
            "form-too-long",
            &[
                ("count", Arg::Num(i64::try_from(count).unwrap_or(i64::MAX))),
                ("max", Arg::Num(i64::try_from(max).unwrap_or(i64::MAX))),
            ],
        ),
        TextProblem::ControlCharacter => l.say("form-control-character"),
    }
}

impl Core {
    /// Checks an agreement form. `amends`: the agreement a change is for
    /// and the version it builds on (a unique hash prefix; `None`: the one
    /// in effect, else the newest waiting), whose review date may stay even
    /// once past. An unknown agreement or version is an error; a field that
    /// does not read well is its message.
    pub fn check_agreement_form(
        &self,
        form: &AgreementForm,
        amends: Option<(&str, Option<&str>)>,
    ) -> Result<AgreementFormCheck> {
        let l = self.locale();
        let parent = match amends {
            Some((id, version)) => Some(self.agreement_draft(id, version)?),
            None => None,
        };
        let carried = parent
            .as_ref()
            .and_then(|p| p.review_on.as_deref())
            .and_then(|d| schedule::recurrence::parse_date("review date", d).ok());
        let today = agreements::today(self.now_ms())?;
        let mut check = AgreementFormCheck {
            title: text_problem(&form.title, TITLE_MAX_CHARS, true)
                .map(|p| text_message(p, "form-title-empty", l)),
            text: text_problem(&form.text, TEXT_MAX_CHARS, true)
                .map(|p| text_message(p, "form-text-empty", l)),
            ..AgreementFormCheck::default()
        };
        let minutes = form.cool_down.trim();
        let revisit = form.revisit.as_deref().map(str::trim).unwrap_or_default();
        let pause_protocol = if minutes.is_empty() {
            None
        } else {
            match minutes.parse::<u32>() {
                Ok(m) if terms::cool_down_ok(m) => Some(PauseProtocol {
                    cool_down_minutes: m,
                    either_may_call: form.either_may_call,
                    revisit: (!revisit.is_empty()).then(|| revisit.to_owned()),
                }),
                _ => {
                    check.cool_down = Some(l.say_with(
                        "form-cool-down",
                        &[
                            ("min", Arg::Num(i64::from(MIN_COOL_DOWN_MINUTES))),
                            ("max", Arg::Num(i64::from(MAX_COOL_DOWN_MINUTES))),
                        ],
                    ));
                    None
                }
            }
        };
        check.revisit = text_problem(revisit, REVISIT_MAX_CHARS, false)
            .map(|p| text_message(p, "form-text-empty", l));
        let review = form.review_on.trim();
        let review_on = if review.is_empty() {
            None
        } else {
            let problem = match schedule::recurrence::parse_date("review date", review) {
                Ok(date) => terms::review_problem(date, today, carried).ok_or(date),
                Err(_) => Ok(ReviewProblem::NotADate),
            };
            match problem {
                Err(date) => Some(date.to_string()),
                Ok(p) => {
                    check.review_on = Some(l.say(match p {
                        ReviewProblem::NotADate => "form-review-not-a-date",
                        ReviewProblem::Past => "form-review-past",
                        ReviewProblem::TooFar => "form-review-far",
                    }));
                    None
                }
            }
        };
        let fine = check.title.is_none()
            && check.text.is_none()
            && check.cool_down.is_none()
            && check.revisit.is_none()
            && check.review_on.is_none();
        if fine {
            let draft = AgreementDraft {
                title: form.title.trim().to_owned(),
                text: form.text.trim().to_owned(),
                pause_protocol,
                review_on,
            };
            if parent.as_ref() == Some(&draft) {
                check.form = Some(l.say("form-unchanged"));
            } else {
                check.draft = Some(draft);
            }
        }
        Ok(check)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_has_its_own_words() {
        let l = Locale::En;
        assert_eq!(
            text_message(
                TextProblem::TooLong { count: 81, max: 80 },
                "form-title-empty",
                l
            ),
            "Up to 80 characters; this has 81."
        );
        assert_eq!(
            text_message(TextProblem::Empty, "form-title-empty", l),
            "Give it a short title."
        );
        assert_ne!(
            text_message(TextProblem::ControlCharacter, "form-title-empty", l),
            "form-control-character"
        );
    }
}
