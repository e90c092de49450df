// ok: ldap-injection
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

#[derive(serde::Deserialize)]
pub struct Params {
    name: String,
}

async fn handle_007(Query(params): Query<HashMap<String, String>>) -> impl IntoResponse {
    let param = params.get("name").cloned().unwrap_or_default();
    let bar = param.clone();
    let user = ldap3::ldap_escape(&bar);
    ldap.search("ou=users,dc=example,dc=com", Scope::Subtree, &format!("(uid={})", user), vec!["cn"]).await.ok();
    "ok".to_string()
}
