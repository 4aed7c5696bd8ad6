//! Reading any input file (a session, an article, an import) without surprises: only
//! regular files (a FIFO would block forever, a device never end), never more than a
//! stated size, and errors that say which file and why, once.

use std::fs::{self, File, FileType};
use std::io::Read;
use std::path::{Path, PathBuf};

use thiserror::Error;

/// The largest file Claimdesk reads: far beyond any article or session, small enough that
/// a mistaken pick cannot exhaust memory.
pub const MAX_INPUT_BYTES: u64 = 1 << 30;

/// Why an input file could not be read.
#[derive(Debug, Error)]
pub enum ReadError {
    #[error("cannot read {path}: {}", describe_io(.cause))]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("{path} is {kind}, not a regular file; Claimdesk reads only regular files")]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error("{path} is {size} bytes; Claimdesk reads files of at most {limit} bytes")]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
}

impl ReadError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            ReadError::Io { path, .. }
            | ReadError::NotRegular { path, .. }
            | ReadError::TooLarge { path, .. } => path,
        }
    }
}

/// The I/O error's own words, without the `(os error N)` tail.
pub fn describe_io(err: &std::io::Error) -> String {
    let text = err.to_string();
    match text.rfind(" (os error ") {
        Some(at) if text.ends_with(')') => text[..at].to_owned(),
        _ => text,
    }
}

/// The whole content of the regular file at `path` (symbolic links followed), refused when
/// it is a FIFO, device, socket or directory, or larger than `limit` bytes.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let io_err = |cause| ReadError::Io {
        path: path.to_owned(),
        cause,
    };
    // Checked before opening: opening a FIFO for reading blocks until a writer comes.
    let metadata = fs::metadata(path).map_err(io_err)?;
    ensure_regular(path, metadata.file_type())?;
    let file = File::open(path).map_err(io_err)?;
    // And again on what was opened, in case the name was swapped in between.
    let metadata = file.metadata().map_err(io_err)?;
    ensure_regular(path, metadata.file_type())?;
    let too_large = |size| ReadError::TooLarge {
        path: path.to_owned(),
        size,
        limit,
    };
    if metadata.len() > limit {
        return Err(too_large(metadata.len()));
    }
    let capacity = usize::try_from(metadata.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    // The file may grow while it is read: never read more than the limit allows.
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_err)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn ensure_regular(path: &Path, file_type: FileType) -> Result<(), ReadError> {
    if file_type.is_file() {
        return Ok(());
    }
    Err(ReadError::NotRegular {
        path: path.to_owned(),
        kind: kind_of(file_type),
    })
}

/// What a file that is not a regular file is, in words.
pub fn kind_of(file_type: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else if file_type.is_file() {
        "a regular file"
    } else {
        "not a regular file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_files_and_refuses_directories_and_oversized_ones() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.txt");
        fs::write(&path, "twelve bytes").expect("write");
        assert_eq!(read_regular(&path, 100).expect("read"), b"twelve bytes");
        let err = read_regular(&path, 5).expect_err("too large");
        assert!(matches!(err, ReadError::TooLarge { size: 12, .. }), "{err}");
        let err = read_regular(dir.path(), 100).expect_err("directory");
        assert!(err.to_string().contains("is a directory"), "{err}");
        let err = read_regular(&dir.path().join("missing"), 100).expect_err("missing");
        assert!(!err.to_string().contains("os error"), "{err}");
    }
}
