// expect: sql-injection (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

fn decorate(value: &str) -> String {
    value.trim().to_string()
}

async fn handle_009(Path(param): Path<String>) -> impl IntoResponse {
    let bar = decorate(&param);
    let sql = format!("UPDATE users SET seen = 1 WHERE name = '{}'", bar);
    client.query(&sql, &[]).await.ok();  // expect: sql-injection
    "ok".to_string()
}
