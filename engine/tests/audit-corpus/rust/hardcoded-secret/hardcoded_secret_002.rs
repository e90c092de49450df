// expect: hardcoded-secret (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

pub async fn handle_002() -> impl IntoResponse {
    let api_key = "sk_live_51HxQ2eLkdP9vT8nB3mQ7rZ";  // expect: hardcoded-secret
    "ok".to_string()
}
