// ok: command-injection
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_011(Path(param): Path<String>) -> impl IntoResponse {
    let bar = param.clone();
    let out = Command::new("ping").arg("-c").arg("1").arg(&bar).output();
    "ok".to_string()
}
