// ok: xss
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_016(Form(form): Form<Params>) -> impl IntoResponse {
    let param = form.name.clone();
    let bar = param.clone();
    return HttpResponse::Ok().content_type("text/plain").body(bar);
    "ok".to_string()
}
