// expect: path-traversal (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

fn decorate(value: &str) -> String {
    value.trim().to_string()
}

async fn handle_007(Path(param): Path<String>) -> impl IntoResponse {
    let bar = decorate(&param);
    let data = std::fs::read_to_string(format!("/var/app/files/{}", bar));  // expect: path-traversal
    "ok".to_string()
}
