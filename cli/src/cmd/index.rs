//! `rlm index [PATH]`: bring the workspace index up to date.

use crate::output::print_json;
use crate::workspace::Workspace;
use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use rlm_engine::index::{IndexProgress, IndexReport, index_workspace};
use rlm_engine::retrieval::build_workspace_vectors;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The workspace (default: the current folder)
    pub path: Option<PathBuf>,
    /// Where the index lives (default: PATH/.rlm)
    #[arg(long)]
    pub index_dir: Option<PathBuf>,
    /// Skip files larger than this many bytes (default 2 MiB, or index.max_file_size)
    #[arg(long)]
    pub max_file_size: Option<u64>,
    /// Leave out paths matching this glob (repeatable), on top of index.exclude
    #[arg(long)]
    pub exclude: Vec<String>,
    /// Print the report as JSON
    #[arg(long)]
    pub json: bool,
}

/// A progress bar on a terminal; nothing when stderr is piped.
struct Bar(Option<ProgressBar>);

impl IndexProgress for Bar {
    fn reading(&self, files: usize) {
        if let Some(bar) = &self.0 {
            bar.set_length(files as u64);
        }
    }
    fn file_done(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }
    fn waiting_for_lock(&self) {
        eprintln!("waiting for another `rlm index` on this workspace to finish…");
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    let mut workspace = Workspace::resolve(args.path.as_deref(), args.index_dir.as_deref())?;
    if let Some(max) = args.max_file_size {
        workspace.settings.list.max_file_size = max;
    }
    workspace.settings.list.exclude.extend(args.exclude);
    let bar = if std::io::stderr().is_terminal() && !args.json {
        let bar = ProgressBar::new(0);
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} indexing [{bar:30}] {pos}/{len} files {elapsed}",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        Some(bar)
    } else {
        None
    };
    let progress = Bar(bar);
    let report = index_workspace(&workspace.root, &workspace.settings, &progress)?;
    if let Some(bar) = &progress.0 {
        bar.finish_and_clear();
    }
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
    if args.json {
        print_json(&report)?;
    } else {
        println!("{}", summary_line(&report));
    }
    // The embeddings vector and hybrid retrieval read (queries never build them).
    let started = std::time::Instant::now();
    let settings = &workspace.settings;
    match build_workspace_vectors(&workspace.root, &settings.dir, settings.lock_timeout) {
        Ok(Some(v)) if !args.json => {
            println!("{}", v.summary_line(started.elapsed().as_secs_f64()))
        }
        Ok(_) => {}
        Err(e) => eprintln!(
            "warning: embeddings not built ({e}); vector and hybrid retrieval fall back to BM25"
        ),
    }
    Ok(ExitCode::SUCCESS)
}

/// One line a person reads: what is in the index now and what this run did.
pub fn summary_line(report: &IndexReport) -> String {
    let skipped: usize = report.skipped.values().sum();
    let reasons: Vec<String> = report
        .skipped
        .iter()
        .map(|(reason, n)| format!("{} {n}", reason.name()))
        .collect();
    let skipped = if skipped == 0 {
        String::new()
    } else {
        format!("; skipped {skipped} ({})", reasons.join(", "))
    };
    let lossy = if report.lossy_utf8 > 0 {
        format!("; {} not UTF-8 (decoded lossily)", report.lossy_utf8)
    } else {
        String::new()
    };
    format!(
        "indexed {} files in {:.2}s: {} added, {} updated, {} removed, {} unchanged; {} chunks, {} symbols written ({:.1} MB){skipped}{lossy}",
        report.files,
        report.elapsed.as_secs_f64(),
        report.added,
        report.updated,
        report.removed,
        report.unchanged,
        report.chunks,
        report.symbols,
        report.bytes_indexed as f64 / 1e6,
    )
}
