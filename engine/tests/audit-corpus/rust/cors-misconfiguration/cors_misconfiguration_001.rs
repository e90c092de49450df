// expect: cors-misconfiguration (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

pub async fn handle_001() -> impl IntoResponse {
    let layer = CorsLayer::very_permissive();  // expect: cors-misconfiguration
    "ok".to_string()
}
