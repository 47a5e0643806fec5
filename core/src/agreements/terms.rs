//! What one version of an agreement says, and the draft a person types.
//! It names nothing else of `agreements`, so the change the log carries
//! (change.rs) and the history can use it without depending on the ledger.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::schedule;
use crate::validate;

pub const TITLE_MAX_CHARS: usize = 80;
pub const TEXT_MAX_CHARS: usize = 2000;
pub const REVISIT_MAX_CHARS: usize = 200;
/// A pause protocol's cool-down: 20 minutes (the body needs about that long
/// to calm down) to a day.
pub const MIN_COOL_DOWN_MINUTES: u32 = 20;
pub const MAX_COOL_DOWN_MINUTES: u32 = 24 * 60;
/// A review date at most this far ahead.
pub const MAX_REVIEW_DAYS: i64 = 3 * 366;

/// A version's identity: the first 16 bytes of the SHA-256 of its terms
/// (parent included). Acceptances name it.
pub type Hash = [u8; 16];

/// How the couple pauses a heated talk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PauseProtocol {
    /// Minutes before coming back (20 to 1440): a pause's default length.
    pub cool_down_minutes: u32,
    /// Whether either partner may call a pause (rather than only the one
    /// who asked for the agreement).
    pub either_may_call: bool,
    /// Where and how to come back to the talk ("on the sofa, starting with
    /// what we each heard").
    pub revisit: Option<String>,
}

/// What is wrong with a review date (a form shows it beside the field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewProblem {
    /// Not a date like 2027-03-14 between the years the core takes.
    NotADate,
    /// Today or earlier (the parent's own date may stay, even past).
    Past,
    /// More than three years ahead.
    TooFar,
}

/// The problem with review date `date` set `today` (the earliest today on
/// Earth), where `carried` is the date of the version amended.
pub fn review_problem(
    date: NaiveDate,
    today: NaiveDate,
    carried: Option<NaiveDate>,
) -> Option<ReviewProblem> {
    if date <= today && Some(date) != carried {
        Some(ReviewProblem::Past)
    } else if date > today + chrono::Duration::days(MAX_REVIEW_DAYS) {
        Some(ReviewProblem::TooFar)
    } else {
        None
    }
}

/// Whether a pause protocol's cool-down is in range.
pub fn cool_down_ok(minutes: u32) -> bool {
    (MIN_COOL_DOWN_MINUTES..=MAX_COOL_DOWN_MINUTES).contains(&minutes)
}

/// An agreement as a person typed it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AgreementDraft {
    pub title: String,
    pub text: String,
    pub pause_protocol: Option<PauseProtocol>,
    /// "YYYY-MM-DD": when to look at it again together.
    pub review_on: Option<String>,
}

/// What one version says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terms {
    /// The version this one amends; `None` for the first.
    pub parent: Option<Hash>,
    pub title: String,
    pub text: String,
    pub pause_protocol: Option<PauseProtocol>,
    #[serde(with = "crate::date_text::option")]
    pub review_on: Option<NaiveDate>,
}

impl Terms {
    /// `carried`: the parent's review date, which an amendment may keep
    /// unchanged even once it has passed.
    pub(super) fn from_draft(
        draft: &AgreementDraft,
        parent: Option<Hash>,
        today: NaiveDate,
        carried: Option<NaiveDate>,
    ) -> Result<Self> {
        let review_on = match &draft.review_on {
            Some(d) => {
                let date = schedule::recurrence::parse_date("review date", d)?;
                match review_problem(date, today, carried) {
                    Some(ReviewProblem::Past) => {
                        return Err(Error::invalid(
                            "the review date is in the past; pick a day after today",
                        ));
                    }
                    Some(ReviewProblem::TooFar) => {
                        return Err(Error::invalid("a review date is at most three years ahead"));
                    }
                    Some(ReviewProblem::NotADate) | None => {}
                }
                Some(date)
            }
            None => None,
        };
        let terms = Terms {
            parent,
            title: validate::required_text("title", &draft.title, TITLE_MAX_CHARS)?,
            text: validate::required_text("agreement text", &draft.text, TEXT_MAX_CHARS)?,
            pause_protocol: match &draft.pause_protocol {
                Some(p) => Some(PauseProtocol {
                    revisit: match &p.revisit {
                        Some(r) => validate::optional_text("revisit", r, REVISIT_MAX_CHARS)?,
                        None => None,
                    },
                    ..p.clone()
                }),
                None => None,
            },
            review_on,
        };
        terms.validate()?;
        Ok(terms)
    }

    /// Checks terms that arrived from the partner's device.
    pub fn validate(&self) -> Result<()> {
        validate::required_text("title", &self.title, TITLE_MAX_CHARS)?;
        validate::required_text("agreement text", &self.text, TEXT_MAX_CHARS)?;
        if let Some(p) = &self.pause_protocol {
            if !cool_down_ok(p.cool_down_minutes) {
                return Err(Error::invalid(format!(
                    "a cool-down lasts {MIN_COOL_DOWN_MINUTES} to {MAX_COOL_DOWN_MINUTES} minutes, got {}",
                    p.cool_down_minutes
                )));
            }
            if let Some(r) = &p.revisit {
                validate::required_text("revisit", r, REVISIT_MAX_CHARS)?;
            }
        }
        if let Some(d) = self.review_on {
            schedule::recurrence::parse_date("review date", &d.to_string())?;
        }
        Ok(())
    }

    /// The draft that makes these terms again: what an amendment starts
    /// from, so a field not changed keeps its value.
    pub fn to_draft(&self) -> AgreementDraft {
        AgreementDraft {
            title: self.title.clone(),
            text: self.text.clone(),
            pause_protocol: self.pause_protocol.clone(),
            review_on: self.review_on.map(|d| d.to_string()),
        }
    }

    pub fn hash(&self) -> Hash {
        let bytes = postcard::to_stdvec(self).unwrap_or_default();
        let digest = Sha256::digest(&bytes);
        let mut h = [0u8; 16];
        h.copy_from_slice(&digest[..16]);
        h
    }
}
