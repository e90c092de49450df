//! `textDocument/didOpen`: keep the editor's text and let the index pick it up.

use crate::session::{Document, Session};
use tower_lsp_server::ls_types::DidOpenTextDocumentParams;

pub async fn handle(session: &Session, params: DidOpenTextDocumentParams) {
    let doc = params.text_document;
    session.open_document(
        doc.uri,
        Document {
            text: doc.text,
            version: doc.version,
        },
    );
    session.schedule_reindex();
}
