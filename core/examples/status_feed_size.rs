//! Size and cost of a status feed: `cargo run --release -p hrid --example status_feed_size -- N`
//! builds a feed listing N robots that are not active (random head hashes from a fixed seed),
//! signs it, and verifies it once; prints the document's size (raw and gzip is left to the
//! shell) and the verification time. Run it under `/usr/bin/time -v` for the peak memory.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)] // a measurement tool

use std::time::Instant;

use hrid::code::IdentityCode;
use hrid::keys::SigningKey;
use hrid::status::{verify_status_feed, FeedHead, FeedStatus, RobotStatus, StatusFeed};
use hrid::trust::{Participant, ParticipantKey, Role, RootKeys, TrustAnchor, TrustList};
use hrid::verify::{Verifier, VerifyOptions};
use sha2::Digest;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_400);
    let (root, registry) = (
        SigningKey::from_seed([1; 32]),
        SigningKey::from_seed([3; 32]),
    );
    let now = 1_767_300_000;
    let list = TrustList {
        version: 1,
        issued_at: now - 100,
        expires_at: now + 86_400,
        roots: RootKeys {
            threshold: 1,
            keys: vec![root.verifying_key()],
        },
        participants: vec![Participant {
            id: "registry".into(),
            name: "Registry".into(),
            roles: vec![Role::Registry],
            scope: None,
            keys: vec![ParticipantKey {
                public_key: registry.verifying_key(),
                valid_from: 0,
                valid_until: 4_000_000_000,
                compromised_since: None,
            }],
        }],
        permissions: TrustList::default_permissions(),
    };
    let anchor = TrustAnchor::new(vec![root.verifying_key()], 1).unwrap();
    let opts = VerifyOptions::default();
    let verified = TrustList::verify(&list.sign(&[&root]).to_json(), &anchor, 0, now, &opts);
    let verifier = Verifier::new(verified.unwrap(), opts);
    let robots = (0..n)
        .map(|i| {
            let unit = format!("{:013}", i + 1);
            let hash = sha2::Sha256::digest(unit.as_bytes());
            RobotStatus {
                code: IdentityCode::from_fields("86", "0042", "A3W0F5", &unit).unwrap(),
                status: FeedStatus::Scrapped,
                head: Some(FeedHead {
                    seq: 12,
                    statement_hash: hex::encode(hash),
                }),
                since: now - 86_400,
            }
        })
        .collect();
    let feed = StatusFeed {
        registry: "registry".into(),
        version: 1,
        issued_at: now - 60,
        expires_at: now + 86_400,
        previous: None,
        recalls: vec![],
        robots,
    };
    let document = feed.document(&[&registry], &[]);
    drop(feed);
    let start = Instant::now();
    let report = verify_status_feed(&verifier, &document, now, &Default::default());
    let elapsed = start.elapsed();
    println!(
        "robots {n}: document {} bytes, verified {} in {:.1} ms",
        document.len(),
        report.verdict,
        elapsed.as_secs_f64() * 1000.0
    );
    std::fs::write(
        std::env::temp_dir().join("hrid-status-feed.json"),
        &document,
    )
    .unwrap();
}
