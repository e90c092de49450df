//! The CLI's end-to-end tests, one binary: each module drives the real `rlm` binary (index,
//! search, ask, exec, scan, memory, the LSP and MCP servers, the sandbox). One binary links once
//! and runs every module's tests in parallel; `cargo test --test e2e MODULE::` runs one module.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;

mod ask_cli;
mod cli;
mod exec_cli;
mod lsp_graph;
mod lsp_protocol;
mod mcp_engine_tools;
mod mcp_graph_tools;
mod mcp_http;
mod mcp_stdio;
mod memory;
mod retrieve;
mod rlm_graph;
mod rlm_loop;
mod sandbox_escape;
mod sandbox_protocol;
mod scan_scope;
mod scan_triage;
mod watch;
