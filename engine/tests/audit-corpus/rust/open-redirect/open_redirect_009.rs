// ok: open-redirect
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_009(Path(param): Path<String>) -> impl IntoResponse {
    let bar = param.clone();
    let q = urlencoding::encode(&bar);
    return Redirect::to(&format!("/search?q={}", q));
    "ok".to_string()
}
