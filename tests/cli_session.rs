//! The headless CLI over a whole review: listing, changing and removing claims, the
//! session details, and every subcommand's behaviour when its output is closed or full.

use std::path::Path;
use std::process::{Command, Output, Stdio};

mod common;

use common::{assert_exit, bin, root, run, s, sample_copy, text};

fn list_json(path: &Path) -> Vec<serde_json::Value> {
    let output = run(&["claim", "list", s(path), "--json"]);
    assert_exit(&output, 0);
    serde_json::from_str(&text(&output.stdout)).expect("json")
}

#[test]
fn claim_list_shows_ids_labels_and_places() {
    let (_dir, path) = sample_copy();
    let claims = list_json(&path);
    assert_eq!(claims.len(), 7);
    for claim in &claims {
        let id = claim["id"].as_str().expect("id");
        let label = claim["label"].as_str().expect("label");
        assert_eq!(id.len(), 16);
        assert!(
            label.starts_with('#') && id.starts_with(&label[1..]),
            "{label} {id}"
        );
        for key in [
            "doc", "first", "last", "verdict", "status", "claimant", "text",
        ] {
            assert!(!claim[key].is_null(), "{key} in {claim}");
        }
    }
    // In reading order: document 0 first.
    assert_eq!(claims[0]["doc"], 0);
    let output = run(&["claim", "list", s(&path)]);
    assert_exit(&output, 0);
    let table = text(&output.stdout);
    assert_eq!(table.lines().count(), 7);
    assert!(table.contains("misleading"), "{table}");
}

#[test]
fn claim_set_changes_fields_by_label_and_remove_unlinks() {
    let (_dir, path) = sample_copy();
    let claims = list_json(&path);
    let target = claims
        .iter()
        .find(|c| c["verdict"] == "unverifiable")
        .expect("an unverifiable claim");
    let label = target["label"].as_str().expect("label").to_owned();
    let id = target["id"].as_str().expect("id").to_owned();

    let output = run(&[
        "claim",
        "set",
        s(&path),
        &label,
        "--verdict",
        "false",
        "--status",
        "done",
        "--note",
        "Two lines\nof rationale",
        "--claimant",
        "Ministry",
        "--text",
        "The claim, shortened",
        "--reviewer",
        "Bo",
        "--add-source",
        "https://example.org/report",
        "--source-title",
        "Report",
        "--stance",
        "refutes",
    ]);
    assert_exit(&output, 0);
    assert!(
        text(&output.stdout).contains(&label),
        "{}",
        text(&output.stdout)
    );

    let session = claimdesk::store::load(&path).expect("load").session;
    let claim = session
        .claim(id.parse().expect("id"))
        .expect("claim still there");
    assert_eq!(claim.verdict.name(), "false");
    assert_eq!(claim.status.name(), "done");
    assert_eq!(claim.note, "Two lines\nof rationale");
    assert_eq!(claim.claimant, "Ministry");
    assert_eq!(claim.text, "The claim, shortened");
    assert_eq!(claim.reviewer, "Bo");
    let added = claim.sources.last().expect("source");
    assert_eq!(added.url, "https://example.org/report");
    assert_eq!(added.title, "Report");
    assert_eq!(added.stance.name(), "refutes");

    // The full id works too; a linked claim is unlinked on removal.
    let linked = session
        .claims()
        .iter()
        .find(|c| c.counterpart.is_some())
        .expect("a linked claim");
    let (linked_id, other) = (linked.id, linked.counterpart.expect("counterpart"));
    let output = run(&["claim", "remove", s(&path), &linked_id.to_string()]);
    assert_exit(&output, 0);
    let session = claimdesk::store::load(&path).expect("load").session;
    assert!(session.claim(linked_id).is_none());
    assert_eq!(session.claim(other).and_then(|c| c.counterpart), None);
    assert_eq!(session.claims().len(), 6);
}

#[test]
fn claim_set_and_remove_refuse_bad_input_without_touching_the_file() {
    let (_dir, path) = sample_copy();
    let before = std::fs::read(&path).expect("read");
    let label = list_json(&path)[0]["label"]
        .as_str()
        .expect("label")
        .to_owned();
    for (args, expected) in [
        (vec!["claim", "set", s(&path), "#ffffffff"], "no claim"),
        (vec!["claim", "set", s(&path), "nonsense"], "not a claim id"),
        (vec!["claim", "set", s(&path), &label], "nothing to change"),
        (
            vec![
                "claim",
                "set",
                s(&path),
                &label,
                "--add-source",
                "javascript:alert(1)",
            ],
            "only http",
        ),
        (
            vec!["claim", "set", s(&path), &label, "--text", "  "],
            "--text is empty",
        ),
        (vec!["claim", "remove", s(&path), "#0000000"], "no claim"),
        (
            vec!["meta", s(&path), "--review-url", "file:///etc/passwd"],
            "only http",
        ),
    ] {
        let output = run(&args);
        assert_exit(&output, 1);
        assert!(
            text(&output.stderr).contains(expected),
            "{args:?}: {}",
            text(&output.stderr)
        );
    }
    let output = run(&["claim", "set", s(&path), &label, "--verdict", "fals"]);
    assert_exit(&output, 2);
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "file untouched"
    );
}

#[test]
fn meta_sets_and_shows_the_session_details() {
    let (_dir, path) = sample_copy();
    let output = run(&[
        "meta",
        s(&path),
        "--title",
        "Mali review",
        "--review-url",
        "https://desk.example.org/mali",
        "--organisation",
        "Desk",
        "--organisation-url",
        "https://desk.example.org",
        "--add-reviewer",
        "Ana",
        "--add-reviewer",
        "Ana",
    ]);
    assert_exit(&output, 0);
    let session = claimdesk::store::load(&path).expect("load").session;
    let meta = session.meta();
    assert_eq!(meta.title, "Mali review");
    assert_eq!(
        meta.review_url.as_deref(),
        Some("https://desk.example.org/mali")
    );
    assert_eq!(meta.organisation.name, "Desk");
    assert_eq!(
        meta.organisation.url.as_deref(),
        Some("https://desk.example.org")
    );
    assert_eq!(meta.reviewers.iter().filter(|r| *r == "Ana").count(), 1);

    let output = run(&["meta", s(&path)]);
    assert_exit(&output, 0);
    assert!(text(&output.stdout).contains("https://desk.example.org/mali"));
}

/// Runs `args` with standard output sent to `stdout` and standard error captured.
fn run_with_stdout(args: &[&str], stdout: impl Into<Stdio>) -> Output {
    Command::new(bin())
        .args(args)
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .expect("run claimdesk")
}

/// Runs `args` with standard output connected to a pipe whose reader is already gone.
fn run_into_closed_pipe(args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    run_with_stdout(args, writer)
}

/// Runs `args` with standard output on `/dev/full`.
fn run_into_full_device(args: &[&str]) -> Output {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    run_with_stdout(args, full)
}

#[test]
fn every_subcommand_ends_quietly_when_its_output_is_closed() {
    let (dir, path) = sample_copy();
    let nl = root().join("assets/articles/mali-rusland.nl.txt");
    let en = root().join("assets/articles/mali-russia.en.txt");
    let label = list_json(&path)[0]["label"]
        .as_str()
        .expect("label")
        .to_owned();
    let new_out = dir.path().join("new.ron");
    let imported = dir.path().join("imported.ron");
    let doccano = dir.path().join("review.jsonl");
    std::fs::write(
        &doccano,
        text(&run(&["export", s(&path), "--format", "doccano"]).stdout),
    )
    .expect("write doccano");
    let cases: Vec<Vec<&str>> = vec![
        vec!["segment", s(&nl)],
        vec!["check", s(&path)],
        vec!["stats", s(&path)],
        vec!["stats", s(&path), "--json"],
        vec!["align", s(&nl), s(&en)],
        vec!["export", s(&path), "--format", "csv"],
        vec!["claim", "list", s(&path)],
        vec![
            "claim",
            "add",
            s(&path),
            "--doc",
            "0",
            "--sentence",
            "3",
            "--verdict",
            "true",
        ],
        vec!["claim", "set", s(&path), &label, "--status", "done"],
        vec!["meta", s(&path)],
        vec!["meta", s(&path), "--title", "Piped"],
        vec!["new", s(&nl), "-o", s(&new_out)],
        vec![
            "import",
            s(&doccano),
            "--format",
            "doccano",
            "-o",
            s(&imported),
        ],
        vec!["--help"],
    ];
    for args in &cases {
        let output = run_into_closed_pipe(args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&output.stderr)
        );
        assert!(
            !text(&output.stderr).contains("panicked"),
            "{args:?}: {}",
            text(&output.stderr)
        );
    }
    // The commands that change files did their work.
    let claims = list_json(&path);
    assert_eq!(claims.len(), 8, "claim add saved");
    assert!(new_out.exists() && imported.exists());
}

#[test]
fn a_full_output_is_an_error_that_says_what_was_done() {
    let (_dir, path) = sample_copy();
    let output = run_into_full_device(&["check", s(&path)]);
    assert_exit(&output, 1);
    assert!(
        text(&output.stderr).contains("standard output"),
        "{}",
        text(&output.stderr)
    );
    let output = run_into_full_device(&[
        "claim",
        "add",
        s(&path),
        "--doc",
        "0",
        "--sentence",
        "3",
        "--verdict",
        "true",
    ]);
    assert_exit(&output, 1);
    let message = text(&output.stderr);
    assert!(
        message.contains("saved") && message.contains("standard output"),
        "{message}"
    );
    assert!(!message.contains("panicked"), "{message}");
    assert_eq!(
        list_json(&path).len(),
        8,
        "the claim was saved, and it says so"
    );
}

#[test]
fn an_unknown_command_is_a_usage_error_not_a_window() {
    let output = run(&["bogus"]);
    assert_exit(&output, 2);
    assert!(
        text(&output.stderr).contains("neither a command nor an existing file"),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn the_glued_subheading_of_the_sample_is_split_off_by_hand_and_claims_stay_put() {
    let (_dir, path) = common::sample_copy();
    let before = claimdesk::store::load(&path).expect("sample").session;
    let doc = &before.documents()[0];
    // "Vast in een spiraal van geweld Sinds in 2011 …": the subheading has no line break.
    let heading = doc
        .text()
        .find("Vast in een spiraal van geweld")
        .expect("heading");
    let sinds = heading + doc.text()[heading..].find("Sinds").expect("next sentence");
    let at = doc.text()[..sinds].chars().count();
    let n = doc.sentences().len();
    let split = common::run(&[
        "sentence",
        "split",
        common::s(&path),
        "--doc",
        "0",
        "--at",
        &at.to_string(),
    ]);
    common::assert_exit(&split, 0);
    let after = claimdesk::store::load(&path).expect("valid").session;
    let doc = &after.documents()[0];
    assert_eq!(doc.sentences().len(), n + 1);
    let heading_idx = doc.sentence_at(at - 2).expect("the heading's sentence");
    assert_eq!(
        doc.sentence_text(heading_idx),
        Some("Vast in een spiraal van geweld")
    );
    for claim in before.claims() {
        let now = after.claim(claim.id).expect("kept");
        assert_eq!(now.anchor.range(), claim.anchor.range(), "same text");
        assert_eq!(now.anchor.quote.exact, claim.anchor.quote.exact);
    }
    common::assert_exit(&common::run(&["check", common::s(&path)]), 0);
    // Merging restores the old boundaries; the claims still cover the same text.
    let merge = common::run(&[
        "sentence",
        "merge",
        common::s(&path),
        "--doc",
        "0",
        "--sentence",
        &heading_idx.0.to_string(),
    ]);
    common::assert_exit(&merge, 0);
    let merged = claimdesk::store::load(&path).expect("valid").session;
    assert_eq!(
        merged.documents()[0].sentences(),
        before.documents()[0].sentences()
    );
    assert_eq!(merged.claims().len(), before.claims().len());
    // A split that would leave an empty part is refused, and nothing is written.
    let bytes = std::fs::read(&path).expect("read");
    let refused = common::run(&[
        "sentence",
        "split",
        common::s(&path),
        "--doc",
        "0",
        "--at",
        "0",
    ]);
    common::assert_exit(&refused, 1);
    assert_eq!(std::fs::read(&path).expect("read"), bytes);
}

/// The sample's Dutch article in a new version: a claimed number corrected, a claimed
/// paragraph moved to the end, a claimed sentence deleted.
fn edited_dutch_article(dir: &Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(root().join("assets/articles/mali-rusland.nl.txt"))
        .expect("article");
    let text = text.replace(
        "Zeker 10.000 mensen zijn door het geweld omgekomen",
        "Zeker 12.000 mensen zijn door het geweld omgekomen",
    );
    let text = text.replace(
        "Volgens een plaatselijk statistiekbureau is ruim negentig procent van de inwoners van \
         Bamako ontevreden over de rol van Frankrijk. ",
        "",
    );
    let mut paragraphs: Vec<&str> = text.split("\n\n").collect();
    let moved = paragraphs
        .iter()
        .position(|p| p.contains("Maar sinds 2020"))
        .expect("paragraph");
    let paragraph = paragraphs.remove(moved);
    paragraphs.push(paragraph);
    let path = dir.join("mali-rusland-v2.txt");
    std::fs::write(&path, paragraphs.join("\n\n")).expect("write");
    path
}

#[test]
fn updating_the_article_moves_changes_and_orphans_claims_and_keeps_the_old_text() {
    let (dir, path) = sample_copy();
    let before = claimdesk::store::load(&path).expect("sample").session;
    let new_version = edited_dutch_article(dir.path());
    let output = run(&["update", s(&path), "--doc", "0", s(&new_version), "--json"]);
    assert_exit(&output, 0);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(
        json["summary"],
        serde_json::json!({"kept": 0, "moved": 1, "changed": 1, "orphaned": 1})
    );
    let claims = json["claims"].as_array().expect("claims");
    let by_outcome = |outcome: &str| {
        claims
            .iter()
            .find(|c| c["outcome"] == outcome)
            .unwrap_or_else(|| panic!("a {outcome} claim"))
    };
    assert!(
        by_outcome("changed")["new"]
            .as_str()
            .expect("new")
            .starts_with("Zeker 12.000")
    );
    assert!(by_outcome("orphaned")["new"].is_null());

    let after = claimdesk::store::load(&path).expect("valid").session;
    let doc = &after.documents()[0];
    assert_eq!(doc.versions.len(), 1, "the old version is in the history");
    assert_eq!(doc.versions[0].text, before.documents()[0].text());
    assert_eq!(after.orphans().len(), 1);
    let orphan = &after.orphans()[0];
    assert_eq!(
        orphan.verdict,
        before.claim(orphan.id).expect("was a claim").verdict
    );
    let changed_id: claimdesk::model::ClaimId =
        serde_json::from_value(by_outcome("changed")["id"].clone()).expect("id");
    let changed = after.claim(changed_id).expect("changed claim");
    assert!(
        changed
            .previous_wording
            .as_deref()
            .is_some_and(|w| w.starts_with("Zeker 10.000"))
    );
    assert_exit(&run(&["check", s(&path)]), 0);
    // W3C exports say which version of the text the claims of an updated document are on.
    let w3c = run(&["export", s(&path), "--format", "w3c"]);
    assert_exit(&w3c, 0);
    let collection: serde_json::Value = serde_json::from_slice(&w3c.stdout).expect("json");
    let items = collection["first"]["items"].as_array().expect("items");
    let on_updated = items
        .iter()
        .find(|a| {
            a["target"]["selector"][0]["exact"].as_str()
                == Some(changed.anchor.quote.exact.as_str())
        })
        .expect("the changed claim's annotation");
    let state = &on_updated["target"]["state"];
    assert_eq!(state["type"], "TimeState");
    assert_eq!(
        state["cached"],
        format!("urn:claimdesk:text:{}", doc.content_hash())
    );
    assert!(state["sourceDate"].is_string());
    let exported = dir.path().join("w3c.json");
    std::fs::write(&exported, &w3c.stdout).expect("write");
    let back = dir.path().join("back.ron");
    assert_exit(
        &run(&["import", s(&exported), "--format", "w3c", "-o", s(&back)]),
        0,
    );
    // The orphan is counted, listed and named by every export.
    let label = after.claim_label(orphan.id);
    assert!(label.starts_with('#'), "an orphan has a label: {label:?}");
    let stats = run(&["stats", s(&path), "--json"]);
    assert_exit(&stats, 0);
    let stats: serde_json::Value = serde_json::from_slice(&stats.stdout).expect("json");
    assert_eq!(stats["orphaned"], 1);
    assert!(text(&run(&["stats", s(&path)]).stdout).contains("orphaned   1"));
    let listed = list_json(&path);
    let orphaned: Vec<&serde_json::Value> =
        listed.iter().filter(|c| c["orphaned"] == true).collect();
    assert_eq!(orphaned.len(), 1);
    assert_eq!(orphaned[0]["id"], orphan.id.hex());
    let listing = text(&run(&["claim", "list", s(&path)]).stdout);
    assert!(listing.contains("orphaned claims (1"), "{listing}");
    for format in [
        "w3c",
        "claimreview",
        "labelstudio",
        "doccano",
        "fever",
        "csv",
        "markdown",
        "html",
    ] {
        let output = run(&["export", s(&path), "--format", format, "--allow-conflicts"]);
        assert_exit(&output, 0);
        let warning = text(&output.stderr);
        assert!(
            warning.contains("1 orphaned claim(s)") && warning.contains(&label),
            "{format}: {warning}"
        );
    }
    let report = text(&run(&["export", s(&path), "--format", "markdown"]).stdout);
    assert!(report.contains("Orphaned claims"), "{report}");
    // The same text again is refused, and the file is left alone.
    let bytes = std::fs::read(&path).expect("read");
    let again = run(&["update", s(&path), "--doc", "0", s(&new_version)]);
    assert_exit(&again, 1);
    assert!(text(&again.stderr).contains("same as the document's current text"));
    assert_eq!(std::fs::read(&path).expect("read"), bytes);
}

#[test]
fn export_replaces_only_its_own_export_of_that_format() {
    let (dir, path) = sample_copy();
    // A file of another program, named as an export would be: refused, left as it was.
    let package = dir.path().join("package.json");
    std::fs::write(&package, "{\"name\":\"app\"}\n").expect("write");
    let jsonl = dir.path().join("data.jsonl");
    std::fs::write(&jsonl, "{\"text\":\"a dataset line\"}\n").expect("write");
    let empty = dir.path().join("empty.jsonl");
    std::fs::write(&empty, "").expect("write");
    for (format, target) in [
        ("w3c", &package),
        ("claimreview", &package),
        ("labelstudio", &package),
        ("doccano", &jsonl),
        ("fever", &jsonl),
        ("doccano", &empty),
        ("fever", &empty),
    ] {
        let before = std::fs::read(target).expect("read");
        let output = run(&["export", s(&path), "--format", format, "-o", s(target)]);
        assert_exit(&output, 1);
        assert!(
            text(&output.stderr).contains("--force"),
            "{}",
            text(&output.stderr)
        );
        assert_eq!(std::fs::read(target).expect("read"), before, "{format}");
    }
    // Each format's own export is replaced on a second export; another format's is not.
    let formats = [
        "w3c",
        "claimreview",
        "labelstudio",
        "doccano",
        "fever",
        "csv",
        "markdown",
        "html",
    ];
    for format in formats {
        let out = dir.path().join(format!("review.{format}.out"));
        assert_exit(
            &run(&["export", s(&path), "--format", format, "-o", s(&out)]),
            0,
        );
        assert_exit(
            &run(&["export", s(&path), "--format", format, "-o", s(&out)]),
            0,
        );
        for other in formats.iter().filter(|other| **other != format) {
            let output = run(&["export", s(&path), "--format", other, "-o", s(&out)]);
            assert_exit(&output, 1);
        }
    }
    // --force replaces a foreign file when asked.
    let output = run(&[
        "export",
        s(&path),
        "--format",
        "w3c",
        "-o",
        s(&package),
        "--force",
    ]);
    assert_exit(&output, 0);
}

#[test]
fn import_into_twice_adds_a_span_drawn_in_the_tool_once() {
    let (dir, path) = sample_copy();
    let exported = run(&["export", s(&path), "--format", "doccano"]);
    assert_exit(&exported, 0);
    let mut lines: Vec<serde_json::Value> = text(&exported.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("json"))
        .collect();
    // A span drawn in doccano over the first 20 UTF-16 units of the second document.
    lines[1]["label"]
        .as_array_mut()
        .expect("labels")
        .push(serde_json::json!([0, 20, "false"]));
    let file = dir.path().join("back.jsonl");
    let body: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(&file, body).expect("write");
    let n = list_json(&path).len();
    for round in 0..2 {
        let output = run(&[
            "import",
            s(&file),
            "--format",
            "doccano",
            "--into",
            s(&path),
        ]);
        assert_exit(&output, 0);
        assert_eq!(list_json(&path).len(), n + 1, "after import {}", round + 1);
    }
}

/// Issue 29, finding 6: a dangling symbolic link is not written through: `new -o` and
/// `export -o` refuse it, say where it points, and create nothing there. A link to a
/// session of ours is still saved through (the link stays a link).
#[cfg(unix)]
#[test]
fn dangling_symlinks_are_refused_and_create_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).expect("dir");
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "Mali heeft 10.000 soldaten. Dat is veel.").expect("write");
    let link = dir.path().join("d.ron");
    let target = elsewhere.join("new-file");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");

    let out = run(&["new", s(&article), "-o", s(&link)]);
    assert_exit(&out, 1);
    assert!(
        text(&out.stderr).contains("symbolic link"),
        "{}",
        text(&out.stderr)
    );
    assert!(!target.exists(), "the link's target was created");

    let session = dir.path().join("s.ron");
    assert_exit(&run(&["new", s(&article), "-o", s(&session)]), 0);
    let export_link = dir.path().join("e.json");
    let export_target = elsewhere.join("export.json");
    std::os::unix::fs::symlink(&export_target, &export_link).expect("symlink");
    let out = run(&[
        "export",
        s(&session),
        "--format",
        "w3c",
        "-o",
        s(&export_link),
    ]);
    assert_exit(&out, 1);
    assert!(
        text(&out.stderr).contains("symbolic link"),
        "{}",
        text(&out.stderr)
    );
    assert!(!export_target.exists());

    // Through a link to an existing session of ours: saved, the link kept.
    let via = dir.path().join("via.ron");
    std::os::unix::fs::symlink(&session, &via).expect("symlink");
    assert_exit(&run(&["meta", s(&via), "--title", "Linked"]), 0);
    assert!(
        std::fs::symlink_metadata(&via)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&session)
            .expect("read")
            .contains("Linked")
    );
}

/// Issue 29, finding 8: a session whose name is near the 255-byte limit can be saved
/// (its temporary file, backup and lock get shortened names of their own).
#[test]
fn a_session_with_a_name_of_250_bytes_saves_and_saves_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "Mali heeft 10.000 soldaten. Dat is veel.").expect("write");
    let name = format!("{}.ron", "é".repeat(123));
    assert_eq!(name.len(), 250);
    let session = dir.path().join(&name);
    assert_exit(&run(&["new", s(&article), "-o", s(&session)]), 0);
    assert_exit(&run(&["meta", s(&session), "--title", "Again"]), 0);
    assert!(
        std::fs::read_to_string(&session)
            .expect("read")
            .contains("Again")
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().any(|n| n.ends_with(".bak")), "{names:?}");
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

/// Issue 29, finding 8: clear errors. A session given as an article is said to be one;
/// merging the last possible sentence does not wrap around to sentence 0; an empty page
/// is said to have no text.
#[test]
fn misuses_get_messages_that_say_what_is_wrong() {
    let (dir, session) = sample_copy();
    let before = std::fs::read(&session).expect("read");
    let out = run(&["new", s(&session), "-o", s(&dir.path().join("other.ron"))]);
    assert_exit(&out, 1);
    assert!(
        text(&out.stderr).contains("is a Claimdesk review session, not an article"),
        "{}",
        text(&out.stderr)
    );

    let out = run(&[
        "sentence",
        "merge",
        "--doc",
        "0",
        "--sentence",
        "4294967295",
        s(&session),
    ]);
    assert_exit(&out, 1);
    let err = text(&out.stderr);
    assert!(!err.contains("..=0"), "{err}");
    assert!(err.contains("4294967295"), "{err}");
    assert_eq!(
        std::fs::read(&session).expect("read"),
        before,
        "the session is untouched"
    );

    let page = dir.path().join("empty.html");
    std::fs::write(
        &page,
        "<html><head><title></title></head><body>  </body></html>",
    )
    .expect("write");
    let out = run(&["extract", s(&page)]);
    assert_exit(&out, 1);
    let err = text(&out.stderr);
    assert!(
        err.contains("no visible text") && !err.contains("home page"),
        "{err}"
    );
}

/// Issue 29, finding 8: `export -o -` and `-o /dev/stdout` write to standard output (a
/// pipe here), as a user who names them expects.
#[cfg(unix)]
#[test]
fn export_to_dash_or_dev_stdout_writes_standard_output() {
    let (_dir, session) = sample_copy();
    for output in ["-", "/dev/stdout"] {
        let out = run(&["export", s(&session), "--format", "csv", "-o", output]);
        assert_exit(&out, 0);
        let csv = text(&out.stdout);
        assert!(csv.lines().count() > 1, "{output}: {csv}");
        assert!(csv.starts_with("session"), "{output}: {csv}");
    }
}
