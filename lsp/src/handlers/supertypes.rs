//! `typeHierarchy/supertypes`: the types the item extends or implements.

use crate::session::{Session, Texts, blocking};
use crate::to_proto;
use rlm_engine::graph::Graph;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{TypeHierarchyItem, TypeHierarchySupertypesParams};

pub async fn handle(
    session: &Session,
    params: TypeHierarchySupertypesParams,
) -> Result<Option<Vec<TypeHierarchyItem>>> {
    let (Some(id), Some(dir), Some(root)) = (
        crate::from_proto::item_id(params.item.data.as_ref()),
        session.graph_dir(),
        session.root(),
    ) else {
        return Ok(None);
    };
    let types = blocking(move || Graph::open(&dir)?.supertypes(id)).await?;
    let mut texts = Texts::new(session);
    Ok(Some(
        types
            .iter()
            .filter_map(|t| to_proto::type_item(root, t, texts.get(&t.path)))
            .collect(),
    ))
}
