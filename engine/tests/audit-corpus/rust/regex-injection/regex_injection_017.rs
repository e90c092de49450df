// expect: regex-injection (on the marked line)
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
    let matched = Regex::new(&bar).map(|re| re.is_match("input text"));  // expect: regex-injection
    "ok".to_string()
}
