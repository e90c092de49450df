// ok: weak-crypto
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

pub async fn handle_005() -> impl IntoResponse {
    let cipher = Aes256Gcm::new_from_slice(&key);
    "ok".to_string()
}
