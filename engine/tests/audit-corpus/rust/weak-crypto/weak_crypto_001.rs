// expect: weak-crypto (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

pub async fn handle_001() -> impl IntoResponse {
    let digest = md5::compute(b"payload");  // expect: weak-crypto
    "ok".to_string()
}
