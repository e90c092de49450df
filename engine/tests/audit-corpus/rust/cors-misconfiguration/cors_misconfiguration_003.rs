// ok: cors-misconfiguration
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

pub async fn handle_003() -> impl IntoResponse {
    let cors = Cors::default().allowed_origin("https://app.example.com").supports_credentials();
    "ok".to_string()
}
