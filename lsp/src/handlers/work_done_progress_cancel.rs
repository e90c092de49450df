//! `window/workDoneProgress/cancel`: the user pressed cancel on a running question's progress.

use crate::session::Session;
use tower_lsp_server::ls_types::{NumberOrString, WorkDoneProgressCancelParams};

pub async fn handle(session: &Session, params: WorkDoneProgressCancelParams) {
    let key = match params.token {
        NumberOrString::Number(n) => n.to_string(),
        NumberOrString::String(s) => s,
    };
    session.cancel_tracked(&key);
}
