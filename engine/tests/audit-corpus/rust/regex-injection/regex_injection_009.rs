// ok: regex-injection
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_009(Path(param): Path<String>) -> impl IntoResponse {
    let bar = param.clone();
    let matched = Regex::new(&regex::escape(&bar)).map(|re| re.is_match("input text"));
    "ok".to_string()
}
