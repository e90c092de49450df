//! `rlm retrieve [PATH] QUESTION`: the passages of a workspace (or of a `--context` text) that
//! answer a question, by InfiniRetri, BM25, embeddings or a hybrid of them.

use crate::cmd::search::path_and_rest;
use crate::output::print_json;
use crate::workspace::Workspace;
use anyhow::{Result, bail};
use rlm_engine::index::{NoProgress, WorkspaceIndex, index_workspace};
use rlm_engine::retrieval::{Method, Passage, Retriever, read_text_file};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The workspace, then the question; with one argument it is the question and the workspace is `.`
    #[arg(required = true, num_args = 1..=2, value_names = ["PATH", "QUESTION"])]
    pub args: Vec<String>,
    /// Search this text file instead of the workspace (InfiniRetri over the whole file)
    #[arg(long, value_name = "FILE")]
    pub context: Option<PathBuf>,
    /// infini, bm25, vector or hybrid (default: retrieval.method, hybrid)
    #[arg(long)]
    pub method: Option<String>,
    /// Number of passages
    #[arg(short = 'k', long, default_value_t = 5)]
    pub k: usize,
    /// Only workspace paths matching this glob, e.g. 'engine/src/**/*.rs'
    #[arg(long)]
    pub path: Option<String>,
    /// Chunks each of BM25 and vector search hand to InfiniRetri in hybrid mode (default: retrieval.candidates)
    #[arg(long)]
    pub candidates: Option<usize>,
    /// Where the index lives (default: PATH/.rlm)
    #[arg(long)]
    pub index_dir: Option<PathBuf>,
    /// Print passages as JSON
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let (path, question) = path_and_rest(&args.args);
    let workspace = Workspace::resolve(path.as_deref(), args.index_dir.as_deref())?;
    let mut retriever =
        Retriever::new(&workspace.root, &workspace.settings.dir, &workspace.config)?;
    if let Some(n) = args.candidates {
        retriever.config_mut().candidates = n;
    }
    let method = match &args.method {
        Some(name) => name.parse::<Method>()?,
        None if args.context.is_some() => Method::Infini,
        None => retriever.config().method,
    };
    let passages = if let Some(file) = &args.context {
        if method != Method::Infini {
            bail!(
                "--context reads a text with InfiniRetri only; drop --method {} or use --method infini",
                method.name()
            );
        }
        let label = file.display().to_string();
        let doc = read_text_file(file, &label)?;
        retriever.retrieve_in_text(&doc.text, &label, &question, args.k)?
    } else {
        if WorkspaceIndex::open(&workspace.settings.dir).is_err() {
            eprintln!(
                "indexing {} first (no usable index at {})",
                workspace.root.display(),
                workspace.settings.dir.display()
            );
        }
        // Incremental (a few milliseconds when nothing changed): passages quote the files as they
        // are now, not as they were at the last `rlm index`.
        index_workspace(&workspace.root, &workspace.settings, &NoProgress)?;
        let found = retriever.retrieve_noted(&question, args.k, method, args.path.as_deref())?;
        for note in &found.notes {
            eprintln!("note: {note}");
        }
        found.passages
    };
    if args.json {
        print_json(&passages)?;
    } else {
        print_passages(&passages, method)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn print_passages(passages: &[Passage], method: Method) -> Result<()> {
    let mut out = std::io::stdout().lock();
    if passages.is_empty() {
        writeln!(out, "no passages found ({})", method.name())?;
    }
    for (i, p) in passages.iter().enumerate() {
        let ranks: Vec<String> = p
            .ranks
            .iter()
            .map(|(m, r)| format!("{}#{r}", m.name()))
            .collect();
        writeln!(
            out,
            "{}. {}:{}-{}  {:.4}{}",
            i + 1,
            p.path.as_deref().unwrap_or("<text>"),
            p.start_line,
            p.end_line,
            p.score,
            if ranks.is_empty() {
                String::new()
            } else {
                format!("  [{}]", ranks.join(" "))
            }
        )?;
        for (n, line) in p.text.lines().enumerate().take(12) {
            writeln!(out, "    {:>5} | {line}", p.start_line + n)?;
        }
        if p.text.lines().count() > 12 {
            writeln!(out, "          | …")?;
        }
    }
    Ok(())
}
