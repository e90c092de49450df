// expect: command-injection (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_017(Query(params): Query<HashMap<String, String>>) -> impl IntoResponse {
    let param = params.get("name").cloned().unwrap_or_default();
    let mut values_list = vec!["safe".to_string(), param.clone(), "moresafe".to_string()];
    values_list.remove(0);
    let bar = values_list[0].clone();
    let out = Command::new("sh").arg("-c").arg(format!("ping -c 1 {}", bar)).output();  // expect: command-injection
    "ok".to_string()
}
