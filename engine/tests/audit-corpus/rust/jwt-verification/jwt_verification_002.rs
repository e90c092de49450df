// ok: jwt-verification
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

pub async fn handle_002() -> impl IntoResponse {
    let validation = Validation::new(Algorithm::RS256);
    "ok".to_string()
}
