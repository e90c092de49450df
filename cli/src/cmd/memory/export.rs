//! `rlm memory export [--zone Z] [-o FILE]`: JSON lines, plaintext, only what you may read.

use anyhow::{Context, Result};
use rlm_engine::memory::Zone;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::MemoryContext;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this zone
    #[arg(long)]
    pub zone: Option<Zone>,
    /// Write here instead of stdout (created 0600)
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

pub fn run(ctx: MemoryContext, args: Args) -> Result<ExitCode> {
    let summary = match &args.output {
        Some(path) => {
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create(true).truncate(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            let file = options
                .open(path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            let mut out = std::io::BufWriter::new(file);
            let summary = ctx.store.export(&ctx.agent, args.zone, &mut out)?;
            out.flush()?;
            summary
        }
        None => {
            let mut out = std::io::stdout().lock();
            ctx.store.export(&ctx.agent, args.zone, &mut out)?
        }
    };
    for d in &summary.damaged {
        eprintln!("warning: not exported: {}", d.reason);
    }
    eprintln!(
        "exported {} memories as plaintext{}",
        summary.items,
        args.output
            .as_ref()
            .map(|p| format!(" to {}", p.display()))
            .unwrap_or_default()
    );
    Ok(ExitCode::SUCCESS)
}
