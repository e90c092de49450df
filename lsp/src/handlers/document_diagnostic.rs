//! `textDocument/diagnostic` (pull): the security findings of one document.

use crate::session::Session;
use crate::to_proto;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    DocumentDiagnosticParams, DocumentDiagnosticReport, DocumentDiagnosticReportResult,
    FullDocumentDiagnosticReport, RelatedFullDocumentDiagnosticReport,
};

pub async fn handle(
    session: &Session,
    params: DocumentDiagnosticParams,
) -> Result<DocumentDiagnosticReportResult> {
    let items = match crate::findings::scan_document(session, &params.text_document.uri).await {
        Some(scanned) => scanned
            .findings
            .iter()
            .map(|f| to_proto::diagnostic(&params.text_document.uri, f, &scanned.text))
            .collect(),
        None => Vec::new(),
    };
    Ok(DocumentDiagnosticReportResult::Report(
        DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                result_id: None,
                items,
            },
        }),
    ))
}
