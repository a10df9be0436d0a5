//! `hrid label` and `hrid scan`: printable QR labels, and reading them back from images.

use std::path::{Path, PathBuf};

use clap::Args;
use hrid::code::{self, CheckOptions, IdentityCode};
use hrid_label::{ContentKind, Label, Printed};

use crate::output::{self, bad, dim, good, heading, warn};
use crate::util;
use crate::verify::finding_text;
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
#[command(
    after_help = "Examples:\n  hrid scan nameplate.png\n  hrid scan passport.png --trust-list hrid-demo/trust-list.dsse.json --root-key hrid-demo/keys/root-1.pub.pem --json"
)]
pub(crate) struct ScanArgs {
    /// A PNG or JPEG image holding one label.
    image: PathBuf,
    /// The signed trust list, to verify a passport (codes need none).
    #[arg(long, value_name = "FILE")]
    trust_list: Option<PathBuf>,
    /// A root public key you trust; repeat for each root.
    #[arg(long = "root-key", value_name = "KEY")]
    root_keys: Vec<String>,
    /// How many distinct root keys must have signed the trust list (required with several).
    #[arg(long)]
    threshold: Option<usize>,
    /// Verify as of this time (unix seconds or RFC 3339; default now).
    #[arg(long)]
    at: Option<String>,
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
            let text = String::from_utf8_lossy(&util::read(path)?)
                .trim()
                .to_owned();
            let parsed = hrid::passport::Passport::parse(&text).map_err(|e| {
                CliError(format!(
                    "{}: not a passport: {e} [{}]",
                    path.display(),
                    e.code()
                ))
            })?;
            let code = parsed.passport.subject;
            (
                Label::for_passport(&text, &code),
                format!("passport of {}", code.display_form()),
            )
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
                print_scan_json(&args.image, "code", &scanned.printed, &report);
            } else {
                print_scanned(&args.image, "an identity code");
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
        _ if scanned.content.starts_with(hrid::passport::PREFIX) => {
            scan_passport(args, &scanned, printed_differs)
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

fn scan_passport(
    args: &ScanArgs,
    scanned: &hrid_label::Scanned,
    printed_differs: bool,
) -> Result<Outcome, CliError> {
    let Some(trust_list) = &args.trust_list else {
        return Err(CliError(
            "the label holds a passport: give --trust-list (and --root-key) to verify it"
                .to_owned(),
        ));
    };
    let at = util::time(args.at.as_deref())?;
    let trust = util::TrustArgs {
        trust_list: trust_list.clone(),
        root_keys: args.root_keys.clone(),
        threshold: args.threshold,
        anchor: None,
        insecure_trust_own_roots: false,
        highest_seen_version: 0,
    };
    let verifier = util::verifier(&trust, at)?;
    // The caption names the robot: a passport for another robot than the printed one fails.
    let mut popts = hrid::passport::PassportOptions::default();
    if let Printed::Read(text) = &scanned.printed {
        popts.expected_subject = IdentityCode::parse(text.replace(' ', "-").as_str()).ok();
    }
    let report = hrid::passport::verify_passport(&verifier, &scanned.content, at, &popts);
    let mut outcome = crate::verify::outcome(report.verdict);
    // The caption must name the passport's robot.
    let subject = hrid::passport::Passport::parse(&scanned.content)
        .ok()
        .map(|p| p.passport.subject);
    let printed_differs = match (&scanned.printed, subject) {
        (Printed::Read(text), Some(code)) => text.replace(' ', "-") != code.display_form(),
        _ => printed_differs,
    };
    if printed_differs {
        outcome = outcome.and(Outcome::Rejected);
    }
    if args.json {
        print_scan_json(&args.image, "passport", &scanned.printed, &report);
    } else {
        print_scanned(&args.image, "a passport");
        let about = report
            .passport
            .as_ref()
            .map(|p| format!("{} is {}", p.subject, util::json_name(p.status)))
            .unwrap_or_default();
        output::line(&format!(
            "{}  {about}",
            crate::verify::label(report.verdict)
        ));
        match &scanned.printed {
            Printed::Read(text) if !printed_differs => {
                output::line(&format!("  printed text {text} names the passport's robot"))
            }
            Printed::Read(text) => output::line(&format!(
                "  {} the printed text reads {text}, but the passport is about another robot  {}",
                bad("✗"),
                dim("[label.printed_text_differs]")
            )),
            _ => output::line(&format!(
                "  {} the printed text was not checked (rotated or small image)",
                warn("!")
            )),
        }
        for f in report.failures.iter().chain(&report.warnings) {
            output::line(&format!("  {} {}", bad("✗"), finding_text(f)));
        }
    }
    Ok(outcome)
}

/// What an image held, as one JSON line: its kind, the printed text, and the report on it.
fn print_scan_json(image: &Path, kind: &str, printed: &Printed, report: &impl serde::Serialize) {
    output::json(&serde_json::json!({
        "image": image.display().to_string(), "kind": kind, "printed": printed, "report": report,
    }));
}

/// The first line for people: which image holds what.
fn print_scanned(image: &Path, holds: &str) {
    output::line(&format!(
        "{}  {} holds {holds}",
        heading("SCANNED"),
        image.display()
    ));
}

fn print_printed(printed: &Printed) {
    match printed {
        Printed::Matches(text) => output::line(&format!("  printed text {text} matches the symbol")),
        Printed::Differs(text) => output::line(&format!("  {} the printed text reads {text}, which is not what the symbol holds: a forged or mixed-up label  {}", bad("✗"), dim("[label.printed_text_differs]"))),
        Printed::Read(text) => output::line(&format!("  printed text {text}")),
        Printed::NotChecked => output::line(&format!("  {} the printed text was not checked (rotated or small image)", warn("!"))),
        _ => {}
    }
}
