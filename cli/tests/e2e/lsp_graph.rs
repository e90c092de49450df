//! Protocol tests of the code graph through the real `rlm lsp` binary over stdio: exact
//! definition and selection ranges, call hierarchy (incoming and outgoing), type hierarchy
//! (registered dynamically), implementation, and answers from the document's own parse.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::lsp::{Lsp, at, uri};
use serde_json::{Value, json};

const SHAPES: &str = "class Shape:\n    def area(self):\n        return 0\n\n\nclass Square(Shape):\n    def area(self):\n        return 4\n";
const UTIL: &str =
    "def load_config(path):\n    return parse(path)\n\n\ndef parse(path):\n    return path\n";
const APP: &str = "from util import load_config\nfrom shapes import Square\n\n\ndef main():\n    cfg = load_config('app.toml')\n    return Square().area()\n";

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("util.py"), UTIL).unwrap();
    std::fs::write(dir.path().join("app.py"), APP).unwrap();
    std::fs::write(dir.path().join("shapes.py"), SHAPES).unwrap();
    dir
}

fn range(sl: u32, sc: u32, el: u32, ec: u32) -> Value {
    json!({"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}})
}

#[test]
fn lsp_definition_lands_on_the_identifier_and_call_hierarchy_walks_both_ways() {
    let dir = workspace();
    let root = dir.path().canonicalize().unwrap();
    let mut lsp = Lsp::start(&root);
    let init = lsp.initialize(&root, json!({}));
    assert_eq!(init["capabilities"]["callHierarchyProvider"], true);
    assert_eq!(init["capabilities"]["implementationProvider"], true);
    lsp.wait_ready(3);

    let definition = lsp.result("textDocument/definition", at(&root, "app.py", 5, 12));
    assert_eq!(
        definition,
        json!([{"uri": uri(&root, "util.py"), "range": range(0, 4, 0, 15)}])
    );

    let items = lsp.result(
        "textDocument/prepareCallHierarchy",
        at(&root, "util.py", 0, 6),
    );
    assert_eq!(items[0]["name"], "load_config");
    assert_eq!(items[0]["selectionRange"], range(0, 4, 0, 15));
    assert_eq!(items[0]["range"], range(0, 0, 1, 22));
    let incoming = lsp.result("callHierarchy/incomingCalls", json!({"item": items[0]}));
    assert_eq!(
        incoming,
        json!([{
            "from": {"name": "main", "kind": 12, "detail": "def main():", "uri": uri(&root, "app.py"),
                     "range": range(4, 0, 6, 26), "selectionRange": range(4, 4, 4, 8), "data": incoming[0]["from"]["data"]},
            "fromRanges": [range(5, 10, 5, 21)]
        }])
    );
    let outgoing = lsp.result("callHierarchy/outgoingCalls", json!({"item": items[0]}));
    assert_eq!(outgoing[0]["to"]["name"], "parse");
    assert_eq!(outgoing[0]["to"]["selectionRange"], range(4, 4, 4, 9));
    assert_eq!(outgoing[0]["fromRanges"], json!([range(1, 11, 1, 16)]));
    assert_eq!(outgoing.as_array().unwrap().len(), 1);

    // Outgoing from main reaches a method through an import and an instantiation.
    let main = lsp.result(
        "textDocument/prepareCallHierarchy",
        at(&root, "app.py", 4, 5),
    );
    let calls = lsp.result("callHierarchy/outgoingCalls", json!({"item": main[0]}));
    let names: Vec<(String, String)> = calls
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["to"]["name"].as_str().unwrap().to_string(),
                c["to"]["uri"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(
        names,
        vec![
            ("load_config".to_string(), "util.py".to_string()),
            ("Square".to_string(), "shapes.py".to_string()),
            ("area".to_string(), "shapes.py".to_string())
        ]
    );

    // Document symbols: the selection range is the identifier, the range the whole definition.
    let outline = lsp.result(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri(&root, "shapes.py")}}),
    );
    assert_eq!(outline[1]["name"], "Square");
    assert_eq!(outline[1]["selectionRange"], range(5, 6, 5, 12));
    assert_eq!(outline[1]["range"], range(5, 0, 7, 16));
    assert_eq!(
        outline[1]["children"][0]["selectionRange"],
        range(6, 8, 6, 12)
    );
    lsp.shutdown();
}

#[test]
fn lsp_type_hierarchy_is_registered_and_answers_supertypes_subtypes_and_implementations() {
    let dir = workspace();
    let root = dir.path().canonicalize().unwrap();
    let mut lsp = Lsp::start(&root);
    lsp.result(
        "initialize",
        json!({
            "processId": null,
            "rootUri": uri(&root, ""),
            "workspaceFolders": [{"uri": uri(&root, ""), "name": "ws"}],
            "capabilities": {"textDocument": {"typeHierarchy": {"dynamicRegistration": true}}},
        }),
    );
    lsp.notify("initialized", json!({}));
    let registration = lsp.wait_for("a type hierarchy registration", |m| {
        m["method"] == "client/registerCapability"
    });
    assert_eq!(
        registration["params"]["registrations"][0]["method"],
        "textDocument/prepareTypeHierarchy"
    );
    lsp.wait_ready(3);
    let items = lsp.result(
        "textDocument/prepareTypeHierarchy",
        at(&root, "shapes.py", 5, 8),
    );
    assert_eq!(items[0]["name"], "Square");
    assert_eq!(items[0]["selectionRange"], range(5, 6, 5, 12));
    let supers = lsp.result("typeHierarchy/supertypes", json!({"item": items[0]}));
    assert_eq!(supers[0]["name"], "Shape");
    assert_eq!(supers[0]["selectionRange"], range(0, 6, 0, 11));
    let subs = lsp.result("typeHierarchy/subtypes", json!({"item": supers[0]}));
    assert_eq!(subs[0]["name"], "Square");
    assert_eq!(subs.as_array().unwrap().len(), 1);
    // The method in the base: its override in the subclass.
    let implementations = lsp.result("textDocument/implementation", at(&root, "shapes.py", 1, 9));
    assert_eq!(
        implementations,
        json!([{"uri": uri(&root, "shapes.py"), "range": range(6, 8, 6, 12)}])
    );
    lsp.shutdown();
}

#[test]
fn lsp_answers_an_open_document_from_its_own_parse_before_any_index() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let text = "def helper():\n    return 1\n\n\ndef main():\n    return helper()\n";
    let mut lsp = Lsp::start(&root);
    // No workspace folder: no index will ever be built, only the document is known.
    lsp.result("initialize", json!({"processId": null, "capabilities": {}}));
    lsp.notify("initialized", json!({}));
    let doc = format!("file://{}", root.join("solo.py").display());
    lsp.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": doc, "languageId": "python", "version": 1, "text": text}}),
    );
    let definition = lsp.result(
        "textDocument/definition",
        json!({"textDocument": {"uri": doc}, "position": {"line": 5, "character": 12}}),
    );
    assert_eq!(
        definition,
        json!([{"uri": doc, "range": range(0, 4, 0, 10)}])
    );
    let mut params = json!({"textDocument": {"uri": doc}, "position": {"line": 0, "character": 5}});
    params["context"] = json!({"includeDeclaration": false});
    let references = lsp.result("textDocument/references", params);
    assert_eq!(
        references,
        json!([{"uri": doc, "range": range(5, 11, 5, 17)}])
    );
    lsp.shutdown();
}
