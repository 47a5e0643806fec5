//! Reminder planning: 30 active rituals with two lead times each, the 60
//! soonest reminders. Target: under 1 ms. The Today screen's one call over
//! the same rituals (what it shows on every open). Target: under 2 ms.
//! Run: `cargo bench -p tandem-tests --bench plan`.

use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use tandem_core::{Core, ManualClock, RitualDraft};

const NOW: i64 = 1_804_780_800_000; // 2027-03-10T18:00:00Z

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let open = |name: &str, key: u8| {
        Core::open(
            &dir.path().join(format!("{name}.db")),
            &[key; 32],
            Some(name),
            Arc::new(ManualClock::new(NOW)),
        )
        .expect("open")
    };
    let (mut ana, mut ben) = (open("ana", 0xA1), open("ben", 0xB2));
    let offer = ana.start_pairing().expect("offer");
    let answer = ben.accept_pairing(&offer.text).expect("accept");
    ana.complete_pairing(&answer.text).expect("complete");
    ana.confirm_pairing().expect("confirm");
    ben.confirm_pairing().expect("confirm");
    let mut ids = Vec::new();
    for i in 0..30 {
        let r = ana
            .propose_ritual(&RitualDraft {
                title: format!("Ritual {i}"),
                minutes: 10,
                time_of_day: format!("{:02}:{:02}", 6 + i % 16, (i * 7) % 60),
                zone: (i % 3 == 0).then(|| "Europe/Berlin".to_string()),
                lead_minutes: vec![0, 15],
                ..RitualDraft::default()
            })
            .expect("propose");
        ids.push(r.id);
    }
    for p in ana.export().expect("export") {
        ben.import(&p).expect("import");
    }
    for id in &ids {
        ben.accept_ritual(id).expect("accept");
    }
    for p in ben.export().expect("export") {
        ana.import(&p).expect("import");
    }
    assert_eq!(
        ana.plan_reminders("America/New_York", 60)
            .expect("plan")
            .len(),
        60
    );
    c.bench_function("plan 60 reminders, 30 rituals x 2 leads", |b| {
        b.iter(|| ana.plan_reminders("America/New_York", 60).expect("plan"))
    });
    assert!(
        ana.today("America/New_York")
            .expect("today")
            .occurrences
            .len()
            >= 30
    );
    c.bench_function("today overview, 30 rituals", |b| {
        b.iter(|| ana.today("America/New_York").expect("today"))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
