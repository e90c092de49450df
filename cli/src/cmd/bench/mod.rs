//! `rlm bench ...`: benchmarks that print ratios against a baseline run in the same process or
//! script (ripgrep, plain python3, bandit, ...). One file per benchmark. `rlm bench rlm` (the
//! fake model server) and `rlm bench memory` (synthetic histories, a plaintext store) need the
//! engine's test scaffolding, so they exist only in builds with the `bench` feature, never in
//! the released binary.

mod audit;
mod graph;
mod index;
mod lsp;
mod mcp;
#[cfg(feature = "bench")]
mod memory;
mod retrieve;
#[cfg(feature = "bench")]
mod rlm;
#[cfg(feature = "bench")]
mod rlm_tasks;
mod sandbox;
mod stats;

use anyhow::Result;
use std::process::ExitCode;

#[derive(Debug, clap::Subcommand)]
pub enum BenchCommand {
    /// rlm scan against bandit on bandit's labelled examples, and a 10k-file polyglot repo
    Audit(audit::Args),
    /// The code graph against jedi and the TypeScript language service; build and query speed
    Graph(graph::Args),
    /// Full and incremental indexing, and query latency against ripgrep
    Index(index::Args),
    /// Needle in a haystack of real source code: bm25, vector, infini and hybrid recall and speed
    Retrieve(Box<retrieve::Args>),
    /// Language server: initialize to first hover, hover/definition p50/p99, memory
    Lsp(lsp::Args),
    /// Memory store: add/search latency by size, consolidation time, encryption overhead
    #[cfg(feature = "bench")]
    Memory(memory::Args),
    /// The MCP server over stdio: start-up, search_code and find_symbol latency p50/p99
    Mcp(mcp::Args),
    /// Long-context tasks (S-NIAH, multi-needle, OOLONG-style) by the RLM loop vs the same model on the truncated context; engine overhead per iteration
    #[cfg(feature = "bench")]
    Rlm(rlm::Args),
    /// Sandbox warm step latency, cold start against plain python3, 40 MB context load
    Sandbox(sandbox::Args),
}

pub fn run(command: BenchCommand) -> Result<ExitCode> {
    match command {
        BenchCommand::Audit(args) => audit::run(args),
        BenchCommand::Graph(args) => graph::run(args),
        BenchCommand::Index(args) => index::run(args),
        BenchCommand::Retrieve(args) => retrieve::run(*args),
        BenchCommand::Lsp(args) => lsp::run(args),
        #[cfg(feature = "bench")]
        BenchCommand::Memory(args) => memory::run(args),
        BenchCommand::Mcp(args) => mcp::run(args),
        #[cfg(feature = "bench")]
        BenchCommand::Rlm(args) => rlm::run(args),
        BenchCommand::Sandbox(args) => sandbox::run(args),
    }
}
