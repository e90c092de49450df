//! `rlm search [PATH] QUERY`: BM25 over the indexed chunks.

use crate::output::print_json;
use crate::workspace::Workspace;
use anyhow::{Result, bail};
use rlm_engine::index::WorkspaceIndex;
use rlm_engine::parse::Language;
use rlm_engine::search::{SearchQuery, search};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The workspace, then the query; with one argument it is the query and the workspace is `.`
    #[arg(required = true, num_args = 1..=2, value_names = ["PATH", "QUERY"])]
    pub args: Vec<String>,
    /// Number of results
    #[arg(short = 'k', long)]
    pub limit: Option<usize>,
    /// Only this language (python, rust, js, ts, go, java, ...)
    #[arg(long)]
    pub lang: Option<String>,
    /// Only paths matching this glob, e.g. 'src/**/*.rs'
    #[arg(long)]
    pub path: Option<String>,
    /// Where the index lives (default: PATH/.rlm)
    #[arg(long)]
    pub index_dir: Option<PathBuf>,
    /// Print results as JSON
    #[arg(long)]
    pub json: bool,
}

/// Splits `[PATH] QUERY` positionals.
pub fn path_and_rest(args: &[String]) -> (Option<PathBuf>, String) {
    match args {
        [path, rest] => (Some(PathBuf::from(path)), rest.clone()),
        [rest] => (None, rest.clone()),
        _ => (None, String::new()),
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    let (path, query) = path_and_rest(&args.args);
    let workspace = Workspace::resolve(path.as_deref(), args.index_dir.as_deref())?;
    let language = match &args.lang {
        Some(name) => match Language::from_name(name) {
            Some(language) => Some(language),
            None => bail!(
                "unknown language {name:?}: use python, rust, javascript, typescript, tsx, go, java, ..."
            ),
        },
        None => None,
    };
    let index = WorkspaceIndex::open(&workspace.settings.dir)?;
    let query = SearchQuery {
        text: query,
        limit: args.limit.unwrap_or(workspace.config.config.search.limit),
        language,
        path_glob: args.path,
    };
    let hits = search(&index, &query)?;
    if args.json {
        print_json(&hits)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = std::io::stdout().lock();
    if hits.is_empty() {
        writeln!(out, "no results for {:?}", query.text)?;
    }
    for hit in &hits {
        writeln!(
            out,
            "{}:{}-{}  {}  {:.2}",
            hit.path,
            hit.start_line,
            hit.end_line,
            hit.symbol.as_deref().unwrap_or("-"),
            hit.score
        )?;
        for (line, text) in &hit.snippet {
            writeln!(out, "    {line:>5} | {text}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
