// expect: ldap-injection (on the marked line)
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_019(Query(params): Query<HashMap<String, String>>) -> impl IntoResponse {
    let param = params.get("name").cloned().unwrap_or_default();
    let selector = 1;
    let bar = match selector {
        1 => param.clone(),
        2 => "bob".to_string(),
        _ => "bob's your uncle".to_string(),
    };
    ldap.search("ou=users,dc=example,dc=com", Scope::Subtree, &format!("(uid={})", bar), vec!["cn"]).await.ok();  // expect: ldap-injection
    "ok".to_string()
}
