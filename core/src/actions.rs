//! A person's actions as data, the way crux shells send events: one call
//! does the action and answers with what the shell carries out. Before,
//! every shell called the action, then remembered to re-plan its reminders
//! (each keeping its own list of which actions touch what is scheduled),
//! and worded what to say itself; now the outcome holds the reminders to
//! cancel and arm, how many changes wait for the partner (the payload to
//! offer), and the sentence to show, if any.

pub use crate::action::Action;
use crate::arming::{Access, Arming, Trigger};
use crate::catalog::Locale;
use crate::error::{Error, Result};
use crate::{Core, agreements, rituals, schedule, tell};

/// Where and how this phone stands when the person acts: what the
/// outcome's reminders are worked out against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNow {
    /// The phone's IANA zone.
    pub zone: String,
    /// The reminder ids the shell's record says are armed.
    pub armed: Vec<String>,
    pub access: Access,
}

/// What an action did, for the shell to carry out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// What to say, worded ("Your partner will read your words after the
    /// next sync."); `None` when the refreshed screen says it all.
    pub notice: Option<String>,
    /// The reminders to cancel and arm now.
    pub reminders: Arming,
    /// Changes the partner's phone has not confirmed holding: a payload
    /// to offer (0: nothing to send).
    pub to_send: u32,
}

impl Core {
    /// Does `action` and answers with its effects. A refused action is an
    /// error that changed nothing (and arms nothing).
    pub fn perform(&mut self, action: &Action, phone: &PhoneNow) -> Result<Outcome> {
        let zone = self.check_phone(phone)?;
        let notice = self.carry_out(action, &phone.zone, &zone)?;
        self.outcome(notice, phone)
    }

    /// Everything about the phone, checked before an action runs: what can
    /// fail after it (reading the plan back) is the store's own failure,
    /// which would have failed the action's write too.
    pub(crate) fn check_phone(&self, phone: &PhoneNow) -> Result<crate::zone::Zone> {
        let zone = schedule::parse_zone(&phone.zone)?;
        crate::arming::check_armed(&phone.armed)?;
        Ok(zone)
    }

    /// An action's effects once it ran: the reminders to re-arm and what
    /// waits for the partner.
    pub(crate) fn outcome(&mut self, notice: Option<String>, phone: &PhoneNow) -> Result<Outcome> {
        let reminders = self.arm_reminders(
            &phone.zone,
            Trigger::AfterLocalChange,
            &phone.armed,
            phone.access,
        )?;
        // Before pairing (personal rituals) nothing waits for anyone.
        let to_send = match self.changes_to_send() {
            Ok(n) => u32::try_from(n).unwrap_or(u32::MAX),
            Err(Error::NotPaired(_)) => 0,
            Err(e) => return Err(e),
        };
        Ok(Outcome {
            notice,
            reminders,
            to_send,
        })
    }

    fn carry_out(
        &mut self,
        action: &Action,
        device_zone: &str,
        zone: &crate::zone::Zone,
    ) -> Result<Option<String>> {
        let l = self.locale;
        match action {
            Action::AcceptRitual { id } => {
                self.accept_ritual(id)?;
            }
            Action::DeclineRitual { id } => {
                self.decline_ritual(id)?;
            }
            Action::AcceptRitualVersion { id, version } => {
                self.accept_ritual_version(id, version)?;
            }
            Action::DeclineRitualVersion { id, version } => {
                self.decline_ritual_version(id, version)?;
            }
            Action::PauseRitual { id } => {
                self.pause_ritual(id)?;
            }
            Action::ResumeRitual { id } => {
                self.resume_ritual(id)?;
            }
            Action::RetireRitual { id } => {
                self.retire_ritual(id)?;
            }
            Action::KeepRitual { id } => {
                self.review_ritual(id, &rituals::Review::Keep)?;
            }
            Action::StopRitual { id } => {
                self.review_ritual(id, &rituals::Review::Stop)?;
            }
            Action::MarkDone {
                ritual_id,
                date,
                note,
                feeling,
            } => {
                self.mark_done_in(
                    ritual_id,
                    date,
                    note.as_deref(),
                    feeling.as_deref(),
                    Some(device_zone),
                )?;
                let worded = [note, feeling]
                    .into_iter()
                    .flatten()
                    .any(|w| !w.trim().is_empty());
                if worded {
                    let shared = !self.ritual(ritual_id)?.personal;
                    return Ok(Some(l.say(if shared {
                        "done-words-shared"
                    } else {
                        "done-words-kept"
                    })));
                }
            }
            Action::SkipOccurrence { ritual_id, date } => self.skip_occurrence(ritual_id, date)?,
            Action::Snooze {
                ritual_id,
                date,
                minutes,
            } => {
                let at = self.snooze_reminder(ritual_id, date, *minutes, device_zone)?;
                return Ok(Some(snoozed(at, self.now_ms(), zone, l)));
            }
            Action::RestWeek { date, rest } => {
                self.set_rest_week(date, *rest, device_zone)?;
            }
            Action::AcceptAgreement { id, version } => {
                self.accept_agreement(id, version)?;
            }
            Action::DeclineAgreement { id, version } => {
                self.decline_agreement(id, version)?;
            }
            Action::WithdrawAgreement { id } => {
                self.withdraw_agreement(id)?;
            }
            Action::KeepAgreement { id } => {
                self.review_agreement(id, &agreements::Review::Keep)?;
            }
            Action::LetGoAgreement { id } => {
                self.review_agreement(id, &agreements::Review::LetGo)?;
            }
            Action::StartPause { minutes, note } => {
                self.start_pause(*minutes, note.as_deref())?;
            }
            Action::ExtendPause { id, minutes } => {
                self.extend_pause(id, *minutes)?;
            }
            Action::EndPause { id } => {
                self.end_pause(id)?;
            }
            Action::ShareBoundary { id, shared } => {
                self.share_boundary(id, *shared)?;
                return Ok(Some(l.say(if *shared {
                    "boundary-shared-notice"
                } else {
                    "boundary-private-notice"
                })));
            }
            Action::RetireBoundary { id } => {
                let shared = self.boundary(id)?.shared;
                self.retire_boundary(id)?;
                return Ok(shared.then(|| l.say("boundary-retired-notice")));
            }
        }
        Ok(None)
    }
}

/// "Reminder snoozed until 21:10."
fn snoozed(
    at: crate::clock::Millis,
    now: crate::clock::Millis,
    zone: &crate::zone::Zone,
    l: Locale,
) -> String {
    l.say_with(
        "snoozed-until",
        &[(
            "time",
            crate::catalog::Arg::Str(&tell::clock_time_in(at, now, zone, l)),
        )],
    )
}
