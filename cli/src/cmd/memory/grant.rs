//! `rlm memory grant AGENT ZONE`: acting as `--agent`, clear AGENT for ZONE.

use anyhow::Result;
use rlm_engine::memory::Zone;
use std::process::ExitCode;

use super::MemoryContext;
use crate::output::print_json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The agent to clear
    pub to: String,
    /// public, internal, confidential or secret
    pub zone: Zone,
}

pub fn run(ctx: MemoryContext, args: Args) -> Result<ExitCode> {
    let grant = ctx.store.grant(&ctx.agent, &args.to, args.zone)?;
    if ctx.json {
        print_json(&grant)?;
    } else {
        println!(
            "{} is cleared for {} (and every zone below)",
            grant.agent, grant.clearance
        );
    }
    Ok(ExitCode::SUCCESS)
}
