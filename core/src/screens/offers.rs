//! The values an action offers, decided once for both phones: how long a
//! pause may be started for, how much longer it may be extended, how long
//! "later" waits. Before, each app wrote its own (an extension of 15
//! minutes on one phone, 20 on the other; a snooze of 15 or 10).

use crate::agreements;
use crate::catalog::{Arg, Locale};
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

fn minutes_label(m: u32, l: Locale) -> String {
    if m >= 60 && m.is_multiple_of(60) {
        l.say_with("offer-hours", &[("hours", Arg::Num(i64::from(m / 60)))])
    } else {
        l.say_with("offer-minutes", &[("minutes", Arg::Num(i64::from(m)))])
    }
}

pub(crate) fn offers(conn: &rusqlite::Connection, sealer: &Sealer, l: Locale) -> Result<Offers> {
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
                l.say_with(
                    "offer-as-agreed",
                    &[("length", Arg::Str(&minutes_label(m, l)))],
                )
            } else {
                minutes_label(m, l)
            },
        })
        .collect();
    Ok(Offers {
        pause,
        extend: Choice {
            minutes: EXTEND_MINUTES,
            label: l.say_with(
                "offer-extend",
                &[("minutes", Arg::Num(i64::from(EXTEND_MINUTES)))],
            ),
        },
        snooze: Choice {
            minutes: SNOOZE_MINUTES,
            label: l.say_with(
                "offer-snooze",
                &[("length", Arg::Str(&minutes_label(SNOOZE_MINUTES, l)))],
            ),
        },
    })
}

impl Core {
    /// What pause, extension and snooze buttons offer on this phone.
    pub fn offers(&self) -> Result<Offers> {
        offers(self.store.conn(), self.store.sealer(), self.locale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_as_a_person_says_them() {
        let en = |m| minutes_label(m, Locale::En);
        assert_eq!(en(20), "20 min");
        assert_eq!(en(60), "1 hour");
        assert_eq!(en(120), "2 hours");
        assert_eq!(en(90), "90 min");
        let de = |m| minutes_label(m, Locale::De);
        assert_eq!(de(20), "20 Min.");
        assert_eq!(de(60), "1 Stunde");
        assert_eq!(de(120), "2 Stunden");
    }
}
