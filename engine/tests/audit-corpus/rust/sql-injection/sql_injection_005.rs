// expect: sql-injection (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_005(Query(params): Query<HashMap<String, String>>) -> impl IntoResponse {
    let param = params.get("name").cloned().unwrap_or_default();
    let bar = param.clone();
    let sql = format!("UPDATE users SET seen = 1 WHERE name = '{}'", bar);
    client.query(&sql, &[]).await.ok();  // expect: sql-injection
    "ok".to_string()
}
