// ok: ssrf
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_011(Path(param): Path<String>) -> impl IntoResponse {
    let bar = param.clone();
    let id: u32 = bar.parse().unwrap_or(0);
    let body = reqwest::get(format!("https://api.example.com/items/{}", id)).await;
    "ok".to_string()
}
