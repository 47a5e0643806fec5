//! `tandem today`: the core's Today overview, one section per kind.

use serde_json::{Value, json};
use tandem_ffi::{OccurrenceStatus, Tandem, TodayOverview};

use crate::Result;
use crate::agreements::{agreement_json, agreement_text, pause_json, pause_row_line};
use crate::output::{self, Out};

/// "Due now" for what started and waits, "done" or "skipped" for what is
/// marked, nothing for what is still ahead.
fn occurrence_note(status: OccurrenceStatus, started: bool, resting: bool) -> &'static str {
    match (status, started) {
        _ if resting => "  (rest week)",
        (OccurrenceStatus::Done, _) => "  (done)",
        (OccurrenceStatus::Skipped, _) => "  (skipped)",
        (OccurrenceStatus::Scheduled, true) => "  (due: done, skip or snooze)",
        (OccurrenceStatus::Scheduled, false) => "",
    }
}

/// `pauses`: the running ones as the pause screen words them.
pub fn text(t: &TodayOverview, me: &str, pauses: &[tandem_ffi::PauseRowModel]) -> String {
    let mut lines = Vec::new();
    if t.occurrences.is_empty() {
        lines.push("Nothing planned today or in the next 24 hours.".to_owned());
    }
    for o in &t.occurrences {
        let note = occurrence_note(o.status, o.start_ms <= t.now_ms, o.resting);
        lines.push(format!("{}{note}", output::occurrence_line(o)));
    }
    if !t.ritual_invitations.is_empty() || !t.agreement_invitations.is_empty() {
        lines.push("Waiting for your answer:".to_owned());
        // Whole, with what it changes: what is accepted here is read here.
        for r in &t.ritual_invitations {
            let text = output::ritual_text(r, me).replace('\n', "\n  ");
            lines.push(format!("  ritual {text}"));
        }
        for a in &t.agreement_invitations {
            lines.push(format!("  agreement {}", agreement_text(a)));
        }
    }
    if !t.ritual_reviews.is_empty() || !t.agreement_reviews.is_empty() {
        lines.push("Time to look back together:".to_owned());
        for r in &t.ritual_reviews {
            let until = r.trial_until.as_deref().unwrap_or("");
            lines.push(format!("  {}  {} (tried until {until})", r.id, r.title));
        }
        for a in &t.agreement_reviews {
            lines.push(format!("  {}  {} (review date reached)", a.id, a.title));
        }
    }
    for p in pauses {
        lines.push(pause_row_line(p));
    }
    if let Some(r) = &t.next_reminder {
        lines.push(format!("Next reminder: {}", output::reminder_line(r)));
    }
    lines.join("\n")
}

fn json(t: &TodayOverview, me: &str) -> Value {
    json!({
        "now": output::rfc3339(t.now_ms),
        "occurrences": t.occurrences.iter().map(output::occurrence_json).collect::<Vec<_>>(),
        "ritual_invitations": t.ritual_invitations.iter().map(|r| output::ritual_json(r, me)).collect::<Vec<_>>(),
        "agreement_invitations": t.agreement_invitations.iter().map(agreement_json).collect::<Vec<_>>(),
        "ritual_reviews": t.ritual_reviews.iter().map(|r| output::ritual_json(r, me)).collect::<Vec<_>>(),
        "agreement_reviews": t.agreement_reviews.iter().map(agreement_json).collect::<Vec<_>>(),
        "pauses": t.pauses.iter().map(pause_json).collect::<Vec<_>>(),
        "next_reminder": t.next_reminder.as_ref().map(output::reminder_json),
    })
}

pub fn today(t: &Tandem, out: &Out, device_zone: String) -> Result<()> {
    let overview = t.today(device_zone.clone())?;
    let pauses = t.pause_screen(device_zone)?.current;
    let me = t.device()?.device_id;
    out.print(&text(&overview, &me, &pauses), json(&overview, &me));
    Ok(())
}

/// `tandem rituals`: the rituals screen as the core words it.
pub fn rituals(t: &Tandem, out: &Out, zone: String) -> Result<()> {
    let s = t.rituals_screen(zone)?;
    let mut lines = Vec::new();
    let line = |r: &tandem_ffi::RitualRowModel, lines: &mut Vec<String>| {
        let zone = r
            .zone_note
            .as_deref()
            .map(|z| format!(" ({z})"))
            .unwrap_or_default();
        lines.push(format!(
            "{}  {} {} min{zone}  ·  {}",
            r.title, r.time, r.minutes, r.status
        ));
        for extra in r.suggestion.iter().chain(&r.trial_note) {
            lines.push(format!("    {extra}"));
        }
        for read in &r.reads {
            lines.push(format!("    {read}"));
        }
        if !r.buttons.is_empty() {
            let labels: Vec<&str> = r.buttons.iter().map(|b| b.label.as_str()).collect();
            lines.push(format!("    [{}]  id {}", labels.join("] ["), r.id));
        }
    };
    for r in &s.rows {
        line(r, &mut lines);
    }
    lines.extend(s.empty.clone());
    if !s.ended.is_empty() {
        lines.push("Past:".into());
        for r in &s.ended {
            line(r, &mut lines);
        }
    }
    let json_row = |r: &tandem_ffi::RitualRowModel| {
        serde_json::json!({
            "id": r.id, "title": r.title, "time": r.time, "minutes": r.minutes,
            "zone_note": r.zone_note, "status": r.status, "suggestion": r.suggestion,
            "personal": r.personal, "trial_note": r.trial_note, "review_due": r.review_due,
            "reads": r.reads, "changes": r.changes, "answer_version": r.answer_version,
            "buttons": r.buttons.iter().map(|b| serde_json::json!({"action": format!("{:?}", b.action), "label": b.label})).collect::<Vec<_>>(),
        })
    };
    out.print(
        &lines.join("\n"),
        serde_json::json!({
            "rows": s.rows.iter().map(json_row).collect::<Vec<_>>(),
            "ended": s.ended.iter().map(json_row).collect::<Vec<_>>(),
            "answers_waiting": s.answers_waiting,
            "empty": s.empty,
        }),
    );
    Ok(())
}
