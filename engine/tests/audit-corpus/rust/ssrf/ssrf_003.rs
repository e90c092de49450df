// expect: ssrf (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_003(Path(param): Path<String>) -> impl IntoResponse {
    let bar = param.clone();
    let body = client.get(format!("http://{}/status", bar)).send().await;  // expect: ssrf
    "ok".to_string()
}
