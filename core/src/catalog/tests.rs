use std::collections::BTreeMap;

use super::*;

fn messages(source: &str) -> BTreeMap<String, Message> {
    let (messages, errors) = parse(source);
    assert_eq!(errors, [], "the shipped catalog parses");
    messages.into_iter().map(|m| (m.id.clone(), m)).collect()
}

#[test]
fn both_shipped_files_parse_without_errors() {
    for source in [EN, DE] {
        let (messages, errors) = parse(source);
        assert_eq!(errors, []);
        assert!(messages.len() > 100, "{}", messages.len());
    }
}

#[test]
fn both_languages_have_the_same_messages_with_the_same_variables() {
    let (en, de) = (messages(EN), messages(DE));
    let only_en: Vec<&String> = en.keys().filter(|k| !de.contains_key(*k)).collect();
    let only_de: Vec<&String> = de.keys().filter(|k| !en.contains_key(*k)).collect();
    assert_eq!(only_en, Vec::<&String>::new(), "in en.ftl, not in de.ftl");
    assert_eq!(only_de, Vec::<&String>::new(), "in de.ftl, not in en.ftl");
    for (id, m) in &en {
        assert_eq!(m.variables(), de[id].variables(), "{id}");
    }
}

/// Every id the core's code names (`say("…")`, `say_with("…"`, a literal
/// in a match of ids) is in the catalog: scans the sources.
#[test]
fn every_id_the_code_names_is_in_the_catalog() {
    let en = messages(EN);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![root];
    let mut named = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with("catalog/tests.rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            for call in ["say(\"", "say_with(\n", "say_with(\""] {
                for (at, _) in source.match_indices(call) {
                    let rest = source[at + call.len()..].trim_start();
                    let rest = rest.strip_prefix('"').unwrap_or(rest);
                    let id: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                        .collect();
                    if id.is_empty() || !rest[id.len()..].starts_with('"') {
                        continue;
                    }
                    named += 1;
                    assert!(en.contains_key(&id), "{}: {id}", path.display());
                }
            }
            // Ids chosen by a match: `say(match x { A => "id", … })`.
            for (at, _) in source.match_indices("say(match") {
                let block = &source[at..];
                let block = &block[..block.find("})").unwrap_or(block.len())];
                for arm in block.split("=> \"").skip(1) {
                    let id = &arm[..arm.find('"').unwrap_or(0)];
                    named += 1;
                    assert!(en.contains_key(id), "{}: {id}", path.display());
                }
            }
        }
    }
    assert!(named > 100, "{named}");
}

#[test]
fn plurals_in_english_and_german_for_0_1_2() {
    let hours = |l: Locale, n| l.say_with("offer-hours", &[("hours", Arg::Num(n))]);
    assert_eq!(hours(Locale::En, 0), "0 hours");
    assert_eq!(hours(Locale::En, 1), "1 hour");
    assert_eq!(hours(Locale::En, 2), "2 hours");
    assert_eq!(hours(Locale::De, 0), "0 Stunden");
    assert_eq!(hours(Locale::De, 1), "1 Stunde");
    assert_eq!(hours(Locale::De, 2), "2 Stunden");
    let weeks = |l: Locale, n| l.say_with("notebook-empty", &[("weeks", Arg::Num(n))]);
    assert!(weeks(Locale::En, 1).starts_with("Nothing written in the last week."));
    assert!(weeks(Locale::En, 2).starts_with("Nothing written in the last 2 weeks."));
    assert!(weeks(Locale::En, 0).starts_with("Nothing written in the last 0 weeks."));
    assert!(weeks(Locale::De, 1).starts_with("In der letzten Woche wurde"));
    assert!(weeks(Locale::De, 2).starts_with("In den letzten 2 Wochen wurde"));
    assert!(weeks(Locale::De, 0).starts_with("In den letzten 0 Wochen wurde"));
}

#[test]
fn exact_numbers_win_over_plural_categories() {
    let source = "things = { $n ->\n    [0] nothing\n    [one] one thing\n   *[other] { $n } things\n    }\n";
    let (messages, errors) = parse(source);
    assert_eq!(errors, []);
    let mut out = String::new();
    for n in [0, 1, 2] {
        render(
            Locale::En,
            &messages[0].pattern,
            &[("n", Arg::Num(n))],
            &mut out,
        );
        out.push('|');
    }
    assert_eq!(out, "nothing|one thing|2 things|");
    assert_eq!(
        Locale::En.say_with("ordinal", &[("n", Arg::Num(22))]),
        "22nd"
    );
    assert_eq!(
        Locale::En.say_with("ordinal", &[("n", Arg::Num(12))]),
        "12th"
    );
    assert_eq!(
        Locale::De.say_with("ordinal", &[("n", Arg::Num(22))]),
        "22."
    );
}

#[test]
fn a_missing_message_or_variable_shows_visibly_and_never_panics() {
    assert_eq!(Locale::En.say("no-such-message"), "no-such-message");
    assert_eq!(Locale::De.say("no-such-message"), "no-such-message");
    assert_eq!(Locale::En.say("offer-extend"), "{$minutes} more minutes");
    assert_eq!(Locale::En.say("offer-hours"), "{$hours} hours");
    assert_eq!(Locale::Pseudo.say("no-such-message"), "no-such-message");
}

#[test]
fn parse_errors_are_found_and_the_rest_still_parses() {
    let (messages, errors) = parse(
        "good = fine\n\n  stray\n= no id\nbad = { $x \nopen = { $n ->\n   [one] a\n    }\ntwice = a\ntwice = b\n",
    );
    let ids: Vec<&str> = messages.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["good", "twice"]);
    let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [3, 4, 5, 6, 10], "{errors:?}");
    // An indented line right after a message continues it.
    assert_eq!(
        parse("a = one\n  two\n").0[0].pattern,
        [Element::Text("one\ntwo".into())]
    );
}

#[test]
fn the_pseudo_locale_marks_catalog_text_and_leaves_values_alone() {
    let said = Locale::Pseudo.say_with("ritual-zone-note", &[("zone", Arg::Str("Europe/Berlin"))]);
    assert_eq!(said, "⟦Europe/Berlin tïmé⟧");
    assert_eq!(Locale::Pseudo.say("ritual-action-pause"), "⟦Påüsé⟧");
}

#[test]
fn locales_come_from_bcp47_and_posix_tags() {
    for (tag, locale) in [
        ("de", Locale::De),
        ("de-DE", Locale::De),
        ("de_AT.UTF-8", Locale::De),
        ("DE-ch", Locale::De),
        ("en", Locale::En),
        ("en-GB", Locale::En),
        ("fr-FR", Locale::En),
        ("C", Locale::En),
        ("POSIX", Locale::En),
        ("C.UTF-8", Locale::En),
        ("en-XA", Locale::Pseudo),
        ("en_XA", Locale::Pseudo),
        ("zz", Locale::En),
    ] {
        assert_eq!(Locale::parse(tag).unwrap(), locale, "{tag}");
    }
    let long = "de-".repeat(20);
    for bad in ["", "  ", long.as_str(), "de\u{7}", "de\nDE"] {
        match Locale::parse(bad) {
            Err(Error::InvalidInput(reason)) => {
                assert!(
                    bad.trim().is_empty() || !reason.contains(bad.trim()),
                    "{reason}"
                );
            }
            other => panic!("{bad:?}: {other:?}"),
        }
    }
    for l in Locale::ALL {
        assert_eq!(Locale::parse(l.tag()).unwrap(), l);
    }
}

#[test]
fn dates_read_in_each_language() {
    let d = NaiveDate::from_ymd_opt(2026, 12, 12).unwrap();
    assert_eq!(date_short(Locale::En, d), "Sat 12 Dec");
    assert_eq!(date_short(Locale::De, d), "Sa 12. Dez.");
    assert_eq!(date_short_year(Locale::En, d), "Sat 12 Dec 2026");
    assert_eq!(date_short_year(Locale::De, d), "Sa 12. Dez. 2026");
    let may = NaiveDate::from_ymd_opt(2027, 5, 3).unwrap();
    assert_eq!(date_short(Locale::De, may), "Mo 3. Mai");
    assert_eq!(
        Locale::De.and_list(&["Mo".into(), "Mi".into(), "Fr".into()]),
        "Mo, Mi und Fr"
    );
}

use chrono::NaiveDate;
