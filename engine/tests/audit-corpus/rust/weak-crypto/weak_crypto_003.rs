// expect: weak-crypto (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

pub async fn handle_003() -> impl IntoResponse {
    let cipher = Des::new_from_slice(&key);  // expect: weak-crypto
    "ok".to_string()
}
