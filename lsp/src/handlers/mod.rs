//! One file per request or notification. A handler converts the parameters (`from_proto`),
//! calls the engine, and converts the answer back (`to_proto`); anything more belongs in the
//! engine.

pub mod ask;
pub mod code_action;
pub mod definition;
pub mod did_change;
pub mod did_change_configuration;
pub mod did_change_watched_files;
pub mod did_close;
pub mod did_open;
pub mod did_save;
pub mod document_diagnostic;
pub mod document_symbol;
pub mod execute_command;
pub mod hover;
pub mod implementation;
pub mod incoming_calls;
pub mod initialize;
pub mod initialized;
pub mod outgoing_calls;
pub mod prepare_call_hierarchy;
pub mod prepare_type_hierarchy;
pub mod references;
pub mod subtypes;
pub mod supertypes;
pub mod work_done_progress_cancel;
pub mod workspace_diagnostic;
pub mod workspace_symbol;
