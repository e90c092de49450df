// ok: path-traversal
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_011(Path(param): Path<String>) -> impl IntoResponse {
    let bar = param.clone();
    let name = Path::new(&bar).file_name().map(|n| n.to_owned()).unwrap_or_default();
    let data = std::fs::read_to_string(Path::new("/var/app/files").join(name));
    "ok".to_string()
}
