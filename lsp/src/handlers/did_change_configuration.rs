//! `workspace/didChangeConfiguration`: merge the new settings; index settings trigger an update
//! and audit settings a reload of the rules.

use crate::session::Session;
use tower_lsp_server::ls_types::{DidChangeConfigurationParams, MessageType};

pub async fn handle(session: &Session, params: DidChangeConfigurationParams) {
    let before = session.settings();
    match before.merged(&params.settings) {
        Ok(after) => {
            let reindex =
                after.index != before.index || after.index_unsaved != before.index_unsaved;
            let rescan = after.audit != before.audit;
            session.set_settings(after);
            if rescan {
                // Rules are reloaded with the new selection on next use.
                session.set_rules(None);
            }
            if reindex {
                session.schedule_reindex();
            }
        }
        Err(e) => {
            session
                .client
                .show_message(MessageType::WARNING, format!("rlm: {e}"))
                .await
        }
    }
}
