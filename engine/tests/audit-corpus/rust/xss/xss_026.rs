// ok: xss
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

fn do_something(value: &str) -> String {
    let fixed = "safe!";
    fixed.to_string()
}

async fn handle_026(query: web::Query<Params>) -> impl Responder {
    let param = query.name.clone();
    let bar = do_something(&param);
    return HttpResponse::Ok().content_type("text/html").body(format!("<p>{}</p>", bar));
    "ok".to_string()
}
