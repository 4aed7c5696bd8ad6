//! The simple headless commands: segment, new, check, stats, and starting the GUI.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use claimdesk::article::{ArticleFormat, load_article, parse_article};
use claimdesk::export::{ExportOptions, Format};
use claimdesk::model::{DocId, Session};
use claimdesk::stats::Stats;
use claimdesk::store::{self, Expect};
use claimdesk::timestamp::Timestamp;
use serde::Serialize;

use super::output::{Report, emit, note};

/// Starts the window on `file` (an article or a session), or on the default start.
#[cfg(feature = "gui")]
pub fn open_gui(file: Option<PathBuf>, reviews: Vec<PathBuf>) -> anyhow::Result<()> {
    claimdesk::ui::run(file, reviews)
}

/// Without the `gui` feature there is no window to open.
#[cfg(not(feature = "gui"))]
pub fn open_gui(file: Option<PathBuf>, reviews: Vec<PathBuf>) -> anyhow::Result<()> {
    let _ = (file, reviews);
    bail!("this build has no window (built without the `gui` feature); use the subcommands")
}

#[derive(Serialize)]
struct JsonSentence<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

/// `claimdesk segment`.
pub fn segment(file: &Path, lang: &str, json: bool) -> anyhow::Result<()> {
    let article = if file == Path::new("-") {
        let bytes = store::read::read_text_stream(
            std::io::stdin().lock(),
            Path::new("standard input"),
            store::read::MAX_INPUT_BYTES,
        )?;
        parse_article(&bytes, Path::new("<stdin>"), ArticleFormat::Plain)?
    } else {
        load_article(file)?
    };
    let text = &article.text;
    let spans = claimdesk::segment::segment(text, lang);
    let mut report = Report::new();
    if json {
        let sentences: Vec<JsonSentence> = spans
            .iter()
            .map(|span| JsonSentence {
                start: span.chars.start,
                end: span.chars.end,
                text: &text[span.bytes.clone()],
            })
            .collect();
        report.line(serde_json::to_string(&sentences)?);
    } else {
        for span in &spans {
            report.line(text[span.bytes.clone()].replace('\n', " "));
        }
    }
    emit(report.as_str(), None)
}

/// `claimdesk new`.
pub fn new_session(
    articles: &[PathBuf],
    whole_page: bool,
    output: &Path,
    title: Option<String>,
    lang: &str,
    force: bool,
) -> anyhow::Result<()> {
    if output.exists() && !force {
        bail!(
            "{} already exists; choose another name or pass --force to replace it \
             (the old file is kept as .bak)",
            output.display()
        );
    }
    let now = Timestamp::now();
    let mut builder = Session::builder(String::new(), now);
    for (idx, path) in articles.iter().enumerate() {
        let (article, origin) = super::web::load_source(path, whole_page, output)?;
        let doc = article.into_document(
            DocId(u32::try_from(idx).context("too many articles")?),
            lang,
            Some(origin),
        );
        builder.document(doc);
    }
    let mut meta = builder.meta_ref().clone();
    meta.title = title.unwrap_or_else(|| {
        builder
            .documents()
            .first()
            .map(|doc| doc.title.clone())
            .unwrap_or_default()
    });
    builder.meta(meta);
    let session = builder
        .build()
        .context("the articles do not make a valid session")?;
    store::save(&session, output, Expect::AnySession)
        .with_context(|| format!("writing session {}", output.display()))?;
    let mut report = Report::new();
    for doc in session.documents() {
        report.line(format_args!(
            "document {}: {} ({}, {} sentences)",
            doc.id,
            doc.title,
            doc.language,
            doc.sentences().len()
        ));
    }
    report.line(format_args!("wrote {}", output.display()));
    emit(
        report.as_str(),
        Some(&format!("wrote {}", output.display())),
    )
}

/// Loads a session, printing any warnings to stderr.
pub fn load_session(path: &Path) -> anyhow::Result<Session> {
    let loaded = store::load(path)?;
    super::change::report_warnings(&loaded.warnings);
    Ok(loaded.session)
}

/// `claimdesk check`.
pub fn check(path: &Path) -> anyhow::Result<()> {
    let session = load_session(path)?;
    let stats = Stats::of(&session);
    let mut report = Report::new();
    report.line(format_args!(
        "{}: ok, version {}, {} document(s), {} sentences, {} claim(s)",
        path.display(),
        session.version(),
        stats.documents,
        stats.sentences,
        stats.claims
    ));
    for doc in session.documents() {
        report.line(format_args!(
            "  document {}: {} ({}, {} sentences, {} claims)",
            doc.id,
            doc.title,
            doc.language,
            doc.sentences().len(),
            session.claims().iter().filter(|c| c.doc == doc.id).count()
        ));
    }
    if !session.orphans().is_empty() {
        report.line(format_args!(
            "note: {} orphaned claim(s): an article update could not place them; attach them \
             to the new text in the window (Orphaned claims)",
            session.orphans().len()
        ));
    }
    if !session.conflicts().is_empty() {
        report.line(format_args!(
            "warning: {} unresolved merge conflict(s); resolve them in the window (Edit > Merge conflicts…):",
            session.conflicts().len()
        ));
        for conflict in session.conflicts() {
            report.line(format_args!(
                "  {}",
                claimdesk::merge::summary_line(&session, conflict)
            ));
        }
    }
    emit(report.as_str(), None)
}

/// `claimdesk stats`.
pub fn stats(path: &Path, json: bool) -> anyhow::Result<()> {
    let session = load_session(path)?;
    let stats = Stats::of(&session);
    let mut report = Report::new();
    if json {
        report.line(serde_json::to_string(&stats)?);
        return emit(report.as_str(), None);
    }
    report.line(format_args!("documents  {}", stats.documents));
    report.line(format_args!("sentences  {}", stats.sentences));
    report.line(format_args!("claims     {}", stats.claims));
    if stats.orphaned > 0 {
        report.line(format_args!(
            "orphaned   {} (an update could not place them; `claimdesk claim list` shows them)",
            stats.orphaned
        ));
    }
    report.line("by verdict");
    for (verdict, count) in &stats.by_verdict {
        report.line(format_args!("  {verdict:<13} {count}"));
    }
    report.line("by status");
    for (status, count) in &stats.by_status {
        report.line(format_args!("  {status:<13} {count}"));
    }
    emit(report.as_str(), None)
}

/// Where `claimdesk export` writes: standard output, or a file (replaced only as
/// [`claimdesk::export::output::check_output`] allows).
pub struct ExportTarget<'a> {
    pub output: Option<&'a Path>,
    pub force: bool,
}

/// `claimdesk export`.
pub fn export(
    sessions: &[PathBuf],
    format: Format,
    target: ExportTarget<'_>,
    only_done: bool,
    allow_conflicts: bool,
) -> anyhow::Result<()> {
    // `-o -`, and a stream the user named (`/dev/stdout`, a FIFO, a terminal), are written
    // as they are; only files are replaced atomically and checked first.
    let output = target.output.filter(|path| *path != Path::new("-"));
    let stream = output.filter(|path| is_stream(path));
    let file = output.filter(|path| !is_stream(path));
    if let Some(path) = file {
        // Before any work: a refused target should not wait for a large export.
        claimdesk::export::output::check_output(path, format, target.force)?;
    }
    let loaded = sessions
        .iter()
        .map(|path| load_session(path).with_context(|| format!("opening {}", path.display())))
        .collect::<anyhow::Result<Vec<_>>>()?;
    for (path, session) in sessions.iter().zip(&loaded) {
        let n = session.conflicts().len();
        if n > 0 && !allow_conflicts {
            bail!(
                "{} has {n} unresolved merge conflict(s); resolve them in the window (Edit > Merge conflicts…) or export anyway with --allow-conflicts",
                path.display()
            );
        }
    }
    let options = ExportOptions { only_done };
    let text = claimdesk::export::export(&loaded, format, options)?;
    for warning in claimdesk::export::export_warnings(&loaded, format, options) {
        note(format_args!("warning: {warning}"));
    }
    let n_claims = claimdesk::export::count_claims(&loaded, format, options);
    match (file, stream) {
        (None, None) => emit(&text, None)?,
        (None, Some(path)) => {
            use std::io::Write;
            std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .and_then(|mut out| out.write_all(text.as_bytes()))
                .with_context(|| format!("writing to {}", path.display()))?;
        }
        (Some(path), _) => {
            store::write_atomically(path, text.as_bytes(), false)
                .with_context(|| format!("writing {}", path.display()))?;
            note(format_args!(
                "wrote {n_claims} claim(s) as {format} to {}",
                path.display()
            ));
        }
    }
    Ok(())
}

/// Whether `path` names a stream rather than a file to replace: standard output or error
/// by name (`/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`, whatever they point to), or an
/// existing FIFO, terminal, socket or device.
fn is_stream(path: &Path) -> bool {
    let named = ["/dev/stdout", "/dev/stderr", "/dev/tty"]
        .iter()
        .any(|p| path == Path::new(p))
        || path.starts_with("/dev/fd")
        || path.starts_with("/proc/self/fd");
    named || std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// `claimdesk import --into SESSION`: the file's judgements as one edit on the session.
pub fn import_into(
    file: &Path,
    format: Format,
    session_path: &Path,
    options: claimdesk::export::import_into::MergeImportOptions,
) -> anyhow::Result<()> {
    let imported = claimdesk::export::import::import_file(file, format, Timestamp::now())?;
    let (_, counts) = super::change::edit_session(session_path, |session, now| {
        let merged = claimdesk::export::import_into::merge_into(session, &imported, now, options)
            .with_context(|| format!("{}", file.display()))?;
        for warning in &merged.warnings {
            note(format_args!("warning: {warning}"));
        }
        Ok((merged.edit, merged.counts))
    })?;
    let done = format!(
        "imported {} into {}: {counts}",
        file.display(),
        session_path.display()
    );
    emit(&format!("{done}\n"), Some(&done))
}

/// `claimdesk import`.
pub fn import(file: &Path, format: Format, output: &Path, force: bool) -> anyhow::Result<()> {
    if output.exists() && !force {
        bail!(
            "{} already exists; choose another name or pass --force to replace it",
            output.display()
        );
    }
    let imported = claimdesk::export::import::import_file(file, format, Timestamp::now())?;
    for warning in &imported.warnings {
        note(format_args!("warning: {warning}"));
    }
    store::save(&imported.session, output, Expect::AnySession)
        .with_context(|| format!("writing session {}", output.display()))?;
    let done = format!(
        "imported {} document(s) and {} claim(s) into {}",
        imported.session.documents().len(),
        imported.session.claims().len(),
        output.display()
    );
    // Against the records of our own export: what the other tool changed.
    emit(&format!("{done}\n{}\n", imported.counts), Some(&done))
}

/// `claimdesk align`.
pub fn align(a: &Path, b: &Path, lang_a: &str, lang_b: &str, json: bool) -> anyhow::Result<()> {
    let doc_a = load_article(a)?;
    let doc_b = load_article(b)?;
    let sentences = |text: &str, lang: &str| -> Vec<String> {
        claimdesk::segment::segment(text, lang)
            .iter()
            .map(|span| text[span.bytes.clone()].replace('\n', " "))
            .collect()
    };
    let lang_a = &claimdesk::lang::resolve_language(lang_a, &doc_a.text);
    let lang_b = &claimdesk::lang::resolve_language(lang_b, &doc_b.text);
    let sa = sentences(&doc_a.text, lang_a);
    let sb = sentences(&doc_b.text, lang_b);
    let ra: Vec<&str> = sa.iter().map(String::as_str).collect();
    let rb: Vec<&str> = sb.iter().map(String::as_str).collect();
    let lexicon = match claimdesk::align::installed_lexicon(&ra, &rb, lang_a, lang_b) {
        Ok(found) => found,
        Err(error) => {
            eprintln!("claimdesk: aligning without a dictionary: {error}");
            None
        }
    };
    let languages = claimdesk::align::Languages {
        a: lang_a,
        b: lang_b,
    };
    let pairs = claimdesk::align::align_with_lexicon(&ra, &rb, languages, lexicon.as_ref());
    let mut divergences = claimdesk::align::divergences(&ra, &rb, languages, &pairs);
    // Ranked: numbers, dates, percentages and quotations first, then names, moved
    // passages and unaligned sentences; in reading order within a kind.
    divergences.sort_by_key(|d| d.kind);
    let mut report = Report::new();
    if json {
        let out = serde_json::json!({ "pairs": pairs, "divergences": divergences });
        report.line(serde_json::to_string(&out)?);
        return emit(report.as_str(), None);
    }
    let show = |ids: &[u32]| ids.iter().map(u32::to_string).collect::<Vec<_>>().join(",");
    for pair in &pairs {
        let moved = if pair.is_moved { "  (moved)" } else { "" };
        report.line(format_args!(
            "A {:<7} B {:<7} {:>6.2}{moved}",
            show(&pair.a),
            show(&pair.b),
            pair.score
        ));
        for &i in &pair.a {
            report.line(format_args!(
                "    A: {}",
                ra.get(i as usize).copied().unwrap_or_default()
            ));
        }
        for &j in &pair.b {
            report.line(format_args!(
                "    B: {}",
                rb.get(j as usize).copied().unwrap_or_default()
            ));
        }
    }
    report.line("");
    report.line(format_args!("{} divergences", divergences.len()));
    for d in &divergences {
        report.line(format_args!(
            "  {:<9} A {:<7} B {:<7} {}",
            d.kind.name(),
            show(&d.a),
            show(&d.b),
            d.detail
        ));
    }
    emit(report.as_str(), None)
}
