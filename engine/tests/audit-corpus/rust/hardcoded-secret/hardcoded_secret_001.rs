// expect: hardcoded-secret (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

pub async fn handle_001() -> impl IntoResponse {
    let pool = PgPool::connect("postgres://app:Tr0ub4dor3x@db.internal:5432/app").await;  // expect: hardcoded-secret
    "ok".to_string()
}
