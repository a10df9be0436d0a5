//! # hrid-label
//!
//! Printable QR labels for humanoid-robot identity codes and passports, and reading them back from
//! photos and scans.
//!
//! A label is a QR symbol with a quiet zone and, under it, the robot's identity code in display
//! form, drawn with a built-in 5x7 bitmap font so that SVG and PNG output are the same picture and
//! the scanner can read the printed text back and compare it with the QR content.
//!
//! | content | QR payload | error correction | why |
//! | --- | --- | --- | --- |
//! | identity code | the 29-symbol canonical code, one alphanumeric segment | H (30%) | nameplates live for years on a machine: scratches, paint, grease; the symbol stays small (version 3, 29x29 modules) |
//! | passport | the passport text (at most 200 characters), one alphanumeric segment | M (15%) | a fresh print on a crate or a screen, re-issued often; M keeps the symbol at version 9 or below, readable by phone cameras at arm's length |
//!
//! ```
//! let code: hrid::code::IdentityCode = "860042A3W0F50000000012345ZAR2".parse()?;
//! let label = hrid_label::Label::for_code(&code)?;
//! let png = label.to_png(8)?;
//! let scanned = hrid_label::scan(&png)?;
//! assert_eq!(scanned.content, code.as_str());
//! assert_eq!(scanned.printed, hrid_label::Printed::Matches(code.display_form()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod font;

use hrid::code::IdentityCode;
use qrcode::{Color, EcLevel, QrCode};
use rqrr::BitGrid as _;

/// Quiet zone around the symbol, in modules (the QR standard's minimum).
pub const QUIET_ZONE: usize = 4;
/// Font pixels per module: the caption is drawn at a quarter of a module per pixel.
const UNITS_PER_MODULE: usize = 4;
/// Gap between caption lines, in font pixels.
const LINE_GAP: usize = 3;
/// Margin under the caption, in font pixels.
const BOTTOM_MARGIN: usize = 8;
/// Horizontal advance of one character, in font pixels.
const ADVANCE: usize = font::WIDTH + 1;

/// Why a label could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LabelError {
    /// The content does not fit in a QR symbol, or is not alphanumeric.
    #[error("cannot encode the label content as a QR symbol: {0}")]
    Encode(String),
    /// The requested pixel size is not usable.
    #[error("module size must be a multiple of 4 pixels between 4 and 64, got {0}")]
    ModuleSize(u32),
    /// The PNG could not be written.
    #[error("cannot write the PNG: {0}")]
    Png(String),
}

impl LabelError {
    /// The stable reason code.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            LabelError::Encode(_) => "label.encode_failed",
            LabelError::ModuleSize(_) => "label.bad_size",
            LabelError::Png(_) => "label.encode_failed",
        }
    }
}

/// A rendered label: the QR modules and the caption, on a grid of font pixels.
#[derive(Debug, Clone)]
pub struct Label {
    /// Modules per side of the QR symbol (without the quiet zone).
    modules: usize,
    /// `true` = dark, row-major, `modules * modules`.
    dark: Vec<bool>,
    /// Caption lines, in display form.
    caption: Vec<String>,
    /// What the QR holds (for the SVG's description).
    content: String,
}

fn caption_for(code: &IdentityCode) -> Vec<String> {
    // Two lines keep the caption within the symbol's width: "86-0042-A3W0F5" and
    // "0000000012345-ZAR2".
    let display = code.display_form();
    match display.match_indices('-').nth(2) {
        Some((i, _)) => vec![
            display.get(..i).unwrap_or_default().to_owned(),
            display.get(i + 1..).unwrap_or_default().to_owned(),
        ],
        None => vec![display],
    }
}

impl Label {
    /// The label for an identity code: the QR holds the canonical code.
    ///
    /// # Errors
    /// Never in practice (29 alphanumeric symbols always fit); [`LabelError::Encode`] otherwise.
    pub fn for_code(code: &IdentityCode) -> Result<Label, LabelError> {
        Label::new(code.as_str(), EcLevel::H, caption_for(code))
    }

    /// The label for a passport: the QR holds the passport text, the caption shows the code the
    /// passport is about.
    ///
    /// # Errors
    /// [`LabelError::Encode`] when the text is too long or not in the QR alphanumeric set.
    pub fn for_passport(passport_text: &str, code: &IdentityCode) -> Result<Label, LabelError> {
        let alnum = passport_text
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase() || " $%*+-./:".contains(c));
        if !alnum {
            return Err(LabelError::Encode(
                "a passport text holds only QR alphanumeric characters".to_owned(),
            ));
        }
        Label::new(passport_text, EcLevel::M, caption_for(code))
    }

    /// A label with a caption that may differ from the content: for tests of forged labels.
    #[doc(hidden)]
    pub fn with_caption(content: &str, caption_code: &IdentityCode) -> Result<Label, LabelError> {
        Label::new(content, EcLevel::H, caption_for(caption_code))
    }

    fn new(content: &str, level: EcLevel, caption: Vec<String>) -> Result<Label, LabelError> {
        let qr = QrCode::with_error_correction_level(content.as_bytes(), level)
            .map_err(|e| LabelError::Encode(e.to_string()))?;
        let modules = qr.width();
        let dark = qr
            .to_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect();
        Ok(Label {
            modules,
            dark,
            caption,
            content: content.to_owned(),
        })
    }

    /// Modules per side of the symbol (21 for version 1, +4 per version).
    #[must_use]
    pub fn modules(&self) -> usize {
        self.modules
    }

    /// The caption lines printed under the symbol.
    #[must_use]
    pub fn caption(&self) -> &[String] {
        &self.caption
    }

    /// Width and height in font pixels (a module is 4 font pixels).
    fn size_units(&self) -> (usize, usize) {
        let side = (self.modules + 2 * QUIET_ZONE) * UNITS_PER_MODULE;
        let lines = self.caption.len();
        let caption = lines * font::HEIGHT + lines.saturating_sub(1) * LINE_GAP;
        (side, side + caption + BOTTOM_MARGIN)
    }

    /// Every dark rectangle `(x, y, w, h)` in font pixels: modules first, then caption pixels.
    fn rects(&self) -> Vec<(usize, usize, usize, usize)> {
        let mut out = Vec::new();
        let u = UNITS_PER_MODULE;
        for (i, _) in self.dark.iter().enumerate().filter(|(_, d)| **d) {
            let (row, col) = (i / self.modules, i % self.modules);
            out.push(((col + QUIET_ZONE) * u, (row + QUIET_ZONE) * u, u, u));
        }
        let (width, _) = self.size_units();
        let top = (self.modules + 2 * QUIET_ZONE) * u;
        for (line_no, line) in self.caption.iter().enumerate() {
            let line_width = line.chars().count() * ADVANCE - 1;
            let x0 = width.saturating_sub(line_width) / 2;
            let y0 = top + line_no * (font::HEIGHT + LINE_GAP);
            for (k, c) in line.chars().enumerate() {
                let Some(rows) = font::glyph(c) else { continue };
                for y in 0..font::HEIGHT {
                    for x in 0..font::WIDTH {
                        if font::is_set(&rows, x, y) {
                            out.push((x0 + k * ADVANCE + x, y0 + y, 1, 1));
                        }
                    }
                }
            }
        }
        out
    }

    /// The label as SVG: black rectangles on white, no fonts or external references. One SVG user
    /// unit is a quarter of a module; scale the `width`/`height` attributes to print.
    #[must_use]
    pub fn to_svg(&self) -> String {
        let (w, h) = self.size_units();
        let mut path = String::new();
        for (x, y, rw, rh) in self.rects() {
            path.push_str(&format!("M{x} {y}h{rw}v{rh}h-{rw}z"));
        }
        let title = self.caption.join(" ");
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{}\" height=\"{}\" shape-rendering=\"crispEdges\">\
<title>{title}</title><desc>{}</desc><rect width=\"{w}\" height=\"{h}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>\n",
            w * 2,
            h * 2,
            xml_escape(&self.content)
        )
    }

    /// The label as PNG, `module_px` pixels per module (a multiple of 4, from 4 to 64).
    ///
    /// # Errors
    /// [`LabelError::ModuleSize`], [`LabelError::Png`].
    pub fn to_png(&self, module_px: u32) -> Result<Vec<u8>, LabelError> {
        let img = self.to_image(module_px)?;
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png)
            .map_err(|e| LabelError::Png(e.to_string()))?;
        Ok(out.into_inner())
    }

    /// The label as a greyscale image, `module_px` pixels per module.
    ///
    /// # Errors
    /// [`LabelError::ModuleSize`].
    pub fn to_image(&self, module_px: u32) -> Result<image::GrayImage, LabelError> {
        if module_px % 4 != 0 || !(4..=64).contains(&module_px) {
            return Err(LabelError::ModuleSize(module_px));
        }
        let unit = module_px / 4;
        let (w, h) = self.size_units();
        let to_px = |v: usize| u32::try_from(v).unwrap_or(u32::MAX).saturating_mul(unit);
        let mut img = image::GrayImage::from_pixel(to_px(w), to_px(h), image::Luma([255]));
        for (x, y, rw, rh) in self.rects() {
            for py in to_px(y)..to_px(y + rh) {
                for px in to_px(x)..to_px(x + rw) {
                    if px < img.width() && py < img.height() {
                        img.put_pixel(px, py, image::Luma([0]));
                    }
                }
            }
        }
        Ok(img)
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// What the scanner read of the printed caption.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "status", content = "text", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Printed {
    /// The printed text equals the display form of the code in the symbol.
    Matches(String),
    /// The printed text differs from the symbol: a forged or mixed-up label.
    Differs(String),
    /// The caption was read, but the symbol holds no identity code to compare it with (a
    /// passport: compare it with the passport's subject).
    Read(String),
    /// The caption could not be read (rotated or too small an image, or not an hrid label).
    NotChecked,
}

/// What a label holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ContentKind {
    /// A valid identity code.
    Code,
    /// Text that is not a valid identity code (a passport, or something else: the caller decides).
    Other,
}

/// One QR symbol read from an image.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct Scanned {
    /// The decoded text.
    pub content: String,
    /// Whether it is an identity code.
    pub kind: ContentKind,
    /// The printed caption, compared with the content (for codes) or with `caption_code`.
    pub printed: Printed,
}

/// Why an image yielded nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ScanError {
    /// Not a PNG or JPEG image this library can read.
    #[error("cannot read the image: {0}")]
    Image(String),
    /// The image is larger than the limit.
    #[error("the image is {width}x{height} pixels; the limit is {limit} pixels per side")]
    TooLarge {
        /// Width.
        width: u32,
        /// Height.
        height: u32,
        /// The limit.
        limit: u32,
    },
    /// Decoding and scanning the image would take more memory than [`MAX_DECODE_BYTES`].
    #[error("the image ({width} x {height} pixels) would need {bytes} bytes to decode and scan; the limit is {limit}")]
    OverBudget {
        /// Width.
        width: u32,
        /// Height.
        height: u32,
        /// The bytes it would need.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// No QR symbol was found.
    #[error("no QR symbol found")]
    NoSymbol,
    /// A symbol was found but could not be decoded (damaged beyond its error correction).
    #[error("a QR symbol was found but cannot be decoded: {0}")]
    Undecodable(String),
}

impl ScanError {
    /// The stable reason code.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            ScanError::Image(_) => "label.image_unreadable",
            ScanError::TooLarge { .. } | ScanError::OverBudget { .. } => "label.image_too_large",
            ScanError::NoSymbol => "label.no_symbol",
            ScanError::Undecodable(_) => "label.undecodable",
        }
    }
}

/// Largest image side accepted, in pixels (a 12-megapixel photo is 4,000 x 3,000).
pub const MAX_IMAGE_SIDE: u32 = 8_192;

/// The most memory decoding and scanning one image may take, in bytes (200 MiB): the decoded
/// pixels in their own format, plus [`WORKING_BYTES_PER_PIXEL`] for the greyscale copies the
/// scan works on. Checked from the header, before decoding: a 12-megapixel RGB photo needs about
/// 132 MB; a small PNG that declares 8,192 x 8,192 16-bit RGBA pixels (512 MiB decoded) is
/// refused without being decoded.
pub const MAX_DECODE_BYTES: u64 = 200 * 1024 * 1024;

/// Bytes a pixel costs in the scan's working copies (the greyscale image, a blurred copy and the
/// blur's buffers).
pub const WORKING_BYTES_PER_PIXEL: u64 = 8;

/// Find and decode the QR symbol in a PNG or JPEG image, and read the printed caption when the
/// image is upright and sharp enough.
///
/// # Errors
/// [`ScanError`]: `label.image_unreadable`, `label.image_too_large`, `label.no_symbol`,
/// `label.undecodable`.
pub fn scan(image_bytes: &[u8]) -> Result<Scanned, ScanError> {
    let reader = image::ImageReader::new(std::io::Cursor::new(image_bytes))
        .with_guessed_format()
        .map_err(|e| ScanError::Image(e.to_string()))?;
    let decoder = reader
        .into_decoder()
        .map_err(|e| ScanError::Image(e.to_string()))?;
    let (width, height) = image::ImageDecoder::dimensions(&decoder);
    if width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE {
        return Err(ScanError::TooLarge {
            width,
            height,
            limit: MAX_IMAGE_SIDE,
        });
    }
    // The memory budget, from the header: the decoded pixels, and the greyscale working copies.
    let pixels = u64::from(width) * u64::from(height);
    let need = image::ImageDecoder::total_bytes(&decoder)
        .saturating_add(pixels.saturating_mul(WORKING_BYTES_PER_PIXEL));
    if need > MAX_DECODE_BYTES {
        return Err(ScanError::OverBudget {
            width,
            height,
            bytes: need,
            limit: MAX_DECODE_BYTES,
        });
    }
    let img =
        image::DynamicImage::from_decoder(decoder).map_err(|e| ScanError::Image(e.to_string()))?;
    scan_image(&img.to_luma8())
}

/// [`scan`] for an already decoded greyscale image.
///
/// # Errors
/// `label.no_symbol`, `label.undecodable`.
pub fn scan_image(img: &image::GrayImage) -> Result<Scanned, ScanError> {
    // Photos of labels are noisy, small or blurred: when the image as given yields nothing, try
    // it denoised (a light blur averages out speckle) and enlarged (the symbol finder needs a few
    // pixels per module). Every attempt runs on a copy; the first symbol decoded wins.
    let mut result = scan_once(img);
    if result.is_ok() {
        return result;
    }
    let small = img.width().max(img.height()) < 1_600;
    let denoised = image::imageops::blur(img, 1.0);
    let mut attempts = vec![denoised.clone()];
    if small {
        let (w, h) = (img.width() * 2, img.height() * 2);
        attempts.push(image::imageops::resize(
            img,
            w,
            h,
            image::imageops::FilterType::Triangle,
        ));
        attempts.push(image::imageops::resize(
            &denoised,
            w,
            h,
            image::imageops::FilterType::Triangle,
        ));
    }
    for attempt in &attempts {
        let next = scan_once(attempt);
        match (&result, &next) {
            (_, Ok(_)) => return next,
            (Err(ScanError::NoSymbol), Err(ScanError::Undecodable(_))) => result = next,
            _ => {}
        }
    }
    result
}

fn scan_once(img: &image::GrayImage) -> Result<Scanned, ScanError> {
    let mut prepared = rqrr::PreparedImage::prepare(img.clone());
    let grids = prepared.detect_grids();
    let mut last_error = None;
    for grid in &grids {
        match grid.decode() {
            Ok((_meta, content)) => {
                let code = IdentityCode::parse(&content)
                    .ok()
                    .filter(|c| c.as_str() == content);
                let kind = if code.is_some() {
                    ContentKind::Code
                } else {
                    ContentKind::Other
                };
                let printed = read_caption(img, grid.bounds, grid.grid.size()).map_or(
                    Printed::NotChecked,
                    |text| match &code {
                        Some(c) if caption_for(c).join(" ") == text => {
                            Printed::Matches(c.display_form())
                        }
                        Some(_) => Printed::Differs(text),
                        None => Printed::Read(text),
                    },
                );
                return Ok(Scanned {
                    content,
                    kind,
                    printed,
                });
            }
            Err(e) => last_error = Some(e.to_string()),
        }
    }
    Err(match last_error {
        Some(e) => ScanError::Undecodable(e),
        None => ScanError::NoSymbol,
    })
}

/// Read the caption under an upright symbol whose corners are `bounds` (clockwise from top
/// left) and which has `modules` modules per side. `None` when the image is rotated or too
/// small to read, or a glyph is not recognised.
fn read_caption(
    img: &image::GrayImage,
    bounds: [rqrr::Point; 4],
    modules: usize,
) -> Option<String> {
    let [tl, tr, br, bl] = bounds;
    let (x0, y0) = (f64::from(tl.x), f64::from(tl.y));
    let side_x = f64::from(tr.x) - x0;
    let side_y = f64::from(bl.y) - y0;
    // Upright within a pixel or two, and square.
    let skew = (f64::from(tr.y) - y0).abs()
        + (f64::from(bl.x) - x0).abs()
        + (f64::from(br.x - tr.x)).abs()
        + (f64::from(br.y - bl.y)).abs();
    if modules == 0 || side_x <= 0.0 || skew > 4.0 || (side_x - side_y).abs() > 3.0 {
        return None;
    }
    // rqrr's corners span `modules + 1` modules (its grid maps module centres, and the corner
    // points sit at grid coordinates 0 and `modules + 1`); measured on rendered labels.
    let module = side_x / (modules + 1) as f64;
    let unit = module / UNITS_PER_MODULE as f64;
    if unit < 1.5 {
        return None;
    }
    // The caption starts one quiet zone below the symbol; lines are centred on the symbol.
    let symbol = modules as f64 * module;
    // The renderer's own integer layout: the label's left edge and width in font pixels.
    let origin_x = x0 - (QUIET_ZONE * UNITS_PER_MODULE) as f64 * unit;
    let width_units = (modules + 2 * QUIET_ZONE) * UNITS_PER_MODULE;
    let caption_top = y0 + symbol + (QUIET_ZONE * UNITS_PER_MODULE) as f64 * unit;
    let threshold = otsu_threshold(img);
    let dark = |x: f64, y: f64| -> bool {
        let (xi, yi) = (x.round(), y.round());
        if xi < 0.0 || yi < 0.0 {
            return false;
        }
        img.get_pixel_checked(xi as u32, yi as u32)
            .is_some_and(|p| p.0[0] < threshold)
    };
    let mut lines = Vec::new();
    for line_no in 0..2 {
        let top = caption_top + (line_no * (font::HEIGHT + LINE_GAP)) as f64 * unit;
        // Find how many glyph cells the line has: try the lengths a caption can have.
        let mut best: Option<(String, u32)> = None;
        for len in 1..=40usize {
            let line_units = len * ADVANCE - 1;
            let width = line_units as f64 * unit;
            let left = origin_x + (width_units.saturating_sub(line_units) / 2) as f64 * unit;
            let mut text = String::new();
            let mut cost = 0u32;
            for k in 0..len {
                let mut seen = [0u8; font::HEIGHT];
                for (y, row) in seen.iter_mut().enumerate() {
                    for x in 0..font::WIDTH {
                        let px = left + ((k * ADVANCE + x) as f64 + 0.5) * unit;
                        let py = top + (y as f64 + 0.5) * unit;
                        if dark(px, py) {
                            *row |= 1 << (font::WIDTH - 1 - x);
                        }
                    }
                }
                let (c, d) = font::nearest(&seen);
                text.push(c);
                cost += d;
            }
            // A right guess leaves blank columns just outside the line.
            let outside = [left - 1.5 * unit, left + width + 1.5 * unit];
            let ink_outside = (0..font::HEIGHT).any(|y| {
                outside
                    .iter()
                    .any(|&x| dark(x, top + (y as f64 + 0.5) * unit))
            });
            if ink_outside || cost > len as u32 * 2 {
                continue;
            }
            if best.as_ref().is_none_or(|(_, c)| cost < *c) {
                best = Some((text, cost));
            }
        }
        lines.push(best?.0);
    }
    Some(lines.join(" "))
}

/// Otsu's threshold over the whole image.
fn otsu_threshold(img: &image::GrayImage) -> u8 {
    let mut hist = [0u64; 256];
    for p in img.pixels() {
        if let Some(h) = hist.get_mut(usize::from(p.0[0])) {
            *h += 1;
        }
    }
    let total: u64 = hist.iter().sum();
    let sum_all: f64 = hist
        .iter()
        .enumerate()
        .map(|(i, &h)| i as f64 * h as f64)
        .sum();
    let (mut w_b, mut sum_b, mut best, mut best_t) = (0u64, 0f64, 0f64, 128u8);
    for (t, &h) in hist.iter().enumerate() {
        w_b += h;
        if w_b == 0 || w_b == total {
            continue;
        }
        sum_b += t as f64 * h as f64;
        let w_f = total - w_b;
        let (m_b, m_f) = (sum_b / w_b as f64, (sum_all - sum_b) / w_f as f64);
        let between = w_b as f64 * w_f as f64 * (m_b - m_f) * (m_b - m_f);
        if between > best {
            best = between;
            best_t = u8::try_from(t).unwrap_or(128);
        }
    }
    best_t.saturating_add(1)
}
