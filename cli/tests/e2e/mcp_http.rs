//! The MCP server over streamable HTTP (`rlm mcp --http`), driven by rmcp's client: with and
//! without a bearer token, and the refusal to bind non-loopback addresses.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::*;
use rmcp::ServiceExt;
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;
use serde_json::json;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};

/// A running `rlm mcp --http`, killed when dropped.
struct HttpServer {
    child: Child,
    url: String,
}

impl Drop for HttpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(repo: &Repo, token: Option<&str>) -> HttpServer {
    let mut command = Command::new(RLM);
    command
        .arg("mcp")
        .arg(&repo.root)
        .args(["--http", "127.0.0.1:0"])
        .env_remove("RLM_MCP_TOKEN")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if let Some(token) = token {
        command.env("RLM_MCP_TOKEN", token);
    }
    let mut child = command.spawn().unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .to_string();
    HttpServer { child, url }
}

/// The status line of a raw `POST /mcp` with the given Authorization header.
fn raw_status(url: &str, authorization: Option<&str>) -> String {
    let address = url.trim_start_matches("http://").trim_end_matches("/mcp");
    let body = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}"#;
    let auth = authorization
        .map(|a| format!("Authorization: {a}\r\n"))
        .unwrap_or_default();
    let request = format!(
        "POST /mcp HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n{auth}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response.lines().next().unwrap_or_default().to_string()
}

#[tokio::test]
async fn http_without_token_serves_tools() {
    let repo = Repo::generate(true);
    let server = start(&repo, None);
    let transport = StreamableHttpClientTransport::from_uri(server.url.clone());
    let client = ().serve(transport).await.unwrap();
    let tools = client.list_all_tools().await.unwrap();
    assert_eq!(tool_names(&tools), MCP_TOOLS);
    let mut arguments = serde_json::Map::new();
    arguments.insert("name".into(), json!("InvoiceCalculator"));
    let result = client
        .call_tool(rmcp::model::CallToolRequestParams::new("find_symbol").with_arguments(arguments))
        .await
        .unwrap();
    let value = result.structured_content.unwrap();
    assert_eq!(
        (&value["symbols"][0]["path"], &value["symbols"][0]["kind"]),
        (&json!("src/billing/invoice.py"), &json!("class"))
    );
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn http_with_token_requires_it() {
    let repo = Repo::generate(true);
    let server = start(&repo, Some("correct-horse-battery"));
    assert_eq!(raw_status(&server.url, None), "HTTP/1.1 401 Unauthorized");
    assert_eq!(
        raw_status(&server.url, Some("Bearer wrong-horse-battery")),
        "HTTP/1.1 401 Unauthorized"
    );
    assert_eq!(
        raw_status(&server.url, Some("Bearer correct-horse-battery")),
        "HTTP/1.1 200 OK"
    );
    let refused = ().serve(StreamableHttpClientTransport::from_uri(server.url.clone())).await;
    assert!(
        refused.is_err(),
        "a client without the token must not connect"
    );
    let transport = StreamableHttpClientTransport::with_client(
        reqwest::Client::new(),
        StreamableHttpClientTransportConfig::with_uri(server.url.clone())
            .auth_header("correct-horse-battery"),
    );
    let client = ().serve(transport).await.unwrap();
    let mut arguments = serde_json::Map::new();
    arguments.insert("query".into(), json!("verify_token"));
    let result = client
        .call_tool(rmcp::model::CallToolRequestParams::new("search_code").with_arguments(arguments))
        .await
        .unwrap();
    assert_eq!(
        result.structured_content.unwrap()["results"][0]["path"],
        json!("src/auth/tokens.rs")
    );
    client.cancel().await.unwrap();
}

#[test]
fn non_loopback_bind_is_refused_without_allow_remote_and_token() {
    let cases = [
        (
            vec!["--http", "0.0.0.0:0"],
            "error: 0.0.0.0:0 is not a loopback address: the server would expose the workspace to the network. Bind 127.0.0.1, or pass --allow-remote together with --token\n",
        ),
        (
            vec!["--http", "0.0.0.0:0", "--allow-remote"],
            "error: --allow-remote needs a bearer token: pass --token (or set RLM_MCP_TOKEN) so that only clients holding it can connect\n",
        ),
    ];
    for (args, expected) in cases {
        let out = Command::new(RLM)
            .arg("mcp")
            .args(&args)
            .env_remove("RLM_MCP_TOKEN")
            .output()
            .unwrap();
        assert_eq!(
            (
                out.status.code(),
                String::from_utf8_lossy(&out.stderr).as_ref()
            ),
            (Some(2), expected),
            "{args:?}"
        );
    }
}
