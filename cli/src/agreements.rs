//! `tandem boundary|agreement|pause ...`: boundaries, the two-signature
//! agreements ledger, and pauses with a committed return.

use clap::{Args, Subcommand};
use serde_json::{Value, json};
use tandem_ffi::{
    Agreement, AgreementButton, AgreementDraft, AgreementReview, AgreementRowModel,
    AgreementStatus, AgreementVersion, Boundary, HistoryKind, Pause, PauseProtocol, PauseRowModel,
    PauseState, Tandem,
};

use crate::output::{self, Out, rfc3339, short};
use crate::{CliError, Result};

#[derive(Subcommand, Debug)]
pub enum BoundaryCommand {
    /// Write a boundary in your own words (private unless --shared).
    Add {
        text: String,
        /// Show it to your partner (read-only for them).
        #[arg(long)]
        shared: bool,
    },
    /// Rewrite one of your boundaries.
    Edit { id: String, text: String },
    /// Share a boundary with your partner, or make it private with --private.
    Share {
        id: String,
        #[arg(long)]
        private: bool,
    },
    /// Retire one of your boundaries.
    Retire { id: String },
    /// Your boundaries and your partner's shared ones.
    List,
    /// Phrases to start from.
    Examples,
}

#[derive(Subcommand, Debug)]
pub enum AgreementCommand {
    /// Propose an agreement; it takes effect when your partner accepts it.
    Propose(Box<Terms>),
    /// Propose a new version: it starts from the version it amends (the one
    /// in effect, or --parent) and only the options given change; clearing
    /// a field takes a --no-... option.
    Amend {
        id: String,
        /// The version this one changes, by the short id printed (default:
        /// the one in effect, else the newest waiting).
        #[arg(long)]
        parent: Option<String>,
        #[command(flatten)]
        terms: Box<OptionalTerms>,
    },
    /// One agreement whole: every version's text, pause protocol and review
    /// date, and what a waiting version changes.
    Show {
        id: String,
    },
    /// Accept a version waiting for you (--version names it by the short id
    /// printed, or more of its hash; needed when more than one waits).
    Accept {
        id: String,
        #[arg(long)]
        version: Option<String>,
    },
    /// Decline a version waiting for you (no reason needed).
    Decline {
        id: String,
        #[arg(long)]
        version: Option<String>,
    },
    /// Withdraw your consent: alone, at any time, without a reason.
    Withdraw {
        id: String,
    },
    /// End a review: keep it, amend it (with the amend options), or let it go.
    Review {
        id: String,
        #[arg(value_parser = ["keep", "amend", "let-go"])]
        outcome: String,
        #[command(flatten)]
        terms: Box<OptionalTerms>,
    },
    List,
    /// Every step, with the hash chain checked.
    History {
        id: String,
    },
}

#[derive(Args, Debug)]
pub struct Terms {
    #[arg(long)]
    title: String,
    #[arg(long)]
    text: String,
    /// A pause protocol: minutes to cool down before coming back (20 to 1440).
    #[arg(long)]
    cool_down: Option<u32>,
    /// With --cool-down: only the one who asked for the agreement calls a pause.
    #[arg(long, requires = "cool_down")]
    only_one_calls: bool,
    /// With --cool-down: where and how to come back to the talk.
    #[arg(long, requires = "cool_down")]
    revisit: Option<String>,
    /// When to look at it again together (YYYY-MM-DD).
    #[arg(long)]
    review_on: Option<String>,
}

/// Changes for an amendment: each option given replaces that field of the
/// version amended; the rest stays as it was.
#[derive(Args, Debug)]
pub struct OptionalTerms {
    #[arg(long)]
    title: Option<String>,
    #[arg(long)]
    text: Option<String>,
    /// The pause protocol's cool-down (20 to 1440 minutes); adds a pause
    /// protocol if there was none.
    #[arg(long, conflicts_with = "no_cool_down")]
    cool_down: Option<u32>,
    /// No pause protocol any more (cool-down, who may call, revisit).
    #[arg(long)]
    no_cool_down: bool,
    /// Only the one who asked for the agreement calls a pause.
    #[arg(long, conflicts_with_all = ["either_calls", "no_cool_down"])]
    only_one_calls: bool,
    /// Either of you may call a pause.
    #[arg(long, conflicts_with = "no_cool_down")]
    either_calls: bool,
    /// Where and how to come back to the talk.
    #[arg(long, conflicts_with_all = ["no_revisit", "no_cool_down"])]
    revisit: Option<String>,
    /// No revisit words any more.
    #[arg(long)]
    no_revisit: bool,
    /// When to look at it again together (YYYY-MM-DD).
    #[arg(long, conflicts_with = "no_review")]
    review_on: Option<String>,
    /// No review date any more.
    #[arg(long)]
    no_review: bool,
}

impl OptionalTerms {
    /// `base` (the version amended, whole) with the options given applied.
    fn apply(&self, base: AgreementDraft) -> Result<AgreementDraft> {
        let mut d = base;
        if let Some(title) = &self.title {
            d.title.clone_from(title);
        }
        if let Some(text) = &self.text {
            d.text.clone_from(text);
        }
        d.pause_protocol = self.protocol(d.pause_protocol.take())?;
        if self.review_on.is_some() {
            d.review_on.clone_from(&self.review_on);
        }
        if self.no_review {
            d.review_on = None;
        }
        Ok(d)
    }

    fn touches_protocol(&self) -> bool {
        self.only_one_calls || self.either_calls || self.revisit.is_some() || self.no_revisit
    }

    fn protocol(&self, old: Option<PauseProtocol>) -> Result<Option<PauseProtocol>> {
        if self.no_cool_down {
            return Ok(None);
        }
        let mut p = match (old, self.cool_down) {
            (Some(p), _) => p,
            (None, Some(m)) => PauseProtocol {
                cool_down_minutes: m,
                either_may_call: true,
                revisit: None,
            },
            (None, None) if self.touches_protocol() => {
                return Err(CliError::Usage(
                    "this version has no pause protocol; add one with --cool-down".into(),
                ));
            }
            (None, None) => return Ok(None),
        };
        if let Some(m) = self.cool_down {
            p.cool_down_minutes = m;
        }
        if self.only_one_calls {
            p.either_may_call = false;
        }
        if self.either_calls {
            p.either_may_call = true;
        }
        if self.revisit.is_some() {
            p.revisit.clone_from(&self.revisit);
        }
        if self.no_revisit {
            p.revisit = None;
        }
        Ok(Some(p))
    }
}

impl Terms {
    fn draft(&self) -> AgreementDraft {
        AgreementDraft {
            title: self.title.clone(),
            text: self.text.clone(),
            pause_protocol: self.cool_down.map(|m| PauseProtocol {
                cool_down_minutes: m,
                either_may_call: !self.only_one_calls,
                revisit: self.revisit.clone(),
            }),
            review_on: self.review_on.clone(),
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum PauseCommand {
    /// Pause a heated talk with a committed return (no reason needed).
    Start {
        /// 20 to 1440; default: your pause agreement's cool-down, else 20.
        #[arg(long)]
        minutes: Option<u32>,
        /// A short note ("I'm flooded; I'll be back at 21:10").
        #[arg(long)]
        note: Option<String>,
    },
    /// Extend your running pause once (default: the extension both apps offer).
    Extend {
        #[arg(long)]
        minutes: Option<u32>,
    },
    /// End your running pause.
    End,
    /// Pauses, newest first.
    Status,
}

fn boundary_json(b: &Boundary) -> Value {
    json!({"id": b.id, "text": b.text, "shared": b.shared, "mine": b.mine,
           "created_at": rfc3339(b.created_at_ms), "updated_at": rfc3339(b.updated_at_ms)})
}

fn boundary_line(b: &Boundary) -> String {
    let whose = match (b.mine, b.shared) {
        (true, true) => "yours, shared",
        (true, false) => "yours, private",
        (false, _) => "your partner's",
    };
    format!("{}  ({whose})  {}", b.id, b.text)
}

pub fn boundary(t: &Tandem, out: &Out, cmd: &BoundaryCommand) -> Result<()> {
    let show = |verb: &str, b: &Boundary| {
        out.print(&format!("{verb}: {}", boundary_line(b)), boundary_json(b))
    };
    match cmd {
        BoundaryCommand::Add { text, shared } => {
            show("Written", &t.add_boundary(text.clone(), *shared)?)
        }
        BoundaryCommand::Edit { id, text } => {
            show("Rewritten", &t.edit_boundary(id.clone(), text.clone())?)
        }
        BoundaryCommand::Share { id, private } => {
            let b = t.share_boundary(id.clone(), !private)?;
            show(if *private { "Private again" } else { "Shared" }, &b)
        }
        BoundaryCommand::Retire { id } => {
            t.retire_boundary(id.clone())?;
            out.print("Retired.", json!({"id": id, "retired": true}));
        }
        BoundaryCommand::List => {
            let all = t.boundaries()?;
            let text = if all.is_empty() {
                "No boundaries yet. `tandem boundary examples` has words to start from.".to_owned()
            } else {
                all.iter().map(boundary_line).collect::<Vec<_>>().join("\n")
            };
            out.print(&text, Value::Array(all.iter().map(boundary_json).collect()));
        }
        BoundaryCommand::Examples => {
            let examples = match t.open_form(tandem_ffi::FormRequest::NewBoundary)? {
                tandem_ffi::FormModel::Boundary { examples, .. } => examples,
                _ => Vec::new(),
            };
            out.print(&examples.join("\n"), json!(examples));
        }
    }
    Ok(())
}

fn status_name(s: AgreementStatus) -> &'static str {
    match s {
        AgreementStatus::Proposed => "proposed",
        AgreementStatus::Active => "active",
        AgreementStatus::Declined => "declined",
        AgreementStatus::Withdrawn => "withdrawn",
    }
}

fn version_json(v: &AgreementVersion) -> Value {
    json!({
        "hash": v.hash, "short_version": short(&v.hash), "parent": v.parent,
        "title": v.title, "text": v.text,
        "pause_protocol": v.pause_protocol.as_ref().map(|p| json!({
            "cool_down_minutes": p.cool_down_minutes,
            "either_may_call": p.either_may_call,
            "revisit": p.revisit,
        })),
        "terms": output::terms_json(&v.terms),
        "changes": output::changes_json(&v.changes),
        "cool_down_minutes": v.pause_protocol.as_ref().map(|p| p.cool_down_minutes),
        "either_may_call": v.pause_protocol.as_ref().map(|p| p.either_may_call),
        "revisit": v.pause_protocol.as_ref().and_then(|p| p.revisit.clone()),
        "review_on": v.review_on, "by_me": v.by_me, "at": rfc3339(v.at_ms),
        "accepted_by_me": v.accepted_by_me, "accepted_by_partner": v.accepted_by_partner,
        "waiting_for_me": v.waiting_for_me,
    })
}

pub fn agreement_json(a: &Agreement) -> Value {
    json!({
        "id": a.id, "status": status_name(a.status), "proposed_by_me": a.proposed_by_me,
        "in_effect": a.in_effect.as_ref().map(version_json),
        "pending": a.pending.iter().map(version_json).collect::<Vec<_>>(),
        "reviewed": a.reviewed, "withdrawn_by_me": a.withdrawn_by_me,
    })
}

/// An agreement whole: the version in effect in full, then each version
/// waiting for an answer in full with what it changes.
pub fn agreement_text(a: &Agreement) -> String {
    let mut lines = Vec::new();
    let head = match (&a.in_effect, a.status) {
        (Some(v), _) => format!(
            "{}  \"{}\" (in effect, version {})",
            a.id,
            v.title,
            short(&v.hash)
        ),
        (None, s) => format!("{}  \"{}\" ({})", a.id, a.title, status_name(s)),
    };
    lines.push(head);
    if let Some(v) = &a.in_effect {
        lines.push(format!("    {}", output::terms_text(&v.terms)));
    }
    for v in &a.pending {
        let whose = if v.by_me {
            "yours, waiting for your partner"
        } else if v.waiting_for_me {
            "waiting for your answer"
        } else {
            "waiting"
        };
        lines.push(format!(
            "    version {} ({whose}): {}",
            short(&v.hash),
            output::terms_text(&v.terms)
        ));
        if !v.changes.is_empty() {
            lines.push("    what it changes:".to_owned());
            lines.extend(output::changes_text(&v.changes, "      "));
        }
    }
    lines.join("\n")
}

/// The version an answer is for: the one named, or the only one waiting.
fn waiting_version(a: &Agreement, named: &Option<String>) -> Result<String> {
    if let Some(v) = named {
        return Ok(v.clone());
    }
    let waiting: Vec<&AgreementVersion> = a.pending.iter().filter(|v| v.waiting_for_me).collect();
    match waiting.as_slice() {
        [one] => Ok(one.hash.clone()),
        [] => Err(CliError::Usage(
            "no version of this agreement waits for your answer".into(),
        )),
        _ => Err(CliError::Usage(format!(
            "{} versions wait for your answer; name one with --version HASH",
            waiting.len()
        ))),
    }
}

fn find(t: &Tandem, id: &str) -> Result<Agreement> {
    t.agreements()?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| {
            CliError::Core(tandem_ffi::TandemError::NotFound {
                reason: "no agreement has this id".into(),
            })
        })
}

pub fn agreement(t: &Tandem, out: &Out, cmd: &AgreementCommand) -> Result<()> {
    let show = |verb: &str, a: &Agreement| {
        out.print(&format!("{verb}: {}", agreement_text(a)), agreement_json(a))
    };
    match cmd {
        AgreementCommand::Propose(terms) => show("Proposed", &t.propose_agreement(terms.draft())?),
        AgreementCommand::Amend { id, parent, terms } => {
            let parent = match parent {
                Some(p) => p.clone(),
                None => {
                    let a = find(t, id)?;
                    a.in_effect
                        .as_ref()
                        .or(a.pending.last())
                        .map(|v| v.hash.clone())
                        .ok_or_else(|| CliError::Usage("nothing to amend here".into()))?
                }
            };
            let base = t.agreement_draft(id.clone(), Some(parent.clone()))?;
            show(
                "Amended",
                &t.amend_agreement(id.clone(), parent, terms.apply(base)?)?,
            )
        }
        AgreementCommand::Show { id } => show("Agreement", &find(t, id)?),
        AgreementCommand::Accept { id, version } => {
            let v = waiting_version(&find(t, id)?, version)?;
            show("Accepted", &t.accept_agreement(id.clone(), v)?)
        }
        AgreementCommand::Decline { id, version } => {
            let v = waiting_version(&find(t, id)?, version)?;
            show("Declined", &t.decline_agreement(id.clone(), v)?)
        }
        AgreementCommand::Withdraw { id } => show("Withdrawn", &t.withdraw_agreement(id.clone())?),
        AgreementCommand::Review { id, outcome, terms } => {
            let outcome = match outcome.as_str() {
                "keep" => AgreementReview::Keep,
                "let-go" => AgreementReview::LetGo,
                _ => AgreementReview::Amend {
                    draft: terms.apply(t.agreement_draft(id.clone(), None)?)?,
                },
            };
            show("Reviewed", &t.review_agreement(id.clone(), outcome)?)
        }
        AgreementCommand::List => {
            let all = t.agreements()?;
            let text = if all.is_empty() {
                "No agreements yet. Propose one with `tandem agreement propose`.".to_owned()
            } else {
                all.iter()
                    .map(agreement_text)
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            out.print(
                &text,
                Value::Array(all.iter().map(agreement_json).collect()),
            );
        }
        AgreementCommand::History { id } => {
            let h = t.agreement_history(id.clone())?;
            let kind = |k: HistoryKind| match k {
                HistoryKind::Proposed => "proposed",
                HistoryKind::Amended => "amended",
                HistoryKind::Accepted => "accepted",
                HistoryKind::Declined => "declined",
                HistoryKind::Withdrawn => "withdrew consent",
                HistoryKind::Kept => "kept it at a review",
            };
            let lines: Vec<String> = h
                .entries
                .iter()
                .map(|e| {
                    let who = if e.by_me { "you" } else { "your partner" };
                    let what = match (&e.title, &e.version) {
                        (Some(title), Some(v)) => format!(" version {} \"{title}\"", short(v)),
                        (None, Some(v)) => format!(" version {}", short(v)),
                        _ => String::new(),
                    };
                    format!(
                        "{}  {who} {}{what}",
                        crate::output::local(e.at_ms),
                        kind(e.kind)
                    )
                })
                .collect();
            out.print(
                &format!(
                    "{}\nchain checked; head {}",
                    lines.join("\n"),
                    short(&h.head)
                ),
                json!({
                    "head": h.head,
                    "entries": h.entries.iter().map(|e| json!({
                        "kind": kind(e.kind), "by_me": e.by_me, "at": rfc3339(e.at_ms),
                        "version": e.version, "title": e.title, "text": e.text,
                        "prev": e.prev, "hash": e.hash,
                    })).collect::<Vec<_>>(),
                }),
            );
        }
    }
    Ok(())
}

fn labels(buttons: &[AgreementButton]) -> String {
    let labels: Vec<&str> = buttons.iter().map(|b| b.label.as_str()).collect();
    format!("[{}]", labels.join("] ["))
}

fn buttons_json(buttons: &[AgreementButton]) -> Value {
    buttons
        .iter()
        .map(|b| json!({"action": format!("{:?}", b.action), "label": b.label}))
        .collect()
}

/// One row of the agreements screen as lines: the core's words, the
/// version in effect, each waiting version with its buttons, the history.
fn screen_row(r: &AgreementRowModel, lines: &mut Vec<String>) {
    lines.push(format!("{}  ·  {}", r.title, r.status));
    let indent = |text: &String| format!("    {text}");
    lines.extend(r.in_effect.iter().chain(&r.review_note).map(indent));
    for o in &r.options {
        lines.push(format!(
            "    {} (version {})  ·  {}",
            o.label,
            short(&o.version),
            o.status
        ));
        let words = if o.changes.is_empty() {
            &o.reads
        } else {
            &o.changes
        };
        lines.extend(words.iter().map(|w| format!("      {w}")));
        if !o.buttons.is_empty() {
            lines.push(format!("      {}", labels(&o.buttons)));
        }
    }
    if !r.buttons.is_empty() {
        lines.push(format!("    {}  id {}", labels(&r.buttons), r.id));
    }
    for h in &r.history {
        lines.push(format!("    {}  {}", h.at, h.text));
    }
}

fn screen_row_json(r: &AgreementRowModel) -> Value {
    json!({
        "id": r.id, "title": r.title, "text": r.text, "status": r.status,
        "in_effect": r.in_effect, "review_note": r.review_note, "review_due": r.review_due,
        "amend_on": r.amend_on,
        "options": r.options.iter().map(|o| json!({
            "version": o.version, "mine": o.mine, "label": o.label, "status": o.status,
            "reads": o.reads, "changes": o.changes, "buttons": buttons_json(&o.buttons),
        })).collect::<Vec<_>>(),
        "history": r.history.iter().map(|h| json!({
            "at": rfc3339(h.at_ms), "at_text": h.at, "text": h.text,
        })).collect::<Vec<_>>(),
        "buttons": buttons_json(&r.buttons),
    })
}

/// `tandem boundaries`: the boundaries screen as the core words it.
pub fn boundaries_screen(t: &Tandem, out: &Out, zone: String) -> Result<()> {
    let s = t.boundaries_screen(zone)?;
    let mut lines = vec![s.intro.clone()];
    let row = |r: &tandem_ffi::BoundaryRowModel, lines: &mut Vec<String>| {
        lines.push(format!("    \"{}\"", r.text));
        let mut about = format!("      {} · {}", r.status, r.written);
        if !r.buttons.is_empty() {
            let labels: Vec<&str> = r.buttons.iter().map(|b| b.label.as_str()).collect();
            about.push_str(&format!("  [{}]  id {}", labels.join("] ["), r.id));
        }
        lines.push(about);
    };
    if !s.mine.is_empty() {
        lines.push(format!("{}:", s.mine_heading));
    }
    for r in &s.mine {
        row(r, &mut lines);
    }
    lines.extend(s.empty.clone());
    if !s.partners.is_empty() {
        lines.push(format!("{}:", s.partners_heading));
    }
    for r in &s.partners {
        row(r, &mut lines);
    }
    lines.push(format!("[{}]", s.new.label));
    let rows = |v: &[tandem_ffi::BoundaryRowModel]| {
        v.iter()
            .map(|r| {
                json!({
                    "id": r.id, "text": r.text, "mine": r.mine, "shared": r.shared,
                    "status": r.status, "written": r.written,
                    "buttons": r.buttons.iter().map(|b| json!({"action": format!("{:?}", b.action), "label": b.label})).collect::<Vec<_>>(),
                })
            })
            .collect::<Vec<_>>()
    };
    out.print(
        &lines.join("\n"),
        json!({"intro": s.intro, "mine": rows(&s.mine), "partners": rows(&s.partners), "empty": s.empty}),
    );
    Ok(())
}

/// `tandem agreements`: the agreements screen as the core words it.
pub fn screen(t: &Tandem, out: &Out, zone: String) -> Result<()> {
    let s = t.agreements_screen(zone)?;
    let mut lines = Vec::new();
    for r in &s.rows {
        screen_row(r, &mut lines);
    }
    lines.extend(s.empty.clone());
    if !s.ended.is_empty() {
        lines.push("Past:".into());
        for r in &s.ended {
            lines.push(format!("{}  ·  {}", r.title, r.status));
        }
    }
    out.print(
        &lines.join("\n"),
        json!({
            "rows": s.rows.iter().map(screen_row_json).collect::<Vec<_>>(),
            "ended": s.ended.iter().map(screen_row_json).collect::<Vec<_>>(),
            "answers_waiting": s.answers_waiting,
            "empty": s.empty,
        }),
    );
    Ok(())
}

pub fn pause_json(p: &Pause) -> Value {
    json!({
        "id": p.id, "mine": p.mine, "started_at": rfc3339(p.started_at_ms),
        "return_at": rfc3339(p.return_at_ms), "first_return_at": rfc3339(p.first_return_at_ms),
        "extended": p.extended, "ended_at": p.ended_at_ms.map(rfc3339), "note": p.note,
        "state": match p.state {
            PauseState::Running => "running",
            PauseState::TimeToReconnect => "time_to_reconnect",
            PauseState::Ended => "ended",
        },
        "kept": p.kept,
    })
}

/// A row of the pause screen as a line: the core's words, then the note.
pub fn pause_row_line(r: &PauseRowModel) -> String {
    let note = r
        .note
        .as_ref()
        .map(|n| format!(" \"{n}\""))
        .unwrap_or_default();
    format!("{}.{note}", r.text)
}

fn my_running(t: &Tandem) -> Result<Pause> {
    t.pauses()?
        .into_iter()
        .find(|p| p.mine && p.state != PauseState::Ended)
        .ok_or_else(|| CliError::Usage("you have no running pause".into()))
}

pub fn pause(t: &Tandem, out: &Out, device_zone: &str, cmd: &PauseCommand) -> Result<()> {
    // The pause as the pause screen words it.
    let show = |p: &Pause| -> Result<()> {
        let screen = t.pause_screen(device_zone.to_owned())?;
        let line = screen
            .current
            .iter()
            .chain(&screen.past)
            .find(|r| r.id == p.id)
            .map(pause_row_line)
            .unwrap_or_default();
        out.print(&line, pause_json(p));
        Ok(())
    };
    match cmd {
        PauseCommand::Start { minutes, note } => show(&t.start_pause(*minutes, note.clone())?)?,
        PauseCommand::Extend { minutes } => {
            let minutes = match minutes {
                Some(m) => *m,
                None => t.offers()?.extend.minutes,
            };
            show(&t.extend_pause(my_running(t)?.id, minutes)?)?
        }
        PauseCommand::End => show(&t.end_pause(my_running(t)?.id)?)?,
        PauseCommand::Status => {
            let all = t.pauses()?;
            let screen = t.pause_screen(device_zone.to_owned())?;
            let rows: Vec<String> = screen
                .current
                .iter()
                .chain(&screen.past)
                .map(pause_row_line)
                .collect();
            let mut text = if rows.is_empty() {
                format!("No pauses. {}", screen.start_hint)
            } else {
                rows.join("\n")
            };
            // The same choices the apps' buttons offer.
            let lengths: Vec<String> = screen.lengths.into_iter().map(|c| c.label).collect();
            text.push_str(&format!(
                "\nA pause can last {}; it can be extended once ({}).",
                lengths.join(", "),
                screen.extend.label
            ));
            out.print(&text, Value::Array(all.iter().map(pause_json).collect()));
        }
    }
    Ok(())
}
