//! Team review from the command line: `merge`, the git merge driver, `git-setup` and
//! `agree`.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};
use claimdesk::agree::Reviewer;
use claimdesk::merge::{merge, summary_line};
use claimdesk::model::Session;
use claimdesk::store::{self, Expect};
use claimdesk::timestamp::Timestamp;

use super::commands::load_session;
use super::output::{emit, note};

/// The process should end with this exit code; what there was to say is already said.
#[derive(Debug)]
pub struct Exit(pub u8);

impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit {}", self.0)
    }
}

impl std::error::Error for Exit {}

/// The line git needs in `.gitattributes`.
pub const GITATTRIBUTES_LINE: &str = "*.ron merge=claimdesk";

/// What `.gitignore` gets: the backup and autosave files beside each session.
pub const GITIGNORE_LINES: &[&str] = &["*.ron.bak", "*.ron.autosave"];

/// Appends the `lines` that `path` does not have yet (creating it if needed).
fn add_lines(path: &Path, lines: &[&str]) -> anyhow::Result<()> {
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(err) => return Err(err).with_context(|| format!("reading {}", path.display())),
    };
    let missing: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|line| !existing.lines().any(|have| have.trim() == *line))
        .collect();
    if missing.is_empty() {
        note(format_args!("{} is already set up", path.display()));
        return Ok(());
    }
    let mut text = existing;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for line in &missing {
        text.push_str(line);
        text.push('\n');
    }
    store::write_atomically(path, text.as_bytes(), false)
        .with_context(|| format!("writing {}", path.display()))?;
    note(format_args!(
        "added {} to {}",
        missing.join(", "),
        path.display()
    ));
    Ok(())
}

/// `claimdesk merge BASE OURS THEIRS -o OUT`.
pub fn merge_command(base: &Path, ours: &Path, theirs: &Path, output: &Path) -> anyhow::Result<()> {
    let open =
        |path: &Path| load_session(path).with_context(|| format!("opening {}", path.display()));
    let (base, ours, theirs) = load_three(|| open(base), || open(ours), || open(theirs))?;
    let merged = merge(&base, &ours, &theirs)?;
    store::save(&merged.session, output, Expect::AnySession)
        .with_context(|| format!("saving {}", output.display()))?;
    report(&merged.session, &output.display().to_string())
}

/// `claimdesk merge-driver %O %A %B %P`, as git calls it: the result goes into `ours`
/// (git's temporary file, so no backup and no lock litter the work tree). Exit 0 when
/// clean, 1 when conflicts were recorded, 2 when the files could not be merged (git then
/// keeps its own conflict state and `ours` is unchanged).
pub fn merge_driver(base: &Path, ours: &Path, theirs: &Path, name: &str) -> anyhow::Result<()> {
    let result = (|| -> anyhow::Result<()> {
        // Git passes an empty file as the base when both sides added the session.
        let load_base = || match std::fs::metadata(base) {
            Ok(meta) if meta.len() == 0 => Ok(Session::new("", Timestamp::EPOCH)),
            _ => load_session(base).with_context(|| format!("{name} (common ancestor)")),
        };
        let (base, ours_session, theirs) = load_three(
            load_base,
            || load_session(ours).with_context(|| format!("{name} (ours)")),
            || load_session(theirs).with_context(|| format!("{name} (theirs)")),
        )?;
        let merged = merge(&base, &ours_session, &theirs).with_context(|| name.to_owned())?;
        let text = store::to_ron(&merged.session)?;
        let dir = ours.parent().filter(|dir| !dir.as_os_str().is_empty());
        store::atomic::remove_stale_merge_temps(dir.unwrap_or(Path::new(".")));
        store::write_atomically(ours, text.as_bytes(), false)
            .with_context(|| format!("writing the merge of {name}"))?;
        report(&merged.session, name)
    })();
    match result {
        Err(err) if err.downcast_ref::<Exit>().is_none() => {
            note(format_args!(
                "claimdesk merge-driver: {}",
                super::error_chain(&err)
            ));
            Err(Exit(2).into())
        }
        other => other,
    }
}

/// Runs the three loads on threads of their own (parsing dominates a large merge) and
/// returns the first error in base, ours, theirs order.
fn load_three(
    base: impl FnOnce() -> anyhow::Result<Session> + Send,
    ours: impl FnOnce() -> anyhow::Result<Session> + Send,
    theirs: impl FnOnce() -> anyhow::Result<Session> + Send,
) -> anyhow::Result<(Session, Session, Session)> {
    std::thread::scope(|scope| {
        let base = scope.spawn(base);
        let ours = scope.spawn(ours);
        let theirs = theirs();
        let join = |handle: std::thread::ScopedJoinHandle<'_, anyhow::Result<Session>>| {
            handle
                .join()
                .unwrap_or_else(|_| Err(anyhow::anyhow!("loading a session failed unexpectedly")))
        };
        let (base, ours) = (join(base), join(ours));
        Ok((base?, ours?, theirs?))
    })
}

/// Says what was merged and lists the conflicts, one line each, on stderr; exit 1 when
/// there are any.
fn report(session: &Session, name: &str) -> anyhow::Result<()> {
    let conflicts = session.conflicts();
    let claims = match session.orphans().len() {
        0 => format!("{} claim(s)", session.claims().len()),
        n => format!("{} claim(s) and {n} orphaned", session.claims().len()),
    };
    if conflicts.is_empty() {
        note(format_args!("merged {name}: {claims}, no conflicts"));
        return Ok(());
    }
    note(format_args!(
        "merged {name}: {claims}, {} conflict(s) recorded in the session (resolve them in \
         the window: Edit > Merge conflicts…):",
        conflicts.len()
    ));
    for conflict in conflicts {
        note(format_args!(
            "conflict: {}",
            summary_line(session, conflict)
        ));
    }
    Err(Exit(1).into())
}

/// `claimdesk agree S1 S2 [S3…] [--json]`.
pub fn agree(paths: &[PathBuf], json: bool) -> anyhow::Result<()> {
    let sessions = std::thread::scope(|scope| {
        let handles: Vec<_> = paths
            .iter()
            .map(|path| {
                scope.spawn(move || {
                    load_session(path).with_context(|| format!("opening {}", path.display()))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|_| Err(anyhow::anyhow!("loading a session failed")))
            })
            .collect::<anyhow::Result<Vec<Session>>>()
    })?;
    let names = reviewer_names(paths, &sessions);
    let reviewers: Vec<Reviewer> = names
        .iter()
        .zip(&sessions)
        .map(|(name, session)| Reviewer { name, session })
        .collect();
    let agreement = claimdesk::agree::agreement(&reviewers)?;
    let text = if json {
        let mut text = serde_json::to_string(&agreement)?;
        text.push('\n');
        text
    } else {
        claimdesk::agree::report(&agreement)
    };
    emit(&text, None)
}

/// A name per session: its reviewers, else its file name; made unique with the file name.
fn reviewer_names(paths: &[PathBuf], sessions: &[Session]) -> Vec<String> {
    let stem = |path: &Path| {
        path.file_stem().map_or_else(
            || path.display().to_string(),
            |s| s.to_string_lossy().into_owned(),
        )
    };
    let mut names: Vec<String> = paths
        .iter()
        .zip(sessions)
        .map(
            |(path, session)| match session.meta().reviewers.as_slice() {
                [] => stem(path),
                reviewers => reviewers.join(" + "),
            },
        )
        .collect();
    let repeated: Vec<bool> = names
        .iter()
        .map(|name| names.iter().filter(|n| *n == name).count() > 1)
        .collect();
    for (idx, is_repeated) in repeated.into_iter().enumerate() {
        if is_repeated {
            names[idx] = format!("{} ({})", names[idx], paths[idx].display());
        }
    }
    names
}

/// `claimdesk git-setup [REPO]`: the `.gitattributes` line and the `merge.claimdesk`
/// configuration, so `git merge` merges sessions with the driver.
pub fn git_setup(repo: &Path) -> anyhow::Result<()> {
    let top = git(repo, &["rev-parse", "--show-toplevel"])
        .with_context(|| format!("{} is not inside a git repository", repo.display()))?;
    let top = PathBuf::from(top.trim());
    add_lines(&top.join(".gitattributes"), &[GITATTRIBUTES_LINE])?;
    // Backups and autosaves are for this machine, not for the desk's history.
    add_lines(&top.join(".gitignore"), GITIGNORE_LINES)?;
    let exe = std::env::current_exe().context("finding the claimdesk executable")?;
    let Some(exe) = exe.to_str() else {
        bail!(
            "the path of the claimdesk executable is not UTF-8: {}",
            exe.display()
        );
    };
    let driver = format!("{} merge-driver %O %A %B %P", shell_quote(exe));
    git(
        &top,
        &[
            "config",
            "merge.claimdesk.name",
            "Claimdesk review sessions",
        ],
    )?;
    git(&top, &["config", "merge.claimdesk.driver", &driver])?;
    note(format_args!("set merge.claimdesk.driver = {driver}"));
    Ok(())
}

/// Runs git in `dir` and returns its standard output.
fn git(dir: &Path, args: &[&str]) -> anyhow::Result<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .context("running git (is it installed?)")?;
    if !output.status.success() {
        bail!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// `text` as one word for the shell git runs the driver with.
fn shell_quote(text: &str) -> String {
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c))
    {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}
