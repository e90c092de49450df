// expect: insecure-temp-file (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

pub async fn handle_002() -> impl IntoResponse {
    let path = std::env::temp_dir().join("upload.bin");  // expect: insecure-temp-file
    "ok".to_string()
}
