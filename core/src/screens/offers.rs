//! The values an action offers, decided once for both phones: how long a
//! pause may be started for, how much longer it may be extended, how long
//! "later" waits. Before, each app wrote its own (an extension of 15
//! minutes on one phone, 20 on the other; a snooze of 15 or 10).

use crate::agreements;
use crate::error::Result;
use crate::{Core, store::Sealer};

/// Pause lengths offered besides the couple's own cool-down.
const PAUSE_MINUTES: [u32; 3] = [20, 30, 60];
/// One extension of a running pause.
const EXTEND_MINUTES: u32 = 15;
/// "Later" on a ritual that is due.
const SNOOZE_MINUTES: u32 = 15;

/// One choice: the minutes the core call takes, and its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub minutes: u32,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offers {
    /// Lengths to start a pause with, shortest first; the pause agreement's
    /// cool-down among them, labelled as such.
    pub pause: Vec<Choice>,
    /// Extending a running pause, once.
    pub extend: Choice,
    /// "Later" on a ritual that is due now.
    pub snooze: Choice,
}

fn minutes_label(m: u32) -> String {
    if m >= 60 && m.is_multiple_of(60) {
        match m / 60 {
            1 => "1 hour".to_string(),
            h => format!("{h} hours"),
        }
    } else {
        format!("{m} min")
    }
}

pub(crate) fn offers(conn: &rusqlite::Connection, sealer: &Sealer) -> Result<Offers> {
    let agreed = agreements::pause_protocol(conn, sealer)?.map(|p| p.cool_down_minutes);
    let mut minutes: Vec<u32> = PAUSE_MINUTES.to_vec();
    minutes.extend(agreed);
    minutes.sort_unstable();
    minutes.dedup();
    let pause = minutes
        .into_iter()
        .map(|m| Choice {
            minutes: m,
            label: if Some(m) == agreed {
                format!("{} (as agreed)", minutes_label(m))
            } else {
                minutes_label(m)
            },
        })
        .collect();
    Ok(Offers {
        pause,
        extend: Choice {
            minutes: EXTEND_MINUTES,
            label: format!("{EXTEND_MINUTES} more minutes"),
        },
        snooze: Choice {
            minutes: SNOOZE_MINUTES,
            label: format!("In {}", minutes_label(SNOOZE_MINUTES)),
        },
    })
}

impl Core {
    /// What pause, extension and snooze buttons offer on this phone.
    pub fn offers(&self) -> Result<Offers> {
        offers(self.store.conn(), self.store.sealer())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_as_a_person_says_them() {
        assert_eq!(minutes_label(20), "20 min");
        assert_eq!(minutes_label(60), "1 hour");
        assert_eq!(minutes_label(120), "2 hours");
        assert_eq!(minutes_label(90), "90 min");
    }
}
