//! The forms as the core opens them and as one call sends them. Before,
//! each shell decided which form a button opened (by the button's kind),
//! which submit buttons it offered with which words, and which call each
//! submit made after which check; the two phones differed (Android amended
//! an agreement whose look back was due without ending the look back).
//! Now a button names the form it opens (`FormRequest`), `open_form`
//! fills it in and names its submits, and a submit is one call that
//! either sends (answering with the action's effects, as `perform` does)
//! or says, field by field, what stopped it and changes nothing.

use crate::Core;
use crate::action::{AgreementPurpose, BoundaryPurpose, FormRequest, RitualPurpose};
use crate::actions::{Outcome, PhoneNow};
use crate::agreements::{self, AgreementDraft};
use crate::checkins::Entry;
use crate::error::Result;
use crate::rituals::{self, RitualDraft};
use crate::screens::agreement_form::{AgreementForm, AgreementFormCheck};
use crate::screens::boundaries::{self, BoundaryForm, BoundaryFormCheck};
use crate::screens::checkin::{self, CheckInForm, CheckInFormCheck};
use crate::screens::ritual_form::{RitualForm, RitualFormCheck, RitualFormFor};

/// A submit button: its words and what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submit<P> {
    pub label: String,
    pub purpose: P,
}

/// A ritual form as it opens: the fields filled in (a new ritual's
/// defaults, or the version a change answers) and its submit buttons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RitualFormOpen {
    /// Above the form: "New ritual", "Suggest another time", "Change this
    /// ritual" (a personal one), "Adjust the experiment".
    pub heading: String,
    pub form: RitualForm,
    pub submits: Vec<Submit<RitualPurpose>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementFormOpen {
    /// "New agreement", "Suggest a new version".
    pub heading: String,
    pub form: AgreementForm,
    pub submits: Vec<Submit<AgreementPurpose>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoundaryFormOpen {
    /// "New boundary", "Change your boundary".
    pub heading: String,
    pub form: BoundaryForm,
    pub submits: Vec<Submit<BoundaryPurpose>>,
    /// Words to start from (a new boundary's form only), in the phone's
    /// language: picking one puts it in the field, to edit.
    pub examples: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenForm {
    Ritual(RitualFormOpen),
    Agreement(AgreementFormOpen),
    Boundary(BoundaryFormOpen),
}

/// What a submit did: sent, with the effects to carry out, or held back
/// by the fields' words (nothing changed, nothing to arm).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Submitted<C> {
    Sent(Outcome),
    Check(C),
}

impl Core {
    /// The form `request` opens. An unknown ritual or agreement, or an
    /// agreement with no version to build on, is an error.
    pub fn open_form(&self, request: &FormRequest) -> Result<OpenForm> {
        let l = self.locale();
        fn submit<P>(l: crate::catalog::Locale, id: &str, purpose: P) -> Submit<P> {
            Submit {
                label: l.say(id),
                purpose,
            }
        }
        Ok(match request {
            FormRequest::NewRitual => OpenForm::Ritual(RitualFormOpen {
                heading: l.say("label-new-ritual"),
                form: RitualForm::fresh(),
                submits: vec![
                    submit(l, "label-submit-propose", RitualPurpose::Propose),
                    submit(l, "label-submit-personal", RitualPurpose::Personal),
                ],
            }),
            FormRequest::ChangeRitual { id } | FormRequest::AdjustRitual { id } => {
                let (answered, personal) =
                    rituals::answered(self.store.conn(), self.store.sealer(), id)?;
                let id = id.clone();
                let (heading, only) = match request {
                    FormRequest::AdjustRitual { .. } => (
                        "label-heading-adjust",
                        submit(l, "label-submit-adjust", RitualPurpose::Adjust { id }),
                    ),
                    // A personal ritual's change is in effect at once: nobody answers it.
                    _ if personal => (
                        "label-heading-change",
                        submit(l, "label-save", RitualPurpose::Change { id }),
                    ),
                    _ => (
                        "label-heading-counter",
                        submit(l, "label-submit-counter", RitualPurpose::Change { id }),
                    ),
                };
                OpenForm::Ritual(RitualFormOpen {
                    heading: l.say(heading),
                    form: RitualForm::of_spec(&answered),
                    submits: vec![only],
                })
            }
            FormRequest::NewAgreement => OpenForm::Agreement(AgreementFormOpen {
                heading: l.say("label-new-agreement"),
                form: AgreementForm::of_draft(&AgreementDraft::default()),
                submits: vec![submit(
                    l,
                    "label-submit-agreement",
                    AgreementPurpose::Propose,
                )],
            }),
            FormRequest::AmendAgreement { id, version } => {
                let (draft, version) = self.amended(id, version.as_deref())?;
                OpenForm::Agreement(AgreementFormOpen {
                    heading: l.say("label-heading-amend"),
                    form: AgreementForm::of_draft(&draft),
                    submits: vec![submit(
                        l,
                        "label-submit-amend",
                        AgreementPurpose::Amend {
                            id: id.clone(),
                            version,
                        },
                    )],
                })
            }
            FormRequest::ReviewAgreement { id } => {
                let (draft, version) = self.amended(id, None)?;
                OpenForm::Agreement(AgreementFormOpen {
                    heading: l.say("label-heading-amend"),
                    form: AgreementForm::of_draft(&draft),
                    submits: vec![submit(
                        l,
                        "label-submit-amend",
                        AgreementPurpose::Review {
                            id: id.clone(),
                            version,
                        },
                    )],
                })
            }
            FormRequest::NewBoundary => OpenForm::Boundary(BoundaryFormOpen {
                heading: l.say("label-new-boundary"),
                form: BoundaryForm::default(),
                submits: vec![
                    submit(l, "label-submit-boundary-private", BoundaryPurpose::Private),
                    submit(l, "label-submit-boundary-shared", BoundaryPurpose::Shared),
                ],
                examples: boundaries::examples(l),
            }),
            FormRequest::EditBoundary { id } => {
                let b = self.own_boundary(id)?;
                OpenForm::Boundary(BoundaryFormOpen {
                    heading: l.say("label-heading-boundary"),
                    form: BoundaryForm { text: b.text },
                    submits: vec![submit(
                        l,
                        "label-save",
                        BoundaryPurpose::Edit { id: id.clone() },
                    )],
                    examples: Vec::new(),
                })
            }
        })
    }

    /// The version an amendment of `id` builds on (`version`, else the one
    /// in effect, else the newest waiting), as a draft and its full hash.
    fn amended(&self, id: &str, version: Option<&str>) -> Result<(AgreementDraft, String)> {
        let (draft, hash) = self.amended_version(id, version)?;
        Ok((draft, hex::encode(hash)))
    }

    /// Sends a ritual form as `purpose` says when every field reads well.
    pub fn submit_ritual_form(
        &mut self,
        form: &RitualForm,
        purpose: &RitualPurpose,
        phone: &PhoneNow,
    ) -> Result<Submitted<RitualFormCheck>> {
        self.check_phone(phone)?;
        let base = match purpose {
            RitualPurpose::Propose | RitualPurpose::Personal => RitualFormFor::New,
            RitualPurpose::Change { id } => RitualFormFor::Change(id),
            RitualPurpose::Adjust { id } => RitualFormFor::Adjust(id),
        };
        let check = self.check_ritual_form(form, base)?;
        let Some(draft) = &check.draft else {
            return Ok(Submitted::Check(check));
        };
        send_ritual(self, purpose, draft)?;
        self.outcome(None, phone).map(Submitted::Sent)
    }

    /// Sends an agreement form as `purpose` says when every field reads well.
    pub fn submit_agreement_form(
        &mut self,
        form: &AgreementForm,
        purpose: &AgreementPurpose,
        phone: &PhoneNow,
    ) -> Result<Submitted<AgreementFormCheck>> {
        self.check_phone(phone)?;
        let amends = match purpose {
            AgreementPurpose::Propose => None,
            AgreementPurpose::Amend { id, version } | AgreementPurpose::Review { id, version } => {
                Some((id.as_str(), Some(version.as_str())))
            }
        };
        let check = self.check_agreement_form(form, amends)?;
        let Some(draft) = &check.draft else {
            return Ok(Submitted::Check(check));
        };
        match purpose {
            AgreementPurpose::Propose => self.propose_agreement(draft)?,
            AgreementPurpose::Amend { id, version } => self.amend_agreement(id, version, draft)?,
            AgreementPurpose::Review { id, .. } => {
                let amend = agreements::Review::Amend(Box::new(draft.clone()));
                self.review_agreement(id, &amend)?
            }
        };
        self.outcome(None, phone).map(Submitted::Sent)
    }

    /// Records a check-in when its fields read well; the outcome's notice
    /// says it was kept.
    pub fn submit_check_in(
        &mut self,
        form: &CheckInForm,
        phone: &PhoneNow,
    ) -> Result<Submitted<CheckInFormCheck>> {
        self.check_phone(phone)?;
        let check = checkin::check_form(form.temperature, &form.note, self.locale());
        // The check refuses every temperature a `u8` cannot hold.
        let temperature = match u8::try_from(form.temperature) {
            Ok(t) if check.is_ok() => t,
            _ => return Ok(Submitted::Check(check)),
        };
        // The person's words as written; a blank note is none.
        let note = Some(form.note.clone()).filter(|n| !n.trim().is_empty());
        let entry = Entry::CheckIn {
            temperature,
            capacity: form.capacity,
            need: form.need,
            note,
        };
        self.record_entry(entry, form.shared)?;
        let done = self.locale().say("checkin-done");
        self.outcome(Some(done), phone).map(Submitted::Sent)
    }
}

impl Core {
    /// Sends a boundary form when its words read well (and, for an edit,
    /// change something); the outcome's notice says when the partner will
    /// read it.
    pub fn submit_boundary_form(
        &mut self,
        form: &BoundaryForm,
        purpose: &BoundaryPurpose,
        phone: &PhoneNow,
    ) -> Result<Submitted<BoundaryFormCheck>> {
        self.check_phone(phone)?;
        let editing = match purpose {
            BoundaryPurpose::Edit { id } => Some(id.as_str()),
            BoundaryPurpose::Private | BoundaryPurpose::Shared => None,
        };
        let check = self.check_boundary_form(form, editing)?;
        if !check.is_ok() {
            return Ok(Submitted::Check(check));
        }
        let notice = self.send_boundary(form, purpose)?;
        self.outcome(notice, phone).map(Submitted::Sent)
    }
}

fn send_ritual(c: &mut Core, purpose: &RitualPurpose, draft: &RitualDraft) -> Result<()> {
    match purpose {
        RitualPurpose::Propose => c.propose_ritual(draft)?,
        RitualPurpose::Personal => c.add_personal_ritual(draft)?,
        RitualPurpose::Change { id } => c.counter_ritual(id, draft)?,
        RitualPurpose::Adjust { id } => {
            c.review_ritual(id, &rituals::Review::Adjust(Box::new(draft.clone())))?
        }
    };
    Ok(())
}
