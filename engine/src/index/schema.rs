//! The tantivy schema: one document per chunk (what search returns) and one per symbol (what
//! symbol look-ups, hover and go-to-definition read).

use super::tokenizer::CodeTokenizer;
use tantivy::schema::{
    Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{TextAnalyzer, TokenizerManager};

/// The name under which the code tokenizer is registered.
pub const CODE_TOKENIZER: &str = "rlm_code";

/// Document types, stored in the `doc_type` field.
pub const DOC_CHUNK: &str = "chunk";
pub const DOC_SYMBOL: &str = "symbol";

/// Handles to the schema's fields.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub doc_type: Field,
    pub path: Field,
    pub path_text: Field,
    pub lang: Field,
    pub symbol: Field,
    pub name_exact: Field,
    pub name_lower: Field,
    pub kind: Field,
    pub container: Field,
    pub start_line: Field,
    pub end_line: Field,
    pub text: Field,
    pub signature: Field,
    pub doc: Field,
}

pub fn build_schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let code = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(CODE_TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        doc_type: builder.add_text_field("doc_type", STRING | STORED),
        path: builder.add_text_field("path", STRING | STORED),
        path_text: builder.add_text_field("path_text", code.clone()),
        lang: builder.add_text_field("lang", STRING | STORED),
        symbol: builder.add_text_field("symbol", code.clone() | STORED),
        name_exact: builder.add_text_field("name_exact", STRING),
        name_lower: builder.add_text_field("name_lower", STRING),
        kind: builder.add_text_field("kind", STRING | STORED),
        container: builder.add_text_field("container", STORED),
        start_line: builder.add_u64_field("start_line", STORED | INDEXED),
        end_line: builder.add_u64_field("end_line", STORED),
        text: builder.add_text_field("text", code | STORED),
        signature: builder.add_text_field("signature", STORED),
        doc: builder.add_text_field("doc", STORED),
    };
    (builder.build(), fields)
}

/// Registers the document-side code tokenizer on an index.
pub fn register_tokenizers(manager: &TokenizerManager) {
    manager.register(
        CODE_TOKENIZER,
        TextAnalyzer::builder(CodeTokenizer::for_documents()).build(),
    );
}

/// A tokenizer manager for parsing queries: the same name, the query-side tokenizer.
pub fn query_tokenizers() -> TokenizerManager {
    let manager = TokenizerManager::default();
    manager.register(
        CODE_TOKENIZER,
        TextAnalyzer::builder(CodeTokenizer::for_queries()).build(),
    );
    manager
}
