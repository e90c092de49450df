//! Model strings and provider presets: `provider:model`, where the provider is one of the
//! [`PRESETS`] and the model is whatever that service calls it (`ollama:qwen3:8b` keeps its
//! second colon). `openai-compatible:URL#model` reaches any server that speaks OpenAI chat
//! completions without a preset; `azure:DEPLOYMENT` names an Azure OpenAI deployment.

use super::ProviderError;
use serde::Serialize;

/// The four request/response formats the providers speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WireFormat {
    /// `POST {base}/chat/completions` (OpenAI and the services that copy it).
    OpenAi,
    /// `POST {base}/messages` with `x-api-key` and `anthropic-version`.
    Anthropic,
    /// `POST {base}/models/{model}:generateContent` with `x-goog-api-key`.
    Gemini,
    /// `POST {base}/api/chat` (Ollama's native API, no streaming).
    Ollama,
}

/// How the key travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyHeader {
    /// `Authorization: Bearer KEY`.
    Bearer,
    /// A named header carrying the bare key (`api-key`, `x-api-key`, `x-goog-api-key`).
    Named(&'static str),
}

/// A named provider: where it lives and how it authenticates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    pub name: &'static str,
    pub wire: WireFormat,
    /// Default base URL; `[providers.NAME] base_url` overrides it.
    pub base_url: &'static str,
    /// Environment variable holding the key (`[providers.NAME] api_key_env` overrides it).
    pub key_env: &'static str,
    /// Local servers run without keys; hosted services refuse to start without one.
    pub key_required: bool,
    pub key_header: KeyHeader,
}

const fn preset(
    name: &'static str,
    wire: WireFormat,
    base_url: &'static str,
    key_env: &'static str,
    key_required: bool,
    key_header: KeyHeader,
) -> Preset {
    Preset {
        name,
        wire,
        base_url,
        key_env,
        key_required,
        key_header,
    }
}

use KeyHeader::{Bearer, Named};
use WireFormat::{Anthropic, Gemini, OpenAi, Ollama};

/// Every provider the model strings can name.
pub const PRESETS: &[Preset] = &[
    preset("openai", OpenAi, "https://api.openai.com/v1", "OPENAI_API_KEY", true, Bearer),
    // Azure's base URL is the resource endpoint; the deployment and api-version are added per
    // request (see `http::request_url`).
    preset("azure", OpenAi, "", "AZURE_OPENAI_API_KEY", true, Named("api-key")),
    preset("groq", OpenAi, "https://api.groq.com/openai/v1", "GROQ_API_KEY", true, Bearer),
    preset("together", OpenAi, "https://api.together.xyz/v1", "TOGETHER_API_KEY", true, Bearer),
    preset("fireworks", OpenAi, "https://api.fireworks.ai/inference/v1", "FIREWORKS_API_KEY", true, Bearer),
    preset("deepseek", OpenAi, "https://api.deepseek.com/v1", "DEEPSEEK_API_KEY", true, Bearer),
    preset("mistral", OpenAi, "https://api.mistral.ai/v1", "MISTRAL_API_KEY", true, Bearer),
    preset("openrouter", OpenAi, "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY", true, Bearer),
    preset("xai", OpenAi, "https://api.x.ai/v1", "XAI_API_KEY", true, Bearer),
    preset("vllm", OpenAi, "http://127.0.0.1:8000/v1", "VLLM_API_KEY", false, Bearer),
    preset("llamacpp", OpenAi, "http://127.0.0.1:8080/v1", "LLAMACPP_API_KEY", false, Bearer),
    preset("lmstudio", OpenAi, "http://127.0.0.1:1234/v1", "LMSTUDIO_API_KEY", false, Bearer),
    preset("localai", OpenAi, "http://127.0.0.1:8080/v1", "LOCALAI_API_KEY", false, Bearer),
    preset("ollama-openai", OpenAi, "http://127.0.0.1:11434/v1", "OLLAMA_API_KEY", false, Bearer),
    preset("openai-compatible", OpenAi, "", "OPENAI_COMPATIBLE_API_KEY", false, Bearer),
    preset("anthropic", Anthropic, "https://api.anthropic.com/v1", "ANTHROPIC_API_KEY", true, Named("x-api-key")),
    preset("gemini", Gemini, "https://generativelanguage.googleapis.com/v1beta", "GEMINI_API_KEY", true, Named("x-goog-api-key")),
    preset("ollama", Ollama, "http://127.0.0.1:11434", "OLLAMA_API_KEY", false, Bearer),
];

/// Other spellings people type for the same presets.
const ALIASES: &[(&str, &str)] = &[
    ("azure-openai", "azure"),
    ("llama.cpp", "llamacpp"),
    ("llama-cpp", "llamacpp"),
    ("lm-studio", "lmstudio"),
    ("google", "gemini"),
    ("grok", "xai"),
    ("claude", "anthropic"),
];

/// Looks a preset up by name or alias.
pub fn preset_named(name: &str) -> Option<&'static Preset> {
    let name = ALIASES
        .iter()
        .find(|(alias, _)| *alias == name)
        .map_or(name, |(_, target)| target);
    PRESETS.iter().find(|p| p.name == name)
}

/// A parsed model string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelSpec {
    pub preset: &'static Preset,
    /// The model as the provider names it (an Azure deployment name for `azure`).
    pub model: String,
    /// The base URL written in the string itself (`openai-compatible:URL#model`).
    pub base_url: Option<String>,
}

impl ModelSpec {
    /// Parses `provider:model` or `openai-compatible:URL#model`.
    pub fn parse(text: &str) -> Result<ModelSpec, ProviderError> {
        let bad = |message: String| ProviderError::BadSpec {
            spec: text.to_string(),
            message,
        };
        let text = text.trim();
        let Some((provider, rest)) = text.split_once(':') else {
            return Err(bad(format!(
                "expected PROVIDER:MODEL, e.g. openai:gpt-4o-mini or ollama:qwen3:8b (providers: {})",
                preset_names()
            )));
        };
        let preset = preset_named(provider).ok_or_else(|| {
            bad(format!("unknown provider `{provider}` (known: {})", preset_names()))
        })?;
        if preset.name == "openai-compatible" {
            let Some((url, model)) = rest.rsplit_once('#') else {
                return Err(bad(
                    "expected openai-compatible:URL#MODEL, e.g. openai-compatible:http://127.0.0.1:8080/v1#qwen2.5-coder".into(),
                ));
            };
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(bad(format!("`{url}` is not an http(s) URL")));
            }
            if model.is_empty() {
                return Err(bad("the model after `#` is empty".into()));
            }
            return Ok(ModelSpec {
                preset,
                model: model.to_string(),
                base_url: Some(url.trim_end_matches('/').to_string()),
            });
        }
        if rest.is_empty() {
            return Err(bad(format!("no model after `{provider}:`")));
        }
        Ok(ModelSpec {
            preset,
            model: rest.to_string(),
            base_url: None,
        })
    }

    /// The canonical string (`openai:gpt-4o`), used in traces, prices and the cache key.
    pub fn canonical(&self) -> String {
        match &self.base_url {
            Some(url) => format!("{}:{}#{}", self.preset.name, url, self.model),
            None => format!("{}:{}", self.preset.name, self.model),
        }
    }
}

fn preset_names() -> String {
    PRESETS.iter().map(|p| p.name).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: (&str, &str, Option<&str>)) {
        let spec = ModelSpec::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(
            (spec.preset.name, spec.model.as_str(), spec.base_url.as_deref()),
            expected
        );
    }

    #[test]
    fn model_strings_parse_into_preset_model_and_url() {
        check("openai:gpt-4o", ("openai", "gpt-4o", None));
        check("anthropic:claude-sonnet-4-5", ("anthropic", "claude-sonnet-4-5", None));
        check("ollama:qwen3:8b", ("ollama", "qwen3:8b", None));
        check(
            "openai-compatible:http://127.0.0.1:8080/v1/#my-model",
            ("openai-compatible", "my-model", Some("http://127.0.0.1:8080/v1")),
        );
        check("llama.cpp:qwen", ("llamacpp", "qwen", None));
        check("azure:my-deployment", ("azure", "my-deployment", None));
    }

    #[test]
    fn bad_model_strings_say_what_is_expected() {
        let err = |t: &str| ModelSpec::parse(t).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err("gpt-4o").contains("expected PROVIDER:MODEL"));
        assert!(err("foo:bar").contains("unknown provider `foo` (known: openai, azure"));
        assert!(err("openai:").contains("no model after `openai:`"));
        assert!(err("openai-compatible:http://x/v1").contains("expected openai-compatible:URL#MODEL"));
        assert!(err("openai-compatible:ftp://x#m").contains("is not an http(s) URL"));
    }

    #[test]
    fn every_preset_name_is_unique_and_hosted_ones_use_https() {
        let mut names: Vec<_> = PRESETS.iter().map(|p| p.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), PRESETS.len());
        for p in PRESETS.iter().filter(|p| p.key_required && !p.base_url.is_empty()) {
            assert!(p.base_url.starts_with("https://"), "{}", p.name);
        }
    }
}
