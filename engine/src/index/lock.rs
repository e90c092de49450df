//! One writer per workspace: an exclusive file lock in the index folder. A second `rlm index`
//! waits for the first (up to a timeout) instead of corrupting the index.

use std::fs::File;
use std::path::Path;
use std::time::{Duration, Instant};

/// Holds the lock until dropped.
#[derive(Debug)]
pub struct WriterLock {
    file: File,
}

impl Drop for WriterLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

pub enum LockOutcome {
    Acquired(WriterLock),
    TimedOut,
}

/// Takes the lock, calling `on_wait` once if another process holds it.
pub fn acquire(
    dir: &Path,
    timeout: Duration,
    on_wait: &mut dyn FnMut(),
) -> std::io::Result<LockOutcome> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join("lock"))?;
    let started = Instant::now();
    let mut told = false;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(LockOutcome::Acquired(WriterLock { file })),
            Err(std::fs::TryLockError::WouldBlock) => {}
            Err(std::fs::TryLockError::Error(e)) => return Err(e),
        }
        if started.elapsed() >= timeout {
            return Ok(LockOutcome::TimedOut);
        }
        if !told {
            on_wait();
            told = true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
