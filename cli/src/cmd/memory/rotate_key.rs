//! `rlm memory rotate-key [--new-key-file FILE]`: with a key file, a fresh random key replaces
//! it (crash-safe); with `RLM_MEMORY_KEY`, the new key is read from FILE and you switch the
//! variable afterwards.

use anyhow::{Context, Result, bail};
use rlm_engine::memory::crypto::read_key_file;
use std::path::PathBuf;
use std::process::ExitCode;

use super::MemoryContext;
use crate::output::print_json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The new key (64 hex digits or a passphrase of 12+ characters); required with RLM_MEMORY_KEY
    #[arg(long)]
    pub new_key_file: Option<PathBuf>,
}

pub fn run(mut ctx: MemoryContext, args: Args) -> Result<ExitCode> {
    let report = match (&args.new_key_file, &ctx.key_file) {
        (Some(file), _) => {
            let new = read_key_file(file)
                .with_context(|| format!("reading the new key from {}", file.display()))?;
            let report = ctx.store.rotate_key(&ctx.agent, &new)?;
            match &ctx.key_file {
                Some(key_file) => {
                    std::fs::copy(file, key_file).with_context(|| {
                        format!(
                            "the store is rotated to the key in {}, but copying it over {} failed: copy it by hand",
                            file.display(),
                            key_file.display()
                        )
                    })?;
                }
                None => eprintln!("store rotated: set RLM_MEMORY_KEY to the new key now"),
            }
            report
        }
        (None, Some(key_file)) => ctx.store.rotate_key_file(&ctx.agent, &key_file.clone())?,
        (None, None) => bail!(
            "the key comes from RLM_MEMORY_KEY: pass --new-key-file FILE with the new key, then set RLM_MEMORY_KEY to it"
        ),
    };
    if ctx.json {
        print_json(&report)?;
    } else {
        println!(
            "re-encrypted {} record(s) and {} embedding(s) under the new key",
            report.records, report.vectors
        );
    }
    Ok(ExitCode::SUCCESS)
}
