//! `cargo xtask vectors [--check]`: write (or check) the test-vector corpus.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = args.iter().any(|a| a == "--check");
    match args.first().map(String::as_str) {
        Some("vectors") => {}
        _ => {
            eprintln!("usage: cargo xtask vectors [--check]");
            return ExitCode::from(2);
        }
    }
    let dir = xtask::workspace_root().join("test-vectors");
    let mut drift = 0;
    for (name, contents) in xtask::corpus() {
        let path = dir.join(name);
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current == contents {
            continue;
        }
        if check {
            eprintln!("drift: test-vectors/{name} differs from the generator's output");
            drift += 1;
        } else if let Err(e) = std::fs::write(&path, contents) {
            eprintln!("cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        } else {
            println!("wrote test-vectors/{name}");
        }
    }
    if drift > 0 {
        eprintln!("run `cargo xtask vectors` and commit the result");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
