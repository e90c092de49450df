//! `rlm memory verify`: exit 1 when any record fails authentication.

use anyhow::Result;
use std::process::ExitCode;

use super::MemoryContext;
use crate::output::print_json;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(ctx: MemoryContext, _args: Args) -> Result<ExitCode> {
    let report = ctx.store.verify()?;
    if ctx.json {
        print_json(&report)?;
    } else {
        for d in &report.damaged {
            println!("DAMAGED {}: {}", d.id, d.reason);
        }
        println!(
            "{} record(s) checked, {} damaged",
            report.records,
            report.damaged.len()
        );
    }
    Ok(if report.damaged.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
