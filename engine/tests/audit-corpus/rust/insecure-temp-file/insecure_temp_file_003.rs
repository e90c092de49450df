// ok: insecure-temp-file
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

pub async fn handle_003() -> impl IntoResponse {
    let file = tempfile::NamedTempFile::new();
    "ok".to_string()
}
