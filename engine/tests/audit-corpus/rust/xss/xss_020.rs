// ok: xss
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_020(Query(params): Query<HashMap<String, String>>) -> impl IntoResponse {
    let param = params.get("name").cloned().unwrap_or_default();
    let limit = 86;
    let bar = if limit * 3 > 200 { "fixed_value".to_string() } else { param.clone() };
    return Html(format!("<h1>Hello {}</h1>", bar));
    "ok".to_string()
}
