// ok: trust-boundary
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
    let page: u32 = bar.parse().unwrap_or(1);
    session.insert("page", page).ok();
    "ok".to_string()
}
