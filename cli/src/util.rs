//! Shared helpers: reading keys, documents and times given on the command line.

use std::path::Path;

use hrid::keys::{KeyError, SigningKey, VerifyingKey};
use hrid::trust::{TrustAnchor, TrustList, VerifiedTrustList};
use hrid::verify::{Verifier, VerifyOptions};

use crate::CliError;

/// Read a whole file, naming it in the error.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>, CliError> {
    read_limited(path, usize::MAX - 1)
}

/// The non-empty lines of standard input, trimmed, each read up to 4 KiB (a code is 29 symbols
/// and its separators; a longer line is cut, and then reported as the invalid code it is).
pub(crate) fn stdin_lines() -> impl Iterator<Item = String> {
    use std::io::{BufRead as _, Read as _};
    let mut input = std::io::stdin().lock();
    std::iter::from_fn(move || loop {
        let mut line = Vec::new();
        let read = (&mut input).take(4_096).read_until(b'\n', &mut line).ok()?;
        if read == 0 {
            return None;
        }
        if line.last() != Some(&b'\n') && read == 4_096 {
            // skip the rest of an over-long line
            let mut rest = Vec::new();
            let _ = input.read_until(b'\n', &mut rest);
        }
        let text = String::from_utf8_lossy(&line).trim().to_owned();
        if !text.is_empty() {
            return Some(text);
        }
    })
}

/// Write a whole file, naming it in the error.
/// Read a file, but at most `limit + 1` bytes: enough for the core to say it is over its limit
/// (`*.too_large`) without the whole file being held first.
pub(crate) fn read_limited(path: &Path, limit: usize) -> Result<Vec<u8>, CliError> {
    use std::io::Read as _;
    let cannot = |e: std::io::Error| CliError(format!("cannot read {}: {e}", path.display()));
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let mut out = Vec::new();
    if path.as_os_str() == "-" {
        // `-` is standard input, wherever a file is read.
        std::io::stdin()
            .lock()
            .take(cap)
            .read_to_end(&mut out)
            .map_err(cannot)?;
        return Ok(out);
    }
    let file = std::fs::File::open(path).map_err(cannot)?;
    file.take(cap).read_to_end(&mut out).map_err(cannot)?;
    Ok(out)
}

pub(crate) fn write(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| CliError(format!("cannot create {}: {e}", dir.display())))?;
    }
    std::fs::write(path, bytes)
        .map_err(|e| CliError(format!("cannot write {}: {e}", path.display())))
}

fn key_error(what: &str, e: &KeyError) -> CliError {
    CliError(format!("{what}: {e} [{}]", e.code()))
}

/// A key from a file, read by `from_file`, or else from inline hex.
fn load_key<K>(
    arg: &str,
    from_hex: impl Fn(&str) -> Result<K, KeyError>,
    from_file: impl Fn(&[u8]) -> Result<K, KeyError>,
) -> Result<K, CliError> {
    let path = Path::new(arg);
    let result = if path.exists() {
        from_file(&read(path)?)
    } else {
        from_hex(arg)
    };
    result.map_err(|e| key_error(arg, &e))
}

/// A private key from a file (PKCS#8 PEM or DER, or a hex seed) or inline hex.
pub(crate) fn signing_key(arg: &str) -> Result<SigningKey, CliError> {
    load_key(
        arg,
        SigningKey::from_hex,
        |bytes| match std::str::from_utf8(bytes) {
            Ok(text) if text.contains("-----BEGIN") => SigningKey::from_pkcs8_pem(text),
            Ok(text) if text.trim().len() == 64 => SigningKey::from_hex(text.trim()),
            _ => SigningKey::from_pkcs8_der(bytes),
        },
    )
}

/// A public key from a file (SPKI PEM or DER, a PKCS#8 private key, or hex) or inline hex.
pub(crate) fn verifying_key(arg: &str) -> Result<VerifyingKey, CliError> {
    load_key(
        arg,
        VerifyingKey::from_hex,
        |bytes| match std::str::from_utf8(bytes) {
            Ok(text) if text.contains("PRIVATE KEY-----") => {
                SigningKey::from_pkcs8_pem(text).map(|k| k.verifying_key())
            }
            Ok(text) if text.contains("-----BEGIN") => VerifyingKey::from_public_key_pem(text),
            Ok(text) if text.trim().len() == 64 => VerifyingKey::from_hex(text.trim()),
            _ => VerifyingKey::from_public_key_der(bytes)
                .or_else(|_| SigningKey::from_pkcs8_der(bytes).map(|k| k.verifying_key())),
        },
    )
}

/// A time given as unix seconds or RFC 3339 (`2026-11-28T12:00:00Z`); `None` means now.
pub(crate) fn time(arg: Option<&str>) -> Result<i64, CliError> {
    match arg {
        None => now(),
        Some(text) => parse_time(text),
    }
}

/// Parse unix seconds or RFC 3339.
pub(crate) fn parse_time(text: &str) -> Result<i64, CliError> {
    if let Ok(secs) = text.parse::<i64>() {
        return Ok(secs);
    }
    // RFC 3339 with any offset (`Z`, `+08:00`, ...), through jiff; a time without an offset is
    // refused rather than guessed (it would depend on the machine's zone).
    let t: jiff::Timestamp = text.trim().parse().map_err(|e| {
        CliError(format!(
            "{text:?} is not a time (unix seconds, or RFC 3339 with an offset such as 2027-02-05T08:00:00+08:00 or ...Z): {e}"
        ))
    })?;
    Ok(t.as_second())
}

pub(crate) fn optional_time(arg: Option<&str>) -> Result<Option<i64>, CliError> {
    arg.map(parse_time).transpose()
}

/// The current time: the CLI reads the clock, the library never does.
pub(crate) fn now() -> Result<i64, CliError> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|_| CliError("the system clock is before 1970".to_owned()))?
        .as_secs();
    i64::try_from(secs).map_err(|_| CliError("the system clock is out of range".to_owned()))
}

/// Format unix seconds as RFC 3339 for people.
pub(crate) fn show_time(secs: i64) -> String {
    u64::try_from(secs)
        .ok()
        .map(|s| {
            humantime::format_rfc3339_seconds(
                std::time::UNIX_EPOCH + std::time::Duration::from_secs(s),
            )
            .to_string()
        })
        .unwrap_or_else(|| secs.to_string())
}

/// The name a value has in JSON (an enum's `snake_case` name), or empty if it is not a string.
pub(crate) fn json_name(value: impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Trust-anchor arguments shared by the commands that verify.
#[derive(Debug, clap::Args)]
pub(crate) struct TrustArgs {
    /// The trust list (a signed envelope).
    #[arg(long, value_name = "FILE")]
    pub(crate) trust_list: std::path::PathBuf,
    /// A pinned root key (PEM or DER file, or 64 hex digits); repeat for several.
    #[arg(long = "root-key", value_name = "KEY")]
    pub(crate) root_keys: Vec<String>,
    /// How many pinned root keys must have signed the trust list (required with several keys).
    #[arg(long)]
    pub(crate) threshold: Option<usize>,
    /// The pinned trust anchor: a JSON file {"keys": [hex, ...], "threshold": k} (or set
    /// HRID_ANCHOR); instead of --root-key and --threshold.
    #[arg(
        long,
        value_name = "FILE",
        env = "HRID_ANCHOR",
        conflicts_with = "root_keys"
    )]
    pub(crate) anchor: Option<std::path::PathBuf>,
    /// Trust the root keys the trust list names for itself, without any pin. Anyone can make
    /// such a list: for a demonstration only, never for a decision.
    #[arg(long)]
    pub(crate) insecure_trust_own_roots: bool,
    /// The highest trust-list version already accepted (a lower one is a rollback).
    #[arg(long, default_value_t = 0)]
    pub(crate) highest_seen_version: u64,
}

/// The verifier (default options) over the trust list named by the arguments, verified at `at`.
pub(crate) fn verifier(args: &TrustArgs, at: i64) -> Result<Verifier, CliError> {
    let options = VerifyOptions::default();
    let trust_list = load_trust_list(args, at, &options)?;
    Ok(Verifier::new(trust_list, options))
}

/// The trust anchor and the moment to verify at: the arguments of the commands that verify a
/// document as of a time.
#[derive(Debug, clap::Args)]
pub(crate) struct VerifyAtArgs {
    #[command(flatten)]
    pub(crate) trust: TrustArgs,
    /// Verify as of this time (unix seconds or RFC 3339; default now).
    #[arg(long)]
    pub(crate) at: Option<String>,
}

/// How the commands that verify histories run and report.
#[derive(Debug, clap::Args)]
pub(crate) struct HistoryFlags {
    /// Verify all signatures together (batch); the verdicts are the same.
    #[arg(long)]
    pub(crate) batch: bool,
    /// Print the report as JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

impl HistoryFlags {
    /// The core's history options, holding each bundle against `status_feed` when given.
    pub(crate) fn options(
        &self,
        status_feed: Option<std::sync::Arc<hrid::status::VerifiedStatusFeed>>,
    ) -> hrid::history::HistoryOptions {
        hrid::history::HistoryOptions {
            batch: self.batch,
            status_feed,
        }
    }
}

impl VerifyAtArgs {
    /// The moment to verify at: `--at`, or now.
    pub(crate) fn at(&self) -> Result<i64, CliError> {
        time(self.at.as_deref())
    }
}

/// Read and verify the trust list named by the arguments at time `at`.
fn load_trust_list(
    args: &TrustArgs,
    at: i64,
    options: &VerifyOptions,
) -> Result<VerifiedTrustList, CliError> {
    let bytes = read(&args.trust_list)?;
    let anchor = pinned_anchor(args, &bytes)?;
    let invalid = |e: hrid::trust::TrustListError| {
        CliError(format!(
            "the trust list {} is not valid: {e} [{}]",
            args.trust_list.display(),
            e.code()
        ))
    };
    match TrustList::verify(&bytes, &anchor, args.highest_seen_version, at, options) {
        // Expired beyond its grace, the list is still authentic: verified as of its own expiry,
        // every report made with it says `trust_list.expired` (indeterminate, exit 3), as the
        // docs make it, instead of the command refusing to start.
        Err(e) if e.reason() == hrid::reason::ReasonCode::TrustListExpired => {
            let expires_at = own_list(&bytes)?.expires_at;
            TrustList::verify(
                &bytes,
                &anchor,
                args.highest_seen_version,
                expires_at,
                options,
            )
            .map_err(invalid)
        }
        other => other.map_err(invalid),
    }
}

/// The trust anchor the caller pinned: `--anchor` (or `HRID_ANCHOR`), or `--root-key` with
/// `--threshold` (which may be left out for one key only), or, when asked for by name,
/// the list's own roots. Nothing pinned is a usage error: a verifier trusts nothing it was not
/// told to trust (fail closed).
fn pinned_anchor(args: &TrustArgs, envelope: &[u8]) -> Result<TrustAnchor, CliError> {
    let anchor_error =
        |e: hrid::trust::TrustListError| CliError(format!("trust anchor: {e} [{}]", e.code()));
    if let Some(path) = &args.anchor {
        let value: serde_json::Value = serde_json::from_slice(&read(path)?)
            .map_err(|e| CliError(format!("anchor {}: {e}", path.display())))?;
        let keys = value
            .get("keys")
            .and_then(serde_json::Value::as_array)
            .map(|keys| {
                keys.iter()
                    .map(|k| verifying_key(k.as_str().unwrap_or_default()))
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()?
            .unwrap_or_default();
        let threshold = value
            .get("threshold")
            .and_then(serde_json::Value::as_u64)
            .and_then(|t| usize::try_from(t).ok());
        let Some(threshold) = threshold.filter(|_| !keys.is_empty()) else {
            return Err(CliError(format!(
                "anchor {}: expected {{\"keys\": [hex, ...], \"threshold\": k}}",
                path.display()
            )));
        };
        return TrustAnchor::new(keys, threshold).map_err(anchor_error);
    }
    if args.root_keys.is_empty() {
        if !args.insecure_trust_own_roots {
            return Err(CliError(
                "no pinned trust anchor: give --root-key (with --threshold for several keys) or --anchor FILE (or HRID_ANCHOR); --insecure-trust-own-roots trusts the list's own roots, for a demonstration only".to_owned(),
            ));
        }
        crate::output::warn_line("--insecure-trust-own-roots: trusting the root keys the trust list names for itself; anyone can make such a list");
        let roots = own_list(envelope)?.roots;
        let threshold = args
            .threshold
            .unwrap_or_else(|| usize::try_from(roots.threshold).unwrap_or(usize::MAX));
        return TrustAnchor::new(roots.keys, threshold).map_err(anchor_error);
    }
    let keys = args
        .root_keys
        .iter()
        .map(|k| verifying_key(k))
        .collect::<Result<Vec<_>, _>>()?;
    let threshold = threshold(args.threshold, keys.len())?;
    TrustAnchor::new(keys, threshold).map_err(anchor_error)
}

/// The threshold of pinned root keys: as given, or 1 for a single key; several keys without one
/// is a usage error (k-of-n never silently becomes 1-of-n).
pub(crate) fn threshold(given: Option<usize>, keys: usize) -> Result<usize, CliError> {
    match (given, keys) {
        (Some(t), _) => Ok(t),
        (None, 0 | 1) => Ok(1),
        (None, n) => Err(CliError(format!(
            "{n} root keys and no --threshold: say how many of them must have signed the trust list"
        ))),
    }
}

/// A trust-list envelope's payload, read without verifying it.
fn own_list(envelope: &[u8]) -> Result<TrustList, CliError> {
    let value: serde_json::Value =
        serde_json::from_slice(envelope).map_err(|e| CliError(format!("trust list: {e}")))?;
    let payload = value
        .get("payload")
        .and_then(serde_json::Value::as_str)
        .unwrap_or_default();
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(payload)
        .map_err(|e| CliError(format!("trust list payload: {e}")))?;
    serde_json::from_slice(&bytes).map_err(|e| CliError(format!("trust list payload: {e}")))
}
