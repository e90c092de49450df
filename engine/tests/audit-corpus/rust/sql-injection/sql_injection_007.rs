// expect: sql-injection (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_007(Query(params): Query<HashMap<String, String>>) -> impl IntoResponse {
    let param = params.get("name").cloned().unwrap_or_default();
    let bar = format!("item-{}", param);
    let rows = sqlx::query(&format!("SELECT * FROM users WHERE name = '{}'", bar)).fetch_all(&pool).await;  // expect: sql-injection
    "ok".to_string()
}
