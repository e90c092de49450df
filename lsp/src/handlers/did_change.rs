//! `textDocument/didChange`: apply the edits to the kept text and mark the index stale. An edit
//! the server cannot place means client and server disagree on the text: the document is
//! dropped (hover falls back to the file on disk) and the user is told to reopen it.

use crate::from_proto;
use crate::session::Session;
use tower_lsp_server::ls_types::{DidChangeTextDocumentParams, MessageType};

pub async fn handle(session: &Session, params: DidChangeTextDocumentParams) {
    let uri = params.text_document.uri;
    let version = params.text_document.version;
    let outcome = session.with_documents(|docs| {
        let Some(doc) = docs.get_mut(&uri) else {
            return Err(format!(
                "got changes for {} which is not open; reopen it",
                uri.as_str()
            ));
        };
        for change in params.content_changes {
            if let Err(e) = from_proto::apply_change(&mut doc.text, change) {
                docs.remove(&uri);
                return Err(format!("{e} in {}; reopen the file", uri.as_str()));
            }
        }
        doc.version = version;
        Ok(())
    });
    if let Err(message) = outcome {
        tracing::warn!("{message}");
        session
            .client
            .show_message(MessageType::WARNING, format!("rlm: {message}"))
            .await;
    }
    session.schedule_reindex();
}
