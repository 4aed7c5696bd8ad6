//! Helpers shared by the tests that run the `claimdesk` binary.
#![allow(dead_code)] // Each test binary uses its own subset.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary under test: this build's, or another one named by `CLAIMDESK_BIN` (to show
/// that a test fails on an older build).
pub fn bin() -> String {
    std::env::var("CLAIMDESK_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_claimdesk").to_owned())
}

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn run(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .output()
        .expect("run claimdesk")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[track_caller]
pub fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout: {}\nstderr: {}",
        text(&output.stdout),
        text(&output.stderr)
    );
}

/// A copy of the sample review in a temporary folder.
pub fn sample_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("review.ron");
    std::fs::copy(root().join("saves/mali-review.ron"), &path).expect("copy sample");
    (dir, path)
}

pub fn s(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}
