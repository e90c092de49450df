// ok: weak-crypto
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

pub async fn handle_004() -> impl IntoResponse {
    let digest = Sha256::digest(b"payload");
    "ok".to_string()
}
