//! `tandem today`: the core's Today screen, one section per list, as the
//! phones render it.

use serde_json::{Value, json};
use tandem_ffi::{OccurrenceRowModel, Tandem, TodayButton, TodayItemModel, TodayScreenModel};

use crate::Result;
use crate::output::Out;

fn labels(buttons: &[TodayButton]) -> String {
    if buttons.is_empty() {
        return String::new();
    }
    let labels: Vec<&str> = buttons.iter().map(|b| b.label.as_str()).collect();
    format!("  [{}]", labels.join("] ["))
}

fn row_lines(r: &OccurrenceRowModel, lines: &mut Vec<String>) {
    let zone = r
        .zone_time
        .as_deref()
        .map(|z| format!(" ({z})"))
        .unwrap_or_default();
    let personal = r
        .personal_note
        .as_deref()
        .map(|p| format!(" · {p}"))
        .unwrap_or_default();
    lines.push(format!(
        "  {}{zone}  {} · {}{personal}{}",
        r.time,
        r.title,
        r.detail,
        labels(&r.buttons)
    ));
    if !r.buttons.is_empty() {
        lines.push(format!("    ritual {}  date {}", r.ritual_id, r.date));
    }
    for said in &r.said {
        lines.push(format!("    {said}"));
    }
}

fn item_lines(i: &TodayItemModel, lines: &mut Vec<String>) {
    lines.push(format!(
        "  {}: {}{}",
        i.headline,
        i.title,
        labels(&i.buttons)
    ));
    lines.push(format!("    {}", i.detail));
    // Whole, with what it changes: what is accepted here is read here.
    for read in i.reads.iter().chain(&i.changes) {
        lines.push(format!("    {read}"));
    }
    let version = i
        .version
        .as_deref()
        .map(|v| format!("  version {v}"))
        .unwrap_or_default();
    lines.push(format!("    id {}{version}", i.id));
}

pub fn text(s: &TodayScreenModel) -> String {
    let mut lines = Vec::new();
    if let Some(p) = &s.pause {
        lines.push(format!("{}.", p.text));
    }
    let h = &s.headings;
    for (heading, rows) in [
        (&h.due, &s.due),
        (&h.coming, &s.coming),
        (&h.earlier, &s.earlier),
    ] {
        if !rows.is_empty() {
            lines.push(format!("{heading}:"));
            rows.iter().for_each(|r| row_lines(r, &mut lines));
        }
    }
    for (heading, items) in [(&h.invitations, &s.invitations), (&h.reviews, &s.reviews)] {
        if !items.is_empty() {
            lines.push(format!("{heading}:"));
            items.iter().for_each(|i| item_lines(i, &mut lines));
        }
    }
    lines.extend(s.empty.clone());
    lines.extend(s.next_reminder.clone());
    lines.join("\n")
}

fn buttons_json(buttons: &[TodayButton]) -> Value {
    buttons
        .iter()
        .map(|b| json!({"action": format!("{:?}", b.action), "label": b.label}))
        .collect()
}

fn json(s: &TodayScreenModel) -> Value {
    let row = |r: &OccurrenceRowModel| {
        json!({
            "ritual_id": r.ritual_id, "date": r.date, "title": r.title, "time": r.time,
            "zone_time": r.zone_time, "detail": r.detail, "start": crate::output::rfc3339(r.start_ms),
            "minutes": r.minutes, "status": format!("{:?}", r.status).to_lowercase(),
            "resting": r.resting, "personal": r.personal, "personal_note": r.personal_note,
            "said": r.said, "buttons": buttons_json(&r.buttons),
        })
    };
    let item = |i: &TodayItemModel| {
        json!({
            "kind": format!("{:?}", i.kind).to_lowercase(), "id": i.id, "title": i.title,
            "headline": i.headline, "detail": i.detail, "reads": i.reads, "changes": i.changes,
            "version": i.version, "personal": i.personal, "buttons": buttons_json(&i.buttons),
        })
    };
    json!({
        "now": crate::output::rfc3339(s.now_ms),
        "due": s.due.iter().map(row).collect::<Vec<_>>(),
        "coming": s.coming.iter().map(row).collect::<Vec<_>>(),
        "earlier": s.earlier.iter().map(row).collect::<Vec<_>>(),
        "invitations": s.invitations.iter().map(item).collect::<Vec<_>>(),
        "reviews": s.reviews.iter().map(item).collect::<Vec<_>>(),
        "pause": s.pause.as_ref().map(|p| json!({
            "id": p.id, "mine": p.mine, "text": p.text, "return_at": p.return_at,
            "buttons": p.buttons.iter().map(|b| json!({"action": format!("{:?}", b.action), "label": b.label})).collect::<Vec<_>>(),
        })),
        "next_reminder": s.next_reminder,
        "snooze": {"minutes": s.snooze.minutes, "label": s.snooze.label},
        "empty": s.empty,
    })
}

pub fn today(t: &Tandem, out: &Out, device_zone: String) -> Result<()> {
    let s = t.today_screen(device_zone)?;
    out.print(&text(&s), json(&s));
    Ok(())
}

/// `tandem rituals [--all]`: the rituals screen as the core words it.
pub fn rituals(t: &Tandem, out: &Out, zone: String, all: bool) -> Result<()> {
    let s = if all {
        t.rituals_screen_all(zone)?
    } else {
        t.rituals_screen(zone)?
    };
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
        lines.extend(s.ended_more.iter().map(|m| format!("  {m}")));
        // The terminal's "show all" is a flag.
        lines.extend(
            s.show_all
                .iter()
                .map(|label| format!("({label}: tandem rituals --all)")),
        );
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
            "ended_more": s.ended_more,
            "show_all": s.show_all,
        }),
    );
    Ok(())
}

/// `tandem rituals ID`: one ritual's own screen as the core words it.
pub fn ritual(t: &Tandem, out: &Out, id: &str, zone: String) -> Result<()> {
    let s = t.ritual_screen(id.to_owned(), zone)?;
    let r = &s.row;
    let mut lines = vec![format!(
        "{}  {} · {}  ·  {}",
        r.title, r.time, r.length, r.status
    )];
    lines.extend(
        r.suggestion
            .iter()
            .chain(&r.trial_note)
            .map(|x| format!("    {x}")),
    );
    lines.extend(r.reads.iter().map(|x| format!("    {x}")));
    if !r.buttons.is_empty() {
        let labels: Vec<&str> = r.buttons.iter().map(|b| b.label.as_str()).collect();
        lines.push(format!("    [{}]", labels.join("] [")));
    }
    lines.push(format!("{}:", s.headings.terms));
    lines.extend(s.terms.iter().map(|x| format!("    {x}")));
    if !s.next.is_empty() {
        lines.push(format!("{}:", s.headings.next));
        lines.extend(s.next.iter().map(|x| format!("    {x}")));
    }
    lines.push(format!("{}:", s.headings.days));
    lines.extend(s.days_empty.iter().map(|x| format!("    {x}")));
    for d in &s.days {
        let mut line = format!("    {} {}  {}", d.day, d.time, d.state);
        if !d.buttons.is_empty() {
            let labels: Vec<&str> = d.buttons.iter().map(|b| b.label.as_str()).collect();
            line.push_str(&format!("  [{}]  date {}", labels.join("] ["), d.date));
        }
        lines.push(line);
        lines.extend(d.said.iter().map(|x| format!("        {x}")));
    }
    lines.extend(s.kept.clone());
    let buttons = |b: &[tandem_ffi::TodayButton]| {
        b.iter()
            .map(|b| serde_json::json!({"action": format!("{:?}", b.action), "label": b.label}))
            .collect::<Vec<_>>()
    };
    out.print(
        &lines.join("\n"),
        serde_json::json!({
            "id": r.id, "title": r.title, "status": r.status, "time": r.time, "length": r.length,
            "buttons": r.buttons.iter().map(|b| serde_json::json!({"action": format!("{:?}", b.action), "label": b.label})).collect::<Vec<_>>(),
            "terms": s.terms, "next": s.next, "kept": s.kept, "days_empty": s.days_empty,
            "days": s.days.iter().map(|d| serde_json::json!({
                "date": d.date, "day": d.day, "time": d.time, "state": d.state,
                "said": d.said, "buttons": buttons(&d.buttons),
            })).collect::<Vec<_>>(),
        }),
    );
    Ok(())
}
