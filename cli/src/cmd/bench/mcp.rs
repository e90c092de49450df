//! `rlm bench mcp`: the MCP server end to end over stdio, as an agent sees it. Start-up time to
//! a ready `tools/list`, and `search_code` / `find_symbol` latency (p50, p99) on a generated
//! workspace, each against the same engine call made in this process (the baseline: what the
//! protocol, the process boundary and the JSON cost on top).

use super::stats::{ms, percentile};
use anyhow::{Context, Result, bail};
use rlm_engine::config::Config;
use rlm_engine::index::{IndexSettings, NoProgress, WorkspaceIndex, index_workspace};
use rlm_engine::search::{SearchQuery, find_symbols, search};
use rmcp::ServiceExt;
use rmcp::model::CallToolRequestParams;
use rmcp::transport::TokioChildProcess;
use serde_json::{Map, Value, json};
use std::path::Path;
use std::process::{ExitCode, Stdio};
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files in the generated workspace
    #[arg(long, default_value_t = 10_000)]
    pub files: usize,
    /// Calls per tool
    #[arg(long, default_value_t = 300)]
    pub calls: usize,
    /// Server start-ups to time
    #[arg(long, default_value_t = 5)]
    pub starts: usize,
}

const WORDS: &[&str] = &[
    "invoice", "customer", "session", "token", "refund", "ledger", "cache", "retry", "parser",
    "schema", "account", "shipment", "payment", "report", "quota", "webhook", "tenant", "audit",
];

/// A small deterministic generator, so every run benchmarks the same workspace and queries.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n.max(1) as u64) as usize
    }
}

/// Writes `files` source files (Python, Rust, JavaScript) of a few functions each.
fn generate(root: &Path, files: usize) -> Result<()> {
    let mut rng = Lcg(7);
    for i in 0..files {
        let dir = root.join(format!("pkg_{:03}", i / 100));
        std::fs::create_dir_all(&dir)?;
        let (a, b) = (WORDS[rng.next(WORDS.len())], WORDS[rng.next(WORDS.len())]);
        let (name, text) = match i % 3 {
            0 => (
                format!("mod_{i}.py"),
                format!(
                    "\"\"\"The {a} {b} module.\"\"\"\n\nclass {A}{B}Service_{i}:\n    def handle_{a}_{i}(self, {b}):\n        \"\"\"Handle one {a} for a {b}.\"\"\"\n        if not {b}:\n            raise ValueError(\"missing {b}\")\n        return self.store_{b}_{i}({b})\n\n    def store_{b}_{i}(self, value):\n        return {{\"{a}\": value, \"id\": {i}}}\n",
                    A = capitalise(a),
                    B = capitalise(b)
                ),
            ),
            1 => (
                format!("mod_{i}.rs"),
                format!(
                    "//! The {a} {b} module.\n\n/// Handles one {a} for a {b}.\npub fn handle_{a}_{i}({b}: &str) -> Result<usize, String> {{\n    if {b}.is_empty() {{\n        return Err(\"missing {b}\".into());\n    }}\n    Ok({b}.len() + {i})\n}}\n\npub struct {A}{B}_{i} {{\n    pub {a}: u64,\n}}\n",
                    A = capitalise(a),
                    B = capitalise(b)
                ),
            ),
            _ => (
                format!("mod_{i}.js"),
                format!(
                    "// The {a} {b} module.\n\nexport function handle_{a}_{i}({b}) {{\n  if (!{b}) {{\n    throw new Error(\"missing {b}\");\n  }}\n  return {{ {a}: {b}, id: {i} }};\n}}\n"
                ),
            ),
        };
        std::fs::write(dir.join(name), text)?;
    }
    Ok(())
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn report(label: &str, mut mcp: Vec<Duration>, mut engine: Vec<Duration>) {
    mcp.sort();
    engine.sort();
    let (p50, p99) = (percentile(&mcp, 0.5), percentile(&mcp, 0.99));
    let (b50, b99) = (percentile(&engine, 0.5), percentile(&engine, 0.99));
    println!(
        "{label:<12} over stdio p50 {:>6.2} ms  p99 {:>6.2} ms | in-process engine p50 {:>6.2} ms  p99 {:>6.2} ms | ratio p50 {:.1}x  p99 {:.1}x",
        ms(p50),
        ms(p99),
        ms(b50),
        ms(b99),
        ms(p50) / ms(b50).max(1e-6),
        ms(p99) / ms(b99).max(1e-6)
    );
}

fn server_command(root: &Path) -> Result<tokio::process::Command> {
    let exe = std::env::current_exe().context("finding the rlm binary")?;
    let mut command = tokio::process::Command::new(exe);
    command.arg("mcp").arg(root);
    Ok(command)
}

pub fn run(args: Args) -> Result<ExitCode> {
    let scratch = tempfile::tempdir().context("creating a scratch workspace")?;
    let root = scratch.path().join("ws");
    let started = Instant::now();
    generate(&root, args.files)?;
    let root = root.canonicalize()?;
    let settings = IndexSettings::new(&root, &Config::default(), None);
    let indexed = index_workspace(&root, &settings, &NoProgress)?;
    println!(
        "workspace: {} files generated and indexed in {:.1}s ({} chunks, {} symbols)",
        indexed.files,
        started.elapsed().as_secs_f64(),
        indexed.chunks,
        indexed.symbols
    );
    let index = WorkspaceIndex::open(&settings.dir)?;
    let mut rng = Lcg(11);
    let queries: Vec<String> = (0..args.calls)
        .map(|_| {
            format!(
                "{} {}",
                WORDS[rng.next(WORDS.len())],
                WORDS[rng.next(WORDS.len())]
            )
        })
        .collect();
    let names: Vec<String> = (0..args.calls)
        .map(|_| {
            let i = rng.next(args.files);
            let word = WORDS[rng.next(WORDS.len())];
            match i % 3 {
                1 => format!("handle_{word}"),
                _ => format!("handle_{word}_{i}"),
            }
        })
        .collect();

    // Baseline: the engine calls the tools make, in this process.
    let mut engine_search = Vec::with_capacity(args.calls);
    for query in &queries {
        let t = Instant::now();
        search(
            &index,
            &SearchQuery {
                text: query.clone(),
                limit: 10,
                language: None,
                path_glob: None,
            },
        )?;
        engine_search.push(t.elapsed());
    }
    let mut engine_symbol = Vec::with_capacity(args.calls);
    for name in &names {
        let t = Instant::now();
        find_symbols(&index, name, 20)?;
        engine_symbol.push(t.elapsed());
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let mut starts = Vec::with_capacity(args.starts);
        for _ in 0..args.starts.max(1) {
            let t = Instant::now();
            let (transport, _) = TokioChildProcess::builder(server_command(&root)?)
                .stderr(Stdio::null())
                .spawn()?;
            let client = ().serve(transport).await?;
            let tools = client.list_all_tools().await?;
            starts.push(t.elapsed());
            if tools.is_empty() {
                bail!("the server listed no tools");
            }
            client.cancel().await?;
        }
        starts.sort();
        println!(
            "start-up to a ready tools/list: median {:.1} ms, worst {:.1} ms ({} starts)",
            ms(percentile(&starts, 0.5)),
            ms(percentile(&starts, 1.0)),
            starts.len()
        );

        let (transport, _) = TokioChildProcess::builder(server_command(&root)?)
            .stderr(Stdio::null())
            .spawn()?;
        let client = ().serve(transport).await?;
        let call = |tool: &'static str, arguments: Value| {
            let peer = client.peer().clone();
            async move {
                let Value::Object(arguments) = arguments else {
                    return Ok::<_, anyhow::Error>(Duration::ZERO);
                };
                let t = Instant::now();
                let result = peer
                    .call_tool(CallToolRequestParams::new(tool).with_arguments(arguments))
                    .await?;
                let elapsed = t.elapsed();
                if result.is_error == Some(true) {
                    bail!("{tool} failed: {:?}", result.content);
                }
                Ok(elapsed)
            }
        };
        // Warm the server's index and page cache, as an agent's first call does.
        call("search_code", json!({"query": "warm up"})).await?;
        let mut mcp_search = Vec::with_capacity(args.calls);
        for query in &queries {
            mcp_search.push(call("search_code", json!({"query": query, "limit": 10})).await?);
        }
        let mut mcp_symbol = Vec::with_capacity(args.calls);
        for name in &names {
            let mut arguments = Map::new();
            arguments.insert("name".into(), Value::String(name.clone()));
            mcp_symbol.push(call("find_symbol", Value::Object(arguments)).await?);
        }
        client.cancel().await?;
        report("search_code", mcp_search, engine_search);
        report("find_symbol", mcp_symbol, engine_symbol);
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
