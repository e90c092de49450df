//! `rlm memory consolidate`: prints one line per committed group on stderr, the report on stdout.

use anyhow::Result;
use std::process::ExitCode;

use super::MemoryContext;
use crate::output::print_json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// No progress lines
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(ctx: MemoryContext, args: Args) -> Result<ExitCode> {
    let quiet = args.quiet;
    let report = ctx.store.consolidate(&mut |line| {
        if !quiet {
            eprintln!("{line}");
        }
    })?;
    if ctx.json {
        print_json(&report)?;
        return Ok(ExitCode::SUCCESS);
    }
    if report.skipped_busy {
        println!("another process is consolidating this store; nothing done");
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "consolidated {} episode(s): {} trace(s) created, {} extended; {} categor(ies) created, {} extended; {} domain profile(s) updated",
        report.episodes_consolidated,
        report.traces_created,
        report.traces_extended,
        report.categories_created,
        report.categories_extended,
        report.domains_updated
    );
    for (level, n) in &report.evicted {
        println!("evicted {n} {level}(s) (each survives in its summary)");
    }
    match &report.model_summaries {
        Some(tally) => {
            println!(
                "summaries: {}: {} written by the model, {} fell back to extractive; {} ms",
                report.summarizer, tally.by_model, tally.fell_back, report.elapsed_ms
            );
            if let Some(why) = &tally.last_fallback_reason {
                println!("  last fallback: {why}");
            }
        }
        None => println!("summaries: {}; {} ms", report.summarizer, report.elapsed_ms),
    }
    Ok(ExitCode::SUCCESS)
}
