// expect: path-traversal (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_015(query: web::Query<Params>) -> impl Responder {
    let param = query.name.clone();
    let mut values = HashMap::new();
    values.insert("keyA", "a_Value".to_string());
    values.insert("keyB", param.clone());
    values.insert("keyC", "another_Value".to_string());
    let bar = values.get("keyB").cloned().unwrap_or_default();
    let file = std::fs::File::open(Path::new("/var/app/files").join(&bar));  // expect: path-traversal
    "ok".to_string()
}
