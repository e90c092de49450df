//! `rlm mcp [PATH]`: the MCP server for coding agents, on stdio (default) or streamable HTTP.

use crate::workspace::Workspace;
use anyhow::{Context, Result};
use rlm_mcp::{HttpOptions, Shared, check_bind, serve_http, serve_stdio};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use tokio_util::sync::CancellationToken;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The workspace (default: the current folder)
    pub path: Option<PathBuf>,
    /// Where the index lives (default: PATH/.rlm)
    #[arg(long)]
    pub index_dir: Option<PathBuf>,
    /// Serve streamable HTTP at http://ADDR/mcp instead of stdio, e.g. 127.0.0.1:8765
    #[arg(long, value_name = "ADDR")]
    pub http: Option<SocketAddr>,
    /// Bearer token HTTP clients must send (prefer the environment variable: a flag shows in `ps`)
    #[arg(long, env = "RLM_MCP_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Permit a non-loopback --http address; requires a token
    #[arg(long)]
    pub allow_remote: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    if let Some(addr) = &args.http {
        // Refuse before loading anything, so the message is the first thing the user sees.
        check_bind(addr, args.allow_remote, args.token.as_deref())?;
    }
    let workspace = Workspace::resolve(args.path.as_deref(), args.index_dir.as_deref())?;
    let shared = Arc::new(Shared::new(
        workspace.root.clone(),
        &workspace.config,
        workspace.settings.clone(),
        // The sandbox helper for ask_codebase: `rlm-sandbox-helper` beside this binary, or
        // this binary's hidden subcommand.
        std::env::current_exe()
            .ok()
            .map(|exe| rlm_engine::sandbox::policy::default_helper(&exe)),
    )?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async move {
        match args.http {
            None => serve_stdio(shared).await.map_err(anyhow::Error::from),
            Some(addr) => {
                let shutdown = CancellationToken::new();
                let on_signal = shutdown.clone();
                tokio::spawn(async move {
                    if tokio::signal::ctrl_c().await.is_ok() {
                        on_signal.cancel();
                    }
                });
                let options = HttpOptions {
                    addr,
                    token: args.token,
                    allow_remote: args.allow_remote,
                };
                let root = workspace.root.display().to_string();
                serve_http(shared, options, shutdown, |bound| {
                    eprintln!("rlm mcp: serving {root} at http://{bound}/mcp");
                })
                .await
                .map_err(anyhow::Error::from)
            }
        }
    })?;
    Ok(ExitCode::SUCCESS)
}
