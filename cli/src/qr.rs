//! Drawing QR codes from the core's module matrix: in the terminal with
//! half-block characters, and as PNG or SVG files.

use std::path::Path;

use tandem_ffi::QrCode;

use crate::{CliError, Result};

const QUIET: u32 = 4;

fn dark(qr: &QrCode, x: i64, y: i64) -> bool {
    let size = i64::from(qr.size);
    (0..size).contains(&x)
        && (0..size).contains(&y)
        && qr.modules.get((y * size + x) as usize).copied() == Some(1)
}

/// Two module rows per text line. Light modules are drawn, dark ones left
/// blank, as `qrencode -t UTF8` does: right for the usual dark terminal.
pub fn terminal(qr: &QrCode) -> String {
    let (q, size) = (i64::from(QUIET), i64::from(qr.size));
    let mut out = String::new();
    let mut y = -q;
    while y < size + q {
        for x in -q..size + q {
            let (top, bottom) = (!dark(qr, x, y), !dark(qr, x, y + 1));
            out.push(match (top, bottom) {
                (true, true) => '█',
                (true, false) => '▀',
                (false, true) => '▄',
                (false, false) => ' ',
            });
        }
        out.push('\n');
        y += 2;
    }
    out
}

pub fn write_svg(qr: &QrCode, path: &Path) -> Result<()> {
    crate::save(path, qr.svg.as_bytes(), tandem_ffi::FileAccess::Shared)
}

/// A black-on-white PNG, 8 pixels per module, with the quiet zone.
pub fn write_png(qr: &QrCode, path: &Path) -> Result<()> {
    const SCALE: u32 = 8;
    let side = (qr.size + 2 * QUIET) * SCALE;
    let mut pixels = Vec::with_capacity((side * side) as usize);
    for py in 0..side {
        for px in 0..side {
            let x = i64::from(px / SCALE) - i64::from(QUIET);
            let y = i64::from(py / SCALE) - i64::from(QUIET);
            pixels.push(if dark(qr, x, y) { 0u8 } else { 255u8 });
        }
    }
    let fail = |e: &dyn std::fmt::Display| {
        CliError::Usage(format!("cannot write {}: {e}", path.display()))
    };
    let mut image = Vec::new();
    let mut encoder = png::Encoder::new(&mut image, side, side);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|e| fail(&e))?;
    writer.write_image_data(&pixels).map_err(|e| fail(&e))?;
    writer.finish().map_err(|e| fail(&e))?;
    crate::save(path, &image, tandem_ffi::FileAccess::Shared)
}
