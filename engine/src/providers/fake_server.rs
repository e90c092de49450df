//! A fake model server on 127.0.0.1 for tests and the engine-overhead benchmark: the project's
//! one allowed mock, at the network edge. It speaks the real wire formats (OpenAI-compatible
//! chat completions including Azure's deployment URLs, Anthropic Messages, Gemini
//! `generateContent`, Ollama `/api/chat`), records every request it receives so tests can
//! inspect them (a 10M-token context must never appear in one), and answers from a handler the
//! test writes: a reply text, an HTTP status with headers (429 with `Retry-After`, 401, 500),
//! a malformed body, or a dropped connection.
//!
//! It runs on its own thread with its own single-threaded runtime, so sync tests, async tests
//! and the CLI can all use it; dropping the [`FakeServer`] stops it.

use super::Usage;
use super::spec::WireFormat;
use serde_json::{Value, json};
use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// One request as the server received it.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    pub method: String,
    /// Path and query, e.g. `/v1/chat/completions`.
    pub path: String,
    /// Header names lower-cased.
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// The wire format the path belongs to (`None` for a path no provider uses).
    pub wire: Option<WireFormat>,
    /// The model named by the body or the path (Gemini, Azure).
    pub model: String,
    /// The system prompt(s).
    pub system: String,
    /// The text of the last user message.
    pub last_user: String,
    /// Number of messages / contents in the body.
    pub message_count: usize,
    /// Requests being answered when this one arrived, itself included (concurrency checks).
    pub in_flight: usize,
}

impl RecordedRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What the server does with one request.
#[derive(Debug, Clone)]
pub enum FakeReply {
    /// A successful reply with this text, in the request's wire format; usage is counted at
    /// four characters per token.
    Text(String),
    /// A successful reply with explicit usage.
    TextWithUsage(String, Usage),
    /// Any status with a body and extra headers (`Retry-After`).
    Status {
        status: u16,
        body: String,
        headers: Vec<(String, String)>,
    },
    /// 200 with this raw body (not the format's JSON).
    Raw(String),
    /// Close the connection without answering.
    Drop,
    /// Wait, then reply.
    Delay(Duration, Box<FakeReply>),
}

impl FakeReply {
    pub fn text(text: impl Into<String>) -> FakeReply {
        FakeReply::Text(text.into())
    }
    pub fn status(status: u16, body: impl Into<String>) -> FakeReply {
        FakeReply::Status {
            status,
            body: body.into(),
            headers: Vec::new(),
        }
    }
}

/// Decides the reply to a request.
pub type Handler = Arc<dyn Fn(&RecordedRequest) -> FakeReply + Send + Sync>;

/// A scripted trajectory: replies queued per model, played in order; a request to a model
/// whose queue is empty goes to the fallback (by default a 500 saying the script ran out).
pub struct Script {
    queues: Mutex<HashMap<String, VecDeque<FakeReply>>>,
    fallback: Handler,
}

impl Script {
    pub fn new() -> Script {
        Script {
            queues: Mutex::new(HashMap::new()),
            fallback: Arc::new(|r: &RecordedRequest| {
                FakeReply::status(
                    500,
                    format!("fake server: script exhausted for model {}", r.model),
                )
            }),
        }
    }

    /// Queues replies for `model`.
    pub fn replies(self, model: &str, replies: impl IntoIterator<Item = FakeReply>) -> Script {
        if let Ok(mut queues) = self.queues.lock() {
            queues.entry(model.to_string()).or_default().extend(replies);
        }
        self
    }

    /// Answers requests no queue covers (sub-calls whose order is not fixed).
    pub fn fallback(
        mut self,
        handler: impl Fn(&RecordedRequest) -> FakeReply + Send + Sync + 'static,
    ) -> Script {
        self.fallback = Arc::new(handler);
        self
    }

    pub fn into_handler(self) -> Handler {
        Arc::new(move |request: &RecordedRequest| {
            let next = self
                .queues
                .lock()
                .ok()
                .and_then(|mut q| q.get_mut(&request.model).and_then(VecDeque::pop_front));
            next.unwrap_or_else(|| (self.fallback)(request))
        })
    }
}

impl Default for Script {
    fn default() -> Self {
        Script::new()
    }
}

/// A running fake server.
pub struct FakeServer {
    addr: SocketAddr,
    log: Arc<Mutex<Vec<RecordedRequest>>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl FakeServer {
    /// Starts a server on an ephemeral loopback port.
    pub fn start(handler: Handler) -> std::io::Result<FakeServer> {
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let log = Arc::new(Mutex::new(Vec::new()));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let thread_log = Arc::clone(&log);
        let thread = std::thread::Builder::new()
            .name("fake-model-server".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                        return;
                    };
                    let busy = Arc::new(std::sync::atomic::AtomicUsize::new(0));
                    let accept = async {
                        loop {
                            let Ok((stream, _)) = listener.accept().await else {
                                continue;
                            };
                            let handler = Arc::clone(&handler);
                            let log = Arc::clone(&thread_log);
                            let busy = Arc::clone(&busy);
                            tokio::spawn(serve_connection(stream, handler, log, busy));
                        }
                    };
                    tokio::select! {
                        _ = accept => {}
                        _ = stopped => {}
                    }
                });
            })?;
        Ok(FakeServer {
            addr,
            log,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// Starts a server that plays `script`.
    pub fn scripted(script: Script) -> std::io::Result<FakeServer> {
        FakeServer::start(script.into_handler())
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The spec that reaches this server as the OpenAI-compatible model `name` (for
    /// `RLM_MODEL`, `--root`, a face's model setting).
    pub fn model_spec(&self, name: &str) -> String {
        format!("openai-compatible:{}/v1#{name}", self.base_url())
    }

    /// Points the `openai-compatible` endpoint of `providers` here, so that a spec naming any
    /// host (`openai-compatible:http://fake/v1#root`) reaches this server.
    pub fn route_openai_compatible(&self, providers: &mut super::ProvidersConfig) {
        providers.endpoints.insert(
            "openai-compatible".into(),
            super::config::EndpointConfig {
                base_url: Some(format!("{}/v1", self.base_url())),
                ..Default::default()
            },
        );
    }

    /// Every request received so far, in arrival order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

async fn serve_connection(
    mut stream: tokio::net::TcpStream,
    handler: Handler,
    log: Arc<Mutex<Vec<RecordedRequest>>>,
    busy: Arc<std::sync::atomic::AtomicUsize>,
) {
    use std::sync::atomic::Ordering;
    let _ = stream.set_nodelay(true);
    let mut buffer: Vec<u8> = Vec::new();
    loop {
        let Some(mut request) = read_request(&mut stream, &mut buffer).await else {
            return;
        };
        request.in_flight = busy.fetch_add(1, Ordering::SeqCst) + 1;
        // Counts down however this reply ends (sent, dropped, or the task cancelled).
        let _answered = Countdown(Arc::clone(&busy));
        if let Ok(mut log) = log.lock() {
            log.push(request.clone());
        }
        let mut reply = handler(&request);
        while let FakeReply::Delay(wait, next) = reply {
            tokio::time::sleep(wait).await;
            reply = *next;
        }
        let (status, body, headers) = match reply {
            FakeReply::Drop | FakeReply::Delay(..) => {
                let _ = stream.shutdown().await;
                return;
            }
            FakeReply::Text(text) => {
                let usage = Usage {
                    input_tokens: (request.body.len() / 4) as u64,
                    output_tokens: (text.len() / 4).max(1) as u64,
                };
                (200, success_body(&request, &text, usage), Vec::new())
            }
            FakeReply::TextWithUsage(text, usage) => {
                (200, success_body(&request, &text, usage), Vec::new())
            }
            FakeReply::Status {
                status,
                body,
                headers,
            } => (status, body, headers),
            FakeReply::Raw(body) => (200, body, Vec::new()),
        };
        let mut head = format!(
            "HTTP/1.1 {status} {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: keep-alive\r\n",
            reason(status),
            body.len()
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        // One write, so Nagle and delayed ACKs never add 40 ms to a reply.
        head.push_str(&body);
        if stream.write_all(head.as_bytes()).await.is_err() {
            return;
        }
    }
}

struct Countdown(Arc<std::sync::atomic::AtomicUsize>);

impl Drop for Countdown {
    fn drop(&mut self) {
        self.0.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

async fn read_request(
    stream: &mut tokio::net::TcpStream,
    buffer: &mut Vec<u8>,
) -> Option<RecordedRequest> {
    let mut chunk = vec![0u8; 64 * 1024];
    let header_end = loop {
        if let Some(pos) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..header_end]).to_string();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split_whitespace();
    let method = first.next()?.to_string();
    let path = first.next()?.to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let body_start = header_end + 4;
    while buffer.len() < body_start + length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
    let body = String::from_utf8_lossy(&buffer[body_start..body_start + length]).to_string();
    buffer.drain(..body_start + length);
    Some(describe(method, path, headers, body))
}

fn describe(
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: String,
) -> RecordedRequest {
    let json: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    let bare = path.split('?').next().unwrap_or(&path);
    let wire = if bare.ends_with("/chat/completions") {
        Some(WireFormat::OpenAi)
    } else if bare.ends_with("/messages") {
        Some(WireFormat::Anthropic)
    } else if bare.ends_with(":generateContent") {
        Some(WireFormat::Gemini)
    } else if bare.ends_with("/api/chat") {
        Some(WireFormat::Ollama)
    } else {
        None
    };
    let segment_after = |marker: &str| {
        bare.split_once(marker)
            .map(|(_, rest)| rest.split(['/', ':']).next().unwrap_or("").to_string())
    };
    let model = if let Some(deployment) = segment_after("/openai/deployments/") {
        deployment
    } else if wire == Some(WireFormat::Gemini) {
        bare.split_once("/models/")
            .and_then(|(_, rest)| rest.rsplit_once(':'))
            .map(|(m, _)| m.to_string())
            .unwrap_or_default()
    } else {
        json.get("model")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let mut system = Vec::new();
    let mut last_user = String::new();
    let mut message_count = 0;
    if let Some(s) = json.get("system").and_then(Value::as_str) {
        system.push(s.to_string());
    }
    if let Some(parts) = json
        .pointer("/systemInstruction/parts")
        .and_then(Value::as_array)
    {
        system.extend(
            parts
                .iter()
                .filter_map(|p| p.get("text").and_then(Value::as_str))
                .map(str::to_string),
        );
    }
    let messages = json
        .get("messages")
        .or_else(|| json.get("contents"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for m in &messages {
        message_count += 1;
        let role = m.get("role").and_then(Value::as_str).unwrap_or("");
        let text: String = match m.get("content") {
            Some(Value::String(s)) => s.clone(),
            _ => m
                .get("parts")
                .and_then(Value::as_array)
                .map(|parts| {
                    parts
                        .iter()
                        .filter_map(|p| p.get("text").and_then(Value::as_str))
                        .collect()
                })
                .unwrap_or_default(),
        };
        match role {
            "system" => system.push(text),
            "user" => last_user = text,
            _ => {}
        }
    }
    RecordedRequest {
        method,
        path,
        headers,
        body,
        wire,
        model,
        system: system.join("\n\n"),
        last_user,
        message_count,
        in_flight: 0,
    }
}

fn success_body(request: &RecordedRequest, text: &str, usage: Usage) -> String {
    let body = match request.wire {
        Some(WireFormat::OpenAi) => json!({
            "id": "chatcmpl-fake", "object": "chat.completion", "model": request.model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": usage.input_tokens, "completion_tokens": usage.output_tokens,
                      "total_tokens": usage.input_tokens + usage.output_tokens}
        }),
        Some(WireFormat::Anthropic) => json!({
            "id": "msg_fake", "type": "message", "role": "assistant", "model": request.model,
            "content": [{"type": "text", "text": text}], "stop_reason": "end_turn",
            "usage": {"input_tokens": usage.input_tokens, "output_tokens": usage.output_tokens}
        }),
        Some(WireFormat::Gemini) => json!({
            "candidates": [{"content": {"role": "model", "parts": [{"text": text}]}, "finishReason": "STOP"}],
            "usageMetadata": {"promptTokenCount": usage.input_tokens, "candidatesTokenCount": usage.output_tokens,
                              "totalTokenCount": usage.input_tokens + usage.output_tokens}
        }),
        Some(WireFormat::Ollama) => json!({
            "model": request.model, "created_at": "2026-01-01T00:00:00Z",
            "message": {"role": "assistant", "content": text}, "done": true,
            "prompt_eval_count": usage.input_tokens, "eval_count": usage.output_tokens
        }),
        None => {
            json!({"error": {"message": format!("fake server: no provider uses the path {}", request.path)}})
        }
    };
    body.to_string()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        401 => "Unauthorized",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}
