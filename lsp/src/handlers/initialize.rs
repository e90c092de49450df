//! `initialize`: fix the workspace root, read the editor's settings, and announce what the
//! server can do. Indexing starts in `initialized`, so this answers at once.

use crate::handlers::execute_command::COMMANDS;
use crate::session::{Session, load_workspace};
use std::sync::atomic::Ordering;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    CallHierarchyServerCapability, CodeActionKind, CodeActionOptions, CodeActionProviderCapability,
    DiagnosticOptions, DiagnosticServerCapabilities, ExecuteCommandOptions,
    HoverProviderCapability, ImplementationProviderCapability, InitializeParams, InitializeResult,
    MessageType, OneOf, PositionEncodingKind, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions,
};

pub async fn handle(session: &Session, params: InitializeParams) -> Result<InitializeResult> {
    let root = params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .and_then(|folder| crate::from_proto::file_path(&folder.uri))
        .or_else(|| {
            #[allow(deprecated)] // older clients send only rootUri
            params
                .root_uri
                .as_ref()
                .and_then(crate::from_proto::file_path)
        });
    match root.map(|root| load_workspace(&root)) {
        Some(Ok(workspace)) => {
            let _ = session.workspace.set(workspace);
        }
        Some(Err(e)) => {
            session
                .client
                .show_message(MessageType::ERROR, format!("rlm: {e}"))
                .await
        }
        None => tracing::warn!("no workspace folder: serving open files only, without an index"),
    }
    if let Some(options) = &params.initialization_options {
        match session.settings().merged(options) {
            Ok(settings) => session.set_settings(settings),
            Err(e) => {
                session
                    .client
                    .show_message(MessageType::WARNING, format!("rlm: {e}"))
                    .await
            }
        }
    }
    let progress = params
        .capabilities
        .window
        .as_ref()
        .and_then(|w| w.work_done_progress)
        .unwrap_or(false);
    session
        .progress_supported
        .store(progress, Ordering::Relaxed);
    let caps = &params.capabilities;
    let pull = caps
        .text_document
        .as_ref()
        .is_some_and(|t| t.diagnostic.is_some());
    session.pull_diagnostics.store(pull, Ordering::Relaxed);
    let watch = caps
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    session.watch_supported.store(watch, Ordering::Relaxed);
    let answers = caps
        .experimental
        .as_ref()
        .and_then(|e| e.get("rlmAnswer"))
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false);
    session.answer_supported.store(answers, Ordering::Relaxed);
    let show_document = caps
        .window
        .as_ref()
        .and_then(|w| w.show_document.as_ref())
        .is_some_and(|s| s.support);
    session
        .show_document_supported
        .store(show_document, Ordering::Relaxed);
    let type_hierarchy = caps
        .text_document
        .as_ref()
        .and_then(|t| t.type_hierarchy.as_ref())
        .and_then(|t| t.dynamic_registration)
        .unwrap_or(false);
    session
        .type_hierarchy_dynamic
        .store(type_hierarchy, Ordering::Relaxed);

    Ok(InitializeResult {
        capabilities: ServerCapabilities {
            position_encoding: Some(PositionEncodingKind::UTF16),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                        include_text: Some(false),
                    })),
                    ..Default::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            definition_provider: Some(OneOf::Left(true)),
            implementation_provider: Some(ImplementationProviderCapability::Simple(true)),
            call_hierarchy_provider: Some(CallHierarchyServerCapability::Simple(true)),
            references_provider: Some(OneOf::Left(true)),
            document_symbol_provider: Some(OneOf::Left(true)),
            workspace_symbol_provider: Some(OneOf::Left(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..Default::default()
            })),
            diagnostic_provider: Some(DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("rlm".into()),
                inter_file_dependencies: false,
                workspace_diagnostics: true,
                ..Default::default()
            })),
            execute_command_provider: Some(ExecuteCommandOptions {
                commands: COMMANDS.iter().map(|c| c.to_string()).collect(),
                ..Default::default()
            }),
            ..Default::default()
        },
        server_info: Some(ServerInfo {
            name: "rlm".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
        offset_encoding: None,
    })
}
