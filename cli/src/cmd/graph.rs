//! `rlm graph`: the code graph from the command line: export it for graph databases, list the
//! callers or callees of a function, the repository map, import cycles, unused definitions.

use crate::output::print_json;
use crate::workspace::Workspace;
use anyhow::{Result, bail};
use rlm_engine::graph::export::{Format, export};
use rlm_engine::graph::{CallSite, Graph};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Subcommand)]
pub enum GraphCommand {
    /// Write the whole graph (files, symbols, calls, references, imports) for a graph database
    Export(ExportArgs),
    /// Who calls a function or method, to a depth
    Callers(CallArgs),
    /// What a function or method calls, to a depth
    Callees(CallArgs),
    /// The most central definitions (PageRank), by file, within a token budget
    Map(MapArgs),
    /// Groups of files that import each other in a cycle
    Cycles(CommonArgs),
    /// Definitions nothing in the workspace uses
    Unused(UnusedArgs),
}

#[derive(Debug, clap::Args)]
pub struct CommonArgs {
    /// The workspace (default `.`)
    pub path: Option<PathBuf>,
    /// Where the index lives (default: PATH/.rlm)
    #[arg(long)]
    pub index_dir: Option<PathBuf>,
    /// Print results as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// cypher (Neo4j, Memgraph), graphml (yEd, Gephi, NetworkX) or jsonl
    #[arg(long, default_value = "jsonl")]
    pub format: String,
    /// Write here instead of standard output
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// The repository name stored with every node (default: the workspace folder's name)
    #[arg(long)]
    pub repo: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct CallArgs {
    /// The function: `name`, or `Type.name` for a method
    pub name: String,
    #[command(flatten)]
    pub common: CommonArgs,
    /// Levels to follow
    #[arg(short, long, default_value_t = 1)]
    pub depth: usize,
}

#[derive(Debug, clap::Args)]
pub struct MapArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// The budget in tokens (4 bytes a token)
    #[arg(short, long, default_value_t = 1024)]
    pub tokens: usize,
}

#[derive(Debug, clap::Args)]
pub struct UnusedArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Most results
    #[arg(short = 'k', long, default_value_t = 100)]
    pub limit: usize,
}

fn open(common: &CommonArgs) -> Result<(Workspace, Graph)> {
    let workspace = Workspace::resolve(common.path.as_deref(), common.index_dir.as_deref())?;
    let graph = Graph::open(&workspace.settings.dir)?;
    Ok((workspace, graph))
}

fn print_calls(sites: &[CallSite], up: bool) -> Result<()> {
    let mut out = std::io::stdout().lock();
    for site in sites {
        let indent = "  ".repeat(site.depth.saturating_sub(1));
        let other = if up {
            site.caller.as_ref().map_or("<module>".to_string(), |c| {
                qualified(&c.name, c.container.as_deref())
            })
        } else {
            qualified(&site.callee.name, site.callee.container.as_deref())
        };
        let lines: Vec<String> = site
            .spans
            .iter()
            .map(|s| s.start_line.to_string())
            .collect();
        writeln!(
            out,
            "{indent}{other}  {}:{}  ({})",
            site.path,
            lines.join(","),
            site.confidence.name()
        )?;
    }
    Ok(())
}

fn qualified(name: &str, container: Option<&str>) -> String {
    match container {
        Some(c) => format!("{c}.{name}"),
        None => name.to_string(),
    }
}

pub fn run(command: GraphCommand) -> Result<ExitCode> {
    match command {
        GraphCommand::Export(args) => {
            let Some(format) = Format::from_name(&args.format) else {
                bail!(
                    "unknown format {:?}: use cypher, graphml or jsonl",
                    args.format
                );
            };
            let (workspace, graph) = open(&args.common)?;
            let repo = args.repo.clone().unwrap_or_else(|| {
                workspace
                    .root
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "workspace".into())
            });
            let counts = match &args.output {
                Some(path) => {
                    let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
                    let counts = export(&graph, format, &repo, &mut file)?;
                    file.flush()?;
                    counts
                }
                None => {
                    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
                    let counts = export(&graph, format, &repo, &mut out)?;
                    out.flush()?;
                    counts
                }
            };
            eprintln!(
                "exported {} files, {} symbols, {} edges",
                counts.files, counts.symbols, counts.edges
            );
        }
        GraphCommand::Callers(args) => calls(args, true)?,
        GraphCommand::Callees(args) => calls(args, false)?,
        GraphCommand::Map(args) => {
            let (_, graph) = open(&args.common)?;
            let map = graph.repo_map(args.tokens)?;
            if args.common.json {
                print_json(&map)?;
            } else {
                print!("{}", map.text);
            }
        }
        GraphCommand::Cycles(common) => {
            let (_, graph) = open(&common)?;
            let cycles = graph.import_cycles()?;
            if common.json {
                print_json(&cycles)?;
            } else if cycles.is_empty() {
                println!("no import cycles");
            } else {
                for cycle in cycles {
                    println!("{}", cycle.join(" <-> "));
                }
            }
        }
        GraphCommand::Unused(args) => {
            let (_, graph) = open(&args.common)?;
            let unused = graph.unreferenced(args.limit)?;
            if args.common.json {
                print_json(&unused)?;
            } else {
                for s in unused {
                    println!(
                        "{:<9} {}  {}:{}",
                        s.kind.name(),
                        qualified(&s.name, s.container.as_deref()),
                        s.path,
                        s.name_span.start_line
                    );
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn calls(args: CallArgs, up: bool) -> Result<()> {
    let (_, graph) = open(&args.common)?;
    let mut all = Vec::new();
    for symbol in graph.find(&args.name, None)? {
        let sites = if up {
            graph.callers(symbol.id, args.depth)?
        } else {
            graph.callees(symbol.id, args.depth)?
        };
        if !args.common.json {
            println!(
                "{} {}  {}:{}",
                symbol.kind.name(),
                qualified(&symbol.name, symbol.container.as_deref()),
                symbol.path,
                symbol.name_span.start_line
            );
            print_calls(&sites, up)?;
        }
        all.push(serde_json::json!({"symbol": symbol, "calls": sites}));
    }
    if args.common.json {
        print_json(&all)?;
    }
    Ok(())
}
