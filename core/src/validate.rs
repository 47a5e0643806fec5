//! Checks shared by every capability that takes text, dates or numbers
//! from a person, and by sync admission, which applies the same rules to
//! what a partner's phone sends (a modified app included). Errors name the
//! field and the rule, never the text itself.

use chrono::{Datelike, NaiveDate};

use crate::error::{Error, Result};

/// The years a date may fall in, from a person or a partner: beyond them,
/// dates are typing errors or hostile, and the work a date can cause
/// (expanding a recurrence, say) must stay bounded.
pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2200;

/// Checks that `date` falls in the years [`FIRST_YEAR`]..=[`LAST_YEAR`].
pub fn date(field: &str, date: NaiveDate) -> Result<NaiveDate> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
        Ok(date)
    } else {
        Err(Error::invalid(format!(
            "the {field} must be a date like 2027-03-14, between {FIRST_YEAR} and {LAST_YEAR}"
        )))
    }
}

/// What is wrong with a text a person typed, field by field (a form shows
/// it beside the field; `required_text` and `optional_text` word it for
/// logs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextProblem {
    Empty,
    TooLong { count: usize, max: usize },
    ControlCharacter,
}

/// The problem with `value` (trimmed) as a text of at most `max_chars`
/// characters; an empty one is a problem only when `required`.
pub fn text_problem(value: &str, max_chars: usize, required: bool) -> Option<TextProblem> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return required.then_some(TextProblem::Empty);
    }
    let count = trimmed.chars().count();
    if count > max_chars {
        return Some(TextProblem::TooLong {
            count,
            max: max_chars,
        });
    }
    if trimmed.chars().any(|c| c.is_control() && c != '\n') {
        return Some(TextProblem::ControlCharacter);
    }
    None
}

/// `problem` in English, for logs and the CLI.
pub fn text_error(field: &str, problem: TextProblem) -> Error {
    Error::invalid(match problem {
        TextProblem::Empty => format!("the {field} is empty"),
        TextProblem::TooLong { count, max } => {
            format!("the {field} is {count} characters long; the limit is {max}")
        }
        TextProblem::ControlCharacter => format!("the {field} contains a control character"),
    })
}

/// Trims `value` and checks it is 1..=`max_chars` characters with no control
/// characters. Returns the trimmed text.
pub fn required_text(field: &str, value: &str, max_chars: usize) -> Result<String> {
    match text_problem(value, max_chars, true) {
        Some(p) => Err(text_error(field, p)),
        None => Ok(value.trim().to_owned()),
    }
}

/// Like `required_text`, but empty (after trimming) means "none".
pub fn optional_text(field: &str, value: &str, max_chars: usize) -> Result<Option<String>> {
    match text_problem(value, max_chars, false) {
        Some(p) => Err(text_error(field, p)),
        None => {
            let trimmed = value.trim();
            Ok((!trimmed.is_empty()).then(|| trimmed.to_owned()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_limits() {
        assert_eq!(required_text("title", "  Walk ", 10).unwrap(), "Walk");
        assert!(required_text("title", "   ", 10).is_err());
        assert!(required_text("title", "", 10).is_err());
        assert!(required_text("title", &"é".repeat(10), 10).is_ok());
        let err = required_text("title", &"é".repeat(11), 10).unwrap_err();
        assert!(err.to_string().contains("11 characters"), "{err}");
        assert!(required_text("title", "a\u{0}b", 10).is_err());
        assert_eq!(optional_text("prompt", " ", 5).unwrap(), None);
    }

    #[test]
    fn errors_never_echo_the_text() {
        let err = required_text("title", &"secret".repeat(50), 10).unwrap_err();
        assert!(!err.to_string().contains("secret"));
    }
}
