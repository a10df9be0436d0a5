//! Labels round-trip through PNG and rasterised SVG, and scanning degrades gracefully: the limits
//! asserted here are the ones `docs/labels.md` states.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code

use hrid::code::IdentityCode;
use hrid_label::{scan, scan_image, ContentKind, Label, Printed, ScanError};
use image::{imageops, GrayImage, Luma};
use imageproc::geometric_transformations::{rotate_about_center, Interpolation};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn code() -> IdentityCode {
    "860042A3W0F50000000012345ZAR2".parse().unwrap()
}

/// A stand-in passport text of the maximum length (200 QR-alphanumeric characters).
fn passport_text() -> String {
    let mut rng = ChaCha8Rng::seed_from_u64(9);
    let body: String = (0..196)
        .map(|_| char::from(b"0123456789ABCDEFGHJKMNPQRSTVWXYZ"[rng.gen_range(0..32)]))
        .collect();
    format!("HP1:{body}")
}

fn pad(img: &GrayImage, by: u32) -> GrayImage {
    let mut out = GrayImage::from_pixel(img.width() + 2 * by, img.height() + 2 * by, Luma([255]));
    imageops::overlay(&mut out, img, i64::from(by), i64::from(by));
    out
}

fn rasterise_svg(svg: &str, scale: f32) -> GrayImage {
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default()).unwrap();
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).unwrap();
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    GrayImage::from_fn(w, h, |x, y| {
        let p = pixmap.pixel(x, y).unwrap();
        // Transparent background counts as white.
        let a = f32::from(p.alpha()) / 255.0;
        Luma([(f32::from(p.red()) * a + 255.0 * (1.0 - a)) as u8])
    })
}

#[test]
fn code_labels_round_trip_through_png_at_every_size() {
    let label = Label::for_code(&code()).unwrap();
    assert_eq!(label.modules(), 29, "version 3 at error-correction level H");
    for px in [4, 8, 12, 16, 32] {
        let png = label.to_png(px).unwrap();
        let s = scan(&png).unwrap();
        assert_eq!(s.content, "860042A3W0F50000000012345ZAR2");
        assert_eq!(s.kind, ContentKind::Code);
        let printed = if px >= 8 {
            Printed::Matches(code().display_form())
        } else {
            Printed::NotChecked
        };
        assert_eq!(s.printed, printed, "module {px}px");
    }
    assert!(matches!(
        label.to_png(6),
        Err(hrid_label::LabelError::ModuleSize(6))
    ));
}

#[test]
fn code_and_passport_labels_round_trip_through_rasterised_svg() {
    let label = Label::for_code(&code()).unwrap();
    let svg = label.to_svg();
    assert!(svg.starts_with("<svg") && svg.contains("86-0042-A3W0F5 0000000012345-ZAR2"));
    let s = scan_image(&rasterise_svg(&svg, 2.0)).unwrap();
    assert_eq!(s.content, code().as_str());
    assert_eq!(s.printed, Printed::Matches(code().display_form()));

    let text = passport_text();
    let label = Label::for_passport(&text, &code()).unwrap();
    assert!(
        label.modules() <= 53,
        "a 200-character passport fits version 9 at level M, got {} modules",
        label.modules()
    );
    let s = scan_image(&rasterise_svg(&label.to_svg(), 2.0)).unwrap();
    assert_eq!(s.content, text);
    assert_eq!(s.kind, ContentKind::Other);
    let s = scan(&label.to_png(8).unwrap()).unwrap();
    assert_eq!(s.content, text);
    assert!(
        Label::for_passport("hp1:lowercase", &code()).is_err(),
        "only QR alphanumeric text"
    );
}

#[test]
fn a_label_whose_printed_text_disagrees_with_its_symbol_is_reported() {
    let other: IdentityCode = "860042A3W0F50000000012346ET4W".parse().unwrap();
    let forged = Label::with_caption(code().as_str(), &other).unwrap();
    let s = scan(&forged.to_png(8).unwrap()).unwrap();
    assert_eq!(s.content, code().as_str());
    assert_eq!(
        s.printed,
        Printed::Differs("86-0042-A3W0F5 0000000012346-ET4W".to_owned())
    );
}

/// Downscaling a label rendered at 8 px per module: decodes down to 2 px per module (25%),
/// and fails cleanly (no panic, a typed error) at 1 px per module.
#[test]
fn scaled_down_images() {
    let img = Label::for_code(&code()).unwrap().to_image(8).unwrap();
    for percent in [100u32, 75, 50, 38, 30, 25] {
        let small = imageops::resize(
            &img,
            img.width() * percent / 100,
            img.height() * percent / 100,
            imageops::FilterType::Triangle,
        );
        assert_eq!(
            scan_image(&small).unwrap().content,
            code().as_str(),
            "{percent}%"
        );
    }
    let tiny = imageops::resize(
        &img,
        img.width() / 8,
        img.height() / 8,
        imageops::FilterType::Triangle,
    );
    assert!(matches!(
        scan_image(&tiny),
        Err(ScanError::NoSymbol | ScanError::Undecodable(_))
    ));
}

/// Any rotation decodes (the printed text is then not checked, as documented).
#[test]
fn rotated_images() {
    let img = pad(&Label::for_code(&code()).unwrap().to_image(8).unwrap(), 120);
    for degrees in [
        0.0f32, 5.0, 15.0, 30.0, 45.0, 90.0, 135.0, 180.0, 270.0, 333.0,
    ] {
        let rotated = rotate_about_center(
            &img,
            degrees.to_radians(),
            Interpolation::Bilinear,
            Luma([255]),
        );
        let s = scan_image(&rotated).unwrap_or_else(|e| panic!("{degrees} degrees: {e}"));
        assert_eq!(s.content, code().as_str(), "{degrees} degrees");
        if degrees == 0.0 {
            assert_eq!(s.printed, Printed::Matches(code().display_form()));
        }
    }
}

fn salt_and_pepper(img: &GrayImage, fraction: f64, seed: u64) -> GrayImage {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut out = img.clone();
    for p in out.pixels_mut() {
        if rng.gen_bool(fraction) {
            p.0[0] = if rng.gen_bool(0.5) { 0 } else { 255 };
        }
    }
    out
}

/// Salt-and-pepper noise: decodes with up to 2% of pixels flipped at random (every one of 5
/// seeds; at 5% most seeds still decode, at 8% about half); at 45% there is no symbol left, and
/// the scan fails cleanly.
#[test]
fn noisy_images() {
    let img = Label::for_code(&code()).unwrap().to_image(8).unwrap();
    for fraction in [0.005, 0.01, 0.02] {
        for seed in 0..5 {
            let noisy = salt_and_pepper(&img, fraction, seed);
            assert_eq!(
                scan_image(&noisy).unwrap().content,
                code().as_str(),
                "noise {fraction} seed {seed}"
            );
        }
    }
    let ruined = salt_and_pepper(&img, 0.45, 7);
    assert!(matches!(
        scan_image(&ruined),
        Err(ScanError::NoSymbol | ScanError::Undecodable(_))
    ));
}

/// Gaussian blur: decodes up to sigma 2.5 px at 8 px per module (about a third of a module); a
/// blur of 8 px (a full module) leaves nothing readable.
#[test]
fn blurred_images() {
    let img = Label::for_code(&code()).unwrap().to_image(8).unwrap();
    for sigma in [0.5f32, 1.0, 2.0, 2.5] {
        let blurred = imageops::blur(&img, sigma);
        assert_eq!(
            scan_image(&blurred).unwrap().content,
            code().as_str(),
            "sigma {sigma}"
        );
    }
    let ruined = imageops::blur(&img, 8.0);
    assert!(matches!(
        scan_image(&ruined),
        Err(ScanError::NoSymbol | ScanError::Undecodable(_))
    ));
}

#[test]
fn bad_images_fail_cleanly() {
    assert_eq!(
        scan(b"not an image").unwrap_err().code(),
        "label.image_unreadable"
    );
    assert_eq!(scan(&[]).unwrap_err().code(), "label.image_unreadable");
    let blank = GrayImage::from_pixel(300, 300, Luma([255]));
    let mut png = std::io::Cursor::new(Vec::new());
    blank.write_to(&mut png, image::ImageFormat::Png).unwrap();
    assert_eq!(scan(png.get_ref()).unwrap_err().code(), "label.no_symbol");
    // At the size limit the image is read (and holds no symbol); one pixel wider is refused.
    let at_limit = GrayImage::from_pixel(hrid_label::MAX_IMAGE_SIDE, 1, Luma([255]));
    let mut png = std::io::Cursor::new(Vec::new());
    at_limit
        .write_to(&mut png, image::ImageFormat::Png)
        .unwrap();
    assert_eq!(scan(png.get_ref()).unwrap_err().code(), "label.no_symbol");
    let wide = GrayImage::from_pixel(hrid_label::MAX_IMAGE_SIDE + 1, 1, Luma([255]));
    let mut png = std::io::Cursor::new(Vec::new());
    wide.write_to(&mut png, image::ImageFormat::Png).unwrap();
    assert_eq!(
        scan(png.get_ref()).unwrap_err().code(),
        "label.image_too_large"
    );
    // The memory budget, from the header alone: a small file that declares 4,096 x 4,096 pixels
    // of 16-bit RGBA (256 MiB with the working copies) is refused before decoding; the same size
    // in 8-bit RGB (176 MiB) is within the budget (and then fails to decode: it has no pixels).
    assert_eq!(
        scan(&png_header_only(4_096, 4_096, 16, 6))
            .unwrap_err()
            .code(),
        "label.image_too_large"
    );
    assert_eq!(
        scan(&png_header_only(4_096, 4_096, 8, 2))
            .unwrap_err()
            .code(),
        "label.image_unreadable"
    );
    // A truncated PNG.
    let label = Label::for_code(&code()).unwrap().to_png(8).unwrap();
    assert_eq!(
        scan(&label[..label.len() / 2]).unwrap_err().code(),
        "label.image_unreadable"
    );
    // JPEG works too.
    let img = Label::for_code(&code()).unwrap().to_image(8).unwrap();
    let mut jpeg = std::io::Cursor::new(Vec::new());
    img.write_to(&mut jpeg, image::ImageFormat::Jpeg).unwrap();
    assert_eq!(scan(jpeg.get_ref()).unwrap().content, code().as_str());
}

/// A PNG of the given size, bit depth and colour type with an empty image-data chunk: a header
/// that promises pixels it does not hold.
fn png_header_only(width: u32, height: u32, depth: u8, colour: u8) -> Vec<u8> {
    fn crc(bytes: &[u8]) -> u32 {
        let mut c = 0xFFFF_FFFFu32;
        for b in bytes {
            c ^= u32::from(*b);
            for _ in 0..8 {
                c = if c & 1 == 1 {
                    (c >> 1) ^ 0xEDB8_8320
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc(&body).to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[depth, colour, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &[]);
    chunk(&mut out, b"IEND", &[]);
    out
}
