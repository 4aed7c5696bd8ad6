//! Agreement between reviewers who reviewed the same article apart.
//!
//! The unit is the sentence, over the documents every session has (matched by content
//! hash, sentences as the first session segmented them). For **claim detection** each
//! reviewer's label for a sentence is 1 when one of their claims covers it, else 0; for
//! **verdicts** it is the verdict of their rated claim that covers most of the sentence
//! (unrated, or no claim, is missing). The coefficients are in [`metrics`].

pub mod adjudicate;
pub mod metrics;

use std::collections::BTreeMap;

use serde::Serialize;
use thiserror::Error;

use crate::model::{Claim, Document, Session, Verdict};
use metrics::{Level, Undefined, cohen_kappa, fleiss_kappa, krippendorff_alpha, percent_agreement};

/// The verdicts on the ordinal scale, in order (misleading and unverifiable are not on it).
pub const ORDINAL_SCALE: [Verdict; 5] = [
    Verdict::True,
    Verdict::MostlyTrue,
    Verdict::HalfTrue,
    Verdict::MostlyFalse,
    Verdict::False,
];

/// The seven rated verdicts, the categories of the nominal verdict α.
pub const RATED: [Verdict; 7] = [
    Verdict::True,
    Verdict::MostlyTrue,
    Verdict::HalfTrue,
    Verdict::MostlyFalse,
    Verdict::False,
    Verdict::Misleading,
    Verdict::Unverifiable,
];

/// Why agreement cannot be measured at all.
#[derive(Debug, Error)]
pub enum AgreeError {
    #[error("agreement needs two or more reviewers' sessions (got {0})")]
    TooFewReviewers(usize),
    #[error(
        "the sessions share no document (documents are matched by their exact text; \
         is each session a review of the same article?)"
    )]
    NoSharedDocuments,
}

/// One reviewer's session.
#[derive(Clone, Copy, Debug)]
pub struct Reviewer<'a> {
    pub name: &'a str,
    pub session: &'a Session,
}

/// The agreement figures, shaped as `claimdesk agree --json` prints them.
#[derive(Clone, Debug, Serialize)]
pub struct Agreement {
    pub reviewers: Vec<String>,
    /// Sentences compared.
    pub units: usize,
    pub claim: ClaimAgreement,
    pub verdict: VerdictAgreement,
    /// For each figure that is `null`: why.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub undefined: BTreeMap<String, String>,
    /// Per pair of reviewers, for the text report.
    #[serde(skip)]
    pub pairs: Vec<PairTables>,
    /// The shared documents' titles.
    #[serde(skip)]
    pub documents: Vec<String>,
}

/// Agreement on which sentences are claims.
#[derive(Clone, Debug, Serialize)]
pub struct ClaimAgreement {
    pub percent: Option<f64>,
    pub fleiss_kappa: Option<f64>,
    pub krippendorff_alpha: Option<f64>,
    pub cohen_kappa: Vec<PairKappa>,
}

/// Cohen's κ of reviewers `a` and `b` (indices into `reviewers`).
#[derive(Clone, Debug, Serialize)]
pub struct PairKappa {
    pub a: usize,
    pub b: usize,
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Agreement on verdicts, over the sentences some reviewer rated.
#[derive(Clone, Debug, Serialize)]
pub struct VerdictAgreement {
    pub units: usize,
    pub alpha_ordinal: Option<f64>,
    pub alpha_nominal: Option<f64>,
}

/// Confusion matrices of one pair of reviewers.
#[derive(Clone, Debug)]
pub struct PairTables {
    pub a: usize,
    pub b: usize,
    /// `[a's label][b's label]`, 0 = not a claim, 1 = claim.
    pub claim: [[usize; 2]; 2],
    /// `[a's verdict][b's verdict]` over [`RATED`], for sentences both rated.
    pub verdict: [[usize; 7]; 7],
}

/// Each reviewer's labels per unit.
struct Labels {
    /// `[reviewer][unit]`.
    claim: Vec<Vec<u32>>,
    /// `[reviewer][unit]`: the rated verdict, if any.
    verdict: Vec<Vec<Option<Verdict>>>,
    documents: Vec<String>,
}

/// Measures agreement between `reviewers` (two or more).
pub fn agreement(reviewers: &[Reviewer]) -> Result<Agreement, AgreeError> {
    if reviewers.len() < 2 {
        return Err(AgreeError::TooFewReviewers(reviewers.len()));
    }
    let labels = labels(reviewers)?;
    let n_units = labels.claim[0].len();
    let mut undefined = BTreeMap::new();
    let mut value = |name: &str, result: Result<f64, Undefined>| match result {
        Ok(value) => Some(value),
        Err(Undefined(reason)) => {
            undefined.insert(name.to_owned(), reason);
            None
        }
    };

    // Claim detection: a table of counts per unit for Fleiss and the percentage.
    let table: Vec<Vec<u32>> = (0..n_units)
        .map(|u| {
            let claims = labels.claim.iter().filter(|r| r[u] == 1).count() as u32;
            vec![reviewers.len() as u32 - claims, claims]
        })
        .collect();
    let as_ratings = |rows: &[Vec<u32>]| -> Vec<Vec<Option<u32>>> {
        rows.iter()
            .map(|r| r.iter().map(|&v| Some(v)).collect())
            .collect()
    };
    let percent = value("claim.percent", percent_agreement(&table));
    let fleiss = value("claim.fleiss_kappa", fleiss_kappa(&table));
    let alpha = value(
        "claim.krippendorff_alpha",
        krippendorff_alpha(&as_ratings(&labels.claim), 2, Level::Nominal),
    );
    let mut pairs = Vec::new();
    let mut kappas = Vec::new();
    for a in 0..reviewers.len() {
        for b in a + 1..reviewers.len() {
            let (value, reason) = match cohen_kappa(&labels.claim[a], &labels.claim[b]) {
                Ok(value) => (Some(value), None),
                Err(Undefined(reason)) => (None, Some(reason)),
            };
            kappas.push(PairKappa {
                a,
                b,
                value,
                reason,
            });
            pairs.push(pair_tables(&labels, a, b));
        }
    }

    // Verdicts: the sentences some reviewer rated.
    let rated_units: Vec<usize> = (0..n_units)
        .filter(|&u| labels.verdict.iter().any(|r| r[u].is_some()))
        .collect();
    let verdict_ratings = |scale: &[Verdict]| -> Vec<Vec<Option<u32>>> {
        labels
            .verdict
            .iter()
            .map(|r| {
                rated_units
                    .iter()
                    .map(|&u| {
                        r[u].and_then(|v| scale.iter().position(|&s| s == v))
                            .map(|i| i as u32)
                    })
                    .collect()
            })
            .collect()
    };
    let alpha_ordinal = value(
        "verdict.alpha_ordinal",
        krippendorff_alpha(
            &verdict_ratings(&ORDINAL_SCALE),
            ORDINAL_SCALE.len(),
            Level::Ordinal,
        ),
    );
    let alpha_nominal = value(
        "verdict.alpha_nominal",
        krippendorff_alpha(&verdict_ratings(&RATED), RATED.len(), Level::Nominal),
    );

    Ok(Agreement {
        reviewers: reviewers.iter().map(|r| r.name.to_owned()).collect(),
        units: n_units,
        claim: ClaimAgreement {
            percent,
            fleiss_kappa: fleiss,
            krippendorff_alpha: alpha,
            cohen_kappa: kappas,
        },
        verdict: VerdictAgreement {
            units: rated_units.len(),
            alpha_ordinal,
            alpha_nominal,
        },
        undefined,
        pairs,
        documents: labels.documents,
    })
}

fn pair_tables(labels: &Labels, a: usize, b: usize) -> PairTables {
    let mut claim = [[0; 2]; 2];
    let mut verdict = [[0; 7]; 7];
    for u in 0..labels.claim[a].len() {
        claim[labels.claim[a][u] as usize][labels.claim[b][u] as usize] += 1;
        let index = |v: Option<Verdict>| v.and_then(|v| RATED.iter().position(|&r| r == v));
        if let (Some(x), Some(y)) = (index(labels.verdict[a][u]), index(labels.verdict[b][u])) {
            verdict[x][y] += 1;
        }
    }
    PairTables {
        a,
        b,
        claim,
        verdict,
    }
}

/// Every reviewer's labels for every sentence of the shared documents.
fn labels(reviewers: &[Reviewer]) -> Result<Labels, AgreeError> {
    let first = reviewers[0].session;
    let shared: Vec<&Document> = first
        .documents()
        .iter()
        .filter(|doc| {
            reviewers[1..].iter().all(|r| {
                r.session
                    .documents()
                    .iter()
                    .any(|d| d.content_hash() == doc.content_hash())
            })
        })
        .collect();
    if shared.is_empty() {
        return Err(AgreeError::NoSharedDocuments);
    }
    let mut claim = vec![Vec::new(); reviewers.len()];
    let mut verdict = vec![Vec::new(); reviewers.len()];
    for doc in &shared {
        for (r, reviewer) in reviewers.iter().enumerate() {
            let theirs = reviewer
                .session
                .documents()
                .iter()
                .find(|d| d.content_hash() == doc.content_hash())
                .map(|d| d.id);
            let claims: Vec<&Claim> = reviewer
                .session
                .claims()
                .iter()
                .filter(|c| Some(c.doc) == theirs)
                .collect();
            let (covered, rated) = sentence_labels(doc, &claims);
            claim[r].extend(covered);
            verdict[r].extend(rated);
        }
    }
    Ok(Labels {
        claim,
        verdict,
        documents: shared.iter().map(|doc| doc.title.clone()).collect(),
    })
}

/// How well a claim stands for a sentence: more overlap first, then the earlier claim
/// (start, then id).
type ClaimRank = (usize, std::cmp::Reverse<(usize, u64)>);

/// The claims covering one sentence, as far as agreement cares.
#[derive(Clone, Copy, Debug, Default)]
pub struct Coverage<'a> {
    /// The claim overlapping the sentence most, rated or not.
    pub any: Option<&'a Claim>,
    /// The rated claim overlapping it most.
    pub rated: Option<&'a Claim>,
}

/// For each sentence of `doc`, the claims of `claims` (on that document) covering it.
pub fn coverage<'a>(doc: &Document, claims: &[&'a Claim]) -> Vec<Coverage<'a>> {
    let sentences = doc.sentences();
    let mut best_any: Vec<Option<(ClaimRank, &Claim)>> = vec![None; sentences.len()];
    let mut best_rated: Vec<Option<(ClaimRank, &Claim)>> = vec![None; sentences.len()];
    for &claim in claims {
        let range = claim.anchor.range();
        let first = sentences.partition_point(|s| s.end <= range.start);
        for (idx, sentence) in sentences.iter().enumerate().skip(first) {
            if sentence.start >= range.end {
                break;
            }
            let overlap = sentence.end.min(range.end) - sentence.start.max(range.start);
            if overlap == 0 {
                continue;
            }
            let key = (overlap, std::cmp::Reverse((range.start, claim.id.0)));
            let offer = |slot: &mut Option<(ClaimRank, &'a Claim)>| {
                if slot.as_ref().is_none_or(|(have, _)| key > *have) {
                    *slot = Some((key, claim));
                }
            };
            offer(&mut best_any[idx]);
            if claim.verdict != Verdict::Unrated {
                offer(&mut best_rated[idx]);
            }
        }
    }
    best_any
        .into_iter()
        .zip(best_rated)
        .map(|(any, rated)| Coverage {
            any: any.map(|(_, claim)| claim),
            rated: rated.map(|(_, claim)| claim),
        })
        .collect()
}

/// For each sentence of `doc`: 1 when a claim covers it, and the verdict of the rated claim
/// overlapping it most (ties: the earlier claim).
fn sentence_labels(doc: &Document, claims: &[&Claim]) -> (Vec<u32>, Vec<Option<Verdict>>) {
    coverage(doc, claims)
        .into_iter()
        .map(|c| {
            (
                u32::from(c.any.is_some()),
                c.rated.map(|claim| claim.verdict),
            )
        })
        .unzip()
}

/// The agreement as text: the figures, and a confusion matrix per pair of reviewers
/// (reviewers are R1, R2, … there, named once at the top).
pub fn report(agreement: &Agreement) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let figure = |value: Option<f64>, name: &str| match value {
        Some(value) => format!("{value:.4}"),
        None => format!(
            "undefined ({})",
            agreement
                .undefined
                .get(name)
                .map_or("no variation", String::as_str)
        ),
    };
    let short = |idx: usize| format!("R{}", idx + 1);
    let _ = writeln!(out, "{} reviewers:", agreement.reviewers.len());
    for (idx, name) in agreement.reviewers.iter().enumerate() {
        let _ = writeln!(out, "  {} = {name}", short(idx));
    }
    let _ = writeln!(
        out,
        "{} sentences in {} shared document(s): {}",
        agreement.units,
        agreement.documents.len(),
        agreement.documents.join("; ")
    );
    let _ = writeln!(out, "\nClaim detection (is the sentence part of a claim?)");
    let claim = &agreement.claim;
    let percent = match claim.percent {
        Some(p) => format!("{:.2}%", p * 100.0),
        None => figure(None, "claim.percent"),
    };
    let _ = writeln!(out, "  percent agreement     {percent}");
    let _ = writeln!(
        out,
        "  Fleiss' kappa         {}",
        figure(claim.fleiss_kappa, "claim.fleiss_kappa")
    );
    let _ = writeln!(
        out,
        "  Krippendorff's alpha  {}",
        figure(claim.krippendorff_alpha, "claim.krippendorff_alpha")
    );
    for (kappa, tables) in claim.cohen_kappa.iter().zip(&agreement.pairs) {
        let (a, b) = (short(kappa.a), short(kappa.b));
        let value = match (kappa.value, &kappa.reason) {
            (Some(v), _) => format!("{v:.4}"),
            (None, reason) => format!("undefined ({})", reason.as_deref().unwrap_or("")),
        };
        let _ = writeln!(out, "  Cohen's kappa {a} / {b}: {value}");
        let _ = writeln!(
            out,
            "    {:<14}{:>14}{:>14}",
            "",
            format!("{b}: no claim"),
            format!("{b}: claim")
        );
        for (row, name) in ["no claim", "claim"].iter().enumerate() {
            let _ = writeln!(
                out,
                "    {:<14}{:>14}{:>14}",
                format!("{a}: {name}"),
                tables.claim[row][0],
                tables.claim[row][1]
            );
        }
    }
    let verdict = &agreement.verdict;
    let _ = writeln!(
        out,
        "\nVerdicts ({} sentences rated by at least one reviewer; unrated is missing)",
        verdict.units
    );
    let _ = writeln!(
        out,
        "  Krippendorff's alpha, ordinal   {}  (true < mostly true < half true < mostly false < false)",
        figure(verdict.alpha_ordinal, "verdict.alpha_ordinal")
    );
    let _ = writeln!(
        out,
        "  Krippendorff's alpha, nominal   {}  (all seven rated verdicts)",
        figure(verdict.alpha_nominal, "verdict.alpha_nominal")
    );
    for tables in &agreement.pairs {
        let (a, b) = (short(tables.a), short(tables.b));
        let used: Vec<usize> = (0..RATED.len())
            .filter(|&i| (0..RATED.len()).any(|j| tables.verdict[i][j] + tables.verdict[j][i] > 0))
            .collect();
        if used.is_empty() {
            let _ = writeln!(out, "  {a} / {b}: no sentence rated by both");
            continue;
        }
        let _ = writeln!(out, "  {a} (rows) / {b} (columns), sentences both rated:");
        let mut header = format!("    {:<14}", "");
        for &j in &used {
            let _ = write!(header, "{:>14}", RATED[j].label());
        }
        let _ = writeln!(out, "{header}");
        for &i in &used {
            let mut line = format!("    {:<14}", RATED[i].label());
            for &j in &used {
                let _ = write!(line, "{:>14}", tables.verdict[i][j]);
            }
            let _ = writeln!(out, "{line}");
        }
    }
    out
}
