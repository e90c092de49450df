// expect: cors-misconfiguration (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

pub async fn handle_002() -> impl IntoResponse {
    let cors = Cors::default().allow_any_origin().supports_credentials();  // expect: cors-misconfiguration
    "ok".to_string()
}
