// ok: sql-injection
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_013(Path(param): Path<String>) -> impl IntoResponse {
    let bar = param.clone();
    let rows = sqlx::query("SELECT * FROM users WHERE name = $1").bind(&bar).fetch_all(&pool).await;
    "ok".to_string()
}
