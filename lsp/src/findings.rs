//! Security findings for the editor: the rule set the workspace selects, the findings of each
//! open buffer (kept with the text they were computed on, so their byte spans convert to the
//! right protocol positions), and publishing them. Scanning itself is `rlm_engine::audit`.

use crate::session::Session;
use crate::to_proto;
use rlm_engine::audit::{
    AuditConfig, Finding, RuleSet, ScanOptions, ScanReport, ScanScope, ScopeOptions, scan_scope,
    scan_source,
};
use rlm_engine::config::LoadedConfig;
use std::path::Path;
use std::sync::Arc;
use tower_lsp_server::ls_types::Uri;

/// The findings of one buffer and the text they index into.
#[derive(Debug, Clone)]
pub struct Scanned {
    pub text: String,
    pub version: Option<i32>,
    pub findings: Vec<Finding>,
}

/// Loads the rule set from the workspace's `[audit]` section with the editor's overrides.
pub fn load_rules(session: &Session) -> Result<(Arc<RuleSet>, ScanOptions), String> {
    let workspace = session
        .workspace
        .get()
        .ok_or("no workspace folder is open: security rules come from the workspace's rlm.toml")?;
    let mut config: AuditConfig = workspace
        .config
        .section("audit")
        .map_err(|e| e.to_string())?;
    let settings = session.settings();
    config.enable.extend(settings.audit.enable.iter().cloned());
    config
        .disable
        .extend(settings.audit.disable.iter().cloned());
    let rules = config
        .rule_set(&workspace.root)
        .map_err(|e| e.to_string())?;
    let options = ScanOptions::from_config(&config, &workspace.config.config.index);
    Ok((Arc::new(rules), options))
}

/// The whole workspace scanned as every face scans it ([`scan_scope`]: `[audit]
/// max_file_size` and `[audit] baseline` apply), for the scan-workspace command and workspace
/// diagnostics. Blocking.
pub fn scan_whole(
    root: &Path,
    loaded: &LoadedConfig,
    rules: &RuleSet,
    scan: ScanOptions,
) -> Result<ScanReport, String> {
    let audit: AuditConfig = loaded.section("audit").map_err(|e| e.to_string())?;
    let mut options = ScopeOptions::from_config(root, &audit, &loaded.config.index);
    options.scan = scan;
    scan_scope(root, &ScanScope::Workspace, rules, &options)
        .map(|scoped| scoped.report)
        .map_err(|e| e.to_string())
}

/// The rule set in effect, loading it on first use.
pub fn rules(session: &Session) -> Option<(Arc<RuleSet>, ScanOptions)> {
    if !session.settings().audit.enabled {
        return None;
    }
    if let Some(loaded) = session.rules() {
        return Some(loaded);
    }
    match load_rules(session) {
        Ok(loaded) => {
            session.set_rules(Some(loaded.clone()));
            Some(loaded)
        }
        Err(e) => {
            tracing::error!("security rules not loaded: {e}");
            None
        }
    }
}

/// Scans the open buffer `uri` (or the file on disk), keeps and returns its findings.
pub async fn scan_document(session: &Session, uri: &Uri) -> Option<Scanned> {
    let (rules, _) = rules(session)?;
    let (text, version) =
        match session.with_documents(|d| d.get(uri).map(|d| (d.text.clone(), d.version))) {
            Some((text, version)) => (text, Some(version)),
            None => (
                std::fs::read_to_string(crate::from_proto::file_path(uri)?).ok()?,
                None,
            ),
        };
    let path = session.rel_path(uri).or_else(|| {
        Some(
            crate::from_proto::file_path(uri)?
                .to_string_lossy()
                .into_owned(),
        )
    })?;
    let scan_text = text.clone();
    let scan = tokio::task::spawn_blocking(move || scan_source(&path, &scan_text, &rules))
        .await
        .ok()?;
    let scanned = Scanned {
        text,
        version,
        findings: scan.findings,
    };
    session.set_scanned(uri.clone(), scanned.clone());
    Some(scanned)
}

/// Scans `uri` and publishes its diagnostics, unless the client pulls them itself.
pub async fn publish(session: &Session, uri: &Uri) {
    if session.pull_diagnostics() {
        return;
    }
    if let Some(scanned) = scan_document(session, uri).await {
        let diagnostics = scanned
            .findings
            .iter()
            .map(|f| to_proto::diagnostic(uri, f, &scanned.text))
            .collect();
        session
            .client
            .publish_diagnostics(uri.clone(), diagnostics, scanned.version)
            .await;
    }
}
