//! Naming a version by the short id a person sees: a prefix of its content
//! hash, at least `MIN_PREFIX` hex characters. Every place that takes a
//! version from a person or a shell resolves it here, so the rule (and its
//! errors) is the same for rituals and agreements.

use crate::error::{Error, Result};

/// What the CLI and the shells print: enough that two versions of one
/// ritual or agreement almost never share it, short enough to type.
pub const MIN_PREFIX: usize = 8;

/// The hex form of a 16-byte version hash.
pub const FULL_LEN: usize = 32;

/// The short id shown for a version (its first `MIN_PREFIX` hex characters).
pub fn short(hash: &[u8; 16]) -> String {
    let mut text = hex::encode(hash);
    text.truncate(MIN_PREFIX);
    text
}

/// The one version among `candidates` (the versions of one `what`,
/// "ritual" or "agreement") whose hex hash starts with `prefix`.
///
/// Errors name the problem, never the text typed (it could be anything):
/// malformed or too short is `InvalidInput`, an ambiguous prefix is
/// `InvalidInput` saying how many versions share it, and no match is
/// `NotAllowed` (the versions may have changed on the partner's phone).
pub fn resolve<'a>(
    prefix: &str,
    what: &str,
    candidates: impl IntoIterator<Item = &'a [u8; 16]>,
) -> Result<[u8; 16]> {
    let prefix = normalize(prefix)?;
    let mut found: Vec<[u8; 16]> = candidates
        .into_iter()
        .filter(|h| hex::encode(h).starts_with(&prefix))
        .copied()
        .collect();
    found.sort_unstable();
    found.dedup();
    match found.as_slice() {
        [one] => Ok(*one),
        [] => Err(Error::not_allowed(format!(
            "no version of this {what} has this content hash; it may have changed, so look again"
        ))),
        many => Err(Error::invalid(format!(
            "ambiguous version: {} versions start with these characters; give more of its 32 hex characters",
            many.len()
        ))),
    }
}

fn normalize(prefix: &str) -> Result<String> {
    let text = prefix.trim().to_ascii_lowercase();
    let well_formed = (MIN_PREFIX..=FULL_LEN).contains(&text.len())
        && text.bytes().all(|b| b.is_ascii_hexdigit());
    if well_formed {
        Ok(text)
    } else {
        Err(Error::invalid(format!(
            "a version is named by {MIN_PREFIX} to {FULL_LEN} hex characters of its content hash (32 hex in full)"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(hex_text: &str) -> [u8; 16] {
        let mut out = [0u8; 16];
        out.copy_from_slice(&hex::decode(hex_text).unwrap());
        out
    }

    const A: &str = "0123456789abcdef0123456789abcdef";
    const B: &str = "0123456789abcdefffffffffffffffff";
    const C: &str = "fedcba9876543210fedcba9876543210";

    #[test]
    fn a_unique_prefix_of_eight_or_more_names_one_version() {
        let all = [h(A), h(B), h(C)];
        assert_eq!(resolve("fedcba98", "ritual", &all).unwrap(), h(C));
        assert_eq!(
            resolve("FEDCBA98", "ritual", &all).unwrap(),
            h(C),
            "case-insensitive"
        );
        assert_eq!(
            resolve(" fedcba98\n", "ritual", &all).unwrap(),
            h(C),
            "trimmed"
        );
        assert_eq!(resolve("0123456789abcdef0", "ritual", &all).unwrap(), h(A));
        assert_eq!(resolve(A, "ritual", &all).unwrap(), h(A), "the full hash");
        assert_eq!(short(&h(C)), "fedcba98");
        assert_eq!(
            resolve(&short(&h(C)), "ritual", &all).unwrap(),
            h(C),
            "the short id as printed"
        );
    }

    #[test]
    fn an_ambiguous_prefix_is_refused_and_says_how_many_match() {
        let e = resolve("01234567", "ritual", &[h(A), h(B), h(C)]).unwrap_err();
        assert!(matches!(e, Error::InvalidInput(_)), "{e:?}");
        let text = e.to_string();
        assert!(
            text.contains("ambiguous") && text.contains("2 versions"),
            "{text}"
        );
        assert!(
            !text.contains("01234567"),
            "the typed text is not echoed: {text}"
        );
    }

    #[test]
    fn the_same_hash_listed_twice_is_not_ambiguous() {
        assert_eq!(resolve("fedcba98", "ritual", &[h(C), h(C)]).unwrap(), h(C));
    }

    #[test]
    fn short_malformed_and_unknown_prefixes_are_typed_errors() {
        let all = [h(A), h(C)];
        for bad in [
            "",
            "fedcba9",
            "fedcba9x",
            "zzzzzzzz",
            &format!("{A}0"),
            "fedc ba98",
        ] {
            let e = resolve(bad, "ritual", &all).unwrap_err();
            assert!(matches!(e, Error::InvalidInput(_)), "{bad:?}: {e:?}");
            assert!(e.to_string().contains("8 to 32 hex"), "{e}");
        }
        let e = resolve("aaaaaaaa", "ritual", &all).unwrap_err();
        assert!(matches!(e, Error::NotAllowed(_)), "{e:?}");
        assert!(e.to_string().contains("no version"), "{e}");
    }
}
