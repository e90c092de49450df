// ok: sql-injection
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_015(Path(param): Path<String>) -> impl IntoResponse {
    let bar = param.clone();
    conn.execute("DELETE FROM sessions WHERE user = ?1", [&bar]).ok();
    "ok".to_string()
}
