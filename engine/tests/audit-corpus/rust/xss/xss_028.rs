// ok: xss
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_028(Query(params): Query<HashMap<String, String>>) -> impl IntoResponse {
    let param = params.get("name").cloned().unwrap_or_default();
    let selector = 2;
    let bar = match selector {
        1 => param.clone(),
        2 => "bob".to_string(),
        _ => "bob's your uncle".to_string(),
    };
    return Html(format!("<h1>Hello {}</h1>", bar));
    "ok".to_string()
}
