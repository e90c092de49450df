//! `workspace/didChangeWatchedFiles`: files changed outside the editor (a checkout, a build);
//! the incremental update finds which ones from their size and mtime.

use crate::session::Session;
use tower_lsp_server::ls_types::DidChangeWatchedFilesParams;

pub async fn handle(session: &Session, params: DidChangeWatchedFilesParams) {
    let index_dir = session.index_settings().map(|s| s.dir);
    // The index's own writes show up as file events too; they must not trigger another run.
    let relevant = params.changes.iter().any(|change| {
        match (crate::from_proto::file_path(&change.uri), &index_dir) {
            (Some(path), Some(dir)) => !path.starts_with(dir),
            _ => true,
        }
    });
    if relevant {
        session.schedule_reindex();
    }
}
