//! A shared record both partners can trust (issue 13): authorship is the
//! authenticated sender, consent counts the two people of the pair, a
//! restore never reuses an op number or loses a change silently, and a
//! wrong clock never blocks sync. The partner's side is played as a
//! modified app would: real keys, any payload body.

mod common;

use common::*;
use tandem_core::agreements::AgreementChange;
use tandem_core::checkins::Entry;
use tandem_core::rituals::RitualChange;
use tandem_core::sync::payload::Body;
use tandem_core::sync::{Change, Hlc, Op};
use tandem_core::{AgreementDraft, AgreementStatus, DeviceId, Error, RitualStatus};

const PASS: &str = "correct horse battery staple";

fn invented_device() -> DeviceId {
    DeviceId([0x66; 16])
}

/// A payload Ben's modified app seals with his real keys.
fn forged(ben: &mut Device, ops: Vec<Op>, lineage: Vec<(DeviceId, u64)>) -> Vec<u8> {
    ben.core
        .seal_forged(&Body {
            ack: vec![],
            ops,
            confirm: None,
            lineage,
            prekey: None,
            ..Body::default()
        })
        .unwrap()
}

fn op(device: DeviceId, counter: u64, at: i64, entity: String, change: Change) -> Op {
    Op {
        device,
        counter,
        hlc: Hlc::new(at, 0),
        entity,
        change,
    }
}

fn rejected<T: std::fmt::Debug>(r: tandem_core::Result<T>, mentions: &str) {
    match r {
        Err(Error::PayloadRejected(reason)) => {
            assert!(reason.contains(mentions), "'{reason}' vs '{mentions}'")
        }
        other => panic!("expected PayloadRejected '{mentions}', got {other:?}"),
    }
}

/// The ops a device wrote itself (its log also holds its partner's).
fn own_ops(d: &Device) -> Vec<Op> {
    let me = d.core.device_id();
    d.core
        .ops()
        .unwrap()
        .into_iter()
        .filter(|o| o.device == me)
        .collect()
}

fn appreciation(text: &str) -> Entry {
    Entry::Appreciation { text: text.into() }
}

#[test]
fn an_acceptance_forged_for_an_invented_device_is_refused_whole() {
    let (mut ana, mut ben) = paired();
    let walk = ana
        .core
        .propose_ritual(&draft("Walk", "10:00", None))
        .unwrap();
    sync(&mut ana, &mut ben);
    let version = walk.spec.version();
    let now = ben.clock_now();
    // A genuine op of Ben's rides along: it must not get in either.
    ben.core
        .record_entry(appreciation("thanks for the coffee"), true)
        .unwrap();
    let mut ops: Vec<Op> = own_ops(&ben);
    ops.push(op(
        invented_device(),
        1,
        now,
        tandem_core::rituals::entity(&walk.id),
        Change::Ritual(RitualChange::Accepted { version }),
    ));
    let payload = forged(&mut ben, ops, vec![]);
    let before = snapshot(&ana);
    rejected(
        ana.core.import(&payload),
        "not written by the partner's phone",
    );
    assert_eq!(snapshot(&ana), before);
    assert_eq!(
        ana.core.rituals().unwrap()[0].status,
        RitualStatus::Proposed
    );
    // The same op under Ben's own id is his acceptance, and counts.
    let mut as_ben = op(
        ben.core.device_id(),
        2,
        now,
        tandem_core::rituals::entity(&walk.id),
        Change::Ritual(RitualChange::Accepted { version }),
    );
    as_ben.hlc = Hlc::new(now + 1, 0);
    let mut genuine: Vec<Op> = own_ops(&ben);
    genuine.push(as_ben);
    ana.core.import(&forged(&mut ben, genuine, vec![])).unwrap();
    assert_eq!(ana.core.rituals().unwrap()[0].status, RitualStatus::Active);
}

#[test]
fn an_agreement_forged_into_effect_by_a_third_id_is_refused() {
    let (mut ana, mut ben) = paired();
    let agreement = ana
        .core
        .propose_agreement(&AgreementDraft {
            title: "Phones away at dinner".into(),
            text: "No phones at the table.".into(),
            ..AgreementDraft::default()
        })
        .unwrap();
    sync(&mut ana, &mut ben);
    let version = agreement.versions[0].hash;
    let ops = vec![op(
        invented_device(),
        1,
        ben.clock_now(),
        tandem_core::agreements::entity(&agreement.id),
        Change::Agreement(AgreementChange::Accepted { version }),
    )];
    let payload = forged(&mut ben, ops, vec![]);
    let before = snapshot(&ana);
    rejected(
        ana.core.import(&payload),
        "not written by the partner's phone",
    );
    assert_eq!(snapshot(&ana), before);
    assert_ne!(
        ana.core.agreements().unwrap()[0].status,
        AgreementStatus::Active
    );
}

#[test]
fn an_op_claiming_the_receivers_own_id_is_refused() {
    let (mut ana, mut ben) = paired();
    let walk = ana
        .core
        .propose_ritual(&draft("Walk", "10:00", None))
        .unwrap();
    sync(&mut ana, &mut ben);
    // "Ana declined her own walk", written by Ben's app.
    let ops = vec![op(
        ana.core.device_id(),
        99,
        ben.clock_now(),
        tandem_core::rituals::entity(&walk.id),
        Change::Ritual(RitualChange::Retired),
    )];
    let before = snapshot(&ana);
    rejected(
        ana.core.import(&forged(&mut ben, ops.clone(), vec![])),
        "not written by the partner's phone",
    );
    // Nor can Ben's app claim to be a phone Ana's was restored from.
    rejected(
        ana.core
            .import(&forged(&mut ben, ops, vec![(ana.core.device_id(), 99)])),
        "this person's own phone",
    );
    assert_eq!(snapshot(&ana), before);
}

#[test]
fn an_op_claiming_a_device_from_an_earlier_pairing_is_refused() {
    let mut ana = device("Ana", &KEY_A, "2027-03-10T18:00:00Z");
    let mut cleo = device("Cleo", &[0xC3; 32], "2027-03-10T18:00:00Z");
    pair(&mut ana, &mut cleo);
    let walk = ana
        .core
        .propose_ritual(&draft("Walk", "10:00", None))
        .unwrap();
    sync(&mut ana, &mut cleo);
    cleo.core.accept_ritual(&walk.id).unwrap();
    sync(&mut ana, &mut cleo);
    assert_eq!(ana.core.rituals().unwrap()[0].status, RitualStatus::Active);
    ana.core.unpair().unwrap();

    let mut ben = device("Ben", &KEY_B, "2027-03-10T18:00:00Z");
    pair(&mut ana, &mut ben);
    sync(&mut ana, &mut ben);
    let cleo_ops: Vec<Op> = own_ops(&cleo);
    let before = snapshot(&ana);
    // Cleo's real ops, relayed by Ben's app, are not Ben's to send.
    rejected(
        ana.core.import(&forged(&mut ben, cleo_ops.clone(), vec![])),
        "not written by the partner's phone",
    );
    // Nor may Ben's app pose as Cleo's restored phone.
    rejected(
        ana.core.import(&forged(
            &mut ben,
            cleo_ops,
            vec![(cleo.core.device_id(), 10)],
        )),
        "paired with before",
    );
    assert_eq!(snapshot(&ana), before);
    // Ben is now the partner: Cleo's old acceptance makes nothing in effect
    // between Ana and Ben, on either phone.
    assert_eq!(
        ana.core.shared_state_dump().unwrap(),
        ben.core.shared_state_dump().unwrap()
    );
    assert_ne!(ana.core.rituals().unwrap()[0].status, RitualStatus::Active);
}

/// Ana's old phone, Ben, and a backup of the old phone sealed at 18:00.
fn backed_up() -> (Device, Device, Vec<u8>) {
    let (mut ana, mut ben) = paired();
    let walk = ana
        .core
        .propose_ritual(&draft("Walk", "10:00", None))
        .unwrap();
    sync(&mut ana, &mut ben);
    ben.core.accept_ritual(&walk.id).unwrap();
    ben.core
        .record_entry(appreciation("you listened"), true)
        .unwrap();
    sync(&mut ana, &mut ben);
    let backup = ana.core.export_data(PASS).unwrap();
    (ana, ben, backup)
}

fn restore(backup: &[u8], at: i64) -> Device {
    let mut phone = device("New phone", &[0xD4; 32], "2027-03-10T18:00:00Z");
    phone.clock.set(at);
    phone.core.import_data(backup, Some(PASS)).unwrap();
    phone
}

#[test]
fn a_restored_phone_never_reuses_an_op_number_and_its_changes_arrive() {
    let (ana_old, mut ben, backup) = backed_up();
    let mut ana_new = restore(&backup, ana_old.clock_now());
    assert_ne!(ana_new.core.device_id(), ana_old.core.device_id());
    // Ben pairs with the new phone (the old pairing's keys are not in a
    // backup).
    ben.core.unpair().unwrap();
    pair(&mut ana_new, &mut ben);
    ana_new
        .core
        .record_entry(appreciation("new phone, same me"), true)
        .unwrap();
    let reports = deliver(&mut ana_new, &mut ben);
    // The new change arrives (the old phone's ops it carries again are
    // the same ops Ben holds: true duplicates).
    assert_eq!(reports.iter().map(|r| r.applied).sum::<u32>(), 1);
    assert_eq!(reports.iter().map(|r| r.set_aside).sum::<u32>(), 0);
    deliver(&mut ben, &mut ana_new);
    // One truth: the walk is still in effect (Ana's consent came from her
    // old phone, which is still Ana), and both phones agree.
    assert_eq!(
        ana_new.core.shared_state_dump().unwrap(),
        ben.core.shared_state_dump().unwrap()
    );
    assert_eq!(ben.core.rituals().unwrap()[0].status, RitualStatus::Active);
    let texts: Vec<String> = ben
        .core
        .entries(i64::MIN, i64::MAX, Some("appreciation"))
        .unwrap()
        .into_iter()
        .map(|r| format!("{:?}", r.entry))
        .collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    // The new phone's later changes keep arriving.
    ana_new
        .core
        .propose_ritual(&draft("Talk", "20:00", None))
        .unwrap();
    let r = deliver(&mut ana_new, &mut ben);
    assert_eq!(r.iter().map(|r| r.applied).sum::<u32>(), 1);
}

#[test]
fn the_old_phones_changes_after_the_backup_are_refused_with_a_reason() {
    let (mut ana_old, mut ben, backup) = backed_up();
    let mut ana_new = restore(&backup, ana_old.clock_now());
    // The old phone goes on, but its payload only reaches Ben after he
    // paired with the new phone.
    ana_old
        .core
        .record_entry(appreciation("from the old phone"), true)
        .unwrap();
    let late = ana_old.core.export().unwrap();
    ben.core.unpair().unwrap();
    pair(&mut ana_new, &mut ben);
    sync(&mut ana_new, &mut ben);
    let before = snapshot(&ben);
    for p in &late {
        rejected(ben.core.import(p), "restored on another phone");
    }
    assert_eq!(snapshot(&ben), before);
    assert_eq!(
        ana_new.core.shared_state_dump().unwrap(),
        ben.core.shared_state_dump().unwrap()
    );
}

#[test]
fn changes_the_old_phone_sent_before_the_restore_was_known_are_set_aside_and_said() {
    let (mut ana_old, mut ben, backup) = backed_up();
    let mut ana_new = restore(&backup, ana_old.clock_now());
    // The old phone's appreciation reaches Ben before he hears of the new one.
    ana_old
        .core
        .record_entry(appreciation("from the old phone"), true)
        .unwrap();
    let r = deliver(&mut ana_old, &mut ben);
    assert_eq!(r.iter().map(|r| r.applied).sum::<u32>(), 1);
    ben.core.unpair().unwrap();
    pair(&mut ana_new, &mut ben);
    let reports = deliver(&mut ana_new, &mut ben);
    // Never silently "already here": Ben is told one change is set aside.
    assert_eq!(reports.iter().map(|r| r.set_aside).sum::<u32>(), 1);
    deliver(&mut ben, &mut ana_new);
    assert_eq!(
        ana_new.core.shared_state_dump().unwrap(),
        ben.core.shared_state_dump().unwrap()
    );
    // The op stays in Ben's log (nothing is deleted) but counts no more.
    assert!(
        ben.core
            .ops()
            .unwrap()
            .iter()
            .any(|o| o.device == ana_old.core.device_id() && o.counter > 1)
    );
}

#[test]
fn a_change_made_with_a_clock_three_hours_fast_does_not_block_later_ones() {
    let (mut ana, mut ben) = paired();
    sync(&mut ana, &mut ben);
    ana.clock.advance(3 * 3600 * 1000);
    ana.core
        .record_entry(appreciation("wrong clock"), true)
        .unwrap();
    // The clock is fixed; a correct change follows.
    ana.clock.advance(-3 * 3600 * 1000);
    ana.clock.advance(60 * 1000);
    ana.core
        .record_entry(appreciation("right clock"), true)
        .unwrap();
    let reports = deliver(&mut ana, &mut ben);
    assert_eq!(reports.iter().map(|r| r.applied).sum::<u32>(), 2);
    let r = &reports[0];
    assert!(r.clock_ahead_ms >= 3 * 3600 * 1000 - 60_000, "{r:?}");
    let note = r.clock_note().unwrap();
    assert!(
        note.contains("partner's phone clock looks 3 h ahead"),
        "{note}"
    );
    // Ben's own changes go on syncing both ways at once.
    ben.core.record_entry(appreciation("seen"), true).unwrap();
    let back = deliver(&mut ben, &mut ana);
    assert_eq!(back.iter().map(|r| r.applied).sum::<u32>(), 1);
    assert_eq!(
        ana.core.shared_state_dump().unwrap(),
        ben.core.shared_state_dump().unwrap()
    );
}

#[test]
fn a_phone_whose_clock_is_a_day_behind_still_syncs_and_learns_it() {
    let (mut ana, mut ben) = paired();
    ben.clock.advance(-24 * 3600 * 1000);
    ana.core
        .record_entry(appreciation("from the right time"), true)
        .unwrap();
    let reports = deliver(&mut ana, &mut ben);
    assert_eq!(reports[0].applied, 1);
    assert!(reports[0].clock_note().unwrap().contains("1 day ahead"));
    // Ben's own change is ordered after what he saw, and reaches Ana.
    ben.core
        .record_entry(appreciation("late clock"), true)
        .unwrap();
    assert_eq!(deliver(&mut ben, &mut ana)[0].applied, 1);
    // Ana's next change: Ben's phone now knows its own clock is behind
    // its log, and says so.
    ana.clock.advance(60 * 1000);
    ana.core.record_entry(appreciation("again"), true).unwrap();
    let r = deliver(&mut ana, &mut ben);
    let note = r[0].clock_note().unwrap();
    assert!(
        note.contains("this phone's clock is 1 day behind"),
        "{note}"
    );
    assert_eq!(
        ana.core.shared_state_dump().unwrap(),
        ben.core.shared_state_dump().unwrap()
    );
}

#[test]
fn a_clock_pushed_days_ahead_is_still_refused() {
    let (mut ana, mut ben) = paired();
    ana.clock.advance(49 * 3600 * 1000);
    ana.core.record_entry(appreciation("far"), true).unwrap();
    let payload = ana.core.export().unwrap().remove(0);
    let before = snapshot(&ben);
    assert!(matches!(
        ben.core.import(&payload),
        Err(Error::ClockSkew { .. })
    ));
    assert_eq!(snapshot(&ben), before);
}
