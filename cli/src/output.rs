//! Writing results: to stdout, as text for people or JSON for programs.

use anyhow::Result;
use serde::Serialize;
use std::io::Write;

/// Prints `value` as pretty JSON followed by a newline.
pub fn print_json<T: Serialize>(value: &T) -> Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}
