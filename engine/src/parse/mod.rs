//! Source understanding: which language a file is in, which symbols it defines, and how it is
//! cut into chunks for the index.
//!
//! Symbol extraction walks the tree-sitter syntax tree with a per-language table of definition
//! node kinds (data, in [`language`]); chunking follows those symbols so a search hit is a whole
//! function or class where possible, with a bounded size for long symbols and for files no grammar
//! covers.

mod chunk;
mod language;
mod symbols;

#[cfg(test)]
mod outline_tests;

pub use chunk::{Chunk, ChunkLimits, chunk_file};
pub use language::Language;
pub use symbols::{Symbol, SymbolKind, extract_symbols, extract_symbols_and_tree};
