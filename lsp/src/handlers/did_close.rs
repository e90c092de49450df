//! `textDocument/didClose`: forget the buffer; the index goes back to the file on disk.

use crate::session::Session;
use tower_lsp_server::ls_types::DidCloseTextDocumentParams;

pub async fn handle(session: &Session, params: DidCloseTextDocumentParams) {
    let uri = params.text_document.uri;
    session.close_document(&uri);
    session.forget_scanned(&uri);
    session.schedule_reindex();
    if !session.pull_diagnostics() {
        // Findings are shown for open buffers only: clear them.
        session
            .client
            .publish_diagnostics(uri, Vec::new(), None)
            .await;
    }
}
