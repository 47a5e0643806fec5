//! `tandem demo`: two partners on two temporary databases, end to end. They
//! pair by exchanging the QR texts, compare the check code, each propose a
//! ritual, sync both ways through encrypted payloads, and look at the days
//! ahead across New York's spring-forward.

use chrono::TimeZone;
use serde_json::json;
use tandem_ffi::{AgreementDraft, ManualClock, PauseProtocol, RitualDraft, Tandem, ZoneMode};

use crate::output::{self, Out};
use crate::{CliError, Result};

struct Partner {
    name: &'static str,
    zone: &'static str,
    tandem: std::sync::Arc<Tandem>,
}

fn ms(y: i32, m: u32, d: u32, h: u32, min: u32) -> Result<i64> {
    chrono::Utc
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .map(|t| t.timestamp_millis())
        .ok_or_else(|| CliError::Usage("demo date out of range".into()))
}

pub fn run(out: &Out) -> Result<()> {
    let dir = tempfile::tempdir()
        .map_err(|e| CliError::Usage(format!("cannot make a temporary directory: {e}")))?;
    // Friday 2027-03-12, noon in New York. New York springs forward on Sunday
    // the 14th; Berlin not until the 28th.
    let clock = ManualClock::new(ms(2027, 3, 12, 17, 0)?);
    let open = |name: &'static str, zone: &'static str| -> Result<Partner> {
        let path = dir.path().join(format!("{}.db", name.to_lowercase()));
        let tandem = Tandem::open_with_clock(
            path.to_string_lossy().into_owned(),
            tandem_ffi::generate_storage_key()?,
            Some(name.into()),
            clock.clone(),
        )?;
        Ok(Partner { name, zone, tandem })
    };
    let ana = open("Ana", "America/New_York")?;
    let ben = open("Ben", "Europe/Berlin")?;

    out.say("Tandem demo: Ana lives in New York, Ben in Berlin for a semester.");
    out.say("It is Friday 12 March 2027. New York moves its clocks forward on Sunday; Berlin waits two more weeks.\n");

    // A personal ritual works before pairing and never leaves the phone.
    let journal = ana.tandem.add_personal_ritual(RitualDraft {
        title: "Five minutes of journaling".into(),
        prompt: None,
        minutes: 5,
        time_of_day: "07:30".into(),
        zone: ZoneMode::Floating,
        recurrence: None,
        window_end: None,
        lead_minutes: Vec::new(),
        trial_until: None,
    })?;
    out.say(&format!(
        "Before pairing, Ana adds a personal ritual, \"{}\" at 07:30: active at once, and it never leaves her phone.\n",
        journal.title
    ));

    // Pairing happens in person, before Ben leaves: two scans.
    let offer = ana.tandem.start_pairing()?;
    out.say(&format!(
        "Ana's phone shows a pairing code (QR version {}, valid 2 minutes):\n  {}",
        offer.qr.version, offer.text
    ));
    let answer = ben.tandem.accept_pairing(offer.text.clone())?;
    out.say(&format!(
        "Ben scans it; his phone shows an answer (QR version {}):\n  {}",
        answer.qr.version, answer.text
    ));
    let ana_sas = ana.tandem.complete_pairing(answer.text.clone())?;
    out.say(&format!(
        "Ana scans the answer. Both screens now show fifteen digits: Ana sees {ana_sas}, Ben sees {}.",
        answer.sas
    ));
    if ana_sas != answer.sas {
        ana.tandem.reject_pairing()?;
        ben.tandem.reject_pairing()?;
        return Err(CliError::Usage(
            "the demo's codes differ; pairing cancelled".into(),
        ));
    }
    ana.tandem.confirm_pairing()?;
    ben.tandem.confirm_pairing()?;
    out.say("They match, so each confirms on their own phone. No secret was ever in a code.\n");

    let checkin = ana.tandem.propose_ritual(RitualDraft {
        title: "Evening check-in".into(),
        prompt: Some("One thing that filled your cup today, one that drained it.".into()),
        minutes: 10,
        time_of_day: "20:30".into(),
        zone: ZoneMode::Floating,
        recurrence: None,
        window_end: None,
        lead_minutes: Vec::new(),
        trial_until: None,
    })?;
    out.say(&format!(
        "Ana proposes a 10-minute \"{}\" at 20:30 wherever each of them is (floating).",
        checkin.title
    ));
    let call = ben.tandem.propose_ritual(RitualDraft {
        title: "Long-distance call".into(),
        prompt: None,
        minutes: 30,
        time_of_day: "14:00".into(),
        zone: ZoneMode::Fixed {
            zone: "America/New_York".into(),
        },
        recurrence: None,
        window_end: None,
        lead_minutes: Vec::new(),
        trial_until: Some("2027-04-30".into()),
    })?;
    out.say(&format!(
        "Ben proposes a 30-minute \"{}\" at 14:00 New York time (fixed: one instant for both),",
        call.title
    ));
    out.say("as a gentle experiment until 30 April, when they will look back on it together.\n");

    // Ben flies to Berlin; from now on they sync through encrypted payloads
    // over whatever they use (here: a message with the text form).
    let mut wire = Vec::new();
    let mut exchange = |from: &Partner, to: &Partner| -> Result<()> {
        for payload in from.tandem.export_payloads()? {
            let text = tandem_ffi::payload_to_text(payload.clone());
            let report = to
                .tandem
                .import_payload_in(tandem_ffi::payload_from_text(text.clone())?, to.zone.into())?;
            out.say(&format!(
                "  {} sends a payload ({} bytes, {} characters as text); {} imports {} new change{}{}.",
                from.name,
                payload.len(),
                text.len(),
                to.name,
                report.applied,
                if report.applied == 1 { "" } else { "s" },
                if report.partner_confirmed { " and sees Ana's phone confirm the pairing" } else { "" }
            ));
            for n in &report.news {
                out.say(&format!("    {}'s phone: {}.", to.name, n.text));
            }
            wire.push(json!({ "from": from.name, "bytes": payload.len(), "text_chars": text.len(), "applied": report.applied, "news": report.news.iter().map(|n| n.text.clone()).collect::<Vec<_>>() }));
        }
        Ok(())
    };
    exchange(&ana, &ben)?;
    exchange(&ben, &ana)?;
    out.say(&format!(
        "  Keys moved on with those payloads: Ana's phone is at key epoch {}, Ben's at {}; once they move on again, \
         a phone stolen later cannot read what was sent before.",
        key_epoch(&ana)?,
        key_epoch(&ben)?
    ));

    // Answers: Ben accepts the check-in; Ana asks for the call an hour
    // earlier, and Ben accepts that.
    ben.tandem.accept_ritual(checkin.id.clone())?;
    out.say("Ben accepts the evening check-in.");
    // As her phone does it: the invitation's "another time" names the form
    // it opens, the core fills it in with the call as Ben wrote it, and
    // one call sends it.
    let opens = ana
        .tandem
        .today_screen(ana.zone.into())?
        .invitations
        .into_iter()
        .find(|i| i.id == call.id)
        .and_then(|i| i.buttons.into_iter().find_map(|b| b.opens))
        .ok_or_else(|| CliError::Usage("the demo's invitation offers no other time".into()))?;
    let tandem_ffi::FormModel::Ritual { form, submits, .. } = ana.tandem.open_form(opens)? else {
        return Err(CliError::Usage(
            "the demo's counter opened another form".into(),
        ));
    };
    let earlier = tandem_ffi::RitualFormInput {
        time_of_day: "13:00".into(),
        ..form
    };
    let purpose = submits
        .into_iter()
        .next()
        .ok_or_else(|| CliError::Usage("the demo's counter form has no submit".into()))?;
    let sent = ana
        .tandem
        .submit_ritual_form(earlier, purpose.purpose, phone(ana.zone))?;
    if !matches!(sent, tandem_ffi::RitualFormResult::Sent { .. }) {
        return Err(CliError::Usage(format!(
            "the demo's counter was held: {sent:?}"
        )));
    }
    out.say(&format!(
        "Ana asks: would 13:00 New York time work better for the call? (a counter, no pressure: \"{}\")",
        purpose.label
    ));
    exchange(&ana, &ben)?;
    // Ben reads the counter whole, and what it changes, before answering;
    // his answer names the version he read.
    let seen = ben
        .tandem
        .rituals()?
        .into_iter()
        .find(|r| r.id == call.id)
        .and_then(|r| r.pending)
        .ok_or_else(|| CliError::Usage("the demo's counter did not arrive".into()))?;
    out.say(&format!(
        "Ben's phone shows the counter whole ({}) and what it changes:",
        output::terms_text(&seen.terms)
    ));
    for line in output::changes_text(&seen.changes, "  ") {
        out.say(&line);
    }
    ben.tandem
        .accept_ritual_version(call.id.clone(), output::short(&seen.version).into())?;
    out.say(&format!(
        "Ben accepts the new time: exactly the version he read ({}).",
        output::short(&seen.version)
    ));
    exchange(&ben, &ana)?;
    out.say("");

    let mut report = Vec::new();
    for p in [&ana, &ben] {
        // 13 to 15 March on each partner's own calendar.
        let tz: tandem_ffi::Zone = p
            .zone
            .parse()
            .map_err(|_| CliError::Usage("demo zone".into()))?;
        let midnight = |day: u32| -> Result<i64> {
            tz.with_ymd_and_hms(2027, 3, day, 0, 0, 0)
                .single()
                .map(|t| t.timestamp_millis())
                .ok_or_else(|| CliError::Usage("demo date out of range".into()))
        };
        let occ = p
            .tandem
            .upcoming(midnight(13)?, midnight(16)?, p.zone.into())?;
        let me = p.tandem.device()?.device_id;
        let status = p.tandem.pairing_status()?;
        let partner = match &status {
            tandem_ffi::PairingStatus::Paired {
                partner_name: Some(n),
                ..
            } => n.clone(),
            _ => "nobody".into(),
        };
        out.say(&format!(
            "{}'s phone ({}), paired with {partner}, 13 to 15 March:",
            p.name, p.zone
        ));
        for o in &occ {
            out.say(&format!("  {}", output::occurrence_line(o)));
        }
        out.say("");
        report.push(json!({
            "partner": p.name,
            "device_zone": p.zone,
            "rituals": p.tandem.rituals()?.iter().map(|r| output::ritual_json(r, &me)).collect::<Vec<_>>(),
            "upcoming": occ.iter().map(output::occurrence_json).collect::<Vec<_>>(),
        }));
    }
    out.say("Ana's check-in stays at 20:30 on her clock through the change (-05:00, then -04:00).");
    out.say("Ben's call is 19:00 in Berlin until New York springs forward, then 18:00: one instant for both.");
    out.say(
        "Both rituals are active on both phones: each partner accepted the exact same version.",
    );

    // An invitation declined: no reason asked, nothing shown as a refusal.
    let run = ben.tandem.propose_ritual(RitualDraft {
        title: "Morning run".into(),
        prompt: None,
        minutes: 30,
        time_of_day: "06:00".into(),
        zone: ZoneMode::Floating,
        recurrence: None,
        window_end: None,
        lead_minutes: Vec::new(),
        trial_until: None,
    })?;
    exchange(&ben, &ana)?;
    ana.tandem.decline_ritual(run.id.clone())?;
    exchange(&ana, &ben)?;
    out.say("\nBen invites Ana to a daily 6:00 run; Ana declines. No reason is asked, and it simply isn't planned.");

    // A few days later: what happened to the occurrences.
    clock.set(ms(2027, 3, 16, 14, 0)?);
    ana.tandem.mark_done(
        checkin.id.clone(),
        "2027-03-13".into(),
        None,
        Some("close".into()),
    )?;
    ben.tandem
        .mark_done(checkin.id.clone(), "2027-03-13".into(), None, None)?;
    ben.tandem
        .skip_occurrence(checkin.id.clone(), "2027-03-14".into())?;
    ana.tandem
        .mark_done(checkin.id.clone(), "2027-03-15".into(), None, None)?;
    ana.tandem
        .mark_done(call.id.clone(), "2027-03-13".into(), None, None)?;
    ben.tandem.move_occurrence(
        call.id.clone(),
        "2027-03-14".into(),
        ms(2027, 3, 14, 21, 0)?,
    )?;
    // As a phone does it: one call, and the outcome says what to carry out.
    let done = ben.tandem.perform(
        tandem_ffi::UserAction::MarkDone {
            ritual_id: call.id.clone(),
            date: "2027-03-14".into(),
            note: None,
            feeling: Some("laughed".into()),
        },
        phone(ben.zone),
    )?;
    exchange(&ana, &ben)?;
    exchange(&ben, &ana)?;
    out.say("On Tuesday the 16th: the check-in on the 13th was done (both marked it; it counts once), the 14th skipped, the 15th done;");
    out.say("the call on the 14th moved to 17:00 New York time, this once, and happened.");
    out.say(&format!(
        "  Ben marked the call done with a feeling; his phone says: \"{}\" It arms {} reminders and has {} changes to send.",
        done.notice.unwrap_or_default(),
        done.reminders.arm.len(),
        done.to_send
    ));
    // The check-in's own screen on each phone: the days with both
    // partners' words, and one count for the two of them.
    for p in [&ana, &ben] {
        let screen = p.tandem.ritual_screen(checkin.id.clone(), p.zone.into())?;
        out.say(&format!("  {}'s phone, the check-in's own screen:", p.name));
        for d in screen.days.iter().take(4) {
            let said = d.said.join("; ");
            out.say(&format!("    {} {}  {}  {said}", d.day, d.time, d.state));
        }
        out.say(&format!("    {}", screen.kept.unwrap_or_default()));
    }
    let mut rhythm_report = Vec::new();
    for r in ana.tandem.rhythm(ana.zone.into())? {
        out.say(&format!(
            "  Rhythm, {} (no streak to lose)",
            output::rhythm_line(&r)
        ));
        rhythm_report.push(json!({"title": r.title, "kept_last_7": r.kept_last_7, "scheduled_last_7": r.scheduled_last_7}));
    }
    // Shared figures count up to the newest shared change, not each phone's
    // clock: the other phone, in another zone, shows the same.
    // (Ben's phone holds only shared rituals: Ana's personal one stays hers.)
    let bens: Vec<String> = ben.tandem.rituals()?.into_iter().map(|r| r.id).collect();
    let shared_rhythm = |p: &Partner| -> Result<Vec<_>> {
        let mut v = p.tandem.rhythm(p.zone.into())?;
        v.retain(|r| bens.contains(&r.ritual_id));
        Ok(v)
    };
    out.say(&format!(
        "Ben's phone, on Berlin time, shows {} rhythm for the rituals they share.",
        if shared_rhythm(&ana)? == shared_rhythm(&ben)? {
            "the same"
        } else {
            "a different"
        }
    ));
    let mut reminders_report = Vec::new();
    for p in [&ana, &ben] {
        let plan = p.tandem.plan_reminders(p.zone.into(), 3)?;
        out.say(&format!("  {}'s next reminders:", p.name));
        for r in &plan {
            out.say(&format!("    {}  {}: {}", r.local_time, r.title, r.body));
        }
        reminders_report.push(json!({
            "partner": p.name,
            "reminders": plan.iter().map(|r| json!({"local_time": r.local_time, "title": r.title, "id": r.id})).collect::<Vec<_>>(),
        }));
    }

    // Ben snoozes tonight's check-in reminder on his phone only.
    clock.set(ms(2027, 3, 16, 19, 30)?);
    let snoozed =
        ben.tandem
            .snooze_reminder(checkin.id.clone(), "2027-03-16".into(), 15, ben.zone.into())?;
    let next = ben.tandem.plan_reminders(ben.zone.into(), 1)?;
    out.say(&format!(
        "\nAt 20:30 in Berlin Ben is still on the train: he snoozes the check-in reminder for 15 minutes, on his phone only. Next: {}",
        next.first()
            .map(|r| format!("{}  {}: {}", r.local_time, r.title, r.body))
            .unwrap_or_default()
    ));

    // A rest week: the couple's week off, counted as neither kept nor missed.
    let monday = ana
        .tandem
        .declare_rest_week("2027-03-24".into(), ana.zone.into())?;
    exchange(&ana, &ben)?;
    out.say(&format!(
        "Ana declares the week of {monday} a rest week (family visit); after a sync Ben's phone has it too ({}). Nothing in it counts as missed.",
        ben.tandem.rest_weeks()?.join(", ")
    ));

    // A boundary, an agreement both chose, and a pause with a return.
    // As his phone does it: the screen's "New boundary" opens the form with
    // examples to start from; he takes the first and shares it.
    let bens_screen = ben.tandem.boundaries_screen(ben.zone.into())?;
    let opened = match bens_screen.new.opens.clone() {
        Some(request) => ben.tandem.open_form(request)?,
        None => {
            return Err(CliError::Usage(
                "the new boundary button opens no form".into(),
            ));
        }
    };
    let tandem_ffi::FormModel::Boundary {
        examples, submits, ..
    } = opened
    else {
        return Err(CliError::Usage(
            "the new boundary button opened another form".into(),
        ));
    };
    let share = submits
        .iter()
        .find(|s| s.purpose == tandem_ffi::BoundaryPurpose::Shared)
        .map(|s| s.purpose.clone())
        .unwrap_or(tandem_ffi::BoundaryPurpose::Shared);
    let text = examples.first().cloned().unwrap_or_default();
    ben.tandem.submit_boundary_form(
        tandem_ffi::BoundaryFormInput { text: text.clone() },
        share,
        phone(ben.zone),
    )?;
    ana.tandem.add_boundary(
        "I need to hear \"I'm still here\" when he goes quiet.".into(),
        false,
    )?;
    let proposal = ana.tandem.propose_agreement(AgreementDraft {
        title: "Our pause agreement".into(),
        text: "Either of us may call a pause. We say when we'll be back, and we come back.".into(),
        pause_protocol: Some(PauseProtocol {
            cool_down_minutes: 20,
            either_may_call: true,
            revisit: Some("On a call, starting with what each of us heard".into()),
        }),
        review_on: Some("2027-06-01".into()),
    })?;
    exchange(&ben, &ana)?;
    exchange(&ana, &ben)?;
    let anas = ana.tandem.boundaries_screen(ana.zone.into())?;
    let seen = anas.partners.iter().find(|b| b.text == text);
    out.say(&format!(
        "\nBen shares a boundary, starting from an example the form offers; Ana's boundaries screen shows it under \"{}\", read-only ({} buttons): \"{}\" — \"{}\". Her own stays private: \"{}\".",
        anas.partners_heading,
        seen.map_or(0, |b| b.buttons.len()),
        seen.map(|b| b.text.as_str()).unwrap_or_default(),
        seen.map(|b| b.status.as_str()).unwrap_or_default(),
        anas.mine.first().map(|b| b.status.as_str()).unwrap_or_default(),
    ));
    let v1 = proposal
        .pending
        .first()
        .map(|v| v.hash.clone())
        .unwrap_or_default();
    // An amendment starts from the version it amends: only the cool-down
    // changes, the rest of the pause protocol and the review date stay.
    let base = ben
        .tandem
        .agreement_draft(proposal.id.clone(), Some(output::short(&v1).into()))?;
    let amended = ben.tandem.amend_agreement(
        proposal.id.clone(),
        output::short(&v1).into(),
        AgreementDraft {
            pause_protocol: base.pause_protocol.clone().map(|p| PauseProtocol {
                cool_down_minutes: 30,
                ..p
            }),
            ..base
        },
    )?;
    let v2 = amended
        .pending
        .iter()
        .find(|v| v.by_me)
        .map(|v| v.hash.clone())
        .unwrap_or_default();
    exchange(&ben, &ana)?;
    let changes: Vec<String> = ana
        .tandem
        .agreements()?
        .into_iter()
        .filter(|a| a.id == proposal.id)
        .flat_map(|a| a.pending)
        .filter(|v| v.hash == v2)
        .flat_map(|v| v.changes)
        .map(|c| c.summary)
        .collect();
    out.say(&format!(
        "Ben amends Ana's pause agreement; before she answers, her phone shows what it changes: {} (the rest stays as it was).",
        changes.join("; ")
    ));
    let agreed = ana
        .tandem
        .accept_agreement(proposal.id.clone(), output::short(&v2).into())?;
    exchange(&ana, &ben)?;
    let history = ben.tandem.agreement_history(proposal.id.clone())?;
    out.say(&format!(
        "Ana proposes a pause agreement (20-minute cool-down); Ben amends it to 30; Ana accepts version {}.",
        &v2[..8]
    ));
    out.say(&format!(
        "It is {} for both: {} steps in its history, the same chain head on both phones ({}).",
        match agreed.status {
            tandem_ffi::AgreementStatus::Active => "in effect",
            _ => "not in effect",
        },
        history.entries.len(),
        if history.head == ana.tandem.agreement_history(proposal.id.clone())?.head {
            &history.head[..8]
        } else {
            "they differ!"
        }
    ));
    clock.set(ms(2027, 3, 16, 19, 50)?);
    let pause = ben
        .tandem
        .start_pause(None, Some("I'm flooded. I'll be back, I promise.".into()))?;
    exchange(&ben, &ana)?;
    let seen = ana.tandem.pause_screen(ana.zone.into())?.current;
    out.say(&format!(
        "A talk gets heated. Ben starts a pause (30 minutes, from the agreement); after a sync Ana's phone says: {}",
        seen.first()
            .map(crate::agreements::pause_row_line)
            .unwrap_or_default()
    ));
    let today = ana.tandem.today_screen(ana.zone.into())?;
    out.say("  Ana's Today screen at that moment:");
    for line in crate::today::text(&today).lines() {
        out.say(&format!("    {line}"));
    }
    clock.set(ms(2027, 3, 16, 20, 15)?);
    let ended = ben.tandem.end_pause(pause.id.clone())?;
    exchange(&ben, &ana)?;
    out.say(&format!(
        "Ben comes back after 25 minutes and ends the pause{}; Ana's phone shows it ended.",
        if ended.kept == Some(true) {
            ", before his return time"
        } else {
            ""
        }
    ));

    // The experiment's last day: a review, never an automatic end.
    clock.set(ms(2027, 4, 30, 12, 0)?);
    let due = ben.tandem.reviews_due(ben.zone.into())?;
    out.say(&format!(
        "\nOn 30 April the call's trial ends; Ben's phone asks to look back on: {}.",
        due.iter()
            .map(|r| r.title.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    ));
    ben.tandem
        .review_ritual(call.id.clone(), tandem_ffi::ReviewOutcome::Keep)?;
    exchange(&ben, &ana)?;
    let kept = ana.tandem.accept_ritual(call.id.clone())?;
    exchange(&ana, &ben)?;
    out.say(&format!(
        "Ben chooses to keep it; Ana accepts. The call is {} for good{}.",
        output::status_name(kept.status),
        if kept.trial_until.is_none() {
            ", no longer a trial"
        } else {
            ""
        }
    ));
    let (ana_count, ben_count) = (ana.tandem.rituals()?.len(), ben.tandem.rituals()?.len());
    out.say(&format!(
        "Ana's phone holds {ana_count} rituals, her journaling among them; Ben's holds {ben_count}: her personal ritual never reached him."
    ));

    // Three weeks of ordinary life, generated with a fixed seed, then what
    // each of them can learn from it on their own phone.
    let mut seed: u64 = 0x007A_4DE3;
    let mut roll = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let tags = ["tired", "work stress", "feeling ignored", "money"];
    for day in 0..21u32 {
        let noon = ms(2027, 5, 1, 16, 0)? + i64::from(day) * 86_400_000;
        clock.set(noon);
        let hot = roll(4) == 0;
        ana.tandem.check_in(
            if hot {
                7 + roll(3) as u8
            } else {
                2 + roll(3) as u8
            },
            tandem_ffi::Capacity::Some,
            if hot {
                tandem_ffi::Need::Reassurance
            } else {
                tandem_ffi::Need::Closeness
            },
            None,
            false,
        )?;
        if roll(3) == 0 {
            ben.tandem.check_in(
                3 + roll(4) as u8,
                tandem_ffi::Capacity::Plenty,
                tandem_ffi::Need::NothingRightNow,
                None,
                true,
            )?;
        }
        if hot {
            clock.set(noon + 2 * 3_600_000);
            ana.tandem.log_pattern(tandem_ffi::PatternDraft {
                happened: tandem_ffi::Happened::WentSilent,
                tags: vec![
                    tags[roll(2) as usize].into(),
                    tags[2 + roll(2) as usize].into(),
                ],
                topic: None,
                temperature_before: None,
                note: None,
            })?;
            let p = ben.tandem.start_pause(None, None)?;
            clock.set(noon + 2 * 3_600_000 + 25 * 60_000);
            ben.tandem.end_pause(p.id)?;
            ana.tandem
                .record_repair(tandem_ffi::RepairAct::CheckedIn, None, Some(true), true)?;
        }
        if day % 3 == 1 {
            ben.tandem
                .appreciate("Thank you for checking in with me.".into())?;
        }
        let date = format!("2027-05-{:02}", day + 1);
        if roll(5) != 0 {
            ana.tandem.mark_done(checkin.id.clone(), date, None, None)?;
        }
        exchange_quietly(&ana, &ben)?;
        exchange_quietly(&ben, &ana)?;
    }
    clock.set(ms(2027, 5, 23, 20, 0)?);
    out.say("\nThree weeks later (activity generated with a fixed seed), each phone computes its own insights:");
    let mut insights_report = Vec::new();
    for p in [&ana, &ben] {
        let i = p.tandem.insights(4, p.zone.into())?;
        out.say(&format!("  {}'s phone:", p.name));
        for s in &i.sentences {
            out.say(&format!("    {s}"));
        }
        insights_report.push(json!({
            "partner": p.name,
            "triggers": i.triggers.iter().map(|c| json!({"label": c.label, "count": c.count})).collect::<Vec<_>>(),
            "sentences": i.sentences,
        }));
    }
    out.say("  Ana's private log shaped her insights; Ben's phone never held it.");
    let page = ana.tandem.notebook(1, ana.zone.into())?;
    if let Some(day) = page.days.iter().find(|d| !d.items.is_empty()) {
        out.say(&format!(
            "  Ana opens her notebook ({} lines this week). {}:",
            page.days.iter().map(|d| d.items.len()).sum::<usize>(),
            day.heading
        ));
        for i in day.items.iter().take(4) {
            let words = i
                .words
                .first()
                .map(|w| format!(": \"{w}\""))
                .unwrap_or_default();
            out.say(&format!("    {}{words}", i.headline));
        }
    }

    // Shared, then taken back: the mirror keeps saying what Ben still holds.
    let said = ana
        .tandem
        .add_boundary("I need an hour alone after work.".into(), true)?;
    exchange_quietly(&ana, &ben)?;
    ana.tandem.share_boundary(said.id.clone(), false)?;
    exchange_quietly(&ana, &ben)?;

    // The visibility mirror: what Ben's phone holds about Ana, item by item.
    let seen = ana.tandem.what_partner_sees()?;
    let mirror = ana.tandem.visibility_screen(ana.zone.into())?;
    let kinds: Vec<&str> = mirror.groups.iter().map(|g| g.heading.as_str()).collect();
    out.say(&format!(
        "\nAna checks what Ben's phone holds about her: {} items ({}). Her private log, her private check-ins and her journaling ritual are not among them.",
        seen.len(),
        kinds.join(", ")
    ));
    let taken_back = mirror
        .groups
        .iter()
        .filter(|g| g.kind == tandem_ffi::VisibleKind::MadePrivate)
        .flat_map(|g| &g.rows)
        .next();
    if let Some(taken_back) = taken_back {
        out.say(&format!(
            "  She shared a boundary and made it private again; the mirror still lists it: \"{}\" {}",
            taken_back.summary,
            taken_back.caveat.clone().unwrap_or_default()
        ));
    }
    out.say(&format!(
        "Her sharing audit lists {} changes, the latest: {}.",
        mirror.audit.len(),
        mirror
            .audit
            .first()
            .map(|a| a.text.clone())
            .unwrap_or_default()
    ));

    let restore = restore_scene(out, dir.path(), &clock, &ana, &ben)?;
    let exit = exit_scene(out, &ben)?;

    out.json(json!({
        "restore": restore,
        "exit": exit,
        "mirror": seen.iter().map(|v| json!({"kind": output::visible_kind(v.kind), "summary": v.summary})).collect::<Vec<_>>(),
        "insights": insights_report,
        "sas": ana_sas,
        "wire": wire,
        "partners": report,
        "rhythm": rhythm_report,
        "reminders": reminders_report,
        "snoozed_until": output::rfc3339(snoozed),
        "rest_weeks": ben.tandem.rest_weeks()?,
        "reviewed": output::ritual_json(&kept, &ana.tandem.device()?.device_id),
        "ritual_counts": {"ana": ana_count, "ben": ben_count},
        "agreement": {"status": "active", "versions_in_history": history.entries.len(), "head": history.head},
        "pause": {"kept": ended.kept, "seen_by_partner": !seen.is_empty()},
        "boundaries": {"ana_sees": ana.tandem.boundaries()?.len(), "ben_sees": ben.tandem.boundaries()?.len()},
    }));

    ana.tandem.close()?;
    ben.tandem.close()?;
    Ok(())
}

/// Ana moves to a new phone by restoring a backup, while her old phone is
/// still in use: the new phone writes under its own id, so its changes reach
/// Ben as new, and the old phone's later changes are refused with a reason
/// (never taken as "already here").
fn restore_scene(
    out: &Out,
    dir: &std::path::Path,
    clock: &std::sync::Arc<ManualClock>,
    ana: &Partner,
    ben: &Partner,
) -> Result<serde_json::Value> {
    const PASSPHRASE: &str = "our sunday walk by the river";
    let backup = ana.tandem.export_data(PASSPHRASE.into())?;
    out.say(&format!(
        "\nAna gets a new phone. She makes a sealed backup on the old one ({} KB) and restores it on the new one.",
        backup.len() / 1024
    ));
    clock.advance(60_000);
    ana.tandem.appreciate("Thank you for the flowers.".into())?;
    let late = ana.tandem.export_payloads()?;
    out.say("Before she puts the old phone away, it records one more appreciation (its payload is not sent yet).");
    let new_phone = Tandem::open_with_clock(
        dir.join("ana-new.db").to_string_lossy().into_owned(),
        tandem_ffi::generate_storage_key()?,
        Some("Ana's new phone".into()),
        clock.clone(),
    )?;
    let restored = new_phone.import_data(backup, Some(PASSPHRASE.into()))?;
    let (old_id, new_id) = (
        ana.tandem.device()?.device_id,
        new_phone.device()?.device_id,
    );
    out.say(&format!(
        "  The new phone restores {restored} changes and writes under its own id ({}…, the old phone is {}…), so no change number is ever used twice.",
        &new_id[..8],
        &old_id[..8]
    ));
    // Pairing keys never travel in a backup: Ben pairs with the new phone.
    ben.tandem.unpair()?;
    let offer = new_phone.start_pairing()?;
    let answer = ben.tandem.accept_pairing(offer.text)?;
    let sas = new_phone.complete_pairing(answer.text)?;
    if sas != answer.sas {
        return Err(CliError::Usage("the demo's codes differ".into()));
    }
    new_phone.confirm_pairing()?;
    ben.tandem.confirm_pairing()?;
    new_phone.appreciate("New phone, same me.".into())?;
    let mut applied = 0;
    for p in new_phone.export_payloads()? {
        applied += ben.tandem.import_payload(p)?.applied;
    }
    for p in ben.tandem.export_payloads()? {
        new_phone.import_payload(p)?;
    }
    out.say(&format!(
        "  Ben pairs with the new phone; its first appreciation reaches him as {applied} new change."
    ));
    let mut refusals = Vec::new();
    for p in late {
        match ben.tandem.import_payload(p) {
            Err(tandem_ffi::TandemError::PayloadRejected { reason }) => refusals.push(reason),
            Err(e) => return Err(e.into()),
            Ok(_) => {
                return Err(CliError::Usage(
                    "the old phone's late payload was imported".into(),
                ));
            }
        }
    }
    if let Some(reason) = refusals.first() {
        out.say(&format!(
            "  The old phone's late payload arrives afterwards; Ben's phone refuses it: \"{reason}\"."
        ));
    }
    let shared = |t: &Tandem| -> Result<Vec<(String, String)>> {
        let mut v: Vec<(String, String)> = t
            .rituals()?
            .into_iter()
            .filter(|r| !r.personal)
            .map(|r| (r.id, format!("{:?}", r.status)))
            .collect();
        v.sort();
        Ok(v)
    };
    let (on_new, on_ben) = (shared(&new_phone)?, shared(&ben.tandem)?);
    let same = on_new == on_ben;
    out.say(&format!(
        "  Ana's new phone and Ben's show the same {} shared rituals, in the same state{}.",
        on_ben.len(),
        if same { "" } else { " (they differ!)" }
    ));
    new_phone.close()?;
    Ok(json!({
        "restored_changes": restored,
        "new_phone_changes_applied": applied,
        "old_phone_refusals": refusals,
        "same_rituals": same,
    }))
}

/// Months later Ben leaves: on his phone alone, with no question asked and
/// nothing sent to Ana, he unpairs, stops what they shared and deletes Ana's
/// shared words from his phone.
fn exit_scene(out: &Out, ben: &Partner) -> Result<serde_json::Value> {
    ben.tandem
        .set_app_lock(tandem_ffi::AppLock::On { after_seconds: 60 })?;
    let asks = ben
        .tandem
        .needs_unlock_for(tandem_ffi::GuardedAction::Unpair)?;
    out.say(&format!(
        "\nMonths later Ben decides to leave. His app lock is on, so his phone {} before unpairing.",
        if asks {
            "asks for his fingerprint or code"
        } else {
            "does not ask"
        }
    ));
    ben.tandem.unpair()?;
    let stopped = ben.tandem.stop_shared()?;
    let deleted = ben.tandem.delete_partner_data()?;
    let shared_reminders = ben
        .tandem
        .plan_reminders(ben.zone.into(), 20)?
        .iter()
        .filter(|r| {
            ben.tandem
                .rituals()
                .map(|rs| rs.iter().any(|x| x.id == r.source_id && !x.personal))
                .unwrap_or(false)
        })
        .count();
    out.say(&format!(
        "  He unpairs, stops the {stopped} shared rituals, agreements and pauses on his phone (shared reminders left: {shared_reminders}) and deletes {deleted} of Ana's records from it; his own stay. Ana's phone is told nothing."
    ));
    let audit: Vec<String> = ben
        .tandem
        .visibility_screen(ben.zone.into())?
        .audit
        .into_iter()
        .take(3)
        .map(|a| format!("“{}”", a.text))
        .collect();
    out.say(&format!("  His audit, newest first: {}.", audit.join("; ")));
    Ok(json!({
        "stopped": stopped,
        "deleted": deleted,
        "shared_reminders_left": shared_reminders,
        "audit": audit,
    }))
}

/// One sync, without narrating it (the generated weeks).
fn exchange_quietly(from: &Partner, to: &Partner) -> Result<()> {
    for payload in from.tandem.export_payloads()? {
        to.tandem.import_payload(payload)?;
    }
    Ok(())
}

/// Where a phone's keys stand (docs/PROTOCOL.md, the ratchet); 0 unpaired.
fn key_epoch(p: &Partner) -> Result<u32> {
    Ok(match p.tandem.pairing_status()? {
        tandem_ffi::PairingStatus::Paired { key_epoch, .. } => key_epoch,
        _ => 0,
    })
}

/// A phone with every permission given and nothing armed yet, in `zone`.
fn phone(zone: &str) -> tandem_ffi::PhoneNow {
    tandem_ffi::PhoneNow {
        zone: zone.into(),
        armed: Vec::new(),
        access: tandem_ffi::ReminderAccess {
            notifications: tandem_ffi::NotificationPermission::Allowed,
            exact_alarms: true,
            holds_alarms_when_off: false,
            lists_pending: true,
        },
    }
}
