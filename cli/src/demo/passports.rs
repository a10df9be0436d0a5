//! The passports: the registry signs each robot's passport, derived from its verified history,
//! and it is written with its labels.

use hrid::code::IdentityCode;
use hrid::passport::Passport;

use super::{labels, Demo};
use crate::CliError;

/// Sign `passport` with the registry's key; write it and the robot's labels; the passport text.
pub(super) fn issue(
    demo: &mut Demo,
    code: &IdentityCode,
    passport: &Passport,
) -> Result<String, CliError> {
    let text = passport
        .sign(&demo.cast.registry.key)
        .map_err(|e| CliError(e.to_string()))?;
    demo.files.write(
        &format!("passports/{}.txt", code.as_str()),
        format!("{text}\n").as_bytes(),
    )?;
    labels::write(&mut demo.files, code, &text)?;
    Ok(text)
}
