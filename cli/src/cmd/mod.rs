//! The subcommands, one file each.

mod ask;
mod bench;
mod context;
mod doctor;
pub(crate) mod exec;
mod graph;
mod index;
mod lsp;
mod mcp;
mod memory;
mod models;
mod retrieve;
mod scan;
mod search;
mod symbols;
mod trace;

use anyhow::Result;
use std::process::ExitCode;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Ask a question of a whole codebase or a text file (the RLM loop over a sandboxed REPL)
    Ask(ask::Args),
    /// Saved traces of `rlm ask --trace`
    #[command(subcommand)]
    Trace(trace::TraceCommand),
    /// Benchmarks, each against a baseline run in the same process
    #[command(subcommand)]
    Bench(bench::BenchCommand),
    /// Index a workspace (incremental): files, symbols and chunks into .rlm/
    Index(index::Args),
    /// BM25 search over the indexed chunks
    Search(search::Args),
    /// Find symbol definitions by name (exact, then prefix)
    Symbols(symbols::Args),
    /// The code graph: export (cypher, graphml, jsonl), callers, callees, map, cycles, unused
    #[command(subcommand)]
    Graph(graph::GraphCommand),
    /// Print the whole workspace as one text, the form the RLM loop reads
    Context(context::Args),
    /// Passages that answer a question: InfiniRetri, BM25, embeddings or hybrid
    Retrieve(retrieve::Args),
    /// The offline ONNX models: list, install, verify
    #[command(subcommand)]
    Models(models::ModelsCommand),
    /// Run the language server on stdio (for editors)
    Lsp(lsp::Args),
    /// Security audit: findings as text, JSON or SARIF; quick fixes; CI exit codes
    Scan(scan::Args),
    /// Hierarchical, encrypted memory shared by agents (H-MEM)
    Memory(memory::Args),
    /// Serve the engine to coding agents over MCP (stdio, or streamable HTTP with --http)
    Mcp(mcp::Args),
    /// Run a Python script as one step in a fresh sandbox (exit 0 ok, 1 raised, 2 blocked, 3 killed)
    Exec(exec::Args),
    /// Report which sandbox layers are active on this machine
    Doctor(doctor::Args),
}

pub fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Ask(args) => ask::run(args),
        Command::Trace(command) => trace::run(command),
        Command::Bench(command) => bench::run(command),
        Command::Index(args) => index::run(args),
        Command::Search(args) => search::run(args),
        Command::Symbols(args) => symbols::run(args),
        Command::Graph(command) => graph::run(command),
        Command::Context(args) => context::run(args),
        Command::Retrieve(args) => retrieve::run(args),
        Command::Models(command) => models::run(command),
        Command::Memory(args) => memory::run(args),
        Command::Exec(args) => exec::run(args),
        Command::Doctor(args) => doctor::run(args),
        Command::Scan(args) => scan::run(args),
        Command::Mcp(args) => mcp::run(args),
        Command::Lsp(args) => lsp::run(args),
    }
}
