// expect: insecure-temp-file (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

pub async fn handle_001() -> impl IntoResponse {
    std::fs::write("/tmp/report.csv", b"a,b").ok();  // expect: insecure-temp-file
    "ok".to_string()
}
