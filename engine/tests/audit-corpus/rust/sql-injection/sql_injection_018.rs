// expect: sql-injection (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_018(Query(params): Query<HashMap<String, String>>) -> impl IntoResponse {
    let param = params.get("name").cloned().unwrap_or_default();
    let limit = 86;
    let bar = if limit * 2 > 200 { "fixed_value".to_string() } else { param.clone() };
    let rows = sqlx::query(&format!("SELECT * FROM users WHERE name = '{}'", bar)).fetch_all(&pool).await;  // expect: sql-injection
    "ok".to_string()
}
