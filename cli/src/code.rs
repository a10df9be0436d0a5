//! `hrid code ...`: check, build, explain and find identity codes.

use std::io::Read;

use clap::{Args, Subcommand};
use hrid::code::{self, CheckOptions, CodeReport, IdentityCode};

use crate::output::{self, bad, dim, good, heading, warn};
use crate::util;
use crate::{CliError, Outcome};

#[derive(Debug, Subcommand)]
pub(crate) enum CodeCommand {
    /// Check codes: exit 0 if all are valid, 1 if any is invalid.
    #[command(
        after_help = "Examples:\n  hrid code check 860042A3W0F50000000012345ZAR2\n  hrid code check --json 86-0042-A3W0F5-0000000012345-ZARX"
    )]
    Check(CheckArgs),
    /// Build a code from its fields, computing the check characters.
    #[command(
        after_help = "Example:\n  hrid code new --country 86 --manufacturer 0042 --model A3W0F5 --unit 12345"
    )]
    New(NewArgs),
    /// Explain a code's fields in words.
    #[command(after_help = "Example:\n  hrid code explain 86-0042-A3W0F5-0000000012345-ZAR2")]
    Explain(ExplainArgs),
    /// Find codes in free text (a file, or standard input with `-` or no argument).
    #[command(
        after_help = "Example:\n  echo 'robot 860042A3W0F50000000012345ZAR2 for sale' | hrid code find"
    )]
    Find(FindArgs),
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Codes to check, in any spelling (quote codes that contain spaces); `-` reads one code
    /// per line from standard input.
    #[arg(required = true, value_name = "CODE")]
    codes: Vec<String>,
    /// One JSON object per line per input.
    #[arg(long)]
    json: bool,
    /// Also offer two-character fixes: confirm that two characters look wrong.
    #[arg(long)]
    two_errors: bool,
    /// Check alphabet and length only, for codes from issuers that do not use the check rule
    /// (never reported as valid; exit 3 when the shape is right).
    #[arg(long)]
    structure_only: bool,
}

#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// Country, 2 characters (China: 86).
    #[arg(long)]
    country: String,
    /// Manufacturer code, 4 characters.
    #[arg(long)]
    manufacturer: String,
    /// Product model, 6 characters.
    #[arg(long)]
    model: String,
    /// Unit number, up to 13 characters (right-aligned, zero-padded).
    #[arg(long)]
    unit: String,
    /// Print the display form (with hyphens) instead of the canonical form.
    #[arg(long)]
    display: bool,
    /// Print a JSON object.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// The code to explain.
    code: String,
    /// Print a JSON object (the same as `check --json`).
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct FindArgs {
    /// A text file, or `-` for standard input (the default).
    file: Option<String>,
    /// One JSON object per line per match.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(cmd: CodeCommand) -> Result<Outcome, CliError> {
    match cmd {
        CodeCommand::Check(args) => Ok(check(&args)),
        CodeCommand::New(args) => new(&args),
        CodeCommand::Explain(args) => Ok(explain(&args)),
        CodeCommand::Find(args) => find(&args),
    }
}

fn check(args: &CheckArgs) -> Outcome {
    let mut options = CheckOptions::default();
    options.structure_only = args.structure_only;
    options.suggest.allow_two_errors = args.two_errors;
    let mut outcome = Outcome::Ok;
    let stdin_lines = args.codes.iter().any(|c| c == "-").then(util::stdin_lines);
    let inputs = args
        .codes
        .iter()
        .filter(|c| *c != "-")
        .cloned()
        .chain(stdin_lines.into_iter().flatten());
    for input in inputs {
        let input = &input;
        let report = code::check(input, options);
        outcome = outcome.and(outcome_of(&report));
        if args.json {
            output::json(&report);
        } else {
            print_report(&report);
        }
    }
    outcome
}

fn outcome_of(report: &CodeReport) -> Outcome {
    if report.valid {
        Outcome::Ok
    } else if report.error.is_none() && report.structure_only == Some(true) {
        Outcome::Indeterminate
    } else {
        Outcome::Rejected
    }
}

fn print_report(report: &CodeReport) {
    if report.valid {
        output::line(&format!(
            "{}  {}",
            good("VALID  "),
            report.display.as_deref().unwrap_or_default()
        ));
        return;
    }
    if let (Some(warning), None) = (&report.warning, &report.error) {
        output::line(&format!(
            "{}  {}  {}",
            warn("UNCHECKED"),
            report.display.as_deref().unwrap_or_default(),
            dim(&format!("[{}]", warning.code))
        ));
        output::line("           the shape is right, but the check characters were not verified");
        return;
    }
    output::line(&format!("{}  {}", bad("INVALID"), report.input));
    if let Some(e) = &report.error {
        if let Some(p) = e.position {
            output::line(&format!("         {}{}", " ".repeat(p), bad("^")));
        }
        output::line(&format!(
            "         {}  {}",
            e.message,
            dim(&format!("[{}]", e.code))
        ));
    }
    for s in report.suggestions.iter().flatten() {
        let marks: String = (0..29)
            .map(|i| {
                if s.changed_positions.contains(&i) {
                    '^'
                } else {
                    ' '
                }
            })
            .collect();
        let ask = if s.tier == "A" {
            "did you mean"
        } else {
            "if two characters are wrong, perhaps"
        };
        output::line(&format!(
            "         {ask} {}?  {}",
            good(&s.code),
            dim(&format!("(tier {}, {})", s.tier, s.repair))
        ));
        output::line(&format!(
            "         {}{}",
            " ".repeat(ask.len() + 1),
            marks.trim_end()
        ));
    }
}

fn new(args: &NewArgs) -> Result<Outcome, CliError> {
    let code =
        IdentityCode::from_fields(&args.country, &args.manufacturer, &args.model, &args.unit)
            .map_err(|e| CliError(format!("{e} [{}]", e.code())))?;
    if args.json {
        let report = code::check(code.as_str(), CheckOptions::default());
        output::json(&report);
    } else if args.display {
        output::line(&code.display_form());
    } else {
        output::line(code.as_str());
    }
    Ok(Outcome::Ok)
}

/// A code's fields in order: each one's name, and where it stands and what it is.
const FIELDS: [(&str, &str); 5] = [
    ("country", "characters 1-2"),
    ("manufacturer", "characters 3-6, assigned by the registry"),
    ("model", "characters 7-12, the product model"),
    (
        "unit number",
        "characters 13-25, this robot within the model",
    ),
    ("check", "characters 26-29, catch and locate typing errors"),
];

fn explain(args: &ExplainArgs) -> Outcome {
    let report = code::check(&args.code, CheckOptions::default());
    if args.json {
        output::json(&report);
        return outcome_of(&report);
    }
    let Some(fields) = report.fields.as_ref().filter(|_| report.valid) else {
        print_report(&report);
        return outcome_of(&report);
    };
    output::line(&format!(
        "{}  {}",
        heading("Identity code"),
        report.display.as_deref().unwrap_or_default()
    ));
    let country = if fields.country == "86" {
        "86 (China)".to_owned()
    } else {
        fields.country.clone()
    };
    let values = [
        country.as_str(),
        &fields.manufacturer,
        &fields.model,
        &fields.unit,
        &fields.check,
    ];
    for ((name, what), value) in FIELDS.iter().zip(values) {
        output::line(&format!("  {name:<13} {value:<14} {}", dim(what)));
    }
    output::line(&format!(
        "  {}",
        good("the check characters match: the code is well-formed")
    ));
    Outcome::Ok
}

fn find(args: &FindArgs) -> Result<Outcome, CliError> {
    let text = match args.file.as_deref() {
        None | Some("-") => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .map_err(|e| CliError(format!("cannot read standard input: {e}")))?;
            s
        }
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| CliError(format!("cannot read {path}: {e}")))?,
    };
    // Streamed: each hit is printed as it is found, nothing is collected (memory bounded by the
    // text, whatever it holds).
    let (mut found, mut near, mut omitted) = (0u64, 0u64, 0u64);
    code::find_each(&text, |hit| match hit {
        code::Hit::Found(f) => {
            found += 1;
            print_found(&f, args.json);
        }
        code::Hit::NearMiss(m) => {
            near += 1;
            print_near_miss(&m, args.json);
        }
        code::Hit::NearMissOmitted => omitted += 1,
    });
    if args.json && omitted > 0 {
        output::json(&serde_json::json!({"kind": "near_misses_omitted", "count": omitted}));
    }
    if !args.json {
        let more = if omitted > 0 {
            format!(" (and {omitted} more, counted and not shown)")
        } else {
            String::new()
        };
        output::line(&dim(&format!("{found} valid, {near} near misses{more}")));
    }
    Ok(if near + omitted == 0 {
        Outcome::Ok
    } else {
        Outcome::Rejected
    })
}

fn print_found(f: &code::Found, json: bool) {
    if json {
        output::json(&serde_json::json!({
            "kind": "found", "code": f.code.as_str(), "text": f.text,
            "start": f.span.start, "end": f.span.end,
        }));
    } else {
        output::line(&format!(
            "{}  {}  {}",
            good("FOUND"),
            f.code.display_form(),
            dim(&format!("characters {}-{}", f.span.start, f.span.end))
        ));
    }
}

fn print_near_miss(m: &code::NearMiss, json: bool) {
    let suggestions: Vec<_> = m
        .suggestions
        .iter()
        .map(code::report::SuggestionInfo::from)
        .collect();
    if json {
        output::json(&serde_json::json!({
            "kind": "near_miss", "text": m.text, "start": m.span.start, "end": m.span.end,
            "error": code::report::ErrorInfo::from(&m.error), "suggestions": suggestions,
        }));
    } else {
        output::line(&format!(
            "{}  {}  {}  {}",
            bad("NEAR MISS"),
            m.text,
            m.error,
            dim(&format!("[{}]", m.error.code()))
        ));
        for s in &suggestions {
            output::line(&format!("           did you mean {}?", good(&s.code)));
        }
    }
}
