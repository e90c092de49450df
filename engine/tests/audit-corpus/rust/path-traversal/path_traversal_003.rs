// expect: path-traversal (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_003(Path(param): Path<String>) -> impl IntoResponse {
    let bar = param.clone();
    let file = std::fs::File::open(Path::new("/var/app/files").join(&bar));  // expect: path-traversal
    "ok".to_string()
}
