//! The server's protocol extensions: custom notifications editors may render. Each is a plain
//! LSP notification with a method under `rlm/`; clients that do not know them ignore them.

use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::notification::Notification;

/// `rlm/status`: the index's state, for a status-bar item. Sent when indexing starts and ends.
pub enum Status {}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusParams {
    /// `indexing`, `ready` or `error`.
    pub state: String,
    /// Files in the index (after the run, when `ready`).
    pub files: usize,
    /// A line for people: the run's summary or the error.
    pub message: String,
}

impl Notification for Status {
    type Params = StatusParams;
    const METHOD: &'static str = "rlm/status";
}

/// `rlm/answer`: a Markdown answer for the user (an explanation, an RLM answer). Clients that
/// announce `experimental.rlmAnswer` render it (a webview, a floating window); others get the
/// text through `window/showMessage` instead.
pub enum Answer {}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerParams {
    pub title: String,
    pub markdown: String,
    /// The document the answer is about, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
}

impl Notification for Answer {
    type Params = AnswerParams;
    const METHOD: &'static str = "rlm/answer";
}
