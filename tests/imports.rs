//! Imports where they meet earlier imports and the session (issue 27, finding 5): the
//! same file twice, spans deleted in the tool, relabelled claims, what a collection
//! carries, comments written in doccano, links between an original's claim and its
//! translation's, and overlapping spans on the way out to doccano.

use std::path::Path;

use claimdesk::export::import::import_str;
use claimdesk::export::import_into::{MergeImportOptions, merge_into};
use claimdesk::export::{ExportOptions, Format, export, export_warnings};
use claimdesk::model::{ClaimId, Session, Verdict};
use claimdesk::store;
use claimdesk::timestamp::Timestamp;

const LATER: Timestamp = Timestamp::from_unix_secs(1_900_000_000);

fn sample() -> Session {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    store::load(&root.join("saves/mali-review.ron"))
        .expect("the sample loads")
        .session
}

fn doccano_lines(session: &Session) -> Vec<serde_json::Value> {
    let text = export(
        std::slice::from_ref(session),
        Format::Doccano,
        ExportOptions::default(),
    )
    .expect("export");
    text.lines()
        .map(|line| serde_json::from_str(line).expect("json line"))
        .collect()
}

fn to_jsonl(lines: &[serde_json::Value]) -> String {
    lines
        .iter()
        .map(|line| serde_json::to_string(line).expect("encode") + "\n")
        .collect()
}

fn merged(session: &Session, file: &str, options: MergeImportOptions) -> (Session, String) {
    let imported =
        import_str(file, Path::new("back.jsonl"), Format::Doccano, LATER).expect("import");
    let result = merge_into(session, &imported, LATER, options).expect("merge");
    let mut session = session.clone();
    session.apply(result.edit).expect("applies");
    (
        session,
        result.warnings.join("\n") + &format!("\n{}", result.counts),
    )
}

/// The sample's doccano export with one span drawn in the tool on the first document.
fn with_span_drawn_in_the_tool(session: &Session) -> (String, (usize, usize)) {
    let mut lines = doccano_lines(session);
    let text = lines[0]["text"].as_str().expect("text").to_owned();
    let taken: Vec<(u64, u64)> = lines[0]["label"]
        .as_array()
        .expect("labels")
        .iter()
        .map(|l| (l[0].as_u64().expect("start"), l[1].as_u64().expect("end")))
        .collect();
    // The first sentence-like stretch no claim covers: from a ". " to the next ".".
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut start = 0;
    let mut span = None;
    for (idx, unit) in units.iter().enumerate() {
        if *unit == u16::from(b'.') {
            let free = taken
                .iter()
                .all(|&(s, e)| e as usize <= start || s as usize > idx);
            if free && idx > start + 20 {
                span = Some((start, idx + 1));
                break;
            }
            start = idx + 2;
        }
    }
    let (s, e) = span.expect("an unclaimed sentence");
    lines[0]["label"]
        .as_array_mut()
        .expect("labels")
        .push(serde_json::json!([s, e, "false"]));
    (to_jsonl(&lines), (s, e))
}

#[test]
fn importing_the_same_file_twice_adds_a_span_drawn_in_the_tool_once() {
    let session = sample();
    let (file, _) = with_span_drawn_in_the_tool(&session);
    let n = session.claims().len();
    let (once, report) = merged(&session, &file, MergeImportOptions::default());
    assert_eq!(once.claims().len(), n + 1, "{report}");
    let (twice, report) = merged(&once, &file, MergeImportOptions::default());
    assert_eq!(
        twice.claims().len(),
        n + 1,
        "the second import adds nothing: {report}"
    );
    assert!(report.contains("added 0"), "{report}");
    assert_eq!(
        store::to_ron(&twice).expect("encode"),
        store::to_ron(&once).expect("encode"),
        "and changes nothing"
    );
}

#[test]
fn a_span_deleted_in_the_tool_is_named_and_removed_only_when_asked() {
    let session = sample();
    let mut lines = doccano_lines(&session);
    let labels = lines[0]["label"].as_array_mut().expect("labels");
    labels.remove(0);
    let file = to_jsonl(&lines);
    let (kept, report) = merged(&session, &file, MergeImportOptions::default());
    assert_eq!(
        kept.claims().len(),
        session.claims().len(),
        "kept by default"
    );
    assert!(report.contains("missing 1"), "{report}");
    assert!(report.contains("--remove-missing"), "{report}");
    let (removed, report) = merged(
        &session,
        &file,
        MergeImportOptions {
            remove_missing: true,
        },
    );
    assert_eq!(
        removed.claims().len(),
        session.claims().len() - 1,
        "{report}"
    );
    assert_eq!(removed.validate(), Ok(()));
}

#[test]
fn a_relabelled_claim_is_stamped_when_the_tool_changed_it() {
    let session = sample();
    let mut lines = doccano_lines(&session);
    let first = &mut lines[0]["label"][0];
    let old = first[2].as_str().expect("label").to_owned();
    let new = if old == "false" { "true" } else { "false" };
    first[2] = serde_json::json!(new);
    let imported = import_str(
        &to_jsonl(&lines),
        Path::new("back.jsonl"),
        Format::Doccano,
        LATER,
    )
    .expect("import");
    assert_eq!(imported.counts.relabelled, 1);
    let changed = imported
        .session
        .claims()
        .iter()
        .find(|c| {
            c.verdict.name() == new && session.claim(c.id).is_some_and(|o| o.verdict.name() == old)
        })
        .expect("the relabelled claim");
    assert_eq!(changed.modified, LATER, "modified when the tool changed it");
    let unchanged = imported
        .session
        .claims()
        .iter()
        .find(|c| c.id != changed.id)
        .expect("another claim");
    assert_eq!(
        Some(unchanged.modified),
        session.claim(unchanged.id).map(|c| c.modified),
        "an unchanged claim keeps its time"
    );
}

#[test]
fn a_w3c_collection_brings_back_the_review_details_and_every_link() {
    let session = sample();
    let linked: Vec<(ClaimId, ClaimId)> = session
        .claims()
        .iter()
        .filter_map(|c| c.counterpart.map(|other| (c.id, other)))
        .collect();
    assert!(
        !linked.is_empty(),
        "the sample links an original's claim to its translation's"
    );
    for format in [Format::W3c, Format::Doccano, Format::LabelStudio] {
        let text = export(
            std::slice::from_ref(&session),
            format,
            ExportOptions::default(),
        )
        .expect("export");
        let back = import_str(&text, Path::new("back.json"), format, LATER)
            .expect("import")
            .session;
        for (id, other) in &linked {
            assert_eq!(
                back.claim(*id).and_then(|c| c.counterpart),
                Some(*other),
                "{format}: link of {id}"
            );
        }
        if format == Format::W3c {
            assert_eq!(back.meta().title, session.meta().title);
            assert_eq!(back.meta().review_url, session.meta().review_url);
            assert_eq!(back.meta().organisation, session.meta().organisation);
        }
    }
}

#[test]
fn comments_written_in_doccano_come_back_as_notes() {
    let session = sample();
    let mut lines = doccano_lines(&session);
    let records = lines[0]["claimdesk"].as_array().expect("records").clone();
    assert!(records.len() >= 2, "a document with several claims");
    let named = records[0]["id"].as_str().expect("id").to_owned();
    let other = records[1]["id"].as_str().expect("id").to_owned();
    // As doccano exports them: its own comments replace ours.
    lines[0]["Comments"] = serde_json::json!([
        format!("claim #{}: checked with the UN figures", &named[..6]),
        "The whole piece leans on one source."
    ]);
    let imported = import_str(
        &to_jsonl(&lines),
        Path::new("back.jsonl"),
        Format::Doccano,
        LATER,
    )
    .expect("import");
    let note = |hex: &str| {
        let id: ClaimId = hex.parse().expect("id");
        imported.session.claim(id).expect("claim").note.clone()
    };
    assert_eq!(
        note(&named).lines().next(),
        Some("checked with the UN figures")
    );
    assert!(
        note(&other).contains("Comment on the document: The whole piece leans on one source."),
        "{}",
        note(&other)
    );
    assert!(imported.warnings.iter().all(|w| !w.contains("dropped")));
}

#[test]
fn overlapping_spans_are_counted_on_export_to_doccano() {
    let mut session = sample();
    let claim = session.claims()[0].clone();
    let doc = session.document(claim.doc).expect("doc");
    let inner = doc
        .anchor_chars(claim.anchor.start..claim.anchor.start + 5)
        .expect("a span inside the claim");
    let mut overlapping =
        claimdesk::model::Claim::new(session.new_claim_id(), claim.doc, inner, LATER);
    overlapping.verdict = Verdict::False;
    session
        .apply(claimdesk::intent::Edit::AddClaim(Box::new(overlapping)))
        .expect("add");
    let warnings = export_warnings(
        std::slice::from_ref(&session),
        Format::Doccano,
        ExportOptions::default(),
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("2 claim(s) overlap") && w.contains("Allow overlapping")),
        "{warnings:?}"
    );
    let clean = export_warnings(
        std::slice::from_ref(&sample()),
        Format::Doccano,
        ExportOptions::default(),
    );
    assert!(clean.iter().all(|w| !w.contains("overlap")), "{clean:?}");
}
