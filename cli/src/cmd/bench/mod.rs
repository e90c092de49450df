//! `rlm bench ...`: benchmarks that print ratios against a baseline run in the same process or
//! script (ripgrep, plain python3, bandit, ...). One file per benchmark.

mod index;
mod lsp;

use anyhow::Result;
use std::process::ExitCode;

#[derive(Debug, clap::Subcommand)]
pub enum BenchCommand {
    /// Full and incremental indexing, and query latency against ripgrep
    Index(index::Args),
    /// Language server: initialize to first hover, hover/definition p50/p99, memory
    Lsp(lsp::Args),
}

pub fn run(command: BenchCommand) -> Result<ExitCode> {
    match command {
        BenchCommand::Index(args) => index::run(args),
        BenchCommand::Lsp(args) => lsp::run(args),
    }
}
