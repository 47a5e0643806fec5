//! Printing: readable lines for people, JSON with `--json` for scripts.

use serde_json::{Value, json};
use tandem_ffi::{
    FieldChange, FieldText, NotificationPermission, Occurrence, PendingChange, Recurrence,
    Reminder, ReminderAccess, ReminderArming, Repeat, ReplanTrigger, Ritual, RitualStatus,
    TandemError, Weekday, ZoneMode,
};

use crate::CliError;

pub struct Out {
    json: bool,
}

impl Out {
    pub fn new(json: bool) -> Self {
        Self { json }
    }

    /// Whether values for scripts are printed instead of text.
    pub fn is_json(&self) -> bool {
        self.json
    }

    pub fn print(&self, text: &str, value: Value) {
        if self.json {
            line(&value.to_string());
        } else {
            line(text);
        }
    }

    /// A value for scripts, printed only with `--json`.
    pub fn json(&self, value: Value) {
        if self.json {
            line(&value.to_string());
        }
    }

    /// Text for people, ignored with `--json` (stories, headings).
    pub fn say(&self, text: &str) {
        if !self.json {
            line(text);
        }
    }

    pub fn error(&self, e: &CliError) {
        let (kind, reason) = match e {
            CliError::Usage(reason) => ("usage", reason.clone()),
            CliError::Core(e) => (kind(e), reason(e)),
            CliError::Damaged(n) => (
                "damaged",
                format!("the database is damaged: {n} problem(s) found"),
            ),
        };
        if self.json {
            eprintln!("{}", json!({"error": {"kind": kind, "reason": reason}}));
        } else {
            eprintln!("tandem: {reason}");
        }
    }
}

/// `check`'s report: one line per finding, or that all is well.
pub fn check_report(out: &Out, report: &tandem_ffi::StoreCheck) {
    let kind = |k: tandem_ffi::CheckKind| match k {
        tandem_ffi::CheckKind::Schema => "schema",
        tandem_ffi::CheckKind::Op => "op",
        tandem_ffi::CheckKind::Sealed => "sealed",
        tandem_ffi::CheckKind::Derived => "derived",
        tandem_ffi::CheckKind::Bookkeeping => "bookkeeping",
    };
    let text = if report.ok {
        "The database checks out: every change opens and everything stored matches the log."
            .to_string()
    } else {
        let mut lines = vec![format!("Damaged: {} problem(s).", report.findings.len())];
        lines.extend(
            report
                .findings
                .iter()
                .map(|f| format!("  {}: {}", kind(f.kind), f.detail)),
        );
        lines.join("\n")
    };
    out.print(
        &text,
        json!({
            "ok": report.ok,
            "findings": report.findings.iter().map(|f| json!({"kind": kind(f.kind), "message": f.detail})).collect::<Vec<_>>(),
        }),
    );
}

/// Writes one line to stdout. A reader that stopped reading (`tandem
/// visible | head`) ends the output, not the program with a panic: what the
/// command did is already stored, so it exits quietly with success.
fn line(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{text}").and_then(|()| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("tandem: cannot write the output: {e}");
        std::process::exit(1);
    }
}

fn kind(e: &TandemError) -> &'static str {
    match e {
        TandemError::InvalidInput { .. } => "invalid_input",
        TandemError::NotAllowedNow { .. } => "not_allowed_now",
        TandemError::NotFound { .. } => "not_found",
        TandemError::WrongKey { .. } => "wrong_key",
        TandemError::WrongPassphrase { .. } => "wrong_passphrase",
        TandemError::NotATandemDatabase { .. } => "not_a_tandem_database",
        TandemError::DatabaseTooNew { .. } => "database_too_new",
        TandemError::Storage { .. } => "storage",
        TandemError::Damaged { .. } => "damaged",
        TandemError::Closed { .. } => "closed",
        TandemError::PairingFailed { .. } => "pairing_failed",
        TandemError::PairingOutdated { .. } => "pairing_outdated",
        TandemError::PairingExpired { .. } => "pairing_expired",
        TandemError::AlreadyPaired { .. } => "already_paired",
        TandemError::NotPaired { .. } => "not_paired",
        TandemError::PayloadRejected { .. } => "payload_rejected",
        TandemError::PayloadTooOld { .. } => "payload_too_old",
        TandemError::ClockSkew { .. } => "clock_skew",
    }
}

fn reason(e: &TandemError) -> String {
    e.to_string()
}

/// Unix milliseconds as RFC 3339 UTC ("2027-03-10T18:02:00Z").
/// The device zone text is shown in, set once at start (`--device-zone` or
/// the system's).
static ZONE: std::sync::OnceLock<tandem_ffi::Zone> = std::sync::OnceLock::new();

pub fn set_zone(zone: &str) {
    if let Ok(z) = zone.parse::<tandem_ffi::Zone>() {
        let _ = ZONE.set(z);
    }
}

/// An instant for people: wall time in the device zone with its offset,
/// "2027-03-16 20:45 -04:00" (JSON keeps RFC 3339 in UTC).
pub fn local(ms: i64) -> String {
    let zone = ZONE.get().copied().unwrap_or(tandem_ffi::Zone::UTC);
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| {
            t.with_timezone(&zone)
                .format("%Y-%m-%d %H:%M %:z")
                .to_string()
        })
        .unwrap_or_else(|| ms.to_string())
}

/// A kind of thing the partner's phone holds, as `visible --json` names it.
pub fn visible_kind(k: tandem_ffi::VisibleKind) -> &'static str {
    use tandem_ffi::VisibleKind as K;
    match k {
        K::DeviceName => "device name",
        K::SharedRitual => "shared ritual",
        K::RitualNote => "ritual note",
        K::Agreement => "agreement",
        K::Boundary => "boundary",
        K::CheckIn => "check-in",
        K::Appreciation => "appreciation",
        K::Repair => "repair",
        K::Phrase => "phrase",
        K::Pause => "pause",
        K::RestWeek => "rest week",
        K::Answer => "answer",
        K::MadePrivate => "made private",
    }
}

/// An audit change as `visible --json` names it: "boundary_shared",
/// "exported_plaintext".
pub fn audit_change(c: tandem_ffi::AuditChange) -> String {
    let mut code = String::new();
    for ch in format!("{c:?}").chars() {
        if ch.is_ascii_uppercase() && !code.is_empty() {
            code.push('_');
        }
        code.push(ch.to_ascii_lowercase());
    }
    code
}

pub fn rfc3339(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_else(|| ms.to_string())
}

fn zone_text(z: &ZoneMode) -> String {
    match z {
        ZoneMode::Floating => "floating".into(),
        ZoneMode::Fixed { zone } => zone.clone(),
    }
}

fn waiting_for(r: &Ritual, me: &str) -> bool {
    r.pending.as_ref().is_some_and(|p| p.by != me)
        && !matches!(r.status, RitualStatus::Declined | RitualStatus::Retired)
}

fn status_text(r: &Ritual, me: &str) -> &'static str {
    let waiting_for_you = waiting_for(r, me);
    match r.status {
        RitualStatus::Active if r.personal => "personal, active",
        RitualStatus::Paused if r.personal => "personal, paused",
        RitualStatus::Proposed | RitualStatus::Countered if waiting_for_you => {
            "waiting for your answer"
        }
        RitualStatus::Proposed => "waiting for your partner",
        RitualStatus::Countered => "another time suggested; waiting for your partner",
        RitualStatus::Active if waiting_for_you => "active; a change waits for your answer",
        RitualStatus::Active => "active",
        RitualStatus::Paused => "paused",
        RitualStatus::Declined => "declined",
        RitualStatus::Retired => "retired",
    }
}

pub fn status_name(s: RitualStatus) -> &'static str {
    match s {
        RitualStatus::Proposed => "proposed",
        RitualStatus::Countered => "countered",
        RitualStatus::Active => "active",
        RitualStatus::Paused => "paused",
        RitualStatus::Declined => "declined",
        RitualStatus::Retired => "retired",
    }
}

/// The short id printed for a version: what `--version` accepts.
pub fn short(hash: &str) -> &str {
    hash.get(..8).unwrap_or(hash)
}

pub fn ritual_line(r: &Ritual, me: &str) -> String {
    let trial = r
        .trial_until
        .as_ref()
        .map(|t| format!(", trying until {t}"))
        .unwrap_or_default();
    format!(
        "{}  {} {:<17} {:>4} min  {}  ({}{trial})  version {}",
        r.id,
        r.time_of_day,
        zone_text(&r.zone),
        r.minutes,
        r.title,
        status_text(r, me),
        short(&r.version)
    )
}

/// Every field of a version on one line, in the core's words.
pub fn terms_text(terms: &[FieldText]) -> String {
    terms
        .iter()
        .map(|t| format!("{}: {}", t.label, t.text))
        .collect::<Vec<_>>()
        .join("; ")
}

/// One line per changed field, indented under its version.
pub fn changes_text(changes: &[FieldChange], indent: &str) -> Vec<String> {
    changes
        .iter()
        .map(|c| format!("{indent}- {}", c.summary))
        .collect()
}

/// A ritual whole: its line, the version shown in full, and a version
/// waiting for an answer in full with what it changes.
pub fn ritual_text(r: &Ritual, me: &str) -> String {
    let mut lines = vec![ritual_line(r, me), format!("    {}", terms_text(&r.terms))];
    if let Some(p) = &r.pending {
        let whose = if p.by == me {
            "yours, waiting for your partner"
        } else {
            "waiting for your answer"
        };
        if p.version != r.version {
            lines.push(format!(
                "    version {} ({whose}): {}",
                short(&p.version),
                terms_text(&p.terms)
            ));
        } else {
            lines.push(format!("    version {} is {whose}", short(&p.version)));
        }
        if !p.changes.is_empty() {
            lines.push("    what it changes:".to_owned());
            lines.extend(changes_text(&p.changes, "      "));
        }
    }
    lines.join("\n")
}

pub fn reminder_kind(k: tandem_ffi::ReminderKind) -> &'static str {
    match k {
        tandem_ffi::ReminderKind::Ritual => "ritual",
        tandem_ffi::ReminderKind::Snoozed => "snoozed",
        tandem_ffi::ReminderKind::TrialReview => "trial_review",
        tandem_ffi::ReminderKind::AgreementReview => "agreement_review",
        tandem_ffi::ReminderKind::PauseReturn => "pause_return",
    }
}

fn weekday_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Monday => "monday",
        Weekday::Tuesday => "tuesday",
        Weekday::Wednesday => "wednesday",
        Weekday::Thursday => "thursday",
        Weekday::Friday => "friday",
        Weekday::Saturday => "saturday",
        Weekday::Sunday => "sunday",
    }
}

/// How a ritual repeats, as an object scripts can read without parsing.
pub fn repeat_json(r: &Repeat) -> Value {
    match r {
        Repeat::Daily => json!({"kind": "daily"}),
        Repeat::Weekdays { days } => json!({
            "kind": "weekdays",
            "days": days.iter().map(|d| weekday_name(*d)).collect::<Vec<_>>(),
            "iso_days": days.iter().map(|d| d.iso()).collect::<Vec<_>>(),
        }),
        Repeat::EveryNDays { n } => json!({"kind": "every_n_days", "n": n}),
        Repeat::Weekly => json!({"kind": "weekly"}),
        Repeat::MonthlyOnDay { day } => json!({"kind": "monthly_on_day", "day": day}),
        Repeat::MonthlyOnWeekday { nth, weekday } => json!({
            "kind": "monthly_on_weekday", "nth": nth, "weekday": weekday_name(*weekday),
        }),
    }
}

pub fn recurrence_json(r: &Recurrence) -> Value {
    json!({
        "repeat": repeat_json(&r.repeat),
        "start_date": r.start_date,
        "until_date": r.until_date,
        "count": r.count,
    })
}

pub fn terms_json(terms: &[FieldText]) -> Value {
    Value::Array(
        terms
            .iter()
            .map(|t| json!({"field": t.field, "label": t.label, "text": t.text}))
            .collect(),
    )
}

pub fn changes_json(changes: &[FieldChange]) -> Value {
    Value::Array(
        changes
            .iter()
            .map(|c| {
                json!({
                    "field": c.field, "label": c.label, "before": c.before,
                    "after": c.after, "summary": c.summary,
                })
            })
            .collect(),
    )
}

fn zone_json(z: &ZoneMode) -> Value {
    match z {
        ZoneMode::Floating => Value::Null,
        ZoneMode::Fixed { zone } => json!(zone),
    }
}

/// A waiting version, every field structured, with what it changes.
fn pending_json(p: &PendingChange) -> Value {
    json!({
        "version": p.version,
        "short_version": short(&p.version),
        "title": p.title,
        "prompt": p.prompt,
        "minutes": p.minutes,
        "time_of_day": p.time_of_day,
        "zone": zone_json(&p.zone),
        "floating": matches!(p.zone, ZoneMode::Floating),
        "recurrence": recurrence_json(&p.recurrence),
        "window_end": p.window_end,
        "lead_minutes": p.lead_minutes,
        "trial_until": p.trial_until,
        "by": p.by,
        "terms": terms_json(&p.terms),
        "changes": changes_json(&p.changes),
    })
}

pub fn ritual_json(r: &Ritual, me: &str) -> Value {
    json!({
        "id": r.id,
        "version": r.version,
        "short_version": short(&r.version),
        "title": r.title,
        "prompt": r.prompt,
        "minutes": r.minutes,
        "time_of_day": r.time_of_day,
        "zone": zone_json(&r.zone),
        "floating": matches!(r.zone, ZoneMode::Floating),
        "proposed_by": r.proposed_by,
        "proposed_at_ms": r.proposed_at_ms,
        "status": status_name(r.status),
        "recurrence": recurrence_json(&r.recurrence),
        "repeat": repeat_json(&r.recurrence.repeat),
        "start_date": r.recurrence.start_date,
        "until_date": r.recurrence.until_date,
        "count": r.recurrence.count,
        "window_end": r.window_end,
        "lead_minutes": r.lead_minutes,
        "trial_until": r.trial_until,
        "personal": r.personal,
        "terms": terms_json(&r.terms),
        "waiting_for_you": waiting_for(r, me),
        "pending": r.pending.as_ref().map(pending_json),
    })
}

fn offset_text(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    format!("{sign}{:02}:{:02}", minutes.abs() / 60, minutes.abs() % 60)
}

/// One line per occurrence, on this device's clock; a fixed ritual also shows
/// its own zone's time when that differs.
pub fn occurrence_line(o: &Occurrence) -> String {
    let own_time = if o.device_local_start != o.local_start
        || o.device_utc_offset_minutes != o.utc_offset_minutes
    {
        format!(
            "  ({} {} {})",
            o.local_start.get(11..).unwrap_or(&o.local_start),
            o.zone,
            offset_text(o.utc_offset_minutes)
        )
    } else {
        String::new()
    };
    format!(
        "{} {}  {:>3} min  {}{}",
        o.device_local_start,
        offset_text(o.device_utc_offset_minutes),
        (o.end_ms - o.start_ms) / 60_000,
        o.title,
        own_time
    )
}

/// "2027-03-10 20:20  Evening check-in: in 10 minutes", content-free when
/// the person chose hidden text.
pub fn reminder_line(r: &Reminder) -> String {
    let (title, body) = if r.hide_content {
        (&r.private_title, &r.private_body)
    } else {
        (&r.title, &r.body)
    };
    format!("{}  {title}: {body}", r.local_time)
}

/// `--trigger`'s words as the core's trigger.
pub fn replan_trigger(word: &str) -> Result<ReplanTrigger, CliError> {
    use ReplanTrigger as T;
    Ok(match word {
        "app-start" => T::AppStart,
        "after-import" => T::AfterImport,
        "after-local-change" => T::AfterLocalChange,
        "time-changed" => T::TimeChanged,
        "zone-changed" => T::ZoneChanged,
        "boot" => T::Boot,
        "permission-changed" => T::PermissionChanged,
        "background-refresh" => T::BackgroundRefresh,
        "language-changed" => T::LanguageChanged,
        _ => return Err(CliError::Usage(
            "--trigger is one of app-start, after-import, after-local-change, time-changed, zone-changed, boot, permission-changed, background-refresh, language-changed".into(),
        )),
    })
}

/// What a terminal "allows": `--notifications` and exactness; as iOS, it
/// holds no alarms while notifications are off and `--armed` is the list.
pub fn reminder_access(notifications: &str, exact: bool) -> Result<ReminderAccess, CliError> {
    let notifications = match notifications {
        "allowed" => NotificationPermission::Allowed,
        "denied" => NotificationPermission::Denied,
        "not-asked" => NotificationPermission::NotAsked,
        _ => {
            return Err(CliError::Usage(
                "--notifications is one of allowed, denied, not-asked".into(),
            ));
        }
    };
    Ok(ReminderAccess {
        notifications,
        exact_alarms: exact,
        holds_alarms_when_off: false,
        lists_pending: true,
    })
}

pub fn arming_text(w: &ReminderArming) -> String {
    let mut lines: Vec<String> = w.notices.iter().map(|n| n.text.clone()).collect();
    lines.extend(w.cancel.iter().map(|id| format!("cancel {id}")));
    lines.extend(w.arm.iter().map(|a| {
        let late = if a.window_ms > 0 {
            format!(" (up to {} min late)", a.window_ms / 60_000)
        } else {
            String::new()
        };
        format!(
            "arm {}  [{}] {}: {}{late}",
            a.local_time, a.channel_title, a.title, a.body
        )
    }));
    if lines.is_empty() {
        lines.push(format!(
            "Nothing to change: {} reminders planned, all armed.",
            w.planned.len()
        ));
    }
    lines.join("\n")
}

pub fn arming_json(w: &ReminderArming) -> Value {
    json!({
        "cancel": w.cancel,
        "arm": w.arm.iter().map(|a| json!({
            "id": a.id, "channel": a.channel_key, "channel_title": a.channel_title,
            "fire_at": rfc3339(a.fire_at_ms), "window_ms": a.window_ms, "local_time": a.local_time,
            "follows_device_zone": a.follows_device_zone, "title": a.title, "body": a.body,
            "public_title": a.public_title, "public_body": a.public_body,
        })).collect::<Vec<_>>(),
        "notices": w.notices.iter().map(|n| n.text.clone()).collect::<Vec<_>>(),
        "planned": w.planned.len(),
    })
}

pub fn reminder_json(r: &Reminder) -> Value {
    json!({
        "id": r.id, "source_id": r.source_id, "fire_at": rfc3339(r.fire_at_ms),
        "kind": reminder_kind(r.kind),
        "local_time": r.local_time, "zone": r.zone, "lead_minutes": r.lead_minutes,
        "title": r.title, "body": r.body, "hide_content": r.hide_content,
    })
}

pub fn occurrence_json(o: &Occurrence) -> Value {
    json!({
        "ritual_id": o.ritual_id,
        "title": o.title,
        "start": o.start,
        "start_ms": o.start_ms,
        "end_ms": o.end_ms,
        "local_start": o.local_start,
        "zone": o.zone,
        "utc_offset_minutes": o.utc_offset_minutes,
        "device_local_start": o.device_local_start,
        "date": o.date,
        "status": match o.status {
            tandem_ffi::OccurrenceStatus::Scheduled => "scheduled",
            tandem_ffi::OccurrenceStatus::Done => "done",
            tandem_ffi::OccurrenceStatus::Skipped => "skipped",
        },
        "moved": o.moved,
        "resting": o.resting,
        "device_utc_offset_minutes": o.device_utc_offset_minutes,
    })
}

/// "Walk: kept 2 of the last 3, 9 of the last 12"; a ritual with nothing
/// due says so instead of "kept 0 of the last 0".
pub fn rhythm_line(r: &tandem_ffi::Rhythm) -> String {
    if r.scheduled_last_28 == 0 {
        format!("{}: nothing was due in the last 28 days", r.title)
    } else if r.scheduled_last_7 == 0 {
        format!(
            "{}: nothing was due in the last 7 days; kept {} of the last {}",
            r.title, r.kept_last_28, r.scheduled_last_28
        )
    } else {
        format!(
            "{}: kept {} of the last {}, {} of the last {}",
            r.title, r.kept_last_7, r.scheduled_last_7, r.kept_last_28, r.scheduled_last_28
        )
    }
}
