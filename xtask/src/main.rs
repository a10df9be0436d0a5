//! `cargo xtask vectors [--check]`: write (or check) the test-vector corpus in `test-vectors/`.
//! `cargo xtask schema [--check]`: write (or check) the JSON Schemas in `docs/schema/`.

use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask vectors [--check]\n       cargo xtask schema [--check]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = args.iter().any(|a| a == "--check");
    let root = xtask::workspace_root();
    let (dir, files, command) = match args.first().map(String::as_str) {
        Some("vectors") => (
            root.join("test-vectors"),
            xtask::corpus()
                .into_iter()
                .map(|(name, contents)| (name.to_owned(), contents))
                .collect(),
            "vectors",
        ),
        Some("schema") => (root.join("docs/schema"), xtask::schema::files(), "schema"),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match sync(&dir, &files, check) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => {
            eprintln!("run `cargo xtask {command}` and commit the result");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

/// Write each file into `dir` (or with `check`, only count the files that differ); returns how
/// many differ.
fn sync(dir: &Path, files: &[(String, String)], check: bool) -> Result<usize, String> {
    let shown = dir
        .strip_prefix(xtask::workspace_root())
        .unwrap_or(dir)
        .display();
    if !check {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {shown}: {e}"))?;
    }
    let mut drift = 0;
    for (name, contents) in files {
        let path = dir.join(name);
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if &current == contents {
            continue;
        }
        if check {
            eprintln!("drift: {shown}/{name} differs from the generator's output");
            drift += 1;
        } else {
            std::fs::write(&path, contents)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            println!("wrote {shown}/{name}");
        }
    }
    Ok(drift)
}
