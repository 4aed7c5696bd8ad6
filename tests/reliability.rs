//! The store and the CLI against careless users and hostile files: concurrent writers,
//! killed saves, huge ranges, FIFOs, symlinks, read-only files, the umask, exports over
//! sessions, unsafe links. One test per defect found when they were attacked (issue 9).

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use claimdesk::intent::{ClaimField, Edit};
use claimdesk::store::{self, Expect, SaveError};
use claimdesk::timestamp::Timestamp;
use claimdesk::workspace::Workspace;
use common::{assert_exit, bin, root, run, s, sample_copy, text};

fn n_claims(path: &Path) -> usize {
    store::load(path).expect("load").session.claims().len()
}

fn add_claim(path: &Path, sentence: usize) -> std::process::Output {
    run(&[
        "claim",
        "add",
        s(path),
        "--doc",
        "0",
        "--sentence",
        &sentence.to_string(),
        "--verdict",
        "false",
    ])
}

#[test]
fn two_writers_adding_claims_in_a_loop_lose_nothing() {
    let (_dir, path) = sample_copy();
    let before = n_claims(&path);
    let rounds = 100;
    let writers: Vec<_> = (0..2)
        .map(|writer| {
            let path = path.clone();
            std::thread::spawn(move || {
                (0..rounds)
                    .filter(|round| {
                        let output = add_claim(&path, (writer * rounds + round) % 30);
                        // Each add either saves and says so, or fails and says why.
                        let saved = output.status.success();
                        let said = if saved {
                            text(&output.stdout).contains("added claim")
                        } else {
                            !output.stderr.is_empty()
                        };
                        assert!(said, "{}", text(&output.stderr));
                        saved
                    })
                    .count()
            })
        })
        .collect();
    let saved: usize = writers
        .into_iter()
        .map(|writer| writer.join().expect("writer"))
        .sum();
    assert_eq!(n_claims(&path), before + saved);
    assert_eq!(
        saved,
        2 * rounds,
        "no add should fail when the other one waits"
    );
}

/// The sample with `alignment` put first in its list of alignments.
fn sample_with_alignment(dir: &Path, alignment: &str) -> PathBuf {
    let sample =
        std::fs::read_to_string(root().join("saves/mali-review.ron")).expect("read sample");
    let hostile = sample.replacen("alignments: [", &format!("alignments: [{alignment},"), 1);
    assert_ne!(hostile, sample, "the sample has alignments");
    let path = dir.join("hostile.ron");
    std::fs::write(&path, hostile).expect("write");
    path
}

#[test]
fn a_huge_alignment_range_is_refused_without_allocating_it() {
    let (dir, _) = sample_copy();
    for range in ["0..4294967295", "0..1000000000", "5..2"] {
        let path = sample_with_alignment(
            dir.path(),
            &format!("(a: 0, b: 1, pairs: [({range}, 0..0, 0.0, false)])"),
        );
        // 1 GB of address space: the old build needed 17 GB and aborted.
        let output = Command::new("sh")
            .args(["-c", "ulimit -v 1000000; exec \"$0\" check \"$1\""])
            .arg(bin())
            .arg(&path)
            .output()
            .expect("run");
        assert_exit(&output, 1);
        let err = text(&output.stderr);
        assert!(
            err.contains("pair 0") && (err.contains("past the last") || err.contains("reversed")),
            "{range}: {err}"
        );
    }
    // The same sentence in two pairs would let a file expand far beyond its size.
    let path = sample_with_alignment(
        dir.path(),
        "(a: 0, b: 1, pairs: [(0..3, 0..0, 0.0, false), (0..3, 0..0, 0.0, false)])",
    );
    let output = run(&["check", s(&path)]);
    assert_exit(&output, 1);
    assert!(text(&output.stderr).contains("already in an earlier pair"));
}

/// Runs claimdesk and fails the test if it has not ended after a few seconds.
fn run_bounded(args: &[&str]) -> std::process::Output {
    let mut child = Command::new(bin())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("claimdesk {args:?} still runs after 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

#[test]
fn fifos_and_directories_are_refused_not_waited_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("x.ron");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let out = dir.path().join("out.ron");
    for args in [
        vec!["check", s(&fifo)],
        vec!["new", s(&fifo), "-o", s(&out)],
        vec!["import", s(&fifo), "--format", "w3c", "-o", s(&out)],
        vec!["check", s(dir.path())],
    ] {
        let output = run_bounded(&args);
        assert_exit(&output, 1);
        let err = text(&output.stderr);
        assert!(err.contains("not a regular file"), "{args:?}: {err}");
    }
}

#[test]
fn saving_through_a_symlink_writes_its_target_and_keeps_the_link() {
    let (dir, real) = sample_copy();
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink("review.ron", &link).expect("symlink");
    let before = n_claims(&real);
    assert_exit(&add_claim(&link, 3), 0);
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert_eq!(n_claims(&real), before + 1);
    assert!(dir.path().join("review.ron.bak").exists());
    assert!(!dir.path().join("link.ron.bak").exists());
}

#[test]
fn export_never_replaces_a_session_and_other_files_only_with_force() {
    let (dir, sample) = sample_copy();
    let session = dir.path().join("review.json");
    std::fs::copy(&sample, &session).expect("copy");
    let original = std::fs::read(&session).expect("read");
    let output = run(&[
        "export",
        s(&session),
        "--format",
        "w3c",
        "-o",
        s(&session),
        "--force",
    ]);
    assert_exit(&output, 1);
    assert!(text(&output.stderr).contains("session"));
    assert_eq!(std::fs::read(&session).expect("read"), original);

    // A session's backup is never a target either.
    assert_exit(&add_claim(&sample, 2), 0);
    let backup = dir.path().join("review.ron.bak");
    let backup_bytes = std::fs::read(&backup).expect("backup");
    let output = run(&[
        "export",
        s(&sample),
        "--format",
        "csv",
        "-o",
        s(&backup),
        "--force",
    ]);
    assert_exit(&output, 1);
    assert_eq!(std::fs::read(&backup).expect("read"), backup_bytes);

    // An article needs --force; an earlier export of the same kind does not.
    let article = dir.path().join("article.txt");
    std::fs::write(&article, "An article.\n").expect("write");
    let csv = ["export", s(&sample), "--format", "csv", "-o", s(&article)];
    assert_exit(&run(&csv), 1);
    assert_eq!(
        std::fs::read_to_string(&article).expect("read"),
        "An article.\n"
    );
    let output = run(&[&csv[..], &["--force"]].concat());
    assert_exit(&output, 0);
    assert_exit(&run(&csv), 0);
}

#[test]
fn unsafe_source_urls_never_become_links_and_reports_escape_markup() {
    let (dir, path) = sample_copy();
    let sample = std::fs::read_to_string(&path).expect("read");
    let url_at = sample.find("url: \"https://").expect("a source url") + "url: \"".len();
    let url_end = url_at + sample[url_at..].find('"').expect("end of url");
    let hostile = format!(
        "{}javascript:alert(document.domain){}",
        &sample[..url_at],
        &sample[url_end..]
    );
    let hostile = replace_first_note(&hostile, "<img src=x onerror=alert(1)>");
    let path_hostile = dir.path().join("hostile.ron");
    std::fs::write(&path_hostile, hostile).expect("write");
    assert_exit(&run(&["check", s(&path_hostile)]), 0);

    let html = run(&["export", s(&path_hostile), "--format", "html"]);
    assert_exit(&html, 0);
    let html = text(&html.stdout);
    assert!(!html.contains("href=\"javascript"), "{html}");
    assert!(
        html.contains("javascript:alert(document.domain)"),
        "shown as text"
    );
    assert!(!html.contains("<img"), "{html}");

    let markdown = run(&["export", s(&path_hostile), "--format", "markdown"]);
    assert_exit(&markdown, 0);
    let markdown = text(&markdown.stdout);
    assert!(!markdown.contains("<javascript"), "{markdown}");
    assert!(!markdown.contains(" <img"), "{markdown}");
    assert!(markdown.contains("\\<img"), "{markdown}");
}

/// `session` with the first claim's note replaced by `note`.
fn replace_first_note(session: &str, note: &str) -> String {
    let at = session.find("note: ").expect("a note") + "note: ".len();
    let rest = &session[at..];
    // Notes are saved as raw strings `r#"…"#` or plain `"…"`.
    let end = if rest.starts_with("r#\"") {
        rest.find("\"#").expect("end") + 2
    } else {
        1 + rest[1..].find('"').expect("end") + 1
    };
    format!("{}r#\"{note}\"#{}", &session[..at], &rest[end..])
}

#[test]
fn read_only_sessions_are_refused_and_modes_are_kept() {
    let (_dir, path) = sample_copy();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let before = std::fs::read(&path).expect("read");
    let output = add_claim(&path, 1);
    assert_exit(&output, 1);
    assert!(text(&output.stderr).contains("read-only"));
    assert_eq!(std::fs::read(&path).expect("read"), before);

    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    assert_exit(&add_claim(&path, 1), 0);
    let mode = std::fs::metadata(&path).expect("stat").permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
}

#[test]
fn new_files_respect_the_umask() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = root().join("assets/articles/mali-russia.en.txt");
    let session = dir.path().join("new.ron");
    let csv = dir.path().join("claims.csv");
    let script =
        "umask 077; \"$0\" new \"$1\" -o \"$2\" && \"$0\" export \"$2\" --format csv -o \"$3\"";
    let output = Command::new("sh")
        .args(["-c", script])
        .arg(bin())
        .args([&article, &session, &csv])
        .output()
        .expect("run");
    assert_exit(&output, 0);
    for path in [&session, &csv] {
        let mode = std::fs::metadata(path).expect("stat").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{}", path.display());
    }
}

#[test]
fn claim_add_works_after_importing_the_largest_old_id() {
    let (dir, path) = sample_copy();
    let export = run(&["export", s(&path), "--format", "doccano"]);
    assert_exit(&export, 0);
    let jsonl = text(&export.stdout);
    let at =
        jsonl.find("\"claimdesk\":[{\"id\":\"").expect("record") + "\"claimdesk\":[{\"id\":".len();
    let hostile = format!("{}4294967295{}", &jsonl[..at], &jsonl[at + 18..]);
    let file = dir.path().join("max.jsonl");
    std::fs::write(&file, hostile).expect("write");
    let imported = dir.path().join("imported.ron");
    assert_exit(
        &run(&[
            "import",
            s(&file),
            "--format",
            "doccano",
            "-o",
            s(&imported),
        ]),
        0,
    );
    for sentence in [0, 1, 2] {
        assert_exit(&add_claim(&imported, sentence), 0);
    }
}

#[test]
fn killed_saves_leave_a_backup_and_no_litter() {
    let (dir, path) = sample_copy();
    let started = Instant::now();
    assert_exit(&add_claim(&path, 0), 0);
    // Kills spread over a whole run, from start-up to the rename.
    let run_time = started.elapsed();
    let backup = dir.path().join("review.ron.bak");
    let rounds = 40u32;
    for round in 0..rounds {
        let mut child = Command::new(bin())
            .args(["claim", "add", s(&path), "--doc", "0", "--sentence", "1"])
            .args(["--verdict", "true"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(run_time * round / rounds);
        let _ = child.kill(); // SIGKILL: no chance to clean up.
        let _ = child.wait();
        assert!(backup.exists(), "round {round}: the .bak is missing");
        assert_exit(&run(&["check", s(&path)]), 0);
    }
    // The next save holds the lock, so any temporary file left is stale: it goes.
    assert_exit(&add_claim(&path, 2), 0);
    let litter: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(litter.is_empty(), "{litter:?}");
}

#[test]
fn io_errors_name_the_file_and_their_cause_once() {
    let output = run(&["check", "/nonexistent/review.ron"]);
    assert_exit(&output, 1);
    let err = text(&output.stderr);
    assert!(err.contains("/nonexistent/review.ron"), "{err}");
    assert_eq!(err.matches("No such file or directory").count(), 1, "{err}");
    assert!(!err.contains("os error"), "{err}");
}

fn set_note(workspace: &Workspace, note: &str) -> Edit {
    let id = workspace.session().claims()[0].id;
    Edit::SetClaimField {
        id,
        value: ClaimField::Note(note.to_owned()),
        modified: Timestamp::from_unix_secs(1_800_000_000),
    }
}

#[test]
fn the_window_never_overwrites_a_save_made_elsewhere_and_can_reapply_its_edits() {
    let (_dir, path) = sample_copy();
    let now = Timestamp::from_unix_secs(1_800_000_000);
    let mut window = Workspace::open(&path, now).expect("open");
    let edit = set_note(&window, "the window's note");
    window.apply(edit).expect("edit");

    // Meanwhile a command saves a new claim.
    assert_exit(&add_claim(&path, 4), 0);
    let on_disk = n_claims(&path);

    let err = window.save(now).expect_err("changed on disk");
    assert!(matches!(err, SaveError::ChangedOnDisk { .. }), "{err}");
    assert_eq!(
        n_claims(&path),
        on_disk,
        "the command's claim is still there"
    );

    let report = window.reload_and_reapply().expect("reload");
    assert_eq!(report.applied, 1);
    assert!(report.dropped.is_empty());
    assert!(window.is_dirty());
    window.save(now).expect("save after reload");
    let saved = store::load(&path).expect("load").session;
    assert_eq!(saved.claims().len(), on_disk);
    assert!(saved.claims().iter().any(|c| c.note == "the window's note"));

    // Save as to another file is the user's choice and needs no check.
    let other = path.with_file_name("copy.ron");
    store::save(&saved, &other, Expect::AnySession).expect("save as");
}
