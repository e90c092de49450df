//! `rlm ask [PATH] QUESTION`: the RLM loop over a workspace (as `rlm context` renders it) or a
//! text file (`--context FILE`). Flags override `[rlm]` in rlm.toml, which `RLM_MODEL` /
//! `RLM_SUB_MODEL` override in turn. Prints the answer on stdout and a one-line summary on
//! stderr (or the whole result with `--json`); `-v` adds the live view
//! (`[Iter 2] ...`, `[SUB-CALL 3/200] ...`); Ctrl-C cancels and prints the best partial answer.
//! With no model configured, a question about a workspace is answered from retrieval: the best
//! passages with paths and line ranges, and a note saying so and how to configure a model
//! (`--json` carries the passages).
//! Exit codes: 0 the model finished (or retrieval answered), 1 a budget or Ctrl-C stopped it
//! (partial answer), 2 error (including "no model configured" for `--context FILE`, which
//! explains the three shortest ways to set one up).

use crate::workspace::Workspace;
use anyhow::{Context, Result, bail};
use rlm_engine::ask::{
    AskMemory, AskOverrides, AskScope, AskSetup, DEFAULT_PASSAGES, PrepareError, RetrievalAnswer,
    RetrievalQuestion, answer_from_retrieval, prepare_request,
};
use rlm_engine::config::{Config, LoadedConfig};
use rlm_engine::providers::ProvidersConfig;
use rlm_engine::rlm::trace::summary_line;
use rlm_engine::rlm::{
    AskResult, Budgets, CancellationToken, JsonlTrace, Observer, Observers, TraceRecord, ask,
};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// `[PATH] QUESTION`: the workspace (default: the current folder) and the question
    #[arg(num_args = 1..=2, required = true, value_name = "[PATH] QUESTION")]
    pub words: Vec<String>,
    /// The root model, e.g. openai:gpt-4o, anthropic:claude-sonnet-4-5, ollama:qwen3:8b
    #[arg(long, value_name = "MODEL")]
    pub root: Option<String>,
    /// The sub model for llm_query (default: the root model)
    #[arg(long, value_name = "MODEL")]
    pub sub: Option<String>,
    /// Ask about this text file instead of a workspace
    #[arg(long, value_name = "FILE")]
    pub context: Option<PathBuf>,
    #[arg(long, value_name = "N")]
    pub max_iterations: Option<u32>,
    #[arg(long, value_name = "N")]
    pub max_depth: Option<u32>,
    #[arg(long, value_name = "N")]
    pub max_subcalls: Option<u32>,
    /// Stop when the run has cost this many US dollars
    #[arg(long, value_name = "USD")]
    pub max_cost: Option<f64>,
    /// Stop after this many tokens (input + output, all calls)
    #[arg(long, value_name = "N")]
    pub max_tokens: Option<u64>,
    /// Stop after this many seconds
    #[arg(long, value_name = "SECONDS")]
    pub max_time: Option<u64>,
    /// Write every step to this JSONL file (secrets redacted)
    #[arg(long, value_name = "FILE")]
    pub trace: Option<PathBuf>,
    /// Print the whole result as JSON
    #[arg(long)]
    pub json: bool,
    /// Do not read or write the response cache
    #[arg(long)]
    pub no_cache: bool,
    /// Run even where a kernel sandbox layer is missing
    #[arg(long)]
    pub allow_weak_sandbox: bool,
    /// Recall workspace memories as this agent into the REPL's `memory` variable (default:
    /// `[memory] agent` in rlm.toml, else `user`); only what the agent may read is recalled
    #[arg(long, value_name = "ID")]
    pub agent: Option<String>,
    /// No `memory` variable, even where the workspace has a memory store
    #[arg(long, conflicts_with = "agent")]
    pub no_memory: bool,
}

/// Printed when no model is configured: the three shortest ways to configure one.
pub const NO_MODEL_MESSAGE: &str = "no model configured for `rlm ask`. The three shortest ways:
  1. a hosted model, in the environment:
       export OPENAI_API_KEY=sk-...   RLM_MODEL=openai:gpt-4o-mini
     (or ANTHROPIC_API_KEY with RLM_MODEL=anthropic:claude-sonnet-4-5,
      GEMINI_API_KEY with RLM_MODEL=gemini:gemini-2.5-flash)
  2. a local model, no key:
       ollama pull qwen3:8b && export RLM_MODEL=ollama:qwen3:8b
     (llama.cpp: llama-server -m MODEL.gguf --port 8080, then RLM_MODEL=llamacpp:MODEL)
  3. per run or per workspace:
       rlm ask --root openai:gpt-4o-mini . \"your question\"
       or [rlm] root = \"openai:gpt-4o-mini\" in rlm.toml
See docs/providers.md for every provider and key.";

pub fn run(args: Args) -> Result<ExitCode> {
    let (path, question) = match args.words.as_slice() {
        [question] => (None, question.clone()),
        [path, question] => (Some(PathBuf::from(path)), question.clone()),
        _ => bail!("expected [PATH] QUESTION"),
    };
    if path.is_some() && args.context.is_some() {
        bail!("give either a workspace PATH or --context FILE, not both");
    }
    if args.context.is_some() && args.agent.is_some() {
        bail!(
            "--agent picks whose workspace memories the loop gets, and a question about --context FILE gets none: drop --agent, or ask about the workspace"
        );
    }
    if let Some(file) = path.as_ref().filter(|p| p.is_file()) {
        bail!(
            "{} is a file: ask about a text file with `rlm ask --context {} QUESTION`",
            file.display(),
            file.display()
        );
    }
    let (loaded, scope) = match &args.context {
        Some(file) => {
            if !file.is_file() {
                bail!("--context {}: no such file", file.display());
            }
            let cwd = std::env::current_dir().context("reading the current folder")?;
            (Config::load(&cwd)?, AskScope::File(file.clone()))
        }
        None => {
            let workspace = Workspace::resolve(path.as_deref(), None)?;
            let scope = AskScope::Workspace {
                root: workspace.root.clone(),
                settings: workspace.settings.clone(),
            };
            (workspace.config, scope)
        }
    };
    let overrides = overrides(&args, &loaded)?;
    let cancel = CancellationToken::new();
    let setup = AskSetup {
        question: question.clone(),
        scope: scope.clone(),
        loaded: &loaded,
        overrides,
        memory: if args.no_memory {
            AskMemory::Off
        } else {
            AskMemory::Workspace {
                agent: args.agent.clone(),
            }
        },
        retriever: None,
        helper: None,
        cancel: cancel.clone(),
    };
    let prepared = match prepare_request(setup) {
        Ok(prepared) => prepared,
        Err(PrepareError::NoModel) => {
            return match &scope {
                AskScope::Workspace { root, settings } => {
                    let answer = answer_from_retrieval(RetrievalQuestion {
                        root,
                        settings,
                        loaded: &loaded,
                        question: &question,
                        path_glob: None,
                        k: DEFAULT_PASSAGES,
                        retriever: None,
                    })?;
                    print_retrieval_answer(&answer, args.json)?;
                    Ok(ExitCode::SUCCESS)
                }
                // A lone text file has no index to answer from.
                _ => {
                    eprintln!("error: {NO_MODEL_MESSAGE}");
                    Ok(ExitCode::from(2))
                }
            };
        }
        Err(e) => return Err(e.into()),
    };
    if let Some(recall) = &prepared.request.memory {
        eprintln!(
            "memory: {} item(s) recalled as agent {} into `memory` ({})",
            recall.items.len(),
            recall.agent,
            recall.retrieval
        );
    }
    if let Some(warning) = &prepared.memory_warning {
        eprintln!("warning: asking without workspace memories: {warning} (--no-memory skips them)");
    }
    let budgets = prepared.request.budgets.clone();
    let request = prepared.request;
    let mut observers: Vec<Arc<dyn Observer>> = Vec::new();
    if let Some(path) = &args.trace {
        observers
            .push(Arc::new(JsonlTrace::create(path).with_context(|| {
                format!("creating trace {}", path.display())
            })?));
    }
    if tracing::level_filters::LevelFilter::current() >= tracing::level_filters::LevelFilter::INFO {
        observers.push(Arc::new(Console));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let result = runtime.block_on(async {
        let watcher = cancel.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                eprintln!("\ninterrupted: stopping the run (Ctrl-C again to quit at once)");
                watcher.cancel();
                if tokio::signal::ctrl_c().await.is_ok() {
                    std::process::exit(130);
                }
            }
        });
        ask(request, Arc::new(Observers(observers))).await
    })?;
    runtime.shutdown_timeout(Duration::from_millis(200));
    print_result(&result, &budgets, args.json)?;
    Ok(if result.stop_reason.is_final() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The flags as overrides of the configuration, checked first: a bad flag or a misspelt
/// `[providers.NAME]` fails before anything is built.
fn overrides(args: &Args, loaded: &LoadedConfig) -> Result<AskOverrides> {
    let providers: ProvidersConfig = loaded.section("providers")?;
    providers.validate().map_err(anyhow::Error::msg)?;
    if let Some(usd) = args.max_cost
        && !(usd.is_finite() && usd > 0.0)
    {
        bail!("--max-cost must be a positive number of US dollars, e.g. 0.50");
    }
    Ok(AskOverrides {
        root: args.root.clone(),
        sub: args.sub.clone(),
        max_iterations: args.max_iterations,
        max_depth: args.max_depth,
        max_subcalls: args.max_subcalls,
        max_cost_usd: args.max_cost,
        max_tokens: args.max_tokens,
        max_wall: args.max_time.map(Duration::from_secs),
        no_cache: args.no_cache,
        allow_weak_sandbox: args.allow_weak_sandbox,
    })
}

/// The answer without a model: the note and the method on stderr, the passages on stdout (or
/// the whole answer as JSON).
fn print_retrieval_answer(answer: &RetrievalAnswer, json: bool) -> Result<()> {
    if json {
        return crate::output::print_json(answer);
    }
    eprintln!("note: {}", answer.note);
    eprintln!("{}", answer.method_line());
    print!("{}", answer.render(12));
    Ok(())
}

fn print_result(result: &AskResult, budgets: &Budgets, json: bool) -> Result<()> {
    if json {
        let mut shown = result.clone();
        shown.trace.clear();
        return crate::output::print_json(&shown);
    }
    println!("{}", result.answer.trim_end());
    let cost = if result.cost_known {
        format!("${:.4}", result.cost_usd)
    } else {
        format!("${:.4} (some models have no price)", result.cost_usd)
    };
    eprintln!(
        "-- {} iterations, {} sub-calls, depth {}, {} tokens in / {} out, {cost}, {:.1} s; {}",
        result.iterations,
        result.subcalls,
        result.max_depth_reached,
        result.input_tokens,
        result.output_tokens,
        result.elapsed_ms as f64 / 1000.0,
        result.stop_reason.describe(budgets)
    );
    Ok(())
}

/// The `-v` live view on stderr.
struct Console;

impl Observer for Console {
    fn on_event(&self, record: &TraceRecord) {
        eprintln!("{}", summary_line(record));
    }
}

/// For `rlm trace show`: reads a saved trace.
pub fn show_trace(path: &Path, full: bool) -> Result<()> {
    let records = rlm_engine::rlm::trace::read_trace(path)?;
    print!("{}", rlm_engine::rlm::trace::render(&records, full));
    Ok(())
}
