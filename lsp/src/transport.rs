//! The wire: LSP base-protocol framing (`Content-Length` headers) over a byte stream, JSON-RPC
//! decoding, and the loop that feeds requests to the service and writes its responses.
//!
//! tower-lsp-server ships its own `Server` loop, but that loop stops reading for good after the
//! first message whose body is not valid JSON (its framed reader ends on a decode error), and a
//! panicking handler takes the whole loop down. JSON-RPC 2.0 asks for a `-32700` reply and to
//! go on serving, and an editor should never lose its server to one bad request, so this loop
//! owns the framing: every message is decoded here, malformed ones get their JSON-RPC error, and
//! each handler future runs under `catch_unwind`. The service itself (routing, initialisation
//! state, `$/cancelRequest`) is still tower-lsp-server's.

use futures::stream::FuturesUnordered;
use futures::{FutureExt, SinkExt, StreamExt};
use serde_json::Value;
use std::borrow::Cow;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use tokio::io::{
    AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt,
};
use tokio::sync::mpsc;
use tower::Service;
use tower_lsp_server::ClientSocket;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Id, Request, Response};

/// Bodies larger than this are refused (and skipped) rather than buffered.
pub const MAX_MESSAGE_BYTES: usize = 256 * 1024 * 1024;

/// One framed message as read from the input.
#[derive(Debug, PartialEq)]
pub enum Frame {
    /// A body of the announced length.
    Body(Vec<u8>),
    /// A header block that cannot be used; the text says why.
    BadHeader(String),
    /// A body over [`MAX_MESSAGE_BYTES`], skipped.
    TooLarge(usize),
}

/// Reads the next framed message; `None` at the end of the input.
pub async fn read_frame<R: AsyncBufRead + Unpin>(input: &mut R) -> std::io::Result<Option<Frame>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut line = Vec::new();
    let mut saw_header = false;
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line).await? == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if !saw_header {
                continue; // stray blank line between messages
            }
            break;
        }
        saw_header = true;
        if let Some((name, value)) = text.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = Some(
                value
                    .trim()
                    .parse::<usize>()
                    .map_err(|_| format!("invalid Content-Length header {:?}", value.trim())),
            );
        }
    }
    let length = match length {
        None => {
            return Ok(Some(Frame::BadHeader(
                "message without a Content-Length header".into(),
            )));
        }
        Some(Err(message)) => return Ok(Some(Frame::BadHeader(message))),
        Some(Ok(length)) => length,
    };
    if length > MAX_MESSAGE_BYTES {
        let skipped = tokio::io::copy(
            &mut (&mut *input).take(length as u64),
            &mut tokio::io::sink(),
        )
        .await?;
        if (skipped as usize) < length {
            return Ok(None);
        }
        return Ok(Some(Frame::TooLarge(length)));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body).await?;
    Ok(Some(Frame::Body(body)))
}

/// Frames one JSON value for the output.
pub fn encode_frame(body: &str) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}

/// What a decoded body is.
#[derive(Debug)]
pub enum Incoming {
    Request(Request),
    Response(Response),
    /// Not something to hand on: the error reply to send instead.
    Invalid(Response),
}

/// Decodes one body into a request, a response to one of our requests, or the error to reply.
pub fn decode(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(e) => {
            return Incoming::Invalid(Response::from_error(
                Id::Null,
                error(
                    ErrorCode::ParseError,
                    format!("the message is not valid JSON ({e}); it was skipped"),
                ),
            ));
        }
    };
    let id = value
        .get("id")
        .and_then(|id| serde_json::from_value::<Id>(id.clone()).ok())
        .unwrap_or(Id::Null);
    let invalid = |why: String| {
        Incoming::Invalid(Response::from_error(
            id.clone(),
            error(ErrorCode::InvalidRequest, why),
        ))
    };
    let Some(object) = value.as_object() else {
        return invalid(
            "a JSON-RPC message must be an object (batches are not used by LSP)".into(),
        );
    };
    if object.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return invalid("the message lacks \"jsonrpc\": \"2.0\"".into());
    }
    if object.contains_key("method") {
        if !object.get("method").is_some_and(Value::is_string) {
            return invalid("\"method\" must be a string".into());
        }
        return match serde_json::from_value::<Request>(value.clone()) {
            Ok(request) => Incoming::Request(request),
            Err(e) => invalid(format!("not a valid request: {e}")),
        };
    }
    if object.contains_key("result") || object.contains_key("error") {
        return match serde_json::from_value::<Response>(value.clone()) {
            Ok(response) => Incoming::Response(response),
            Err(e) => invalid(format!("not a valid response: {e}")),
        };
    }
    invalid("a message needs a \"method\" (request) or a \"result\"/\"error\" (response)".into())
}

fn error(code: ErrorCode, message: String) -> Error {
    Error {
        code,
        message: Cow::Owned(message),
        data: None,
    }
}

type Reply = Pin<Box<dyn Future<Output = Option<Response>> + Send>>;

/// Serves `service` over `input`/`output` until the input ends or the client sends `exit`.
pub async fn serve<I, O, S>(input: I, output: O, mut service: S, socket: ClientSocket)
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
    S: Service<Request, Response = Option<Response>> + Send + 'static,
    S::Error: std::fmt::Display,
    S::Future: Send + 'static,
{
    let (out_tx, mut out_rx) = mpsc::unbounded_channel::<String>();
    let writer = tokio::spawn(async move {
        let mut output = output;
        while let Some(body) = out_rx.recv().await {
            if output.write_all(&encode_frame(&body)).await.is_err() {
                break;
            }
            if output.flush().await.is_err() {
                break;
            }
        }
    });
    let send = {
        let out_tx = out_tx.clone();
        move |reply: &Response| match serde_json::to_string(reply) {
            Ok(body) => {
                let _ = out_tx.send(body);
            }
            Err(e) => tracing::error!("cannot encode a response: {e}"),
        }
    };

    let (mut server_requests, mut client_responses) = socket.split();
    let forward_requests = {
        let out_tx = out_tx.clone();
        tokio::spawn(async move {
            while let Some(request) = server_requests.next().await {
                match serde_json::to_string(&request) {
                    Ok(body) => {
                        if out_tx.send(body).is_err() {
                            break;
                        }
                    }
                    Err(e) => tracing::error!("cannot encode a request to the client: {e}"),
                }
            }
        })
    };

    let (in_tx, mut in_rx) = mpsc::channel::<Frame>(16);
    let reader = tokio::spawn(async move {
        let mut input = tokio::io::BufReader::with_capacity(64 * 1024, input);
        loop {
            match read_frame(&mut input).await {
                Ok(Some(frame)) => {
                    if in_tx.send(frame).await.is_err() {
                        break;
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    tracing::info!("input closed: {e}");
                    break;
                }
            }
        }
    });

    let mut running: FuturesUnordered<Reply> = FuturesUnordered::new();
    loop {
        tokio::select! {
            frame = in_rx.recv() => {
                let Some(frame) = frame else { break };
                let body = match frame {
                    Frame::Body(body) => body,
                    Frame::BadHeader(why) => {
                        tracing::warn!("skipping a malformed message: {why}");
                        send(&Response::from_error(Id::Null, error(ErrorCode::ParseError, why)));
                        continue;
                    }
                    Frame::TooLarge(n) => {
                        tracing::warn!("skipped a {n}-byte message");
                        send(&Response::from_error(Id::Null, error(
                            ErrorCode::InvalidRequest,
                            format!("message of {n} bytes is over the {MAX_MESSAGE_BYTES}-byte limit; it was skipped"),
                        )));
                        continue;
                    }
                };
                match decode(&body) {
                    Incoming::Invalid(reply) => {
                        tracing::warn!("replying to an invalid message: {:?}", reply.error());
                        send(&reply);
                    }
                    Incoming::Response(response) => {
                        if client_responses.send(response).await.is_err() {
                            tracing::warn!("a response from the client arrived after shutdown");
                        }
                    }
                    Incoming::Request(request) => {
                        let exit = request.method() == "exit";
                        if futures::future::poll_fn(|cx| service.poll_ready(cx)).await.is_err() {
                            break;
                        }
                        running.push(guarded(&mut service, request));
                        if exit {
                            // Let the exit notification itself run, then stop.
                            while let Some(reply) = running.next().await {
                                if let Some(reply) = reply { send(&reply); }
                            }
                            break;
                        }
                    }
                }
            }
            Some(reply) = running.next(), if !running.is_empty() => {
                if let Some(reply) = reply { send(&reply); }
            }
        }
    }
    reader.abort();
    forward_requests.abort();
    drop(send);
    drop(out_tx);
    let _ = writer.await;
}

/// Calls the service for one request, turning a panic in its handler into an internal-error
/// reply (for a request) or a log line (for a notification).
fn guarded<S>(service: &mut S, request: Request) -> Reply
where
    S: Service<Request, Response = Option<Response>>,
    S::Error: std::fmt::Display,
    S::Future: Send + 'static,
{
    let id = request.id().cloned();
    let method = request.method().to_string();
    let call = std::panic::catch_unwind(AssertUnwindSafe(|| service.call(request)));
    let failed = move |id: Option<Id>, method: String, why: String| -> Option<Response> {
        tracing::error!("handler for {method} panicked: {why}; the server goes on serving");
        id.map(|id| {
            Response::from_error(
                id,
                error(
                    ErrorCode::InternalError,
                    format!(
                        "internal error in the rlm server while handling {method}: {why}. The server goes on serving; please report this with the server log"
                    ),
                ),
            )
        })
    };
    match call {
        Ok(future) => Box::pin(async move {
            match AssertUnwindSafe(future).catch_unwind().await {
                Ok(Ok(reply)) => reply,
                Ok(Err(e)) => {
                    tracing::info!("{method}: {e}");
                    None
                }
                Err(panic) => failed(id, method, panic_message(&panic)),
            }
        }),
        Err(panic) => {
            let reply = failed(id, method, panic_message(&panic));
            Box::pin(async move { reply })
        }
    }
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic with no message".into()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    async fn frames(bytes: &[u8]) -> Vec<Frame> {
        let mut input = tokio::io::BufReader::new(bytes);
        let mut out = Vec::new();
        while let Some(frame) = read_frame(&mut input).await.unwrap() {
            out.push(frame);
        }
        out
    }

    #[tokio::test]
    async fn read_frame_splits_messages_and_reports_bad_headers() {
        let mut bytes = encode_frame("{\"a\":1}");
        bytes.extend_from_slice(b"Content-Type: x\r\n\r\n");
        bytes.extend_from_slice(b"content-length: 2\r\n\r\n{}");
        bytes.extend_from_slice(b"Content-Length: zz\r\n\r\n");
        assert_eq!(
            frames(&bytes).await,
            vec![
                Frame::Body(b"{\"a\":1}".to_vec()),
                Frame::BadHeader("message without a Content-Length header".into()),
                Frame::Body(b"{}".to_vec()),
                Frame::BadHeader("invalid Content-Length header \"zz\"".into()),
            ]
        );
    }

    fn error_of(incoming: Incoming) -> (Id, i64) {
        match incoming {
            Incoming::Invalid(reply) => (reply.id().clone(), reply.error().unwrap().code.code()),
            other => panic!("expected an error reply, got {other:?}"),
        }
    }

    #[test]
    fn decode_answers_malformed_messages_with_their_jsonrpc_errors() {
        assert_eq!(error_of(decode(b"{not json")), (Id::Null, -32700));
        assert_eq!(error_of(decode(b"[1,2]")), (Id::Null, -32600));
        assert_eq!(
            error_of(decode(br#"{"jsonrpc":"2.0","id":7,"method":3}"#)),
            (Id::Number(7), -32600)
        );
        assert_eq!(
            error_of(decode(br#"{"id":8,"method":"x"}"#)),
            (Id::Number(8), -32600)
        );
        assert_eq!(
            error_of(decode(br#"{"jsonrpc":"2.0","id":9}"#)),
            (Id::Number(9), -32600)
        );
        assert!(matches!(
            decode(br#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#),
            Incoming::Request(r) if r.method() == "initialize"
        ));
    }

    /// A server whose hover handler panics, to pin the loop's recovery.
    struct Panicky;

    impl tower_lsp_server::LanguageServer for Panicky {
        async fn initialize(
            &self,
            _: tower_lsp_server::ls_types::InitializeParams,
        ) -> tower_lsp_server::jsonrpc::Result<tower_lsp_server::ls_types::InitializeResult>
        {
            Ok(Default::default())
        }
        async fn shutdown(&self) -> tower_lsp_server::jsonrpc::Result<()> {
            Ok(())
        }
        async fn hover(
            &self,
            _: tower_lsp_server::ls_types::HoverParams,
        ) -> tower_lsp_server::jsonrpc::Result<Option<tower_lsp_server::ls_types::Hover>> {
            panic!("hover exploded")
        }
    }

    #[tokio::test]
    async fn serve_replies_internal_error_for_a_panicking_handler_and_keeps_serving() {
        let (service, socket) = tower_lsp_server::LspService::new(|_| Panicky);
        let (client, server) = tokio::io::duplex(1 << 16);
        let (server_in, server_out) = tokio::io::split(server);
        let served = tokio::spawn(serve(server_in, server_out, service, socket));
        let (client_in, mut client_out) = tokio::io::split(client);
        let mut client_in = tokio::io::BufReader::new(client_in);
        let hover =
            r#"{"textDocument":{"uri":"file:///x.py"},"position":{"line":0,"character":0}}"#;
        let mut replies = Vec::new();
        // As a client does: wait for the initialize reply, then send the rest at once.
        let initialize =
            r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#;
        let initialized = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        for (body, replies_expected) in [
            (initialize.to_string(), 1),
            (initialized.to_string(), 0),
            (
                format!(
                    r#"{{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{hover}}}"#
                ),
                0,
            ),
            ("not json at all".to_string(), 0),
            (
                r#"{"jsonrpc":"2.0","id":3,"method":"shutdown"}"#.to_string(),
                3,
            ),
        ] {
            client_out.write_all(&encode_frame(&body)).await.unwrap();
            for _ in 0..replies_expected {
                let Some(Frame::Body(body)) = read_frame(&mut client_in).await.unwrap() else {
                    panic!("the server stopped")
                };
                let reply: Value = serde_json::from_slice(&body).unwrap();
                replies.push((reply["id"].clone(), reply["error"]["code"].clone()));
            }
        }
        let exit = r#"{"jsonrpc":"2.0","method":"exit"}"#;
        client_out.write_all(&encode_frame(exit)).await.unwrap();
        replies.sort_by_key(|(id, _)| id.as_i64().unwrap_or(0));
        assert_eq!(
            replies,
            vec![
                (Value::Null, serde_json::json!(-32700)),
                (serde_json::json!(1), Value::Null),
                (serde_json::json!(2), serde_json::json!(-32603)),
                (serde_json::json!(3), Value::Null),
            ]
        );
        tokio::time::timeout(std::time::Duration::from_secs(5), served)
            .await
            .unwrap()
            .unwrap();
    }
}
