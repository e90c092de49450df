// ok: xss
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_013(Path(param): Path<String>) -> impl IntoResponse {
    let bar = param.clone();
    let escaped = html_escape::encode_text(&bar).to_string();
    return Html(format!("<h1>Hello {}</h1>", escaped));
    "ok".to_string()
}
