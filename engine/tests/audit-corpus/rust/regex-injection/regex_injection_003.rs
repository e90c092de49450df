// expect: regex-injection (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_003(Query(params): Query<HashMap<String, String>>) -> impl IntoResponse {
    let param = params.get("name").cloned().unwrap_or_default();
    let bar = format!("item-{}", param);
    let matched = Regex::new(&bar).map(|re| re.is_match("input text"));  // expect: regex-injection
    "ok".to_string()
}
