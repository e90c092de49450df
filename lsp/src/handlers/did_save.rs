//! `textDocument/didSave`: the file on disk changed; update the index after the debounce.

use crate::session::Session;
use tower_lsp_server::ls_types::DidSaveTextDocumentParams;

pub async fn handle(session: &Session, _params: DidSaveTextDocumentParams) {
    session.schedule_reindex();
}
