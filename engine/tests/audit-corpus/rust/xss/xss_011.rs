// ok: xss
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_011(Path(param): Path<String>) -> impl IntoResponse {
    let bar = param.clone();
    return Html(format!("<h1>Hello {}</h1>", html_escape::encode_text(&bar)));
    "ok".to_string()
}
