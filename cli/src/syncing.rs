//! `tandem sync ...`: payloads to files, text or QR-sized chunks, and back.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use serde_json::json;
use tandem_ffi::{ImportReport, Tandem};

use crate::output::Out;
use crate::{CliError, Result};

const BINARY_MAGIC: &[u8] = b"TNDS";
const TEXT_PREFIX: &str = "TSYNC1:";
const CHUNK_PREFIX: &str = "TSYNC1-CHUNK:";

#[derive(Subcommand, Debug)]
pub enum SyncCommand {
    /// Everything your partner lacks, as binary file(s), text or QR chunks.
    Export {
        /// Write binary payloads: FILE, then FILE.2, FILE.3 ... if the backlog is split.
        #[arg(long, required_unless_present_any = ["text", "qr"])]
        out: Option<PathBuf>,
        /// Print each payload as one line of text.
        #[arg(long, conflicts_with_all = ["out", "qr"])]
        text: bool,
        /// Print QR-sized chunks (at most 2,000 characters each), one per line.
        #[arg(long, conflicts_with_all = ["out", "text"])]
        qr: bool,
    },
    /// How many of your changes your partner's phone has not confirmed yet.
    Status,
    /// Import payload files (binary or text, detected).
    Import {
        /// Every file is a set of chunks of one payload, in any order.
        #[arg(long)]
        chunks: bool,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| CliError::Usage(format!("cannot read {}: {e}", path.display())))
}

/// The payloads a file holds: binary, or text lines of payloads or chunks.
fn payloads_in(path: &Path, chunks: &mut Vec<String>) -> Result<Vec<Vec<u8>>> {
    let bytes = read(path)?;
    if bytes.starts_with(BINARY_MAGIC) {
        return Ok(vec![bytes]);
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        CliError::Usage(format!(
            "{} is neither a payload nor payload text",
            path.display()
        ))
    })?;
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.starts_with(CHUNK_PREFIX) {
            chunks.push(line.to_owned());
        } else if line.starts_with(TEXT_PREFIX) {
            out.push(tandem_ffi::payload_from_text(line.to_owned())?);
        } else {
            return Err(CliError::Usage(format!(
                "{} holds a line that is not Tandem sync text",
                path.display()
            )));
        }
    }
    Ok(out)
}

pub fn run(t: &Tandem, out: &Out, zone: &str, cmd: &SyncCommand) -> Result<()> {
    match cmd {
        SyncCommand::Status => {
            // Refused before pairing, as exporting is.
            let n = t.changes_to_send()?;
            // The Sync screen's words (the CLI has no inbox: files are
            // named on `import`).
            let screen = t.sync_screen(0, None)?;
            let text = match &screen.changes_text {
                Some(count) => format!("{count}. {}", screen.next),
                None => screen.next.clone(),
            };
            out.print(&text, json!({ "changes_to_send": n, "next": screen.next }));
        }
        SyncCommand::Export {
            out: file,
            text,
            qr,
        } => {
            let payloads = t.export_payloads()?;
            if let Some(file) = file {
                let mut written = Vec::new();
                for (i, p) in payloads.iter().enumerate() {
                    let path = if i == 0 {
                        file.clone()
                    } else {
                        PathBuf::from(format!("{}.{}", file.display(), i + 1))
                    };
                    crate::save(&path, p, tandem_ffi::FileAccess::Shared)?;
                    written.push((path, p.len()));
                }
                let lines: Vec<String> = written
                    .iter()
                    .map(|(p, n)| format!("Wrote {} ({n} bytes).", p.display()))
                    .collect();
                out.print(
                    &lines.join("\n"),
                    json!({ "files": written.iter().map(|(p, n)| json!({"path": p, "bytes": n})).collect::<Vec<_>>() }),
                );
            } else if *text {
                let texts: Vec<String> = payloads
                    .into_iter()
                    .map(tandem_ffi::payload_to_text)
                    .collect();
                out.print(&texts.join("\n"), json!({ "payloads": texts }));
            } else if *qr {
                let sets: Vec<Vec<String>> = payloads
                    .into_iter()
                    .map(tandem_ffi::payload_to_chunks)
                    .collect();
                let flat: Vec<String> = sets.iter().flatten().cloned().collect();
                out.print(&flat.join("\n"), json!({ "payloads": sets }));
            }
        }
        SyncCommand::Import {
            chunks: chunk_mode,
            files,
        } => {
            let mut chunks = Vec::new();
            let mut payloads = Vec::new();
            for f in files {
                payloads.extend(payloads_in(f, &mut chunks)?);
            }
            if *chunk_mode && !payloads.is_empty() {
                return Err(CliError::Usage(
                    "with --chunks, give only chunk files".into(),
                ));
            }
            if !chunks.is_empty() {
                payloads.push(tandem_ffi::payload_from_chunks(chunks)?);
            }
            let mut reports = Vec::new();
            for p in payloads {
                reports.push(t.import_payload_in(p, zone.to_owned())?);
            }
            let mut text: Vec<String> = reports.iter().map(report_line).collect();
            // One story for the whole sync, however many payloads it took.
            let news = tandem_ffi::merge_news(reports.clone());
            if !news.is_empty() {
                text.push("What's new:".into());
                text.extend(news.iter().map(|n| format!("  {}.", n.text)));
            }
            out.print(
                &text.join("\n"),
                json!({
                    "reports": reports.iter().map(report_json).collect::<Vec<_>>(),
                    "news": news.iter().map(|n| n.text.clone()).collect::<Vec<_>>(),
                }),
            );
        }
    }
    Ok(())
}

fn report_line(r: &ImportReport) -> String {
    if r.already_imported {
        return "This payload was imported before; nothing changed.".into();
    }
    let mut line = format!(
        "Imported {} new change{}, {} already here; your partner holds {} of your changes.",
        r.applied,
        if r.applied == 1 { "" } else { "s" },
        r.duplicates,
        r.acknowledged
    );
    if r.partner_confirmed {
        line.push_str(" Your partner's phone confirmed the pairing.");
    }
    for note in [&r.rollback_note, &r.set_aside_note, &r.clock_note]
        .into_iter()
        .flatten()
    {
        line.push_str("\nNote: ");
        line.push_str(note);
        line.push('.');
    }
    line
}

fn report_json(r: &ImportReport) -> serde_json::Value {
    json!({
        "applied": r.applied,
        "duplicates": r.duplicates,
        "already_imported": r.already_imported,
        "acknowledged": r.acknowledged,
        "partner_confirmed": r.partner_confirmed,
        "set_aside": r.set_aside,
        "set_aside_note": r.set_aside_note,
        "clock_ahead_minutes": r.clock_ahead_minutes,
        "clock_note": r.clock_note,
        "restored_from_older_copy": r.restored_from_older_copy,
        "recovered": r.recovered,
        "renumbered": r.renumbered,
        "partner_reused": r.partner_reused,
        "rollback_note": r.rollback_note,
        "news": r.news.iter().map(|n| json!({ "about": format!("{:?}", n.about), "id": n.id, "text": n.text })).collect::<Vec<_>>(),
    })
}
