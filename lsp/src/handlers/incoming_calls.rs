//! `callHierarchy/incomingCalls`: who calls the item (its id travels in the item's `data`),
//! each caller with the ranges of its calls; calls at a module's top level come from the file.

use crate::session::{Session, Texts, blocking};
use crate::to_proto;
use rlm_engine::graph::Graph;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{CallHierarchyIncomingCall, CallHierarchyIncomingCallsParams};

pub async fn handle(
    session: &Session,
    params: CallHierarchyIncomingCallsParams,
) -> Result<Option<Vec<CallHierarchyIncomingCall>>> {
    let (Some(id), Some(dir), Some(root)) = (
        crate::from_proto::item_id(params.item.data.as_ref()),
        session.graph_dir(),
        session.root(),
    ) else {
        return Ok(None);
    };
    let sites = blocking(move || Graph::open(&dir)?.callers(id, 1)).await?;
    let mut texts = Texts::new(session);
    let calls = sites
        .iter()
        .filter_map(|site| {
            let text = texts.get(&site.path).map(str::to_string);
            let from = match &site.caller {
                Some(caller) => to_proto::call_item(root, caller, text.as_deref())?,
                None => to_proto::module_item(root, &site.path)?,
            };
            Some(CallHierarchyIncomingCall {
                from,
                from_ranges: site
                    .spans
                    .iter()
                    .map(|s| to_proto::span_range(text.as_deref(), *s))
                    .collect(),
            })
        })
        .collect();
    Ok(Some(calls))
}
