//! `find_references`: every use of a definition that the code graph resolved (or guessed by
//! name, and says so), by definition name; for each definition of that name, its uses.

use super::{check_length, clamp_limit};
use crate::params::{Parameters, ToolError};
use crate::server::{RlmServer, blocking};
use rlm_engine::graph::{Confidence, Graph, Symbol};
use rmcp::{Json, tool, tool_router};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FindReferencesArgs {
    /// The definition's name: "load_config", or with its type: "Store.get" / "Store::get".
    pub name: String,
    /// Only the definitions in this file (workspace-relative), when the name has several.
    #[serde(default)]
    pub path: Option<String>,
    /// Most uses per definition (default 100, at most 1000).
    #[serde(default)]
    #[schemars(with = "u32")]
    pub limit: Option<u32>,
    /// Leave out guesses by name (default false: they are included, marked "by_name").
    #[serde(default)]
    pub resolved_only: bool,
}

/// A definition in the graph.
#[derive(Debug, Serialize, JsonSchema)]
pub struct GraphSymbolEntry {
    pub name: String,
    /// function, method, class, struct, interface, trait, type, constant, variable, field, ...
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container: Option<String>,
    pub path: String,
    /// 1-based line and column (bytes) of the name.
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub signature: String,
}

impl GraphSymbolEntry {
    pub fn of(s: &Symbol) -> GraphSymbolEntry {
        GraphSymbolEntry {
            name: s.name.clone(),
            kind: s.kind.name().to_string(),
            container: s.container.clone(),
            path: s.path.clone(),
            line: s.name_span.start_line,
            column: s.name_span.start_col + 1,
            end_line: s.span.end_line,
            signature: s.signature.clone(),
        }
    }
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ReferenceEntry {
    pub path: String,
    pub line: u32,
    pub column: u32,
    /// call, read, type, inherit, import
    pub kind: String,
    /// "resolved" (through scope, imports or a known receiver) or "by_name" (a guess).
    pub confidence: String,
    /// The definition the use sits in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub within: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct DefinitionReferences {
    pub definition: GraphSymbolEntry,
    pub references: Vec<ReferenceEntry>,
    /// Uses in all (the list may be cut at the limit).
    pub total: usize,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct FindReferencesResult {
    pub name: String,
    pub definitions: Vec<DefinitionReferences>,
}

#[tool_router(router = find_references_router, vis = "pub(crate)")]
impl RlmServer {
    #[tool(
        name = "find_references",
        description = "Find every use of a function, method, class or other definition across the workspace, from the code graph: uses resolved through scope and imports (confidence \"resolved\") and guesses by name where the receiver's type is unknown (\"by_name\"). Name a method as \"Class.method\" to pick one. Each use has path, line, column and kind (call, read, type, inherit, import).",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn find_references(
        &self,
        Parameters(args): Parameters<FindReferencesArgs>,
    ) -> Result<Json<FindReferencesResult>, ToolError> {
        let args = args?;
        let shared = self.shared.clone();
        check_length("name", &args.name, shared.limits.max_query_bytes)?;
        let limit = clamp_limit(args.limit, 100, 1000);
        let name = args.name.clone();
        let min = if args.resolved_only {
            Confidence::Resolved
        } else {
            Confidence::ByName
        };
        let definitions = blocking(move || {
            let graph = Graph::open(&shared.settings.dir)?;
            let symbols = graph.find(&name, args.path.as_deref())?;
            let mut out = Vec::new();
            for symbol in symbols.iter().take(20) {
                let refs = graph.references(symbol.id, min)?;
                out.push(DefinitionReferences {
                    definition: GraphSymbolEntry::of(symbol),
                    total: refs.len(),
                    references: refs
                        .into_iter()
                        .take(limit)
                        .map(|r| ReferenceEntry {
                            path: r.path,
                            line: r.span.start_line,
                            column: r.span.start_col + 1,
                            kind: r.kind.name().to_string(),
                            confidence: r.confidence.name().to_string(),
                            within: r.enclosing,
                        })
                        .collect(),
                });
            }
            Ok(out)
        })
        .await?;
        Ok(Json(FindReferencesResult {
            name: args.name,
            definitions,
        }))
    }
}
