//! `rlm bench sandbox`: warm step latency (`x = 1`) p50/p99, cold start of a confined worker
//! against plain `python3 -c pass` with the same real interpreter (the ratio), and loading a
//! 40 MB context. Goals: warm p50 < 2 ms, cold start within 1.5x of plain python3, 40 MB < 1 s.

use super::stats::{ms, percentile};
use crate::cmd::exec::sandbox_config;
use anyhow::{Context, Result, bail};
use rlm_engine::sandbox::policy::default_helper;
use rlm_engine::sandbox::{HostCalls, Repl, SandboxPolicy, StepOutcome};
use serde_json::Value;
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Warm steps to time
    #[arg(long, default_value_t = 1000)]
    pub steps: usize,
    /// Cold starts to time (each side)
    #[arg(long, default_value_t = 20)]
    pub starts: usize,
    /// Size of the context to load, in MB
    #[arg(long, default_value_t = 40)]
    pub context_mb: usize,
}

struct NoHost;

impl HostCalls for NoHost {
    fn call(&mut self, name: &str, _args: Value) -> Result<Value, String> {
        Err(format!("{name} is not available in the benchmark"))
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    let config = sandbox_config(None, None, false, false)?;
    let helper = std::env::current_exe().context("locating the rlm binary")?;
    let policy = SandboxPolicy::from_config(&config, &default_helper(&helper))?;
    let python = policy.python.executable.clone();
    println!(
        "sandbox benchmark: interpreter {} (Python {})",
        python.display(),
        policy.python.version
    );

    // Cold start, interleaved so that machine load hits both sides alike.
    let mut plain = Vec::new();
    let mut confined = Vec::new();
    for _ in 0..args.starts.max(1) {
        let start = Instant::now();
        let status = Command::new(&python)
            .args(["-c", "pass"])
            .stdin(Stdio::null())
            .status()
            .context("running plain python3")?;
        plain.push(start.elapsed());
        if !status.success() {
            bail!("plain python3 -c pass failed: {status}");
        }
        let start = Instant::now();
        let repl = Repl::start(&policy)?;
        confined.push(start.elapsed());
        drop(repl);
    }
    plain.sort();
    confined.sort();
    let (plain_p50, confined_p50) = (percentile(&plain, 0.5), percentile(&confined, 0.5));
    println!(
        "cold start: confined worker p50 {:.1} ms, plain `{} -c pass` p50 {:.1} ms, ratio {:.2}x (goal <= 1.5x)",
        ms(confined_p50),
        python.display(),
        ms(plain_p50),
        confined_p50.as_secs_f64() / plain_p50.as_secs_f64().max(1e-9)
    );

    // Warm steps.
    let mut repl = Repl::start(&policy)?;
    let mut host = NoHost;
    for _ in 0..20 {
        repl.execute("x = 1", &mut host)?;
    }
    let mut steps = Vec::with_capacity(args.steps);
    for _ in 0..args.steps.max(1) {
        let start = Instant::now();
        let result = repl.execute("x = 1", &mut host)?;
        steps.push(start.elapsed());
        if result.outcome != StepOutcome::Completed {
            bail!("warm step failed: {:?}", result.outcome);
        }
    }
    steps.sort();
    println!(
        "warm step `x = 1` (static checks, round trip, output layer): p50 {:.3} ms, p99 {:.3} ms over {} steps (goal p50 < 2 ms)",
        ms(percentile(&steps, 0.5)),
        ms(percentile(&steps, 0.99)),
        steps.len()
    );

    // Context load.
    let line = "# === FILE: src/lib.rs ===\nfn main() { println!(\"hello, sandbox\"); }\n";
    let text = line.repeat(args.context_mb * 1_000_000 / line.len());
    let mut loads = Vec::new();
    for _ in 0..3 {
        let info = repl.load_context_text(&text)?;
        loads.push(info.elapsed);
    }
    loads.sort();
    println!(
        "context load: {:.1} MB in {:.0} ms (median of 3; host write to scratch + worker read) (goal < 1000 ms)",
        text.len() as f64 / 1e6,
        ms(percentile(&loads, 0.5))
    );
    Ok(ExitCode::SUCCESS)
}
