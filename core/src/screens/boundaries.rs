//! The boundaries screen and form: this person's own statements, private
//! unless they share one, and the partner's shared ones, to read. Until
//! now no phone showed boundaries at all: the calls were there, the
//! screens were not.
//!
//! A boundary is one person's, never the couple's: the partner's shared
//! ones carry no buttons (the core refuses any change to them), and
//! nothing here counts or compares them.

use crate::action::{Action, BoundaryPurpose, FormRequest};
use crate::agreements::boundaries::{Boundary, TEXT_MAX_CHARS};
use crate::catalog::{Arg, Locale, date_short_year};
use crate::clock::Millis;
use crate::error::{Error, Result};
use crate::screens::agreement_form::text_message;
use crate::tell::partner_called;
use crate::validate::text_problem;
use crate::zone::Zone;
use crate::{Core, DeviceId, pairing, schedule};

/// A button on a boundary's row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoundaryAction {
    /// Rewrite it (the form).
    Edit,
    /// Let the partner read it.
    Share,
    /// Private again: the partner's phone stops showing it.
    MakePrivate,
    /// End it, on both phones when it was shared.
    Retire,
    /// A new one (the form, with examples to start from).
    New,
}

impl BoundaryAction {
    pub fn label_in(self, l: Locale) -> String {
        l.say(match self {
            BoundaryAction::Edit => "boundary-action-edit",
            BoundaryAction::Share => "boundary-action-share",
            BoundaryAction::MakePrivate => "boundary-action-private",
            BoundaryAction::Retire => "boundary-action-retire",
            BoundaryAction::New => "boundary-action-new",
        })
    }
}

/// A button: its label and what it does (`does` performs, `opens` opens a
/// form; exactly one of the two).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoundaryButton {
    pub action: BoundaryAction,
    pub label: String,
    pub does: Option<Action>,
    pub opens: Option<FormRequest>,
}

impl BoundaryButton {
    fn new(
        action: BoundaryAction,
        does: Option<Action>,
        opens: Option<FormRequest>,
        l: Locale,
    ) -> Self {
        BoundaryButton {
            action,
            label: action.label_in(l),
            does,
            opens,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoundaryRow {
    pub id: String,
    /// The words as their author wrote them.
    pub text: String,
    pub mine: bool,
    pub shared: bool,
    /// "Only on this phone", "Ana can read this", "Shared by Ana".
    pub status: String,
    /// "Written Sat 5 Dec 2026", "Changed Mon 7 Dec 2026", on this
    /// phone's calendar.
    pub written: String,
    pub buttons: Vec<BoundaryButton>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoundariesScreen {
    /// What a boundary is here, above the lists.
    pub intro: String,
    /// This phone's own, oldest first.
    pub mine: Vec<BoundaryRow>,
    /// The partner's shared ones, oldest first, to read.
    pub partners: Vec<BoundaryRow>,
    /// "Yours", "Shared by Ana": shown only above a list that is not empty.
    pub mine_heading: String,
    pub partners_heading: String,
    /// What to show when this phone has none of its own.
    pub empty: Option<String>,
    /// "New boundary": opens the form.
    pub new: BoundaryButton,
}

/// The boundary form as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BoundaryForm {
    pub text: String,
}

/// The field's message (`None`: it reads well); `form` about the whole
/// form (an edit that changes nothing).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BoundaryFormCheck {
    pub text: Option<String>,
    pub form: Option<String>,
}

impl BoundaryFormCheck {
    pub fn is_ok(&self) -> bool {
        self.text.is_none() && self.form.is_none()
    }
}

/// Starting points in the couple's language, to edit into their own words.
pub fn examples(l: Locale) -> Vec<String> {
    (1..=EXAMPLE_COUNT)
        .map(|n| l.say(&format!("boundary-example-{n}")))
        .collect()
}

/// How many `boundary-example-N` messages the catalog holds.
const EXAMPLE_COUNT: usize = 6;

fn row(b: &Boundary, me: DeviceId, partner: &str, zone: &Zone, l: Locale) -> Result<BoundaryRow> {
    let mine = b.owner == me;
    let status = match (mine, b.shared) {
        (true, false) => l.say("boundary-status-private"),
        (true, true) => l.say_with("boundary-status-shared", &[("who", Arg::Str(partner))]),
        (false, _) => l.say_with("boundary-status-theirs", &[("who", Arg::Str(partner))]),
    };
    let changed = b.updated_at_ms > b.created_at_ms;
    let written = l.say_with(
        if changed {
            "boundary-changed-on"
        } else {
            "boundary-written-on"
        },
        &[("date", Arg::Str(&day(b.updated_at_ms, zone, l)?))],
    );
    let id = || b.id.clone();
    let buttons = if mine {
        use BoundaryAction as A;
        let share = if b.shared {
            (A::MakePrivate, false)
        } else {
            (A::Share, true)
        };
        vec![
            BoundaryButton::new(
                A::Edit,
                None,
                Some(FormRequest::EditBoundary { id: id() }),
                l,
            ),
            BoundaryButton::new(
                share.0,
                Some(Action::ShareBoundary {
                    id: id(),
                    shared: share.1,
                }),
                None,
                l,
            ),
            BoundaryButton::new(
                A::Retire,
                Some(Action::RetireBoundary { id: id() }),
                None,
                l,
            ),
        ]
    } else {
        Vec::new()
    };
    Ok(BoundaryRow {
        id: b.id.clone(),
        text: b.text.clone(),
        mine,
        shared: b.shared,
        status,
        written,
        buttons,
    })
}

/// "Sat 5 Dec 2026": the day `ms` fell on in `zone`.
fn day(ms: Millis, zone: &Zone, l: Locale) -> Result<String> {
    let date = schedule::instant(ms)?.with_timezone(zone).date_naive();
    Ok(date_short_year(l, date))
}

impl Core {
    /// The boundaries screen, dates on `device_zone`'s calendar.
    pub fn boundaries_screen(&self, device_zone: &str) -> Result<BoundariesScreen> {
        let zone = schedule::parse_zone(device_zone)?;
        let (me, l, now) = (self.device_id(), self.locale(), self.now_ms());
        let partner = partner_called(
            pairing::partner_name(self.store.conn(), self.store.sealer(), now)?.as_deref(),
            l,
        );
        let (mut mine, mut partners) = (Vec::new(), Vec::new());
        for b in self.boundaries()? {
            let r = row(&b, me, &partner, &zone, l)?;
            if r.mine {
                mine.push(r);
            } else {
                partners.push(r);
            }
        }
        Ok(BoundariesScreen {
            intro: l.say("boundaries-intro"),
            empty: mine.is_empty().then(|| l.say("boundaries-empty")),
            mine,
            partners,
            mine_heading: l.say("boundaries-heading-mine"),
            partners_heading: l
                .say_with("boundaries-heading-theirs", &[("who", Arg::Str(&partner))]),
            new: BoundaryButton::new(BoundaryAction::New, None, Some(FormRequest::NewBoundary), l),
        })
    }

    /// Checks a boundary form: the words, and for an edit (`editing`: the
    /// boundary's id) that they change something. An unknown boundary or
    /// the partner's is an error.
    pub fn check_boundary_form(
        &self,
        form: &BoundaryForm,
        editing: Option<&str>,
    ) -> Result<BoundaryFormCheck> {
        let l = self.locale();
        let mut check = BoundaryFormCheck {
            text: text_problem(&form.text, TEXT_MAX_CHARS, true)
                .map(|p| text_message(p, "form-boundary-empty", l)),
            form: None,
        };
        if let Some(id) = editing {
            let b = self.own_boundary(id)?;
            if check.text.is_none() && b.text.trim() == form.text.trim() {
                check.form = Some(l.say("form-boundary-unchanged"));
            }
        }
        Ok(check)
    }

    /// One of this phone's boundaries; the partner's is refused as not
    /// this phone's to change.
    pub(crate) fn own_boundary(&self, id: &str) -> Result<Boundary> {
        let b = self.boundary(id)?;
        if b.owner != self.device_id() {
            return Err(Error::not_allowed(
                "this is your partner's boundary; only its owner changes it",
            ));
        }
        Ok(b)
    }

    /// Sends a boundary form: a new one (private or shared) or an edit.
    pub(crate) fn send_boundary(
        &mut self,
        form: &BoundaryForm,
        purpose: &BoundaryPurpose,
    ) -> Result<Option<String>> {
        let text = form.text.trim();
        let l = self.locale();
        Ok(match purpose {
            BoundaryPurpose::Private => {
                self.add_boundary(text, false)?;
                None
            }
            BoundaryPurpose::Shared => {
                self.add_boundary(text, true)?;
                Some(l.say("boundary-shared-notice"))
            }
            BoundaryPurpose::Edit { id } => {
                let shared = self.edit_boundary(id, text)?.shared;
                shared.then(|| l.say("boundary-edited-notice"))
            }
        })
    }
}
