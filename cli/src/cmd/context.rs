//! `rlm context [PATH]`: the whole workspace as one text.

use crate::workspace::Workspace;
use anyhow::Result;
use rlm_engine::context::write_context;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The workspace (default: the current folder)
    pub path: Option<PathBuf>,
    /// Stop before the text exceeds this many bytes
    #[arg(long)]
    pub max_bytes: Option<u64>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let workspace = Workspace::resolve(args.path.as_deref(), None)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let summary = write_context(
        &workspace.root,
        &workspace.settings.list,
        args.max_bytes,
        &mut out,
    )?;
    out.flush()?;
    tracing::info!(
        "context: {} files, {} bytes",
        summary.files.len(),
        summary.total_bytes
    );
    Ok(ExitCode::SUCCESS)
}
