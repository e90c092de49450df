//! The MCP server driven over stdio by rmcp's client, the way an agent starts it: `rlm mcp ROOT`
//! as a child process. Covers every tool, resources, prompts, progress, and bad input.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::*;
use rmcp::model::{
    CallToolRequestParams, ErrorCode, GetPromptRequestParams, ReadResourceRequestParams,
    RequestMetaObject,
};
use rmcp::service::ServiceError;
use serde_json::{Value, json};

#[tokio::test]
async fn initialize_names_the_server_and_lists_every_tool_with_schemas() {
    let repo = Repo::generate(true);
    let client = connect_stdio(&repo.root).await;
    let info = client.peer_info().unwrap();
    assert_eq!(
        info.server_info.as_ref().map(|s| s.name.as_str()),
        Some("rlm")
    );
    let tools = client.list_all_tools().await.unwrap();
    assert_eq!(tool_names(&tools), MCP_TOOLS);
    for tool in &tools {
        assert_eq!(
            tool.input_schema.get("type"),
            Some(&json!("object")),
            "{}",
            tool.name
        );
        let output = tool.output_schema.as_ref().expect("output schema");
        assert_eq!(output.get("type"), Some(&json!("object")), "{}", tool.name);
        assert!(
            tool.description.as_deref().is_some_and(|d| d.len() > 80),
            "{} needs a description a model can use",
            tool.name
        );
    }
    let search = tools.iter().find(|t| t.name == "search_code").unwrap();
    assert_eq!(search.input_schema.get("required"), Some(&json!(["query"])));
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn search_code_ranks_the_defining_chunk_first() {
    let repo = Repo::generate(true);
    let client = connect_stdio(&repo.root).await;
    let result = structured(
        &call(
            &client,
            "search_code",
            json!({"query": "compute_total shipping", "limit": 3}),
        )
        .await,
    );
    let first = &result["results"][0];
    assert_eq!(
        (
            first["path"].as_str(),
            first["language"].as_str(),
            result["query"].as_str()
        ),
        (
            Some("src/billing/invoice.py"),
            Some("python"),
            Some("compute_total shipping")
        )
    );
    assert!(
        first.get("text").is_none(),
        "text only when include_text is set"
    );
    let with_text = structured(
        &call(
            &client,
            "search_code",
            json!({"query": "verify_token", "include_text": true, "language": "rust"}),
        )
        .await,
    );
    assert_eq!(with_text["results"][0]["path"], json!("src/auth/tokens.rs"));
    assert!(
        with_text["results"][0]["text"]
            .as_str()
            .unwrap()
            .contains("pub fn verify_token")
    );
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn find_symbol_returns_the_definition_with_its_signature() {
    let repo = Repo::generate(true);
    let client = connect_stdio(&repo.root).await;
    let result = structured(&call(&client, "find_symbol", json!({"name": "verify_token"})).await);
    assert_eq!(
        result,
        json!({
            "name": "verify_token",
            "symbols": [{
                "name": "verify_token",
                "kind": "function",
                "path": "src/auth/tokens.rs",
                "language": "rust",
                "start_line": 2,
                "end_line": 4,
                "signature": "pub fn verify_token(token: &str, key: &[u8]) -> bool",
                "doc": "Checks a session token against the signing key.",
                "exact": true
            }]
        })
    );
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn read_file_returns_a_line_range_and_says_where_to_continue() {
    let repo = Repo::generate(true);
    let client = connect_stdio(&repo.root).await;
    let result = structured(
        &call(
            &client,
            "read_file",
            json!({"path": "src/billing/invoice.py", "start_line": 6, "end_line": 8}),
        )
        .await,
    );
    assert_eq!(
        result,
        json!({
            "path": "src/billing/invoice.py",
            "start_line": 6,
            "end_line": 8,
            "total_lines": 11,
            "size": INVOICE_PY.len(),
            "truncated": false,
            "text": "    def compute_total(self, items):\n        subtotal = sum(i.price * i.quantity for i in items)\n        return subtotal + self.shipping_fee(subtotal)\n"
        })
    );
    let cut = structured(
        &call(
            &client,
            "read_file",
            json!({"path": "src/billing/invoice.py", "max_bytes": 40}),
        )
        .await,
    );
    assert_eq!(
        (&cut["end_line"], &cut["truncated"], &cut["next_start_line"]),
        (&json!(1), &json!(true), &json!(2))
    );
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn read_file_refuses_paths_that_escape_the_workspace() {
    let repo = Repo::generate(true);
    let client = connect_stdio(&repo.root).await;
    let secret = repo.secret_path();
    let cases = [
        (
            "../secret.txt".to_string(),
            "\"../secret.txt\" leaves the workspace: only files under the workspace root can be read; pass a path relative to it without `..`".to_string(),
        ),
        (
            secret.display().to_string(),
            format!("{:?} leaves the workspace: only files under the workspace root can be read; pass a path relative to it without `..`", secret.display().to_string()),
        ),
        (
            "escape.txt".to_string(),
            format!("\"escape.txt\" is a symbolic link that resolves outside the workspace ({}); only files under the workspace root can be read", secret.display()),
        ),
    ];
    for (path, expected) in cases {
        let result = call(&client, "read_file", json!({"path": path})).await;
        assert_eq!(error_text(&result), expected);
    }
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn list_files_filters_by_glob_and_pages() {
    let repo = Repo::generate(true);
    let client = connect_stdio(&repo.root).await;
    let page = structured(
        &call(
            &client,
            "list_files",
            json!({"glob": "src/util/*.py", "limit": 25}),
        )
        .await,
    );
    assert_eq!(
        (&page["total"], &page["next_offset"]),
        (&json!(30), &json!(25))
    );
    assert_eq!(page["files"].as_array().unwrap().len(), 25);
    assert_eq!(
        page["files"][0],
        json!({"path": "src/util/helper_00.py", "size": 43, "language": "python"})
    );
    let last = structured(
        &call(
            &client,
            "list_files",
            json!({"glob": "src/util/*.py", "offset": 25}),
        )
        .await,
    );
    assert_eq!(last["files"].as_array().unwrap().len(), 5);
    assert!(last.get("next_offset").is_none());
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn index_status_sees_changes_and_reindex_catches_up_with_progress() {
    let repo = Repo::generate(true);
    let client = connect_stdio(&repo.root).await;
    let before = structured(&call(&client, "index_status", json!({})).await);
    assert_eq!(
        (&before["files"], &before["up_to_date"]),
        (&json!(33), &json!(true))
    );
    write(
        &repo.root.join("src/billing/refund.py"),
        "def issue_refund(order):\n    return order.total\n",
    );
    let stale = structured(&call(&client, "index_status", json!({})).await);
    assert_eq!(
        (
            &stale["new_files"],
            &stale["changed_files"],
            &stale["deleted_files"],
            &stale["up_to_date"]
        ),
        (&json!(1), &json!(0), &json!(0), &json!(false))
    );
    let mut meta = RequestMetaObject::default();
    meta.set_progress_token(rmcp::model::ProgressToken(
        rmcp::model::NumberOrString::String("reindex-1".into()),
    ));
    let mut params = CallToolRequestParams::new("reindex").with_arguments(serde_json::Map::new());
    params.meta = Some(meta);
    let reindexed = structured(&client.call_tool(params).await.unwrap());
    assert_eq!(
        (
            &reindexed["files"],
            &reindexed["added"],
            &reindexed["unchanged"]
        ),
        (&json!(34), &json!(1), &json!(33))
    );
    let progress = client.service().progress.lock().unwrap().clone();
    let last = progress.last().expect("progress notifications");
    assert_eq!((last.progress, last.total), (1.0, Some(1.0)));
    let found = structured(&call(&client, "find_symbol", json!({"name": "issue_refund"})).await);
    assert_eq!(found["symbols"][0]["path"], json!("src/billing/refund.py"));
    let after = structured(&call(&client, "index_status", json!({})).await);
    assert_eq!(after["up_to_date"], json!(true));
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn a_workspace_without_index_says_to_call_reindex() {
    let repo = Repo::generate(false);
    let client = connect_stdio(&repo.root).await;
    let result = call(&client, "search_code", json!({"query": "invoice"})).await;
    assert_eq!(
        error_text(&result),
        "this workspace has no index yet: call the reindex tool (it takes seconds to a minute), then retry"
    );
    structured(&call(&client, "reindex", json!({})).await);
    let found = structured(&call(&client, "search_code", json!({"query": "invoice"})).await);
    assert_eq!(found["results"][0]["path"], json!("src/billing/invoice.py"));
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn unknown_tool_is_a_json_rpc_error() {
    let repo = Repo::generate(true);
    let client = connect_stdio(&repo.root).await;
    let err = client
        .call_tool(CallToolRequestParams::new("delete_everything"))
        .await
        .unwrap_err();
    let ServiceError::McpError(data) = err else {
        panic!("expected a JSON-RPC error, got {err:?}")
    };
    assert_eq!(data.code, ErrorCode::INVALID_PARAMS);
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn wrong_argument_types_are_tool_errors_naming_the_expected_arguments() {
    let repo = Repo::generate(true);
    let client = connect_stdio(&repo.root).await;
    let result = call(&client, "search_code", json!({"query": 42})).await;
    assert_eq!(
        error_text(&result),
        "invalid type: integer `42`, expected a string. Expected arguments: include_text (boolean), language (string), limit (integer), path_glob (string), query (string, required)."
    );
    let misspelt = call(&client, "find_symbol", json!({"nam": "x"})).await;
    assert_eq!(
        error_text(&misspelt),
        "unknown field `nam`, expected `name` or `limit`. Expected arguments: limit (integer), name (string, required)."
    );
    let negative = call(
        &client,
        "read_file",
        json!({"path": "README.md", "start_line": -3}),
    )
    .await;
    assert!(error_text(&negative).starts_with("invalid value: integer `-3`, expected u64"));
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn a_huge_argument_is_refused_and_the_server_keeps_serving() {
    let repo = Repo::generate(true);
    let client = connect_stdio(&repo.root).await;
    let huge = "invoice ".repeat(200_000);
    let result = call(&client, "search_code", json!({"query": huge})).await;
    assert_eq!(
        error_text(&result),
        "query is 1600000 bytes long; the limit is 4096. Use a few distinctive words or one identifier"
    );
    let found = structured(&call(&client, "search_code", json!({"query": "invoice"})).await);
    assert_eq!(found["results"][0]["path"], json!("src/billing/invoice.py"));
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn concurrent_calls_each_get_their_own_answer() {
    let repo = Repo::generate(true);
    let client = connect_stdio(&repo.root).await;
    let mut calls = tokio::task::JoinSet::new();
    for i in 0..30 {
        let peer = client.peer().clone();
        calls.spawn(async move {
            let name = format!("helper_{i:02}");
            let mut arguments = serde_json::Map::new();
            arguments.insert("name".into(), Value::String(name.clone()));
            let result = peer
                .call_tool(CallToolRequestParams::new("find_symbol").with_arguments(arguments))
                .await
                .unwrap();
            let value = result.structured_content.unwrap();
            (
                name,
                value["symbols"][0]["path"].as_str().unwrap().to_string(),
            )
        });
    }
    let mut answers = calls.join_all().await;
    answers.sort();
    let expected: Vec<(String, String)> = (0..30)
        .map(|i| {
            (
                format!("helper_{i:02}"),
                format!("src/util/helper_{i:02}.py"),
            )
        })
        .collect();
    assert_eq!(answers, expected);
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn resources_are_workspace_files_and_stay_inside_it() {
    let repo = Repo::generate(true);
    let client = connect_stdio(&repo.root).await;
    let resources = client.list_all_resources().await.unwrap();
    let uri = format!("file://{}/src/auth/tokens.rs", repo.root.display());
    let tokens = resources
        .iter()
        .find(|r| r.uri == uri)
        .expect("tokens.rs listed");
    assert_eq!(
        (
            tokens.name.as_str(),
            tokens.mime_type.as_deref(),
            tokens.size
        ),
        (
            "src/auth/tokens.rs",
            Some("text/x-rust"),
            Some(TOKENS_RS.len() as u64)
        )
    );
    let read = client
        .read_resource(ReadResourceRequestParams::new(uri.clone()))
        .await
        .unwrap();
    let text = serde_json::to_value(&read.contents[0]).unwrap();
    assert_eq!(text["text"], json!(TOKENS_RS));
    let outside = format!("file://{}", repo.secret_path().display());
    let err = client
        .read_resource(ReadResourceRequestParams::new(outside))
        .await
        .unwrap_err();
    let ServiceError::McpError(data) = err else {
        panic!("expected a JSON-RPC error, got {err:?}")
    };
    assert_eq!(data.code, ErrorCode::RESOURCE_NOT_FOUND);
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn prompts_render_their_arguments_and_refuse_missing_ones() {
    let repo = Repo::generate(true);
    let client = connect_stdio(&repo.root).await;
    let prompts = client.list_all_prompts().await.unwrap();
    let names: Vec<&str> = prompts.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["security-audit", "explain-module", "find-bug"]);
    let mut arguments = serde_json::Map::new();
    arguments.insert("path".into(), json!("src/billing"));
    let prompt = client
        .get_prompt(GetPromptRequestParams::new("explain-module").with_arguments(arguments))
        .await
        .unwrap();
    let message = serde_json::to_value(&prompt.messages[0]).unwrap();
    assert_eq!(message["role"], json!("user"));
    assert!(
        message["content"]["text"]
            .as_str()
            .unwrap()
            .starts_with("Explain the module `src/billing` of this workspace")
    );
    let err = client
        .get_prompt(GetPromptRequestParams::new("find-bug"))
        .await
        .unwrap_err();
    let ServiceError::McpError(data) = err else {
        panic!("expected a JSON-RPC error, got {err:?}")
    };
    assert_eq!(data.code, ErrorCode::INVALID_PARAMS);
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn retrieve_bm25_returns_whole_passages_and_refuses_empty_questions() {
    let repo = Repo::generate(true);
    let client = connect_stdio(&repo.root).await;
    let result = structured(
        &call(
            &client,
            "retrieve",
            json!({"question": "where is the session token checked?", "k": 2, "method": "bm25", "path_glob": "src/auth/**"}),
        )
        .await,
    );
    let score = |i: usize| result["passages"][i]["score"].as_f64().unwrap();
    assert!(score(0) >= score(1) && score(1) > 0.0, "{result}");
    assert_eq!(
        result,
        json!({
            "question": "where is the session token checked?",
            "method": "bm25",
            "passages": [
                {
                    "path": "src/auth/tokens.rs",
                    "start_line": 2,
                    "end_line": 4,
                    "score": score(0),
                    "text": "pub fn verify_token(token: &str, key: &[u8]) -> bool {\n    !token.is_empty() && !key.is_empty()\n}\n",
                    "ranks": []
                },
                {
                    "path": "src/auth/tokens.rs",
                    "start_line": 1,
                    "end_line": 1,
                    "score": score(1),
                    "text": "/// Checks a session token against the signing key.\n",
                    "ranks": []
                }
            ]
        })
    );
    let empty = call(
        &client,
        "retrieve",
        json!({"question": "  ", "method": "bm25"}),
    )
    .await;
    assert_eq!(
        error_text(&empty),
        "the question is empty: ask something, e.g. \"where is the config loaded?\""
    );
    let unknown = call(
        &client,
        "retrieve",
        json!({"question": "token", "method": "grep"}),
    )
    .await;
    assert_eq!(
        error_text(&unknown),
        "unknown retrieval method \"grep\": use infini, bm25, vector or hybrid"
    );
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn retrieve_without_models_says_how_to_install_them() {
    let repo = Repo::generate(true);
    let empty_models = repo.dir.path().join("no-models");
    std::fs::create_dir_all(&empty_models).unwrap();
    let client = connect_stdio_env(
        &repo.root,
        &[("RLM_MODEL_DIR", empty_models.display().to_string())],
    )
    .await;
    let result = call(
        &client,
        "retrieve",
        json!({"question": "where is the session token checked?", "method": "vector"}),
    )
    .await;
    let message = error_text(&result);
    assert!(
        message.starts_with("method vector needs the local models, which could not be loaded: ")
            && message.ends_with(". Install them with `rlm models install` (or `make setup`), or call retrieve with method bm25, which needs none"),
        "{message}"
    );
    let still = structured(
        &call(
            &client,
            "retrieve",
            json!({"question": "verify_token", "method": "bm25", "k": 1}),
        )
        .await,
    );
    assert_eq!(still["passages"][0]["path"], json!("src/auth/tokens.rs"));
    client.cancel().await.unwrap();
}
