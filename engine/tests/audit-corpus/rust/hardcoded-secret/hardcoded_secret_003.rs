// ok: hardcoded-secret
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

pub async fn handle_003() -> impl IntoResponse {
    let pool = PgPool::connect(&std::env::var("DATABASE_URL").unwrap_or_default()).await;
    "ok".to_string()
}
