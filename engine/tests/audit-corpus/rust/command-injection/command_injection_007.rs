// expect: command-injection (on the marked line)
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

async fn handle_007(Path(param): Path<String>) -> impl IntoResponse {
    let bar = decorate(&param);
    let out = Command::new("sh").arg("-c").arg(format!("ping -c 1 {}", bar)).output();  // expect: command-injection
    "ok".to_string()
}
