//! `impact`: what a change to a definition or a file reaches, transitively, from the code graph.

use super::find_references::GraphSymbolEntry;
use crate::params::{Parameters, ToolError};
use crate::server::{RlmServer, blocking};
use rlm_engine::graph::Graph;
use rmcp::{Json, tool, tool_router};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImpactArgs {
    /// A definition's name ("load_config", "Store.get"); give this or `path`.
    #[serde(default)]
    pub name: Option<String>,
    /// A workspace-relative file: everything that uses its definitions or imports it.
    #[serde(default)]
    pub path: Option<String>,
    /// Levels to follow (default 3, at most 10).
    #[serde(default)]
    #[schemars(with = "u32")]
    pub depth: Option<u32>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ImpactItem {
    /// The definition reached; absent for a module's top level or an importing file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub symbol: Option<GraphSymbolEntry>,
    pub path: String,
    pub depth: usize,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ImpactResult {
    pub target: String,
    /// Files reached, sorted.
    pub files: Vec<String>,
    pub reached: Vec<ImpactItem>,
    /// False when the walk stopped at its limit.
    pub complete: bool,
}

#[tool_router(router = impact_router, vis = "pub(crate)")]
impl RlmServer {
    #[tool(
        name = "impact",
        description = "Before changing a function, class or file: list everything that depends on it, transitively (its users, their users, ..., and files that import it), with the files reached. Give `name` (a definition) or `path` (a file).",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn impact(
        &self,
        Parameters(args): Parameters<ImpactArgs>,
    ) -> Result<Json<ImpactResult>, ToolError> {
        let args = args?;
        let shared = self.shared.clone();
        let depth = args.depth.unwrap_or(3).clamp(1, 10) as usize;
        let target = match (&args.name, &args.path) {
            (Some(n), _) => n.clone(),
            (None, Some(p)) => p.clone(),
            (None, None) => {
                return Err(ToolError::new(
                    "give `name` (a definition, e.g. \"load_config\") or `path` (a file)",
                ));
            }
        };
        let result = blocking(move || {
            let graph = Graph::open(&shared.settings.dir)?;
            let impact = match (&args.name, &args.path) {
                (Some(name), path) => {
                    let symbols = graph.find(name, path.as_deref())?;
                    let Some(first) = symbols.first() else {
                        return Err(ToolError::new(format!(
                            "no definition named `{name}` in the code graph; find_symbol lists names by prefix"
                        )));
                    };
                    graph.impact_of_symbol(first.id, depth)?
                }
                (None, Some(path)) => graph.impact_of_file(path, depth)?,
                (None, None) => return Err(ToolError::new("give `name` or `path`")),
            };
            Ok(impact)
        })
        .await?;
        Ok(Json(ImpactResult {
            target,
            files: result.files,
            reached: result
                .entries
                .iter()
                .map(|e| ImpactItem {
                    symbol: e.symbol.as_ref().map(GraphSymbolEntry::of),
                    path: e.path.clone(),
                    depth: e.depth,
                })
                .collect(),
            complete: result.complete,
        }))
    }
}
