//! `workspace/executeCommand`: `rlm.ask` (the RLM loop, see [`super::ask`]), `rlm.reindex` (an index update now, answering with its report),
//! `rlm.scanWorkspace` (a security scan of the whole workspace, shown as diagnostics) and
//! `rlm.explainFinding` (a finding's explanation, sent as an answer).

use crate::ext;
use crate::session::{Session, blocking};
use crate::to_proto;
use rlm_engine::audit::Finding;
use rlm_engine::explain::explain_finding;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{ExecuteCommandParams, LSPAny, MessageType, Uri};

/// The commands the server executes, as announced in `initialize`.
pub const COMMANDS: &[&str] = &[
    "rlm.ask",
    "rlm.reindex",
    "rlm.scanWorkspace",
    "rlm.explainFinding",
];

pub async fn handle(session: &Session, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
    match params.command.as_str() {
        "rlm.ask" => {
            let token = params.work_done_progress_params.work_done_token;
            crate::handlers::ask::handle(session, &params.arguments, token).await
        }
        "rlm.reindex" => reindex(session).await,
        "rlm.scanWorkspace" => scan(session).await,
        "rlm.explainFinding" => explain(session, &params.arguments).await,
        other => Err(Error::invalid_params(format!(
            "unknown command {other:?}; this server runs {}",
            COMMANDS.join(", ")
        ))),
    }
}

async fn reindex(session: &Session) -> Result<Option<LSPAny>> {
    let Some(indexer) = session.indexer.get() else {
        return Err(to_proto::error(
            "the server is not initialized yet: send `initialized` first",
        ));
    };
    let report = indexer.run_now().await.map_err(to_proto::error)?;
    Ok(Some(serde_json::to_value(&report).unwrap_or(Value::Null)))
}

async fn scan(session: &Session) -> Result<Option<LSPAny>> {
    let (Some((rules, options)), Some(root)) = (crate::findings::rules(session), session.root())
    else {
        return Err(to_proto::error(
            "security scanning is off or has no rules: check audit settings and the server log",
        ));
    };
    let Some(loaded) = session.workspace.get().map(|w| w.config.clone()) else {
        return Err(to_proto::error("no workspace folder is open"));
    };
    let scan_root = root.to_path_buf();
    let report =
        blocking(move || crate::findings::scan_whole(&scan_root, &loaded, &rules, options)).await?;
    let mut by_path: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
    let mut by_severity: BTreeMap<String, usize> = BTreeMap::new();
    for finding in &report.findings {
        *by_severity.entry(finding.severity.to_string()).or_default() += 1;
        by_path
            .entry(finding.path.clone())
            .or_default()
            .push(finding.clone());
    }
    if session.pull_diagnostics() {
        if let Err(e) = session.client.workspace_diagnostic_refresh().await {
            tracing::info!("the client did not refresh diagnostics: {e}");
        }
    } else {
        for (path, findings) in &by_path {
            let (Some(uri), Ok(text)) = (
                to_proto::uri(root, path),
                std::fs::read_to_string(root.join(path)),
            ) else {
                continue;
            };
            let diagnostics = findings
                .iter()
                .map(|f| to_proto::diagnostic(&uri, f, &text))
                .collect();
            session
                .client
                .publish_diagnostics(uri, diagnostics, None)
                .await;
        }
    }
    Ok(Some(json!({
        "findings": report.findings.len(),
        "files": by_path.len(),
        "filesScanned": report.files_scanned,
        "bySeverity": by_severity,
    })))
}

async fn explain(session: &Session, arguments: &[Value]) -> Result<Option<LSPAny>> {
    let usage = || {
        Error::invalid_params(
            "rlm.explainFinding takes [uri, fingerprint] (as its code action sends them)",
        )
    };
    let uri: Uri = arguments
        .first()
        .and_then(Value::as_str)
        .and_then(|s| s.parse().ok())
        .ok_or_else(usage)?;
    let fingerprint = arguments.get(1).and_then(Value::as_str).ok_or_else(usage)?;
    let scanned = match session.scanned(&uri) {
        Some(s) => Some(s),
        None => crate::findings::scan_document(session, &uri).await,
    };
    let finding = scanned
        .and_then(|s| s.findings.into_iter().find(|f| f.fingerprint == fingerprint))
        .ok_or_else(|| {
            Error::invalid_params(
                "no such finding in this document any more (it was fixed or the file changed); scan again",
            )
        })?;
    let Some((rules, _)) = crate::findings::rules(session) else {
        return Err(to_proto::error("security rules are not loaded"));
    };
    let markdown = explain_finding(&finding, &rules);
    let title = format!("{} ({})", finding.title, finding.rule_id);
    answer(session, &title, &markdown, Some(&uri)).await;
    Ok(Some(json!({ "title": title, "markdown": markdown })))
}

/// Shows an answer: `rlm/answer` for clients that render it, `window/showMessage` otherwise.
pub async fn answer(session: &Session, title: &str, markdown: &str, uri: Option<&Uri>) {
    if session.answer_supported() {
        session
            .client
            .send_notification::<ext::Answer>(ext::AnswerParams {
                title: title.into(),
                markdown: markdown.into(),
                uri: uri.map(|u| u.as_str().to_string()),
            })
            .await;
    } else {
        session
            .client
            .show_message(MessageType::INFO, format!("{title}\n\n{markdown}"))
            .await;
    }
}
