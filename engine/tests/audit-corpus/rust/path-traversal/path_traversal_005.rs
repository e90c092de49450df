// expect: path-traversal (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_005(Query(params): Query<HashMap<String, String>>) -> impl IntoResponse {
    let param = params.get("name").cloned().unwrap_or_default();
    let bar = format!("item-{}", param);
    let data = std::fs::read_to_string(format!("/var/app/files/{}", bar));  // expect: path-traversal
    "ok".to_string()
}
