//! `rlm memory revoke AGENT ZONE`: acting as `--agent`, take ZONE and above from AGENT.

use anyhow::Result;
use rlm_engine::memory::Zone;
use std::process::ExitCode;

use super::MemoryContext;
use crate::output::print_json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The agent whose clearance drops
    pub from: String,
    /// The lowest zone it loses: internal, confidential or secret
    pub zone: Zone,
}

pub fn run(ctx: MemoryContext, args: Args) -> Result<ExitCode> {
    let grant = ctx.store.revoke(&ctx.agent, &args.from, args.zone)?;
    if ctx.json {
        print_json(&grant)?;
    } else {
        println!(
            "{} is now cleared for {} only (and below)",
            grant.agent, grant.clearance
        );
    }
    Ok(ExitCode::SUCCESS)
}
