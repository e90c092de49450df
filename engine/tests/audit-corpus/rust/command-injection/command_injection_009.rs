// ok: command-injection
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_009(Query(params): Query<HashMap<String, String>>) -> impl IntoResponse {
    let param = params.get("name").cloned().unwrap_or_default();
    let bar = param.clone();
    let out = Command::new("ping").arg("-c").arg("1").arg(&bar).output();
    "ok".to_string()
}
