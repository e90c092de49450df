//! `textDocument/didClose`: forget the buffer; the index goes back to the file on disk.

use crate::session::Session;
use tower_lsp_server::ls_types::DidCloseTextDocumentParams;

pub async fn handle(session: &Session, params: DidCloseTextDocumentParams) {
    session.close_document(&params.text_document.uri);
    session.schedule_reindex();
}
