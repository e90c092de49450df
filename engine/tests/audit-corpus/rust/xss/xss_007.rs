// expect: xss (on the marked line)
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
    return Html(format!("<h1>Hello {}</h1>", bar));  // expect: xss
    "ok".to_string()
}
