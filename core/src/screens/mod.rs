//! Screens as the core words them: each a read of the store that returns
//! what a shell renders as it is, with times in the device's zone.

pub mod agreement_form;
pub mod agreements;
pub mod boundaries;
pub mod checkin;
pub mod forms;
pub mod insights;
pub mod notebook;
pub mod notices;
pub mod offers;
pub mod pairing;
pub mod pause;
pub mod refusals;
pub mod ritual;
pub mod ritual_form;
pub mod rituals;
pub mod settings;
pub mod sync;
pub mod today;
pub mod visibility;
