//! The rlm MCP server: the engine's tools, resources and prompts for coding agents (Claude Code,
//! Cursor, VS Code, Codex), over stdio or streamable HTTP.
//!
//! This crate is a face: it converts MCP requests into engine calls and engine values into MCP
//! results, and holds no logic the CLI or the LSP would also need (path confinement and bounded
//! reads live in `rlm_engine::files`). Its invariants:
//!
//! - Every tool lives in its own file under [`tools`], with its argument and result types, a
//!   JSON schema for both, and a description written for a model.
//! - A tool that fails returns a result with `isError: true` and a message that says what to do
//!   next; only malformed protocol traffic (an unknown tool, a bad request) becomes a JSON-RPC
//!   error. Engine work runs on the blocking pool, so a panic there becomes a tool error and
//!   never takes the server down.
//! - The HTTP transport binds loopback unless told otherwise, and then only with a bearer token.

pub mod http;
mod params;
pub mod prompts;
pub mod resources;
mod server;
pub mod stdio;
pub mod tools;

pub use http::{BindError, HttpError, HttpOptions, check_bind, serve_http};
pub use params::{Parameters, ToolError};
pub use server::{McpSettings, RlmServer, SERVER_NAME, Shared};
pub use stdio::{StdioError, serve_stdio};
