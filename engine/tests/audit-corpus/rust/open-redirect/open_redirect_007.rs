// ok: open-redirect
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_007(Query(params): Query<HashMap<String, String>>) -> impl IntoResponse {
    let param = params.get("name").cloned().unwrap_or_default();
    let bar = param.clone();
    let q = urlencoding::encode(&bar);
    return Redirect::to(&format!("/search?q={}", q));
    "ok".to_string()
}
