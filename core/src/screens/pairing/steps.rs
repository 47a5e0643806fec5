//! The pairing screen's calls: reading it, and taking one step.

use super::{Memory, PairingScreen, PairingStage, PairingStep, Reading, Said, refused, screen};
use crate::error::Result;
use crate::pairing::{self, AnswerCode, PairingStatus, codec};
use crate::zone::Zone;
use crate::{Core, schedule};

impl Core {
    /// The pairing screen as it stands, times on the clock of
    /// `device_zone`.
    pub fn pairing_screen(&self, device_zone: &str) -> Result<PairingScreen> {
        let zone = schedule::parse_zone(device_zone)?;
        self.pairing_screen_in(&zone)
    }

    fn pairing_screen_in(&self, zone: &Zone) -> Result<PairingScreen> {
        let status = self.pairing_status()?;
        let offer = match status {
            PairingStatus::Offering { .. } => pairing::pending_offer(self.store.conn())?,
            _ => None,
        };
        let paired_sas = match status {
            PairingStatus::Paired {
                partner_confirmed: false,
                ..
            } if self.pairing.answer.is_some() => {
                pairing::sas(self.store.conn(), self.store.sealer())?
            }
            _ => None,
        };
        let reading = Reading {
            status: &status,
            offer: offer.as_ref(),
            paired_sas: paired_sas.as_deref(),
            memory: &self.pairing,
            now: self.now_ms(),
        };
        Ok(screen(&reading, zone, self.locale()))
    }

    /// Takes one pairing step and returns the screen to show next. A step
    /// the screen does not offer now (a double tap, a late scan) changes
    /// nothing. A step the core refuses (a code that expired, is of the
    /// wrong kind, damaged or used) changes nothing either: the screen
    /// comes back with a notice saying so. Only errors that are not about
    /// pairing (storage, damage, an unknown zone) are errors.
    pub fn pairing_act(&mut self, step: &PairingStep, device_zone: &str) -> Result<PairingScreen> {
        use PairingStage as S;
        let zone = schedule::parse_zone(device_zone)?;
        let stage = self.pairing_screen_in(&zone)?.stage;
        let mut next = Memory::default();
        let done = match (step, stage) {
            (PairingStep::Check, _) => return self.pairing_screen_in(&zone),
            (PairingStep::Start, S::Start | S::ShowingCode) => self.start_pairing().map(|offer| {
                next.offered = Some(offer.expires_at_ms);
            }),
            (PairingStep::Scanned(text), S::Start | S::ShowingCode) => {
                // What the code is decides: an answer to this phone's code
                // completes (the core refuses one to a code withdrawn, run
                // out or of another phone); anything else is taken as the
                // partner's code and answered, and a code this phone shows
                // is withdrawn (both showed one, and this phone scanned).
                if codec::Answer::parse(text).is_ok() {
                    self.complete_pairing(text).map(drop)
                } else {
                    self.answer_offer(text)
                        .map(|answer| next.answer = Some(answer))
                }
            }
            (PairingStep::Confirm, S::ShowingAnswer | S::Comparing) => {
                // The answer stays shown: the partner may not have scanned it.
                next.answer = self.pairing.answer.clone();
                self.confirm_pairing()
            }
            (PairingStep::Reject, S::ShowingAnswer | S::Comparing) => {
                self.reject_pairing().map(|()| {
                    next.said = Some((Said::Rejected, S::Start));
                })
            }
            (PairingStep::Cancel, S::ShowingCode) => self.cancel_pairing(),
            (PairingStep::Cancel, S::ShowingAnswer | S::Comparing) => self.reject_pairing(),
            (PairingStep::Cancel, S::Start) => Ok(()),
            (PairingStep::Unpair, S::Paired) => self.unpair(),
            // A step this screen does not offer now: nothing changes.
            _ => return self.pairing_screen_in(&zone),
        };
        match done {
            Ok(()) => self.pairing = next,
            Err(e) => match refused(&e) {
                Some(r) => self.pairing.said = Some((Said::Refused(r), stage)),
                None => return Err(e),
            },
        }
        self.pairing_screen_in(&zone)
    }

    /// Answers the partner's code (`accept_pairing`) and, in the same
    /// transaction, withdraws any code this phone shows.
    fn answer_offer(&mut self, text: &str) -> Result<AnswerCode> {
        let (device, now) = (self.store.device(), self.now_ms());
        let name = self.store.device_name()?;
        self.store.write(|tx, sealer| {
            let answer = pairing::accept_offer(tx, sealer, device, &name, now, text)?;
            pairing::cancel_offer(tx)?;
            Ok(answer)
        })
    }
}
