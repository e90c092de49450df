//! `rlm exec SCRIPT.py`: one step in a fresh sandbox, with the exit codes other tools rely on:
//! 0 ran to completion, 1 the script raised (traceback on stderr), 2 refused by the static checks
//! (stderr starts with `blocked:`), 3 stopped by the sandbox (stderr starts with `killed:`),
//! 4 the sandbox could not run here (stderr starts with `error:`, says what is missing).

use anyhow::{Context, Result};
use rlm_engine::config::Config;
use rlm_engine::sandbox::policy::default_helper;
use rlm_engine::sandbox::{
    HostCalls, Repl, SandboxConfig, SandboxPolicy, StaticMode, StepOutcome, StepResult,
};
use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Wall-clock seconds before the step is stopped (default: [sandbox] timeout_secs)
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,
    /// Address-space limit in MiB (default: [sandbox] memory_mb)
    #[arg(long, value_name = "N")]
    pub memory_mb: Option<u64>,
    /// A file loaded as the `context` variable
    #[arg(long, value_name = "FILE")]
    pub context: Option<PathBuf>,
    /// Skip the static checks (every other layer stays; for testing defence in depth)
    #[arg(long)]
    pub no_static_checks: bool,
    /// Run even where a kernel layer is missing
    #[arg(long)]
    pub allow_weak_sandbox: bool,
    /// The Python script to run
    pub script: PathBuf,
}

/// `rlm exec` has no model: host calls fail with a message that says so.
struct NoModel;

impl HostCalls for NoModel {
    fn call(&mut self, name: &str, _args: Value) -> Result<Value, String> {
        Err(format!(
            "{name}() is not available under `rlm exec` (no model is attached); use `rlm ask` \
             for model calls"
        ))
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    match prepare_and_run(&args) {
        Ok(code) => Ok(code),
        Err(error) => {
            eprintln!("error: {error:#}");
            Ok(ExitCode::from(4))
        }
    }
}

/// The `[sandbox]` section with the flags applied.
pub(crate) fn sandbox_config(
    timeout: Option<f64>,
    memory_mb: Option<u64>,
    no_static_checks: bool,
    allow_weak: bool,
) -> Result<SandboxConfig> {
    let cwd = std::env::current_dir().context("reading the current folder")?;
    let loaded = Config::load(&cwd)?;
    let mut config: SandboxConfig = loaded.section("sandbox")?;
    if let Some(timeout) = timeout {
        config.timeout_secs = timeout;
    }
    if let Some(memory) = memory_mb {
        config.memory_mb = memory;
    }
    if no_static_checks {
        config.static_checks = StaticMode::Off;
    }
    config.allow_weak_sandbox |= allow_weak;
    Ok(config)
}

fn prepare_and_run(args: &Args) -> Result<ExitCode> {
    let code = std::fs::read_to_string(&args.script)
        .with_context(|| format!("cannot read script {}", args.script.display()))?;
    let config = sandbox_config(
        args.timeout,
        args.memory_mb,
        args.no_static_checks,
        args.allow_weak_sandbox,
    )?;
    let helper = std::env::current_exe().context("locating the rlm binary for the helper")?;
    let policy = SandboxPolicy::from_config(&config, &default_helper(&helper))?;
    let mut repl = Repl::start(&policy)?;
    if let Some(context) = &args.context {
        repl.load_context_file(context)
            .with_context(|| format!("loading context {}", context.display()))?;
    }
    let result = repl.execute(&code, &mut NoModel)?;
    drop(repl);
    report(&result)
}

fn report(result: &StepResult) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    let code = match &result.outcome {
        StepOutcome::Blocked(violations) => {
            for v in violations {
                writeln!(err, "blocked: {v}")?;
            }
            return Ok(ExitCode::from(2));
        }
        StepOutcome::Killed { reason, state_lost } => {
            writeln!(
                err,
                "killed: {reason}{}",
                if *state_lost {
                    " (the worker was killed)"
                } else {
                    ""
                }
            )?;
            3
        }
        StepOutcome::Raised(_) => 1,
        StepOutcome::Completed => 0,
    };
    out.write_all(result.stdout.as_bytes())?;
    out.flush()?;
    err.write_all(result.stderr.as_bytes())?;
    if let StepOutcome::Raised(error) = &result.outcome {
        if error.traceback.is_empty() {
            writeln!(err, "{}: {}", error.kind, error.message)?;
        } else {
            err.write_all(error.traceback.as_bytes())?;
        }
    }
    if let Some(note) = &result.truncation {
        writeln!(err, "{note}")?;
    }
    Ok(ExitCode::from(code))
}
