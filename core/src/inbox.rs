//! What a phone takes into its sync inbox from a file handed to it (a
//! share sheet, "Open in Tandem", a document picker): the rules both phones
//! apply before anything is written. Before, each shell had its own: a name
//! of 120 characters with no colon on Android, 200 with one on iOS; Android
//! read the text, iOS took any bytes.

use crate::sync::text;

/// Above any payload's text form (256 KiB of payload is about 350,000
/// characters): anything bigger is not Tandem's, and is not read.
pub const MAX_FILE_BYTES: u64 = 512 * 1024;
/// The longest file name taken, in characters.
pub const MAX_NAME_CHARS: usize = 120;
/// The suffix a shell gives a file it set aside after a refused import;
/// such a name is never taken back in.
pub const SET_ASIDE_SUFFIX: &str = ".rejected";

/// How a sync file's name begins and ends. The ending is Tandem's own, the
/// document type the iOS app registers for "Open in Tandem"; the content is
/// text, which every share sheet and messenger carries.
pub const FILE_PREFIX: &str = "tandem-sync-";
pub const FILE_SUFFIX: &str = ".tandem";

/// Names for `count` sync files sent together: "tandem-sync-1a2b3c4d-001.tandem",
/// "…-002.tandem", one random batch so two sends never collide in the
/// partner's inbox, numbered with enough zeros that the inbox's order by
/// name is the order to import them in (a tenth file sorts after the
/// second). Before, Android wrote "tandem-sync-<random>.txt" and iOS
/// "tandem-<uuid>-<n>.tandem", whose tenth file sorted before its second.
pub fn file_names(count: u32) -> crate::error::Result<Vec<String>> {
    let mut batch = [0u8; 4];
    crate::device::fill_random(&mut batch)?;
    let batch = hex::encode(batch);
    let width = count.to_string().len().max(3);
    Ok((1..=count)
        .map(|n| format!("{FILE_PREFIX}{batch}-{n:0width$}{FILE_SUFFIX}"))
        .collect())
}

/// Why a file is not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Its name could leave the inbox or hide in it.
    BadName,
    /// Bigger than `MAX_FILE_BYTES`.
    TooLarge,
    /// Not Tandem sync text (a photo shared by mistake).
    NotSync,
}

/// The name to save a file under in the inbox, trimmed, or why it cannot
/// be: empty, longer than `MAX_NAME_CHARS`, hidden (a leading dot), a path
/// (a separator, "..", a drive colon), a control character, or a name a
/// shell gives what it set aside.
pub fn name(name: &str) -> Result<&str, Refusal> {
    let n = name.trim();
    let bad = n.is_empty()
        || n.chars().count() > MAX_NAME_CHARS
        || n.starts_with('.')
        || n.contains("..")
        || n.ends_with(SET_ASIDE_SUFFIX)
        || n.chars()
            .any(|c| matches!(c, '/' | '\\' | ':') || c.is_control());
    if bad { Err(Refusal::BadName) } else { Ok(n) }
}

/// Whether a file named `name` of `size` bytes, with `bytes` when they were
/// read already, is taken; the name to save it under when it is. A shell
/// checks the size before reading (passing no bytes), then the bytes.
pub fn check<'a>(name_given: &'a str, size: u64, bytes: Option<&[u8]>) -> Result<&'a str, Refusal> {
    let name = name(name_given)?;
    if size > MAX_FILE_BYTES || bytes.is_some_and(|b| b.len() as u64 > MAX_FILE_BYTES) {
        return Err(Refusal::TooLarge);
    }
    if let Some(b) = bytes {
        let readable = std::str::from_utf8(b)
            .ok()
            .is_some_and(|t| text::from_text(t).is_ok());
        if !readable {
            return Err(Refusal::NotSync);
        }
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sync_files_are_named_once_for_both_phones_and_taken_back_in() {
        let names = file_names(12).unwrap();
        assert_eq!(names.len(), 12);
        let batch = &names[0][FILE_PREFIX.len()..FILE_PREFIX.len() + 8];
        assert!(batch.chars().all(|c| c.is_ascii_hexdigit()), "{names:?}");
        for (i, n) in names.iter().enumerate() {
            assert_eq!(
                n,
                &format!("{FILE_PREFIX}{batch}-{:03}{FILE_SUFFIX}", i + 1)
            );
            assert_eq!(name(n), Ok(n.as_str()), "the inbox takes its own names");
        }
        // The order by name is the order to import in.
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(sorted, names);
        assert_ne!(file_names(1).unwrap()[0], file_names(1).unwrap()[0]);
        assert!(file_names(0).unwrap().is_empty());
        let many = file_names(1200).unwrap();
        assert!(many[1].ends_with("-0002.tandem") && many[1199].ends_with("-1200.tandem"));
    }

    #[test]
    fn names_that_could_leave_or_hide_in_the_inbox_are_refused() {
        for bad in [
            "",
            "   ",
            ".hidden",
            "../escape.txt",
            "a/b.txt",
            "a\\b.txt",
            "C:evil.txt",
            "tab\there.txt",
            "x.txt.rejected",
        ] {
            assert_eq!(name(bad), Err(Refusal::BadName), "{bad:?}");
        }
        assert_eq!(name(&"a".repeat(121)), Err(Refusal::BadName));
        assert_eq!(name(&"é".repeat(120)), Ok("é".repeat(120).as_str()));
        assert_eq!(name("  tandem-sync-1.txt \n"), Ok("tandem-sync-1.txt"));
    }

    #[test]
    fn size_is_checked_before_reading_and_the_text_after() {
        let good = text::to_text(&[1, 2, 3]);
        assert_eq!(check("a.txt", 10, None), Ok("a.txt"));
        assert_eq!(
            check("a.txt", MAX_FILE_BYTES + 1, None),
            Err(Refusal::TooLarge)
        );
        assert_eq!(
            check("a.txt", good.len() as u64, Some(good.as_bytes())),
            Ok("a.txt")
        );
        assert_eq!(
            check("photo.jpg", 4, Some(&[0xFF, 0xD8, 0xFF, 0xE0])),
            Err(Refusal::NotSync)
        );
        assert_eq!(
            check("../x", 4, Some(good.as_bytes())),
            Err(Refusal::BadName),
            "the name first"
        );
        let big = vec![b'A'; (MAX_FILE_BYTES + 1) as usize];
        assert_eq!(check("a.txt", 0, Some(&big)), Err(Refusal::TooLarge));
    }
}
