//! Team review through the binary: `merge`, the git merge driver with a real `git merge`
//! of two clones, conflicts in `check` and export.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use claimdesk::model::{Conflict, Verdict};
use common::{assert_exit, bin, root, run, s, text};

fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=Reviewer",
            "-c",
            "user.email=reviewer@example.org",
        ])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .expect("git runs")
}

#[track_caller]
fn git_ok(dir: &Path, args: &[&str]) -> String {
    let output = git(dir, args);
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        text(&output.stderr)
    );
    text(&output.stdout)
}

fn claimdesk(args: &[&str]) -> Output {
    run(args)
}

fn load(path: &Path) -> claimdesk::model::Session {
    claimdesk::store::load(path)
        .expect("a valid session")
        .session
}

/// Two clones of one repository, each reviewer adds a claim and rates the same claim
/// differently; `git merge` with the driver keeps every claim and records the conflict.
#[test]
fn two_clones_merge_in_git_with_every_claim_and_the_conflict_recorded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let origin = dir.path().join("origin");
    std::fs::create_dir(&origin).expect("mkdir");
    git_ok(&origin, &["init", "--quiet", "--bare"]);
    let first = dir.path().join("first");
    git_ok(dir.path(), &["clone", "--quiet", s(&origin), s(&first)]);
    std::fs::copy(
        root().join("saves/mali-review.ron"),
        first.join("review.ron"),
    )
    .expect("copy");
    git_ok(&first, &["add", "review.ron"]);
    git_ok(&first, &["commit", "--quiet", "-m", "sample"]);
    git_ok(&first, &["push", "--quiet", "origin", "HEAD:main"]);

    let ana = dir.path().join("ana");
    let bo = dir.path().join("bo");
    for clone in [&ana, &bo] {
        git_ok(dir.path(), &["clone", "--quiet", s(&origin), s(clone)]);
    }
    let session_of = |clone: &Path| clone.join("review.ron");
    let base = load(&session_of(&ana));
    let contested = base.claims()[1].id.hex();
    assert!(![Verdict::False, Verdict::HalfTrue].contains(&base.claims()[1].verdict));

    // Ana: a new claim in the Dutch original, and the contested claim rated false.
    assert_exit(
        &claimdesk(&[
            "claim",
            "add",
            s(&session_of(&ana)),
            "--doc",
            "0",
            "--sentence",
            "3",
            "--verdict",
            "false",
            "--reviewer",
            "Ana",
        ]),
        0,
    );
    assert_exit(
        &claimdesk(&[
            "claim",
            "set",
            s(&session_of(&ana)),
            &contested,
            "--verdict",
            "false",
        ]),
        0,
    );
    git_ok(&ana, &["commit", "--quiet", "-am", "Ana's review"]);
    git_ok(&ana, &["push", "--quiet", "origin", "HEAD:main"]);

    // Bo: a new claim in the translation, the same claim rated half true, a source.
    assert_exit(
        &claimdesk(&[
            "claim",
            "add",
            s(&session_of(&bo)),
            "--doc",
            "1",
            "--sentence",
            "4",
            "--verdict",
            "true",
            "--reviewer",
            "Bo",
        ]),
        0,
    );
    assert_exit(
        &claimdesk(&[
            "claim",
            "set",
            s(&session_of(&bo)),
            &contested,
            "--verdict",
            "half-true",
            "--add-source",
            "https://acled.example/mali",
        ]),
        0,
    );
    git_ok(&bo, &["commit", "--quiet", "-am", "Bo's review"]);
    let ana_session = load(&session_of(&ana));
    let bo_session = load(&session_of(&bo));

    // Bo merges Ana's work with the driver set up by `git-setup`.
    assert_exit(&claimdesk(&["git-setup", s(&bo)]), 0);
    assert!(
        std::fs::read_to_string(bo.join(".gitattributes"))
            .expect("attributes")
            .contains("*.ron merge=claimdesk")
    );
    git_ok(&bo, &["fetch", "--quiet", "origin"]);
    let merge = git(&bo, &["merge", "--no-edit", "origin/main"]);
    assert!(
        !merge.status.success(),
        "a recorded conflict stops the merge for review: {}{}",
        text(&merge.stdout),
        text(&merge.stderr)
    );
    let merged_text = std::fs::read_to_string(session_of(&bo)).expect("merged file");
    assert!(
        !merged_text.contains("<<<<<<<") && !merged_text.contains(">>>>>>>"),
        "no conflict markers, ever"
    );

    let check = claimdesk(&["check", s(&session_of(&bo))]);
    assert_exit(&check, 0);
    assert!(
        text(&check.stdout).contains("warning: 1 unresolved merge conflict"),
        "{}",
        text(&check.stdout)
    );

    let merged = load(&session_of(&bo));
    for claim in ana_session.claims().iter().chain(bo_session.claims()) {
        assert!(
            merged.claim(claim.id).is_some(),
            "claim {} is kept",
            claim.id
        );
    }
    assert_eq!(merged.claims().len(), base.claims().len() + 2);
    let [
        Conflict::Claim {
            claim,
            base: b,
            ours,
            theirs,
        },
    ] = merged.conflicts()
    else {
        panic!("one conflict: {:?}", merged.conflicts());
    };
    assert_eq!(claim.hex(), contested);
    use claimdesk::intent::ClaimField;
    assert_eq!(b, &Some(ClaimField::Verdict(base.claims()[1].verdict)));
    assert_eq!(
        ours,
        &Some(ClaimField::Verdict(Verdict::HalfTrue)),
        "Bo's side is ours"
    );
    assert_eq!(theirs, &Some(ClaimField::Verdict(Verdict::False)));
    let contested_claim = merged.claim(*claim).expect("kept");
    assert_eq!(
        contested_claim.sources.len(),
        base.claims()[1].sources.len() + 1,
        "Bo's source is in"
    );

    // Export refuses until resolved, unless told otherwise.
    let out = dir.path().join("out.csv");
    let refused = claimdesk(&[
        "export",
        s(&session_of(&bo)),
        "--format",
        "csv",
        "-o",
        s(&out),
    ]);
    assert_exit(&refused, 1);
    assert!(
        text(&refused.stderr).contains("--allow-conflicts"),
        "{}",
        text(&refused.stderr)
    );
    assert_exit(
        &claimdesk(&[
            "export",
            s(&session_of(&bo)),
            "--format",
            "csv",
            "-o",
            s(&out),
            "--allow-conflicts",
        ]),
        0,
    );

    // The resolved session is committed like any file.
    git_ok(&bo, &["add", "review.ron"]);
    git_ok(&bo, &["commit", "--quiet", "--no-edit"]);
    let status = git_ok(&bo, &["status", "--porcelain", "--untracked-files=all"]);
    let untracked: Vec<&str> = status.lines().collect();
    assert_eq!(
        untracked,
        ["?? .gitattributes", "?? .gitignore"],
        "no lock, backup or autosave files show up in git"
    );
}

#[test]
fn a_clean_merge_exits_0_and_the_driver_takes_an_empty_base() {
    let (dir, base) = common::sample_copy();
    let ours = dir.path().join("ours.ron");
    let theirs = dir.path().join("theirs.ron");
    std::fs::copy(&base, &ours).expect("copy");
    std::fs::copy(&base, &theirs).expect("copy");
    assert_exit(
        &claimdesk(&[
            "claim",
            "add",
            s(&ours),
            "--doc",
            "0",
            "--sentence",
            "2",
            "--verdict",
            "false",
        ]),
        0,
    );
    assert_exit(
        &claimdesk(&[
            "claim",
            "add",
            s(&theirs),
            "--doc",
            "0",
            "--sentence",
            "5",
            "--verdict",
            "true",
        ]),
        0,
    );
    let out = dir.path().join("merged.ron");
    let merged = claimdesk(&["merge", s(&base), s(&ours), s(&theirs), "-o", s(&out)]);
    assert_exit(&merged, 0);
    assert!(text(&merged.stderr).contains("no conflicts"));
    let session = load(&out);
    assert_eq!(session.claims().len(), load(&base).claims().len() + 2);
    assert!(session.conflicts().is_empty());

    // Deterministic: merging again gives the same bytes.
    let again = dir.path().join("again.ron");
    assert_exit(
        &claimdesk(&["merge", s(&base), s(&ours), s(&theirs), "-o", s(&again)]),
        0,
    );
    assert_eq!(
        std::fs::read(&out).expect("read"),
        std::fs::read(&again).expect("read")
    );

    // Git passes an empty base when both branches added the file: everything is an
    // addition, and what both sides have in common merges cleanly.
    let empty = dir.path().join("empty");
    std::fs::write(&empty, "").expect("write");
    let target = dir.path().join("target.ron");
    std::fs::copy(&ours, &target).expect("copy");
    let driver = Command::new(bin())
        .args([
            "merge-driver",
            s(&empty),
            s(&target),
            s(&theirs),
            "review.ron",
        ])
        .output()
        .expect("run");
    assert_exit(&driver, 0);
    assert_eq!(load(&target).claims().len(), load(&base).claims().len() + 2);
    assert!(
        !dir.path().join("target.ron.bak").exists(),
        "no backup next to git's file"
    );

    // A side that is not a session: exit 2, git's file untouched.
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "<<<<<<< HEAD\n").expect("write");
    let before = std::fs::read(&target).expect("read");
    let failed = Command::new(bin())
        .args([
            "merge-driver",
            s(&base),
            s(&target),
            s(&broken),
            "review.ron",
        ])
        .output()
        .expect("run");
    assert_exit(&failed, 2);
    assert!(
        text(&failed.stderr).contains("review.ron (theirs)"),
        "{}",
        text(&failed.stderr)
    );
    assert_eq!(std::fs::read(&target).expect("read"), before);

    // Issue 29, finding 7: a side over the 1 GiB session cap is refused from its size,
    // before a byte of it is read (a sparse file: nothing is written to disk).
    let huge = dir.path().join("huge.ron");
    std::fs::File::create(&huge)
        .and_then(|file| file.set_len((1 << 30) + 1))
        .expect("sparse file");
    let refused = Command::new(bin())
        .args(["merge-driver", s(&base), s(&target), s(&huge), "review.ron"])
        .output()
        .expect("run");
    assert_exit(&refused, 2);
    assert!(
        text(&refused.stderr).contains("at most 1073741824 bytes"),
        "{}",
        text(&refused.stderr)
    );
    assert_eq!(std::fs::read(&target).expect("read"), before);
}

#[test]
fn agree_reports_figures_as_json_and_text_and_refuses_what_it_cannot_compare() {
    let (dir, base) = common::sample_copy();
    let other = dir.path().join("bo.ron");
    std::fs::copy(&base, &other).expect("copy");
    assert_exit(
        &claimdesk(&[
            "claim",
            "add",
            s(&other),
            "--doc",
            "0",
            "--sentence",
            "3",
            "--verdict",
            "false",
        ]),
        0,
    );
    let json = claimdesk(&["agree", s(&base), s(&other), "--json"]);
    assert_exit(&json, 0);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(value["units"], load(&base).n_sentences());
    assert_eq!(value["reviewers"].as_array().expect("names").len(), 2);
    let percent = value["claim"]["percent"].as_f64().expect("percent");
    assert!(percent < 1.0 && percent > 0.9, "{percent}");
    assert!(value["claim"]["cohen_kappa"][0]["value"].is_f64());
    assert!(value["verdict"]["alpha_nominal"].is_f64());

    let plain = claimdesk(&["agree", s(&base), s(&other)]);
    assert_exit(&plain, 0);
    let report = text_of(&plain);
    assert!(report.contains("Cohen's kappa R1 / R2"), "{report}");
    assert!(report.contains("R1: claim"), "{report}");

    // One session is a usage error; sessions of different articles share nothing.
    assert_exit(&claimdesk(&["agree", s(&base)]), 2);
    let article = dir.path().join("other.txt");
    std::fs::write(&article, "Een heel ander artikel. Met twee zinnen.\n").expect("write");
    let lone = dir.path().join("lone.ron");
    assert_exit(&claimdesk(&["new", "-o", s(&lone), s(&article)]), 0);
    let refused = claimdesk(&["agree", s(&base), s(&lone)]);
    assert_exit(&refused, 1);
    assert!(
        text(&refused.stderr).contains("share no document"),
        "{}",
        text(&refused.stderr)
    );
}

fn text_of(output: &Output) -> String {
    text(&output.stdout)
}
