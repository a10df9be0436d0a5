//! `hrid access`: decide market access (listing, sale, deployment) for a code from a passport
//! and/or a history, held against the registry's status feed.

use std::path::PathBuf;

use clap::Args;
use hrid::access::{decide_access, AccessDecision, Decision, Evidence, Policy};

use crate::output::{self, bad, good};
use crate::passport::passport_text;
use crate::status_feed::{self, FeedArgs};
use crate::util::{self, TrustArgs};
use crate::verify::{print_findings, print_passed};
use crate::verify_history::print_health;
use crate::{CliError, Outcome};

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hrid access 860042A3W0F50000000012345ZAR2 --policy sale --history robot.history.json --status-feed feed.json --trust-list list.dsse.json --root-key root.pub.pem\n  hrid access 860042A3W0F50000000012345ZAR2 --policy deployment --passport robot.passport --trust-list list.dsse.json\n\nExit 0 allowed, 1 denied. With no passport and no history, access is denied (no code, no market access).\nA sale, listing or deployment needs the registry's recent word: a passport issued within the policy's\nmaximum age (1 day for a sale, 7 for a listing, 30 for a deployment) or a current status feed\n(--status-feed); a history alone is access.evidence_stale. A status feed that is not accepted is\nrefused before anything is decided (its report, exit 1 or 3)."
)]
pub(crate) struct AccessArgs {
    /// The identity code of the robot in question.
    code: String,
    /// What is asked: listing, sale or deployment.
    #[arg(long)]
    policy: Policy,
    /// The robot's passport: the text (`HP1:...`) or a file holding it.
    #[arg(long)]
    passport: Option<String>,
    /// The robot's history bundle (JSON).
    #[arg(long, value_name = "BUNDLE")]
    history: Option<PathBuf>,
    #[command(flatten)]
    feed: FeedArgs,
    #[command(flatten)]
    trust: TrustArgs,
    /// Decide as of this time (unix seconds or RFC 3339; default now).
    #[arg(long)]
    at: Option<String>,
    /// Print the decision as JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: &AccessArgs) -> Result<Outcome, CliError> {
    let at = util::time(args.at.as_deref())?;
    let passport = args.passport.as_deref().map(passport_text).transpose()?;
    let history = args.history.as_deref().map(util::read).transpose()?;
    let verifier = util::verifier(&args.trust, at)?;
    let feed = match status_feed::load(&args.feed, &verifier, at, args.json)? {
        Ok(feed) => feed,
        Err(refused) => return Ok(refused),
    };
    let evidence = Evidence {
        passport: passport.as_deref(),
        history: history.as_deref(),
        status_feed: feed.as_deref(),
    };
    let decision = decide_access(
        &verifier,
        &args.code,
        &evidence,
        args.policy,
        at,
        &hrid::access::AccessOptions::default(),
    );
    if args.json {
        output::json(&decision);
    } else {
        print_decision(&decision);
    }
    Ok(match decision.decision {
        Decision::Allowed => Outcome::Ok,
        Decision::Denied => Outcome::Rejected,
    })
}

fn print_decision(d: &AccessDecision) {
    let verdict = match d.decision {
        Decision::Allowed => good("ALLOWED"),
        Decision::Denied => bad("DENIED"),
    };
    let status = d
        .status
        .map(|s| format!(" (status: {})", s.as_str()))
        .unwrap_or_default();
    output::line(&format!("{verdict}  {} of {}{status}", d.policy, d.code));
    print_findings("  ", &d.failures, &d.warnings);
    print_passed(&d.passed);
    if let Some(p) = &d.passport {
        output::line(&format!(
            "  passport: {}, issued {} by {}, expires {}",
            p.status.as_str(),
            util::show_time(p.issued_at),
            p.participant,
            util::show_time(p.expires_at)
        ));
    }
    if let Some(h) = &d.health {
        print_health(h);
    }
}
