//! The files the demo writes, and scene 6, which says where they are and how to replay them.

use std::path::PathBuf;

use hrid::code::IdentityCode;

use super::history_file;
use crate::output::{self, dim, heading};
use crate::util;
use crate::CliError;

/// The demo's folder and every file written to it so far, in order.
pub(super) struct Files {
    pub(super) out: PathBuf,
    written: Vec<PathBuf>,
}

impl Files {
    pub(super) fn new(out: PathBuf) -> Files {
        Files {
            out,
            written: Vec::new(),
        }
    }

    /// Write `bytes` to `rel` under the demo's folder.
    pub(super) fn write(&mut self, rel: &str, bytes: &[u8]) -> Result<(), CliError> {
        let path = self.out.join(rel);
        util::write(&path, bytes)?;
        self.written.push(path);
        Ok(())
    }

    /// Scene 6: where the files are, and the command that replays robot 1's verification.
    pub(super) fn show(&self, robot: &IdentityCode) {
        let history_file = history_file(robot);
        output::line("");
        output::line(&format!("{}  written to {}/ (replay: hrid verify-history {}/{history_file} --trust-list {}/trust-list.dsse.json --root-key {}/keys/root-1.pub.pem --threshold 1)", heading("6. Files"), self.out.display(), self.out.display(), self.out.display(), self.out.display()));
        output::line(&dim(&format!(
            "   {} files: trust list, keys, recall notice, histories, passports, labels, incident report",
            self.written.len()
        )));
    }
}
