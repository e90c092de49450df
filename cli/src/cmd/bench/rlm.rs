//! `rlm bench rlm`: long-context tasks with known answers (S-NIAH in a real codebase,
//! multi-needle, OOLONG-style aggregation; see `rlm_tasks`) at sizes from 32K to 10M tokens,
//! answered by the RLM loop and, as the baseline, by the same model reading the context cut to
//! its window. Prints accuracy, tokens, cost and time per task and size, then the engine's own
//! overhead per iteration with model time excluded (target < 5 ms) against a warm sandbox step
//! measured in the same process.
//!
//! `--fake` needs no model: a fake server on 127.0.0.1 plays a scripted root that solves each
//! task with plain Python, so the whole engine path (context load, REPL, host calls, trace)
//! runs at every size; its accuracy checks the engine, not a model, and the direct baseline
//! answers nothing.

use super::rlm_tasks::{
    Task, aggregation, multi_needle, parse_size, scripted_solution, single_needle,
};
use anyhow::{Context, Result, bail};
use rlm_engine::config::Config;
use rlm_engine::context::write_context;
use rlm_engine::providers::fake_server::{FakeReply, FakeServer, RecordedRequest};
use rlm_engine::providers::{
    ChatModel, ChatParams, ChatRequest, Message, ProvidersConfig, build_model,
};
use rlm_engine::rlm::{
    AskRequest, AskResult, Budgets, CancellationToken, ContextSource, LoopOptions, Models,
    NoObserver, RlmConfig, TraceEvent, ask,
};
use rlm_engine::sandbox::{HostCalls, Repl, SandboxConfig, SandboxPolicy};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Use the fake model server (no model, no network): measures the engine path
    #[arg(long)]
    pub fake: bool,
    /// The model (default: [rlm] root or RLM_MODEL)
    #[arg(long, value_name = "MODEL")]
    pub model: Option<String>,
    /// Context sizes in tokens
    #[arg(long, value_delimiter = ',', default_value = "32k,128k,1m")]
    pub sizes: Vec<String>,
    /// Tasks: s-niah, multi-niah, oolong
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "s-niah,multi-niah,oolong"
    )]
    pub tasks: Vec<String>,
    /// Instances per task and size
    #[arg(long, default_value_t = 1)]
    pub repeats: usize,
    /// The direct baseline's window in tokens: the context is cut to this
    #[arg(long, default_value_t = 32_000)]
    pub direct_window: usize,
    /// The codebase the needles hide in
    #[arg(long, default_value = ".")]
    pub corpus: PathBuf,
    #[arg(long, default_value_t = 12)]
    pub max_iterations: u32,
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Iterations of the overhead measurement
    #[arg(long, default_value_t = 30)]
    pub overhead_iterations: u32,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let loaded = Config::load(&std::env::current_dir()?)?;
    let rlm_config: RlmConfig = loaded.section("rlm")?;
    let mut providers: ProvidersConfig = loaded.section("providers")?;
    providers.validate().map_err(anyhow::Error::msg)?;
    let sandbox_config: SandboxConfig = loaded.section("sandbox")?;
    let helper = std::env::current_exe()?;
    let sandbox = SandboxPolicy::from_config(&sandbox_config, &helper)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;

    // The fake server lives as long as the benchmark.
    let fake = if args.fake {
        let server = FakeServer::start(Arc::new(|r: &RecordedRequest| fake_reply(r)))?;
        server.route_openai_compatible(&mut providers);
        Some(server)
    } else {
        None
    };
    let (root_spec, direct_spec) = if fake.is_some() {
        (
            "openai-compatible:http://fake/v1#root".to_string(),
            "openai-compatible:http://fake/v1#direct".to_string(),
        )
    } else {
        let Some(spec) = args.model.clone().or_else(|| rlm_config.root_model()) else {
            bail!(
                "no model configured: pass --model (e.g. ollama:qwen3:8b), set RLM_MODEL, or run with --fake to measure the engine alone"
            );
        };
        (spec.clone(), spec)
    };
    let root = build_model(&root_spec, &providers, None)?;
    let direct = build_model(&direct_spec, &providers, None)?;

    let mut corpus = Vec::new();
    write_context(
        &args.corpus,
        &Default::default(),
        Some(8 * 1024 * 1024),
        &mut corpus,
    )
    .with_context(|| format!("reading the corpus {}", args.corpus.display()))?;
    let corpus = String::from_utf8_lossy(&corpus).to_string();
    let sizes: Vec<usize> = args
        .sizes
        .iter()
        .map(|s| parse_size(s).map_err(anyhow::Error::msg))
        .collect::<Result<_>>()?;
    println!(
        "rlm bench rlm: model {}{}, direct baseline cut to {} tokens",
        root.name(),
        if args.fake {
            " (fake server, scripted root: accuracy checks the engine path)"
        } else {
            ""
        },
        args.direct_window
    );
    println!(
        "{:<15} {:>6} {:<7} {:>5} {:>6} {:>5} {:>11} {:>9} {:>9} {:>8}",
        "task",
        "size",
        "mode",
        "acc",
        "iters",
        "subs",
        "tokens_in",
        "tok_out",
        "cost_usd",
        "time_s"
    );
    let mut rng = fastrand::Rng::with_seed(args.seed);
    for task_name in &args.tasks {
        for &size in &sizes {
            let mut rows = [Row::default(), Row::default()];
            for _ in 0..args.repeats {
                let task = match task_name.as_str() {
                    "s-niah" => single_needle(&corpus, size, &mut rng),
                    "multi-niah" => multi_needle(&corpus, size, &mut rng),
                    "oolong" => aggregation(size, &mut rng),
                    other => bail!("unknown task `{other}` (s-niah, multi-niah, oolong)"),
                };
                let started = Instant::now();
                let result = runtime.block_on(ask(
                    request(&task, &root, &sandbox, args.max_iterations),
                    Arc::new(NoObserver),
                ));
                rows[0].add_rlm(&task, result, started.elapsed());
                let started = Instant::now();
                let reply = runtime.block_on(direct_answer(&direct, &task, args.direct_window));
                rows[1].add_direct(&task, reply, started.elapsed());
            }
            for (mode, row) in ["rlm", "direct"].iter().zip(&rows) {
                let label = if args.repeats == 1 {
                    row.kind
                } else {
                    task_name.as_str()
                };
                row.print(label, size, mode, args.repeats);
            }
        }
    }
    let overhead = measure_overhead(&runtime, &sandbox, &args, &sizes)?;
    print!("{overhead}");
    drop(fake);
    Ok(ExitCode::SUCCESS)
}

fn request(
    task: &Task,
    root: &Arc<dyn ChatModel>,
    sandbox: &SandboxPolicy,
    max_iterations: u32,
) -> AskRequest {
    AskRequest {
        question: task.question.clone(),
        context: ContextSource::Text(task.context.clone()),
        models: Models {
            root: Arc::clone(root),
            sub: Arc::clone(root),
        },
        budgets: Budgets {
            max_iterations,
            ..Budgets::default()
        },
        sandbox: sandbox.clone(),
        options: LoopOptions::default(),
        cancel: CancellationToken::new(),
        secrets: Vec::new(),
        // The benchmark measures the loop on its tasks alone.
        memory: None,
        retrieval: None,
    }
}

async fn direct_answer(
    model: &Arc<dyn ChatModel>,
    task: &Task,
    window_tokens: usize,
) -> Result<rlm_engine::providers::ChatResponse, rlm_engine::providers::ProviderError> {
    let budget = window_tokens * 4;
    let cut: String = task.context.chars().take(budget).collect();
    let request = ChatRequest {
        messages: vec![
            Message::system("Answer the question from the text. Be brief."),
            Message::user(format!("Text:\n{cut}\n\nQuestion: {}", task.question)),
        ],
        params: ChatParams::default(),
    };
    model.chat(&request).await
}

#[derive(Default)]
struct Row {
    /// The task variant (oolong-count, oolong-pair, ...) of the last instance.
    kind: &'static str,
    correct: usize,
    errors: usize,
    iterations: u64,
    subcalls: u64,
    tokens_in: u64,
    tokens_out: u64,
    cost: f64,
    time: Duration,
}

impl Row {
    fn add_rlm(
        &mut self,
        task: &Task,
        result: Result<AskResult, rlm_engine::rlm::RlmError>,
        time: Duration,
    ) {
        self.time += time;
        self.kind = task.kind;
        match result {
            Ok(r) => {
                self.correct += usize::from(task.score(&r.answer));
                self.iterations += u64::from(r.iterations);
                self.subcalls += u64::from(r.subcalls);
                self.tokens_in += r.input_tokens;
                self.tokens_out += r.output_tokens;
                self.cost += r.cost_usd;
            }
            Err(e) => {
                self.errors += 1;
                eprintln!("rlm run failed: {e}");
            }
        }
    }

    fn add_direct(
        &mut self,
        task: &Task,
        reply: Result<rlm_engine::providers::ChatResponse, rlm_engine::providers::ProviderError>,
        time: Duration,
    ) {
        self.time += time;
        self.kind = task.kind;
        match reply {
            Ok(r) => {
                self.correct += usize::from(task.score(&r.text));
                self.tokens_in += r.usage.input_tokens;
                self.tokens_out += r.usage.output_tokens;
                self.cost += r.cost_usd.unwrap_or(0.0);
            }
            Err(e) => {
                self.errors += 1;
                eprintln!("direct call failed: {e}");
            }
        }
    }

    fn print(&self, task: &str, size: usize, mode: &str, repeats: usize) {
        let size = if size >= 1_000_000 {
            format!("{}M", size / 1_000_000)
        } else {
            format!("{}K", size / 1_000)
        };
        let errors = if self.errors > 0 {
            format!(" ({} errors)", self.errors)
        } else {
            String::new()
        };
        println!(
            "{:<15} {:>6} {:<7} {:>5} {:>6} {:>5} {:>11} {:>9} {:>9.4} {:>8.1}{errors}",
            task,
            size,
            mode,
            format!("{}/{}", self.correct, repeats),
            if mode == "rlm" {
                format!("{:.1}", self.iterations as f64 / repeats as f64)
            } else {
                "-".into()
            },
            if mode == "rlm" {
                self.subcalls.to_string()
            } else {
                "-".into()
            },
            self.tokens_in,
            self.tokens_out,
            self.cost,
            self.time.as_secs_f64()
        );
    }
}

/// The fake server's answers: the scripted root solves the task; the direct baseline and
/// sub-calls say they cannot tell.
fn fake_reply(r: &RecordedRequest) -> FakeReply {
    match r.model.as_str() {
        "root" if r.system.contains("Recursive Language Model") => {
            let question = first_question(r);
            let turn = r.message_count.saturating_sub(2) / 2;
            FakeReply::text(scripted_solution(&question, turn))
        }
        "overhead" => FakeReply::text("```repl\nx = 1\n```"),
        _ => FakeReply::text("I cannot tell from the text."),
    }
}

fn first_question(r: &RecordedRequest) -> String {
    let body: serde_json::Value = serde_json::from_str(&r.body).unwrap_or_default();
    body.pointer("/messages/1/content")
        .and_then(serde_json::Value::as_str)
        .and_then(|t| t.strip_prefix("Question: "))
        .and_then(|t| t.lines().next())
        .unwrap_or("")
        .to_string()
}

/// Engine time per iteration with model time excluded, at the smallest and largest size, next
/// to a warm sandbox step (`x = 1`) measured here: the baseline the loop cannot beat.
fn measure_overhead(
    runtime: &tokio::runtime::Runtime,
    sandbox: &SandboxPolicy,
    args: &Args,
    sizes: &[usize],
) -> Result<String> {
    let server = FakeServer::start(Arc::new(|r: &RecordedRequest| fake_reply(r)))?;
    let mut providers = ProvidersConfig::default();
    server.route_openai_compatible(&mut providers);
    let model = build_model(
        "openai-compatible:http://fake/v1#overhead",
        &providers,
        None,
    )?;
    let mut out = String::from(
        "\nengine overhead per iteration (fake model, model time excluded; target < 5 ms):\n",
    );
    let picks: Vec<usize> = match (sizes.iter().min(), sizes.iter().max()) {
        (Some(&a), Some(&b)) if a != b => vec![a, b],
        (Some(&a), _) => vec![a],
        _ => vec![32_000],
    };
    let mut per_iter = Vec::new();
    for size in picks {
        let task = Task {
            kind: "overhead",
            question: "Run x = 1 until the budget ends.".into(),
            context: "x".repeat(size * 4),
            expected: Vec::new(),
        };
        let mut req = request(&task, &model, sandbox, args.overhead_iterations);
        req.models.sub = Arc::clone(&model);
        let result = runtime.block_on(ask(req, Arc::new(NoObserver)))?;
        let first_call_start = result
            .trace
            .iter()
            .find_map(|r| match &r.event {
                TraceEvent::ModelReply { elapsed_ms, .. } => {
                    Some(r.t_ms.saturating_sub(*elapsed_ms))
                }
                _ => None,
            })
            .unwrap_or(0);
        let engine_ms = result
            .elapsed_ms
            .saturating_sub(first_call_start)
            .saturating_sub(result.model_ms);
        let per = engine_ms as f64 / f64::from(result.iterations.max(1));
        per_iter.push(per);
        out.push_str(&format!(
            "  context {:>6} tokens: {:.2} ms/iteration over {} iterations (start-up incl. context load {} ms, model {} ms)\n",
            size,
            per,
            result.iterations,
            first_call_start,
            result.model_ms
        ));
    }
    let baseline = warm_step_ms(sandbox)?;
    let worst = per_iter.iter().copied().fold(0.0, f64::max);
    out.push_str(&format!(
        "  baseline: warm sandbox step (x = 1) p50 {baseline:.2} ms; loop overhead / step = {:.1}x; {}\n",
        worst / baseline.max(1e-6),
        if worst < 5.0 { "within the 5 ms target" } else { "ABOVE the 5 ms target" }
    ));
    Ok(out)
}

struct NoHost;

impl HostCalls for NoHost {
    fn call(
        &mut self,
        name: &str,
        _args: serde_json::Value,
    ) -> std::result::Result<serde_json::Value, String> {
        Err(format!("{name} is not available in the baseline"))
    }
}

fn warm_step_ms(sandbox: &SandboxPolicy) -> Result<f64> {
    let mut repl = Repl::start(sandbox)?;
    repl.execute("x = 1", &mut NoHost)?;
    let mut times: Vec<f64> = (0..50)
        .map(|_| {
            let started = Instant::now();
            let _ = repl.execute("x = 1", &mut NoHost);
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    Ok(times[times.len() / 2])
}
