// ok: open-redirect
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_012(Query(params): Query<HashMap<String, String>>) -> impl IntoResponse {
    let param = params.get("name").cloned().unwrap_or_default();
    let limit = 86;
    let bar = if limit * 3 > 200 { "fixed_value".to_string() } else { param.clone() };
    return Redirect::to(&bar);
    "ok".to_string()
}
