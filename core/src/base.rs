//! Base32 and base64 text for pairing codes, sync text and sealed exports.
//!
//! The three encodings Tandem writes (RFC 4648), strict the way
//! `data-encoding` was, whose general-purpose codec was about 45 KB of the
//! mobile library (issue 18 part 4): decoding refuses characters outside
//! the alphabet, impossible lengths, wrong padding and non-zero trailing
//! bits, so every text has exactly one decoding and one encoding. The tests
//! check it against `data-encoding` on random input.

/// An RFC 4648 encoding with 5 or 6 bits per character.
pub struct Codec {
    alphabet: &'static [u8],
    bits: u32,
    pad: bool,
}

/// RFC 4648 §6 without padding: pairing codes.
pub const BASE32_NOPAD: Codec = Codec {
    alphabet: b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
    bits: 5,
    pad: false,
};

/// RFC 4648 §4 with padding: sealed exports.
pub const BASE64: Codec = Codec {
    alphabet: b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
    bits: 6,
    pad: true,
};

/// RFC 4648 §5 (URL- and filename-safe) without padding: sync text.
pub const BASE64URL_NOPAD: Codec = Codec {
    alphabet: b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
    bits: 6,
    pad: false,
};

/// The text is not a valid encoding (callers give their own message).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecodeError;

impl Codec {
    /// Characters in one padded block: 8 for base32, 4 for base64.
    fn block(&self) -> usize {
        if self.bits == 5 { 8 } else { 4 }
    }

    pub fn encode(&self, bytes: &[u8]) -> String {
        let mask = (1u32 << self.bits) - 1;
        let mut out = String::with_capacity((bytes.len() * 8).div_ceil(self.bits as usize) + 8);
        let (mut acc, mut held) = (0u32, 0u32);
        for &b in bytes {
            acc = (acc << 8) | u32::from(b);
            held += 8;
            while held >= self.bits {
                held -= self.bits;
                out.push(char::from(self.alphabet[((acc >> held) & mask) as usize]));
            }
            acc &= (1 << held) - 1;
        }
        if held > 0 {
            out.push(char::from(
                self.alphabet[((acc << (self.bits - held)) & mask) as usize],
            ));
        }
        if self.pad {
            while !out.len().is_multiple_of(self.block()) {
                out.push('=');
            }
        }
        out
    }

    pub fn decode(&self, text: &[u8]) -> Result<Vec<u8>, DecodeError> {
        let body = if self.pad {
            if !text.len().is_multiple_of(self.block()) {
                return Err(DecodeError);
            }
            let padding = text.iter().rev().take_while(|&&c| c == b'=').count();
            let body = &text[..text.len() - padding];
            // Exactly the padding the body's length needs, no more.
            let needed = (self.block() - body.len() % self.block()) % self.block();
            if padding != needed {
                return Err(DecodeError);
            }
            body
        } else {
            text
        };
        let mut out = Vec::with_capacity(body.len() * self.bits as usize / 8);
        let (mut acc, mut held) = (0u32, 0u32);
        for &c in body {
            let value = self
                .alphabet
                .iter()
                .position(|&a| a == c)
                .ok_or(DecodeError)?;
            acc = (acc << self.bits) | value as u32;
            held += self.bits;
            if held >= 8 {
                held -= 8;
                out.push((acc >> held) as u8);
                acc &= (1 << held) - 1;
            }
        }
        // What is left must be fewer bits than one character and all zero:
        // otherwise the length is impossible or the text is not canonical.
        if held >= self.bits || acc != 0 {
            return Err(DecodeError);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn theirs(c: &Codec) -> data_encoding::Encoding {
        match (c.bits, c.pad) {
            (5, _) => data_encoding::BASE32_NOPAD,
            (_, true) => data_encoding::BASE64,
            _ => data_encoding::BASE64URL_NOPAD,
        }
    }

    const ALL: [Codec; 3] = [BASE32_NOPAD, BASE64, BASE64URL_NOPAD];

    #[test]
    fn rfc_4648_vectors() {
        let cases = [
            ("", "", "", ""),
            ("f", "MY", "Zg==", "Zg"),
            ("fo", "MZXQ", "Zm8=", "Zm8"),
            ("foo", "MZXW6", "Zm9v", "Zm9v"),
            ("foob", "MZXW6YQ", "Zm9vYg==", "Zm9vYg"),
            ("fooba", "MZXW6YTB", "Zm9vYmE=", "Zm9vYmE"),
            ("foobar", "MZXW6YTBOI", "Zm9vYmFy", "Zm9vYmFy"),
        ];
        for (plain, b32, b64, b64url) in cases {
            for (codec, text) in [
                (&BASE32_NOPAD, b32),
                (&BASE64, b64),
                (&BASE64URL_NOPAD, b64url),
            ] {
                assert_eq!(codec.encode(plain.as_bytes()), text);
                assert_eq!(codec.decode(text.as_bytes()).unwrap(), plain.as_bytes());
            }
        }
        assert_eq!(BASE64URL_NOPAD.encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(BASE64.encode(&[0xfb, 0xff]), "+/8=");
        for bad in ["Zg=", "Zg===", "Zh==", "Z===", "Zm9v====", "Zm=9", "Zm9v\n"] {
            assert_eq!(BASE64.decode(bad.as_bytes()), Err(DecodeError), "{bad}");
        }
        for bad in ["M", "MZX", "MZXW6Y", "MZ", "mzxq", "MZXQ="] {
            assert_eq!(
                BASE32_NOPAD.decode(bad.as_bytes()),
                Err(DecodeError),
                "{bad}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 2000,
            rng_seed: proptest::test_runner::RngSeed::Fixed(0xB45E),
            ..ProptestConfig::default()
        })]

        #[test]
        fn encodes_like_data_encoding(bytes in proptest::collection::vec(any::<u8>(), 0..80), which in 0usize..3) {
            let codec = &ALL[which];
            let text = codec.encode(&bytes);
            prop_assert_eq!(&text, &theirs(codec).encode(&bytes));
            prop_assert_eq!(codec.decode(text.as_bytes()).unwrap(), bytes);
        }

        /// Text made of alphabet characters, padding and a few others:
        /// accepted and refused exactly where data-encoding does.
        #[test]
        fn decodes_like_data_encoding(text in "[A-Za-z0-9+/=_\\-. ]{0,24}", which in 0usize..3) {
            let codec = &ALL[which];
            let ours = codec.decode(text.as_bytes()).ok();
            let reference = theirs(codec).decode(text.as_bytes()).ok();
            prop_assert_eq!(ours, reference, "{}", text);
        }

        /// Alphabet characters only (and base64 padding): mostly valid
        /// lengths, so the trailing-bits and padding rules are exercised.
        #[test]
        fn decodes_alphabet_text_like_data_encoding(
            b32 in "[A-Z2-7]{0,20}",
            b64 in "[A-Za-z0-9+/]{0,20}={0,3}",
        ) {
            for (codec, text) in [(&BASE32_NOPAD, &b32), (&BASE64, &b64), (&BASE64URL_NOPAD, &b64)] {
                let ours = codec.decode(text.as_bytes()).ok();
                let reference = theirs(codec).decode(text.as_bytes()).ok();
                prop_assert_eq!(ours, reference, "{}", text);
            }
        }
    }
}
