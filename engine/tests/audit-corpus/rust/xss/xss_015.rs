// ok: xss
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_015(Path(param): Path<String>) -> impl IntoResponse {
    let bar = param.clone();
    return HttpResponse::Ok().content_type("text/plain").body(bar);
    "ok".to_string()
}
