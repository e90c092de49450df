//! `rlm bench ...`: benchmarks that print ratios against a baseline run in the same process or
//! script (ripgrep, plain python3, bandit, ...). One file per benchmark.

mod audit;
mod index;
mod lsp;
mod memory;
mod sandbox;

use anyhow::Result;
use std::process::ExitCode;

#[derive(Debug, clap::Subcommand)]
pub enum BenchCommand {
    /// rlm scan against bandit on bandit's labelled examples, and a 10k-file polyglot repo
    Audit(audit::Args),
    /// Full and incremental indexing, and query latency against ripgrep
    Index(index::Args),
    /// Language server: initialize to first hover, hover/definition p50/p99, memory
    Lsp(lsp::Args),
    /// Memory store: add/search latency by size, consolidation time, encryption overhead
    Memory(memory::Args),
    /// Sandbox warm step latency, cold start against plain python3, 40 MB context load
    Sandbox(sandbox::Args),
}

pub fn run(command: BenchCommand) -> Result<ExitCode> {
    match command {
        BenchCommand::Audit(args) => audit::run(args),
        BenchCommand::Index(args) => index::run(args),
        BenchCommand::Lsp(args) => lsp::run(args),
        BenchCommand::Memory(args) => memory::run(args),
        BenchCommand::Sandbox(args) => sandbox::run(args),
    }
}
