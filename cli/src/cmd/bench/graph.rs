//! `rlm bench graph`: the code graph against real language tooling on real code nobody here
//! wrote, then its speed at scale.
//!
//! - Python: files sampled from the standard library of `--python` (whole packages, tests left
//!   out), copied into a scratch tree; for sampled function and method definitions, the graph's
//!   references and call sites are compared with jedi's `get_references` (a call is a reference
//!   followed by `(`), via `scripts/bench/graph_jedi.py`.
//! - TypeScript/JavaScript: the ESM `.js` files of an npm package (default `parse5` from the
//!   VS Code extension's `node_modules`) against the TypeScript language service's
//!   `findReferences` and `provideCallHierarchyIncomingCalls`, via `scripts/bench/graph_ts.js`.
//!
//! Precision and recall are printed twice: with only the graph's `resolved` answers, and with
//! its by-name guesses too. Then, on the standard library copied until it holds
//! `--scale-files` files: the full index's CPU time and the graph's share of it (the graph
//! rebuilt alone, from the same manifest), the one-file update of index and graph, and
//! references/callers latency in-process.

use super::stats::{cpu_seconds, ms, percentile};
use anyhow::{Context, Result, bail};
use rlm_engine::config::Config;
use rlm_engine::graph::{Confidence, DefKind, Graph, RefKind, Symbol};
use rlm_engine::index::{IndexSettings, NoProgress, Overlay, index_workspace};
use serde_json::{Value, json};
use std::collections::{BTreeSet, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Python interpreter with jedi installed (`make setup` puts jedi in .venv); its standard
    /// library is the Python corpus
    #[arg(long, default_value = ".venv/bin/python")]
    pub python: PathBuf,
    /// Python files sampled from the standard library for the comparison with jedi
    #[arg(long, default_value_t = 300)]
    pub python_files: usize,
    /// Definitions compared per language
    #[arg(long, default_value_t = 80)]
    pub targets: usize,
    /// The npm package compared with the TypeScript language service (its .js files)
    #[arg(long, default_value = "editors/vscode/node_modules/parse5")]
    pub npm_package: PathBuf,
    /// The npm `typescript` package
    #[arg(long, default_value = "editors/vscode/node_modules/typescript")]
    pub typescript: PathBuf,
    /// The folder holding graph_jedi.py and graph_ts.js
    #[arg(long, default_value = "scripts/bench")]
    pub scripts: PathBuf,
    /// Files of the speed tree (the standard library copied until it holds this many; 0 skips)
    #[arg(long, default_value_t = 10_000)]
    pub scale_files: usize,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let scratch = tempfile::tempdir().context("creating a scratch folder")?;
    let stdlib = stdlib_of(&args.python)?;
    println!("python standard library: {}", stdlib.display());

    match python_accuracy(&args, &stdlib, scratch.path()) {
        Ok(()) => {}
        Err(e) => println!("python vs jedi: not measured ({e:#})"),
    }
    match typescript_accuracy(&args, scratch.path()) {
        Ok(()) => {}
        Err(e) => println!("javascript vs typescript: not measured ({e:#})"),
    }
    if args.scale_files > 0 {
        speed(&stdlib, scratch.path(), args.scale_files)?;
    }
    Ok(ExitCode::SUCCESS)
}

// ---- accuracy --------------------------------------------------------------------------

fn python_accuracy(args: &Args, stdlib: &Path, scratch: &Path) -> Result<()> {
    let files = python_sample(stdlib, args.python_files);
    let tree = scratch.join("py");
    copy_files(stdlib, &files, &tree)?;
    let (graph, _) = index(&tree, &scratch.join("py-index"))?;
    let targets = pick_targets(&graph, &files, args.targets, |s| {
        matches!(s.kind, DefKind::Function | DefKind::Method) && !s.name.starts_with("__")
    })?;
    let request = json!({"root": tree, "targets": target_json(&targets)});
    let started = Instant::now();
    let reply = run_peer(
        Command::new(&args.python).arg(args.scripts.join("graph_jedi.py")),
        &request,
    )?;
    let version = reply["jedi"].as_str().unwrap_or("?").to_string();
    println!(
        "python vs jedi {version}: {} files, {} definitions (jedi took {:.1} s)",
        files.len(),
        targets.len(),
        started.elapsed().as_secs_f64()
    );
    report(&graph, &targets, &reply)
}

fn typescript_accuracy(args: &Args, scratch: &Path) -> Result<()> {
    let package = &args.npm_package;
    if !package.is_dir() {
        bail!(
            "{} is missing (make setup builds editors/vscode with npm)",
            package.display()
        );
    }
    let mut files: Vec<String> = walk(package)
        .into_iter()
        .filter_map(|p| {
            let rel = p.strip_prefix(package).ok()?.to_string_lossy().to_string();
            // The ESM build only: a package's CommonJS twin (`dist/cjs/`) would double every
            // definition for both sides.
            let twin = rel
                .split('/')
                .any(|part| part == "cjs" || part == "node_modules");
            (rel.ends_with(".js") && !twin).then_some(rel)
        })
        .collect();
    files.sort();
    let tree = scratch.join("npm");
    copy_files(package, &files, &tree)?;
    let (graph, _) = index(&tree, &scratch.join("npm-index"))?;
    let targets = pick_targets(&graph, &files, args.targets, |s| {
        matches!(
            s.kind,
            DefKind::Function | DefKind::Method | DefKind::Class | DefKind::Interface
        ) && s.name != "constructor"
    })?;
    let request = json!({"root": tree, "files": files, "targets": target_json(&targets)});
    let started = Instant::now();
    let reply = run_peer(
        Command::new("node")
            .arg(args.scripts.join("graph_ts.js"))
            .arg(&args.typescript),
        &request,
    )?;
    let version = reply["typescript"].as_str().unwrap_or("?").to_string();
    let name = package
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    println!(
        "javascript ({name}) vs typescript {version} language service: {} files, {} definitions (tsserver took {:.1} s)",
        files.len(),
        targets.len(),
        started.elapsed().as_secs_f64()
    );
    report(&graph, &targets, &reply)
}

/// Places: a reference is (path, line, column); a call is (path, line).
type RefKey = (String, u32, u32);
type CallKey = (String, u32);

#[derive(Default)]
struct Tally {
    /// Graph answers (resolved only, and with guesses) and the peer's, and their overlaps.
    resolved: usize,
    resolved_hit: usize,
    all: usize,
    all_hit: usize,
    peer: usize,
    peer_found_resolved: usize,
    peer_found_all: usize,
}

impl Tally {
    fn add<K: Ord + Clone>(
        &mut self,
        resolved: &BTreeSet<K>,
        all: &BTreeSet<K>,
        peer: &BTreeSet<K>,
    ) {
        self.resolved += resolved.len();
        self.resolved_hit += resolved.intersection(peer).count();
        self.all += all.len();
        self.all_hit += all.intersection(peer).count();
        self.peer += peer.len();
        self.peer_found_resolved += peer.intersection(resolved).count();
        self.peer_found_all += peer.intersection(all).count();
    }

    fn line(&self, what: &str) -> String {
        let pct = |a: usize, b: usize| {
            if b == 0 {
                "n/a".to_string()
            } else {
                format!("{:.1}%", 100.0 * a as f64 / b as f64)
            }
        };
        format!(
            "  {what:<11} resolved: precision {} recall {} ({} graph, {} peer) | with by-name guesses: precision {} recall {} ({} graph)",
            pct(self.resolved_hit, self.resolved),
            pct(self.peer_found_resolved, self.peer),
            self.resolved,
            self.peer,
            pct(self.all_hit, self.all),
            pct(self.peer_found_all, self.peer),
            self.all,
        )
    }
}

/// Compares the graph's references and calls of each target with the peer's and prints the
/// scores, then a few of the peer's references the graph missed (the next fixes).
fn report(graph: &Graph, targets: &[Symbol], reply: &Value) -> Result<()> {
    let results = reply["results"]
        .as_array()
        .context("the peer's reply has no results")?;
    let mut refs = Tally::default();
    let mut calls = Tally::default();
    let mut errors = 0;
    let mut missed: Vec<String> = Vec::new();
    for (target, result) in targets.iter().zip(results) {
        if !result["error"].is_null() {
            errors += 1;
            continue;
        }
        let peer_refs: BTreeSet<RefKey> = result["refs"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| {
                Some((
                    r[0].as_str()?.to_string(),
                    r[1].as_u64()? as u32,
                    r[2].as_u64()? as u32,
                ))
            })
            .collect();
        let peer_calls: BTreeSet<CallKey> = result["calls"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| Some((r[0].as_str()?.to_string(), r[1].as_u64()? as u32)))
            .collect();
        let ours = graph.references(target.id, Confidence::ByName)?;
        let key = |r: &rlm_engine::graph::Reference| -> RefKey {
            (r.path.clone(), r.span.start_line, r.span.start_col)
        };
        let res_refs: BTreeSet<RefKey> = ours
            .iter()
            .filter(|r| r.confidence == Confidence::Resolved)
            .map(key)
            .collect();
        let all_refs: BTreeSet<RefKey> = ours.iter().map(key).collect();
        let call_key = |r: &rlm_engine::graph::Reference| (r.path.clone(), r.span.start_line);
        let res_calls: BTreeSet<CallKey> = ours
            .iter()
            .filter(|r| r.kind == RefKind::Call && r.confidence == Confidence::Resolved)
            .map(call_key)
            .collect();
        let all_calls: BTreeSet<CallKey> = ours
            .iter()
            .filter(|r| r.kind == RefKind::Call)
            .map(call_key)
            .collect();
        refs.add(&res_refs, &all_refs, &peer_refs);
        calls.add(&res_calls, &all_calls, &peer_calls);
        for (path, line, col) in peer_refs.difference(&all_refs).take(2) {
            if missed.len() < 8 {
                missed.push(format!(
                    "{}.{} used at {path}:{line}:{col}",
                    target.path, target.name
                ));
            }
        }
    }
    println!("{}", refs.line("references"));
    println!("{}", calls.line("calls"));
    if errors > 0 {
        println!("  ({errors} definitions the peer could not answer, left out)");
    }
    if !missed.is_empty() {
        println!("  missed, e.g.: {}", missed.join("; "));
    }
    Ok(())
}

/// Every `n`-th definition of the sampled files that `keep` accepts, `count` in all.
fn pick_targets(
    graph: &Graph,
    files: &[String],
    count: usize,
    keep: impl Fn(&Symbol) -> bool,
) -> Result<Vec<Symbol>> {
    let mut all = Vec::new();
    for file in files {
        all.extend(graph.file_symbols(file)?.into_iter().filter(&keep));
    }
    if all.is_empty() {
        bail!("the graph holds no definitions of the sampled files");
    }
    let step = (all.len() / count.max(1)).max(1);
    Ok(all.into_iter().step_by(step).take(count).collect())
}

fn target_json(targets: &[Symbol]) -> Value {
    Value::Array(
        targets
            .iter()
            .map(|s| json!({"path": s.path, "line": s.name_span.start_line, "col": s.name_span.start_col}))
            .collect(),
    )
}

/// Runs a peer script with the request on stdin and reads its JSON reply.
fn run_peer(command: &mut Command, request: &Value) -> Result<Value> {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("starting {command:?}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(request.to_string().as_bytes())?;
    }
    let output = child.wait_with_output()?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: String = stderr.lines().rev().take(3).collect::<Vec<_>>().join(" | ");
        bail!("{command:?} failed: {tail}");
    }
    serde_json::from_slice(&output.stdout).context("reading the peer's JSON reply")
}

// ---- speed -----------------------------------------------------------------------------

fn speed(stdlib: &Path, scratch: &Path, want: usize) -> Result<()> {
    let files = python_files(stdlib);
    if files.is_empty() {
        bail!("no Python files under {}", stdlib.display());
    }
    let tree = scratch.join("scale");
    let mut copied = 0;
    'copies: for copy in 0.. {
        for rel in &files {
            if copied >= want {
                break 'copies;
            }
            let dest = tree.join(format!("copy{copy}")).join(rel);
            if let Some(parent) = dest.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::copy(stdlib.join(rel), &dest)?;
            copied += 1;
        }
    }
    let index_dir = scratch.join("scale-index");
    let cpu_before = cpu_seconds();
    let started = Instant::now();
    let (graph, report) = index(&tree, &index_dir)?;
    let wall = started.elapsed();
    let cpu_all = cpu_seconds() - cpu_before;
    drop(graph);
    // The graph alone, rebuilt from the same manifest: its share of the full index.
    for suffix in ["", "-wal", "-shm"] {
        let path = PathBuf::from(format!(
            "{}{suffix}",
            rlm_engine::graph::graph_path(&index_dir).display()
        ));
        if path.exists() {
            std::fs::remove_file(&path)?;
        }
    }
    let cpu_before = cpu_seconds();
    let graph_report = rlm_engine::graph::update_graph(&tree, &index_dir, &Overlay::default())?;
    let cpu_graph = cpu_seconds() - cpu_before;
    let cpu_index = (cpu_all - cpu_graph).max(1e-9);
    println!(
        "speed tree: {} files ({} indexed, {} in the graph) from the standard library copied",
        copied, report.files, graph_report.files
    );
    println!(
        "full index with graph: {:.2} s wall, {:.2} CPU-s; graph alone {:.2} CPU-s ({:.2} s wall) = +{:.0}% over the plain index ({:.2} CPU-s) (goal <= 30%)",
        wall.as_secs_f64(),
        cpu_all,
        cpu_graph,
        graph_report.elapsed.as_secs_f64(),
        100.0 * cpu_graph / cpu_index,
        cpu_index
    );

    let settings = IndexSettings::new(&tree, &Config::default(), Some(&index_dir));
    let target = tree.join("copy0").join(&files[files.len() / 2]);
    let mut updates = Vec::new();
    for round in 0..5 {
        let mut text = std::fs::read_to_string(&target)?;
        text.push_str(&format!(
            "\n\ndef rlm_bench_added_{round}():\n    return len([])\n"
        ));
        std::fs::write(&target, text)?;
        let started = Instant::now();
        let report = index_workspace(&tree, &settings, &NoProgress)?;
        updates.push(started.elapsed());
        if report.updated != 1 {
            bail!("the one-file update re-indexed {} files", report.updated);
        }
    }
    updates.sort();
    println!(
        "one-file update (index and graph, {}): {:.1} ms median of 5 (goal < 150 ms)",
        target.strip_prefix(&tree).unwrap_or(&target).display(),
        ms(updates[2])
    );

    let graph = Graph::open(&index_dir)?;
    let mut symbols = Vec::new();
    for rel in files.iter().step_by((files.len() / 200).max(1)) {
        let path = format!("copy0/{rel}");
        symbols.extend(
            graph
                .file_symbols(&path)?
                .into_iter()
                .filter(|s| matches!(s.kind, DefKind::Function | DefKind::Method))
                .take(5),
        );
    }
    let mut refs = Vec::new();
    let mut callers = Vec::new();
    for symbol in &symbols {
        let started = Instant::now();
        std::hint::black_box(graph.references(symbol.id, Confidence::ByName)?);
        refs.push(started.elapsed());
        let started = Instant::now();
        std::hint::black_box(graph.callers(symbol.id, 1)?);
        callers.push(started.elapsed());
    }
    refs.sort();
    callers.sort();
    println!(
        "queries on {} definitions (in-process, first run): references p50 {:.2} ms p99 {:.2} ms; callers p50 {:.2} ms p99 {:.2} ms (goal p99 < 10 ms)",
        symbols.len(),
        ms(percentile(&refs, 0.5)),
        ms(percentile(&refs, 0.99)),
        ms(percentile(&callers, 0.5)),
        ms(percentile(&callers, 0.99)),
    );
    Ok(())
}

// ---- helpers ---------------------------------------------------------------------------

/// Indexes `tree` into `index_dir` (the graph is built with it) and opens the graph.
fn index(tree: &Path, index_dir: &Path) -> Result<(Graph, rlm_engine::index::IndexReport)> {
    let settings = IndexSettings::new(tree, &Config::default(), Some(index_dir));
    let report = index_workspace(tree, &settings, &NoProgress)?;
    let graph = Graph::open(index_dir).context("opening the graph the index built")?;
    Ok((graph, report))
}

fn stdlib_of(python: &Path) -> Result<PathBuf> {
    let output = Command::new(python)
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['stdlib'])",
        ])
        .output()
        .with_context(|| format!("running {} (make setup creates .venv)", python.display()))?;
    if !output.status.success() {
        bail!("{} could not name its standard library", python.display());
    }
    Ok(PathBuf::from(
        String::from_utf8_lossy(&output.stdout).trim().to_string(),
    ))
}

/// Folders of the standard library left out: tests, installed packages, generated codecs.
const SKIPPED: &[&str] = &[
    "test",
    "tests",
    "idle_test",
    "site-packages",
    "dist-packages",
    "__pycache__",
    "encodings",
    "lib2to3",
    "config-",
];

/// The standard library's `.py` files (relative, sorted), tests and installed packages out.
fn python_files(stdlib: &Path) -> Vec<String> {
    let mut out: Vec<String> = walk(stdlib)
        .into_iter()
        .filter_map(|p| {
            let rel = p.strip_prefix(stdlib).ok()?.to_string_lossy().to_string();
            let skipped = rel.split('/').any(|part| {
                SKIPPED
                    .iter()
                    .any(|s| part == *s || (s.ends_with('-') && part.starts_with(s)))
            });
            (rel.ends_with(".py") && !skipped).then_some(rel)
        })
        .collect();
    out.sort();
    out
}

/// The first `count` files in path order: whole packages, so imports between them resolve.
fn python_sample(stdlib: &Path, count: usize) -> Vec<String> {
    python_files(stdlib).into_iter().take(count).collect()
}

fn walk(root: &Path) -> Vec<PathBuf> {
    ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .build()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(|e| e.into_path())
        .collect()
}

fn copy_files(from: &Path, files: &[String], to: &Path) -> Result<()> {
    let mut dirs = HashSet::new();
    for rel in files {
        let dest = to.join(rel);
        if let Some(parent) = dest.parent()
            && dirs.insert(parent.to_path_buf())
        {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(from.join(rel), &dest)
            .with_context(|| format!("copying {}", from.join(rel).display()))?;
    }
    Ok(())
}
