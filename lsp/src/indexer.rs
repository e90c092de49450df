//! Keeping the index current: one background task runs every update, so updates never overlap.
//! Edits and file events only mark the index stale; the task waits until they stop for the
//! debounce interval, then runs one incremental update with the unsaved buffers as an overlay.
//! The first run (on `initialized`) and explicit runs (`rlm.reindex`) report `$/progress`.

use crate::ext;
use crate::session::Session;
use rlm_engine::index::{IndexProgress, IndexReport, WorkspaceIndex, index_workspace_with};
use rlm_engine::retrieval::build_workspace_vectors;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};
use tower_lsp_server::ls_types::ProgressToken;

/// The outcome of one run, as waiters see it.
pub type RunResult = Result<IndexReport, String>;

enum Trigger {
    /// Something changed: update after the debounce interval.
    Changed,
    /// Update now and report back (when a sender is given).
    Now(Option<oneshot::Sender<RunResult>>),
}

/// The handle to the indexing task.
pub struct Indexer {
    tx: mpsc::UnboundedSender<Trigger>,
}

impl Indexer {
    /// Starts the task; it ends when the session is dropped.
    pub fn start(session: Weak<Session>) -> Indexer {
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(run(session, rx));
        Indexer { tx }
    }

    pub fn changed(&self) {
        let _ = self.tx.send(Trigger::Changed);
    }

    /// Starts an update without waiting for it.
    pub fn now(&self) {
        let _ = self.tx.send(Trigger::Now(None));
    }

    /// Runs an update now and waits for its report.
    pub async fn run_now(&self) -> RunResult {
        let (done, wait) = oneshot::channel();
        self.tx
            .send(Trigger::Now(Some(done)))
            .map_err(|_| "the indexer has stopped".to_string())?;
        wait.await
            .map_err(|_| "the indexer stopped during the update".to_string())?
    }
}

async fn run(session: Weak<Session>, mut rx: mpsc::UnboundedReceiver<Trigger>) {
    let mut runs = 0u64;
    while let Some(trigger) = rx.recv().await {
        let mut waiters = Vec::new();
        let mut explicit = false;
        let mut debounce = true;
        if let Trigger::Now(waiter) = trigger {
            waiters.extend(waiter);
            explicit = true;
            debounce = false;
        }
        let quiet = match session.upgrade() {
            Some(s) => Duration::from_millis(s.settings().debounce_ms),
            None => return,
        };
        while debounce {
            match tokio::time::timeout(quiet, rx.recv()).await {
                Ok(Some(Trigger::Changed)) => continue,
                Ok(Some(Trigger::Now(waiter))) => {
                    waiters.extend(waiter);
                    explicit = true;
                    debounce = false;
                }
                Ok(None) => return,
                Err(_) => debounce = false,
            }
        }
        while let Ok(queued) = rx.try_recv() {
            if let Trigger::Now(waiter) = queued {
                waiters.extend(waiter);
                explicit = true;
            }
        }
        let Some(session) = session.upgrade() else {
            return;
        };
        runs += 1;
        let result = update(&session, runs, runs == 1 || explicit).await;
        for waiter in waiters {
            let _ = waiter.send(result.clone());
        }
    }
}

/// Counts files for `$/progress`.
#[derive(Default)]
struct Counter {
    total: AtomicUsize,
    done: AtomicUsize,
}

impl IndexProgress for Counter {
    fn reading(&self, files: usize) {
        self.total.store(files, Ordering::Relaxed);
    }
    fn file_done(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }
}

async fn update(session: &Arc<Session>, run: u64, report_progress: bool) -> RunResult {
    let (Some(workspace), Some(settings)) = (session.workspace.get(), session.index_settings())
    else {
        return Err("no workspace folder is open: open a folder to index it".into());
    };
    let root = workspace.root.clone();
    let overlay = session.overlay();
    let counter = Arc::new(Counter::default());
    status(session, "indexing", 0, "indexing the workspace").await;

    let progress = if report_progress && session.progress_supported() {
        let token = ProgressToken::String(format!("rlm/index/{run}"));
        match session
            .client
            .create_work_done_progress(token.clone())
            .await
        {
            Ok(()) => Some(
                session
                    .client
                    .progress(token, "rlm: indexing")
                    .with_percentage(0)
                    .begin()
                    .await,
            ),
            Err(e) => {
                tracing::info!("the client refused a progress token: {e}");
                None
            }
        }
    } else {
        None
    };

    let job = {
        let counter = counter.clone();
        let settings = settings.clone();
        tokio::task::spawn_blocking(move || {
            let report = index_workspace_with(&root, &settings, &overlay, counter.as_ref())?;
            // The embeddings retrieval reads; without them it falls back to words, so a failure
            // here is logged, not an indexing error.
            if let Err(e) = build_workspace_vectors(&root, &settings.dir, settings.lock_timeout) {
                tracing::warn!("embeddings not built: {e}");
            }
            Ok::<_, rlm_engine::index::IndexError>(report)
        })
    };
    tokio::pin!(job);
    let joined = loop {
        tokio::select! {
            joined = &mut job => break joined,
            _ = tokio::time::sleep(Duration::from_millis(250)) => {
                if let Some(progress) = &progress {
                    let total = counter.total.load(Ordering::Relaxed);
                    let done = counter.done.load(Ordering::Relaxed);
                    if let Some(percent) = (done * 100).checked_div(total) {
                        let percent = percent.min(100) as u32;
                        progress.report_with_message(format!("{done}/{total} files"), percent).await;
                    }
                }
            }
        }
    };
    let result = match joined {
        Ok(Ok(report)) => open_index(session, &settings.dir, &report).map(|()| report),
        Ok(Err(e)) => Err(e.to_string()),
        Err(e) => Err(format!("the indexing task failed: {e}")),
    };
    match &result {
        Ok(report) => {
            for warning in &report.warnings {
                tracing::warn!("index: {warning}");
            }
            let line = format!(
                "indexed {} files ({} added, {} updated, {} removed) in {:.2}s",
                report.files,
                report.added,
                report.updated,
                report.removed,
                report.elapsed.as_secs_f64()
            );
            tracing::info!("{line}");
            if let Some(progress) = progress {
                progress.finish_with_message(line.clone()).await;
            }
            status(session, "ready", report.files, &line).await;
        }
        Err(e) => {
            tracing::error!("indexing failed: {e}");
            if let Some(progress) = progress {
                progress
                    .finish_with_message(format!("indexing failed: {e}"))
                    .await;
            }
            session
                .client
                .show_message(
                    tower_lsp_server::ls_types::MessageType::ERROR,
                    format!("rlm: indexing failed: {e}"),
                )
                .await;
            status(session, "error", 0, e).await;
        }
    }
    result
}

/// Opens the index after its first build (or a rebuild), else makes the open one see the commit.
fn open_index(
    session: &Session,
    dir: &std::path::Path,
    report: &IndexReport,
) -> Result<(), String> {
    if let (Some(index), false) = (session.index(), report.rebuilt) {
        return index.reload().map_err(|e| e.to_string());
    }
    let index = WorkspaceIndex::open(dir).map_err(|e| e.to_string())?;
    session.set_index(Arc::new(index));
    Ok(())
}

async fn status(session: &Session, state: &str, files: usize, message: &str) {
    session
        .client
        .send_notification::<ext::Status>(ext::StatusParams {
            state: state.into(),
            files,
            message: message.into(),
        })
        .await;
}
