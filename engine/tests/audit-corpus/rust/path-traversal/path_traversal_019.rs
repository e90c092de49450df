// expect: path-traversal (on the marked line)
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

async fn handle_019(query: web::Query<Params>) -> impl Responder {
    let param = query.name.clone();
    let bar = do_something(&param);
    let file = std::fs::File::open(Path::new("/var/app/files").join(&bar));  // expect: path-traversal
    "ok".to_string()
}
