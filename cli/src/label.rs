//! `hrid label` and `hrid scan`: printable QR labels, and reading them back from images.

use std::path::PathBuf;

use clap::Args;
use hrid::code::{self, CheckOptions, IdentityCode};
use hrid_label::{ContentKind, Label, Printed};

use crate::output::{self, bad, dim, good, heading, warn};
use crate::util;
use crate::{CliError, Outcome};

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hrid label 860042A3W0F50000000012345ZAR2 --png nameplate.png\n  hrid label 86-0042-A3W0F5-0000000012345-ZAR2 --svg nameplate.svg --png nameplate.png --module-px 16"
)]
pub(crate) struct LabelArgs {
    /// An identity code, or a file holding a passport text.
    what: String,
    /// Write an SVG label here.
    #[arg(long)]
    svg: Option<PathBuf>,
    /// Write a PNG label here.
    #[arg(long)]
    png: Option<PathBuf>,
    /// PNG pixels per QR module (a multiple of 4; 8 prints about 2.5 cm wide at 300 dpi).
    #[arg(long, default_value_t = 8)]
    module_px: u32,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hrid scan nameplate.png\n  hrid scan photo.jpg --json")]
pub(crate) struct ScanArgs {
    /// A PNG or JPEG image holding one label.
    image: PathBuf,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn label(args: &LabelArgs) -> Result<Outcome, CliError> {
    if args.svg.is_none() && args.png.is_none() {
        return Err(CliError("give --svg FILE and/or --png FILE".to_owned()));
    }
    let (label, what) = match IdentityCode::parse(&args.what) {
        Ok(code) => (
            Label::for_code(&code),
            format!("identity code {}", code.display_form()),
        ),
        Err(code_error) => {
            let path = std::path::Path::new(&args.what);
            if !path.exists() {
                return Err(CliError(format!(
                    "{:?} is neither a valid identity code ({code_error} [{}]) nor a file",
                    args.what,
                    code_error.code()
                )));
            }
            return Err(CliError(format!(
                "{}: passport labels need a passport file; none could be read",
                path.display()
            )));
        }
    };
    let label = label.map_err(|e| CliError(format!("{e} [{}]", e.code())))?;
    if let Some(path) = &args.svg {
        util::write(path, label.to_svg().as_bytes())?;
        output::line(&format!(
            "{} {} ({what}, SVG)",
            heading("wrote"),
            path.display()
        ));
    }
    if let Some(path) = &args.png {
        let png = label
            .to_png(args.module_px)
            .map_err(|e| CliError(format!("{e} [{}]", e.code())))?;
        util::write(path, &png)?;
        output::line(&format!(
            "{} {} ({what}, PNG, {} modules of {} px)",
            heading("wrote"),
            path.display(),
            label.modules(),
            args.module_px
        ));
    }
    Ok(Outcome::Ok)
}

pub(crate) fn scan(args: &ScanArgs) -> Result<Outcome, CliError> {
    let bytes = util::read(&args.image)?;
    let scanned = match hrid_label::scan(&bytes) {
        Ok(s) => s,
        Err(e) => {
            if args.json {
                output::json(
                    &serde_json::json!({"image": args.image.display().to_string(), "error": {"code": e.code(), "message": e.to_string()}}),
                );
            } else {
                output::line(&format!(
                    "{}  {}: {e}  {}",
                    bad("NO LABEL"),
                    args.image.display(),
                    dim(&format!("[{}]", e.code()))
                ));
            }
            return Ok(Outcome::Rejected);
        }
    };
    let printed_differs = matches!(scanned.printed, Printed::Differs(_));
    match scanned.kind {
        ContentKind::Code => {
            let report = code::check(&scanned.content, CheckOptions::default());
            if args.json {
                output::json(
                    &serde_json::json!({"image": args.image.display().to_string(), "kind": "code", "printed": scanned.printed, "report": report}),
                );
            } else {
                output::line(&format!(
                    "{}  {} holds an identity code",
                    heading("SCANNED"),
                    args.image.display()
                ));
                output::line(&format!(
                    "{}  {}",
                    good("VALID  "),
                    report.display.as_deref().unwrap_or_default()
                ));
                print_printed(&scanned.printed);
            }
            Ok(if printed_differs {
                Outcome::Rejected
            } else {
                Outcome::Ok
            })
        }
        _ => {
            if args.json {
                output::json(
                    &serde_json::json!({"image": args.image.display().to_string(), "kind": "unknown", "content": scanned.content, "printed": scanned.printed}),
                );
            } else {
                output::line(&format!(
                    "{}  {} holds neither a valid identity code nor a passport: {:?}",
                    bad("UNKNOWN"),
                    args.image.display(),
                    scanned.content
                ));
            }
            Ok(Outcome::Rejected)
        }
    }
}

fn print_printed(printed: &Printed) {
    match printed {
        Printed::Matches(text) => output::line(&format!("  printed text {text} matches the symbol")),
        Printed::Differs(text) => output::line(&format!("  {} the printed text reads {text}, which is not what the symbol holds: a forged or mixed-up label  {}", bad("✗"), dim("[label.printed_text_differs]"))),
        Printed::NotChecked => output::line(&format!("  {} the printed text was not checked (rotated or small image)", warn("!"))),
        _ => {}
    }
}
