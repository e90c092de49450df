//! The providers against the fake model server on 127.0.0.1, through real HTTP: every wire
//! format and preset style, the key headers, retries on 429 (honouring Retry-After), 5xx and
//! dropped connections, and the errors a user must be able to act on (401 names the variable,
//! 404 names the model, a refused connection names the URL). Plus the SQLite response cache.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use rlm_engine::providers::config::EndpointConfig;
use rlm_engine::providers::fake_server::{FakeReply, FakeServer, Script};
use rlm_engine::providers::price::Price;
use rlm_engine::providers::{
    ChatModel, ChatParams, ChatRequest, ChatResponse, Message, ProviderError, ProvidersConfig,
    ResponseCache, Usage, WireFormat, build_model,
};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn config(provider: &str, base_url: &str, key: Option<&str>) -> ProvidersConfig {
    let mut config = ProvidersConfig {
        retry_base_ms: 10,
        max_retries: 3,
        timeout_secs: 5,
        connect_timeout_secs: 2,
        ..ProvidersConfig::default()
    };
    config.endpoints.insert(
        provider.to_string(),
        EndpointConfig {
            base_url: Some(base_url.to_string()),
            api_key: key.map(str::to_string),
            ..EndpointConfig::default()
        },
    );
    config
}

fn request() -> ChatRequest {
    ChatRequest {
        messages: vec![Message::system("be brief"), Message::user("hello")],
        params: ChatParams::default(),
    }
}

async fn chat(model: &Arc<dyn ChatModel>) -> Result<ChatResponse, ProviderError> {
    model.chat(&request()).await
}

#[tokio::test]
async fn every_wire_format_round_trips_text_usage_and_key_header() {
    // (model string, provider section, base path, wire, header carrying the key, its value)
    let cases = [
        (
            "openai:gpt-4o-mini",
            "openai",
            "/v1",
            WireFormat::OpenAi,
            "authorization",
            "Bearer k-123",
        ),
        (
            "groq:llama-3.3-70b",
            "groq",
            "/openai/v1",
            WireFormat::OpenAi,
            "authorization",
            "Bearer k-123",
        ),
        (
            "azure:my-deploy",
            "azure",
            "",
            WireFormat::OpenAi,
            "api-key",
            "k-123",
        ),
        (
            "anthropic:claude-sonnet-4-5",
            "anthropic",
            "/v1",
            WireFormat::Anthropic,
            "x-api-key",
            "k-123",
        ),
        (
            "gemini:gemini-2.5-flash",
            "gemini",
            "/v1beta",
            WireFormat::Gemini,
            "x-goog-api-key",
            "k-123",
        ),
        (
            "ollama:qwen3:8b",
            "ollama",
            "",
            WireFormat::Ollama,
            "authorization",
            "Bearer k-123",
        ),
    ];
    for (spec, provider, base_path, wire, header, value) in cases {
        let server = FakeServer::start(Arc::new(
            |r: &rlm_engine::providers::fake_server::RecordedRequest| {
                FakeReply::TextWithUsage(
                    format!("hi from {}", r.model),
                    Usage {
                        input_tokens: 1_000_000,
                        output_tokens: 1_000_000,
                    },
                )
            },
        ))
        .unwrap();
        let base = format!("{}{base_path}", server.base_url());
        let model = build_model(spec, &config(provider, &base, Some("k-123")), None).unwrap();
        let reply = chat(&model).await.unwrap();
        let expected_model = spec.split_once(':').unwrap().1;
        assert_eq!(reply.text, format!("hi from {expected_model}"), "{spec}");
        assert_eq!(
            reply.usage,
            Usage {
                input_tokens: 1_000_000,
                output_tokens: 1_000_000
            }
        );
        let seen = server.requests();
        assert_eq!(seen.len(), 1, "{spec}");
        assert_eq!(seen[0].wire, Some(wire), "{spec}");
        assert_eq!(seen[0].header(header), Some(value), "{spec}");
        assert_eq!(seen[0].last_user, "hello", "{spec}");
        assert_eq!(seen[0].system, "be brief", "{spec}");
        if provider == "azure" {
            assert_eq!(
                seen[0].path,
                "/openai/deployments/my-deploy/chat/completions?api-version=2024-10-21"
            );
        }
        if provider == "anthropic" {
            assert_eq!(seen[0].header("anthropic-version"), Some("2023-06-01"));
        }
    }
}

#[tokio::test]
async fn cost_comes_from_the_price_table_and_config_overrides_it() {
    let server = FakeServer::start(Arc::new(
        |_: &rlm_engine::providers::fake_server::RecordedRequest| {
            FakeReply::TextWithUsage(
                "ok".into(),
                Usage {
                    input_tokens: 1_000_000,
                    output_tokens: 100_000,
                },
            )
        },
    ))
    .unwrap();
    let base = format!("{}/v1", server.base_url());
    let mut cfg = config("openai", &base, Some("k"));
    let model = build_model("openai:gpt-4o", &cfg, None).unwrap();
    let reply = chat(&model).await.unwrap();
    assert_eq!(reply.cost_usd, Some(2.5 + 1.0));
    cfg.prices.insert(
        "openai:gpt-4o".into(),
        Price {
            input_per_mtok: 1.0,
            output_per_mtok: 10.0,
        },
    );
    let model = build_model("openai:gpt-4o", &cfg, None).unwrap();
    assert_eq!(chat(&model).await.unwrap().cost_usd, Some(2.0));
}

#[tokio::test]
async fn rate_limit_429_is_retried_after_the_retry_after_delay() {
    let script = Script::new().replies(
        "gpt-4o",
        [
            FakeReply::Status {
                status: 429,
                body: r#"{"error":{"message":"slow down"}}"#.into(),
                headers: vec![("retry-after".into(), "1".into())],
            },
            FakeReply::text("finally"),
        ],
    );
    let server = FakeServer::scripted(script).unwrap();
    let model = build_model(
        "openai:gpt-4o",
        &config("openai", &format!("{}/v1", server.base_url()), Some("k")),
        None,
    )
    .unwrap();
    let started = Instant::now();
    let reply = chat(&model).await.unwrap();
    assert_eq!(reply.text, "finally");
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn server_error_forever_gives_up_after_the_retries_with_the_body() {
    let server = FakeServer::start(Arc::new(
        |_: &rlm_engine::providers::fake_server::RecordedRequest| {
            FakeReply::status(500, r#"{"error":{"message":"overloaded"}}"#)
        },
    ))
    .unwrap();
    let model = build_model(
        "openai:gpt-4o",
        &config("openai", &format!("{}/v1", server.base_url()), Some("k")),
        None,
    )
    .unwrap();
    let err = chat(&model).await.unwrap_err();
    assert_eq!(
        err,
        ProviderError::RetriesExhausted {
            provider: "openai".into(),
            attempts: 4,
            status: 500,
            body: "overloaded".into()
        }
    );
    assert_eq!(server.requests().len(), 4);
}

#[tokio::test]
async fn unauthorized_names_the_variable_to_set() {
    let server = FakeServer::start(Arc::new(|_: &rlm_engine::providers::fake_server::RecordedRequest| {
        FakeReply::status(401, r#"{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}"#)
    }))
    .unwrap();
    let model = build_model(
        "anthropic:claude-sonnet-4-5",
        &config(
            "anthropic",
            &format!("{}/v1", server.base_url()),
            Some("wrong-key"),
        ),
        None,
    )
    .unwrap();
    let err = chat(&model).await.unwrap_err().to_string();
    assert_eq!(
        err,
        "anthropic rejected the API key (HTTP 401): set ANTHROPIC_API_KEY to a valid key (or `api_key_env` under [providers.anthropic] in rlm.toml)"
    );
    assert!(!err.contains("wrong-key"));
    assert_eq!(server.requests().len(), 1, "401 is not retried");
}

#[tokio::test]
async fn not_found_names_the_model() {
    let server = FakeServer::start(Arc::new(
        |_: &rlm_engine::providers::fake_server::RecordedRequest| {
            FakeReply::status(404, r#"{"error":"model 'qwen9:1b' not found"}"#)
        },
    ))
    .unwrap();
    let model = build_model(
        "ollama:qwen9:1b",
        &config("ollama", &server.base_url(), None),
        None,
    )
    .unwrap();
    let err = chat(&model).await.unwrap_err();
    assert_eq!(
        err,
        ProviderError::ModelNotFound {
            provider: "ollama".into(),
            model: "qwen9:1b".into(),
            url: format!("{}/api/chat", server.base_url())
        }
    );
}

#[tokio::test]
async fn malformed_json_is_a_clear_error() {
    let server = FakeServer::start(Arc::new(
        |_: &rlm_engine::providers::fake_server::RecordedRequest| {
            FakeReply::Raw("{\"choices\": [".into())
        },
    ))
    .unwrap();
    let model = build_model(
        "openai-compatible:http://127.0.0.1:1/v1#m",
        &config(
            "openai-compatible",
            &format!("{}/v1", server.base_url()),
            None,
        ),
        None,
    )
    .unwrap();
    let err = chat(&model).await.unwrap_err().to_string();
    assert!(
        err.starts_with(
            "openai-compatible sent a response that is not what its API promises: not JSON"
        ),
        "{err}"
    );
}

#[tokio::test]
async fn a_dropped_connection_is_retried_then_reported() {
    let script = Script::new().replies("m", [FakeReply::Drop, FakeReply::text("second try")]);
    let server = FakeServer::scripted(script).unwrap();
    let cfg = config("vllm", &format!("{}/v1", server.base_url()), None);
    let model = build_model("vllm:m", &cfg, None).unwrap();
    assert_eq!(chat(&model).await.unwrap().text, "second try");

    let always = FakeServer::start(Arc::new(
        |_: &rlm_engine::providers::fake_server::RecordedRequest| FakeReply::Drop,
    ))
    .unwrap();
    let cfg = config("vllm", &format!("{}/v1", always.base_url()), None);
    let model = build_model("vllm:m", &cfg, None).unwrap();
    let err = chat(&model).await.unwrap_err();
    assert!(
        matches!(&err, ProviderError::Transport { url, .. } if url == &format!("{}/v1/chat/completions", always.base_url())),
        "{err}"
    );
    assert_eq!(always.requests().len(), 4);
}

#[tokio::test]
async fn connection_refused_names_the_url_and_how_to_start_a_server() {
    // Bind then drop a listener: a loopback port with nothing behind it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}/v1");
    let model = build_model("llamacpp:qwen", &config("llamacpp", &base, None), None).unwrap();
    let err = chat(&model).await.unwrap_err().to_string();
    assert!(
        err.starts_with(&format!("cannot connect to {base}/chat/completions: ")),
        "{err}"
    );
    assert!(err.contains("Is the server running?"), "{err}");
}

#[test]
fn hosted_provider_without_key_fails_before_any_request() {
    let mut cfg = ProvidersConfig::default();
    cfg.endpoints.insert(
        "mistral".into(),
        EndpointConfig {
            api_key_env: Some("RLM_TEST_SURELY_UNSET_KEY".into()),
            ..EndpointConfig::default()
        },
    );
    let err = build_model("mistral:mistral-small", &cfg, None)
        .err()
        .unwrap();
    assert_eq!(
        err.to_string(),
        "no API key for mistral: set the environment variable RLM_TEST_SURELY_UNSET_KEY"
    );
}

#[tokio::test]
async fn cache_replays_a_reply_without_a_request_and_without_cost() {
    let server = FakeServer::start(Arc::new(
        |r: &rlm_engine::providers::fake_server::RecordedRequest| {
            FakeReply::text(format!("answer to {}", r.last_user))
        },
    ))
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cache = Arc::new(ResponseCache::open(&dir.path().join("c.sqlite")).unwrap());
    let cfg = config("openai", &format!("{}/v1", server.base_url()), Some("k"));
    let model = build_model("openai:gpt-4o-mini", &cfg, Some(Arc::clone(&cache))).unwrap();
    let first = chat(&model).await.unwrap();
    let second = chat(&model).await.unwrap();
    assert_eq!((first.cached, second.cached), (false, true));
    assert_eq!(first.text, second.text);
    assert_eq!(second.cost_usd, Some(0.0));
    assert_eq!(server.requests().len(), 1);
    // Other parameters are another key.
    let mut other = request();
    other.params.max_tokens = 7;
    model.chat(&other).await.unwrap();
    assert_eq!(server.requests().len(), 2);
    assert_eq!(cache.len().unwrap(), 2);
    // The cache survives a reopen.
    drop(model);
    let reopened = Arc::new(ResponseCache::open(cache.path()).unwrap());
    let model = build_model("openai:gpt-4o-mini", &cfg, Some(reopened)).unwrap();
    assert!(chat(&model).await.unwrap().cached);
    assert_eq!(server.requests().len(), 2);
}
