// ok: template-injection
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_008(query: web::Query<Params>) -> impl Responder {
    let param = query.name.clone();
    let bar = param.clone();
    let mut ctx = Context::new();
    ctx.insert("name", &bar);
    let page = Tera::one_off("<h1>Hello {{ name }}</h1>", &ctx, true);
    "ok".to_string()
}
