//! `rlm memory search [-k N] [--level L] [--zone Z] QUERY...`

use anyhow::Result;
use rlm_engine::memory::{Level, SearchRequest, Zone};
use std::process::ExitCode;

use super::{MemoryContext, headline};
use crate::output::print_json;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(required = true)]
    pub query: Vec<String>,
    /// Number of results
    #[arg(short = 'k', long, default_value_t = 10)]
    pub limit: usize,
    /// Only this level (repeatable): episode, trace, category, domain
    #[arg(long = "level", value_parser = parse_level)]
    pub levels: Vec<Level>,
    /// Only this zone (must be within your clearance)
    #[arg(long)]
    pub zone: Option<Zone>,
    /// Include superseded and rejected facts
    #[arg(long)]
    pub history: bool,
}

pub fn parse_level(s: &str) -> Result<Level, String> {
    Level::ALL
        .into_iter()
        .find(|l| l.name().eq_ignore_ascii_case(s))
        .ok_or_else(|| format!("unknown level {s:?}: use episode, trace, category or domain"))
}

pub fn run(ctx: MemoryContext, args: Args) -> Result<ExitCode> {
    let request = SearchRequest {
        query: args.query.join(" "),
        limit: args.limit,
        levels: args.levels,
        zone: args.zone,
        include_history: args.history,
    };
    // Memories stored before the embedding model was installed get their vectors now.
    let embedded = ctx.store.reembed_missing()?;
    if embedded > 0 {
        eprintln!("embedded {embedded} memor(ies) stored before the embedding model was installed");
    }
    let results = ctx.store.search(&ctx.agent, &request)?;
    for damaged in &results.damaged {
        eprintln!("warning: {}", damaged.reason);
    }
    if ctx.json {
        print_json(&results)?;
        return Ok(ExitCode::SUCCESS);
    }
    println!("retrieval: {}", results.mode);
    if results.hits.is_empty() {
        println!(
            "no memories match {:?} for agent {}",
            request.query, ctx.agent
        );
    }
    for hit in &results.hits {
        let item = &hit.item;
        let extra = if item.sources.is_empty() {
            String::new()
        } else {
            format!(" ({} sources)", item.sources.len())
        };
        println!(
            "{:.3}  {}  [{}/{}]{}  {}",
            hit.score.total,
            item.id,
            item.level,
            item.zone,
            extra,
            headline(&item.text, 100)
        );
    }
    Ok(ExitCode::SUCCESS)
}
