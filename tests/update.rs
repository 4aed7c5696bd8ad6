//! Article updates on generated versions of the sample articles: paragraphs deleted,
//! moved and inserted, a claimed sentence reworded, whitespace and quotation marks
//! changed. Measured over every claim of every version:
//! - a claim whose text survives unchanged (once in the old text and once in the new) is
//!   placed exactly on it;
//! - no claim is placed on other text than its own (or, for a reworded one, its new
//!   wording);
//! - a claim whose text was deleted becomes an orphan.

use claimdesk::model::{Claim, ClaimId, DocId, SentenceId, Session};
use claimdesk::timestamp::Timestamp;
use claimdesk::update::{Outcome, update_document};

/// A small deterministic generator (no dependency, the same versions on every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

fn session_on(text: &str, language: &str) -> Session {
    let doc = claimdesk::segment::segmented_document(
        DocId(0),
        "article",
        language,
        None,
        text.to_owned(),
    );
    let mut builder = Session::builder("t", Timestamp::EPOCH);
    for idx in (0..doc.sentences().len()).step_by(3) {
        let sentence = SentenceId(idx as u32);
        if let Some(anchor) = doc.anchor_sentences(sentence, sentence) {
            builder.claim(Claim::new(
                ClaimId(idx as u64 + 1),
                DocId(0),
                anchor,
                Timestamp::EPOCH,
            ));
        }
    }
    builder.document(doc);
    builder.build().expect("valid")
}

/// Text with runs of spaces as one and German low quotation marks as English ones (the
/// tidying the generated versions do).
fn normalized(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('\u{201e}', "“")
}

#[derive(Default, Debug)]
struct Tally {
    surviving: usize,
    surviving_exact: usize,
    deleted: usize,
    deleted_orphaned: usize,
    reworded: usize,
    reworded_placed: usize,
    wrong: Vec<String>,
    /// Surviving claims orphaned anyway (in doubt).
    lost: Vec<String>,
}

fn trial(session: &Session, rng: &mut Lcg, tally: &mut Tally) {
    let old = session.documents()[0].text();
    let mut paragraphs: Vec<String> = old.split("\n\n").map(str::to_owned).collect();
    // A claimed sentence reworded (a number corrected, or a word changed).
    let claims = session.claims();
    let reworded_claim = &claims[rng.next(claims.len())];
    let before = reworded_claim.anchor.quote.exact.clone();
    let after = if before.chars().any(|c| c.is_ascii_digit()) {
        before.replacen(|c: char| c.is_ascii_digit(), "7", 1)
    } else {
        let word = before
            .split_whitespace()
            .filter(|w| w.len() > 4 && w.chars().all(char::is_alphabetic))
            .nth(1)
            .unwrap_or("de")
            .to_owned();
        before.replacen(&word, &format!("{word}e"), 1)
    };
    for paragraph in &mut paragraphs {
        if paragraph.contains(&before) {
            *paragraph = paragraph.replacen(&before, &after, 1);
            break;
        }
    }
    // Paragraphs deleted, moved and inserted.
    let deleted = paragraphs.remove(rng.next(paragraphs.len()));
    let moved = paragraphs.remove(rng.next(paragraphs.len()));
    let to = rng.next(paragraphs.len() + 1);
    paragraphs.insert(to, moved);
    let at = rng.next(paragraphs.len() + 1);
    paragraphs.insert(
        at,
        "Een nieuwe alinea met een correctie. De redactie.".to_owned(),
    );
    let mut new = paragraphs.join("\n\n");
    // Whitespace tidied and quotation marks changed.
    new = new.replace("  ", " ").replace('“', "\u{201e}");

    let update = update_document(session, DocId(0), new.clone(), Timestamp::EPOCH).expect("update");
    for outcome in &update.outcomes {
        let old_text = &outcome.old;
        let occurrences = new.matches(old_text.as_str()).count();
        let was_reworded = *old_text == before && before != after;
        let was_deleted = deleted.contains(old_text.as_str()) && occurrences == 0;
        if was_reworded {
            tally.reworded += 1;
            match (&outcome.outcome, &outcome.new) {
                (Outcome::Orphaned, _) => {}
                (_, Some(text)) if normalized(text) == normalized(&after) => {
                    tally.reworded_placed += 1
                }
                (_, placed) => tally.wrong.push(format!(
                    "reworded {old_text:?} ({after:?}) -> {placed:?} {:?}",
                    outcome.outcome
                )),
            }
        } else if was_deleted {
            tally.deleted += 1;
            if outcome.outcome == Outcome::Orphaned {
                tally.deleted_orphaned += 1;
            } else {
                tally
                    .wrong
                    .push(format!("deleted {old_text:?} -> {:?}", outcome.new));
            }
        } else if occurrences == 1 && old.matches(old_text.as_str()).count() == 1 {
            tally.surviving += 1;
            match &outcome.new {
                Some(text) if text == old_text => tally.surviving_exact += 1,
                Some(text) => tally
                    .wrong
                    .push(format!("surviving {old_text:?} -> {text:?}")),
                None => tally.lost.push(old_text.clone()),
            }
        } else if let Some(text) = &outcome.new
            && normalized(text) != normalized(old_text)
        {
            // Text whose whitespace or quotation marks changed may move to the tidied
            // version of itself, never elsewhere.
            tally
                .wrong
                .push(format!("other {old_text:?} -> {text:?} ({occurrences})"));
        }
    }
    // And the edit applies: a valid session.
    let mut updated = session.clone();
    updated.apply(update.edit).expect("applies");
    assert_eq!(updated.validate(), Ok(()));
}

#[test]
fn generated_versions_place_surviving_claims_exactly_and_orphan_deleted_ones() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut tally = Tally::default();
    let mut rng = Lcg(20_261_122);
    for (file, language) in [
        ("assets/articles/mali-rusland.nl.txt", "nl"),
        ("assets/articles/mali-russia.en.txt", "en"),
    ] {
        let text = std::fs::read_to_string(root.join(file)).expect("article");
        let session = session_on(&text, language);
        for _ in 0..40 {
            trial(&session, &mut rng, &mut tally);
        }
    }
    eprintln!("{tally:?}");
    assert!(tally.surviving > 500, "{tally:?}");
    assert_eq!(
        tally.surviving_exact, tally.surviving,
        "every surviving claim exactly"
    );
    assert!(tally.wrong.is_empty(), "misplaced: {:?}", tally.wrong);
    assert!(tally.deleted > 10, "{tally:?}");
    assert_eq!(
        tally.deleted_orphaned, tally.deleted,
        "every deleted claim orphaned"
    );
    assert!(tally.reworded_placed * 2 >= tally.reworded, "{tally:?}");
}
