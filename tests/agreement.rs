//! Agreement figures against the standard Python implementations (scikit-learn's
//! `cohen_kappa_score`, statsmodels' `fleiss_kappa`, the `krippendorff` package), to
//! 1e-9, on generated ratings committed with the script that computed them
//! (`tests/data/agreement/`): once on the rating matrices, once end to end from review
//! sessions built to carry those ratings.

use claimdesk::agree::metrics::{
    Level, cohen_kappa, fleiss_kappa, krippendorff_alpha, percent_agreement,
};
use claimdesk::agree::{ORDINAL_SCALE, RATED, Reviewer, agreement};
use claimdesk::model::{Claim, ClaimId, DocId, Document, Sentence, SentenceId, Session};
use claimdesk::timestamp::Timestamp;
use serde_json::Value;

const TOLERANCE: f64 = 1e-9;

struct Case {
    name: String,
    claim: Vec<Vec<u32>>,
    verdict: Vec<Vec<Option<u32>>>,
    expected: Value,
}

fn cases() -> Vec<Case> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/agreement/reference.json"
    );
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("json");
    json["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|case| Case {
            name: case["name"].as_str().expect("name").to_owned(),
            claim: serde_json::from_value(case["claim"].clone()).expect("claim"),
            verdict: serde_json::from_value(case["verdict"].clone()).expect("verdict"),
            expected: case["expected"].clone(),
        })
        .collect()
}

#[track_caller]
fn assert_figure(case: &str, what: &str, ours: Option<f64>, reference: &Value) {
    match (ours, reference.as_f64()) {
        (Some(ours), Some(reference)) => assert!(
            (ours - reference).abs() <= TOLERANCE,
            "{case} {what}: ours {ours}, reference {reference}"
        ),
        (None, None) => {}
        (ours, _) => panic!("{case} {what}: ours {ours:?}, reference {reference}"),
    }
}

/// The units some reviewer rated, with the verdicts of one scale as category indices.
fn verdict_matrix(case: &Case, scale: &[claimdesk::model::Verdict]) -> Vec<Vec<Option<u32>>> {
    let n_units = case.claim[0].len();
    let rated: Vec<usize> = (0..n_units)
        .filter(|&u| case.verdict.iter().any(|r| r[u].is_some()))
        .collect();
    case.verdict
        .iter()
        .map(|r| {
            rated
                .iter()
                .map(|&u| {
                    r[u].and_then(|v| scale.iter().position(|&s| s == RATED[v as usize]))
                        .map(|i| i as u32)
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_coefficients_equal_the_python_references() {
    for case in cases() {
        let n = case.claim.len() as u32;
        let table: Vec<Vec<u32>> = (0..case.claim[0].len())
            .map(|u| {
                let ones = case.claim.iter().filter(|r| r[u] == 1).count() as u32;
                vec![n - ones, ones]
            })
            .collect();
        let claim = &case.expected["claim"];
        assert_figure(
            &case.name,
            "percent",
            percent_agreement(&table).ok(),
            &claim["percent"],
        );
        assert_figure(
            &case.name,
            "fleiss",
            fleiss_kappa(&table).ok(),
            &claim["fleiss_kappa"],
        );
        let ratings: Vec<Vec<Option<u32>>> = case
            .claim
            .iter()
            .map(|r| r.iter().map(|&v| Some(v)).collect())
            .collect();
        assert_figure(
            &case.name,
            "claim alpha",
            krippendorff_alpha(&ratings, 2, Level::Nominal).ok(),
            &claim["krippendorff_alpha"],
        );
        for pair in claim["cohen_kappa"].as_array().expect("pairs") {
            let (a, b) = (
                pair["a"].as_u64().expect("a") as usize,
                pair["b"].as_u64().expect("b") as usize,
            );
            assert_figure(
                &case.name,
                &format!("cohen {a}/{b}"),
                cohen_kappa(&case.claim[a], &case.claim[b]).ok(),
                &pair["value"],
            );
        }
        let verdict = &case.expected["verdict"];
        assert_figure(
            &case.name,
            "verdict ordinal alpha",
            krippendorff_alpha(&verdict_matrix(&case, &ORDINAL_SCALE), 5, Level::Ordinal).ok(),
            &verdict["alpha_ordinal"],
        );
        assert_figure(
            &case.name,
            "verdict nominal alpha",
            krippendorff_alpha(&verdict_matrix(&case, &RATED), 7, Level::Nominal).ok(),
            &verdict["alpha_nominal"],
        );
    }
}

/// One reviewer's session over a document of `n` one-word sentences: a claim on each
/// sentence they marked, with their verdict (unrated where they gave none).
fn session_for(case: &Case, reviewer: usize) -> Session {
    let n = case.claim[0].len();
    let text: String = (0..n).map(|i| format!("S{i:04}. ")).collect();
    let sentences = (0..n).map(|i| Sentence::from((i * 7, i * 7 + 6))).collect();
    let doc = Document::new(DocId(0), "Generated", "en", None, text, sentences);
    let mut builder = Session::builder(format!("reviewer {reviewer}"), Timestamp::EPOCH);
    for (u, &marked) in case.claim[reviewer].iter().enumerate() {
        if marked == 0 {
            continue;
        }
        let sentence = SentenceId(u as u32);
        let anchor = doc.anchor_sentences(sentence, sentence).expect("anchor");
        let id = ClaimId(((reviewer as u64) << 32) | u as u64 | 1 << 48);
        let mut claim = Claim::new(id, DocId(0), anchor, Timestamp::EPOCH);
        if let Some(v) = case.verdict[reviewer][u] {
            claim.verdict = RATED[v as usize];
        }
        builder.claim(claim);
    }
    builder.document(doc);
    builder.build().expect("valid session")
}

#[test]
fn agreement_from_sessions_equals_the_python_references() {
    for case in cases() {
        let sessions: Vec<Session> = (0..case.claim.len())
            .map(|r| session_for(&case, r))
            .collect();
        let names: Vec<String> = (0..sessions.len()).map(|r| format!("R{r}")).collect();
        let reviewers: Vec<Reviewer> = sessions
            .iter()
            .zip(&names)
            .map(|(session, name)| Reviewer { name, session })
            .collect();
        let result = agreement(&reviewers).expect("agreement");
        let json = serde_json::to_value(&result).expect("json");
        assert_eq!(json["units"], case.claim[0].len());
        assert_eq!(json["reviewers"], serde_json::json!(names));
        for key in ["percent", "fleiss_kappa", "krippendorff_alpha"] {
            assert_figure(
                &case.name,
                key,
                json["claim"][key].as_f64(),
                &case.expected["claim"][key],
            );
        }
        let pairs = json["claim"]["cohen_kappa"].as_array().expect("pairs");
        let reference = case.expected["claim"]["cohen_kappa"]
            .as_array()
            .expect("pairs");
        assert_eq!(pairs.len(), reference.len());
        for (ours, theirs) in pairs.iter().zip(reference) {
            assert_eq!((&ours["a"], &ours["b"]), (&theirs["a"], &theirs["b"]));
            assert_figure(
                &case.name,
                "cohen",
                ours["value"].as_f64(),
                &theirs["value"],
            );
            // An undefined figure says why.
            assert_eq!(ours["value"].is_null(), ours.get("reason").is_some());
        }
        assert_eq!(
            json["verdict"]["units"], case.expected["verdict"]["units"],
            "{}",
            case.name
        );
        for key in ["alpha_ordinal", "alpha_nominal"] {
            assert_figure(
                &case.name,
                key,
                json["verdict"][key].as_f64(),
                &case.expected["verdict"][key],
            );
            if json["verdict"][key].is_null() {
                assert!(json["undefined"][format!("verdict.{key}")].is_string());
            }
        }
        // Nothing is NaN, ever (serde_json would have written null, but say it).
        assert!(!serde_json::to_string(&json).expect("text").contains("NaN"));
    }
}
