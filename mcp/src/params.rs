//! Tool arguments and tool errors.
//!
//! rmcp's own `Parameters` turns arguments that do not match the schema into a JSON-RPC
//! "invalid params" error. The MCP specification asks for input validation failures to be tool
//! results with `isError`, so that the model reads the message and corrects its call; this
//! extractor never fails the request, it hands the tool a `Result` whose error names the
//! expected arguments.

use rmcp::handler::server::common::{FromContextPart, schema_for_input};
use rmcp::handler::server::tool::ToolCallContext;
use rmcp::model::{ContentBlock, IntoContents};
use schemars::JsonSchema;
use serde::de::DeserializeOwned;

/// A tool failure the model can act on: becomes a result with `isError: true`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ToolError(pub String);

impl ToolError {
    pub fn new(message: impl Into<String>) -> ToolError {
        ToolError(message.into())
    }
}

impl IntoContents for ToolError {
    fn into_contents(self) -> Vec<ContentBlock> {
        vec![ContentBlock::text(self.0)]
    }
}

/// The arguments of a tool call, parsed into `P`, or the reason they could not be.
///
/// Named `Parameters` so that rmcp's `#[tool]` macro derives the input schema from `P`.
pub struct Parameters<P>(pub Result<P, ToolError>);

impl<P: JsonSchema> JsonSchema for Parameters<P> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        P::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        P::json_schema(generator)
    }
}

impl<S, P> FromContextPart<ToolCallContext<'_, S>> for Parameters<P>
where
    P: DeserializeOwned + JsonSchema + 'static,
{
    fn from_context_part(context: &mut ToolCallContext<'_, S>) -> Result<Self, rmcp::ErrorData> {
        let arguments = context.arguments.take().unwrap_or_default();
        let parsed = serde_json::from_value::<P>(serde_json::Value::Object(arguments))
            .map_err(|e| ToolError(format!("{e}. {}", expected_arguments::<P>())));
        Ok(Parameters(parsed))
    }
}

/// "Expected arguments: query (string, required), limit (integer)", from `P`'s schema.
pub(crate) fn expected_arguments<P: JsonSchema + 'static>() -> String {
    let Ok(schema) = schema_for_input::<P>() else {
        return "Check the arguments against the tool's input schema.".to_string();
    };
    let required: Vec<&str> = schema
        .get("required")
        .and_then(|r| r.as_array())
        .map(|r| r.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    let mut parts = Vec::new();
    if let Some(properties) = schema.get("properties").and_then(|p| p.as_object()) {
        for (name, property) in properties {
            let kind = match property.get("type") {
                Some(serde_json::Value::String(t)) => t.clone(),
                Some(serde_json::Value::Array(types)) => types
                    .iter()
                    .filter_map(|t| t.as_str())
                    .filter(|t| *t != "null")
                    .collect::<Vec<_>>()
                    .join("|"),
                _ => "any".to_string(),
            };
            let needed = if required.contains(&name.as_str()) {
                ", required"
            } else {
                ""
            };
            parts.push(format!("{name} ({kind}{needed})"));
        }
    }
    if parts.is_empty() {
        "This tool takes no arguments.".to_string()
    } else {
        format!("Expected arguments: {}.", parts.join(", "))
    }
}
