//! Writing a file so that it is either the old content or the new, never a mix, and the
//! way its owner expects: a temporary file in the same folder, flushed to disk, renamed
//! over the target. Symbolic links are followed (the link stays, its target changes); an
//! existing file keeps its mode and, where allowed, its owner; a new file gets the user's
//! umask; a read-only file is refused. With a backup, the previous version becomes
//! `NAME.bak` by an atomic rename of a hard link (or copy), so a `.bak` exists at every
//! moment, even if the process is killed half way.

use std::fs::{self, File, Metadata};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::SaveError;
use super::read::kind_of;

/// Temporary files are `.NAME.XXXXXX.tmp` beside the target.
const TEMP_SUFFIX: &str = ".tmp";
/// The length of the random part of a temporary file's name (tempfile's default).
const TEMP_RANDOM_LEN: usize = 6;

/// The file that keeps the previous version of `path`: `NAME.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    sibling_with_suffix(path, ".bak")
}

/// `path` with `suffix` appended to its file name (the name shortened to fit, see
/// [`fitting_name`]).
pub fn sibling_with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!("{}{suffix}", fitting_name(&name, suffix.len())))
}

/// The longest file name a directory entry may have (Linux and macOS: 255 bytes).
const NAME_MAX: usize = 255;

/// `name`, or when `name` plus `extra` bytes would not fit in a file name, its start (at
/// a character boundary) and `~` with a hash of the whole name, so a file whose name is
/// already near the limit still gets a temporary file, a backup and a lock beside it, each
/// its own.
pub fn fitting_name(name: &str, extra: usize) -> std::borrow::Cow<'_, str> {
    if name.len() + extra <= NAME_MAX {
        return std::borrow::Cow::Borrowed(name);
    }
    // FNV-1a: stable across builds, so the same file always gets the same sibling names.
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let tag = format!("~{:08x}", hash as u32);
    let mut keep = NAME_MAX.saturating_sub(extra + tag.len()).min(name.len());
    while !name.is_char_boundary(keep) {
        keep -= 1;
    }
    std::borrow::Cow::Owned(format!("{}{tag}", &name[..keep]))
}

/// The file `path` finally names, following symbolic links (a dangling link names the
/// file it would create).
pub fn resolve_symlinks(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_owned();
    // Linux gives up after 40 links too (ELOOP).
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::other(format!(
        "{} is a loop of symbolic links",
        path.display()
    )))
}

/// The file a save to `path` writes: `path` itself, or the file its symbolic links lead
/// to when that file is there. A dangling link is refused: it would create its target,
/// anywhere (as root, in any directory); the callers check that an existing target is a
/// file of ours before replacing it.
pub fn resolve_for_writing(path: &Path) -> Result<PathBuf, SaveError> {
    let target = resolve_symlinks(path).map_err(|cause| SaveError::Io {
        path: path.to_owned(),
        action: "following its symbolic link",
        cause,
    })?;
    if target != path && fs::symlink_metadata(&target).is_err() {
        return Err(SaveError::DanglingLink {
            path: path.to_owned(),
            target,
        });
    }
    Ok(target)
}

/// The existing file at `target` (already resolved), if any, checked to be a regular file
/// that may be written.
pub fn existing_writable(target: &Path) -> Result<Option<Metadata>, SaveError> {
    let metadata = match fs::metadata(target) {
        Ok(metadata) => metadata,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(cause) => {
            return Err(SaveError::Io {
                path: target.to_owned(),
                action: "looking at the existing file",
                cause,
            });
        }
    };
    if !metadata.is_file() {
        return Err(SaveError::NotRegular {
            path: target.to_owned(),
            kind: kind_of(metadata.file_type()),
        });
    }
    if metadata.permissions().readonly() {
        return Err(SaveError::ReadOnly {
            path: target.to_owned(),
        });
    }
    Ok(Some(metadata))
}

/// Writes `bytes` to `path` (see the module overview); with `keep_backup`, an existing file
/// is kept as `NAME.bak` first. On error, `path` is unchanged.
pub fn write_atomically(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), SaveError> {
    let target = resolve_for_writing(path)?;
    let existing = existing_writable(&target)?;
    let io_err = |action: &'static str| {
        let target = target.clone();
        move |cause: std::io::Error| SaveError::Io {
            path: target,
            action,
            cause,
        }
    };
    let dir = parent_dir(&target);
    let mut builder = tempfile::Builder::new();
    let prefix = temp_prefix(&target);
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Created with the mode of an ordinary document; the kernel applies the umask.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder
        .tempfile_in(dir)
        .map_err(io_err("creating a temporary file"))?;
    temp.write_all(bytes)
        .map_err(io_err("writing the temporary file"))?;
    if let Some(metadata) = &existing {
        temp.as_file()
            .set_permissions(metadata.permissions())
            .map_err(io_err("giving the new file the old one's permissions"))?;
        keep_owner(temp.as_file(), metadata);
    }
    temp.as_file()
        .sync_all()
        .map_err(io_err("flushing the temporary file to disk"))?;
    if existing.is_some() && keep_backup {
        replace_backup(&target).map_err(io_err("keeping the previous version as .bak"))?;
    }
    temp.persist(&target)
        .map_err(|err| io_err("renaming the temporary file over it")(err.error))?;
    sync_dir(dir);
    Ok(())
}

/// Removes temporary files left by saves of `target` that were killed half way. Only
/// call this while holding the session's lock: then no other save is writing one.
pub fn remove_stale_temps(target: &Path) {
    let prefix = temp_prefix(target);
    let Ok(entries) = fs::read_dir(parent_dir(target)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let is_ours = name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
            .is_some_and(|random| {
                random.len() == TEMP_RANDOM_LEN && random.bytes().all(|b| b.is_ascii_alphanumeric())
            });
        let is_file = entry.file_type().is_ok_and(|kind| kind.is_file());
        if is_ours && is_file {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Removes the temporary files that merge drivers killed half way left beside git's
/// `.merge_file_XXXXXX` files in `dir` (each run writes beside a file of another name, so
/// [`remove_stale_temps`] never meets them): ours by their name, and only those older than
/// an hour, which no running merge still writes.
pub fn remove_stale_merge_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let hour = std::time::Duration::from_secs(3600);
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let is_ours = name
            .strip_prefix("..merge_file_")
            .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
            .and_then(|rest| rest.rsplit_once('.'))
            .is_some_and(|(_, random)| {
                random.len() == TEMP_RANDOM_LEN && random.bytes().all(|b| b.is_ascii_alphanumeric())
            });
        let is_old = entry
            .metadata()
            .ok()
            .filter(fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|age| age > hour);
        if is_ours && is_old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn temp_prefix(target: &Path) -> String {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    // `.NAME.` + the random part + `.tmp` must fit in a file name.
    let extra = 2 + TEMP_RANDOM_LEN + TEMP_SUFFIX.len();
    format!(".{}.", fitting_name(&name, extra))
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Makes the current `target` the new `NAME.bak` in one rename: a hard link (instant, and
/// the old inode survives the coming rename) or else a copy is staged under a temporary
/// name first, so the old `.bak` stays until the new one is complete.
fn replace_backup(target: &Path) -> std::io::Result<()> {
    let backup = backup_path(target);
    if is_same_file(target, &backup) {
        // A save killed between its two renames left the backup as a link to the current
        // file: it already holds this content. (Renaming one link of a file over another
        // link of the same file does nothing and succeeds, leaving the staged name behind.)
        return Ok(());
    }
    let staged = tempfile::Builder::new()
        .prefix(&temp_prefix(target))
        .suffix(TEMP_SUFFIX)
        .make_in(parent_dir(target), |staged| {
            fs::hard_link(target, staged).or_else(|_| fs::copy(target, staged).map(drop))
        })?;
    staged.persist(backup).map(drop).map_err(|err| err.error)
}

/// Whether two paths name the same file (one inode with two links).
#[cfg(unix)]
fn is_same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_same_file(_a: &Path, _b: &Path) -> bool {
    false
}

#[cfg(unix)]
fn keep_owner(file: &File, metadata: &Metadata) {
    use std::os::unix::fs::MetadataExt;
    // Only root may give a file away; a group the user belongs to is allowed. Best effort.
    let _ = std::os::unix::fs::fchown(file, Some(metadata.uid()), Some(metadata.gid()));
    let _ = std::os::unix::fs::fchown(file, None, Some(metadata.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_file: &File, _metadata: &Metadata) {}

/// Makes the rename durable; best effort, as not every platform can sync a directory.
fn sync_dir(dir: &Path) {
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 29, finding 8: what a killed merge driver left is removed by a later one,
    /// once it is an hour old; a fresh one, and files not ours, stay.
    #[test]
    fn stale_merge_driver_temps_are_removed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let old = dir.path().join("..merge_file_a1b2c3.Xy12Zq.tmp");
        let fresh = dir.path().join("..merge_file_d4e5f6.Ab34Cd.tmp");
        let other = dir.path().join("..merge_file_a1b2c3.notes");
        for path in [&old, &fresh, &other] {
            fs::write(path, "partial").expect("write");
        }
        let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        for path in [&old, &other] {
            fs::File::options()
                .write(true)
                .open(path)
                .and_then(|f| f.set_modified(two_hours_ago))
                .expect("age");
        }
        remove_stale_merge_temps(dir.path());
        assert!(!old.exists());
        assert!(fresh.exists() && other.exists());
    }

    #[test]
    fn a_backup_already_linked_to_the_file_leaves_no_staged_copy() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("s.ron");
        fs::write(&target, "old").expect("write");
        // What a save killed between its two renames leaves: .bak is the same file.
        fs::hard_link(&target, backup_path(&target)).expect("link");
        write_atomically(&target, b"new", true).expect("save");
        assert_eq!(fs::read(backup_path(&target)).expect("bak"), b"old");
        assert_eq!(fs::read(&target).expect("target"), b"new");
        let names: Vec<String> = fs::read_dir(dir.path())
            .expect("list")
            .map(|entry| {
                entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert!(
            names.iter().all(|name| !name.ends_with(".tmp")),
            "{names:?}"
        );
    }
}
