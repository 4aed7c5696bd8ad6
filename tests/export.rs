//! Export and import: golden files per format, round trips through our own exports, code
//! points before emoji and flags, and refusals of bad import input.
//!
//! Golden files live in `tests/data/golden/`; after an intended change of output, run
//! `UPDATE_GOLDEN=1 cargo test --test export` and review the diff.

use std::path::{Path, PathBuf};

use claimdesk::export::import::{ImportError, import_file, import_str};
use claimdesk::export::{ExportOptions, Format, count_claims, export};
use claimdesk::model::{
    Claim, ClaimId, DocId, Organisation, SentenceId, Session, Source, Stance, Status, Verdict,
};
use claimdesk::timestamp::Timestamp;

/// Emoji and flags (several code points each, more UTF-16 units, more bytes) come before
/// every claim, so any offset counted in anything but code points shows.
const TEXT: &str = "🇲🇱🇷🇺 Vlaggen overal 🙂. Zeker 10.000 mensen zijn door het geweld omgekomen.\n\n\
                    “Leve Poetin”, lacht de kleermaker. Mali is rijk aan goud.";

fn fixture() -> Session {
    let t = |secs: i64| Timestamp::from_unix_secs(1_700_000_000 + secs);
    let mut builder = Session::builder("Golden review", t(0));
    let mut meta = builder.meta_ref().clone();
    meta.organisation = Organisation {
        name: "Desk".to_owned(),
        url: Some("https://desk.example.org".to_owned()),
    };
    meta.review_url = Some("https://desk.example.org/reviews/mali".to_owned());
    meta.reviewers = vec!["Ana".to_owned()];
    meta.modified = t(100);
    builder.meta(meta);
    let doc = claimdesk::segment::segmented_document(
        DocId(0),
        "Mali",
        "nl",
        Some("https://nos.example/mali".to_owned()),
        TEXT.to_owned(),
    );
    // A sub-sentence span: "Zeker 10.000 mensen".
    let sentence = doc.sentence(SentenceId(1)).expect("sentence 1");
    let span = doc
        .anchor_span(
            SentenceId(1),
            SentenceId(1),
            sentence.start..sentence.start + 19,
        )
        .expect("span anchor");
    let mut number = Claim::new(NUMBER_ID, DocId(0), span, t(10));
    number.verdict = Verdict::MostlyFalse;
    number.claimant = "NOS".to_owned();
    number.status = Status::Done;
    number.note = "ACLED counts fewer; see \"sources\".".to_owned();
    number.reviewer = "Ana".to_owned();
    number.modified = t(20);
    number.sources = vec![
        Source {
            url: "https://acled.example/mali".to_owned(),
            title: "ACLED dashboard".to_owned(),
            publisher: "ACLED".to_owned(),
            quote: "8,200 fatalities".to_owned(),
            stance: Stance::Refutes,
            accessed: Some(t(5)),
        },
        Source {
            url: "https://unhcr.example/mali".to_owned(),
            title: "UNHCR".to_owned(),
            stance: Stance::Context,
            ..Source::default()
        },
    ];
    let quote = doc
        .anchor_sentences(SentenceId(2), SentenceId(2))
        .expect("sentence anchor");
    let mut slogan = Claim::new(SLOGAN_ID, DocId(0), quote, t(30));
    slogan.verdict = Verdict::Misleading;
    slogan.status = Status::InReview;
    let gold = doc
        .anchor_sentences(SentenceId(3), SentenceId(3))
        .expect("sentence anchor");
    let unrated = Claim::new(UNRATED_ID, DocId(0), gold, t(40));
    builder
        .document(doc)
        .claim(number)
        .claim(slogan)
        .claim(unrated);
    builder.build().expect("valid fixture")
}

const NUMBER_ID: ClaimId = ClaimId(0x1a2b_3c4d_5e6f_7081);
const SLOGAN_ID: ClaimId = ClaimId(0x5b6c_7d8e_9fa0_b1c2);
const UNRATED_ID: ClaimId = ClaimId(0xc3d4_e5f6_0718_293a);

fn golden_path(format: Format) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/golden")
        .join(format!("fixture.{}.{}", format.name(), format.extension()))
}

#[track_caller]
fn check_golden(format: Format) {
    let output = export(&[fixture()], format, ExportOptions::default()).expect("export");
    let path = golden_path(format);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().expect("golden dir")).expect("mkdir");
        std::fs::write(&path, &output).expect("write golden");
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("{}: {err} (run with UPDATE_GOLDEN=1)", path.display()));
    assert_eq!(
        output,
        expected,
        "{} differs from {}",
        format,
        path.display()
    );
    // Deterministic: a second export gives the same text.
    let again = export(&[fixture()], format, ExportOptions::default()).expect("export");
    assert_eq!(again, output);
}

#[test]
fn golden_claimreview() {
    check_golden(Format::ClaimReview);
}

#[test]
fn golden_w3c() {
    check_golden(Format::W3c);
}

#[test]
fn golden_doccano() {
    check_golden(Format::Doccano);
}

#[test]
fn golden_labelstudio() {
    check_golden(Format::LabelStudio);
}

#[test]
fn golden_fever() {
    check_golden(Format::Fever);
}

#[test]
fn golden_csv() {
    check_golden(Format::Csv);
}

#[test]
fn golden_markdown() {
    check_golden(Format::Markdown);
}

#[test]
fn golden_html() {
    check_golden(Format::Html);
}

/// The code-point offset of "Zeker" in the fixture (bytes and UTF-16 units differ).
fn zeker_offset() -> usize {
    let byte = TEXT.find("Zeker").expect("Zeker");
    let offset = TEXT[..byte].chars().count();
    assert_ne!(offset, byte);
    assert_ne!(offset, TEXT[..byte].encode_utf16().count());
    offset
}

#[test]
fn offsets_are_code_points_in_every_positional_format() {
    let start = zeker_offset();
    let end = start + 19;
    let session = [fixture()];
    let options = ExportOptions::default();
    let json = |format| -> serde_json::Value {
        serde_json::from_str(&export(&session, format, options).expect("export")).expect("json")
    };

    let w3c = json(Format::W3c);
    let selectors = &w3c["first"]["items"][0]["target"]["selector"];
    assert_eq!(selectors[1]["start"], start);
    assert_eq!(selectors[1]["end"], end);
    assert_eq!(selectors[0]["exact"], "Zeker 10.000 mensen");

    let ls = json(Format::LabelStudio);
    let value = &ls[0]["annotations"][0]["result"][0]["value"];
    assert_eq!(
        (value["start"].clone(), value["end"].clone()),
        (start.into(), end.into())
    );

    // doccano counts UTF-16 code units, as its JavaScript editor does: each of the four
    // flag letters and the emoji before the span counts two.
    let doccano = export(&session, Format::Doccano, options).expect("export");
    let line: serde_json::Value =
        serde_json::from_str(doccano.lines().next().expect("line")).expect("json");
    let text = line["text"].as_str().expect("text");
    let units = |chars: usize| -> usize { text.chars().take(chars).map(char::len_utf16).sum() };
    assert_eq!(
        units(start),
        start + 5,
        "four flag letters and one emoji before it"
    );
    assert_eq!(
        line["label"][0],
        serde_json::json!([units(start), units(end), "mostly-false"])
    );
    // What JavaScript would slice at those offsets is the claim.
    let utf16: Vec<u16> = text.encode_utf16().collect();
    assert_eq!(
        String::from_utf16(&utf16[units(start)..units(end)]).expect("utf-16"),
        "Zeker 10.000 mensen"
    );

    let csv = export(&session, Format::Csv, options).expect("export");
    assert!(csv.contains(&format!(",{start},{end},")), "{csv}");
}

#[test]
fn claimreview_scale_and_fever_labels() {
    let session = [fixture()];
    let reviews: serde_json::Value = serde_json::from_str(
        &export(&session, Format::ClaimReview, ExportOptions::default()).expect("export"),
    )
    .expect("json");
    let reviews = reviews.as_array().expect("array");
    assert_eq!(reviews.len(), 2, "the unrated claim is not published");
    assert_eq!(reviews[0]["reviewRating"]["ratingValue"], 2);
    assert_eq!(reviews[0]["reviewRating"]["alternateName"], "Mostly false");
    assert_eq!(reviews[0]["author"]["name"], "Desk");
    // Each review its own page: the review URL with a fragment per claim.
    assert_eq!(
        reviews[0]["url"],
        "https://desk.example.org/reviews/mali#claim-1a2b3c4d5e6f7081"
    );
    assert_ne!(reviews[0]["url"], reviews[1]["url"]);
    assert!(
        reviews[1]["reviewRating"].get("ratingValue").is_none(),
        "misleading is off the scale"
    );

    let fever = export(&session, Format::Fever, ExportOptions::default()).expect("export");
    let lines: Vec<serde_json::Value> = fever
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(lines[0]["label"], "REFUTES");
    assert_eq!(lines[0]["verifiable"], "VERIFIABLE");
    assert_eq!(lines[0]["evidence"][0][0][2], "https://acled.example/mali");
    assert_eq!(lines[1]["label"], "NOT ENOUGH INFO");
    assert_eq!(lines[1]["verifiable"], "NOT VERIFIABLE");
    for line in &lines {
        assert_fever_scorer_format(line);
    }
}

/// fever-scorer's expectations of a gold line: an integer id, and evidence items
/// `[annotation_id, evidence_id, page, line]` with a string page and an integer line for
/// SUPPORTS and REFUTES; `[[[annotation_id, null, null, null]]]` for NOT ENOUGH INFO.
fn assert_fever_scorer_format(line: &serde_json::Value) {
    assert!(line["id"].is_u64(), "integer id: {line}");
    let sets = line["evidence"].as_array().expect("evidence sets");
    assert!(!sets.is_empty(), "{line}");
    for item in sets.iter().flat_map(|set| set.as_array().expect("set")) {
        let item = item.as_array().expect("item");
        assert_eq!(item.len(), 4, "{line}");
        assert!(item[0].is_u64(), "annotation id: {line}");
        if line["label"] == "NOT ENOUGH INFO" {
            assert!(
                item[1].is_null() && item[2].is_null() && item[3].is_null(),
                "{line}"
            );
        } else {
            assert!(item[1].is_u64(), "evidence id: {line}");
            assert!(item[2].is_string(), "page: {line}");
            assert!(item[3].is_u64(), "line: {line}");
        }
    }
}

#[test]
fn claimreview_needs_a_review_url_and_warns_of_long_claims() {
    let mut session = fixture();
    let edit =
        claimdesk::intent::set_meta_edit(&session, |meta| meta.review_url = None, Timestamp::EPOCH);
    session.apply(edit).expect("edit");
    let err = export(
        std::slice::from_ref(&session),
        Format::ClaimReview,
        ExportOptions::default(),
    )
    .expect_err("no review URL");
    assert!(err.to_string().contains("--review-url"), "{err}");

    let sample = claimdesk::store::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/mali-review.ron"),
    )
    .expect("sample")
    .session;
    let warnings = claimdesk::export::export_warnings(
        std::slice::from_ref(&sample),
        Format::ClaimReview,
        ExportOptions::default(),
    );
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].contains("longer than the 75 characters"),
        "{warnings:?}"
    );
}

#[test]
fn fever_leaves_out_what_it_cannot_express_and_says_so() {
    let mut session = fixture();
    let first = session.claims()[0].id;
    let edit = claimdesk::intent::Edit::SetClaimField {
        id: first,
        value: claimdesk::intent::ClaimField::Sources(Vec::new()),
        modified: Timestamp::EPOCH,
    };
    session.apply(edit).expect("edit");
    let sessions = std::slice::from_ref(&session);
    let fever = export(sessions, Format::Fever, ExportOptions::default()).expect("export");
    assert_eq!(
        fever.lines().count(),
        1,
        "the sourceless REFUTES claim is left out"
    );
    assert_eq!(
        count_claims(sessions, Format::Fever, ExportOptions::default()),
        1
    );
    let warnings =
        claimdesk::export::export_warnings(sessions, Format::Fever, ExportOptions::default());
    assert!(warnings[0].starts_with("1 claim(s) rated true or false have no source"));
}

#[test]
fn only_done_and_counts() {
    let session = [fixture()];
    let only_done = ExportOptions { only_done: true };
    assert_eq!(
        count_claims(&session, Format::Csv, ExportOptions::default()),
        3
    );
    assert_eq!(
        count_claims(&session, Format::ClaimReview, ExportOptions::default()),
        2
    );
    assert_eq!(count_claims(&session, Format::Csv, only_done), 1);
    let csv = export(&session, Format::Csv, only_done).expect("export");
    assert_eq!(csv.lines().count(), 2, "header and one claim");
}

#[test]
fn several_sessions_make_one_dataset() {
    let sessions = [fixture(), fixture()];
    let fever = export(&sessions, Format::Fever, ExportOptions::default()).expect("export");
    let ids: Vec<String> = fever
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json")["id"].to_string())
        .collect();
    assert_eq!(ids, ["1", "2", "3", "4"], "integer ids across the dataset");
}

/// What a round trip must keep of each claim.
fn essentials(session: &Session) -> Vec<(usize, usize, Verdict, Vec<Source>, String)> {
    session
        .claims()
        .iter()
        .map(|c| {
            (
                c.anchor.start,
                c.anchor.end,
                c.verdict,
                c.sources.clone(),
                c.note.clone(),
            )
        })
        .collect()
}

#[test]
fn own_exports_import_back_with_the_same_claims() {
    let original = fixture();
    for &format in Format::IMPORTABLE {
        let text = export(
            std::slice::from_ref(&original),
            format,
            ExportOptions::default(),
        )
        .expect("export");
        let imported = import_str(&text, Path::new("in.json"), format, Timestamp::EPOCH)
            .unwrap_or_else(|err| panic!("{format}: {err}"));
        assert_eq!(
            essentials(&imported.session),
            essentials(&original),
            "{format}"
        );
        let claim = &imported.session.claims()[0];
        assert_eq!(claim.claimant, "NOS", "{format}");
        assert_eq!(claim.status, Status::Done, "{format}");
        assert_eq!(claim.anchor.quote.exact, "Zeker 10.000 mensen", "{format}");
        assert_eq!(imported.session.documents()[0].text(), TEXT, "{format}");
        imported.session.validate().expect("valid session");
    }
}

#[track_caller]
fn import_err(text: &str, format: Format) -> ImportError {
    import_str(text, Path::new("bad.json"), format, Timestamp::EPOCH).expect_err("refused")
}

#[test]
fn foreign_doccano_and_unknown_labels() {
    let line = r#"{"id": 7, "text": "Eén zin hier. Nog één.", "label": [[0, 13, "False"], [14, 22, "SARCASM"]], "Comments": []}"#;
    let imported = import_str(
        line,
        Path::new("x.jsonl"),
        Format::Doccano,
        Timestamp::EPOCH,
    )
    .expect("import");
    // Claims in text order (their ids are random).
    let mut claims: Vec<_> = imported.session.claims().iter().collect();
    claims.sort_by_key(|c| c.anchor.start);
    assert_eq!(claims.len(), 2);
    assert_eq!(claims[0].verdict, Verdict::False);
    assert_eq!(claims[1].verdict, Verdict::Unrated);
    assert_eq!(claims[1].note, "Original label: SARCASM");

    let relations = r#"{"text": "Eén zin hier.", "entities": [{"id": 1, "label": "misleading", "start_offset": 0, "end_offset": 13}], "relations": []}"#;
    let imported = import_str(
        relations,
        Path::new("x.jsonl"),
        Format::Doccano,
        Timestamp::EPOCH,
    )
    .expect("import");
    assert_eq!(imported.session.claims()[0].verdict, Verdict::Misleading);
}

#[test]
fn bad_import_input_is_refused_clearly() {
    // Malformed JSON on line 3 of a JSONL file.
    let text = "{\"text\": \"A.\", \"label\": []}\n{\"text\": \"B.\", \"label\": []}\n{\"text\": \"C.\", \"label\": [[0, 1, \"false\"]\n";
    let err = import_err(text, Format::Doccano);
    assert!(matches!(err, ImportError::Json { line: 3, .. }), "{err}");
    assert!(err.to_string().starts_with("bad.json:3:"), "{err}");

    // Offsets outside the text.
    let err = import_err(
        r#"{"text": "Short.", "label": [[2, 40, "false"]]}"#,
        Format::Doccano,
    );
    assert!(
        matches!(
            err,
            ImportError::OffsetOutside {
                end: 40,
                n_chars: 6,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("line 1"), "{err}");

    // The wrong format: a doccano line given as Label Studio, and the other way round.
    let err = import_err(r#"{"text": "Short.", "label": []}"#, Format::LabelStudio);
    assert!(matches!(err, ImportError::WrongFormat { .. }), "{err}");
    let ls = export(&[fixture()], Format::LabelStudio, ExportOptions::default()).expect("export");
    assert!(matches!(
        import_err(&ls, Format::Doccano),
        ImportError::WrongFormat { .. }
    ));
    assert!(matches!(
        import_err(&ls, Format::W3c),
        ImportError::WrongFormat { .. }
    ));

    // Formats that only export.
    assert!(matches!(
        import_err("[]", Format::Fever),
        ImportError::NotImportable { .. }
    ));
}

#[test]
fn import_file_reports_unreadable_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("latin1.jsonl");
    std::fs::write(&path, b"{\"text\": \"caf\xe9\"}").expect("write");
    let err = import_file(&path, Format::Doccano, Timestamp::EPOCH).expect_err("not utf-8");
    assert!(
        matches!(err, ImportError::NotUtf8 { offset: 13, .. }),
        "{err}"
    );
}

#[test]
fn w3c_quote_selectors_anchor_without_positions() {
    let collection = r#"{
      "@context": "http://www.w3.org/ns/anno.jsonld",
      "type": "AnnotationCollection",
      "claimdesk:documents": [{"id": "https://x.example/a", "title": "A", "language": "en",
        "text": "The sky is green. The sky is green again, said nobody."}],
      "first": {"type": "AnnotationPage", "items": [{
        "id": "https://x.example/anno/1", "type": "Annotation",
        "body": [{"type": "TextualBody", "purpose": "classifying", "value": "False"}],
        "target": {"source": "https://x.example/a", "selector": [
          {"type": "TextQuoteSelector", "exact": "The sky is green", "prefix": "green. "}]}
      }]}
    }"#;
    let imported = import_str(
        collection,
        Path::new("c.json"),
        Format::W3c,
        Timestamp::EPOCH,
    )
    .expect("import");
    let claim = &imported.session.claims()[0];
    assert_eq!(
        (claim.anchor.start, claim.anchor.end),
        (18, 34),
        "the occurrence after the prefix"
    );
    assert_eq!(claim.verdict, Verdict::False);

    let without_texts = collection.replace("claimdesk:documents", "other");
    let err = import_err(&without_texts, Format::W3c);
    assert!(matches!(err, ImportError::Unanchorable { .. }), "{err}");
    assert!(err.to_string().contains("texts"), "{err}");
}

#[test]
fn a_claimreview_export_given_to_an_importer_is_named_before_parsing() {
    let session = claimdesk::store::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/mali-review.ron"),
    )
    .expect("sample")
    .session;
    let sessions = std::slice::from_ref(&session);
    let now = claimdesk::timestamp::Timestamp::from_unix_secs(1_800_000_000);
    let claimreview =
        export(sessions, Format::ClaimReview, ExportOptions::default()).expect("export");
    for format in Format::IMPORTABLE {
        let err = import_str(&claimreview, Path::new("review.json"), *format, now)
            .expect_err("not importable");
        let message = err.to_string();
        assert!(message.contains("ClaimReview"), "{message}");
        assert!(message.contains("cannot be read back"), "{message}");
    }
    // A doccano file given to the W3C importer says what it is and how to import it.
    let doccano = export(sessions, Format::Doccano, ExportOptions::default()).expect("export");
    let err = import_str(&doccano, Path::new("review.jsonl"), Format::W3c, now)
        .expect_err("wrong importer");
    assert!(err.to_string().contains("import it as doccano"), "{err}");
}

#[test]
fn the_other_tools_labels_win_and_the_changes_are_counted() {
    let session = [fixture()];
    let now = Timestamp::from_unix_secs(1_800_000_000);
    let options = ExportOptions::default();

    // Label Studio: relabel the first region, delete the second, add one of our own.
    let mut tasks: serde_json::Value =
        serde_json::from_str(&export(&session, Format::LabelStudio, options).expect("export"))
            .expect("json");
    let text = tasks[0]["data"]["text"].as_str().expect("text").to_owned();
    let at = text.find("Vlaggen").expect("Vlaggen");
    let start = text[..at].chars().count();
    let result = tasks[0]["annotations"][0]["result"]
        .as_array_mut()
        .expect("regions");
    result[0]["value"]["labels"] = serde_json::json!(["False"]);
    result.remove(1);
    result.push(serde_json::json!({
        "id": "added-in-ls", "from_name": "verdict", "to_name": "text", "type": "labels",
        "value": {"start": start, "end": start + 14, "text": "Vlaggen overal", "labels": ["True"]}
    }));
    let imported = import_str(
        &tasks.to_string(),
        Path::new("ls.json"),
        Format::LabelStudio,
        now,
    )
    .expect("import");
    assert_eq!(
        imported.counts.to_string(),
        "kept 1, relabelled 1, added 1, missing 1"
    );
    let by_text = |text: &str| {
        imported
            .session
            .claims()
            .iter()
            .find(|c| c.anchor.quote.exact.starts_with(text))
            .unwrap_or_else(|| panic!("claim {text}"))
            .clone()
    };
    let relabelled = by_text("Zeker 10.000");
    assert_eq!(
        relabelled.verdict,
        Verdict::False,
        "Label Studio's label wins"
    );
    assert_eq!(
        relabelled.claimant, "NOS",
        "the record restores what the tool lacks"
    );
    assert_eq!(relabelled.sources.len(), 2);
    assert_eq!(by_text("Vlaggen overal").verdict, Verdict::True);

    // doccano: a span drawn there after the flags and the emoji, in UTF-16 units.
    let doccano = export(&session, Format::Doccano, options).expect("export");
    let mut line: serde_json::Value =
        serde_json::from_str(doccano.lines().next().expect("line")).expect("json");
    let utf16_start = text[..at].encode_utf16().count();
    line["label"]
        .as_array_mut()
        .expect("labels")
        .push(serde_json::json!([utf16_start, utf16_start + 7, "false"]));
    line["label"][0][2] = serde_json::json!("true");
    let imported = import_str(
        &line.to_string(),
        Path::new("d.jsonl"),
        Format::Doccano,
        now,
    )
    .expect("import");
    assert_eq!(
        imported.counts.to_string(),
        "kept 2, relabelled 1, added 1, missing 0"
    );
    let added = imported
        .session
        .claims()
        .iter()
        .find(|c| c.anchor.quote.exact == "Vlaggen")
        .expect("the span drawn in doccano, at the same text");
    assert_eq!(added.verdict, Verdict::False);
}

/// An absolute IRI: a scheme, a colon, something after it, no spaces.
fn is_iri(text: &str) -> bool {
    text.split_once(':').is_some_and(|(scheme, rest)| {
        scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && !rest.is_empty()
    }) && !text.contains(char::is_whitespace)
}

#[test]
fn w3c_export_meets_the_models_musts() {
    let mut session = fixture();
    // A source cited by a bare path, as the sample does.
    let id = session.claims()[0].id;
    let mut sources = session.claims()[0].sources.clone();
    sources[1].url = "assets/articles/mali rusland.nl.txt".to_owned();
    let edit = claimdesk::intent::Edit::SetClaimField {
        id,
        value: claimdesk::intent::ClaimField::Sources(sources),
        modified: Timestamp::EPOCH,
    };
    session.apply(edit).expect("edit");
    let sessions = [session];
    let text = export(&sessions, Format::W3c, ExportOptions::default()).expect("export");
    assert_eq!(
        text,
        export(&sessions, Format::W3c, ExportOptions::default()).expect("again"),
        "deterministic ids"
    );
    let collection: serde_json::Value = serde_json::from_str(&text).expect("json");
    // 5.1 and 5.2: the collection and its page have IRIs.
    assert!(is_iri(collection["id"].as_str().expect("collection id")));
    assert!(is_iri(collection["first"]["id"].as_str().expect("page id")));
    for annotation in collection["first"]["items"].as_array().expect("items") {
        assert!(is_iri(annotation["id"].as_str().expect("annotation id")));
        assert!(is_iri(
            annotation["target"]["source"].as_str().expect("target")
        ));
        for body in annotation["body"].as_array().expect("bodies") {
            let kind = body["type"].as_str().expect("type");
            // 3.3.5: an external web resource carries no purpose; it is wrapped.
            if body.get("purpose").is_some() {
                assert!(
                    kind == "TextualBody" || kind == "SpecificResource",
                    "{body}"
                );
            }
            if kind == "SpecificResource" {
                assert!(
                    is_iri(body["source"]["id"].as_str().expect("source id")),
                    "{body}"
                );
            }
        }
    }
    // And it comes back: the path and the links are as they were.
    let imported =
        import_str(&text, Path::new("w3c.json"), Format::W3c, Timestamp::EPOCH).expect("import");
    let urls: Vec<String> = imported.session.claims()[0]
        .sources
        .iter()
        .map(|s| s.url.clone())
        .collect();
    assert!(
        urls.contains(&"assets/articles/mali rusland.nl.txt".to_owned()),
        "{urls:?}"
    );
    assert!(
        urls.contains(&"https://acled.example/mali".to_owned()),
        "{urls:?}"
    );
}

#[test]
fn csv_cells_never_become_formulas_and_reports_keep_the_lines_of_a_rationale() {
    let mut session = fixture();
    let first = session.claims()[0].id;
    let set = |value| claimdesk::intent::Edit::SetClaimField {
        id: first,
        value,
        modified: Timestamp::EPOCH,
    };
    let claimant = "=HYPERLINK(\"http://x.example\",\"y\")";
    let note = "First line.\nSecond line.\n\nA new paragraph with <b>markup</b>.";
    session
        .apply(claimdesk::intent::Edit::Batch(vec![
            set(claimdesk::intent::ClaimField::Claimant(claimant.to_owned())),
            set(claimdesk::intent::ClaimField::Note(note.to_owned())),
            set(claimdesk::intent::ClaimField::Text(
                "-5% growth, +3 @all".to_owned(),
            )),
        ]))
        .expect("edit");
    let sessions = std::slice::from_ref(&session);

    let csv = export(sessions, Format::Csv, ExportOptions::default()).expect("csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().expect("header").clone();
    let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let row = reader
        .records()
        .map(|r| r.expect("row"))
        .find(|r| r[column("claim_id")] == first.to_string())
        .expect("the edited claim");
    assert_eq!(&row[column("claimant")], format!("'{claimant}"));
    assert_eq!(&row[column("claim")], "'-5% growth, +3 @all");
    assert_eq!(&row[column("note")], note, "plain text is left alone");
    for record in csv::Reader::from_reader(csv.as_bytes()).records() {
        for cell in record.expect("row").iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "a spreadsheet would evaluate {cell:?}"
            );
        }
    }

    let markdown = export(sessions, Format::Markdown, ExportOptions::default()).expect("md");
    assert!(
        markdown
            .contains("First line.\\\nSecond line.\n\nA new paragraph with \\<b\\>markup\\</b\\>."),
        "{markdown}"
    );
    let html = export(sessions, Format::Html, ExportOptions::default()).expect("html");
    assert!(
        html.contains(
            "<p>First line.<br>\nSecond line.</p>\n<p>A new paragraph with &lt;b&gt;markup&lt;/b&gt;.</p>"
        ),
        "{html}"
    );
}

/// Issue 29, finding 5: text from a page or a hand-edited session (`</script>`, `&`, `>`)
/// is written in every JSON export as `\u003c`, `\u0026`, `\u003e`, so a ClaimReview
/// embedded in `<script type="application/ld+json">` cannot be broken out of, and every
/// parser reads the same string back.
#[test]
fn json_exports_escape_what_could_end_a_script_element() {
    let hostile = "</script><script>alert('x')</script> & >";
    let mut session = fixture();
    let mut meta = session.meta().clone();
    meta.organisation.name = hostile.to_owned();
    session
        .apply(claimdesk::intent::replace_meta_edit(&session, meta))
        .expect("meta");
    let edit = claimdesk::intent::set_claim_field_edit(
        &session,
        NUMBER_ID,
        claimdesk::intent::ClaimField::Note(hostile.to_owned()),
        Timestamp::EPOCH,
    );
    session.apply(edit).expect("note");
    for format in [
        Format::ClaimReview,
        Format::W3c,
        Format::Doccano,
        Format::LabelStudio,
        Format::Fever,
    ] {
        let output = export(&[session.clone()], format, ExportOptions::default()).expect("export");
        let text = &output;
        assert!(!text.contains("</script"), "{format:?}: {text}");
        assert!(
            !text.contains('<') && !text.contains('&'),
            "{format:?} writes < or & raw"
        );
        // The same strings come back from a JSON parser.
        let values: Vec<serde_json::Value> = if text.trim_start().starts_with(['[', '{'])
            && !matches!(format, Format::Doccano | Format::Fever)
        {
            vec![serde_json::from_str(text).expect("JSON")]
        } else {
            text.lines()
                .map(|l| serde_json::from_str(l).expect("JSON line"))
                .collect()
        };
        let all = serde_json::to_string(&values).expect("re-encode");
        // (FEVER carries neither the rationale nor the organisation.)
        assert!(
            format == Format::Fever || all.contains("</script><script>"),
            "{format:?}: the text is kept: {all}"
        );
    }
}

/// Issue 29, finding 4: addresses from a hand-edited session that are not http, https or
/// mailto are never written as URL values: a `javascript:` review URL is refused by the
/// ClaimReview export with a clear message, a `data:` organisation URL and a
/// `javascript:` source are left out of every export's URL fields (and kept in the
/// session as text), and the export warns of each.
#[test]
fn exports_write_only_http_https_and_mailto_as_url_values() {
    let mut session = fixture();
    let mut meta = session.meta().clone();
    meta.review_url = Some("javascript:alert('review')//".to_owned());
    meta.organisation.url = Some("data:text/html,<script>alert(1)</script>".to_owned());
    session
        .apply(claimdesk::intent::replace_meta_edit(&session, meta.clone()))
        .expect("meta");
    let hostile = Source {
        url: "javascript:alert(document.cookie)".to_owned(),
        title: "a trap".to_owned(),
        ..Source::default()
    };
    let add = claimdesk::intent::add_source_edit(&session, NUMBER_ID, hostile, Timestamp::EPOCH)
        .expect("source");
    session.apply(add).expect("source");

    let err = export(
        &[session.clone()],
        Format::ClaimReview,
        ExportOptions::default(),
    )
    .expect_err("a javascript: review URL");
    assert!(
        err.to_string().contains("not an http or https address"),
        "{err}"
    );

    meta.review_url = Some("https://desk.example.org/reviews/mali".to_owned());
    session
        .apply(claimdesk::intent::replace_meta_edit(&session, meta))
        .expect("meta");
    for format in [
        Format::ClaimReview,
        Format::W3c,
        Format::Doccano,
        Format::LabelStudio,
        Format::Fever,
        Format::Csv,
    ] {
        let text = export(&[session.clone()], format, ExportOptions::default()).expect("export");
        let url_values = |value: &serde_json::Value, out: &mut Vec<String>| {
            fn walk(value: &serde_json::Value, key: &str, out: &mut Vec<String>) {
                match value {
                    serde_json::Value::Object(map) => {
                        for (k, v) in map {
                            // Our own full record (carried for lossless import) is data.
                            if k != "claimdesk" {
                                walk(v, k, out);
                            }
                        }
                    }
                    serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, key, out)),
                    serde_json::Value::String(s)
                        if matches!(key, "url" | "id" | "source" | "sameAs") || key.is_empty() =>
                    {
                        out.push(s.clone())
                    }
                    _ => {}
                }
            }
            walk(value, "", out);
        };
        let mut values = Vec::new();
        match format {
            Format::Csv => {
                let sources = text.lines().skip(1).map(str::to_owned);
                values.extend(sources);
            }
            Format::Doccano | Format::Fever => {
                for line in text.lines() {
                    url_values(&serde_json::from_str(line).expect("JSON line"), &mut values);
                }
            }
            _ => url_values(&serde_json::from_str(&text).expect("JSON"), &mut values),
        }
        for value in &values {
            assert!(
                !value.contains("javascript:") && !value.contains("data:text"),
                "{format:?} writes a live non-web address: {value}"
            );
        }
        let warnings = claimdesk::export::export_warnings(
            &[session.clone()],
            format,
            ExportOptions::default(),
        );
        // Each format that writes the address as a URL value warns that it left it out.
        let writes_sources = matches!(format, Format::W3c | Format::Fever | Format::Csv);
        let warns_of_source = warnings
            .iter()
            .any(|w| w.contains("source 3") && w.contains("javascript:"));
        assert_eq!(warns_of_source, writes_sources, "{format:?}: {warnings:?}");
        let writes_organisation = matches!(format, Format::ClaimReview | Format::W3c);
        let warns_of_organisation = warnings.iter().any(|w| w.contains("organisation URL"));
        assert_eq!(
            warns_of_organisation, writes_organisation,
            "{format:?}: {warnings:?}"
        );
    }
    // The session keeps the text as it was typed.
    assert_eq!(
        session.claim(NUMBER_ID).expect("claim").sources[2].url,
        "javascript:alert(document.cookie)"
    );
}
