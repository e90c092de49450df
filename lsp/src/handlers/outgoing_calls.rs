//! `callHierarchy/outgoingCalls`: what the item calls, each callee with the ranges of the calls
//! in the item's own file.

use crate::session::{Session, Texts, blocking};
use crate::to_proto;
use rlm_engine::graph::Graph;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{CallHierarchyOutgoingCall, CallHierarchyOutgoingCallsParams};

pub async fn handle(
    session: &Session,
    params: CallHierarchyOutgoingCallsParams,
) -> Result<Option<Vec<CallHierarchyOutgoingCall>>> {
    let (Some(id), Some(dir), Some(root)) = (
        crate::from_proto::item_id(params.item.data.as_ref()),
        session.graph_dir(),
        session.root(),
    ) else {
        return Ok(None);
    };
    let sites = blocking(move || Graph::open(&dir)?.callees(id, 1)).await?;
    let mut texts = Texts::new(session);
    let calls = sites
        .iter()
        .filter_map(|site| {
            let here = texts.get(&site.path).map(str::to_string);
            let there = texts.get(&site.callee.path).map(str::to_string);
            Some(CallHierarchyOutgoingCall {
                to: to_proto::call_item(root, &site.callee, there.as_deref())?,
                from_ranges: site
                    .spans
                    .iter()
                    .map(|s| to_proto::span_range(here.as_deref(), *s))
                    .collect(),
            })
        })
        .collect();
    Ok(Some(calls))
}
