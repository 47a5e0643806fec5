//! Insights over 12 weeks from three years of one person's notebook: about
//! 10,000 entries (private pattern log, check-ins, appreciations, repairs)
//! and three rituals kept most days. Target: under 20 ms.
//! Run: `cargo bench -p tandem-tests --bench insights`.

use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use tandem_core::checkins::{Capacity, Entry, Need, RepairAct};
use tandem_core::journal::{Happened, PatternDraft};
use tandem_core::{Core, ManualClock, RitualDraft};

const START: i64 = 1_735_689_600_000; // 2025-01-01T00:00:00Z
const DAY: i64 = 86_400_000;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = ManualClock::new(START);
    let mut core = Core::open(
        &dir.path().join("ana.db"),
        &[0xA1; 32],
        Some("Ana"),
        Arc::new(clock.clone()),
    )
    .expect("open");
    let mut rituals = Vec::new();
    for (i, at) in ["07:30", "13:00", "21:00"].iter().enumerate() {
        rituals.push(
            core.add_personal_ritual(&RitualDraft {
                title: format!("Ritual {i}"),
                minutes: 10,
                time_of_day: (*at).into(),
                ..RitualDraft::default()
            })
            .expect("ritual")
            .id,
        );
    }
    // A fixed-seed generator: the same data every run.
    let mut seed: u64 = 0x5EED_1DEA;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let tags = [
        "tired",
        "work stress",
        "money",
        "family",
        "criticism",
        "feeling ignored",
    ];
    let mut entries = 0;
    let days = 3 * 365;
    for day in 0..days {
        let base = START + day * DAY;
        for slot in 0..9 {
            clock.set(base + 8 * 3_600_000 + slot * 5_000_000 + next(600_000) as i64);
            match next(9) {
                0..=3 => core
                    .record_entry(
                        Entry::CheckIn {
                            temperature: 1 + next(10) as u8,
                            capacity: Capacity::Some,
                            need: Need::Closeness,
                            note: None,
                        },
                        next(2) == 0,
                    )
                    .map(|_| ()),
                4..=5 => core
                    .write_journal(&PatternDraft {
                        happened: [
                            Happened::Withdrew,
                            Happened::WentSilent,
                            Happened::TalkDerailed,
                        ][next(3) as usize],
                        tags: vec![tags[next(6) as usize].into()],
                        topic: Some("plans".into()),
                        temperature_before: Some(1 + next(10) as u8),
                        note: None,
                    })
                    .map(|_| ()),
                6 => core
                    .record_entry(
                        Entry::Appreciation {
                            text: "Thank you".into(),
                        },
                        true,
                    )
                    .map(|_| ()),
                _ => core
                    .record_entry(
                        Entry::Repair {
                            act: RepairAct::Joke,
                            note: None,
                            received: None,
                        },
                        false,
                    )
                    .map(|_| ()),
            }
            .expect("entry");
            entries += 1;
        }
        if day % 3 != 0 {
            let date = chrono::DateTime::from_timestamp_millis(base)
                .expect("date")
                .date_naive()
                .to_string();
            core.mark_done(&rituals[(day % 3) as usize], &date, None, None)
                .expect("mark");
        }
    }
    assert!(entries >= 9_800, "{entries}");
    clock.set(START + days * DAY);
    let i = core.insights(12, "Europe/Berlin").expect("insights");
    assert_eq!(i.weeks.len(), 12);
    assert!(!i.triggers.is_empty());
    c.bench_function("insights over 12 weeks, ~10,000 entries", |b| {
        b.iter(|| core.insights(12, "Europe/Berlin").expect("insights"))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
