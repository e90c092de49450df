// ok: template-injection
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
    let mut ctx = Context::new();
    ctx.insert("name", &bar);
    let page = Tera::one_off("<h1>Hello {{ name }}</h1>", &ctx, true);
    "ok".to_string()
}
