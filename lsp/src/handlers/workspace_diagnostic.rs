//! `workspace/diagnostic` (pull): the security findings of every file of the workspace, from a
//! full scan (open buffers are reported from their unsaved text).

use crate::session::Session;
use crate::to_proto;
use rlm_engine::audit::Finding;
use std::collections::BTreeMap;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    FullDocumentDiagnosticReport, WorkspaceDiagnosticParams, WorkspaceDiagnosticReport,
    WorkspaceDiagnosticReportResult, WorkspaceDocumentDiagnosticReport,
    WorkspaceFullDocumentDiagnosticReport,
};

pub async fn handle(
    session: &Session,
    _params: WorkspaceDiagnosticParams,
) -> Result<WorkspaceDiagnosticReportResult> {
    let empty =
        WorkspaceDiagnosticReportResult::Report(WorkspaceDiagnosticReport { items: vec![] });
    let (Some((rules, options)), Some(root)) = (crate::findings::rules(session), session.root())
    else {
        return Ok(empty);
    };
    let Some(loaded) = session.workspace.get().map(|w| w.config.clone()) else {
        return Ok(empty);
    };
    let scan_root = root.to_path_buf();
    let report = crate::session::blocking(move || {
        crate::findings::scan_whole(&scan_root, &loaded, &rules, options)
    })
    .await?;
    let mut by_path: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
    for finding in report.findings {
        by_path
            .entry(finding.path.clone())
            .or_default()
            .push(finding);
    }
    let mut items = Vec::new();
    for (path, findings) in by_path {
        let Some(uri) = to_proto::uri(root, &path) else {
            continue;
        };
        let (text, version, findings) = match session.document_text(&uri) {
            // An open buffer: its own findings, from its unsaved text.
            Some(_) => match crate::findings::scan_document(session, &uri).await {
                Some(s) => (s.text, s.version.map(i64::from), s.findings),
                None => continue,
            },
            None => match std::fs::read_to_string(root.join(&path)) {
                Ok(text) => (text, None, findings),
                Err(_) => continue,
            },
        };
        let diagnostics = findings
            .iter()
            .map(|f| to_proto::diagnostic(&uri, f, &text))
            .collect();
        items.push(WorkspaceDocumentDiagnosticReport::Full(
            WorkspaceFullDocumentDiagnosticReport {
                uri,
                version,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: None,
                    items: diagnostics,
                },
            },
        ));
    }
    Ok(WorkspaceDiagnosticReportResult::Report(
        WorkspaceDiagnosticReport { items },
    ))
}
