// expect: template-injection (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_006(Form(form): Form<Params>) -> impl IntoResponse {
    let param = form.name.clone();
    let mut bar = String::from("item-");
    bar.push_str(&param);
    let page = Tera::one_off(&format!("<h1>Hello {}</h1>", bar), &Context::new(), true);  // expect: template-injection
    "ok".to_string()
}
