//! QR codes for the pairing and sync texts: the module matrix a shell draws,
//! and an SVG. Error correction level M throughout.

use qrcode::{Color, EcLevel, QrCode, Version};

use crate::error::{Error, Result};

/// Modules of light margin around a code, as the QR standard asks.
pub const QUIET_ZONE: u32 = 4;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    /// QR version, 1 to 40.
    pub version: u8,
    /// Modules per side (without the quiet zone).
    pub size: u32,
    /// Row-major, `size * size` entries, true for dark.
    pub dark: Vec<bool>,
}

pub fn encode(text: &str) -> Result<QrMatrix> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|_| Error::invalid("the text is too long for one QR code"))?;
    let version = match code.version() {
        Version::Normal(v) => v as u8,
        Version::Micro(v) => v as u8,
    };
    Ok(QrMatrix {
        version,
        size: code.width() as u32,
        dark: code
            .to_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect(),
    })
}

impl QrMatrix {
    pub fn is_dark(&self, x: u32, y: u32) -> bool {
        x < self.size && y < self.size && self.dark[(y * self.size + x) as usize]
    }

    /// A standalone SVG: one path, a module per unit, with the quiet zone.
    pub fn svg(&self) -> String {
        let full = self.size + 2 * QUIET_ZONE;
        let mut path = String::with_capacity(self.dark.len() * 4);
        for y in 0..self.size {
            for x in 0..self.size {
                if self.is_dark(x, y) {
                    path.push_str(&format!("M{},{}h1v1h-1z", x + QUIET_ZONE, y + QUIET_ZONE));
                }
            }
        }
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {full} {full}\" shape-rendering=\"crispEdges\">\
             <rect width=\"{full}\" height=\"{full}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>\n"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix_shape_and_finder_patterns() {
        let m = encode("TANDEM:HELLO").unwrap();
        assert_eq!(m.size, 17 + 4 * u32::from(m.version));
        assert_eq!(m.dark.len(), (m.size * m.size) as usize);
        // The top-left finder pattern: a dark 7x7 ring around a light ring.
        for i in 0..7 {
            assert!(m.is_dark(i, 0) && m.is_dark(0, i) && m.is_dark(6, i) && m.is_dark(i, 6));
        }
        assert!(!m.is_dark(1, 1) && m.is_dark(3, 3));
        let svg = m.svg();
        assert!(svg.starts_with("<svg") && svg.contains("h1v1h-1z"));
    }

    /// Reads a matrix back with an independent decoder (rqrr), at 4 pixels
    /// per module with the quiet zone, as a camera would see it.
    fn decode(m: &QrMatrix) -> String {
        let scale = 4;
        let side = ((m.size + 2 * QUIET_ZONE) * scale) as usize;
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
            let mx = (x as u32 / scale) as i64 - i64::from(QUIET_ZONE);
            let my = (y as u32 / scale) as i64 - i64::from(QUIET_ZONE);
            let dark = mx >= 0 && my >= 0 && m.is_dark(mx as u32, my as u32);
            if dark { 0 } else { 255 }
        });
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1, "one code in the picture");
        let (meta, content) = grids[0].decode().expect("decodes");
        assert_eq!(meta.ecc_level, 0, "level M");
        content
    }

    #[test]
    fn codes_read_back_with_another_decoder() {
        for text in [
            "TANDEM:AEAUY3JSERAILEAVTCEDIHD3WYUGUAAAAGSDBGW5YDFZMRYCQ2VBDDHF7KVSH4CY3AFYMVR5NTGC6SMRFFLVZD4DQ5SC2",
            "TSYNC1-CHUNK:4a66e0fb:1:1:VE5EUwEBTG0yJECFkBWYiDQce7YoakB4RLBp_9jCpyEaqy7C",
            "short",
        ] {
            let m = encode(text).unwrap();
            assert_eq!(decode(&m), text);
        }
    }

    #[test]
    fn too_long_is_an_error() {
        assert!(encode(&"x".repeat(5000)).is_err());
    }
}
