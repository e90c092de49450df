//! `rlm.ask` (run through `workspace/executeCommand`, also by the "Ask RLM about this
//! selection" code action): the RLM loop over the workspace, focused on a selection when one
//! is given. Reports `$/progress` with each step, can be cancelled (`$/cancelRequest` or the
//! progress's cancel button), and shows the answer (`rlm/answer`, else a Markdown file through
//! `window/showDocument`, else `window/showMessage`). The loop and its setup are the engine's.
//! With no model configured the engine answers from retrieval instead (the best passages with
//! paths and lines, and a note saying so), shown the same way.

use crate::handlers::execute_command::answer;
use crate::session::Session;
use crate::to_proto;
use rlm_engine::ask::{
    AskMemory, AskOverrides, AskScope, AskSetup, DEFAULT_PASSAGES, Focus, PrepareError,
    RetrievalAnswer, RetrievalQuestion, answer_from_retrieval, focused_question, prepare_request,
};
use rlm_engine::rlm::trace::summary_line;
use rlm_engine::rlm::{CancellationToken, Observer, TraceRecord, ask};
use serde::Deserialize;
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{
    LSPAny, NumberOrString, ProgressToken, Range, ShowDocumentParams, Uri,
};

/// The question the code action asks about a selection.
pub const SELECTION_QUESTION: &str = "Explain what this code does, how the rest of the workspace uses it, and any bugs or risks in it.";

/// `rlm.ask`'s one argument.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AskArgs {
    pub question: String,
    pub uri: Option<Uri>,
    pub range: Option<Range>,
}

/// Cancels the run when the request is dropped (`$/cancelRequest` drops the handler).
struct CancelOnDrop(CancellationToken);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

/// Sends each step's one-line summary to the progress reporter.
struct Steps(mpsc::UnboundedSender<String>);

impl Observer for Steps {
    fn on_event(&self, record: &TraceRecord) {
        let _ = self.0.send(summary_line(record));
    }
}

static RUNS: AtomicU64 = AtomicU64::new(0);

pub async fn handle(
    session: &Session,
    arguments: &[Value],
    token: Option<ProgressToken>,
) -> Result<Option<LSPAny>> {
    let args: AskArgs = match arguments.first() {
        Some(value) => serde_json::from_value(value.clone()).map_err(|e| {
            Error::invalid_params(format!(
                "rlm.ask takes one object {{question, uri?, range?}}: {e}"
            ))
        })?,
        None => {
            return Err(Error::invalid_params(
                "rlm.ask takes one object {question, uri?, range?}",
            ));
        }
    };
    if args.question.trim().is_empty() {
        return Err(Error::invalid_params(
            "the question is empty: ask something",
        ));
    }
    let (Some(workspace), Some(index)) = (session.workspace.get(), session.index_settings()) else {
        return Err(to_proto::error(
            "no workspace folder is open: RLM questions are about a workspace",
        ));
    };
    let focus = match (&args.uri, &args.range) {
        (Some(uri), Some(range)) => focus(session, uri, range),
        _ => None,
    };
    let settings = session.settings().ask;
    let overrides = AskOverrides {
        root: settings.model,
        sub: settings.sub_model,
        max_iterations: settings.max_iterations,
        max_cost_usd: settings.max_cost_usd,
        max_wall: settings.max_time_secs.map(Duration::from_secs),
        ..AskOverrides::default()
    };
    let cancel = CancellationToken::new();
    let (root, loaded, question) = (
        workspace.root.clone(),
        workspace.config.clone(),
        focused_question(&args.question, focus.as_ref()),
    );
    let scope_settings = index.clone();
    let run_cancel = cancel.clone();
    // With no model, retrieval answers: the question and the selection's own words rank.
    let retrieval_question = match &focus {
        Some(focus) => format!("{} {}", args.question.trim(), focus.text),
        None => args.question.clone(),
    };
    // The workspace's memories, as `[memory] agent`; a store that cannot be read costs the run
    // its `memory` variable, not the answer.
    let prepared = crate::session::blocking(move || {
        let settings = scope_settings.clone();
        match prepare_request(AskSetup {
            question,
            scope: AskScope::Workspace {
                root: root.clone(),
                settings: scope_settings,
            },
            loaded: &loaded,
            overrides,
            memory: AskMemory::Workspace { agent: None },
            retriever: None,
            helper: None,
            cancel: run_cancel,
        }) {
            Ok(prepared) => Ok(Ok(prepared)),
            Err(PrepareError::NoModel) => answer_from_retrieval(RetrievalQuestion {
                root: &root,
                settings: &settings,
                loaded: &loaded,
                question: &retrieval_question,
                path_glob: None,
                k: DEFAULT_PASSAGES,
                retriever: None,
            })
            .map(Err)
            .map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        }
    })
    .await?;
    let prepared = match prepared {
        Ok(prepared) => prepared,
        Err(answer) => return retrieval_only(session, &args, answer, &index.dir).await,
    };
    if let Some(warning) = &prepared.memory_warning {
        tracing::warn!("asking without workspace memories: {warning}");
    }
    let budgets = prepared.request.budgets.clone();
    let _guard = CancelOnDrop(cancel.clone());
    let run = RUNS.fetch_add(1, Ordering::Relaxed) + 1;
    let token = match token {
        Some(token) => Some(token),
        None if session.progress_supported() => {
            let token = NumberOrString::String(format!("rlm/ask/{run}"));
            session
                .client
                .create_work_done_progress(token.clone())
                .await
                .ok()
                .map(|()| token)
        }
        None => None,
    };
    if let Some(token) = &token {
        session.track_cancel(token_key(token), cancel.clone());
    }
    let progress = match &token {
        Some(token) => Some(
            session
                .client
                .progress(token.clone(), "rlm: asking")
                .with_cancel_button()
                .begin()
                .await,
        ),
        None => None,
    };

    let (steps_tx, mut steps_rx) = mpsc::unbounded_channel();
    let request = prepared.request;
    // The run owns its sandbox: it goes on its own task and ends through the token.
    let job = tokio::spawn(ask(request, Arc::new(Steps(steps_tx))));
    tokio::pin!(job);
    let outcome = loop {
        tokio::select! {
            joined = &mut job => break joined,
            Some(step) = steps_rx.recv() => {
                if let Some(progress) = &progress {
                    progress.report_with_message(step, None).await;
                }
            }
        }
    };
    if let Some(token) = &token {
        session.untrack_cancel(&token_key(token));
    }
    let result = match outcome {
        Ok(Ok(result)) => result,
        Ok(Err(e)) => {
            if let Some(progress) = progress {
                progress.finish_with_message(format!("failed: {e}")).await;
            }
            return Err(to_proto::error(e));
        }
        Err(e) => {
            if let Some(progress) = progress {
                progress.finish_with_message("failed").await;
            }
            return Err(to_proto::error(format!("the RLM run failed: {e}")));
        }
    };
    let how = result.stop_reason.describe(&budgets);
    if let Some(progress) = progress {
        progress.finish_with_message(how.clone()).await;
    }
    let title = format!("RLM: {}", first_line(&args.question));
    let markdown = format!(
        "{}\n\n---\n*{how}; {} iterations, {} sub-calls, {:.1} s, ${:.4}*\n",
        result.answer.trim_end(),
        result.iterations,
        result.subcalls,
        result.elapsed_ms as f64 / 1000.0,
        result.cost_usd
    );
    show(
        session,
        &title,
        &markdown,
        args.uri.as_ref(),
        &index.dir,
        run,
    )
    .await;
    Ok(Some(json!({
        "answer": result.answer,
        "markdown": markdown,
        "stopReason": result.stop_reason,
        "final": result.stop_reason.is_final(),
        "iterations": result.iterations,
        "subcalls": result.subcalls,
        "costUsd": result.cost_usd,
        "elapsedMs": result.elapsed_ms,
    })))
}

/// The answer without a model: the passages, shown like an answer, and returned with them.
async fn retrieval_only(
    session: &Session,
    args: &AskArgs,
    answer: RetrievalAnswer,
    index_dir: &std::path::Path,
) -> Result<Option<LSPAny>> {
    let run = RUNS.fetch_add(1, Ordering::Relaxed) + 1;
    let title = format!("RLM (retrieval only): {}", first_line(&args.question));
    let markdown = answer.markdown(40);
    show(
        session,
        &title,
        &markdown,
        args.uri.as_ref(),
        index_dir,
        run,
    )
    .await;
    Ok(Some(json!({
        "answer": answer.render(40),
        "markdown": markdown,
        "stopReason": "retrieval_only",
        "final": false,
        "note": answer.note,
        "method": answer.method,
        "passages": answer.passages,
        "iterations": 0,
        "subcalls": 0,
        "costUsd": 0.0,
        "elapsedMs": 0,
    })))
}

fn token_key(token: &ProgressToken) -> String {
    match token {
        NumberOrString::Number(n) => n.to_string(),
        NumberOrString::String(s) => s.clone(),
    }
}

fn first_line(text: &str) -> String {
    let line = text.trim().lines().next().unwrap_or_default();
    if line.chars().count() > 60 {
        format!("{}…", line.chars().take(60).collect::<String>())
    } else {
        line.to_string()
    }
}

/// The selection as the engine's focus: its text and 1-based lines.
fn focus(session: &Session, uri: &Uri, range: &Range) -> Option<Focus> {
    let text = session.text_at(uri, range.start)?;
    let end = crate::from_proto::offset(&text.text, range.end)?.max(text.offset);
    let path = session.rel_path(uri).or_else(|| {
        Some(
            crate::from_proto::file_path(uri)?
                .to_string_lossy()
                .into_owned(),
        )
    })?;
    Some(Focus {
        path,
        start_line: range.start.line as usize + 1,
        end_line: range.end.line as usize + 1,
        text: text.text.get(text.offset..end)?.to_string(),
    })
}

/// `rlm/answer` when the client renders it; else the answer as a Markdown file opened with
/// `window/showDocument`; else `window/showMessage`.
async fn show(
    session: &Session,
    title: &str,
    markdown: &str,
    uri: Option<&Uri>,
    index_dir: &std::path::Path,
    run: u64,
) {
    if !session.answer_supported() && session.show_document_supported() {
        let dir = index_dir.join("answers");
        let file = dir.join(format!("answer-{}-{run}.md", std::process::id()));
        let written = std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::write(&file, format!("# {title}\n\n{markdown}")));
        if let (Ok(()), Some(doc)) = (written, Uri::from_file_path(&file)) {
            let shown = session
                .client
                .show_document(ShowDocumentParams {
                    uri: doc,
                    external: None,
                    take_focus: Some(true),
                    selection: None,
                })
                .await;
            if shown.unwrap_or(false) {
                return;
            }
        }
    }
    answer(session, title, markdown, uri).await;
}
