//! `rlm memory import FILE|-`: re-encrypts under this store's key; skips ids already present.

use anyhow::{Context, Result};
use std::path::PathBuf;
use std::process::ExitCode;

use super::MemoryContext;
use crate::output::print_json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// An export (`-` for stdin)
    pub file: PathBuf,
}

pub fn run(ctx: MemoryContext, args: Args) -> Result<ExitCode> {
    let summary = if args.file.as_os_str() == "-" {
        ctx.store.import(&ctx.agent, &mut std::io::stdin().lock())?
    } else {
        let file = std::fs::File::open(&args.file)
            .with_context(|| format!("cannot open {}", args.file.display()))?;
        ctx.store
            .import(&ctx.agent, &mut std::io::BufReader::new(file))?
    };
    if ctx.json {
        print_json(&summary)?;
    } else {
        println!(
            "imported {} memories ({} already present)",
            summary.added, summary.already_present
        );
    }
    Ok(ExitCode::SUCCESS)
}
