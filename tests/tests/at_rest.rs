//! A copy of the database files reveals no user-written text.

mod common;

use common::*;
use tandem_core::RitualDraft;

const SECRETS: &[&str] = &[
    "Zanzibar-porcupine-4471",
    "whisper-the-marmalade-oath",
    "Kettle-Lighthouse-9902",
    "Boundary-quince-5150",
    "Agreement-title-heron-77",
    "Agreement-text-lantern-31",
    "Pause-note-otter-64",
    "Revisit-on-the-sofa-808",
];

fn scan(path: &std::path::Path) -> Vec<String> {
    let mut found = Vec::new();
    for file in database_files(path) {
        let bytes = std::fs::read(&file).unwrap();
        for secret in SECRETS {
            // Also as UTF-16, in case something ever stored it that way.
            let utf16: Vec<u8> = secret
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes())
                .collect();
            if contains(&bytes, secret.as_bytes()) || contains(&bytes, &utf16) {
                found.push(format!("{secret} in {}", file.display()));
            }
        }
    }
    found
}

#[test]
fn user_text_never_reaches_the_files() {
    let mut ana = device(SECRETS[2], &KEY_A, "2027-03-10T18:00:00Z");
    ana.core
        .propose_ritual(&RitualDraft {
            title: SECRETS[0].into(),
            prompt: Some(SECRETS[1].into()),
            minutes: 10,
            time_of_day: "20:30".into(),
            zone: None,
            ..RitualDraft::default()
        })
        .unwrap();
    ana.core.add_boundary(SECRETS[3], false).unwrap();
    ana.core
        .propose_agreement(&tandem_core::AgreementDraft {
            title: SECRETS[4].into(),
            text: SECRETS[5].into(),
            pause_protocol: Some(tandem_core::agreements::PauseProtocol {
                cool_down_minutes: 30,
                either_may_call: true,
                revisit: Some(SECRETS[7].into()),
            }),
            review_on: None,
        })
        .unwrap();
    ana.core.start_pause(Some(30), Some(SECRETS[6])).unwrap();
    // While open, the WAL holds the latest pages.
    assert!(
        database_files(&ana.path).len() > 1,
        "expected a WAL file next to the database"
    );
    let wal_len = std::fs::metadata(database_files(&ana.path)[1].clone())
        .unwrap()
        .len();
    assert!(wal_len > 0, "the WAL should hold the recent writes");
    assert_eq!(scan(&ana.path), Vec::<String>::new());

    // Sanity: the text is really there, readable through the core.
    let rituals = ana.core.rituals().unwrap();
    assert_eq!(rituals[0].title, SECRETS[0]);
    assert_eq!(rituals[0].prompt.as_deref(), Some(SECRETS[1]));
    assert_eq!(ana.core.device_name().unwrap(), SECRETS[2]);
    assert_eq!(ana.core.boundaries().unwrap()[0].text, SECRETS[3]);
    assert_eq!(
        ana.core.pauses().unwrap()[0].note.as_deref(),
        Some(SECRETS[6])
    );
    let history = ana
        .core
        .agreement_history(&ana.core.agreements().unwrap()[0].id)
        .unwrap();
    assert_eq!(
        history.entries[0].event.terms.as_ref().unwrap().text,
        SECRETS[5]
    );

    let Device {
        core, path, dir, ..
    } = ana;
    core.close().unwrap();
    assert_eq!(scan(&path), Vec::<String>::new());
    drop(dir);
}

#[test]
fn the_scan_would_find_plaintext() {
    // The check above is only worth something if it can fail.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain.db");
    std::fs::write(&path, format!("xx{}yy", SECRETS[0])).unwrap();
    assert_eq!(scan(&path).len(), 1);
}
