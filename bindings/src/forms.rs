//! The forms across the FFI (see `tandem_core::screens::forms`): a
//! button's `opens` goes to `open_form`, which fills the form in and names
//! its submits; a submit is one call that sends and answers with the
//! effects to carry out, or answers with each field's words and changes
//! nothing.

use tandem_core::action as core_action;
use tandem_core::screens::agreement_form as core_agreement;
use tandem_core::screens::boundaries as core_boundary;
use tandem_core::screens::forms as core;
use tandem_core::screens::ritual_form as core_ritual;

use crate::{
    ActionOutcome, AgreementFormCheck, AgreementFormInput, Capacity, CheckInFormCheck, Need,
    PhoneNow, Repeat, Result, RitualFormCheck, RitualFormInput, Tandem, Weekday,
};

/// The form a button opens.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum FormRequest {
    NewRitual,
    /// Another version of a ritual: a counter for a shared one, a change
    /// in effect at once for a personal one.
    ChangeRitual {
        id: String,
    },
    /// A trial's look back, kept changed.
    AdjustRitual {
        id: String,
    },
    NewAgreement,
    /// A new version built on `version` (none: the one in effect, else the
    /// newest waiting).
    AmendAgreement {
        id: String,
        version: Option<String>,
    },
    /// An agreement's look back that ends in a new version.
    ReviewAgreement {
        id: String,
    },
    /// A boundary in the person's own words, with examples to start from.
    NewBoundary,
    /// One of this phone's boundaries, rewritten.
    EditBoundary {
        id: String,
    },
}

/// What a ritual form's submit does.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum RitualPurpose {
    Propose,
    Personal,
    Change { id: String },
    Adjust { id: String },
}

/// What an agreement form's submit does; `version` is the one the form
/// was opened on (a change to it meanwhile is refused).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum AgreementPurpose {
    Propose,
    Amend { id: String, version: String },
    Review { id: String, version: String },
}

/// What a boundary form's submit does.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum BoundaryPurpose {
    /// A new boundary that never leaves this phone.
    Private,
    /// A new boundary the partner reads (and cannot change).
    Shared,
    /// Boundary `id` rewritten, private or shared as it was.
    Edit { id: String },
}

/// A submit button: its words, and what to pass to `submit_ritual_form`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RitualSubmit {
    pub label: String,
    pub purpose: RitualPurpose,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AgreementSubmit {
    pub label: String,
    pub purpose: AgreementPurpose,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BoundarySubmit {
    pub label: String,
    pub purpose: BoundaryPurpose,
}

/// The boundary form as typed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BoundaryFormInput {
    pub text: String,
}

/// The field's words (none: it reads well); `form` about the whole form
/// (an edit that changes nothing).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BoundaryFormCheck {
    pub text: Option<String>,
    pub form: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum BoundaryFormResult {
    /// Sent; the outcome's notice says when the partner reads it.
    Sent {
        outcome: ActionOutcome,
    },
    Check {
        check: BoundaryFormCheck,
    },
}

/// A form as it opens: its fields filled in, its submit buttons in order.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum FormModel {
    Ritual {
        /// Above the form ("New ritual", "Suggest another time").
        heading: String,
        form: RitualFormInput,
        submits: Vec<RitualSubmit>,
    },
    Agreement {
        heading: String,
        form: AgreementFormInput,
        submits: Vec<AgreementSubmit>,
    },
    Boundary {
        heading: String,
        form: BoundaryFormInput,
        submits: Vec<BoundarySubmit>,
        /// Words to start from (a new boundary's form): picking one puts
        /// it in the field, to edit.
        examples: Vec<String>,
    },
}

/// What a ritual form's submit did: sent (carry out `outcome` as for
/// `perform`), or held back by the fields' words.
// Made once per submit and handed across the FFI at once, where a box
// would be copied out again: the variants' sizes do not matter here.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum RitualFormResult {
    Sent { outcome: ActionOutcome },
    Check { check: RitualFormCheck },
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum AgreementFormResult {
    Sent { outcome: ActionOutcome },
    Check { check: AgreementFormCheck },
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum CheckInFormResult {
    /// Recorded; the outcome's notice says so.
    Sent {
        outcome: ActionOutcome,
    },
    Check {
        check: CheckInFormCheck,
    },
}

/// A check-in as the form holds it; `temperature` as the slider gives it
/// (out of range is said, never clamped).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CheckInFormInput {
    pub temperature: i64,
    pub capacity: Capacity,
    pub need: Need,
    pub note: String,
    pub shared: bool,
}

impl From<core_action::FormRequest> for FormRequest {
    fn from(r: core_action::FormRequest) -> Self {
        use core_action::FormRequest as C;
        match r {
            C::NewRitual => FormRequest::NewRitual,
            C::ChangeRitual { id } => FormRequest::ChangeRitual { id },
            C::AdjustRitual { id } => FormRequest::AdjustRitual { id },
            C::NewAgreement => FormRequest::NewAgreement,
            C::AmendAgreement { id, version } => FormRequest::AmendAgreement { id, version },
            C::ReviewAgreement { id } => FormRequest::ReviewAgreement { id },
            C::NewBoundary => FormRequest::NewBoundary,
            C::EditBoundary { id } => FormRequest::EditBoundary { id },
        }
    }
}

impl From<FormRequest> for core_action::FormRequest {
    fn from(r: FormRequest) -> Self {
        use core_action::FormRequest as C;
        match r {
            FormRequest::NewRitual => C::NewRitual,
            FormRequest::ChangeRitual { id } => C::ChangeRitual { id },
            FormRequest::AdjustRitual { id } => C::AdjustRitual { id },
            FormRequest::NewAgreement => C::NewAgreement,
            FormRequest::AmendAgreement { id, version } => C::AmendAgreement { id, version },
            FormRequest::ReviewAgreement { id } => C::ReviewAgreement { id },
            FormRequest::NewBoundary => C::NewBoundary,
            FormRequest::EditBoundary { id } => C::EditBoundary { id },
        }
    }
}

impl From<core_action::RitualPurpose> for RitualPurpose {
    fn from(p: core_action::RitualPurpose) -> Self {
        use core_action::RitualPurpose as C;
        match p {
            C::Propose => RitualPurpose::Propose,
            C::Personal => RitualPurpose::Personal,
            C::Change { id } => RitualPurpose::Change { id },
            C::Adjust { id } => RitualPurpose::Adjust { id },
        }
    }
}

impl From<RitualPurpose> for core_action::RitualPurpose {
    fn from(p: RitualPurpose) -> Self {
        use core_action::RitualPurpose as C;
        match p {
            RitualPurpose::Propose => C::Propose,
            RitualPurpose::Personal => C::Personal,
            RitualPurpose::Change { id } => C::Change { id },
            RitualPurpose::Adjust { id } => C::Adjust { id },
        }
    }
}

impl From<core_action::AgreementPurpose> for AgreementPurpose {
    fn from(p: core_action::AgreementPurpose) -> Self {
        use core_action::AgreementPurpose as C;
        match p {
            C::Propose => AgreementPurpose::Propose,
            C::Amend { id, version } => AgreementPurpose::Amend { id, version },
            C::Review { id, version } => AgreementPurpose::Review { id, version },
        }
    }
}

impl From<AgreementPurpose> for core_action::AgreementPurpose {
    fn from(p: AgreementPurpose) -> Self {
        use core_action::AgreementPurpose as C;
        match p {
            AgreementPurpose::Propose => C::Propose,
            AgreementPurpose::Amend { id, version } => C::Amend { id, version },
            AgreementPurpose::Review { id, version } => C::Review { id, version },
        }
    }
}

impl From<core_action::BoundaryPurpose> for BoundaryPurpose {
    fn from(p: core_action::BoundaryPurpose) -> Self {
        use core_action::BoundaryPurpose as C;
        match p {
            C::Private => BoundaryPurpose::Private,
            C::Shared => BoundaryPurpose::Shared,
            C::Edit { id } => BoundaryPurpose::Edit { id },
        }
    }
}

impl From<BoundaryPurpose> for core_action::BoundaryPurpose {
    fn from(p: BoundaryPurpose) -> Self {
        use core_action::BoundaryPurpose as C;
        match p {
            BoundaryPurpose::Private => C::Private,
            BoundaryPurpose::Shared => C::Shared,
            BoundaryPurpose::Edit { id } => C::Edit { id },
        }
    }
}

impl From<core_boundary::BoundaryFormCheck> for BoundaryFormCheck {
    fn from(c: core_boundary::BoundaryFormCheck) -> Self {
        BoundaryFormCheck {
            text: c.text,
            form: c.form,
        }
    }
}

impl From<core_agreement::AgreementForm> for AgreementFormInput {
    fn from(f: core_agreement::AgreementForm) -> Self {
        AgreementFormInput {
            title: f.title,
            text: f.text,
            cool_down: f.cool_down,
            review_on: f.review_on,
            either_may_call: f.either_may_call,
            revisit: f.revisit,
        }
    }
}

impl From<core::OpenForm> for FormModel {
    fn from(f: core::OpenForm) -> Self {
        match f {
            core::OpenForm::Ritual(r) => FormModel::Ritual {
                heading: r.heading,
                form: r.form.into(),
                submits: r
                    .submits
                    .into_iter()
                    .map(|s| RitualSubmit {
                        label: s.label,
                        purpose: s.purpose.into(),
                    })
                    .collect(),
            },
            core::OpenForm::Agreement(a) => FormModel::Agreement {
                heading: a.heading,
                form: a.form.into(),
                submits: a
                    .submits
                    .into_iter()
                    .map(|s| AgreementSubmit {
                        label: s.label,
                        purpose: s.purpose.into(),
                    })
                    .collect(),
            },
            core::OpenForm::Boundary(b) => FormModel::Boundary {
                heading: b.heading,
                form: BoundaryFormInput { text: b.form.text },
                submits: b
                    .submits
                    .into_iter()
                    .map(|s| BoundarySubmit {
                        label: s.label,
                        purpose: s.purpose.into(),
                    })
                    .collect(),
                examples: b.examples,
            },
        }
    }
}

#[uniffi::export]
impl Tandem {
    /// The form a button's `opens` names, filled in, with its submits.
    pub fn open_form(&self, request: FormRequest) -> Result<FormModel> {
        let request = core_action::FormRequest::from(request);
        self.with(|c| c.open_form(&request)).map(Into::into)
    }

    /// Sends a ritual form as `purpose` says when every field reads well;
    /// else each field's words, and nothing changed.
    pub fn submit_ritual_form(
        &self,
        form: RitualFormInput,
        purpose: RitualPurpose,
        phone: PhoneNow,
    ) -> Result<RitualFormResult> {
        let (form, purpose) = (
            core_ritual::RitualForm::from(form),
            core_action::RitualPurpose::from(purpose),
        );
        let phone = phone.into_core();
        self.with(|c| {
            let answer = c.submit_ritual_form(&form, &purpose, &phone)?;
            Ok(answered(answer, c.locale()).map_or_else(
                |check| RitualFormResult::Check { check },
                |outcome| RitualFormResult::Sent { outcome },
            ))
        })
    }

    /// As `submit_ritual_form`, for an agreement form.
    pub fn submit_agreement_form(
        &self,
        form: AgreementFormInput,
        purpose: AgreementPurpose,
        phone: PhoneNow,
    ) -> Result<AgreementFormResult> {
        let (form, purpose) = (
            core_agreement::AgreementForm::from(form),
            core_action::AgreementPurpose::from(purpose),
        );
        let phone = phone.into_core();
        self.with(|c| {
            let answer = c.submit_agreement_form(&form, &purpose, &phone)?;
            Ok(answered(answer, c.locale()).map_or_else(
                |check| AgreementFormResult::Check { check },
                |outcome| AgreementFormResult::Sent { outcome },
            ))
        })
    }

    /// Sends a boundary form as `purpose` says when its words read well
    /// (and an edit changes them); else the field's words, nothing changed.
    pub fn submit_boundary_form(
        &self,
        form: BoundaryFormInput,
        purpose: BoundaryPurpose,
        phone: PhoneNow,
    ) -> Result<BoundaryFormResult> {
        let form = core_boundary::BoundaryForm { text: form.text };
        let purpose = core_action::BoundaryPurpose::from(purpose);
        let phone = phone.into_core();
        self.with(|c| {
            let answer = c.submit_boundary_form(&form, &purpose, &phone)?;
            Ok(answered(answer, c.locale()).map_or_else(
                |check| BoundaryFormResult::Check { check },
                |outcome| BoundaryFormResult::Sent { outcome },
            ))
        })
    }

    /// Records a check-in when its fields read well; else their words.
    pub fn submit_check_in(
        &self,
        form: CheckInFormInput,
        phone: PhoneNow,
    ) -> Result<CheckInFormResult> {
        let form = form.into();
        let phone = phone.into_core();
        self.with(|c| {
            let answer = c.submit_check_in(&form, &phone)?;
            Ok(answered(answer, c.locale()).map_or_else(
                |check| CheckInFormResult::Check { check },
                |outcome| CheckInFormResult::Sent { outcome },
            ))
        })
    }
}

/// A submit's answer in the FFI's types: `Ok` the outcome to carry out
/// (worded in `locale`), `Err` the fields' words (nothing was sent).
fn answered<C, F: From<C>>(
    s: core::Submitted<C>,
    locale: tandem_core::catalog::Locale,
) -> std::result::Result<ActionOutcome, F> {
    match s {
        core::Submitted::Sent(o) => Ok(ActionOutcome::of(o, locale)),
        core::Submitted::Check(check) => Err(check.into()),
    }
}

/// A weekday picked or unpicked on a ritual form: the days picked, in
/// week order, or every day once none is (one rule for both phones). A
/// repeat the day picker cannot show (every n days, monthly) gives way to
/// the day picked.
#[uniffi::export]
pub fn toggle_weekday(repeat: Repeat, day: Weekday) -> Repeat {
    let mut days = match repeat {
        Repeat::Weekdays { days } => days,
        _ => Vec::new(),
    };
    match days.iter().position(|d| *d == day) {
        Some(i) => {
            days.remove(i);
        }
        None => days.push(day),
    }
    let days: Vec<Weekday> = Weekday::ALL
        .iter()
        .copied()
        .filter(|d| days.contains(d))
        .collect();
    if days.is_empty() {
        Repeat::Daily
    } else {
        Repeat::Weekdays { days }
    }
}
