//! End-to-end tests of the `claimdesk` binary: output, exit codes, and that bad input is
//! refused with a clear message and without touching any file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_claimdesk");

fn asset(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/articles")
        .join(name)
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("run claimdesk")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[track_caller]
fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout: {}\nstderr: {}",
        stdout(output),
        stderr(output)
    );
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

#[test]
fn segment_prints_one_sentence_per_line() {
    let nl = asset("mali-rusland.nl.txt");
    let output = run(&["segment", path_str(&nl)]);
    assert_exit(&output, 0);
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "Met grove halen knipt Oumar Sidibé het polyester in stukken."
    );
    assert!(lines.contains(&"“Leve Poetin”, lacht de jonge kleermaker."));
    assert!(lines.contains(&"De ene na de andere maatregel tegen Parijs"));
}

#[test]
fn segment_json_uses_code_points_and_reads_stdin() {
    use std::io::Write;
    let mut child = Command::new(BIN)
        .args(["segment", "--json", "--lang", "en", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all("🇲🇱 Flag first. Then\ntwo lines.".as_bytes())
        .expect("write");
    let output = child.wait_with_output().expect("wait");
    assert_exit(&output, 0);
    let parsed: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("json");
    assert_eq!(
        parsed,
        serde_json::json!([
            {"start": 0, "end": 14, "text": "🇲🇱 Flag first."},
            {"start": 15, "end": 30, "text": "Then\ntwo lines."}
        ])
    );
}

/// Issue 29, finding 2: standard input is read as files are, bounded, and a binary stream
/// is refused from its first bytes: an endless stream of NUL bytes ends at once.
#[test]
fn segment_refuses_an_endless_binary_stdin_at_once() {
    use std::io::Write;
    let mut child = Command::new(BIN)
        .args(["segment", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    // Keeps writing until the reader goes away (it refuses after its first chunk).
    let writer = std::thread::spawn(move || {
        let zeros = vec![0u8; 1 << 16];
        let mut written = 0usize;
        while stdin.write_all(&zeros).is_ok() {
            written += zeros.len();
            if written > 1 << 30 {
                break;
            }
        }
        written
    });
    let output = child.wait_with_output().expect("wait");
    let written = writer.join().expect("writer");
    assert_exit(&output, 1);
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("looks like a binary file"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        written < 16 << 20,
        "it read {written} bytes before refusing"
    );
}

#[test]
fn segment_refuses_binary_and_latin1_with_offsets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"Caf\xe9 au lait.").expect("write");
    let output = run(&["segment", path_str(&latin1)]);
    assert_exit(&output, 1);
    assert_stderr_has(&output, "byte offset 3");

    let binary = dir.path().join("image.txt");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\x00\x00").expect("write");
    let output = run(&["segment", path_str(&binary)]);
    assert_exit(&output, 1);
    assert!(stderr(&output).contains("binary"), "{}", stderr(&output));
}

#[test]
fn usage_errors_exit_2() {
    assert_exit(&run(&["segment"]), 2);
    assert_exit(&run(&["--no-such-flag"]), 2);
    assert_exit(&run(&["--help"]), 0);
}

/// `claimdesk claim add SESSION --doc D --sentence S --verdict V`.
fn add_claim(session: &str, doc: &str, sentence: &str, verdict: &str) -> Output {
    run(&[
        "claim",
        "add",
        session,
        "--doc",
        doc,
        "--sentence",
        sentence,
        "--verdict",
        verdict,
    ])
}

#[track_caller]
fn assert_stderr_has(output: &Output, needle: &str) {
    let message = stderr(output);
    assert!(
        message.contains(needle),
        "expected {needle:?} in: {message}"
    );
}

/// Makes a session from both sample articles in a temporary folder.
fn new_session(dir: &Path) -> PathBuf {
    let session = dir.join("review.ron");
    let nl = asset("mali-rusland.nl.txt");
    let en = asset("mali-russia.en.txt");
    let output = run(&[
        "new",
        path_str(&nl),
        path_str(&en),
        "-o",
        path_str(&session),
        "--title",
        "Mali review",
    ]);
    assert_exit(&output, 0);
    session
}

#[test]
fn new_claim_add_check_stats_flow() {
    let dir = tempfile::tempdir().expect("tempdir");
    let session = new_session(dir.path());
    let s = path_str(&session);

    let output = run(&[
        "claim",
        "add",
        s,
        "--doc",
        "1",
        "--sentence",
        "25",
        "--verdict",
        "misleading",
        "--source",
        "https://example.org/a",
        "--source-title",
        "Original",
        "--source",
        "https://example.org/b",
        "--note",
        "Original says 2020",
        "--claimant",
        "NOS",
        "--status",
        "done",
    ]);
    assert_exit(&output, 0);
    let output = add_claim(s, "0", "4..5", "false");
    assert_exit(&output, 0);

    let output = run(&["check", s]);
    assert_exit(&output, 0);
    assert!(
        stdout(&output).contains("2 claim(s)"),
        "{}",
        stdout(&output)
    );

    let output = run(&["stats", s, "--json"]);
    assert_exit(&output, 0);
    let stats: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("json");
    assert_eq!(stats["documents"], 2);
    assert_eq!(stats["claims"], 2);
    assert_eq!(stats["by_verdict"]["misleading"], 1);
    assert_eq!(stats["by_verdict"]["false"], 1);
    assert_eq!(stats["by_status"]["done"], 1);
    assert_eq!(stats["by_status"]["todo"], 1);

    let loaded = claimdesk::store::load(&session).expect("load").session;
    let in_doc = |doc: u32| {
        loaded
            .claims()
            .iter()
            .find(|c| c.doc.0 == doc)
            .expect("a claim on the document")
    };
    let misleading = in_doc(1);
    assert_eq!(
        misleading.text,
        "In the new military regime led by Colonel Assimi Goita since last year, anti-French \
         sentiments have reached a boiling point in recent months."
    );
    assert_eq!(misleading.sources.len(), 2);
    assert_eq!(misleading.sources[0].title, "Original");
    assert_eq!(misleading.sources[1].title, "");
    let two_sentences = in_doc(0);
    assert_eq!(
        two_sentences.text,
        "“Leve Poetin”, lacht de jonge kleermaker. “Onze belangrijkste bondgenoot.”"
    );
    assert!(claimdesk::store::backup_path(&session).exists());
}

#[test]
fn claim_add_refuses_bad_input_and_leaves_the_file_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let session = new_session(dir.path());
    let s = path_str(&session);
    let before = std::fs::read(&session).expect("read");

    let output = add_claim(s, "0", "9999", "false");
    assert_exit(&output, 1);
    assert_stderr_has(&output, "no sentences 9999..=9999");

    let output = add_claim(s, "5", "1", "false");
    assert_exit(&output, 1);
    assert_stderr_has(&output, "no document 5");

    let output = add_claim(s, "0", "1", "fals");
    assert_exit(&output, 2);
    assert_stderr_has(&output, "mostly-false");

    assert_eq!(std::fs::read(&session).expect("read"), before);
}

#[test]
fn damaged_sessions_are_reported_with_position_and_never_overwritten() {
    let dir = tempfile::tempdir().expect("tempdir");
    let session = new_session(dir.path());
    let s = path_str(&session);
    let full = std::fs::read_to_string(&session).expect("read");
    let truncated = &full[..full.len() / 2];
    std::fs::write(&session, truncated).expect("truncate");

    let output = run(&["check", s]);
    assert_exit(&output, 1);
    let message = stderr(&output);
    assert!(message.contains(&format!("{s}:")), "names file: {message}");

    let output = add_claim(s, "0", "1", "true");
    assert_exit(&output, 1);
    assert_eq!(std::fs::read_to_string(&session).expect("read"), truncated);

    let newer = full.replacen("version: 2", "version: 7", 1);
    std::fs::write(&session, newer).expect("write");
    let output = run(&["check", s]);
    assert_exit(&output, 1);
    assert_stderr_has(&output, "newer Claimdesk");
}

#[test]
fn new_refuses_to_replace_a_session_without_force() {
    let dir = tempfile::tempdir().expect("tempdir");
    let session = new_session(dir.path());
    let nl = asset("mali-rusland.nl.txt");
    let output = run(&["new", path_str(&nl), "-o", path_str(&session)]);
    assert_exit(&output, 1);
    assert!(stderr(&output).contains("--force"), "{}", stderr(&output));
}

fn example_session() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/mali-review.ron")
}

#[test]
fn export_every_format_to_stdout_and_file() {
    let example = example_session();
    for format in [
        "claimreview",
        "w3c",
        "doccano",
        "labelstudio",
        "fever",
        "csv",
        "markdown",
        "html",
    ] {
        let output = run(&["export", path_str(&example), "--format", format]);
        assert_exit(&output, 0);
        assert!(!output.stdout.is_empty(), "{format}");
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("reviews.json");
    let output = run(&[
        "export",
        path_str(&example),
        "--format",
        "claimreview",
        "--only-done",
        "-o",
        path_str(&out),
    ]);
    assert_exit(&output, 0);
    assert_stderr_has(&output, "wrote 3 claim(s)");
    let reviews: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("read")).expect("json");
    assert_eq!(reviews.as_array().map(Vec::len), Some(3));

    assert_exit(&run(&["export", path_str(&example), "--format", "xml"]), 2);
    let ron = dir.path().join("oops.ron");
    let output = run(&[
        "export",
        path_str(&example),
        "--format",
        "csv",
        "-o",
        path_str(&ron),
    ]);
    assert_exit(&output, 1);
    assert!(!ron.exists());
}

#[test]
fn import_round_trip_and_bad_input() {
    let example = example_session();
    let dir = tempfile::tempdir().expect("tempdir");
    let exported = dir.path().join("review.jsonl");
    let output = run(&[
        "export",
        path_str(&example),
        "--format",
        "doccano",
        "-o",
        path_str(&exported),
    ]);
    assert_exit(&output, 0);
    let imported = dir.path().join("imported.ron");
    let output = run(&[
        "import",
        path_str(&exported),
        "--format",
        "doccano",
        "-o",
        path_str(&imported),
    ]);
    assert_exit(&output, 0);
    let original = claimdesk::store::load(&example).expect("load").session;
    let back = claimdesk::store::load(&imported).expect("load").session;
    let spans = |s: &claimdesk::model::Session| -> Vec<_> {
        s.claims()
            .iter()
            .map(|c| {
                (
                    c.anchor.quote.exact.clone(),
                    c.verdict,
                    c.note.clone(),
                    c.sources.clone(),
                )
            })
            .collect()
    };
    assert_eq!(spans(&back), spans(&original));

    let broken = dir.path().join("broken.jsonl");
    std::fs::write(
        &broken,
        "{\"text\": \"A.\", \"label\": []}\n{\"text\": \"B.\",\n",
    )
    .expect("write");
    let target = dir.path().join("never.ron");
    let output = run(&[
        "import",
        path_str(&broken),
        "--format",
        "doccano",
        "-o",
        path_str(&target),
    ]);
    assert_exit(&output, 1);
    assert_stderr_has(&output, "broken.jsonl:2:");
    assert!(!target.exists());

    let output = run(&[
        "import",
        path_str(&broken),
        "--format",
        "csv",
        "-o",
        path_str(&target),
    ]);
    assert_exit(&output, 1);
    assert_stderr_has(&output, "cannot be imported");
}

#[test]
fn import_into_brings_the_other_tools_labels_into_the_session_as_one_edit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let session = dir.path().join("review.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/mali-review.ron"),
        &session,
    )
    .expect("copy");
    let export = run(&["export", path_str(&session), "--format", "labelstudio"]);
    assert_exit(&export, 0);
    let mut tasks: serde_json::Value = serde_json::from_slice(&export.stdout).expect("json");
    // Relabel the first region of the first task and drop the second.
    let result = tasks[0]["annotations"][0]["result"]
        .as_array_mut()
        .expect("regions");
    let relabelled_text = result[0]["value"]["text"]
        .as_str()
        .expect("text")
        .to_owned();
    result[0]["value"]["labels"] = serde_json::json!(["Unverifiable"]);
    result.remove(1);
    let file = dir.path().join("from-ls.json");
    std::fs::write(&file, tasks.to_string()).expect("write");

    let before = claimdesk::store::load(&session).expect("load").session;
    let output = run(&[
        "import",
        path_str(&file),
        "--format",
        "labelstudio",
        "--into",
        path_str(&session),
    ]);
    assert_exit(&output, 0);
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(said.contains("relabelled 1"), "{said}");
    assert!(said.contains("missing 1"), "{said}");
    let after = claimdesk::store::load(&session).expect("load").session;
    assert_eq!(
        after.claims().len(),
        before.claims().len(),
        "nothing removed"
    );
    let claim = after
        .claims()
        .iter()
        .find(|c| c.anchor.quote.exact == relabelled_text)
        .expect("the relabelled claim");
    assert_eq!(claim.verdict, claimdesk::model::Verdict::Unverifiable);
    assert!(
        dir.path().join("review.ron.bak").exists(),
        "saved like any edit"
    );
}
