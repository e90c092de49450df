// expect: xss (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_003(Path(param): Path<String>) -> impl IntoResponse {
    let bar = param.clone();
    return HttpResponse::Ok().content_type("text/html").body(format!("<p>{}</p>", bar));  // expect: xss
    "ok".to_string()
}
