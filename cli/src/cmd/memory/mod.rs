//! `rlm memory ...`: the H-MEM store of a workspace (`.rlm/memory.db`), one file per
//! subcommand. Every subcommand acts as `--agent ID` (default `[memory] agent`, `user`), opens
//! the store with `RLM_MEMORY_KEY` or the key file, and prints text for people or `--json`.
//! Where the embedding model is installed, `add`, `search`, `consolidate` and `import` use it
//! (hybrid retrieval), BM25 alone otherwise (search says which); where a chat model is
//! configured (as for `rlm ask`), `add` and `consolidate` have it judge contradictions and write
//! summaries, the key/value rule and extractive summaries otherwise (their output says which).

mod add;
mod conflicts;
mod consolidate;
mod export;
mod grant;
mod import;
mod revoke;
mod rotate_key;
mod search;
mod show;
mod verify;

use anyhow::Result;
use rlm_engine::ask::{MemoryNeeds, WorkspaceMemory, open_workspace_memory};
use rlm_engine::memory::{MemoryConfig, MemoryStore};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::workspace::Workspace;

/// Flags every memory subcommand takes.
#[derive(Debug, clap::Args)]
pub struct Common {
    /// The workspace whose `.rlm/` holds the store (default: the current folder)
    #[arg(long, short = 'C', global = true)]
    pub workspace: Option<PathBuf>,
    /// Act as this agent (default: `[memory] agent` in rlm.toml, else `user`)
    #[arg(long, global = true)]
    pub agent: Option<String>,
    /// Print results as JSON
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub common: Common,
    #[command(subcommand)]
    pub command: MemoryCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum MemoryCommand {
    /// Add an episode (a note, question, answer, finding or `key = value` fact)
    Add(add::Args),
    /// Search every level you may read (BM25, + embeddings when a model is installed)
    Search(search::Args),
    /// Show one memory by id, or the store's statistics, grants and audit log
    Show(show::Args),
    /// Cluster waiting episodes into traces, traces into categories, refresh domain profiles
    Consolidate(consolidate::Args),
    /// List conflicting facts waiting for review, or resolve one
    Conflicts(conflicts::Args),
    /// Clear an agent for a zone (and every zone below it)
    Grant(grant::Args),
    /// Take a zone (and every zone above it) away from an agent
    Revoke(revoke::Args),
    /// Write the memories you may read as JSON lines (plaintext!)
    Export(export::Args),
    /// Read an export into this store, re-encrypting under its key
    Import(import::Args),
    /// Re-encrypt the whole store under a new key
    RotateKey(rotate_key::Args),
    /// Check every record's authentication tag and report damaged ones
    Verify(verify::Args),
}

pub fn run(args: Args) -> Result<ExitCode> {
    let needs = match &args.command {
        MemoryCommand::Add(_) | MemoryCommand::Consolidate(_) => Needs {
            embedder: true,
            model: true,
        },
        // `show` reports how search ranks, so it loads what search would.
        MemoryCommand::Search(_) | MemoryCommand::Import(_) | MemoryCommand::Show(_) => Needs {
            embedder: true,
            model: false,
        },
        MemoryCommand::Conflicts(_)
        | MemoryCommand::Grant(_)
        | MemoryCommand::Revoke(_)
        | MemoryCommand::Export(_)
        | MemoryCommand::RotateKey(_)
        | MemoryCommand::Verify(_) => Needs {
            embedder: false,
            model: false,
        },
    };
    let ctx = MemoryContext::open(&args.common, needs)?;
    match args.command {
        MemoryCommand::Add(a) => add::run(ctx, a),
        MemoryCommand::Search(a) => search::run(ctx, a),
        MemoryCommand::Show(a) => show::run(ctx, a),
        MemoryCommand::Consolidate(a) => consolidate::run(ctx, a),
        MemoryCommand::Conflicts(a) => conflicts::run(ctx, a),
        MemoryCommand::Grant(a) => grant::run(ctx, a),
        MemoryCommand::Revoke(a) => revoke::run(ctx, a),
        MemoryCommand::Export(a) => export::run(ctx, a),
        MemoryCommand::Import(a) => import::run(ctx, a),
        MemoryCommand::RotateKey(a) => rotate_key::run(ctx, a),
        MemoryCommand::Verify(a) => verify::run(ctx, a),
    }
}

/// What a subcommand needs loaded besides the store: the embedding model (to embed what it
/// writes, or to search with it) and the chat model (summaries and contradiction judgements).
#[derive(Debug, Clone, Copy)]
struct Needs {
    embedder: bool,
    model: bool,
}

/// What a subcommand works with: the open store, who it acts as, how to print.
pub struct MemoryContext {
    pub store: MemoryStore,
    pub agent: String,
    pub json: bool,
    pub config: MemoryConfig,
    /// The key file in use; `None` when the key comes from `RLM_MEMORY_KEY`.
    pub key_file: Option<PathBuf>,
    /// Why no chat model writes summaries or judges contradictions (`None`: one does).
    pub no_model: Option<String>,
}

impl MemoryContext {
    fn open(common: &Common, needs: Needs) -> Result<MemoryContext> {
        let workspace = Workspace::resolve(common.workspace.as_deref(), None)?;
        let WorkspaceMemory {
            store,
            config,
            key_file,
            no_model,
        } = open_workspace_memory(
            &workspace.root,
            &workspace.config,
            MemoryNeeds {
                embedder: needs.embedder,
                model: needs.model,
            },
        )?;
        let agent = common.agent.clone().unwrap_or_else(|| config.agent.clone());
        Ok(MemoryContext {
            store,
            agent,
            json: common.json,
            config,
            key_file,
            no_model,
        })
    }
}

/// The first line of a text, cut to `max` characters, for one-line listings.
pub fn headline(text: &str, max: usize) -> String {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut out: String = line.chars().take(max).collect();
    if line.chars().count() > max || text.lines().filter(|l| !l.trim().is_empty()).count() > 1 {
        out.push('…');
    }
    out
}

/// Unix milliseconds as `YYYY-MM-DD HH:MM` UTC.
pub fn when(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}",
        rem / 3600,
        (rem % 3600) / 60
    )
}
