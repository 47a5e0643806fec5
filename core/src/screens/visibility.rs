//! The visibility screen: what the partner's phone holds about this person,
//! grouped by kind under the catalog's headings, and the audit of every
//! sharing change and everything done with this phone's record, each a
//! sentence, newest first. One decision for both phones: before, Android
//! and iOS each grouped the mirror (in different orders), wrote their own
//! headings and empty text, put "You" before the core's English audit
//! phrases and formatted the times.
//!
//! Times read on this phone's clock with their whole date ("Sat 12 Dec
//! 2026 21:10"): an audit is a record, read the same whenever it is
//! looked at.

use crate::catalog::{Arg, Locale, date_short_year};
use crate::export::mirror::{AuditChange, Mirror, Reach, Visible, VisibleKind};
use crate::tell::date_time_in;
use crate::zone::Zone;

/// One thing the partner's phone holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisibleRow {
    /// The core's id of what it is (a ritual, a boundary, a check-in…).
    pub id: String,
    pub kind: VisibleKind,
    /// What the partner reads: the person's own words as written, the rest
    /// in the catalog's.
    pub summary: String,
    /// Since when, on this phone's clock ("Sat 12 Dec 2026 21:10"), or the
    /// day it is about ("Sat 12 Dec 2026"); `None` when not known (the
    /// device name, a rest week).
    pub since: Option<String>,
    /// Why something made private is still listed: it cannot be recalled.
    pub caveat: Option<String>,
}

/// The rows of one kind under their heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisibleGroup {
    pub kind: VisibleKind,
    /// "Boundaries you shared".
    pub heading: String,
    /// In the mirror's order.
    pub rows: Vec<VisibleRow>,
    /// Said under the rows when older ones are not shown ("Only the
    /// newest 30 are shown here").
    pub more: Option<String>,
}

/// One line of the audit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditLine {
    /// What it was about; empty for this phone's own events (an export,
    /// unpairing, the app lock).
    pub id: String,
    pub change: AuditChange,
    /// When, on this phone's clock: "Sat 12 Dec 2026 21:10".
    pub at: String,
    /// The sentence: "You shared a boundary".
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisibilityScreen {
    /// "Your partner's phone holds".
    pub heading: String,
    /// Said when the partner's phone holds nothing but this phone's name.
    pub empty: Option<String>,
    /// The kinds in `VisibleKind::ALL`'s order, only those with rows.
    pub groups: Vec<VisibleGroup>,
    /// "What you shared, exported or changed here".
    pub audit_heading: String,
    /// Newest first.
    pub audit: Vec<AuditLine>,
    /// Said under the audit when older lines are not shown.
    pub audit_more: Option<String>,
    /// The label of the action that shows everything, when something was
    /// left out ("Show everything"); the shell then asks for
    /// `visibility_screen_all`.
    pub show_all: Option<String>,
}

/// The heading over the rows of `kind`.
pub fn kind_heading(kind: VisibleKind, l: Locale) -> String {
    l.say(match kind {
        VisibleKind::DeviceName => "visible-group-device-name",
        VisibleKind::SharedRitual => "visible-group-shared-ritual",
        VisibleKind::RitualNote => "visible-group-ritual-note",
        VisibleKind::Agreement => "visible-group-agreement",
        VisibleKind::Boundary => "visible-group-boundary",
        VisibleKind::CheckIn => "visible-group-check-in",
        VisibleKind::Appreciation => "visible-group-appreciation",
        VisibleKind::Repair => "visible-group-repair",
        VisibleKind::Phrase => "visible-group-phrase",
        VisibleKind::Pause => "visible-group-pause",
        VisibleKind::RestWeek => "visible-group-rest-week",
        VisibleKind::Answer => "visible-group-answer",
        VisibleKind::MadePrivate => "visible-group-made-private",
    })
}

/// The audit's sentence for `change`: "You shared a boundary".
pub fn audit_sentence(change: AuditChange, l: Locale) -> String {
    l.say(match change {
        AuditChange::RitualProposed => "audit-ritual-proposed",
        AuditChange::RitualCountered => "audit-ritual-countered",
        AuditChange::RitualAccepted => "audit-ritual-accepted",
        AuditChange::RitualDeclined => "audit-ritual-declined",
        AuditChange::RitualPaused => "audit-ritual-paused",
        AuditChange::RitualResumed => "audit-ritual-resumed",
        AuditChange::RitualRetired => "audit-ritual-retired",
        AuditChange::RitualDone => "audit-ritual-done",
        AuditChange::RitualDoneWithWords => "audit-ritual-done-words",
        AuditChange::RitualSkipped => "audit-ritual-skipped",
        AuditChange::RitualMoved => "audit-ritual-moved",
        AuditChange::RestDeclared => "audit-rest-declared",
        AuditChange::RestCalledOff => "audit-rest-called-off",
        AuditChange::BoundaryShared => "audit-boundary-shared",
        AuditChange::BoundaryUnshared => "audit-boundary-unshared",
        AuditChange::BoundaryChanged => "audit-boundary-changed",
        AuditChange::BoundaryRetired => "audit-boundary-retired",
        AuditChange::AgreementProposed => "audit-agreement-proposed",
        AuditChange::AgreementAmended => "audit-agreement-amended",
        AuditChange::AgreementAccepted => "audit-agreement-accepted",
        AuditChange::AgreementDeclined => "audit-agreement-declined",
        AuditChange::AgreementWithdrawn => "audit-agreement-withdrawn",
        AuditChange::AgreementKept => "audit-agreement-kept",
        AuditChange::CheckInShared => "audit-check-in-shared",
        AuditChange::AppreciationSent => "audit-appreciation-sent",
        AuditChange::RepairShared => "audit-repair-shared",
        AuditChange::PhraseShared => "audit-phrase-shared",
        AuditChange::PauseStarted => "audit-pause-started",
        AuditChange::PauseExtended => "audit-pause-extended",
        AuditChange::PauseEnded => "audit-pause-ended",
        AuditChange::Exported => "audit-exported",
        AuditChange::ExportedPlaintext => "audit-exported-plaintext",
        AuditChange::ExportedCalendar => "audit-exported-calendar",
        AuditChange::Unpaired => "audit-unpaired",
        AuditChange::StoppedShared => "audit-stopped-shared",
        AuditChange::DeletedPartnerData => "audit-deleted-partner-data",
        AuditChange::LockOn => "audit-lock-on",
        AuditChange::LockOff => "audit-lock-off",
        AuditChange::Wiped => "audit-wiped",
    })
}

fn row(v: &Visible, zone: &Zone, l: Locale) -> VisibleRow {
    let since = match v.day {
        Some(day) => Some(date_short_year(l, day)),
        None if v.since_ms == 0 => None,
        None => Some(date_time_in(v.since_ms, zone, l)),
    };
    VisibleRow {
        id: v.id.clone(),
        kind: v.kind,
        summary: v.summary.clone(),
        since,
        caveat: v.caveat.clone(),
    }
}

/// "Only the newest 30 are shown here", when `cut`; for shared rituals,
/// all in play are shown and only the ended ones cut: "Only the 30 that
/// ended most recently are shown here"; answers are read from what the
/// screen lists: "Only the newest 30 answers about what is listed above".
fn newest_only(
    cut: bool,
    kind: Option<VisibleKind>,
    shown: Option<usize>,
    l: Locale,
) -> Option<String> {
    let count = i64::try_from(shown?).unwrap_or(i64::MAX);
    let id = match kind {
        Some(VisibleKind::SharedRitual) => "rituals-ended-newest-only",
        Some(VisibleKind::Answer) => "visible-answers-newest-only",
        _ => "visible-newest-only",
    };
    cut.then(|| l.say_with(id, &[("count", Arg::Num(count))]))
}

/// The screen from the mirror (worded in `l`, read as far as `reach`),
/// times in `zone`.
pub fn screen(mirror: &Mirror, reach: Reach, zone: &Zone, l: Locale) -> VisibilityScreen {
    let seen = &mirror.seen;
    let groups = VisibleKind::ALL
        .into_iter()
        .filter_map(|kind| {
            let rows: Vec<VisibleRow> = seen
                .iter()
                .filter(|v| v.kind == kind)
                .map(|v| row(v, zone, l))
                .collect();
            (!rows.is_empty()).then(|| VisibleGroup {
                kind,
                heading: kind_heading(kind, l),
                rows,
                more: newest_only(mirror.cut.contains(&kind), Some(kind), reach.rows, l),
            })
        })
        .collect();
    let only_the_name = seen.iter().all(|v| v.kind == VisibleKind::DeviceName);
    let anything_cut = mirror.audit_cut || !mirror.cut.is_empty();
    VisibilityScreen {
        heading: l.say("visible-heading"),
        empty: only_the_name.then(|| l.say("visible-empty")),
        groups,
        audit_heading: l.say("audit-heading"),
        audit: mirror
            .audit
            .iter()
            .map(|a| AuditLine {
                id: a.id.clone(),
                change: a.change,
                at: date_time_in(a.at_ms, zone, l),
                text: audit_sentence(a.change, l),
            })
            .collect(),
        audit_more: newest_only(mirror.audit_cut, None, reach.audit, l),
        show_all: anything_cut.then(|| l.say("visible-show-all")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::mirror::AuditEntry;

    /// The screen of everything, nothing cut.
    fn shown(seen: &[Visible], audit: &[AuditEntry], zone: &Zone, l: Locale) -> VisibilityScreen {
        let mirror = Mirror {
            seen: seen.to_vec(),
            cut: Vec::new(),
            audit: audit.to_vec(),
            audit_cut: false,
        };
        screen(&mirror, Reach::ALL, zone, l)
    }

    #[test]
    fn what_was_cut_short_says_so_and_offers_everything() {
        let mirror = Mirror {
            seen: vec![
                seen(VisibleKind::CheckIn, "c1", "7/10, rest", AT),
                seen(VisibleKind::Pause, "p1", "A pause", AT),
            ],
            cut: vec![VisibleKind::CheckIn],
            audit: Vec::new(),
            audit_cut: false,
        };
        let s = screen(&mirror, Reach::SCREEN, &zone("UTC"), Locale::En);
        let more: Vec<Option<&str>> = s.groups.iter().map(|g| g.more.as_deref()).collect();
        assert_eq!(more, [Some("Only the newest 30 are shown here."), None]);
        assert_eq!(s.audit_more, None);
        assert_eq!(s.show_all.as_deref(), Some("Show everything"));
        let audit_cut = Mirror {
            cut: Vec::new(),
            audit_cut: true,
            ..mirror.clone()
        };
        let s = screen(&audit_cut, Reach::SCREEN, &zone("UTC"), Locale::De);
        assert_eq!(
            s.audit_more.as_deref(),
            Some("Hier stehen nur die neuesten 100.")
        );
        assert_eq!(s.show_all.as_deref(), Some("Alles zeigen"));
        let whole = screen(
            &Mirror {
                cut: Vec::new(),
                ..mirror
            },
            Reach::SCREEN,
            &zone("UTC"),
            Locale::En,
        );
        assert!(whole.groups.iter().all(|g| g.more.is_none()));
        assert_eq!(whole.show_all, None);
    }

    // 2027-03-12 17:00 UTC: 12:00 in New York, 18:00 in Berlin.
    const AT: i64 = 1_804_870_800_000;

    fn seen(kind: VisibleKind, id: &str, summary: &str, since_ms: i64) -> Visible {
        Visible {
            kind,
            id: id.into(),
            summary: summary.into(),
            since_ms,
            day: None,
            caveat: None,
        }
    }

    fn zone(name: &str) -> Zone {
        name.parse().unwrap()
    }

    #[test]
    fn groups_follow_one_order_under_the_catalogs_headings() {
        // The mirror lists them in its own order; the screen in one order.
        let mirror = [
            seen(VisibleKind::DeviceName, "d", "Ana's phone", 0),
            seen(VisibleKind::Answer, "r1", "Accepted “Walk”", AT),
            seen(VisibleKind::Boundary, "b2", "Second", AT),
            seen(VisibleKind::SharedRitual, "r1", "Walk (active)", AT),
            seen(VisibleKind::Boundary, "b1", "First", AT),
            Visible {
                caveat: Some(Locale::En.say("visible-cannot-recall")),
                ..seen(VisibleKind::MadePrivate, "b3", "Taken back", AT)
            },
        ];
        let s = shown(&mirror, &[], &zone("America/New_York"), Locale::En);
        let kinds: Vec<VisibleKind> = s.groups.iter().map(|g| g.kind).collect();
        assert_eq!(
            kinds,
            [
                VisibleKind::DeviceName,
                VisibleKind::SharedRitual,
                VisibleKind::Boundary,
                VisibleKind::Answer,
                VisibleKind::MadePrivate,
            ]
        );
        let headings: Vec<&str> = s.groups.iter().map(|g| g.heading.as_str()).collect();
        assert_eq!(
            headings,
            [
                "Your phone's name",
                "Shared rituals",
                "Boundaries you shared",
                "Your answers",
                "Sent before you made it private",
            ]
        );
        // Within a kind, the mirror's order; the person's words as written.
        let boundaries: Vec<&str> = s.groups[2]
            .rows
            .iter()
            .map(|r| r.summary.as_str())
            .collect();
        assert_eq!(boundaries, ["Second", "First"]);
        assert_eq!(s.heading, "Your partner's phone holds");
        assert_eq!(s.audit_heading, "What you shared, exported or changed here");
        assert_eq!(s.empty, None);
        // Only what was made private carries the caveat.
        let caveats: Vec<Option<&str>> = s
            .groups
            .iter()
            .flat_map(|g| &g.rows)
            .map(|r| r.caveat.as_deref())
            .collect();
        assert_eq!(
            caveats,
            [
                None,
                None,
                None,
                None,
                None,
                Some(
                    "Already on your partner's phone: making it private again stops further sharing but cannot recall it."
                ),
            ]
        );
    }

    #[test]
    fn every_kind_has_its_own_heading_and_every_change_its_sentence() {
        for l in Locale::ALL {
            let mut headings: Vec<String> = VisibleKind::ALL.map(|k| kind_heading(k, l)).to_vec();
            assert!(headings.iter().all(|h| !h.starts_with("visible-")));
            headings.sort();
            headings.dedup();
            assert_eq!(headings.len(), VisibleKind::ALL.len(), "{l:?}");
        }
        for l in Locale::ALL {
            let mut sentences: Vec<String> =
                AuditChange::ALL.map(|c| audit_sentence(c, l)).to_vec();
            assert!(sentences.iter().all(|t| !t.starts_with("audit-")));
            sentences.sort();
            sentences.dedup();
            assert_eq!(sentences.len(), AuditChange::ALL.len(), "{l:?}");
        }
        let all = [
            AuditChange::RitualProposed,
            AuditChange::RitualDoneWithWords,
            AuditChange::BoundaryShared,
            AuditChange::BoundaryUnshared,
            AuditChange::AgreementWithdrawn,
            AuditChange::ExportedPlaintext,
            AuditChange::Wiped,
        ];
        assert_eq!(
            all.map(|c| audit_sentence(c, Locale::En)),
            [
                "You proposed a shared ritual",
                "You marked a shared ritual done, with a note or a feeling",
                "You shared a boundary",
                "You made a boundary private",
                "You withdrew consent from an agreement",
                "You exported everything unsealed (plain text)",
                "An earlier Tandem on this phone was wiped",
            ]
        );
    }

    #[test]
    fn only_the_device_name_reads_as_empty() {
        let name = [seen(VisibleKind::DeviceName, "d", "Ana", 0)];
        let s = shown(&name, &[], &zone("UTC"), Locale::En);
        assert_eq!(
            s.empty.as_deref(),
            Some(
                "Only this phone's name so far: nothing you shared is on your partner's phone yet."
            )
        );
        assert_eq!(s.groups.len(), 1, "the name is still listed");
        assert_eq!(s.groups[0].rows[0].since, None, "no time for the name");
        assert!(s.audit.is_empty());
    }

    #[test]
    fn times_read_on_this_phones_clock_with_their_date() {
        let mirror = [
            seen(VisibleKind::Boundary, "b", "Words", AT),
            seen(VisibleKind::RestWeek, "2027-03-22", "The week of …", 0),
            Visible {
                day: "2027-03-10".parse().ok(),
                ..seen(VisibleKind::RitualNote, "r:2027-03-10", "calm", AT)
            },
        ];
        let audit = [
            AuditEntry {
                at_ms: AT + 60_000,
                change: AuditChange::BoundaryShared,
                id: "b".into(),
            },
            AuditEntry {
                at_ms: AT,
                change: AuditChange::LockOn,
                id: String::new(),
            },
        ];
        let ny = shown(&mirror, &audit, &zone("America/New_York"), Locale::En);
        let since: Vec<Option<&str>> = ny
            .groups
            .iter()
            .flat_map(|g| &g.rows)
            .map(|r| r.since.as_deref())
            .collect();
        // In kind order: the note (a day), the boundary, the rest week.
        assert_eq!(
            since,
            [Some("Wed 10 Mar 2027"), Some("Fri 12 Mar 2027 12:00"), None]
        );
        let lines: Vec<(&str, &str, &str)> = ny
            .audit
            .iter()
            .map(|a| (a.id.as_str(), a.at.as_str(), a.text.as_str()))
            .collect();
        assert_eq!(
            lines,
            [
                ("b", "Fri 12 Mar 2027 12:01", "You shared a boundary"),
                ("", "Fri 12 Mar 2027 12:00", "You turned the app lock on"),
            ]
        );
        // The same moments on a phone in Berlin, never in UTC.
        let berlin = shown(&mirror, &audit, &zone("Europe/Berlin"), Locale::En);
        assert_eq!(berlin.audit[1].at, "Fri 12 Mar 2027 18:00");
        // A wall time that happens twice says which one.
        let night = 1_792_888_200_000; // 2026-10-25 02:30 +02:00 in Berlin
        let twice = [AuditEntry {
            at_ms: night,
            change: AuditChange::LockOff,
            id: String::new(),
        }];
        let s = shown(&[], &twice, &zone("Europe/Berlin"), Locale::En);
        assert_eq!(s.audit[0].at, "Sun 25 Oct 2026 02:30 +02:00");
    }

    #[test]
    fn german_reads_german() {
        let mirror = [
            seen(VisibleKind::DeviceName, "d", "Anas Handy", 0),
            Visible {
                caveat: Some(Locale::De.say("visible-cannot-recall")),
                ..seen(VisibleKind::MadePrivate, "b", "Worte", AT)
            },
        ];
        let audit = [AuditEntry {
            at_ms: AT,
            change: AuditChange::BoundaryUnshared,
            id: "b".into(),
        }];
        let s = shown(&mirror, &audit, &zone("Europe/Berlin"), Locale::De);
        assert_eq!(s.heading, "Das Handy deines Gegenübers enthält");
        assert_eq!(s.groups[0].heading, "Der Name deines Handys");
        assert_eq!(
            s.groups[1].heading,
            "Gesendet, bevor du es privat gemacht hast"
        );
        assert_eq!(s.groups[1].rows[0].summary, "Worte", "as written");
        assert_eq!(
            s.groups[1].rows[0].since.as_deref(),
            Some("Fr 12. März 2027 18:00")
        );
        assert!(
            s.groups[1].rows[0]
                .caveat
                .as_deref()
                .is_some_and(|c| c.starts_with("Schon auf dem Handy deines Gegenübers"))
        );
        assert_eq!(s.audit[0].text, "Du hast eine Grenze wieder privat gemacht");
        assert_eq!(s.audit[0].at, "Fr 12. März 2027 18:00");
        assert_eq!(s.empty, None);
    }
}
