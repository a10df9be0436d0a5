//! `hrid key new|show|export`: Ed25519 keys and their IDs.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use hrid::keys::SigningKey;

use crate::output::{self, dim, heading};
use crate::util;
use crate::{CliError, Outcome};

#[derive(Debug, Subcommand)]
pub(crate) enum KeyCommand {
    /// Create a private key (PKCS#8 PEM) from the operating system's randomness, or from a seed.
    #[command(
        after_help = "Examples:\n  hrid key new --out registry.pem\n  hrid key new --seed 9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60 --out k.pem"
    )]
    New(NewArgs),
    /// Show a key's ID and public key (private or public key file, PEM/DER/hex, or inline hex).
    #[command(after_help = "Example:\n  hrid key show registry.pem --json")]
    Show(ShowArgs),
    /// Export a key in another format: PKCS#8 or SPKI, PEM or DER, or hex.
    #[command(
        after_help = "Examples:\n  hrid key export registry.pem --public --format pem --out registry.pub.pem\n  hrid key export registry.pem --public --format hex"
    )]
    Export(ExportArgs),
}

#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// Where to write the private key (PKCS#8 PEM, mode 0600).
    #[arg(long)]
    out: PathBuf,
    /// Derive the key from this 32-byte seed (64 hex digits) instead of fresh randomness.
    #[arg(long)]
    seed: Option<String>,
    /// Print a JSON object.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ShowArgs {
    /// Key file or hex.
    key: String,
    /// Print a JSON object.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Pem,
    Der,
    Hex,
}

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// Key file or hex.
    key: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "pem")]
    format: Format,
    /// Export the public key (SPKI) rather than the private key (PKCS#8).
    #[arg(long)]
    public: bool,
    /// Write to this file (default: standard output; DER needs a file).
    #[arg(long)]
    out: Option<PathBuf>,
}

pub(crate) fn run(cmd: KeyCommand) -> Result<Outcome, CliError> {
    match cmd {
        KeyCommand::New(a) => new(&a),
        KeyCommand::Show(a) => show(&a),
        KeyCommand::Export(a) => export(&a),
    }
}

fn new(args: &NewArgs) -> Result<Outcome, CliError> {
    let key = match &args.seed {
        Some(seed) => {
            SigningKey::from_hex(seed).map_err(|e| CliError(format!("seed: {e} [{}]", e.code())))?
        }
        None => SigningKey::generate(&mut rand::rngs::OsRng),
    };
    let pem = key
        .to_pkcs8_pem()
        .map_err(|e| CliError(format!("{e} [{}]", e.code())))?;
    write_private(&args.out, pem.as_bytes())?;
    describe(&key.verifying_key(), Some(&args.out), args.json);
    Ok(Outcome::Ok)
}

fn write_private(path: &std::path::Path, bytes: &[u8]) -> Result<(), CliError> {
    util::write(path, bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| CliError(format!("cannot protect {}: {e}", path.display())))?;
    }
    Ok(())
}

fn describe(public: &hrid::keys::VerifyingKey, file: Option<&std::path::Path>, json: bool) {
    if json {
        output::json(&serde_json::json!({
            "key_id": public.key_id().as_str(),
            "public_key": public.to_hex(),
            "file": file.map(|f| f.display().to_string()),
        }));
    } else {
        if let Some(f) = file {
            output::line(&format!("{}  {}", heading("wrote"), f.display()));
        }
        output::line(&format!("key ID      {}", public.key_id().as_str()));
        output::line(&format!("public key  {}", public.to_hex()));
        output::line(&dim("(the key ID is a hint derived from the public key; share the public key, never the private one)"));
    }
}

fn show(args: &ShowArgs) -> Result<Outcome, CliError> {
    let public = util::verifying_key(&args.key)?;
    describe(&public, None, args.json);
    Ok(Outcome::Ok)
}

fn export(args: &ExportArgs) -> Result<Outcome, CliError> {
    let fail = |e: hrid::keys::KeyError| CliError(format!("{e} [{}]", e.code()));
    let bytes: Vec<u8> = if args.public {
        let public = util::verifying_key(&args.key)?;
        match args.format {
            Format::Pem => public.to_public_key_pem().map_err(fail)?.into_bytes(),
            Format::Der => public.to_public_key_der().map_err(fail)?,
            Format::Hex => format!("{}\n", public.to_hex()).into_bytes(),
        }
    } else {
        let key = util::signing_key(&args.key)?;
        match args.format {
            Format::Pem => key.to_pkcs8_pem().map_err(fail)?.as_bytes().to_vec(),
            Format::Der => key.to_pkcs8_der().map_err(fail)?.to_vec(),
            Format::Hex => format!("{}\n", key.to_hex().as_str()).into_bytes(),
        }
    };
    match &args.out {
        Some(path) if args.public => util::write(path, &bytes)?,
        Some(path) => write_private(path, &bytes)?,
        None if matches!(args.format, Format::Der) => {
            return Err(CliError("DER is binary: give --out FILE".to_owned()))
        }
        None => output::line(String::from_utf8_lossy(&bytes).trim_end()),
    }
    Ok(Outcome::Ok)
}
