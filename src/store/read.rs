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
    #[error(
        "{path} looks like a binary file (NUL byte at byte offset {offset}), not text; \
         nothing more was read"
    )]
    Binary { path: PathBuf, offset: usize },
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
            | ReadError::Binary { path, .. }
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

/// Reads a stream (standard input) named `name` in messages, as text: at most `limit`
/// bytes (more is refused as soon as it arrives, so `yes | claimdesk segment -` ends with
/// an error, not with memory exhausted), and a NUL byte in the first 64 KiB refuses it as
/// binary at once (a text in UTF-16, which starts with its byte-order mark, excepted),
/// before the rest is read.
pub fn read_text_stream(
    mut reader: impl Read,
    name: &Path,
    limit: u64,
) -> Result<Vec<u8>, ReadError> {
    const SNIFF_BYTES: usize = 64 * 1024;
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(cause) => {
                return Err(ReadError::Io {
                    path: name.to_owned(),
                    cause,
                });
            }
        };
        let before = bytes.len();
        bytes.extend_from_slice(&chunk[..n]);
        if bytes.len() as u64 > limit {
            return Err(ReadError::TooLarge {
                path: name.to_owned(),
                size: bytes.len() as u64,
                limit,
            });
        }
        let is_utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
        if before < SNIFF_BYTES && !is_utf16 {
            let sniffed = &bytes[before..bytes.len().min(SNIFF_BYTES)];
            if let Some(at) = memchr::memchr(0, sniffed) {
                return Err(ReadError::Binary {
                    path: name.to_owned(),
                    offset: before + at,
                });
            }
        }
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

    /// Issue 29, finding 2: a stream that never ends is refused once it passes the limit,
    /// and one of NUL bytes at its first chunk, without reading on (both readers here are
    /// endless).
    #[test]
    fn endless_and_binary_streams_end_with_an_error() {
        let name = Path::new("standard input");
        let endless_text = std::io::repeat(b'a');
        let err = read_text_stream(endless_text, name, 1 << 20).expect_err("endless");
        assert!(matches!(err, ReadError::TooLarge { .. }), "{err}");
        assert!(err.to_string().starts_with("standard input is"), "{err}");
        let endless_nul = std::io::repeat(0);
        let err = read_text_stream(endless_nul, name, u64::MAX).expect_err("binary");
        assert!(matches!(err, ReadError::Binary { offset: 0, .. }), "{err}");
        let utf16: &[u8] = &[0xFF, 0xFE, b'h', 0, b'i', 0];
        assert_eq!(
            read_text_stream(utf16, name, 100).expect("UTF-16 text"),
            utf16
        );
        let text: &[u8] = b"This is a sentence.";
        assert_eq!(read_text_stream(text, name, 100).expect("text"), text);
    }
}
