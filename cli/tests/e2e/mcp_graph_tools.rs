//! The code graph tools through `rlm mcp` and rmcp's client: `find_references`, `call_graph`,
//! `impact` and `repo_map` on a small indexed workspace, and the errors a model can act on.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::*;
use serde_json::{Value, json};

const UTIL: &str =
    "def load_config(path):\n    return parse(path)\n\n\ndef parse(path):\n    return path\n";
const APP: &str = "from util import load_config\n\n\ndef main():\n    cfg = load_config('app.toml')\n    return cfg\n\n\ndef cli():\n    return main()\n";

fn workspace() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    write(&root.join("util.py"), UTIL);
    write(&root.join("app.py"), APP);
    let out = std::process::Command::new(RLM)
        .arg("index")
        .arg(&root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (dir, root)
}

fn lines(list: &Value, key: &str) -> Vec<(String, u64)> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e[key]["name"].as_str().unwrap_or("<module>").to_string(),
                e["depth"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn graph_tools_answer_references_calls_impact_and_the_map() {
    let (_dir, root) = workspace();
    let client = connect_stdio(&root).await;

    let refs = structured(&call(&client, "find_references", json!({"name": "load_config"})).await);
    assert_eq!(
        refs["definitions"][0]["references"],
        json!([
            {"path": "app.py", "line": 1, "column": 18, "kind": "import", "confidence": "resolved"},
            {"path": "app.py", "line": 5, "column": 11, "kind": "call", "confidence": "resolved", "within": "main"}
        ])
    );
    assert_eq!(refs["definitions"][0]["definition"]["path"], "util.py");
    assert_eq!(refs["definitions"][0]["definition"]["line"], 1);
    assert_eq!(refs["definitions"][0]["definition"]["column"], 5);

    let graph = structured(
        &call(
            &client,
            "call_graph",
            json!({"name": "parse", "direction": "callers", "depth": 3}),
        )
        .await,
    );
    assert_eq!(
        lines(&graph["definitions"][0]["callers"], "symbol"),
        vec![
            ("load_config".to_string(), 1),
            ("main".to_string(), 2),
            ("cli".to_string(), 3)
        ]
    );
    assert!(graph["definitions"][0].get("callees").is_none());
    let down = structured(
        &call(
            &client,
            "call_graph",
            json!({"name": "main", "direction": "callees"}),
        )
        .await,
    );
    assert_eq!(
        lines(&down["definitions"][0]["callees"], "symbol"),
        vec![("load_config".to_string(), 1), ("parse".to_string(), 2)]
    );

    let impact = structured(&call(&client, "impact", json!({"path": "util.py"})).await);
    assert_eq!(impact["files"], json!(["app.py"]));
    assert_eq!(impact["complete"], true);

    let map = structured(&call(&client, "repo_map", json!({"tokens": 200})).await);
    let text = map["map"].as_str().unwrap();
    assert!(text.starts_with("util.py:\n"), "{text}");
    assert!(text.contains("def load_config(path):"), "{text}");
    assert!(map["tokens"].as_u64().unwrap() <= 200);

    let unknown = call(
        &client,
        "find_references",
        json!({"name": "no_such_function"}),
    )
    .await;
    assert!(error_text(&unknown).starts_with("no definition named `no_such_function`"));
    let neither = call(&client, "impact", json!({})).await;
    assert!(error_text(&neither).starts_with("give `name`"));
    let bad = call(
        &client,
        "call_graph",
        json!({"name": "main", "direction": "sideways"}),
    )
    .await;
    assert!(error_text(&bad).contains("unknown variant `sideways`"));
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn graph_tools_without_an_index_say_to_reindex() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    write(&root.join("a.py"), "def f():\n    pass\n");
    let client = connect_stdio(&root).await;
    let missing = call(&client, "repo_map", json!({})).await;
    assert!(
        error_text(&missing).contains("call the reindex tool"),
        "{}",
        error_text(&missing)
    );
    client.cancel().await.unwrap();
}
