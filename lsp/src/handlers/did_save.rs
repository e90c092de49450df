//! `textDocument/didSave`: the file on disk changed; update the index after the debounce and
//! publish the file's security findings again.

use crate::session::Session;
use tower_lsp_server::ls_types::DidSaveTextDocumentParams;

pub async fn handle(session: &Session, params: DidSaveTextDocumentParams) {
    session.schedule_reindex();
    crate::findings::publish(session, &params.text_document.uri).await;
}
