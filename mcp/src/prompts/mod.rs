//! Prompts: ready-made starting points a user picks in their agent ("security-audit",
//! "explain-module", "find-bug"), one file each, listed in [`PROMPTS`].
//!
//! A prompt is a user message that tells the model how to work with this server's tools on the
//! task; its arguments are substituted into the text. Unknown prompts and missing required
//! arguments are JSON-RPC "invalid params" errors, as the specification asks.

mod explain_module;
mod find_bug;
mod security_audit;

use rmcp::ErrorData;
use rmcp::model::{
    GetPromptResult, JsonObject, ListPromptsResult, Prompt, PromptArgument, PromptMessage, Role,
};
use std::collections::BTreeMap;

/// One argument of a prompt.
pub struct ArgumentSpec {
    pub name: &'static str,
    pub description: &'static str,
    pub required: bool,
}

/// One prompt: what a client lists, and how its text is made from the arguments.
pub struct PromptSpec {
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub arguments: &'static [ArgumentSpec],
    pub render: fn(&BTreeMap<&str, String>) -> String,
}

/// Every prompt the server offers.
pub const PROMPTS: &[&PromptSpec] = &[
    &security_audit::PROMPT,
    &explain_module::PROMPT,
    &find_bug::PROMPT,
];

/// `prompts/list`.
pub fn list() -> ListPromptsResult {
    ListPromptsResult::with_all_items(
        PROMPTS
            .iter()
            .map(|spec| {
                Prompt::new(
                    spec.name,
                    Some(spec.description),
                    Some(
                        spec.arguments
                            .iter()
                            .map(|a| {
                                PromptArgument::new(a.name)
                                    .with_description(a.description)
                                    .with_required(a.required)
                            })
                            .collect(),
                    ),
                )
                .with_title(spec.title)
            })
            .collect(),
    )
}

/// `prompts/get`.
pub fn get(name: &str, arguments: JsonObject) -> Result<GetPromptResult, ErrorData> {
    let Some(spec) = PROMPTS.iter().find(|p| p.name == name) else {
        let names: Vec<&str> = PROMPTS.iter().map(|p| p.name).collect();
        return Err(ErrorData::invalid_params(
            format!("unknown prompt {name:?}; available: {}", names.join(", ")),
            None,
        ));
    };
    let mut values = BTreeMap::new();
    for (key, value) in &arguments {
        let Some(arg) = spec.arguments.iter().find(|a| a.name == key) else {
            return Err(ErrorData::invalid_params(
                format!(
                    "prompt {name:?} has no argument {key:?}; its arguments: {}",
                    spec.arguments
                        .iter()
                        .map(|a| a.name)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                None,
            ));
        };
        let Some(text) = value.as_str() else {
            return Err(ErrorData::invalid_params(
                format!("argument {key:?} of prompt {name:?} must be a string"),
                None,
            ));
        };
        if !text.trim().is_empty() {
            values.insert(arg.name, text.trim().to_string());
        }
    }
    if let Some(missing) = spec
        .arguments
        .iter()
        .find(|a| a.required && !values.contains_key(a.name))
    {
        return Err(ErrorData::invalid_params(
            format!(
                "prompt {name:?} needs the argument {:?}: {}",
                missing.name, missing.description
            ),
            None,
        ));
    }
    Ok(GetPromptResult::new(vec![PromptMessage::new_text(
        Role::User,
        (spec.render)(&values),
    )])
    .with_description(spec.description))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn get_refuses_a_missing_required_argument() {
        let err = get("explain-module", JsonObject::new()).unwrap_err();
        assert_eq!(
            err.message,
            "prompt \"explain-module\" needs the argument \"path\": The file or folder to explain, relative to the workspace root, e.g. \"src/index\""
        );
    }

    #[test]
    fn get_refuses_an_unknown_prompt() {
        let err = get("fix-everything", JsonObject::new()).unwrap_err();
        assert_eq!(
            err.message,
            "unknown prompt \"fix-everything\"; available: security-audit, explain-module, find-bug"
        );
    }
}
