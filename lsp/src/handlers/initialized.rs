//! `initialized`: ask the client to watch the workspace's files and to route type hierarchy
//! requests to us (when it can register those dynamically), and start the first index update in
//! the background.

use crate::indexer::Indexer;
use crate::session::Session;
use std::sync::Arc;
use tower_lsp_server::ls_types::{
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, InitializedParams,
    Registration,
};

pub async fn handle(session: &Arc<Session>, _params: InitializedParams) {
    let indexer = session
        .indexer
        .get_or_init(|| Indexer::start(Arc::downgrade(session)));
    indexer.now();
    if session
        .type_hierarchy_dynamic
        .load(std::sync::atomic::Ordering::Relaxed)
    {
        let registration = Registration {
            id: "rlm-type-hierarchy".into(),
            method: "textDocument/prepareTypeHierarchy".into(),
            register_options: Some(serde_json::json!({ "documentSelector": null })),
        };
        if let Err(e) = session.client.register_capability(vec![registration]).await {
            tracing::info!("the client refused the type hierarchy registration: {e}");
        }
    }
    if !session
        .watch_supported
        .load(std::sync::atomic::Ordering::Relaxed)
    {
        // Without dynamic registration the client still sends didSave; outside edits wait for
        // the next save or `rlm.reindex`.
        return;
    }
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: vec![FileSystemWatcher {
            glob_pattern: GlobPattern::String("**/*".into()),
            kind: None,
        }],
    };
    let registration = Registration {
        id: "rlm-watch-files".into(),
        method: "workspace/didChangeWatchedFiles".into(),
        register_options: serde_json::to_value(options).ok(),
    };
    if let Err(e) = session.client.register_capability(vec![registration]).await {
        // Clients without dynamic registration still send didSave; only outside edits are missed.
        tracing::info!("the client does not watch files for us: {e}");
    }
}
