//! Every file Tandem writes (exports, sync payloads, calendar files, QR
//! images, key files, the wipe marker) goes through [`replace`] or
//! [`replace_with`]: the bytes go to a temporary file in the target's own
//! folder, which is flushed and synced, then renamed over the target (and
//! the folder synced). Until the rename the previous file is untouched;
//! after it the new one is complete. A process killed at any instruction
//! leaves the target as it was or as it should be, never truncated or
//! empty (at worst a hidden `.NAME.*.tmp` file beside it). A write that
//! fails (a full disk, say) removes the temporary file and returns
//! [`Error::FileNotWritten`], saying whether the disk was full.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Who may read the new file, and whether it may replace an existing one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Readable as the process's umask allows (a calendar file, a payload).
    Shared,
    /// Readable by its owner only, mode 0600 (an export, a key).
    Private,
    /// Private, and only if no file has that name yet: an existing file is
    /// never replaced (a storage key must never be overwritten).
    PrivateNew,
}

/// Writes `bytes` to `path` atomically (see the module's comment).
pub fn replace(path: &Path, bytes: &[u8], access: Access) -> Result<()> {
    replace_with(path, access, |w| w.write_all(bytes))
}

/// Like [`replace`], with `write` producing the content. If `write` fails,
/// the target is left as it was and the temporary file is removed.
pub fn replace_with(
    path: &Path,
    access: Access,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let (dir, tmp) = temp_beside(path)?;
    let result = write_temp(&tmp, access, write).and_then(|()| match access {
        Access::PrivateNew => {
            // A hard link fails if the target exists, and is atomic: the
            // name appears with the whole content or not at all.
            std::fs::hard_link(&tmp, path)?;
            std::fs::remove_file(&tmp)
        }
        Access::Shared | Access::Private => std::fs::rename(&tmp, path),
    });
    match result {
        Ok(()) => {
            sync_dir(&dir);
            Ok(())
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(not_written(&e))
        }
    }
}

fn write_temp(
    tmp: &Path,
    access: Access,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(
        &mut options,
        match access {
            Access::Shared => 0o666,
            Access::Private | Access::PrivateNew => 0o600,
        },
    );
    let file = options.open(tmp)?;
    let mut buffered = std::io::BufWriter::new(file);
    write(&mut buffered)?;
    let file = buffered.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()
}

/// The folder of `path` and a fresh hidden name in it.
fn temp_beside(path: &Path) -> Result<(PathBuf, PathBuf)> {
    let name = path
        .file_name()
        .ok_or_else(|| Error::invalid("the path names no file"))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut random = [0u8; 6];
    getrandom::fill(&mut random).map_err(|_| Error::invalid("no randomness available"))?;
    let mut tmp = std::ffi::OsString::from(".");
    tmp.push(name);
    tmp.push(format!(
        ".{}-{}.tmp",
        std::process::id(),
        hex::encode(random)
    ));
    let tmp = dir.join(tmp);
    Ok((dir, tmp))
}

/// Makes the rename itself durable. Best effort: some systems cannot open
/// a folder for syncing, and the file is complete either way.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

fn not_written(e: &std::io::Error) -> Error {
    use std::io::ErrorKind;
    let disk_full = matches!(e.kind(), ErrorKind::StorageFull | ErrorKind::QuotaExceeded);
    let reason = match e.kind() {
        _ if disk_full => "the disk is full".to_owned(),
        ErrorKind::AlreadyExists => "a file with that name already exists".to_owned(),
        ErrorKind::PermissionDenied => "permission denied".to_owned(),
        ErrorKind::NotFound => "the folder does not exist".to_owned(),
        // The kind, never the error's own text: it could name the path.
        kind => kind.to_string(),
    };
    Error::FileNotWritten { disk_full, reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that accepts `left` bytes, then fails as a full disk does.
    struct FailAt<'a> {
        inner: &'a mut dyn Write,
        left: usize,
    }

    impl Write for FailAt<'_> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.left == 0 {
                return Err(std::io::ErrorKind::StorageFull.into());
            }
            let n = buf.len().min(self.left);
            let n = self.inner.write(&buf[..n])?;
            self.left -= n;
            Ok(n)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            self.inner.flush()
        }
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort_unstable();
        names
    }

    #[test]
    fn a_write_failing_at_any_byte_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("backup.tandem");
        let old = b"the old, complete backup".repeat(3);
        replace(&target, &old, Access::Private).unwrap();
        let new: Vec<u8> = (0..=255u8).cycle().take(3 * 8192 + 17).collect();
        // Every offset of a short stretch, then every 97th across buffer
        // boundaries (8 KiB), the last byte included.
        let offsets = (0..300)
            .chain((300..new.len()).step_by(97))
            .chain([new.len() - 1]);
        for at in offsets {
            let err = replace_with(&target, Access::Private, |w| {
                FailAt { inner: w, left: at }.write_all(&new)
            })
            .unwrap_err();
            assert!(
                matches!(
                    err,
                    Error::FileNotWritten {
                        disk_full: true,
                        ..
                    }
                ),
                "{err:?}"
            );
            assert_eq!(std::fs::read(&target).unwrap(), old, "at byte {at}");
            assert_eq!(entries(dir.path()), ["backup.tandem"], "at byte {at}");
        }
        assert!(err_text_is_clear());
        replace(&target, &new, Access::Private).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), new);
        assert_eq!(entries(dir.path()), ["backup.tandem"]);
    }

    fn err_text_is_clear() -> bool {
        let e = not_written(&std::io::ErrorKind::StorageFull.into());
        e.to_string()
            == "the file was not written (the disk is full); the previous file is unchanged"
    }

    #[test]
    fn a_failed_rename_removes_the_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        // A non-empty folder under the target's name: the rename fails.
        let target = dir.path().join("taken");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("inside"), b"x").unwrap();
        let err = replace(&target, b"new", Access::Shared).unwrap_err();
        assert!(matches!(
            err,
            Error::FileNotWritten {
                disk_full: false,
                ..
            }
        ));
        assert_eq!(entries(dir.path()), ["taken"]);
    }

    #[test]
    fn private_files_are_the_owners_and_a_new_only_file_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("db.key");
        replace(&key, b"first", Access::PrivateNew).unwrap();
        let err = replace(&key, b"second", Access::PrivateNew).unwrap_err();
        assert!(matches!(err, Error::FileNotWritten { .. }), "{err:?}");
        assert!(err.to_string().contains("already exists"));
        assert_eq!(std::fs::read(&key).unwrap(), b"first");
        assert_eq!(entries(dir.path()), ["db.key"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&key).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
            let export = dir.path().join("export");
            replace(&export, b"x", Access::Private).unwrap();
            let mode = std::fs::metadata(&export).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_path_without_a_file_name_is_refused() {
        let err = replace(Path::new("/"), b"x", Access::Shared).unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)));
    }
}
