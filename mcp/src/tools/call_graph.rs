//! `call_graph`: who calls a function and what it calls, to a depth, from the code graph.

use super::check_length;
use super::find_references::GraphSymbolEntry;
use crate::params::{Parameters, ToolError};
use crate::server::{RlmServer, blocking};
use rlm_engine::graph::{CallSite, Graph};
use rmcp::{Json, tool, tool_router};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Callers,
    Callees,
    Both,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CallGraphArgs {
    /// The function's or method's name: "parse", or "Parser.parse" / "Parser::parse".
    pub name: String,
    /// "callers", "callees" or "both" (default).
    #[serde(default)]
    pub direction: Option<Direction>,
    /// Levels to follow (default 2, at most 6).
    #[serde(default)]
    #[schemars(with = "u32")]
    pub depth: Option<u32>,
    /// Only the definitions in this file, when the name has several.
    #[serde(default)]
    pub path: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct CallEntry {
    /// The other end: the caller (for callers) or the callee (for callees); `null` caller
    /// means a module's top level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub symbol: Option<GraphSymbolEntry>,
    /// The file the calls are in.
    pub path: String,
    /// Lines of the calls.
    pub lines: Vec<u32>,
    /// "resolved" or "by_name" (the surest of the calls).
    pub confidence: String,
    /// 1 for direct calls.
    pub depth: usize,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct CallGraphEntry {
    pub definition: GraphSymbolEntry,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub callers: Option<Vec<CallEntry>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub callees: Option<Vec<CallEntry>>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct CallGraphResult {
    pub name: String,
    pub depth: usize,
    pub definitions: Vec<CallGraphEntry>,
}

fn entries(sites: Vec<CallSite>, up: bool) -> Vec<CallEntry> {
    sites
        .into_iter()
        .map(|s| CallEntry {
            symbol: if up {
                s.caller.as_ref().map(GraphSymbolEntry::of)
            } else {
                Some(GraphSymbolEntry::of(&s.callee))
            },
            path: s.path,
            lines: s.spans.iter().map(|sp| sp.start_line).collect(),
            confidence: s.confidence.name().to_string(),
            depth: s.depth,
        })
        .collect()
}

#[tool_router(router = call_graph_router, vis = "pub(crate)")]
impl RlmServer {
    #[tool(
        name = "call_graph",
        description = "Show who calls a function or method (callers) and what it calls (callees), following calls to a depth, from the code graph. Each call has the file and lines and a confidence (\"resolved\" or \"by_name\"). Use it to trace how a code path is reached before changing it.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn call_graph(
        &self,
        Parameters(args): Parameters<CallGraphArgs>,
    ) -> Result<Json<CallGraphResult>, ToolError> {
        let args = args?;
        let shared = self.shared.clone();
        check_length("name", &args.name, shared.limits.max_query_bytes)?;
        let depth = args.depth.unwrap_or(2).clamp(1, 6) as usize;
        let (up, down) = match args.direction.unwrap_or(Direction::Both) {
            Direction::Callers => (true, false),
            Direction::Callees => (false, true),
            Direction::Both => (true, true),
        };
        let name = args.name.clone();
        let definitions = blocking(move || {
            let graph = Graph::open(&shared.settings.dir)?;
            let mut out = Vec::new();
            for symbol in graph.find(&name, args.path.as_deref())?.iter().take(10) {
                out.push(CallGraphEntry {
                    definition: GraphSymbolEntry::of(symbol),
                    callers: if up {
                        Some(entries(graph.callers(symbol.id, depth)?, true))
                    } else {
                        None
                    },
                    callees: if down {
                        Some(entries(graph.callees(symbol.id, depth)?, false))
                    } else {
                        None
                    },
                });
            }
            Ok(out)
        })
        .await?;
        Ok(Json(CallGraphResult {
            name: args.name,
            depth,
            definitions,
        }))
    }
}
