//! `rlm symbols [PATH] NAME`: symbol definitions by name.

use super::search::path_and_rest;
use crate::output::print_json;
use crate::workspace::Workspace;
use anyhow::Result;
use rlm_engine::index::WorkspaceIndex;
use rlm_engine::search::find_symbols;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The workspace, then the name; with one argument it is the name and the workspace is `.`
    #[arg(required = true, num_args = 1..=2, value_names = ["PATH", "NAME"])]
    pub args: Vec<String>,
    /// Most results
    #[arg(short = 'k', long, default_value_t = 50)]
    pub limit: usize,
    /// Where the index lives (default: PATH/.rlm)
    #[arg(long)]
    pub index_dir: Option<PathBuf>,
    /// Print results as JSON
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let (path, name) = path_and_rest(&args.args);
    let workspace = Workspace::resolve(path.as_deref(), args.index_dir.as_deref())?;
    let index = WorkspaceIndex::open(&workspace.settings.dir)?;
    let hits = find_symbols(&index, &name, args.limit)?;
    if args.json {
        print_json(&hits)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = std::io::stdout().lock();
    if hits.is_empty() {
        writeln!(out, "no symbol named {name:?} or starting with it")?;
    }
    for hit in &hits {
        let name = match &hit.container {
            Some(container) => format!("{container}.{}", hit.name),
            None => hit.name.clone(),
        };
        writeln!(
            out,
            "{:<9} {name}  {}:{}-{}",
            hit.kind.name(),
            hit.path,
            hit.start_line,
            hit.end_line
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
