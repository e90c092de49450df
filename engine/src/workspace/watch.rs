//! File-system events for `rlm index --watch`: inotify (Linux) on the workspace's folders,
//! debounced into one wake-up per burst of edits. The watcher only says *that* something changed;
//! the index update that follows finds *what* by its usual size/mtime/hash comparison, so a missed
//! or coalesced event can never leave the index wrong, only later.

use std::collections::HashMap;
use std::ffi::CString;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Folders never watched: version control and the index itself (its own writes would wake the
/// watcher after every update).
const NEVER_WATCHED: &[&str] = &[".git", ".hg", ".svn"];

/// How often a blocked wait looks at its stop flag.
const STOP_POLL: Duration = Duration::from_millis(100);

const MASK: u32 = libc::IN_CREATE
    | libc::IN_DELETE
    | libc::IN_MODIFY
    | libc::IN_CLOSE_WRITE
    | libc::IN_MOVED_FROM
    | libc::IN_MOVED_TO
    | libc::IN_DELETE_SELF
    | libc::IN_ONLYDIR;

/// One burst of changes, as the watcher saw it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Paths named by the events (files and folders), deduplicated, in arrival order.
    pub paths: Vec<PathBuf>,
    /// The kernel's queue overflowed: some events were lost (the update re-lists everything anyway).
    pub overflowed: bool,
}

/// An inotify watch over a folder tree.
pub struct Watcher {
    fd: OwnedFd,
    /// Watch descriptor → the folder it watches.
    dirs: HashMap<i32, PathBuf>,
    skip: Vec<PathBuf>,
}

impl Watcher {
    /// Watches `root` and every folder under it, except version-control folders and `skip`
    /// (the index folder).
    pub fn new(root: &Path, skip: &[PathBuf]) -> io::Result<Watcher> {
        // SAFETY: plain syscall; the result is checked and owned below.
        let fd = unsafe { libc::inotify_init1(libc::IN_NONBLOCK | libc::IN_CLOEXEC) };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: `fd` is a fresh descriptor nothing else owns.
        let fd = unsafe { OwnedFd::from_raw_fd(fd) };
        let mut watcher = Watcher {
            fd,
            dirs: HashMap::new(),
            skip: skip.to_vec(),
        };
        watcher.add_tree(root)?;
        Ok(watcher)
    }

    /// Folders watched now.
    pub fn watched(&self) -> usize {
        self.dirs.len()
    }

    fn skipped(&self, dir: &Path) -> bool {
        dir.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| NEVER_WATCHED.contains(&n))
            || self.skip.iter().any(|s| dir.starts_with(s))
    }

    /// Watches `top` and the folders under it (iteratively; symlinked folders are not followed).
    /// Only the root's failure is an error: a folder that vanished or cannot be read is left out.
    fn add_tree(&mut self, top: &Path) -> io::Result<()> {
        let mut stack = vec![top.to_path_buf()];
        let mut first = true;
        while let Some(dir) = stack.pop() {
            if self.skipped(&dir) {
                continue;
            }
            match self.add_one(&dir) {
                Ok(()) => {}
                Err(e) if first => return Err(e),
                Err(e) => {
                    tracing::debug!(dir = %dir.display(), "not watched: {e}");
                    continue;
                }
            }
            first = false;
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                if entry.file_type().is_ok_and(|t| t.is_dir()) {
                    stack.push(entry.path());
                }
            }
        }
        Ok(())
    }

    fn add_one(&mut self, dir: &Path) -> io::Result<()> {
        let path = CString::new(dir.as_os_str().as_bytes())
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
        // SAFETY: `path` is a valid NUL-terminated string for the duration of the call.
        let wd = unsafe {
            libc::inotify_add_watch(
                self.fd.as_raw_fd(),
                path.as_ptr(),
                MASK | libc::IN_DONT_FOLLOW,
            )
        };
        if wd < 0 {
            return Err(io::Error::last_os_error());
        }
        self.dirs.insert(wd, dir.to_path_buf());
        Ok(())
    }

    /// Waits for the next burst of changes: blocks until an event arrives, then until `debounce`
    /// passes with no further event. `Ok(None)` once `stop` is set (checked every 100 ms).
    pub fn wait(&mut self, debounce: Duration, stop: &AtomicBool) -> io::Result<Option<Changes>> {
        let mut changes = Changes::default();
        let mut last_event: Option<Instant> = None;
        loop {
            if stop.load(Ordering::Relaxed) {
                return Ok(None);
            }
            let timeout = match last_event {
                None => STOP_POLL,
                Some(at) => {
                    let left = debounce.saturating_sub(at.elapsed());
                    if left.is_zero() {
                        return Ok(Some(changes));
                    }
                    left.min(STOP_POLL)
                }
            };
            if self.poll(timeout)? && self.drain(&mut changes)? {
                last_event = Some(Instant::now());
            }
        }
    }

    /// Whether the descriptor is readable within `timeout`.
    fn poll(&self, timeout: Duration) -> io::Result<bool> {
        let mut pfd = libc::pollfd {
            fd: self.fd.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        let millis = libc::c_int::try_from(timeout.as_millis()).unwrap_or(libc::c_int::MAX);
        // SAFETY: one valid pollfd for the duration of the call.
        let n = unsafe { libc::poll(&mut pfd, 1, millis) };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                return Ok(false);
            }
            return Err(e);
        }
        Ok(n > 0)
    }

    /// Reads every queued event into `changes`; whether any was about the workspace.
    fn drain(&mut self, changes: &mut Changes) -> io::Result<bool> {
        let mut buf = vec![0u8; 64 * 1024];
        let mut any = false;
        loop {
            // SAFETY: `buf` is writable for its whole length.
            let n = unsafe {
                libc::read(
                    self.fd.as_raw_fd(),
                    buf.as_mut_ptr().cast::<libc::c_void>(),
                    buf.len(),
                )
            };
            if n < 0 {
                let e = io::Error::last_os_error();
                match e.kind() {
                    io::ErrorKind::WouldBlock => return Ok(any),
                    io::ErrorKind::Interrupted => continue,
                    _ => return Err(e),
                }
            }
            let n = usize::try_from(n).unwrap_or(0);
            if n == 0 {
                return Ok(any);
            }
            for event in parse_events(&buf[..n]) {
                any |= self.apply(event, changes);
            }
        }
    }

    /// Records one event; whether it counts as a change.
    fn apply(&mut self, event: RawEvent<'_>, changes: &mut Changes) -> bool {
        if event.mask & libc::IN_Q_OVERFLOW != 0 {
            changes.overflowed = true;
            return true;
        }
        if event.mask & libc::IN_IGNORED != 0 {
            self.dirs.remove(&event.wd);
            return false;
        }
        let Some(dir) = self.dirs.get(&event.wd).cloned() else {
            return false;
        };
        let path = if event.name.is_empty() {
            dir
        } else {
            dir.join(std::ffi::OsStr::from_bytes(event.name))
        };
        if self.skipped(&path) {
            return false;
        }
        let is_dir = event.mask & libc::IN_ISDIR != 0;
        if is_dir && event.mask & (libc::IN_CREATE | libc::IN_MOVED_TO) != 0 {
            // A new folder: watch it (and what it already holds, if it was moved in).
            if let Err(e) = self.add_tree(&path) {
                tracing::debug!(dir = %path.display(), "new folder not watched: {e}");
            }
        }
        if !changes.paths.contains(&path) {
            changes.paths.push(path);
        }
        true
    }
}

struct RawEvent<'b> {
    wd: i32,
    mask: u32,
    /// The file name within the watched folder, NUL padding removed; empty for the folder itself.
    name: &'b [u8],
}

/// Splits a read of the inotify descriptor into its events (`struct inotify_event`: wd, mask,
/// cookie, len, then `len` bytes of NUL-padded name).
fn parse_events(buf: &[u8]) -> Vec<RawEvent<'_>> {
    const HEADER: usize = 16;
    let mut out = Vec::new();
    let mut at = 0;
    while at + HEADER <= buf.len() {
        let word = |i: usize| {
            let mut b = [0u8; 4];
            b.copy_from_slice(&buf[at + i..at + i + 4]);
            b
        };
        let wd = i32::from_ne_bytes(word(0));
        let mask = u32::from_ne_bytes(word(4));
        let len = u32::from_ne_bytes(word(12)) as usize;
        let end = (at + HEADER + len).min(buf.len());
        let raw = &buf[at + HEADER..end];
        let name = match raw.iter().position(|&b| b == 0) {
            Some(nul) => &raw[..nul],
            None => raw,
        };
        out.push(RawEvent { wd, mask, name });
        at += HEADER + len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waited(watcher: &mut Watcher) -> Changes {
        let stop = AtomicBool::new(false);
        match watcher.wait(Duration::from_millis(50), &stop) {
            Ok(Some(changes)) => changes,
            other => panic!("expected changes, got {other:?}"),
        }
    }

    #[test]
    fn a_write_in_a_nested_folder_and_a_file_in_a_new_folder_are_both_seen()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let root = dir.path().canonicalize()?;
        std::fs::create_dir_all(root.join("src/deep"))?;
        std::fs::create_dir_all(root.join(".rlm"))?;
        let mut watcher = Watcher::new(&root, &[root.join(".rlm")])?;
        assert_eq!(watcher.watched(), 3); // root, src, src/deep; not .rlm

        std::fs::write(root.join("src/deep/a.py"), "x = 1\n")?;
        assert_eq!(
            waited(&mut watcher),
            Changes {
                paths: vec![root.join("src/deep/a.py")],
                overflowed: false
            }
        );

        std::fs::create_dir(root.join("new"))?;
        std::thread::sleep(Duration::from_millis(100)); // the watcher adds `new` on its event
        let first = waited(&mut watcher);
        assert_eq!(first.paths, vec![root.join("new")]);
        std::fs::write(root.join("new/b.py"), "y = 2\n")?;
        assert_eq!(waited(&mut watcher).paths, vec![root.join("new/b.py")]);
        Ok(())
    }

    #[test]
    fn writes_in_the_index_folder_do_not_wake_the_watcher() -> Result<(), Box<dyn std::error::Error>>
    {
        let dir = tempfile::tempdir()?;
        let root = dir.path().canonicalize()?;
        std::fs::create_dir_all(root.join(".rlm"))?;
        let mut watcher = Watcher::new(&root, &[root.join(".rlm")])?;
        std::fs::write(root.join(".rlm/manifest.json"), "{}")?;
        let stop = AtomicBool::new(false);
        let mut changes = Changes::default();
        let quiet = !(watcher.poll(Duration::from_millis(200))? && watcher.drain(&mut changes)?);
        assert!(quiet, "woken by {changes:?}");
        assert_eq!(changes, Changes::default());
        stop.store(true, Ordering::Relaxed);
        assert_eq!(watcher.wait(Duration::from_millis(10), &stop)?, None);
        Ok(())
    }
}
