//! `tandem pair ...`: pairing by QR text, drawn in the terminal.

use std::path::PathBuf;

use clap::Subcommand;
use serde_json::json;
use tandem_ffi::{PairingScreenModel, PairingStatus, Tandem};

use crate::output::{Out, rfc3339};
use crate::{Result, qr};

#[derive(Subcommand, Debug)]
pub enum PairCommand {
    /// Start pairing: show an offer for your partner to scan (valid 2 minutes).
    Offer {
        /// Also write the code as a PNG image.
        #[arg(long)]
        png: Option<PathBuf>,
        /// Also write the code as an SVG image.
        #[arg(long)]
        svg: Option<PathBuf>,
    },
    /// Scan your partner's offer: prints the answer to show and check code.
    Accept {
        text: String,
        #[arg(long)]
        png: Option<PathBuf>,
        #[arg(long)]
        svg: Option<PathBuf>,
    },
    /// Scan your partner's answer: prints the check code.
    Complete { text: String },
    /// Withdraw this phone's offer before anyone answers it.
    Cancel,
    /// The check code match your partner's screen.
    Confirm,
    /// The check code differ: cancel this pairing.
    Reject,
    /// The pairing screen as the phones show it: who this phone is paired
    /// with, the code it shows or the digits to compare.
    Status,
    /// Forget the pairing on this phone (destroys its keys); the same as
    /// `tandem unpair`.
    Unpair(Unpair),
}

/// Unpairing asks nothing and tells the partner nothing; then, on this
/// phone alone, optionally a clean exit.
#[derive(clap::Args, Debug)]
pub struct Unpair {
    /// Also stop the shared rituals, agreements and pauses here (their
    /// reminders stop at once).
    #[arg(long)]
    pub stop_shared: bool,
    /// Also delete your partner's shared data from this phone (their
    /// check-ins, appreciations, boundaries, pauses, marks), keeping yours.
    #[arg(long)]
    pub delete_partner_data: bool,
}

/// Unpairs, then carries out the clean exit asked for.
pub fn unpair(t: &Tandem, out: &Out, args: &Unpair) -> Result<()> {
    let was_paired = !matches!(t.pairing_status()?, PairingStatus::Unpaired);
    t.unpair()?;
    let mut lines = vec![if was_paired {
        "Unpaired. The keys are gone from this phone; your partner was not told.".to_owned()
    } else {
        "Not paired; nothing to unpair.".to_owned()
    }];
    let stopped = if args.stop_shared {
        let n = t.stop_shared()?;
        lines.push(format!(
            "Stopped {n} shared rituals, agreements and pauses here; their reminders are gone."
        ));
        Some(n)
    } else {
        None
    };
    let deleted = if args.delete_partner_data {
        let n = t.delete_partner_data()?;
        lines.push(format!(
            "Deleted {n} of your partner's records from this phone; yours are kept."
        ));
        Some(n)
    } else {
        None
    };
    if !args.stop_shared || !args.delete_partner_data {
        lines.push(
            "On this phone alone you can also: tandem unpair --stop-shared --delete-partner-data"
                .into(),
        );
    }
    out.print(
        &lines.join("\n"),
        json!({ "unpaired": true, "was_paired": was_paired, "stopped": stopped, "deleted": deleted }),
    );
    Ok(())
}

fn images(code: &tandem_ffi::QrCode, png: &Option<PathBuf>, svg: &Option<PathBuf>) -> Result<()> {
    if let Some(p) = png {
        qr::write_png(code, p)?;
    }
    if let Some(p) = svg {
        qr::write_svg(code, p)?;
    }
    Ok(())
}

pub fn run(t: &Tandem, out: &Out, zone: &str, cmd: &PairCommand) -> Result<()> {
    match cmd {
        PairCommand::Offer { png, svg } => {
            let offer = t.start_pairing()?;
            images(&offer.qr, png, svg)?;
            out.print(
                &format!(
                    "{}\nAsk your partner to scan this (or run `tandem pair accept` with the text below); valid until {}.\n\n{}",
                    qr::terminal(&offer.qr),
                    crate::output::local(offer.expires_at_ms),
                    offer.text
                ),
                json!({
                    "text": offer.text,
                    "expires_at": rfc3339(offer.expires_at_ms),
                    "expires_at_ms": offer.expires_at_ms,
                    "qr_version": offer.qr.version,
                }),
            );
        }
        PairCommand::Accept { text, png, svg } => {
            let answer = t.accept_pairing(text.clone())?;
            images(&answer.qr, png, svg)?;
            out.print(
                &format!(
                    "{}\nShow this to your partner to scan (or send the text below).\n\n{}\n\nCompare these digits with your partner's screen: {}\nThen run `tandem pair confirm` if they match, `tandem pair reject` if not.",
                    qr::terminal(&answer.qr),
                    answer.text,
                    answer.sas
                ),
                json!({ "answer": answer.text, "sas": answer.sas, "qr_version": answer.qr.version }),
            );
        }
        PairCommand::Complete { text } => {
            let sas = t.complete_pairing(text.clone())?;
            out.print(
                &format!(
                    "Compare these digits with your partner's screen: {sas}\nThen run `tandem pair confirm` if they match, `tandem pair reject` if not."
                ),
                json!({ "sas": sas }),
            );
        }
        PairCommand::Cancel => {
            t.cancel_pairing()?;
            out.print(
                "The pairing offer is withdrawn.",
                json!({ "cancelled": true }),
            );
        }
        PairCommand::Confirm => {
            t.confirm_pairing()?;
            out.print("Paired. You can sync now.", json!({ "confirmed": true }));
        }
        PairCommand::Reject => {
            t.reject_pairing()?;
            out.print(
                "Pairing cancelled; nothing was shared. Start again when you are together.",
                json!({ "rejected": true }),
            );
        }
        PairCommand::Status => {
            let status = t.pairing_status()?;
            let screen = t.pairing_screen(zone.to_owned())?;
            let mut json = status_json(&status);
            json["screen"] = screen_json(&screen);
            out.print(&screen_text(&screen), json);
        }
        PairCommand::Unpair(args) => unpair(t, out, args)?,
    }
    Ok(())
}

/// The pairing screen's words, as the phones show them (the core's
/// `pairing_screen`): the code drawn while there is one to scan, the
/// digits to compare, who this phone is paired with and its keys, and the
/// buttons the phones offer now.
fn screen_text(s: &PairingScreenModel) -> String {
    let mut lines = vec![s.heading.clone()];
    if let Some(qr) = &s.qr {
        lines.push(qr::terminal(qr));
        lines.push(qr.text.clone());
    }
    lines.extend(s.paired_with.clone());
    lines.push(s.instruction.clone());
    lines.extend(s.digits.clone());
    lines.extend(s.expires.clone());
    lines.extend(s.keys.clone());
    lines.extend(s.notice.as_ref().map(|n| n.text.clone()));
    let buttons: Vec<String> = s.actions.iter().map(|b| format!("[{}]", b.label)).collect();
    if !buttons.is_empty() {
        lines.push(buttons.join(" "));
    }
    lines.join("\n")
}

fn screen_json(s: &PairingScreenModel) -> serde_json::Value {
    json!({
        "stage": format!("{:?}", s.stage),
        "heading": s.heading,
        "instruction": s.instruction,
        "code": s.qr.as_ref().map(|q| &q.text),
        "digits": s.digits,
        "expires": s.expires,
        "paired_with": s.paired_with,
        "keys": s.keys,
        "notice": s.notice.as_ref().map(|n| json!({ "code": n.code, "text": n.text })),
        "actions": s.actions.iter().map(|b| &b.label).collect::<Vec<_>>(),
    })
}

fn status_json(s: &PairingStatus) -> serde_json::Value {
    match s {
        PairingStatus::Unpaired => json!({ "state": "unpaired" }),
        PairingStatus::Offering { expires_at_ms } => json!({
            "state": "offering", "expires_at": rfc3339(*expires_at_ms)
        }),
        PairingStatus::AwaitingConfirmation { sas, partner_name } => json!({
            "state": "awaiting_confirmation", "sas": sas, "partner_name": partner_name
        }),
        PairingStatus::Paired {
            partner_name,
            partner_device_id,
            partner_confirmed,
            key_epoch,
            keys_moved_at_ms,
        } => json!({
            "state": "paired",
            "partner_name": partner_name,
            "partner_device_id": partner_device_id,
            "partner_confirmed": partner_confirmed,
            "key_epoch": key_epoch,
            "keys_moved_at": rfc3339(*keys_moved_at_ms),
        }),
    }
}
