//! `rlm lsp`: the language server on stdin/stdout, for editors. Logs go to stderr (editors
//! show them in their LSP log); `-v`/`RUST_LOG` raise the level.

use anyhow::{Context, Result};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Accepted for editors that pass it; stdio is the only transport
    #[arg(long)]
    pub stdio: bool,
}

pub fn run(_args: Args) -> Result<ExitCode> {
    rlm_lsp::run_stdio().context("running the language server")?;
    Ok(ExitCode::SUCCESS)
}
