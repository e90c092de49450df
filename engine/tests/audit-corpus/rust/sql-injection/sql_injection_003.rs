// expect: sql-injection (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_003(Path(param): Path<String>) -> impl IntoResponse {
    let bar = param.clone();
    conn.execute(&format!("DELETE FROM sessions WHERE user = '{}'", bar), []).ok();  // expect: sql-injection
    "ok".to_string()
}
