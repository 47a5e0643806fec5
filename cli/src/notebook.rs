//! `tandem checkin|appreciate|repair|log|insights|phrases`: the notebook side
//! of Tandem. Private entries never leave this device.

use clap::{Args, Subcommand};
use serde_json::{Value, json};
use tandem_ffi::{
    Capacity, EntryKind, Happened, LogEntry, Need, PatternDraft, RepairAct, Situation, Tandem,
};

use crate::output::{Out, rfc3339};
use crate::{CliError, Result};

#[derive(Args, Debug)]
pub struct CheckIn {
    /// Emotional temperature: 1 (calm) to 10 (flooded).
    #[arg(long)]
    temp: u8,
    #[arg(long, value_parser = ["low", "some", "plenty"])]
    capacity: String,
    /// space, closeness, reassurance, practical-help or nothing.
    #[arg(long)]
    need: String,
    #[arg(long)]
    note: Option<String>,
    /// Share it with your partner (default: private, on this phone only).
    #[arg(long)]
    shared: bool,
}

#[derive(Args, Debug)]
pub struct Repair {
    /// checked-in, apologised, touch, joke, came-back-from-pause, other.
    #[arg(long)]
    act: String,
    #[arg(long)]
    note: Option<String>,
    /// Whether it seemed received: yes or no.
    #[arg(long, value_parser = ["yes", "no"])]
    received: Option<String>,
    #[arg(long)]
    shared: bool,
}

#[derive(Subcommand, Debug)]
pub enum LogCommand {
    /// Write a private entry: only you will ever see it.
    Add {
        /// withdrew, pursued, went-silent, talk-derailed or reconnected.
        #[arg(long)]
        happened: String,
        /// A trigger tag (repeatable): tired, work stress, money, …
        #[arg(long = "tag")]
        tags: Vec<String>,
        #[arg(long)]
        topic: Option<String>,
        /// Temperature before, 1 to 10.
        #[arg(long)]
        temp: Option<u8>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Your private entries of the last N days.
    List {
        #[arg(long, default_value_t = 28)]
        days: u32,
    },
    /// Tags to start from.
    Tags,
}

#[derive(Subcommand, Debug)]
pub enum PhrasesCommand {
    /// Built-in phrases and your own, by situation.
    List {
        /// asking-for-space, inviting-closeness, reflecting-back,
        /// owning-my-part, returning-after-a-pause.
        #[arg(long)]
        situation: Option<String>,
    },
    /// Add your own phrase (private unless --shared).
    Add {
        #[arg(long)]
        situation: String,
        text: String,
        #[arg(long)]
        shared: bool,
    },
    /// "When …, I feel …, and I need …. Would you be open to …?"
    IStatement {
        #[arg(long = "when")]
        observation: String,
        #[arg(long)]
        feel: String,
        #[arg(long)]
        need: String,
        #[arg(long)]
        ask: String,
    },
}

fn invalid(reason: &str) -> CliError {
    CliError::Core(tandem_ffi::TandemError::InvalidInput {
        reason: reason.into(),
    })
}

fn need(text: &str) -> Result<Need> {
    Ok(
        match text.trim().to_lowercase().replace(['-', '_'], " ").as_str() {
            "space" => Need::Space,
            "closeness" => Need::Closeness,
            "reassurance" => Need::Reassurance,
            "practical help" => Need::PracticalHelp,
            "nothing" | "nothing right now" => Need::NothingRightNow,
            _ => {
                return Err(invalid(
                    "a need is one of: space, closeness, reassurance, practical-help, nothing",
                ));
            }
        },
    )
}

fn situation(text: &str) -> Result<Situation> {
    Ok(
        match text.trim().to_lowercase().replace(['-', '_'], " ").as_str() {
            "asking for space" => Situation::AskingForSpace,
            "inviting closeness" => Situation::InvitingCloseness,
            "reflecting back" => Situation::ReflectingBack,
            "owning my part" => Situation::OwningMyPart,
            "returning after a pause" => Situation::ReturningAfterAPause,
            _ => {
                return Err(invalid(
                    "a situation is one of: asking-for-space, inviting-closeness, reflecting-back, owning-my-part, returning-after-a-pause",
                ));
            }
        },
    )
}

fn situation_name(s: Situation) -> &'static str {
    match s {
        Situation::AskingForSpace => "asking for space",
        Situation::InvitingCloseness => "inviting closeness",
        Situation::ReflectingBack => "reflecting back",
        Situation::OwningMyPart => "owning my part",
        Situation::ReturningAfterAPause => "returning after a pause",
    }
}

fn happened(text: &str) -> Result<Happened> {
    Ok(
        match text.trim().to_lowercase().replace(['-', '_'], " ").as_str() {
            "withdrew" => Happened::Withdrew,
            "pursued" => Happened::Pursued,
            "went silent" => Happened::WentSilent,
            "talk derailed" => Happened::TalkDerailed,
            "reconnected" => Happened::Reconnected,
            _ => {
                return Err(invalid(
                    "what happened is one of: withdrew, pursued, went-silent, talk-derailed, reconnected",
                ));
            }
        },
    )
}

fn happened_name(h: Happened) -> &'static str {
    match h {
        Happened::Withdrew => "withdrew",
        Happened::Pursued => "pursued",
        Happened::WentSilent => "went silent",
        Happened::TalkDerailed => "a talk derailed",
        Happened::Reconnected => "reconnected",
    }
}

fn entry_json(e: &LogEntry) -> Value {
    let mut v = json!({"id": e.id, "mine": e.mine, "at": rfc3339(e.at_ms), "shared": e.shared});
    match &e.kind {
        EntryKind::CheckIn {
            temperature,
            temperature_words,
            capacity,
            need,
            note,
        } => {
            v["kind"] = json!("checkin");
            v["temperature"] = json!(temperature);
            v["temperature_words"] = json!(temperature_words);
            v["capacity"] = json!(format!("{capacity:?}").to_lowercase());
            v["need"] = json!(format!("{need:?}"));
            v["note"] = json!(note);
        }
        EntryKind::Appreciation { text } => {
            v["kind"] = json!("appreciation");
            v["text"] = json!(text);
        }
        EntryKind::Repair {
            act,
            note,
            received,
        } => {
            v["kind"] = json!("repair");
            v["act"] = json!(format!("{act:?}"));
            v["note"] = json!(note);
            v["received"] = json!(received);
        }
        EntryKind::Phrase { situation, text } => {
            v["kind"] = json!("phrase");
            v["situation"] = json!(situation_name(*situation));
            v["text"] = json!(text);
        }
    }
    v
}

fn privacy(shared: bool) -> &'static str {
    if shared {
        "shared with your partner"
    } else {
        "private, on this phone only"
    }
}

/// Checks the form field by field as the apps do, records the check-in,
/// then shows the check-in screen: the core's "done" and today's own.
pub fn check_in(t: &Tandem, out: &Out, zone: &str, c: &CheckIn) -> Result<()> {
    let capacity = match c.capacity.as_str() {
        "low" => Capacity::Low,
        "some" => Capacity::Some,
        _ => Capacity::Plenty,
    };
    let check = t.check_in_form(i64::from(c.temp), c.note.clone().unwrap_or_default())?;
    let fields: Vec<String> = check.temperature.into_iter().chain(check.note).collect();
    if !fields.is_empty() {
        return Err(invalid(&fields.join(" ")));
    }
    let e = t.check_in(c.temp, capacity, need(&c.need)?, c.note.clone(), c.shared)?;
    let s = t.check_in_screen(zone.to_owned())?;
    let mut lines = vec![s.done.clone()];
    for r in &s.today {
        let extra: Vec<String> = r
            .note
            .iter()
            .map(|n| format!("“{n}”"))
            .chain(r.shared_note.clone())
            .collect();
        let extra = if extra.is_empty() {
            String::new()
        } else {
            format!(" · {}", extra.join(" · "))
        };
        lines.push(format!("  {}{extra}", r.text));
    }
    out.print(&lines.join("\n"), entry_json(&e));
    Ok(())
}

pub fn appreciate(t: &Tandem, out: &Out, text: &str) -> Result<()> {
    let e = t.appreciate(text.to_owned())?;
    out.print("Appreciation sent with the next sync.", entry_json(&e));
    Ok(())
}

pub fn repair(t: &Tandem, out: &Out, r: &Repair) -> Result<()> {
    let act = match r.act.trim().to_lowercase().replace('_', "-").as_str() {
        "checked-in" => RepairAct::CheckedIn,
        "apologised" | "apologized" => RepairAct::Apologised,
        "touch" => RepairAct::Touch,
        "joke" => RepairAct::Joke,
        "came-back-from-pause" => RepairAct::CameBackFromPause,
        "other" => RepairAct::Other,
        _ => {
            return Err(invalid(
                "a repair is one of: checked-in, apologised, touch, joke, came-back-from-pause, other",
            ));
        }
    };
    let received = r.received.as_deref().map(|v| v == "yes");
    let e = t.record_repair(act, r.note.clone(), received, r.shared)?;
    out.print(
        &format!("Repair noted, {}.", privacy(e.shared)),
        entry_json(&e),
    );
    Ok(())
}

pub fn log(t: &Tandem, out: &Out, now: i64, cmd: &LogCommand) -> Result<()> {
    match cmd {
        LogCommand::Add {
            happened: h,
            tags,
            topic,
            temp,
            note,
        } => {
            let e = t.log_pattern(PatternDraft {
                happened: happened(h)?,
                tags: tags.clone(),
                topic: topic.clone(),
                temperature_before: *temp,
                note: note.clone(),
            })?;
            out.print(
                "Written to your private log (only you will ever see it).",
                json!({"id": e.id, "at": rfc3339(e.at_ms), "happened": happened_name(e.happened), "tags": e.tags}),
            );
        }
        LogCommand::List { days } => {
            let from = now - i64::from(*days) * 86_400_000;
            let entries = t.pattern_log(from, now + 1)?;
            let text = if entries.is_empty() {
                "Your private log is empty for that span.".to_owned()
            } else {
                entries
                    .iter()
                    .map(|e| {
                        format!(
                            "{}  {}{}{}",
                            crate::output::local(e.at_ms),
                            happened_name(e.happened),
                            if e.tags.is_empty() {
                                String::new()
                            } else {
                                format!(" [{}]", e.tags.join(", "))
                            },
                            e.topic
                                .as_ref()
                                .map(|t| format!(" about {t}"))
                                .unwrap_or_default()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            out.print(
                &text,
                Value::Array(
                    entries
                        .iter()
                        .map(|e| json!({"id": e.id, "at": rfc3339(e.at_ms), "happened": happened_name(e.happened),
                                        "tags": e.tags, "topic": e.topic, "temperature_before": e.temperature_before, "note": e.note}))
                        .collect(),
                ),
            );
        }
        LogCommand::Tags => {
            let tags = tandem_ffi::suggested_tags();
            out.print(&tags.join(", "), json!(tags));
        }
    }
    Ok(())
}

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// A sparkline of one weekly series, scaled to its own maximum.
fn sparkline(values: &[f64]) -> String {
    let max = values.iter().cloned().fold(0.0, f64::max);
    values
        .iter()
        .map(|v| {
            if max <= 0.0 {
                ' '
            } else {
                BARS[((v / max) * 7.0).round().clamp(0.0, 7.0) as usize]
            }
        })
        .collect()
}

pub fn notebook(t: &Tandem, out: &Out, weeks: u32, zone: String) -> Result<()> {
    let n = t.notebook(weeks, zone)?;
    let mut lines = Vec::new();
    for day in &n.days {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(day.heading.clone());
        for i in &day.items {
            let time = i.time.as_deref().unwrap_or("     ");
            let private = if i.private {
                "  (only on this phone)"
            } else {
                ""
            };
            lines.push(format!("  {time}  {}{private}", i.headline));
            for w in &i.words {
                lines.push(format!("         \"{w}\""));
            }
        }
    }
    lines.extend(n.empty.clone());
    let days: Vec<serde_json::Value> = n
        .days
        .iter()
        .map(|d| {
            json!({
                "heading": d.heading,
                "items": d.items.iter().map(|i| json!({
                    "id": i.id,
                    "kind": format!("{:?}", i.kind),
                    "mine": i.mine,
                    "private": i.private,
                    "time": i.time,
                    "headline": i.headline,
                    "words": i.words,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    out.print(&lines.join("\n"), json!({ "days": days, "empty": n.empty }));
    Ok(())
}

pub fn insights(t: &Tandem, out: &Out, weeks: Option<u32>, zone: String) -> Result<()> {
    // Computed once: the figures for scripts, or the screen for people.
    if out.is_json() {
        let weeks = match weeks {
            Some(w) => w,
            None => u32::try_from(t.insights_tab(zone.clone())?.weeks.len()).unwrap_or(u32::MAX),
        };
        return insights_json(t, out, weeks, zone);
    }
    let s = match weeks {
        Some(w) => t.insights_screen(w, zone)?,
        None => t.insights_tab(zone)?,
    };
    // The screen as the apps show it, with a sparkline per row.
    let mut lines = vec![format!(
        "{} ({} – {}):",
        s.headings.rhythm,
        s.weeks.first().cloned().unwrap_or_default(),
        s.weeks.last().cloned().unwrap_or_default()
    )];
    for r in &s.rows {
        let total: f64 = r.values.iter().sum();
        lines.push(format!(
            "  {:<38} {}  {total:.0}",
            r.label,
            sparkline(&r.values)
        ));
    }
    let sections = [
        (&s.headings.before, &s.triggers),
        (&s.headings.when, &s.by_weekday),
        (&s.headings.when, &s.by_part_of_day),
        (&s.headings.topics, &s.topics),
    ];
    for (heading, counts) in sections {
        if !counts.is_empty() {
            let texts: Vec<&str> = counts.iter().take(3).map(|c| c.text.as_str()).collect();
            lines.push(format!("  {heading}: {}", texts.join(", ")));
        }
    }
    lines.extend(s.temperature.iter().map(|t| format!("  {t}")));
    lines.extend(s.milestones.iter().map(|m| format!("  ★ {m}")));
    lines.extend(s.sentences.iter().map(|m| format!("  {m}")));
    lines.extend(s.empty.iter().map(|m| format!("  {m}")));
    out.say(&lines.join("\n"));
    Ok(())
}

fn insights_json(t: &Tandem, out: &Out, weeks: u32, zone: String) -> Result<()> {
    let i = t.insights(weeks, zone)?;
    out.json(
        json!({
            "weeks": i.weeks,
            "series": i.series.iter().map(|s| json!({"name": s.name, "values": s.values})).collect::<Vec<_>>(),
            "triggers": i.triggers.iter().map(|c| json!({"label": c.label, "count": c.count})).collect::<Vec<_>>(),
            "derailing_topics": i.derailing_topics.iter().map(|c| json!({"label": c.label, "count": c.count})).collect::<Vec<_>>(),
            "distance_by_weekday": i.distance_by_weekday,
            "distance_by_part_of_day": i.distance_by_part_of_day,
            "temperature_before_distance": i.temperature_before_distance,
            "temperature_baseline": i.temperature_baseline,
            "milestones": i.milestones.iter().map(|m| json!({"title": m.title, "at": rfc3339(m.at_ms)})).collect::<Vec<_>>(),
            "sentences": i.sentences,
        }),
    );
    Ok(())
}

pub fn phrases(t: &Tandem, out: &Out, cmd: &PhrasesCommand) -> Result<()> {
    match cmd {
        PhrasesCommand::List { situation: filter } => {
            let filter = filter.as_deref().map(situation).transpose()?;
            let all: Vec<_> = t
                .phrases()?
                .into_iter()
                .filter(|p| filter.is_none_or(|f| f == p.situation))
                .collect();
            let text = all
                .iter()
                .map(|p| {
                    format!(
                        "[{}]{} {}",
                        situation_name(p.situation),
                        if p.built_in { "" } else { " (yours)" },
                        p.text
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            out.print(
                &text,
                Value::Array(
                    all.iter()
                        .map(|p| {
                            json!({"situation": situation_name(p.situation), "text": p.text,
                                        "built_in": p.built_in, "shared": p.shared})
                        })
                        .collect(),
                ),
            );
        }
        PhrasesCommand::Add {
            situation: s,
            text,
            shared,
        } => {
            let e = t.add_phrase(situation(s)?, text.clone(), *shared)?;
            out.print(
                &format!("Added to your phrasebook, {}.", privacy(e.shared)),
                entry_json(&e),
            );
        }
        PhrasesCommand::IStatement {
            observation,
            feel,
            need,
            ask,
        } => {
            let s = tandem_ffi::i_statement(
                observation.clone(),
                feel.clone(),
                need.clone(),
                ask.clone(),
            )?;
            out.print(&s, json!({"text": s}));
        }
    }
    Ok(())
}

pub const PASSPHRASE_ENV: &str = "TANDEM_PASSPHRASE";

/// The export passphrase: from TANDEM_PASSPHRASE, else asked for on the
/// terminal (one line from standard input).
pub fn passphrase(prompt: &str) -> Result<String> {
    if let Ok(p) = std::env::var(PASSPHRASE_ENV) {
        return Ok(p);
    }
    eprint!("{prompt}: ");
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| CliError::Usage(format!("cannot read the passphrase: {e}")))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

pub fn export(t: &Tandem, out: &Out, file: &std::path::Path, plaintext: bool) -> Result<()> {
    let bytes = if plaintext {
        eprintln!(
            "tandem: warning: a plaintext export is not sealed: your private log, your check-ins and your partner's shared words are readable by anyone who gets the file. On this machine only your user account (and an administrator) can read it (mode 0600); anyone you send it to, or any backup or cloud folder it lands in, can read all of it."
        );
        t.export_plaintext()?
    } else {
        t.export_data(passphrase(
            "Passphrase for the export (at least 16 characters or at least 4 words)",
        )?)?
    };
    crate::save(file, &bytes, tandem_ffi::FileAccess::Private)?;
    out.print(
        &format!(
            "Wrote {} ({} bytes, {}).",
            file.display(),
            bytes.len(),
            if plaintext {
                "plaintext"
            } else {
                "sealed with your passphrase"
            }
        ),
        json!({"file": file, "bytes": bytes.len(), "sealed": !plaintext}),
    );
    Ok(())
}

pub fn import(t: &Tandem, out: &Out, file: &std::path::Path) -> Result<()> {
    let bytes = std::fs::read(file)
        .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", file.display())))?;
    let sealed = std::str::from_utf8(&bytes)
        .map(|s| s.contains("\"tandem-export-sealed\""))
        .unwrap_or(false);
    let pass = if sealed {
        Some(passphrase("Passphrase of the export")?)
    } else {
        None
    };
    let n = t.import_data(bytes, pass)?;
    out.print(
        &format!("Restored {n} changes. Pair with your partner again to sync."),
        json!({"restored": n}),
    );
    Ok(())
}

pub fn visible(t: &Tandem, out: &Out, zone: String, all: bool) -> Result<()> {
    // Computed once: the typed lists for scripts, or the screen for people.
    if out.is_json() {
        let seen = t.what_partner_sees()?;
        let audit = t.sharing_audit()?;
        out.json(json!({
            "partner_sees": seen.iter().map(|v| json!({
                "kind": crate::output::visible_kind(v.kind),
                "id": v.id,
                "summary": v.summary,
                "since": (v.since_ms != 0).then(|| rfc3339(v.since_ms)),
                "caveat": v.caveat,
            })).collect::<Vec<_>>(),
            "audit": audit.iter().map(|a| json!({
                "at": rfc3339(a.at_ms),
                "change": crate::output::audit_change(a.change),
                "id": a.id,
            })).collect::<Vec<_>>(),
        }));
        return Ok(());
    }
    // The screen as the apps show it.
    let s = if all {
        t.visibility_screen_all(zone)?
    } else {
        t.visibility_screen(zone)?
    };
    let mut lines = vec![format!("{}:", s.heading)];
    lines.extend(s.empty.iter().map(|e| format!("  {e}")));
    for g in &s.groups {
        lines.push(format!("  {}:", g.heading));
        for r in &g.rows {
            lines.push(match &r.since {
                Some(since) => format!("    {}  ({since})", r.summary),
                None => format!("    {}", r.summary),
            });
            lines.extend(r.caveat.iter().map(|c| format!("      {c}")));
        }
        lines.extend(g.more.iter().map(|m| format!("    {m}")));
    }
    lines.push(format!("{}:", s.audit_heading));
    lines.extend(s.audit.iter().map(|a| format!("  {}  {}", a.at, a.text)));
    lines.extend(s.audit_more.iter().map(|m| format!("  {m}")));
    // The terminal's "show everything" is a flag.
    lines.extend(
        s.show_all
            .iter()
            .map(|label| format!("({label}: tandem visible --all)")),
    );
    out.say(&lines.join("\n"));
    Ok(())
}
