//! The labels: a nameplate QR for each robot's code and a QR of its passport, as SVG and PNG.

use hrid::code::IdentityCode;

use super::files::Files;
use crate::CliError;

/// Write the nameplate and passport labels of `code`.
pub(super) fn write(
    files: &mut Files,
    code: &IdentityCode,
    passport: &str,
) -> Result<(), CliError> {
    let fail = |e: hrid_label::LabelError| CliError(format!("{e} [{}]", e.code()));
    let nameplate = hrid_label::Label::for_code(code).map_err(fail)?;
    files.write(
        &format!("labels/{}.nameplate.svg", code.as_str()),
        nameplate.to_svg().as_bytes(),
    )?;
    files.write(
        &format!("labels/{}.nameplate.png", code.as_str()),
        &nameplate.to_png(8).map_err(fail)?,
    )?;
    let label = hrid_label::Label::for_passport(passport, code).map_err(fail)?;
    files.write(
        &format!("labels/{}.passport.svg", code.as_str()),
        label.to_svg().as_bytes(),
    )?;
    files.write(
        &format!("labels/{}.passport.png", code.as_str()),
        &label.to_png(8).map_err(fail)?,
    )?;
    Ok(())
}
