//! `textDocument/codeAction`: for each security finding in the range, its quick fix (as a
//! workspace edit) when the audit offers one, and "Explain this finding"; for a non-empty
//! selection, "Ask RLM about this selection".

use crate::session::Session;
use crate::to_proto;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{CodeActionOrCommand, CodeActionParams, CodeActionResponse};

pub async fn handle(
    session: &Session,
    params: CodeActionParams,
) -> Result<Option<CodeActionResponse>> {
    let uri = params.text_document.uri;
    let current = session.document_text(&uri);
    // Rescan when the buffer moved on since its last scan: spans must index the current text.
    let scanned = match session.scanned(&uri) {
        Some(s) if current.as_ref().is_none_or(|t| *t == s.text) => Some(s),
        _ => crate::findings::scan_document(session, &uri).await,
    };
    let Some(scanned) = scanned else {
        return Ok(None);
    };
    let (Some(start), Some(end)) = (
        crate::from_proto::offset(&scanned.text, params.range.start),
        crate::from_proto::offset(&scanned.text, params.range.end),
    ) else {
        return Ok(None);
    };
    let mut actions = Vec::new();
    for finding in &scanned.findings {
        // Overlapping or touching the requested range (a cursor is an empty range).
        if finding.span.start.byte > end || finding.span.end.byte < start {
            continue;
        }
        if let Some(fix) = to_proto::quick_fix(&uri, finding, &scanned.text) {
            actions.push(CodeActionOrCommand::CodeAction(fix));
        }
        actions.push(CodeActionOrCommand::CodeAction(to_proto::explain_action(
            &uri,
            finding,
            &scanned.text,
        )));
    }
    if start < end {
        actions.push(CodeActionOrCommand::CodeAction(to_proto::ask_action(
            &uri,
            params.range,
            crate::handlers::ask::SELECTION_QUESTION,
        )));
    }
    Ok(Some(actions))
}
