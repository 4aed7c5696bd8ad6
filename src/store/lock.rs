//! The advisory lock that makes a read-modify-write of a session one step: every writer
//! (the window, each CLI command) holds it from reading the file to renaming the new one
//! into place, so two of them can never both save an edit made on the same version.
//!
//! The lock is taken on a small file beside the session, `.NAME.ron.lock`, not on the
//! session itself (a save replaces the session's inode, which would drop a lock held on
//! it). The lock file is removed when the lock is released, so no `.lock` files litter a
//! folder (or a git work tree). That is safe because a writer that gets the lock checks
//! that the path still names the file it locked; if the holder removed it in the
//! meantime, the writer starts over with a fresh file, so two writers never hold locks
//! on two different files of the same name.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::SaveError;

/// How long a writer waits for another one to finish: saves take milliseconds, so this
/// only runs out when another program keeps the session locked.
pub const DEFAULT_PATIENCE: Duration = Duration::from_secs(10);

/// An exclusive lock on a session file, released when dropped.
#[derive(Debug)]
pub struct SessionLock {
    file: File,
    path: PathBuf,
}

impl Drop for SessionLock {
    fn drop(&mut self) {
        // Removed while still locked (see the module overview); the lock goes with the
        // file handle right after.
        if is_same_file(&self.file, &self.path) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Whether `path` still names the open `file`.
#[cfg(unix)]
fn is_same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

/// Elsewhere files cannot be compared this way; the lock file is then left in place.
#[cfg(not(unix))]
fn is_same_file(_file: &File, _path: &Path) -> bool {
    false
}

/// The lock file of the session at `target`: `.NAME.lock` beside it.
pub fn lock_path(target: &Path) -> PathBuf {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let name = super::atomic::fitting_name(&name, ".".len() + ".lock".len());
    target.with_file_name(format!(".{name}.lock"))
}

impl SessionLock {
    /// Locks the session at `target` (a resolved path, not a symbolic link), waiting up to
    /// `patience` for another writer to finish.
    pub fn acquire(target: &Path, patience: Duration) -> Result<Self, SaveError> {
        let path = lock_path(target);
        let io_err = |action: &'static str| {
            move |cause| SaveError::Io {
                path: target.to_owned(),
                action,
                cause,
            }
        };
        let started = Instant::now();
        loop {
            let file = OpenOptions::new()
                .create(true)
                .truncate(false)
                .read(true)
                .write(true)
                .open(&path)
                .map_err(io_err("creating its lock file"))?;
            loop {
                match file.try_lock() {
                    Ok(()) => break,
                    Err(TryLockError::WouldBlock) if started.elapsed() < patience => {
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    Err(TryLockError::WouldBlock) => {
                        return Err(SaveError::Locked {
                            path: target.to_owned(),
                            waited: patience,
                        });
                    }
                    Err(TryLockError::Error(cause)) => return Err(io_err("locking it")(cause)),
                }
            }
            // The previous holder may have removed the file while we waited on it.
            if cfg!(not(unix)) || is_same_file(&file, &path) {
                return Ok(SessionLock { file, path });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_waits_and_then_gives_up() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("s.ron");
        let held = SessionLock::acquire(&target, Duration::ZERO).expect("first lock");
        let err = SessionLock::acquire(&target, Duration::from_millis(30)).expect_err("held");
        assert!(matches!(err, SaveError::Locked { .. }), "{err}");
        drop(held);
        let again = SessionLock::acquire(&target, Duration::ZERO).expect("free again");
        assert!(lock_path(&target).ends_with(".s.ron.lock"));
        assert!(lock_path(&target).exists());
        drop(again);
        assert!(!lock_path(&target).exists(), "no lock file is left behind");
    }
}
