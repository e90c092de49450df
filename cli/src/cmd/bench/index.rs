//! `rlm bench index`: full-index throughput, one-file incremental update, and query latency,
//! with ripgrep answering the same term queries over the same tree as the baseline.
//!
//! The corpus is copied into a scratch folder first (so the incremental step can touch a file
//! without changing the original): by default up to `--max-files` source files assembled from
//! the cargo registry's unpacked crates and the Python standard library, both on any machine
//! that has built this project.

use super::stats::{cpu_seconds, ms, percentile};
use anyhow::{Context, Result, bail};
use rlm_engine::config::Config;
use rlm_engine::index::{IndexSettings, NoProgress, WorkspaceIndex, index_workspace};
use rlm_engine::search::{SearchQuery, search};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Source trees to sample (default: ~/.cargo/registry/src and the Python standard library)
    #[arg(long)]
    pub corpus: Vec<PathBuf>,
    /// Most files copied into the benchmark tree
    #[arg(long, default_value_t = 10_000)]
    pub max_files: usize,
    /// Times each query is run (in-process) for the latency percentiles
    #[arg(long, default_value_t = 5)]
    pub repeat: usize,
}

/// Fifty term queries of the kind people type: identifiers and words common in Rust and Python.
const QUERIES: [&str; 50] = [
    "parse",
    "serialize",
    "deserialize",
    "HashMap",
    "thread",
    "socket",
    "buffer",
    "encode",
    "decode",
    "iterator",
    "timeout",
    "deadline",
    "mutex",
    "channel",
    "allocator",
    "unicode",
    "utf8",
    "escape",
    "hash",
    "random",
    "tokenize",
    "compile",
    "regex",
    "format",
    "display",
    "debug",
    "error",
    "panic",
    "unwrap",
    "config",
    "builder",
    "visitor",
    "register",
    "callback",
    "future",
    "poll",
    "waker",
    "spawn",
    "join",
    "read_line",
    "write_all",
    "flush",
    "seek",
    "metadata",
    "permissions",
    "symlink",
    "environ",
    "subprocess",
    "logging",
    "datetime",
];

const SOURCE_EXTENSIONS: &[&str] = &[
    "rs", "py", "js", "ts", "go", "java", "c", "h", "cc", "cpp", "hpp", "cs", "php", "rb", "kt",
    "swift", "scala", "sh", "lua", "toml", "md",
];

pub fn run(args: Args) -> Result<ExitCode> {
    let sources = if args.corpus.is_empty() {
        default_corpus()
    } else {
        args.corpus.clone()
    };
    if sources.is_empty() {
        bail!("no corpus found: pass --corpus DIR (a source tree to index)");
    }
    let scratch = tempfile::tempdir().context("creating a scratch folder")?;
    let tree = scratch.path().join("tree");
    let (files, bytes) = copy_corpus(&sources, &tree, args.max_files)?;
    println!(
        "corpus: {files} files, {:.1} MB from {}",
        bytes as f64 / 1e6,
        join_paths(&sources)
    );

    let settings = IndexSettings::new(
        &tree,
        &Config::default(),
        Some(&scratch.path().join("index")),
    );
    let cpu_before = cpu_seconds();
    let full = index_workspace(&tree, &settings, &NoProgress)?;
    let cpu = (cpu_seconds() - cpu_before).max(1e-9);
    let secs = full.elapsed.as_secs_f64().max(1e-9);
    let mb = full.bytes_indexed as f64 / 1e6;
    println!(
        "full index:        {} files, {} chunks, {} symbols in {:.2} s = {:.0} files/s, {:.1} MB/s",
        full.files,
        full.chunks,
        full.symbols,
        secs,
        full.files as f64 / secs,
        mb / secs
    );
    println!(
        "                   {cpu:.2} CPU-s = {:.1} MB per CPU-second (wall time depends on what else runs)",
        mb / cpu
    );

    match rlm_engine::index::tantivy_alone(
        &tree,
        &scratch.path().join("tantivy-alone"),
        settings.writer_threads(),
    ) {
        Ok(alone) => println!(
            "tantivy alone:     {:.1} MB in {:.2} s = {:.1} MB/s (one document per file, default tokenizer, {} writer threads); rlm at {:.0}% of it",
            alone.bytes as f64 / 1e6,
            alone.elapsed.as_secs_f64(),
            alone.mb_per_sec(),
            settings.writer_threads(),
            100.0 * (mb / secs) / alone.mb_per_sec().max(1e-9),
        ),
        Err(e) => println!("tantivy alone: skipped ({e})"),
    }

    let noop = index_workspace(&tree, &settings, &NoProgress)?;
    println!("no-change re-run:  {:.1} ms", ms(noop.elapsed));
    let target =
        first_file_with_extension(&tree, "rs").or_else(|| first_file_with_extension(&tree, "py"));
    let Some(target) = target else {
        bail!("the corpus holds no .rs or .py file to touch")
    };
    let mut incremental = Vec::new();
    for round in 0..5 {
        let mut text = std::fs::read_to_string(&target)?;
        text.push_str(&format!("\n// touched by rlm bench, round {round}\n"));
        std::fs::write(&target, text)?;
        let report = index_workspace(&tree, &settings, &NoProgress)?;
        if report.updated != 1 {
            bail!(
                "the incremental run re-indexed {} files, expected 1",
                report.updated
            );
        }
        incremental.push(report.elapsed);
    }
    incremental.sort();
    println!(
        "one-file update:   {:.1} ms (median of 5)",
        ms(incremental[2])
    );

    let index = WorkspaceIndex::open(&settings.dir)?;
    let mut ours = Vec::new();
    for _ in 0..args.repeat.max(1) {
        for query in QUERIES {
            let started = Instant::now();
            let q = SearchQuery {
                text: query.to_string(),
                limit: 10,
                language: None,
                path_glob: None,
            };
            let hits = search(&index, &q)?;
            ours.push(started.elapsed());
            std::hint::black_box(hits);
        }
    }
    ours.sort();
    let (p50, p99) = (percentile(&ours, 0.5), percentile(&ours, 0.99));
    println!(
        "query (in-process, k=10, {} runs): p50 {:.2} ms, p99 {:.2} ms",
        ours.len(),
        ms(p50),
        ms(p99)
    );

    let exe = std::env::current_exe()?;
    let mut cli = Vec::new();
    for query in QUERIES.iter().take(20) {
        let started = Instant::now();
        let status = Command::new(&exe)
            .args(["search", "--index-dir"])
            .arg(&settings.dir)
            .arg(&tree)
            .arg(query)
            .stdout(Stdio::null())
            .status()?;
        cli.push(started.elapsed());
        if !status.success() {
            bail!("`rlm search {query}` failed");
        }
    }
    cli.sort();
    println!(
        "query (`rlm search` process, 20 runs): p50 {:.2} ms",
        ms(percentile(&cli, 0.5))
    );

    match ripgrep_latencies(&tree) {
        Ok(mut rg) => {
            rg.sort();
            let rg50 = percentile(&rg, 0.5);
            println!(
                "ripgrep (rg -i -w -c, same 50 terms): p50 {:.2} ms, p99 {:.2} ms",
                ms(rg50),
                ms(percentile(&rg, 0.99))
            );
            println!(
                "ratio rg/rlm at p50: {:.1}x (in-process), {:.1}x (rlm search process)",
                ms(rg50) / ms(p50).max(1e-6),
                ms(rg50) / ms(percentile(&cli, 0.5)).max(1e-6)
            );
        }
        Err(e) => println!("ripgrep baseline skipped: {e} (make setup installs ripgrep)"),
    }
    Ok(ExitCode::SUCCESS)
}

fn join_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn default_corpus() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    if let Some(registry) = home.map(|h| h.join("registry/src"))
        && let Ok(entries) = std::fs::read_dir(&registry)
    {
        out.extend(entries.flatten().map(|e| e.path()).filter(|p| p.is_dir()));
    }
    let stdlib = Command::new("python3")
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['stdlib'])",
        ])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    out.extend(stdlib.filter(|p| p.is_dir()));
    out
}

/// Copies up to `max_files` source files from `sources` into `dest`, round-robin over the
/// sources so the tree mixes languages. Returns (files, bytes).
fn copy_corpus(sources: &[PathBuf], dest: &Path, max_files: usize) -> Result<(usize, u64)> {
    let mut lists: Vec<Vec<PathBuf>> = sources.iter().map(|s| source_files(s)).collect();
    let (mut files, mut bytes) = (0usize, 0u64);
    let mut cursor = vec![0usize; lists.len()];
    while files < max_files {
        let mut progressed = false;
        for (i, list) in lists.iter_mut().enumerate() {
            let Some(path) = list.get(cursor[i]) else {
                continue;
            };
            cursor[i] += 1;
            progressed = true;
            let Ok(rel) = path.strip_prefix(&sources[i]) else {
                continue;
            };
            let target = dest.join(format!("src{i}")).join(rel);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            if let Ok(n) = std::fs::copy(path, &target) {
                files += 1;
                bytes += n;
            }
            if files >= max_files {
                break;
            }
        }
        if !progressed {
            break;
        }
    }
    Ok((files, bytes))
}

fn source_files(root: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .follow_links(false)
        .build()
        .flatten()
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| SOURCE_EXTENSIONS.contains(&e))
                && std::fs::metadata(p).is_ok_and(|m| m.len() < 1024 * 1024)
        })
        .collect();
    out.sort();
    out
}

fn first_file_with_extension(root: &Path, ext: &str) -> Option<PathBuf> {
    ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .build()
        .flatten()
        .map(|e| e.into_path())
        .find(|p| p.extension().and_then(|e| e.to_str()) == Some(ext))
}

fn ripgrep_latencies(tree: &Path) -> Result<Vec<Duration>> {
    let mut out = Vec::new();
    for query in QUERIES {
        let started = Instant::now();
        let status = Command::new("rg")
            .args(["-i", "-w", "-c", "--no-messages", query])
            .arg(tree)
            .stdout(Stdio::null())
            .status()
            .context("running rg")?;
        out.push(started.elapsed());
        if status.code().is_some_and(|c| c > 1) {
            bail!("rg failed on {query}");
        }
    }
    Ok(out)
}
