// expect: trust-boundary (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

fn do_something(value: &str) -> String {
    format!("{}_checked", value)
}

async fn handle_017(query: web::Query<Params>) -> impl Responder {
    let param = query.name.clone();
    let bar = do_something(&param);
    session.insert("role", &bar).ok();  // expect: trust-boundary
    "ok".to_string()
}
