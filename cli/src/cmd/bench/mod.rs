//! `rlm bench ...`: benchmarks that print ratios against a baseline run in the same process or
//! script (ripgrep, plain python3, bandit, ...). One file per benchmark.

mod index;
mod retrieve;

use anyhow::Result;
use std::process::ExitCode;

#[derive(Debug, clap::Subcommand)]
pub enum BenchCommand {
    /// Full and incremental indexing, and query latency against ripgrep
    Index(index::Args),
    /// Needle in a haystack of real source code: bm25, vector, infini and hybrid recall and speed
    Retrieve(retrieve::Args),
}

pub fn run(command: BenchCommand) -> Result<ExitCode> {
    match command {
        BenchCommand::Index(args) => index::run(args),
        BenchCommand::Retrieve(args) => retrieve::run(args),
    }
}
