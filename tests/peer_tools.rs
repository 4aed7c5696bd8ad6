//! Round trips through the real annotation tools (feature `peer-tools`, run by `.ci/run` in
//! a step of its own, so that `cargo test` stays quick and offline).
//!
//! Label Studio and doccano: each installed from PyPI into its own virtual environment
//! (`CLAIMDESK_PEER_VENV`, `CLAIMDESK_PEER_DOCCANO_VENV`), started on 127.0.0.1 with a
//! throw-away data folder; Claimdesk's export of an article that starts with flags and
//! emoji is imported through the tool's REST API, one span is relabelled there, the project
//! is exported, and `import` must bring back every span at the same text and the new label
//! as the verdict. A tool that cannot be started fails the test, never skips it.
#![cfg(feature = "peer-tools")]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use claimdesk::export::import::import_file;
use claimdesk::export::{ExportOptions, Format, export};
use claimdesk::model::Verdict;
use claimdesk::timestamp::Timestamp;

/// Stops a server when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn venv() -> PathBuf {
    let venv = std::env::var("CLAIMDESK_PEER_VENV")
        .expect("CLAIMDESK_PEER_VENV names the virtual environment with Label Studio");
    PathBuf::from(venv)
}

fn doccano_venv() -> PathBuf {
    let venv = std::env::var("CLAIMDESK_PEER_DOCCANO_VENV")
        .expect("CLAIMDESK_PEER_DOCCANO_VENV names the virtual environment with doccano");
    PathBuf::from(venv)
}

/// Checks the file a tool exported against what Claimdesk sent: every span back at the
/// same text, and the span relabelled there with its new label as the verdict.
fn assert_round_trip(
    sent: &claimdesk::model::Session,
    back: &Path,
    format: Format,
    report: &serde_json::Value,
) {
    let imported = import_file(back, format, Timestamp::now()).expect("import");
    assert_eq!(imported.counts.relabelled, 1, "{}", imported.counts);
    assert_eq!(imported.counts.added + imported.counts.missing, 0);
    let quotes = |session: &claimdesk::model::Session| {
        let mut quotes: Vec<String> = session
            .claims()
            .iter()
            .map(|c| c.anchor.quote.exact.clone())
            .collect();
        quotes.sort();
        quotes
    };
    assert_eq!(
        quotes(&imported.session),
        quotes(sent),
        "every span at the same text"
    );
    let relabelled_text = report["relabelled"]["text"].as_str().expect("text");
    let label: Verdict = report["relabelled"]["label"]
        .as_str()
        .expect("label")
        .parse()
        .expect("a verdict");
    let claim = imported
        .session
        .claims()
        .iter()
        .find(|c| c.anchor.quote.exact == relabelled_text)
        .expect("the relabelled span, at the text the tool cut with its own offsets");
    assert_eq!(claim.verdict, label, "the tool's new label is the verdict");
}

/// Runs a driver script with a venv's Python and returns its JSON report.
fn drive(python: &Path, script: &str, args: &[&str], files: [&Path; 2]) -> serde_json::Value {
    let driver = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/peer")
        .join(script);
    let output = Command::new(python)
        .arg(driver)
        .args(args)
        .args(files)
        .output()
        .expect("run the driver");
    assert!(
        output.status.success(),
        "{script} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("report")
}

fn wait_until_up(url: &str, server: &mut Server, log: &Path) {
    wait_until_up_with(&venv(), url, server, log);
}

/// Waits for `url` to answer (asking with the Python of `venv`), or fails with the log.
fn wait_until_up_with(venv: &Path, url: &str, server: &mut Server, log: &Path) {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(300) {
        if let Ok(Some(status)) = server.0.try_wait() {
            let log = std::fs::read_to_string(log).unwrap_or_default();
            panic!("the server exited ({status}) before it was up:\n{log}");
        }
        let is_up = Command::new(venv.join("bin/python"))
            .args([
                "-c",
                "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)",
            ])
            .arg(url)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        if is_up {
            return;
        }
        std::thread::sleep(Duration::from_secs(2));
    }
    let log = std::fs::read_to_string(log).unwrap_or_default();
    panic!("{url} did not come up within 5 minutes:\n{log}");
}

/// A review of an article that starts with flags and emoji (where code points, UTF-16
/// units and bytes all differ), with a claim on each of its sentences after the first.
fn emoji_review() -> claimdesk::model::Session {
    let text = "🇲🇱🇷🇺 Vlaggen overal 🙂. Zeker 10.000 mensen zijn door het geweld omgekomen.\n\n\
                “Leve Poetin”, lacht de kleermaker. Mali is rijk aan goud.";
    let article = claimdesk::article::Article {
        title: "Vlaggen".to_owned(),
        text: text.to_owned(),
        format: claimdesk::article::ArticleFormat::Plain,
        meta: Default::default(),
    };
    let mut session =
        claimdesk::workspace::session_from_text(article, None, Timestamp::EPOCH).expect("session");
    let doc = session.documents()[0].id;
    let n = session.documents()[0].sentences().len();
    assert!(n >= 3, "{n} sentences");
    for (idx, verdict) in (1..n).zip([Verdict::MostlyFalse, Verdict::Misleading, Verdict::True]) {
        let sentence = claimdesk::model::SentenceId(idx as u32);
        let mut claim = claimdesk::intent::new_claim_on_sentences(
            &session,
            doc,
            sentence,
            sentence,
            Timestamp::EPOCH,
        )
        .expect("claim");
        claim.verdict = verdict;
        session
            .apply(claimdesk::intent::Edit::AddClaim(Box::new(claim)))
            .expect("add");
    }
    session
}

#[test]
fn label_studio_takes_the_export_and_its_relabelling_comes_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (email, password) = ("desk@example.org", "claimdesk-peer-test");
    let port = "18089";
    let log = dir.path().join("label-studio.log");
    let mut server = Server(
        Command::new(venv().join("bin/label-studio"))
            .args([
                "start",
                "--internal-host",
                "127.0.0.1",
                "--port",
                port,
                "--no-browser",
            ])
            .arg("--data-dir")
            .arg(dir.path().join("data"))
            .env("LABEL_STUDIO_USERNAME", email)
            .env("LABEL_STUDIO_PASSWORD", password)
            .env("LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK", "true")
            .stdout(std::fs::File::create(&log).expect("log"))
            .stderr(std::fs::File::create(dir.path().join("label-studio.err")).expect("log"))
            .spawn()
            .expect("start label-studio from CLAIMDESK_PEER_VENV"),
    );
    let base = format!("http://127.0.0.1:{port}");
    wait_until_up(&format!("{base}/health"), &mut server, &log);

    let sample = emoji_review();
    let exported = dir.path().join("export.json");
    let text = export(
        std::slice::from_ref(&sample),
        Format::LabelStudio,
        ExportOptions::default(),
    )
    .expect("export");
    std::fs::write(&exported, text).expect("write");
    let back = dir.path().join("back.json");
    let report = drive(
        &venv().join("bin/python"),
        "labelstudio_roundtrip.py",
        &[&base, email, password],
        [&exported, &back],
    );
    assert_eq!(report["task_count"], sample.documents().len());
    assert_eq!(report["annotation_count"], sample.documents().len());
    assert_round_trip(&sample, &back, Format::LabelStudio, &report);
}

#[test]
fn doccano_takes_the_export_in_utf16_and_its_relabelling_comes_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let home = dir.path().join("doccano");
    let bin = doccano_venv().join("bin");
    // doccano keeps its database and media under DOCCANO_HOME.
    let doccano = |args: &[&str]| {
        let status = Command::new(bin.join("doccano"))
            .args(args)
            .env("HOME", dir.path())
            .env("DOCCANO_HOME", &home)
            .stdout(Stdio::null())
            .status()
            .expect("run doccano");
        assert!(status.success(), "doccano {args:?} failed");
    };
    let (user, password) = ("admin", "claimdesk-peer-test");
    doccano(&["init"]);
    doccano(&["createuser", "--username", user, "--password", password]);
    // The web server through gunicorn, bound to 127.0.0.1 (`doccano webserver` binds all
    // interfaces), with the settings `doccano` itself would use; and its task worker.
    let backend = Command::new(bin.join("python"))
        .args([
            "-c",
            "import backend, os; print(os.path.dirname(backend.__file__))",
        ])
        .output()
        .expect("find doccano's backend");
    let backend = PathBuf::from(String::from_utf8_lossy(&backend.stdout).trim());
    let port = "18000";
    let log = dir.path().join("doccano-web.log");
    let env = [
        ("HOME", dir.path().to_owned()),
        ("DOCCANO_HOME", home.clone()),
        ("STANDALONE", "True".into()),
        (
            "DJANGO_SETTINGS_MODULE",
            "config.settings.production".into(),
        ),
        (
            "DATABASE_URL",
            format!("sqlite:///{}", home.join("db.sqlite3").display()).into(),
        ),
        ("MEDIA_ROOT", home.join("media")),
    ];
    let mut web = Server(
        Command::new(bin.join("gunicorn"))
            .args([
                "config.wsgi",
                "--bind",
                &format!("127.0.0.1:{port}"),
                "--workers",
                "2",
            ])
            .current_dir(&backend)
            .envs(env.iter().map(|(k, v)| (k, v)))
            .stdout(std::fs::File::create(&log).expect("log"))
            .stderr(std::fs::File::create(dir.path().join("doccano-web.err")).expect("log"))
            .spawn()
            .expect("start doccano's web server"),
    );
    let _worker = Server(
        Command::new(bin.join("doccano"))
            .arg("task")
            .env("HOME", dir.path())
            .env("DOCCANO_HOME", &home)
            .stdout(std::fs::File::create(dir.path().join("doccano-task.log")).expect("log"))
            .stderr(std::fs::File::create(dir.path().join("doccano-task.err")).expect("log"))
            .spawn()
            .expect("start doccano's task worker"),
    );
    let base = format!("http://127.0.0.1:{port}");
    wait_until_up_with(&doccano_venv(), &format!("{base}/"), &mut web, &log);

    let sample = emoji_review();
    let exported = dir.path().join("export.jsonl");
    let text = export(
        std::slice::from_ref(&sample),
        Format::Doccano,
        ExportOptions::default(),
    )
    .expect("export");
    std::fs::write(&exported, text).expect("write");
    let back = dir.path().join("back.jsonl");
    let report = drive(
        &bin.join("python"),
        "doccano_roundtrip.py",
        &[&base, user, password],
        [&exported, &back],
    );
    assert_eq!(report["examples"], sample.documents().len());
    assert_round_trip(&sample, &back, Format::Doccano, &report);
    // The comment written in doccano comes back as a note on the claims of its example.
    let imported = import_file(&back, Format::Doccano, Timestamp::now()).expect("import");
    let comment = report["comment"]["text"].as_str().expect("comment");
    let example = report["comment"]["example_text"].as_str().expect("text");
    let doc = imported
        .session
        .documents()
        .iter()
        .find(|d| d.text() == example)
        .expect("the commented example");
    let claims = imported.session.claims_in(doc.id);
    assert!(!claims.is_empty());
    for claim in claims {
        assert!(claim.note.contains(comment), "{:?}", claim.note);
    }
}
