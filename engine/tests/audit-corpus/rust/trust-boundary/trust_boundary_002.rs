// expect: trust-boundary (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_002(query: web::Query<Params>) -> impl Responder {
    let param = query.name.clone();
    let bar = param.clone();
    session.insert("role", &bar).ok();  // expect: trust-boundary
    "ok".to_string()
}
