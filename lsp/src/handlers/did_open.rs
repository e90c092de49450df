//! `textDocument/didOpen`: keep the editor's text, let the index pick it up, and publish the
//! buffer's security findings.

use crate::session::{Document, Session};
use tower_lsp_server::ls_types::DidOpenTextDocumentParams;

pub async fn handle(session: &Session, params: DidOpenTextDocumentParams) {
    let doc = params.text_document;
    let uri = doc.uri.clone();
    session.open_document(
        doc.uri,
        Document {
            text: doc.text,
            version: doc.version,
        },
    );
    session.schedule_reindex();
    crate::findings::publish(session, &uri).await;
}
