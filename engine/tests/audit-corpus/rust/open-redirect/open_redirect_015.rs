// expect: open-redirect (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_015(Query(params): Query<HashMap<String, String>>) -> impl IntoResponse {
    let param = params.get("name").cloned().unwrap_or_default();
    let mut values_list = vec!["safe".to_string(), param.clone(), "moresafe".to_string()];
    values_list.remove(0);
    let bar = values_list[0].clone();
    return Redirect::to(&bar);  // expect: open-redirect
    "ok".to_string()
}
