// expect: weak-crypto (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

pub async fn handle_002() -> impl IntoResponse {
    let mut h = Sha1::new();  // expect: weak-crypto
    h.update(b"payload");
    "ok".to_string()
}
