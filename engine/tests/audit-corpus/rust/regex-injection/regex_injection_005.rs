// expect: regex-injection (on the marked line)
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

async fn handle_005(Path(param): Path<String>) -> impl IntoResponse {
    let bar = decorate(&param);
    let matched = Regex::new(&bar).map(|re| re.is_match("input text"));  // expect: regex-injection
    "ok".to_string()
}
