//! `rlm memory show [ID] [--level L] [--audit N]`

use anyhow::Result;
use rlm_engine::memory::Level;
use serde_json::json;
use std::process::ExitCode;

use super::search::parse_level;
use super::{MemoryContext, headline, when};
use crate::output::print_json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A memory id (ep-…, tr-…, ca-…, do-…); without it, the store's statistics
    pub id: Option<String>,
    /// List the newest memories of this level you may read
    #[arg(long, value_parser = parse_level)]
    pub level: Option<Level>,
    /// Also print the last N audit entries
    #[arg(long, value_name = "N")]
    pub audit: Option<usize>,
    /// How many to list with --level
    #[arg(short = 'k', long, default_value_t = 20)]
    pub limit: usize,
}

pub fn run(ctx: MemoryContext, args: Args) -> Result<ExitCode> {
    if let Some(id) = &args.id {
        let item = ctx.store.get(&ctx.agent, id)?;
        if ctx.json {
            print_json(&item)?;
            return Ok(ExitCode::SUCCESS);
        }
        println!(
            "{}  {} in {} by {} ({})",
            item.id, item.level, item.zone, item.agent, item.kind
        );
        println!(
            "created {}  updated {}  salience {:.2}  accessed {}x",
            when(item.created_at),
            when(item.updated_at),
            item.salience,
            item.access_count
        );
        if let Some(parent) = &item.parent {
            println!("summarised in {parent}");
        }
        if let Some(fact) = &item.fact {
            println!(
                "fact: {} = {} ({:?}{})",
                fact.key,
                fact.value,
                item.fact_state,
                item.superseded_by
                    .as_ref()
                    .map(|s| format!(", superseded by {s}"))
                    .unwrap_or_default()
            );
        }
        if !item.sources.is_empty() {
            println!(
                "sources ({}): {}",
                item.sources.len(),
                item.sources.join(" ")
            );
        }
        println!("\n{}", item.text);
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(level) = args.level {
        let (items, damaged) = ctx.store.list(&ctx.agent, level, args.limit)?;
        for d in &damaged {
            eprintln!("warning: {}", d.reason);
        }
        if ctx.json {
            print_json(&items)?;
            return Ok(ExitCode::SUCCESS);
        }
        for item in items {
            println!(
                "{}  [{}]  {}  {}",
                item.id,
                item.zone,
                when(item.updated_at),
                headline(&item.text, 100)
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let stats = ctx.store.stats()?;
    let grants = ctx.store.grants()?;
    let audit = ctx.store.audit_log(args.audit.unwrap_or(0))?;
    if ctx.json {
        print_json(&json!({
            "path": ctx.store.path(),
            "agent": ctx.agent,
            "clearance": ctx.store.clearance(&ctx.agent)?,
            "retrieval": ctx.store.retrieval_mode(),
            "stats": stats,
            "grants": grants,
            "audit": audit,
        }))?;
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "store {} (schema v{}, {})",
        ctx.store.path().display(),
        stats.schema_version,
        if stats.encrypted {
            "AES-256-GCM"
        } else {
            "UNENCRYPTED benchmark store"
        }
    );
    println!(
        "acting as {} (clearance {})",
        ctx.agent,
        ctx.store.clearance(&ctx.agent)?
    );
    println!("retrieval: {}", ctx.store.retrieval_mode());
    for (level, zone, n) in &stats.items {
        println!("  {level:<9} {zone:<12} {n}");
    }
    println!(
        "waiting for consolidation: {}  open conflicts: {}  evicted: {}",
        stats.unconsolidated_episodes, stats.open_conflicts, stats.evicted
    );
    println!("grants:");
    for g in grants {
        println!(
            "  {:<20} {:<12} by {} at {}",
            g.agent,
            g.clearance.to_string(),
            g.granted_by,
            when(g.at)
        );
    }
    if !audit.is_empty() {
        println!("audit (newest first):");
        for e in audit {
            println!(
                "  {}  {:<10} {:<10} {:<12} {:<7} {}",
                when(e.at),
                e.agent,
                e.action,
                e.zone.to_string(),
                e.outcome,
                e.target
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
