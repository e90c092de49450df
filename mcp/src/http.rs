//! Serving over streamable HTTP at `/mcp`, for clients that connect to a running server.
//!
//! Loopback by default. A bearer token, when set, is required on every request (compared in
//! constant time; a missing or wrong token gets 401 with `WWW-Authenticate: Bearer`). Binding a
//! non-loopback address needs both `--allow-remote` and a token: the tools read the workspace,
//! and an open port on a network would hand it to anyone who can reach it.

use crate::server::{RlmServer, Shared};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use std::net::SocketAddr;
use std::sync::Arc;
use tokio_util::sync::CancellationToken;

/// How to serve over HTTP.
#[derive(Debug, Clone)]
pub struct HttpOptions {
    pub addr: SocketAddr,
    /// Required as `Authorization: Bearer <token>` when set.
    pub token: Option<String>,
    /// Permit a non-loopback address (needs a token as well).
    pub allow_remote: bool,
}

/// Why an address may not be bound.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BindError {
    #[error(
        "{addr} is not a loopback address: the server would expose the workspace to the network. Bind 127.0.0.1, or pass --allow-remote together with --token"
    )]
    RemoteNotAllowed { addr: SocketAddr },
    #[error(
        "--allow-remote needs a bearer token: pass --token (or set RLM_MCP_TOKEN) so that only clients holding it can connect"
    )]
    RemoteNeedsToken { addr: SocketAddr },
    #[error(
        "the bearer token is empty: give a long random string, e.g. from `openssl rand -hex 32`"
    )]
    EmptyToken,
}

/// Checks an address against the remote-access policy before anything is bound.
pub fn check_bind(
    addr: &SocketAddr,
    allow_remote: bool,
    token: Option<&str>,
) -> Result<(), BindError> {
    if token.is_some_and(|t| t.trim().is_empty()) {
        return Err(BindError::EmptyToken);
    }
    if addr.ip().is_loopback() {
        return Ok(());
    }
    if !allow_remote {
        return Err(BindError::RemoteNotAllowed { addr: *addr });
    }
    if token.is_none() {
        return Err(BindError::RemoteNeedsToken { addr: *addr });
    }
    Ok(())
}

/// Errors of the HTTP server.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error(transparent)]
    Bind(#[from] BindError),
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("the HTTP server failed: {0}")]
    Serve(std::io::Error),
}

/// Binds `options.addr`, reports the bound address through `ready`, and serves until `shutdown`.
pub async fn serve_http(
    shared: Arc<Shared>,
    options: HttpOptions,
    shutdown: CancellationToken,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), HttpError> {
    check_bind(
        &options.addr,
        options.allow_remote,
        options.token.as_deref(),
    )?;
    let mut config = StreamableHttpServerConfig::default();
    config.cancellation_token = shutdown.child_token();
    if !options.addr.ip().is_loopback() {
        // Clients reach a remote server under names we cannot know; the token guards it.
        config = config.disable_allowed_hosts();
    }
    let service: StreamableHttpService<RlmServer, LocalSessionManager> = StreamableHttpService::new(
        move || Ok(RlmServer::new(shared.clone())),
        Default::default(),
        config,
    );
    let mut router = axum::Router::new().nest_service("/mcp", service);
    if let Some(token) = options.token {
        router = router.layer(axum::middleware::from_fn_with_state(
            Arc::new(token),
            require_token,
        ));
    }
    let listener = tokio::net::TcpListener::bind(options.addr)
        .await
        .map_err(|source| HttpError::Listen {
            addr: options.addr,
            source,
        })?;
    let bound = listener.local_addr().map_err(|source| HttpError::Listen {
        addr: options.addr,
        source,
    })?;
    ready(bound);
    axum::serve(listener, router)
        .with_graceful_shutdown(async move { shutdown.cancelled_owned().await })
        .await
        .map_err(HttpError::Serve)
}

async fn require_token(State(token): State<Arc<String>>, request: Request, next: Next) -> Response {
    let presented = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    match presented {
        Some(presented) if constant_time_eq(presented.as_bytes(), token.as_bytes()) => {
            next.run(request).await
        }
        _ => {
            let mut response = (
                StatusCode::UNAUTHORIZED,
                "missing or wrong bearer token: send `Authorization: Bearer <token>` with the token the server was started with\n",
            )
                .into_response();
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"rlm\""),
            );
            response
        }
    }
}

/// Equality whose time depends only on the lengths, so a token cannot be guessed byte by byte.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(text: &str) -> SocketAddr {
        text.parse()
            .unwrap_or_else(|_| SocketAddr::from(([0, 0, 0, 0], 0)))
    }

    #[test]
    fn check_bind_allows_loopback_with_or_without_token() {
        assert_eq!(check_bind(&addr("127.0.0.1:7000"), false, None), Ok(()));
        assert_eq!(
            check_bind(&addr("[::1]:7000"), false, Some("s3cret")),
            Ok(())
        );
    }

    #[test]
    fn check_bind_refuses_remote_without_allow_remote() {
        let a = addr("0.0.0.0:7000");
        assert_eq!(
            check_bind(&a, false, Some("s3cret")),
            Err(BindError::RemoteNotAllowed { addr: a })
        );
    }

    #[test]
    fn check_bind_refuses_remote_without_token() {
        let a = addr("192.168.1.5:7000");
        assert_eq!(
            check_bind(&a, true, None),
            Err(BindError::RemoteNeedsToken { addr: a })
        );
        assert_eq!(check_bind(&a, true, Some("s3cret")), Ok(()));
    }

    #[test]
    fn check_bind_refuses_an_empty_token() {
        assert_eq!(
            check_bind(&addr("127.0.0.1:7000"), false, Some("  ")),
            Err(BindError::EmptyToken)
        );
    }

    #[test]
    fn constant_time_eq_compares_whole_values() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
    }
}
