//! `rlm`: index, search and ask questions of whole codebases; audit them for security bugs.
//!
//! The binary is a thin face over `rlm-engine`: each subcommand lives in its own file under
//! `cmd/`, parses its flags, calls the engine and renders the result for a terminal or as JSON.
//! `main` owns the exit codes and treats a closed pipe (`rlm search ... | head`) as success.

mod cmd;
mod output;
mod workspace;

use clap::Parser;
use rlm_engine::sandbox;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "rlm",
    version,
    about = "Ask questions of whole codebases, and audit them for security bugs"
)]
struct Cli {
    /// More log output (-v info, -vv debug). RUST_LOG overrides.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    #[command(subcommand)]
    command: cmd::Command,
}

fn main() -> ExitCode {
    // The sandbox helper runs before anything else (no logging, no threads): it applies the OS
    // layers and execs the interpreter, returning only on failure.
    let mut args = std::env::args_os().skip(1);
    if args.next().as_deref() == Some(std::ffi::OsStr::new(sandbox::HELPER_SUBCOMMAND)) {
        let plan = args.next().unwrap_or_default();
        let error = sandbox::helper::run_helper(&plan.to_string_lossy());
        eprintln!("rlm sandbox helper: {error}");
        return ExitCode::from(sandbox::helper::HELPER_FAILED as u8);
    }
    let cli = Cli::parse();
    init_logging(cli.verbose);
    match cmd::run(cli.command) {
        Ok(code) => code,
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn init_logging(verbose: u8) {
    let default = match verbose {
        0 => "warn",
        1 => "info",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .init();
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
