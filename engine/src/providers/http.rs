//! [`HttpModel`]: the one [`ChatModel`] implementation that talks to a server. It resolves the
//! endpoint and key once (so a missing key fails before any work starts), then sends each
//! request with a per-attempt timeout and retries 429, 5xx and broken connections with
//! exponential backoff and full jitter, honouring `Retry-After`. Errors name what to fix: the
//! variable to set on 401, the model on 404, the URL when nothing listens. Keys travel only in
//! request headers and are never logged.

use super::config::{EndpointConfig, ProvidersConfig};
use super::price::{Price, price_of};
use super::spec::{KeyHeader, ModelSpec, WireFormat};
use super::wire;
use super::{ApiKey, BoxFuture, ChatModel, ChatRequest, ChatResponse, ProviderError};
use std::time::Duration;

/// Azure OpenAI's `api-version` when neither config nor `AZURE_OPENAI_API_VERSION` sets one.
const AZURE_DEFAULT_API_VERSION: &str = "2024-10-21";
/// The longest single wait between attempts, whatever `Retry-After` asks for.
const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// A model reached over HTTP.
#[derive(Debug)]
pub struct HttpModel {
    name: String,
    provider: &'static str,
    model: String,
    wire: WireFormat,
    url: String,
    key: Option<ApiKey>,
    key_header: KeyHeader,
    key_env: String,
    price: Option<Price>,
    client: reqwest::Client,
    max_retries: u32,
    retry_base: Duration,
    timeout_secs: u64,
}

impl HttpModel {
    /// Resolves the endpoint, the key and the price for `spec`.
    pub fn new(spec: ModelSpec, config: &ProvidersConfig) -> Result<HttpModel, ProviderError> {
        let preset = spec.preset;
        let endpoint = config
            .endpoints
            .get(preset.name)
            .cloned()
            .unwrap_or_default();
        let key_env = endpoint
            .api_key_env
            .clone()
            .unwrap_or_else(|| preset.key_env.to_string());
        let key = resolve_key(preset.name, &endpoint, &key_env);
        if preset.key_required && key.is_none() {
            return Err(ProviderError::MissingKey {
                provider: preset.name.to_string(),
                env_var: key_env,
            });
        }
        let base = resolve_base_url(&spec, &endpoint)?;
        let url = request_url(preset.wire, preset.name, &base, &spec.model, &endpoint);
        let client = reqwest::Client::builder()
            .use_rustls_tls()
            .connect_timeout(Duration::from_secs(config.connect_timeout_secs.max(1)))
            .timeout(Duration::from_secs(config.timeout_secs.max(1)))
            .user_agent(concat!("rlm/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ProviderError::Transport {
                url: url.clone(),
                reason: format!("cannot build the HTTP client: {e}"),
            })?;
        Ok(HttpModel {
            name: spec.canonical(),
            provider: preset.name,
            price: price_of(preset.name, &spec.model, config),
            model: spec.model,
            wire: preset.wire,
            url,
            key,
            key_header: preset.key_header,
            key_env,
            client,
            max_retries: config.max_retries,
            retry_base: Duration::from_millis(config.retry_base_ms),
            timeout_secs: config.timeout_secs,
        })
    }

    /// The URL requests go to (no key in it).
    pub fn url(&self) -> &str {
        &self.url
    }

    async fn send(&self, request: &ChatRequest) -> Result<ChatResponse, ProviderError> {
        let body = wire::request_body(self.wire, self.provider, &self.model, request);
        let mut attempt = 0u32;
        loop {
            let outcome = self.attempt(&body).await;
            let retry_after = match outcome {
                Attempt::Done(result) => return result,
                Attempt::Retry {
                    retry_after,
                    error,
                } => {
                    if attempt >= self.max_retries {
                        return Err(error);
                    }
                    tracing::debug!(provider = self.provider, attempt, "retrying: {error}");
                    retry_after
                }
            };
            let wait = retry_after.unwrap_or_else(|| backoff(self.retry_base, attempt));
            tokio::time::sleep(wait.min(MAX_BACKOFF)).await;
            attempt += 1;
        }
    }

    async fn attempt(&self, body: &serde_json::Value) -> Attempt {
        let mut builder = self.client.post(&self.url).json(body);
        if let Some(key) = &self.key {
            builder = match self.key_header {
                KeyHeader::Bearer => builder.bearer_auth(key.expose()),
                KeyHeader::Named(header) => builder.header(header, key.expose()),
            };
        }
        if self.wire == WireFormat::Anthropic {
            builder = builder.header("anthropic-version", "2023-06-01");
        }
        let response = match builder.send().await {
            Ok(response) => response,
            Err(e) => return self.transport_error(&e),
        };
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        let text = match response.text().await {
            Ok(text) => text,
            Err(e) => return self.transport_error(&e),
        };
        match status {
            200..=299 => Attempt::Done(self.parse(&text)),
            401 | 403 => Attempt::Done(Err(ProviderError::Auth {
                provider: self.provider.to_string(),
                status,
                env_var: self.key_env.clone(),
            })),
            404 => Attempt::Done(Err(ProviderError::ModelNotFound {
                provider: self.provider.to_string(),
                model: self.model.clone(),
                url: self.url.clone(),
            })),
            429 | 500..=599 => Attempt::Retry {
                retry_after,
                error: ProviderError::RetriesExhausted {
                    provider: self.provider.to_string(),
                    attempts: self.max_retries + 1,
                    status,
                    body: wire::error_message(&text),
                },
            },
            _ => Attempt::Done(Err(ProviderError::Http {
                provider: self.provider.to_string(),
                status,
                body: wire::error_message(&text),
            })),
        }
    }

    fn parse(&self, text: &str) -> Result<ChatResponse, ProviderError> {
        let malformed = |message: String| ProviderError::Malformed {
            provider: self.provider.to_string(),
            message,
        };
        let json: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| malformed(format!("not JSON ({e}): {}", wire::error_message(text))))?;
        let parsed = wire::parse_response(self.wire, &json).map_err(malformed)?;
        let cost_usd = parsed
            .cost_usd
            .or_else(|| self.price.map(|p| p.cost(parsed.usage)));
        Ok(ChatResponse {
            text: parsed.text,
            usage: parsed.usage,
            cost_usd,
            cached: false,
        })
    }

    fn transport_error(&self, e: &reqwest::Error) -> Attempt {
        let reason = error_chain(e);
        if e.is_connect() {
            // Nothing listens: retrying a refused connection only delays the message the
            // user needs.
            return Attempt::Done(Err(ProviderError::Connect {
                provider: self.provider.to_string(),
                url: self.url.clone(),
                reason,
            }));
        }
        let error = if e.is_timeout() {
            ProviderError::Timeout {
                provider: self.provider.to_string(),
                url: self.url.clone(),
                secs: self.timeout_secs,
            }
        } else {
            ProviderError::Transport {
                url: self.url.clone(),
                reason,
            }
        };
        Attempt::Retry {
            retry_after: None,
            error,
        }
    }
}

impl ChatModel for HttpModel {
    fn name(&self) -> &str {
        &self.name
    }

    fn chat<'a>(
        &'a self,
        request: &'a ChatRequest,
    ) -> BoxFuture<'a, Result<ChatResponse, ProviderError>> {
        Box::pin(self.send(request))
    }
}

enum Attempt {
    Done(Result<ChatResponse, ProviderError>),
    Retry {
        retry_after: Option<Duration>,
        error: ProviderError,
    },
}

fn resolve_key(provider: &str, endpoint: &EndpointConfig, key_env: &str) -> Option<ApiKey> {
    if let Some(key) = endpoint.api_key.as_ref().filter(|k| !k.is_empty()) {
        return Some(ApiKey::new(key.clone()));
    }
    let from_env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    from_env(key_env)
        .or_else(|| (provider == "gemini").then(|| from_env("GOOGLE_API_KEY")).flatten())
        .map(|v| ApiKey::new(v.trim()))
}

fn resolve_base_url(spec: &ModelSpec, endpoint: &EndpointConfig) -> Result<String, ProviderError> {
    let from_env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let base = endpoint
        .base_url
        .clone()
        .or_else(|| spec.base_url.clone())
        .or_else(|| match spec.preset.name {
            "azure" => from_env("AZURE_OPENAI_ENDPOINT"),
            "ollama" => from_env("OLLAMA_HOST").map(|h| {
                if h.starts_with("http") {
                    h
                } else {
                    format!("http://{h}")
                }
            }),
            _ => None,
        })
        .unwrap_or_else(|| spec.preset.base_url.to_string());
    if base.is_empty() {
        return Err(ProviderError::BadSpec {
            spec: spec.canonical(),
            message: "no endpoint: set AZURE_OPENAI_ENDPOINT (https://NAME.openai.azure.com) or base_url under [providers.azure]".into(),
        });
    }
    Ok(base.trim_end_matches('/').to_string())
}

/// The full request URL for a provider.
pub fn request_url(
    wire: WireFormat,
    provider: &str,
    base: &str,
    model: &str,
    endpoint: &EndpointConfig,
) -> String {
    match wire {
        WireFormat::OpenAi if provider == "azure" => {
            let version = endpoint
                .api_version
                .clone()
                .or_else(|| std::env::var("AZURE_OPENAI_API_VERSION").ok())
                .unwrap_or_else(|| AZURE_DEFAULT_API_VERSION.to_string());
            format!("{base}/openai/deployments/{model}/chat/completions?api-version={version}")
        }
        WireFormat::OpenAi => format!("{base}/chat/completions"),
        WireFormat::Anthropic => format!("{base}/messages"),
        WireFormat::Gemini => format!("{base}/models/{model}:generateContent"),
        WireFormat::Ollama => format!("{base}/api/chat"),
    }
}

/// Full jitter: a uniform wait in `[0, base * 2^attempt]`, capped.
fn backoff(base: Duration, attempt: u32) -> Duration {
    let ceiling = base
        .saturating_mul(1u32 << attempt.min(16))
        .min(Duration::from_secs(30));
    let millis = ceiling.as_millis() as u64;
    Duration::from_millis(fastrand::u64(0..=millis))
}

/// `Retry-After` as seconds or as an HTTP date.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<f64>() {
        return (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(
        when.duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = s.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        assert_eq!(parse_retry_after("2"), Some(Duration::from_secs(2)));
        assert_eq!(parse_retry_after("0.5"), Some(Duration::from_millis(500)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn backoff_stays_within_the_doubling_ceiling() {
        for attempt in 0..6 {
            let wait = backoff(Duration::from_millis(100), attempt);
            assert!(wait <= Duration::from_millis(100 << attempt), "{wait:?}");
        }
    }

    #[test]
    fn azure_url_carries_deployment_and_api_version() {
        let endpoint = EndpointConfig {
            api_version: Some("2025-01-01".into()),
            ..EndpointConfig::default()
        };
        assert_eq!(
            request_url(WireFormat::OpenAi, "azure", "https://r.openai.azure.com", "dep", &endpoint),
            "https://r.openai.azure.com/openai/deployments/dep/chat/completions?api-version=2025-01-01"
        );
        assert_eq!(
            request_url(WireFormat::Gemini, "gemini", "https://g/v1beta", "gemini-2.5-flash", &endpoint),
            "https://g/v1beta/models/gemini-2.5-flash:generateContent"
        );
    }

    #[test]
    fn api_key_never_shows_in_debug_output() {
        let key = ApiKey::new("sk-secret-123");
        assert_eq!(format!("{key:?} {key}"), "ApiKey(***) ***");
    }
}
