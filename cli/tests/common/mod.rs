//! What the CLI's test files share: running the binary, and a temporary folder.

#![allow(dead_code)] // each test file uses its own part

pub mod corpus;

use std::path::Path;
use std::process::{Command, Output};

/// Run `hrid` with these arguments, colour off.
pub fn hrid(args: &[&str]) -> Output {
    command(args).output().unwrap()
}

/// Run `hrid` with these arguments in the folder `dir`, colour off.
pub fn hrid_in(dir: &Path, args: &[&str]) -> Output {
    command(args).current_dir(dir).output().unwrap()
}

fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hrid"));
    command.args(args).env("NO_COLOR", "1");
    command
}

/// A temporary directory removed on drop (no extra dependency needed).
pub mod tempdir {
    pub struct Dir(std::path::PathBuf);
    impl Dir {
        pub fn new() -> Dir {
            use std::sync::atomic::{AtomicUsize, Ordering};
            static N: AtomicUsize = AtomicUsize::new(0);
            let p = std::env::temp_dir().join(format!(
                "hrid-cli-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::SeqCst)
            ));
            std::fs::create_dir_all(&p).unwrap();
            Dir(p)
        }
        pub fn path(&self) -> &std::path::Path {
            &self.0
        }
    }
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}
