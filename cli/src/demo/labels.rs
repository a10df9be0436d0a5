//! The labels: a nameplate QR for each robot's code and a QR of its passport, as SVG and PNG.

use hrid::code::IdentityCode;
use hrid_label::{Label, LabelError};

use super::files::Files;
use crate::CliError;

fn fail(e: LabelError) -> CliError {
    CliError(format!("{e} [{}]", e.code()))
}

/// Write the nameplate and passport labels of `code`.
pub(super) fn write(
    files: &mut Files,
    code: &IdentityCode,
    passport: &str,
) -> Result<(), CliError> {
    let nameplate = Label::for_code(code).map_err(fail)?;
    write_label(files, code, "nameplate", &nameplate)?;
    let label = Label::for_passport(passport, code).map_err(fail)?;
    write_label(files, code, "passport", &label)
}

/// `labels/CODE.KIND.svg`, then the same label as PNG (8 pixels a module).
fn write_label(
    files: &mut Files,
    code: &IdentityCode,
    kind: &str,
    label: &Label,
) -> Result<(), CliError> {
    let name = format!("labels/{}.{kind}", code.as_str());
    files.write(&format!("{name}.svg"), label.to_svg().as_bytes())?;
    files.write(&format!("{name}.png"), &label.to_png(8).map_err(fail)?)
}
