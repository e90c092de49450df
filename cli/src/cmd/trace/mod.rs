//! `rlm trace ...`: saved traces of `rlm ask --trace FILE`.

use anyhow::Result;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Subcommand)]
pub enum TraceCommand {
    /// Render a saved JSONL trace readably (one line per step; --full adds model output and code)
    Show(ShowArgs),
}

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    pub file: PathBuf,
    /// Also print each model reply, code block and REPL output in full
    #[arg(long)]
    pub full: bool,
}

pub fn run(command: TraceCommand) -> Result<ExitCode> {
    match command {
        TraceCommand::Show(args) => {
            super::ask::show_trace(&args.file, args.full)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
