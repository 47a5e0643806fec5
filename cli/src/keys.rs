//! Where the CLI keeps its storage key, and which zone the machine is in.
//! A phone keeps the key in its keystore; a terminal keeps it in a file beside
//! the database, readable by its owner only, or in an environment variable.

use std::path::{Path, PathBuf};

use crate::{CliError, Result};

pub const KEY_ENV: &str = "TANDEM_STORAGE_KEY";

pub fn key_path(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(".key");
    PathBuf::from(p)
}

fn from_env() -> Result<Option<Vec<u8>>> {
    match std::env::var(KEY_ENV) {
        Ok(hex_key) => decode(&hex_key, KEY_ENV).map(Some),
        Err(_) => Ok(None),
    }
}

fn decode(text: &str, source: &str) -> Result<Vec<u8>> {
    let key = hex::decode(text.trim())
        .map_err(|_| CliError::Usage(format!("{source} must hold 64 hex characters")))?;
    if key.len() != 32 {
        return Err(CliError::Usage(format!(
            "{source} must hold 64 hex characters"
        )));
    }
    Ok(key)
}

/// The key for a new database: from the environment, or a new random key
/// written to PATH.key with mode 0600.
pub fn create(db: &Path) -> Result<Vec<u8>> {
    if let Some(key) = from_env()? {
        return Ok(key);
    }
    let key = tandem_ffi::generate_storage_key()?;
    let path = key_path(db);
    crate::save(
        &path,
        hex::encode(&key).as_bytes(),
        tandem_ffi::FileAccess::PrivateNew,
    )
    .map_err(|e| match e {
        CliError::Usage(m) => CliError::Usage(format!("the key file: {m}")),
        other => other,
    })?;
    Ok(key)
}

pub fn load(db: &Path) -> Result<Vec<u8>> {
    if let Some(key) = from_env()? {
        return Ok(key);
    }
    let path = key_path(db);
    let text = std::fs::read_to_string(&path).map_err(|_| {
        CliError::Usage(format!(
            "no storage key: expected {} or {KEY_ENV}",
            path.display()
        ))
    })?;
    decode(&text, &path.display().to_string())
}

/// The machine's IANA zone: $TZ, /etc/timezone, or the /etc/localtime link.
pub fn system_zone() -> String {
    let valid = |z: &str| z.parse::<tandem_ffi::Zone>().is_ok();
    if let Ok(tz) = std::env::var("TZ") {
        let tz = tz.trim_start_matches(':').to_owned();
        if valid(&tz) {
            return tz;
        }
    }
    if let Ok(tz) = std::fs::read_to_string("/etc/timezone") {
        let tz = tz.trim();
        if valid(tz) {
            return tz.to_owned();
        }
    }
    if let Ok(target) = std::fs::read_link("/etc/localtime") {
        let target = target.to_string_lossy();
        if let Some((_, tz)) = target.split_once("zoneinfo/")
            && valid(tz)
        {
            return tz.to_owned();
        }
    }
    "UTC".to_owned()
}
