//! The rlm engine: everything the `rlm` binary, the LSP server and the MCP server share.
//!
//! The engine speaks plain domain types only. It knows nothing of terminals, LSP or MCP:
//! the faces convert at their edges. Each capability lives in its own module:
//!
//! - [`workspace`] lists the files of a workspace (gix for git repositories, an ignore-aware
//!   walk for plain folders) and decides which of them are worth indexing.
//! - [`parse`] detects languages, extracts symbols with tree-sitter and cuts files into chunks.
//! - [`index`] keeps a persistent, incremental tantivy index of those chunks and symbols.
//! - [`search`] answers BM25 queries and symbol look-ups over that index.
//! - [`graph`] is the code graph: definitions, uses, calls, imports and inheritance resolved
//!   across the workspace with a confidence, in SQLite beside the index (callers, impact, repo map).
//! - [`navigate`] finds the identifier at a place, its definitions and its uses (hover, go-to).
//! - [`context`] renders a workspace as one text, the form the RLM loop holds as `context`.
//! - [`models`] loads ONNX Runtime and the offline ONNX models (embeddings, InfiniRetri attention).
//! - [`retrieval`] finds the passages that answer a question: BM25, embeddings, InfiniRetri, hybrid.
//! - [`memory`] is H-MEM: hierarchical, encrypted memory shared by agents under access control.
//! - [`sandbox`] runs model-written Python in a confined, persistent worker (the RLM REPL).
//! - [`config`] merges the user's and the workspace's `rlm.toml`.
//! - [`audit`] scans a workspace for security bugs: rules as data, taint tracking, fixes, SARIF.
//! - [`files`] reads files a client names, confined to the workspace and bounded in size.
//! - [`ask`] prepares an RLM run (models, budgets, sandbox) from configuration for the faces.
//! - [`explain`] renders a finding and its rule's documentation as Markdown for people.
//! - [`providers`] sends chat requests to language models (OpenAI-compatible, Anthropic,
//!   Gemini, Ollama) with retries, prices and a SQLite response cache.
//! - [`rlm`] is the Recursive Language Model loop: a root model explores a huge context by
//!   writing Python in the sandbox, with sub-calls, recursion, budgets and traces.

pub mod ask;
pub mod audit;
pub mod config;
pub mod context;
pub mod explain;
pub mod files;
pub mod graph;
pub mod index;
pub mod memory;
pub mod models;
pub mod navigate;
pub mod parse;
pub mod providers;
pub mod retrieval;
pub mod rlm;
pub mod sandbox;
pub mod search;
#[cfg(any(test, feature = "test-support"))]
pub mod test_support;
pub mod workspace;
