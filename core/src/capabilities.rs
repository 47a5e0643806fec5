//! Every capability, in one place. This list is what the op log admits,
//! folds, restores and dumps through (lib.rs hands it to `sync`); its order
//! is the order of the shared-state dump.

use crate::agreements::Agreements;
use crate::agreements::boundaries::Boundaries;
use crate::agreements::pauses::Pauses;
use crate::capability::Capability;
use crate::checkins::Entries;
use crate::journal::Journal;
use crate::rituals::Rituals;
use crate::rituals::rest::RestWeeks;

static ALL: [&dyn Capability; 7] = [
    &Rituals,
    &RestWeeks,
    &Boundaries,
    &Agreements,
    &Pauses,
    &Entries,
    &Journal,
];

pub fn all() -> &'static [&'static dyn Capability] {
    &ALL
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::change::Kind;
    use crate::{agreements, checkins, journal, rituals};

    #[test]
    fn each_kind_of_change_has_one_owner() {
        for kind in Kind::ALL {
            let owners = all().iter().filter(|c| c.kind() == kind).count();
            assert_eq!(owners, 1, "{kind:?}");
        }
        assert_eq!(all().len(), Kind::ALL.len());
    }

    #[test]
    fn each_entity_has_one_owner() {
        let hex = "0123456789abcdef01234567";
        let monday = chrono::NaiveDate::from_ymd_opt(2027, 3, 8).unwrap();
        for entity in [
            rituals::entity(hex),
            rituals::entity(&format!("p{hex}")),
            rituals::rest::entity(monday),
            agreements::boundaries::entity(hex),
            agreements::entity(hex),
            agreements::pauses::entity(hex),
            checkins::entity(hex),
            journal::entity(hex),
        ] {
            let owners = all().iter().filter(|c| c.owns(&entity)).count();
            assert_eq!(owners, 1, "{entity}");
        }
        assert!(all().iter().all(|c| !c.owns("ritual:not-an-id")));
    }
}
