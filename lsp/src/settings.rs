//! The server's settings: defaults, then what the editor sends in `initializationOptions` and
//! `workspace/didChangeConfiguration` (either flat or under an `rlm` key, as VS Code and Neovim
//! send them), merged key by key. Index settings layer over the workspace's `rlm.toml`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Settings of one server session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Settings {
    /// Quiet time after the last edit or file event before the index is updated.
    pub debounce_ms: u64,
    /// How many reference locations a hover lists.
    pub hover_locations: usize,
    /// How many indexed chunks a hover or a references request scans for uses.
    pub reference_chunk_budget: usize,
    /// Whether unsaved buffers are indexed in place of the files on disk.
    pub index_unsaved: bool,
    /// Index settings layered over `[index]` of `rlm.toml`.
    pub index: IndexOverrides,
    /// Security rules layered over `[audit]` of `rlm.toml`.
    pub audit: AuditOverrides,
    /// RLM questions: models and budgets over `[rlm]` of `rlm.toml`.
    pub ask: AskSettings,
}

/// `ask.*` keys: models and budgets of "Ask RLM", over `[rlm]` and `RLM_MODEL`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct AskSettings {
    /// The root model, e.g. `openai:gpt-4o-mini`, `ollama:qwen3:8b`.
    pub model: Option<String>,
    /// The sub model for `llm_query` (default: the root model).
    pub sub_model: Option<String>,
    pub max_iterations: Option<u32>,
    pub max_cost_usd: Option<f64>,
    pub max_time_secs: Option<u64>,
}

/// `audit.*` keys: layered over the workspace's `[audit]` section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct AuditOverrides {
    /// Whether findings are shown at all.
    pub enabled: bool,
    /// Extra rule selections (ids, `prefix/*`, `category:NAME`), on top of `audit.enable`.
    pub enable: Vec<String>,
    /// Rules never run, on top of `audit.disable`.
    pub disable: Vec<String>,
}

impl Default for AuditOverrides {
    fn default() -> Self {
        AuditOverrides {
            enabled: true,
            enable: Vec::new(),
            disable: Vec::new(),
        }
    }
}

/// `index.*` keys: layered over the workspace's `[index]` section.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct IndexOverrides {
    pub max_file_size: Option<u64>,
    /// Extra globs never indexed, on top of `index.exclude`.
    pub exclude: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            debounce_ms: 300,
            hover_locations: 5,
            reference_chunk_budget: 400,
            index_unsaved: true,
            index: IndexOverrides::default(),
            audit: AuditOverrides::default(),
            ask: AskSettings::default(),
        }
    }
}

/// A settings value the server cannot use.
#[derive(Debug, thiserror::Error)]
#[error(
    "invalid rlm settings: {0}. Fix the editor's rlm settings; the previous ones stay in effect"
)]
pub struct SettingsError(String);

impl Settings {
    /// `self` with the keys present in `value` replaced. `null` and `{}` change nothing.
    pub fn merged(&self, value: &Value) -> Result<Settings, SettingsError> {
        let value = match value.get("rlm") {
            Some(inner) => inner,
            None => value,
        };
        if value.is_null() {
            return Ok(self.clone());
        }
        let Some(incoming) = value.as_object() else {
            return Err(SettingsError(format!("expected an object, got {value}")));
        };
        let mut base = serde_json::to_value(self).map_err(|e| SettingsError(e.to_string()))?;
        merge(&mut base, &Value::Object(incoming.clone()));
        serde_json::from_value(base).map_err(|e| SettingsError(e.to_string()))
    }
}

fn merge(base: &mut Value, incoming: &Value) {
    match (base, incoming) {
        (Value::Object(base), Value::Object(incoming)) => {
            for (key, value) in incoming {
                match base.get_mut(key) {
                    Some(existing) if existing.is_object() && value.is_object() => {
                        merge(existing, value)
                    }
                    _ => {
                        base.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (base, incoming) => *base = incoming.clone(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use serde_json::json;

    #[test]
    fn settings_merge_key_by_key_from_flat_or_nested_values() {
        let base = Settings::default();
        let nested = base
            .merged(&json!({"rlm": {"debounceMs": 50, "index": {"exclude": ["gen/**"]}}}))
            .unwrap();
        assert_eq!(
            nested,
            Settings {
                debounce_ms: 50,
                index: IndexOverrides {
                    max_file_size: None,
                    exclude: vec!["gen/**".into()]
                },
                ..Settings::default()
            }
        );
        let flat = nested.merged(&json!({"hoverLocations": 2})).unwrap();
        assert_eq!(flat.hover_locations, 2);
        assert_eq!(flat.debounce_ms, 50);
        assert_eq!(flat.index.exclude, vec!["gen/**".to_string()]);
        assert_eq!(flat.merged(&Value::Null).unwrap(), flat);
    }

    #[test]
    fn settings_reject_unknown_keys_and_wrong_types() {
        let base = Settings::default();
        let typo = base.merged(&json!({"debounceMS": 5})).unwrap_err();
        assert!(
            typo.to_string().contains("unknown field `debounceMS`"),
            "{typo}"
        );
        let wrong = base.merged(&json!({"debounceMs": "soon"})).unwrap_err();
        assert!(wrong.to_string().contains("invalid type"), "{wrong}");
        assert!(base.merged(&json!(3)).is_err());
    }
}
