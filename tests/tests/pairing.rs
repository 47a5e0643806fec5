//! Pairing two devices by QR (protocol v2), and every way it can go wrong.

mod common;

use common::*;
use tandem_core::pairing::codec::{Answer, Offer};
use tandem_core::pairing::qr;
use tandem_core::sync::payload::Body;
use tandem_core::{Clock, Error, PairingStatus};

fn ana_and_ben() -> (Device, Device) {
    (
        device("Ana", &KEY_A, "2027-03-10T18:00:00Z"),
        device("Ben", &KEY_B, "2027-03-10T18:00:00Z"),
    )
}

fn pairing_err<T: std::fmt::Debug>(r: Result<T, Error>, mentions: &str) {
    match r {
        Err(Error::Pairing(reason)) => assert!(
            reason.contains(mentions),
            "'{reason}' should mention '{mentions}'"
        ),
        other => panic!("expected a pairing error mentioning '{mentions}', got {other:?}"),
    }
}

#[test]
fn full_pairing_then_sync_both_ways() {
    let (mut ana, mut ben) = ana_and_ben();
    assert_eq!(ana.core.pairing_status().unwrap(), PairingStatus::Unpaired);
    let offer = ana.core.start_pairing().unwrap();
    assert_eq!(offer.expires_at_ms, ms("2027-03-10T18:02:00Z"));
    assert_eq!(
        ana.core.pairing_status().unwrap(),
        PairingStatus::Offering {
            expires_at_ms: offer.expires_at_ms
        }
    );
    let answer = ben.core.accept_pairing(&offer.text).unwrap();
    assert_eq!(
        answer.sas.len(),
        19,
        "fifteen digits in groups of three: {}",
        answer.sas
    );
    let sas = ana.core.complete_pairing(&answer.text).unwrap();
    assert_eq!(sas, answer.sas, "both screens show the same digits");
    assert_eq!(
        ana.core.pairing_status().unwrap(),
        PairingStatus::AwaitingConfirmation {
            sas: sas.clone(),
            partner_name: Some("Ben".into())
        }
    );
    assert_eq!(
        ben.core.pairing_status().unwrap(),
        PairingStatus::AwaitingConfirmation {
            sas: sas.clone(),
            partner_name: None
        }
    );

    // Nothing syncs before the person confirms the digits.
    assert!(matches!(ana.core.export(), Err(Error::NotPaired(_))));
    ana.core.confirm_pairing().unwrap();
    ben.core.confirm_pairing().unwrap();
    assert_eq!(
        ben.core.pairing_status().unwrap(),
        PairingStatus::Paired {
            partner_name: None,
            partner_device: None,
            partner_confirmed: false,
            key_epoch: 1,
            keys_moved_at_ms: ben.core.now_ms(),
        }
    );

    ana.core
        .propose_ritual(&draft("Evening check-in", "20:30", None))
        .unwrap();
    ben.core
        .propose_ritual(&draft("Sunday walk", "10:00", Some("Europe/Berlin")))
        .unwrap();
    let reports = deliver(&mut ana, &mut ben);
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].applied, 1);
    assert!(
        reports[0].partner_confirmed,
        "Ana's first payload confirms her keys"
    );
    assert_eq!(
        ben.core.pairing_status().unwrap(),
        PairingStatus::Paired {
            partner_name: Some("Ana".into()),
            partner_device: Some(ana.core.device_id()),
            partner_confirmed: true,
            // Ana sealed to Ben's first prekey: Ben made his second.
            key_epoch: 2,
            keys_moved_at_ms: ben.core.now_ms(),
        }
    );
    let back = deliver(&mut ben, &mut ana);
    assert_eq!(back[0].applied, 1);
    assert_eq!(back[0].acknowledged, 1, "Ben holds Ana's one op");
    assert_eq!(
        ana.core.shared_state_dump().unwrap(),
        ben.core.shared_state_dump().unwrap()
    );
    assert_eq!(ana.core.rituals().unwrap().len(), 2);

    // Acknowledged ops are not sent again.
    let again = ana.core.export().unwrap();
    assert_eq!(ben.core.inspect_payload(&again[0]).unwrap().ops.len(), 0);
}

#[test]
fn codes_fit_a_version_10_qr_at_level_m() {
    let mut ana = device("Ana", &KEY_A, "2027-03-10T18:00:00Z");
    // The longest device name, in multi-byte characters.
    let mut ben = device(&"ß".repeat(64), &KEY_B, "2027-03-10T18:00:00Z");
    let offer = ana.core.start_pairing().unwrap();
    let answer = ben.core.accept_pairing(&offer.text).unwrap();
    for (what, text) in [("offer", &offer.text), ("answer", &answer.text)] {
        let m = qr::encode(text).unwrap();
        assert!(m.version <= 10, "{what} needs QR version {}", m.version);
    }
    // The name is shortened to fit, never breaking a character.
    ana.core.complete_pairing(&answer.text).unwrap();
    match ana.core.pairing_status().unwrap() {
        PairingStatus::AwaitingConfirmation {
            partner_name: Some(n),
            ..
        } => {
            assert_eq!(n, "ß".repeat(20));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn expired_offer() {
    let (mut ana, mut ben) = ana_and_ben();
    let offer = ana.core.start_pairing().unwrap();
    ben.clock.advance(120_001);
    assert!(matches!(
        ben.core.accept_pairing(&offer.text),
        Err(Error::PairingExpired)
    ));
    assert_eq!(ben.core.pairing_status().unwrap(), PairingStatus::Unpaired);

    // A answer that reaches A long after the offer expired is refused too.
    let offer = ana.core.start_pairing().unwrap();
    ben.clock.set(ana.clock.now_ms());
    let answer = ben.core.accept_pairing(&offer.text).unwrap();
    ana.clock.advance(120_000 + 60_001);
    assert!(matches!(
        ana.core.complete_pairing(&answer.text),
        Err(Error::PairingExpired)
    ));
}

#[test]
fn reused_offer_and_answer() {
    let (mut ana, mut ben) = ana_and_ben();
    let offer = ana.core.start_pairing().unwrap();
    let answer = ben.core.accept_pairing(&offer.text).unwrap();
    ben.core.reject_pairing().unwrap();
    pairing_err(ben.core.accept_pairing(&offer.text), "already used");

    ana.core.complete_pairing(&answer.text).unwrap();
    ana.core.unpair().unwrap();
    pairing_err(ana.core.complete_pairing(&answer.text), "already used");
}

#[test]
fn answer_for_another_offer() {
    let (mut ana, mut ben) = ana_and_ben();
    let first = ana.core.start_pairing().unwrap();
    let answer = ben.core.accept_pairing(&first.text).unwrap();
    ana.core.start_pairing().unwrap(); // a new offer replaces the first
    pairing_err(
        ana.core.complete_pairing(&answer.text),
        "another pairing code",
    );
    assert!(matches!(
        ana.core.pairing_status().unwrap(),
        PairingStatus::Offering { .. }
    ));
}

#[test]
fn wrong_mode_version_and_damage() {
    let (mut ana, mut ben) = ana_and_ben();
    let offer = ana.core.start_pairing().unwrap();
    let mut cleo = device("Cleo", &[0xC3; 32], "2027-03-10T18:00:00Z");
    let answer = cleo.core.accept_pairing(&offer.text).unwrap();
    pairing_err(
        ben.core.accept_pairing(&answer.text),
        "this is an answer code",
    );
    pairing_err(
        ana.core.complete_pairing(&offer.text),
        "this is an offer code",
    );

    // A newer protocol version.
    let (parsed, mut bytes) = Offer::parse(&offer.text).unwrap();
    bytes[0] = 3;
    let newer = format!("TANDEM:{}", data_encoding_base32(&bytes));
    pairing_err(ben.core.accept_pairing(&newer), "newer Tandem");
    bytes[0] = 0;
    pairing_err(
        ben.core
            .accept_pairing(&format!("TANDEM:{}", data_encoding_base32(&bytes))),
        "unknown pairing version",
    );
    assert_eq!(parsed.expires_at_ms, offer.expires_at_ms);

    for cut in [7, 20, offer.text.len() - 1] {
        pairing_err(
            ben.core.accept_pairing(&offer.text[..cut]),
            "incomplete or damaged",
        );
    }
    pairing_err(
        ben.core.accept_pairing("https://example.com/not-a-code"),
        "not a Tandem pairing code",
    );
    pairing_err(ben.core.accept_pairing(""), "not a Tandem pairing code");
    let cut_answer = &answer.text[..answer.text.len() - 10];
    pairing_err(ana.core.complete_pairing(cut_answer), "");
    assert!(Answer::parse(cut_answer).is_err());
    // Its own offer, scanned by mistake.
    pairing_err(ana.core.accept_pairing(&offer.text), "own code");
    assert_eq!(ben.core.pairing_status().unwrap(), PairingStatus::Unpaired);
}

fn data_encoding_base32(bytes: &[u8]) -> String {
    // RFC 4648 base32 without padding, as the codes use.
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0);
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            out.push(ALPHABET[((buffer >> (bits - 5)) & 31) as usize] as char);
            bits -= 5;
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

#[test]
fn a_tampered_answer_is_refused() {
    let (mut ana, mut ben) = ana_and_ben();
    let offer = ana.core.start_pairing().unwrap();
    let answer = ben.core.accept_pairing(&offer.text).unwrap();
    let mut a = Answer::parse(&answer.text).unwrap();
    a.sealed[3] ^= 1;
    pairing_err(ana.core.complete_pairing(&a.to_text()), "does not match");
    // Someone in the middle swapping B's key breaks it as well.
    let mut a = Answer::parse(&answer.text).unwrap();
    a.public_key[0] ^= 0x40;
    assert!(ana.core.complete_pairing(&a.to_text()).is_err());
    // The genuine answer still works afterwards.
    assert_eq!(ana.core.complete_pairing(&answer.text).unwrap(), answer.sas);
}

#[test]
fn an_all_zero_shared_secret_is_refused() {
    let mut ben = device("Ben", &KEY_B, "2027-03-10T18:00:00Z");
    // A low-order point: the shared secret would be all zeros.
    let offer = Offer {
        pairing_id: [1; 16],
        expires_at_ms: ms("2027-03-10T18:01:00Z"),
        public_key: [0; 32],
    };
    pairing_err(ben.core.accept_pairing(&offer.to_text()), "invalid key");
    assert_eq!(ben.core.pairing_status().unwrap(), PairingStatus::Unpaired);
}

#[test]
fn rejected_digits_destroy_the_pairing() {
    let (mut ana, mut ben) = ana_and_ben();
    let offer = ana.core.start_pairing().unwrap();
    let answer = ben.core.accept_pairing(&offer.text).unwrap();
    ana.core.complete_pairing(&answer.text).unwrap();
    ana.core.reject_pairing().unwrap();
    assert_eq!(ana.core.pairing_status().unwrap(), PairingStatus::Unpaired);
    assert!(matches!(
        ana.core.confirm_pairing(),
        Err(Error::NotPaired(_))
    ));
    ben.core.confirm_pairing().unwrap();
    let payload = ben.core.export().unwrap();
    assert!(matches!(
        ana.core.import(&payload[0]),
        Err(Error::NotPaired(_))
    ));
    // Once confirmed, rejecting is no longer the way out: unpair is.
    assert!(matches!(ben.core.reject_pairing(), Err(Error::Pairing(_))));
}

#[test]
fn pairing_while_paired_is_refused() {
    let (mut ana, mut ben) = ana_and_ben();
    pair(&mut ana, &mut ben);
    assert!(matches!(
        ana.core.start_pairing(),
        Err(Error::AlreadyPaired)
    ));
    let mut cleo = device("Cleo", &[0xC3; 32], "2027-03-10T18:00:00Z");
    let offer = cleo.core.start_pairing().unwrap();
    assert!(matches!(
        ben.core.accept_pairing(&offer.text),
        Err(Error::AlreadyPaired)
    ));
}

#[test]
fn unpairing_is_local_and_silent_and_refuses_later_payloads() {
    let (mut ana, mut ben) = ana_and_ben();
    pair(&mut ana, &mut ben);
    ana.core
        .propose_ritual(&draft("Walk", "10:00", None))
        .unwrap();
    deliver(&mut ana, &mut ben);
    ben.core.unpair().unwrap();
    assert_eq!(ben.core.pairing_status().unwrap(), PairingStatus::Unpaired);
    // The shared history stays on the device.
    assert_eq!(ben.core.rituals().unwrap().len(), 1);
    ana.core
        .propose_ritual(&draft("Talk", "20:00", None))
        .unwrap();
    let later = ana.core.export().unwrap();
    assert!(matches!(
        ben.core.import(&later[0]),
        Err(Error::NotPaired(_))
    ));
    assert!(matches!(ben.core.export(), Err(Error::NotPaired(_))));
    // And the two can pair again from scratch.
    ana.core.unpair().unwrap();
    pair(&mut ana, &mut ben);
    deliver(&mut ana, &mut ben);
    assert_eq!(ben.core.rituals().unwrap().len(), 2);
}

/// The code the offering phone would show for an answer made with `secret`:
/// exactly what `complete_pairing` computes, run by the attacker offline.
fn offer_side_code(offer_text: &str, secret: [u8; 32]) -> Option<String> {
    use tandem_core::pairing::keys;
    use x25519_dalek::{PublicKey, StaticSecret};
    let (offer, offer_bytes) = Offer::parse(offer_text).ok()?;
    let secret = StaticSecret::from(secret);
    let public = PublicKey::from(&secret).to_bytes();
    let shared = secret.diffie_hellman(&PublicKey::from(offer.public_key));
    let answer_public = Answer::public_bytes(&offer.pairing_id, &public);
    let transcript = keys::transcript(&offer_bytes, &answer_public);
    let derived = keys::derive(shared.as_bytes(), &transcript).ok()?;
    Some(keys::format_sas(derived.sas))
}

/// The swap attack of issue 14: Mallory scans Ana's offer, shows Ben an offer of
/// his own, reads the code Ben's phone shows, then grinds answer keys for Ana's
/// offer hoping Ana's phone will show the same code. With v1's six digits a
/// budget of ~2^21 tries succeeded in seconds; with fifteen digits a fixed
/// budget of 20,000 tries (deterministic keys: the seed is the counter) must
/// never match, and the real relay shows two different codes.
#[test]
fn swap_attacker_grinding_a_fixed_budget_never_matches_the_codes() {
    let (mut ana, mut ben) = ana_and_ben();
    let mut mallory = device("Mallory", &[7u8; 32], "2027-03-10T18:00:00Z");
    let ana_offer = ana.core.start_pairing().unwrap();
    let mallory_offer = mallory.core.start_pairing().unwrap();
    let ben_answer = ben.core.accept_pairing(&mallory_offer.text).unwrap();
    let target = ben_answer.sas.clone();

    const BUDGET: u64 = 20_000;
    let mut shared_prefix_digits = [0u32; 16];
    for n in 0..BUDGET {
        let mut secret = [0x5au8; 32];
        secret[..8].copy_from_slice(&n.to_be_bytes());
        let code = offer_side_code(&ana_offer.text, secret).unwrap();
        assert_ne!(code, target, "try {n} matched Ben's code");
        let same = code
            .chars()
            .zip(target.chars())
            .take_while(|(a, b)| a == b)
            .filter(|(c, _)| c.is_ascii_digit())
            .count();
        shared_prefix_digits[same] += 1;
    }
    // The grind is real: with this budget some tries share the first three
    // digits (expected ~20; none at all has odds of e^-20), yet none comes
    // near fifteen. (Four digits, expected ~2, missed 13.5 % of runs.)
    assert!(shared_prefix_digits[..3].iter().sum::<u32>() < BUDGET as u32);
    assert!(shared_prefix_digits[10..].iter().all(|&c| c == 0));

    // The relay with the real API: Mallory answers Ana's offer; the attacker's
    // offline function agrees with what Ana's phone then shows, and the two
    // people see different codes, so they reject.
    let mut mallory2 = device("Mallory2", &[8u8; 32], "2027-03-10T18:00:00Z");
    let to_ana = mallory2.core.accept_pairing(&ana_offer.text).unwrap();
    let ana_code = ana.core.complete_pairing(&to_ana.text).unwrap();
    assert_eq!(ana_code, to_ana.sas);
    assert_ne!(ana_code, target, "the swap shows two different codes");
    ana.core.reject_pairing().unwrap();
    ben.core.reject_pairing().unwrap();
    assert!(matches!(
        ana.core.pairing_status().unwrap(),
        PairingStatus::Unpaired
    ));
}

/// A v1 code (a phone with the old six-digit protocol) is refused with its own
/// typed error that says to update, on both the offer and the answer side.
#[test]
fn version_one_codes_are_refused_with_update_the_app() {
    let (mut ana, mut ben) = ana_and_ben();
    let offer = ana.core.start_pairing().unwrap();
    let v1 = with_version(&offer.text, 1);
    match ben.core.accept_pairing(&v1) {
        Err(e @ Error::PairingOutdated { theirs: 1, ours: 2 }) => {
            assert!(e.to_string().contains("update the app"), "{e}")
        }
        other => panic!("expected PairingOutdated, got {other:?}"),
    }
    assert_eq!(ben.core.pairing_status().unwrap(), PairingStatus::Unpaired);
    let answer = ben.core.accept_pairing(&offer.text).unwrap();
    assert!(matches!(
        ana.core.complete_pairing(&with_version(&answer.text, 1)),
        Err(Error::PairingOutdated { .. })
    ));
    // Nothing was consumed: the real answer still completes.
    assert_eq!(ana.core.complete_pairing(&answer.text).unwrap(), answer.sas);
}

fn with_version(text: &str, version: u8) -> String {
    let mut bytes = data_encoding::BASE32_NOPAD
        .decode(text.strip_prefix("TANDEM:").unwrap().as_bytes())
        .unwrap();
    bytes[0] = version;
    format!("TANDEM:{}", data_encoding::BASE32_NOPAD.encode(&bytes))
}

#[test]
fn the_key_confirmation_travels_only_until_the_partner_acknowledges_it() {
    let (mut ana, mut ben) = paired();
    let confirm = |from: &mut Device, to: &Device| {
        let payloads = from.core.export().unwrap();
        let body = to.core.inspect_payload(&payloads[0]).unwrap();
        (body.confirm.is_some(), body.holds_confirmation, payloads)
    };

    // Ana offered: her payloads carry her key confirmation, also the ones
    // she sends before Ben said anything.
    let (sent, _, first) = confirm(&mut ana, &ben);
    assert!(sent, "Ana's first payload carries it");
    let (sent, _, _) = confirm(&mut ana, &ben);
    assert!(sent, "no acknowledgement yet: still carried");
    // Ben's payloads before he has it say he does not hold it.
    let (_, held, _) = confirm(&mut ben, &ana);
    assert!(!held);
    for p in &first {
        ben.core.import(p).unwrap();
    }

    // Ben holds it now and says so in his payloads; once Ana read one,
    // hers stop carrying it, and Ben reads them as before.
    let (sent, held, back) = confirm(&mut ben, &ana);
    assert!(!sent && held, "Ben acknowledges the confirmation");
    for p in &back {
        ana.core.import(p).unwrap();
    }
    ana.core
        .propose_ritual(&draft("Evening check-in", "20:30", None))
        .unwrap();
    let (sent, _, after) = confirm(&mut ana, &ben);
    assert!(!sent, "acknowledged: no longer carried");
    assert_eq!(ben.core.import(&after[0]).unwrap().applied, 1);
    let (sent, _, _) = confirm(&mut ana, &ben);
    assert!(!sent, "and never again");

    // An answerer that says it does not hold it (a phone restored to a
    // copy from before it arrived) gets it again.
    let p = ben
        .core
        .seal_forged(&Body {
            holds_confirmation: false,
            ..Body::default()
        })
        .unwrap();
    ana.core.import(&p).unwrap();
    let (sent, _, _) = confirm(&mut ana, &ben);
    assert!(sent, "carried again after the answerer no longer holds it");
}
