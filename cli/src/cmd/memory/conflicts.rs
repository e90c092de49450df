//! `rlm memory conflicts [--all] [--resolve N --keep existing|incoming]`

use anyhow::{Result, bail};
use rlm_engine::memory::Keep;
use std::process::ExitCode;

use super::{MemoryContext, when};
use crate::output::print_json;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum KeepArg {
    Existing,
    Incoming,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Also list resolved conflicts
    #[arg(long)]
    pub all: bool,
    /// Resolve this conflict (needs --keep)
    #[arg(long, value_name = "N")]
    pub resolve: Option<i64>,
    /// Which value stays in force
    #[arg(long, value_enum)]
    pub keep: Option<KeepArg>,
}

pub fn run(ctx: MemoryContext, args: Args) -> Result<ExitCode> {
    if let Some(id) = args.resolve {
        let keep = match args.keep {
            Some(KeepArg::Existing) => Keep::Existing,
            Some(KeepArg::Incoming) => Keep::Incoming,
            None => bail!("--resolve {id} needs --keep existing or --keep incoming"),
        };
        let conflict = ctx.store.resolve_conflict(&ctx.agent, id, keep)?;
        if ctx.json {
            print_json(&conflict)?;
        } else {
            println!(
                "conflict #{} on {:?}: {:?}",
                conflict.id, conflict.key, conflict.status
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    if args.keep.is_some() {
        bail!("--keep goes with --resolve N");
    }
    let conflicts = ctx.store.conflicts(&ctx.agent, args.all)?;
    if ctx.json {
        print_json(&conflicts)?;
        return Ok(ExitCode::SUCCESS);
    }
    if conflicts.is_empty() {
        println!(
            "no {}conflicts visible to {}",
            if args.all { "" } else { "open " },
            ctx.agent
        );
    }
    for c in conflicts {
        let value = |i: &rlm_engine::memory::MemoryItem| {
            i.fact.as_ref().map(|f| f.value.clone()).unwrap_or_default()
        };
        println!(
            "#{} [{}] {:?} since {} ({:?})",
            c.id,
            c.zone,
            c.key,
            when(c.created_at),
            c.status
        );
        println!(
            "    existing {} by {}: {}",
            c.existing.id,
            c.existing.agent,
            value(&c.existing)
        );
        println!(
            "    incoming {} by {}: {}",
            c.incoming.id,
            c.incoming.agent,
            value(&c.incoming)
        );
    }
    Ok(ExitCode::SUCCESS)
}
