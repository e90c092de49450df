// ok: sql-injection
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_011(Query(params): Query<HashMap<String, String>>) -> impl IntoResponse {
    let param = params.get("name").cloned().unwrap_or_default();
    let bar = param.clone();
    let rows = sqlx::query("SELECT * FROM users WHERE name = $1").bind(&bar).fetch_all(&pool).await;
    "ok".to_string()
}
