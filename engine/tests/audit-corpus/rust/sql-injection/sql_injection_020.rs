// expect: sql-injection (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_020(query: web::Query<Params>) -> impl Responder {
    let param = query.name.clone();
    let mut values = HashMap::new();
    values.insert("keyA", "a_Value".to_string());
    values.insert("keyB", param.clone());
    values.insert("keyC", "another_Value".to_string());
    let bar = values.get("keyB").cloned().unwrap_or_default();
    conn.execute(&format!("DELETE FROM sessions WHERE user = '{}'", bar), []).ok();  // expect: sql-injection
    "ok".to_string()
}
