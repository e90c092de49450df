// ok: command-injection
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_012(Query(params): Query<HashMap<String, String>>) -> impl IntoResponse {
    let param = params.get("name").cloned().unwrap_or_default();
    let bar = "constant-value".to_string();
    let out = Command::new("sh").arg("-c").arg(format!("ping -c 1 {}", bar)).output();
    "ok".to_string()
}
