//! Scene 4: market-access decisions, as a marketplace, an ERP and a scanner would ask, each
//! holding the registry's current status feed beside the seller's history: robot 1 listed for
//! sale, robot 2 deployed, and a robot with no code and no evidence.

use hrid::access::{decide_access, Evidence, Policy};
use hrid::code::IdentityCode;
use hrid::passport::PassportOptions;
use hrid::status::VerifiedStatusFeed;

use super::{Demo, NOW};
use crate::output::{self, bad, dim, good, heading};
use crate::CliError;

/// Decide and show each of the three requests, with the reason codes of each denial.
pub(super) fn decide(
    demo: &Demo,
    first: &[u8],
    second: &[u8],
    feed: &VerifiedStatusFeed,
) -> Result<(), CliError> {
    output::line("");
    output::line(&format!(
        "{}  {}",
        heading("4. Market-access decisions"),
        dim(&format!(
            "with the registry's status feed v{}, issued {}",
            feed.version(),
            crate::util::show_time(feed.feed().issued_at)
        ))
    ));
    let popts = PassportOptions::default();
    let decisions = [
        (
            demo.robot,
            Policy::Listing,
            Some(first),
            "robot 1, listed for sale with its history",
        ),
        (
            demo.donor_target,
            Policy::Deployment,
            Some(second),
            "robot 2, deployment with its history",
        ),
        (
            IdentityCode::from_fields("86", "0042", "A3W0F5", "99999")
                .map_err(|e| CliError(e.to_string()))?,
            Policy::Listing,
            None,
            "an uncoded robot, no evidence",
        ),
    ];
    for (code, policy, history, what) in decisions {
        let d = decide_access(
            &demo.verifier,
            code.as_str(),
            &Evidence {
                passport: None,
                history,
                status_feed: Some(feed),
            },
            policy,
            NOW,
            &hrid::access::AccessOptions {
                passport: popts.clone(),
                ..Default::default()
            },
        );
        let label = if d.is_allowed() {
            good("ALLOWED")
        } else {
            bad("DENIED ")
        };
        let why: Vec<String> = d
            .failures
            .iter()
            .map(|f| f.code.as_str().to_owned())
            .collect();
        output::line(&format!(
            "   {label}  {what}{}",
            if why.is_empty() {
                String::new()
            } else {
                dim(&format!("  [{}]", why.join(", ")))
            }
        ));
    }
    Ok(())
}
