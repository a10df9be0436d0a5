//! `hrid demo`: the main job, on embedded defaults.
//!
//! A registry and five participants, two robots and their whole lives, signed and verified
//! offline: manufacture, registration, shipping, sale, deployment, telemetry, a recall and its
//! remedy, an AI profile update, scrap and dismantling; then a resale attempt after scrap and a
//! second robot fitted with an actuator harvested from the scrapped one; then what a seller
//! cannot hide from a verifier that holds the registry's status feed. Every key comes from a
//! fixed seed, every time from a fixed clock, so the output is the same on every machine. The
//! files go to a folder so each step can be replayed with the other commands.
//!
//! One file a scene, run in order by [`run`]; what the scenes share is a [`Demo`].

mod access;
mod cast;
mod codes;
mod feed;
mod files;
mod history;
mod incident;
mod labels;
mod life;
mod passports;
mod recall;
mod resale;
mod reuse;
mod second_robot;
mod trust_list;

use std::path::PathBuf;

use clap::Args;
use hrid::code::IdentityCode;
use hrid::verify::Verifier;

use crate::output::{self, heading};
use crate::util;
use crate::{CliError, Outcome};

use cast::Cast;
use files::Files;

#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  hrid demo            # writes ./hrid-demo\n  hrid demo --out /tmp/demo"
)]
pub(crate) struct DemoArgs {
    /// The folder to write the demo's files to (trust list, keys, histories, passports, labels).
    #[arg(long, default_value = "hrid-demo")]
    out: PathBuf,
}

/// 2026-01-01T00:00:00Z: the demo's fixed clock starts here.
const T0: i64 = 1_767_225_600;
const DAY: i64 = 86_400;
/// The moment everything is verified at, and passports issued.
const NOW: i64 = T0 + 400 * DAY;
/// The actuator fitted to robot 1, harvested when it is dismantled and fitted to robot 2.
const ACTUATOR: &str = "ACT-0042-000001";

/// What the scenes share: the files written so far, who signs, the verifier, and the two robots.
struct Demo {
    files: Files,
    cast: Cast,
    verifier: Verifier,
    /// Robot 1: its whole life, up to scrap and dismantling.
    robot: IdentityCode,
    /// Robot 2: healthy, then fitted with robot 1's harvested actuator.
    donor_target: IdentityCode,
}

pub(crate) fn run(args: &DemoArgs) -> Result<Outcome, CliError> {
    let mut files = Files::new(args.out.clone());
    output::line(&heading("hrid demo: the life of a humanoid robot, signed by everyone who touched it and verified offline"));
    output::line("");
    let (robot, donor_target) = codes::show_a_typo()?;
    let cast = Cast::new();
    let verifier = trust_list::publish(&mut files, &cast)?;
    let mut demo = Demo {
        files,
        cast,
        verifier,
        robot,
        donor_target,
    };
    let (life, recall) = life::live(&mut demo)?;
    let first = history::show(&mut demo, &life, &recall)?;
    let feed = feed::publish(&mut demo, &first.report, &recall)?;
    let second = second_robot::refit(&mut demo, recall)?;
    let resale = resale::attempt(&mut demo, &life)?;
    access::decide(&demo, &first.bundle, &second, &feed)?;
    incident::investigate(&mut demo, &first.report)?;
    demo.files.show(&demo.robot);
    output::line("");
    output::line(&heading("7. What the registry stops"));
    resale::deny(&demo, &resale)?;
    reuse::catch(&demo, &first.bundle, &second)?;
    feed::cannot_hide(&demo, &feed, &life.chain, &second_robot::chain(&demo))?;
    Ok(Outcome::Ok)
}

/// Where a robot's history bundle is written, under the demo's folder.
fn history_file(code: &IdentityCode) -> String {
    format!("histories/{}.json", code.as_str())
}

/// The date part of a time, for the life story.
fn day(t: i64) -> String {
    util::show_time(t).get(..10).unwrap_or_default().to_owned()
}

/// The SHA-256 of a label, in hex: the digests of the demo's AI profiles and data sets.
fn digest(label: &str) -> String {
    use sha2::Digest as _;
    hex::encode(sha2::Sha256::digest(label.as_bytes()))
}
