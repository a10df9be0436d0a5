//! `hrid`: the command line of the hrid verification library.
//!
//! A thin layer over the public `hrid` crate API: it parses arguments, calls the core and prints
//! what the core reports. Exit codes: 0 valid / accepted, 1 invalid / rejected, 2 usage or I/O
//! error, 3 indeterminate.

mod access;
mod attest;
mod audit;
mod code;
mod custody;
mod demo;
mod key;
mod label;
mod output;
mod passport;
mod recall;
mod status_feed;
mod trust_list;
mod util;
mod verify;
mod verify_history;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Identity codes, signed lifecycle attestations and passports for humanoid robots.
#[derive(Debug, Parser)]
#[command(name = "hrid", version, about, long_about = None, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXIT_CODES: &str = "\
Exit codes:
  0  valid / accepted
  1  invalid / rejected
  2  usage or input/output error
  3  indeterminate (for example: structure only, check characters not verified)";

#[derive(Debug, Subcommand)]
enum Command {
    /// Check, build, explain and find identity codes.
    #[command(subcommand)]
    Code(code::CodeCommand),
    /// Create, show and export Ed25519 keys.
    #[command(subcommand)]
    Key(key::KeyCommand),
    /// Build, sign and verify the registry's trust list of participants.
    #[command(subcommand, name = "trust-list")]
    TrustList(trust_list::TrustListCommand),
    /// Sign a lifecycle event about a robot.
    Attest(attest::AttestArgs),
    /// Verify a signed attestation against a trust list (exit 0 accepted, 1 rejected, 3 indeterminate).
    Verify(verify::VerifyArgs),
    /// Verify a robot's whole history bundle: signatures, chain, lifecycle rules, recalls, health.
    VerifyHistory(verify_history::VerifyHistoryArgs),
    /// Issue and verify compact QR passports.
    #[command(subcommand)]
    Passport(passport::PassportCommand),
    /// Issue recall notices.
    #[command(subcommand)]
    Recall(recall::RecallCommand),
    /// Issue and verify the registry's status feed (every robot not active, the recalls in force).
    #[command(subcommand, name = "status-feed")]
    StatusFeed(status_feed::StatusFeedCommand),
    /// Audit a folder of history bundles: every robot, and across robots.
    Audit(audit::AuditArgs),
    /// Decide market access (listing, sale, deployment) for a code from the evidence at hand.
    Access(access::AccessArgs),
    /// Who was responsible for a robot at a given moment (an incident), each answer with its proof.
    Custody(custody::CustodyArgs),
    /// Render a printable QR label for a code (or a passport) as SVG and/or PNG.
    Label(label::LabelArgs),
    /// Read a label back from a PNG or JPEG image and check what it holds.
    Scan(label::ScanArgs),
    /// Run the built-in demonstration on embedded defaults (no arguments needed).
    Demo(demo::DemoArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) to standard output.
    #[command(after_help = "Example:\n  hrid completions bash > /etc/bash_completion.d/hrid")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to standard output, generated from the same definitions.
    #[command(after_help = "Example:\n  hrid man > hrid.1 && man ./hrid.1")]
    Man,
}

/// What a command concluded, mapped to the documented exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Everything checked is valid or accepted.
    Ok,
    /// Something checked is invalid or rejected.
    Rejected,
    /// Something could not be decided.
    Indeterminate,
}

impl Outcome {
    /// Combine two outcomes: rejected wins over indeterminate, which wins over ok.
    pub(crate) fn and(self, other: Outcome) -> Outcome {
        match (self, other) {
            (Outcome::Rejected, _) | (_, Outcome::Rejected) => Outcome::Rejected,
            (Outcome::Indeterminate, _) | (_, Outcome::Indeterminate) => Outcome::Indeterminate,
            _ => Outcome::Ok,
        }
    }
}

/// An error that stops a command: bad arguments or unreadable input (exit code 2).
#[derive(Debug)]
pub(crate) struct CliError(pub(crate) String);

impl<E: std::fmt::Display> From<E> for CliError {
    fn from(e: E) -> Self {
        CliError(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code(cmd) => code::run(cmd),
        Command::Key(cmd) => key::run(cmd),
        Command::TrustList(cmd) => trust_list::run(cmd),
        Command::Attest(args) => attest::run(&args),
        Command::Verify(args) => verify::run(&args),
        Command::VerifyHistory(args) => verify_history::run(&args),
        Command::Passport(cmd) => passport::run(cmd),
        Command::Recall(cmd) => recall::run(cmd),
        Command::StatusFeed(cmd) => status_feed::run(cmd),
        Command::Audit(args) => audit::run(&args),
        Command::Access(args) => access::run(&args),
        Command::Custody(args) => custody::run(&args),
        Command::Label(args) => label::label(&args),
        Command::Scan(args) => label::scan(&args),
        Command::Demo(args) => demo::run(&args),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "hrid", &mut std::io::stdout());
            Ok(Outcome::Ok)
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            clap_mangen::Man::new(cmd)
                .render(&mut std::io::stdout())
                .map(|()| Outcome::Ok)
                .map_err(|e| CliError(format!("cannot write the manual page: {e}")))
        }
    };
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Rejected) => ExitCode::from(1),
        Ok(Outcome::Indeterminate) => ExitCode::from(3),
        Err(CliError(message)) => {
            output::error(&message);
            ExitCode::from(2)
        }
    }
}
