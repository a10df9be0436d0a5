//! Terminal output: colour only on a terminal and never with `NO_COLOR` (anstream strips it).

use std::io::Write;

use owo_colors::OwoColorize;

/// Print a line on stdout (colour codes are stripped when stdout is not a terminal).
pub(crate) fn line(text: &str) {
    let mut out = anstream::stdout();
    let _ = writeln!(out, "{text}");
}

/// Print a value as one line of JSON on stdout (fields in declaration order).
pub(crate) fn json<T: serde::Serialize + ?Sized>(value: &T) {
    match serde_json::to_string(value) {
        Ok(text) => line(&text),
        Err(e) => error(&format!("cannot serialise the report: {e}")),
    }
}

/// Print an error on stderr.
pub(crate) fn error(message: &str) {
    let mut err = anstream::stderr();
    let _ = writeln!(err, "{} {message}", "error:".red().bold());
}

/// Green "VALID"-style label.
pub(crate) fn good(text: &str) -> String {
    text.green().bold().to_string()
}

/// Red "INVALID"-style label.
pub(crate) fn bad(text: &str) -> String {
    text.red().bold().to_string()
}

/// Yellow label for warnings and indeterminate results.
pub(crate) fn warn(text: &str) -> String {
    text.yellow().bold().to_string()
}

/// Dimmed text for reason codes and details.
pub(crate) fn dim(text: &str) -> String {
    text.dimmed().to_string()
}

/// Bold heading.
pub(crate) fn heading(text: &str) -> String {
    text.bold().to_string()
}

/// Print a warning on stderr.
pub(crate) fn warn_line(message: &str) {
    let mut err = anstream::stderr();
    let _ = writeln!(err, "{} {message}", "warning:".yellow().bold());
}
