//! Two versions of an article side by side (View > Compare versions): paragraphs paired
//! as the diff aligns them, a rewording with its old wording, a moved paragraph as moved,
//! and the words that changed within a pair.

/// One row of a comparison of two versions: paragraphs on each side.
#[derive(Clone, Debug, PartialEq)]
pub enum VersionRow {
    /// A run of `n` unchanged paragraphs, shown by the first one.
    Same { text: String, n: usize },
    /// A paragraph and its new wording, or one removed (`new` empty) or added (`old`
    /// empty).
    Changed { old: String, new: String },
    /// An unchanged paragraph that sits elsewhere in the other version: where it left
    /// (`is_new_place` false) and where it arrived.
    Moved { text: String, is_new_place: bool },
}

/// Old and new paragraphs this similar in their words (0–1, `similar`'s ratio) are one
/// paragraph reworded; less similar ones are one removed and another added.
const MIN_PARAGRAPH_SIMILARITY: f32 = 0.5;

/// The paragraphs of `old` and `new` as the diff aligns them, unchanged runs folded.
/// Within a changed stretch each old paragraph is paired with the new one most like it
/// (in order, and only when alike: a rewording), so that a changed figure shows as that
/// paragraph's change; a paragraph found unchanged elsewhere in the other version is
/// shown as moved, never as the rewording of its neighbour.
pub fn compare_versions(old: &str, new: &str) -> Vec<VersionRow> {
    let diff = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Patience)
        .diff_lines(old, new);
    let old_lines = diff.old_slices();
    let new_lines = diff.new_slices();
    let paragraphs = |lines: &[&str]| -> Vec<String> {
        lines
            .iter()
            .map(|l| l.trim_end())
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    };
    // Paragraphs that left one place and arrived at another, whole.
    let mut removed_all = std::collections::HashMap::<String, usize>::new();
    let mut added_all = std::collections::HashMap::<String, usize>::new();
    for op in diff.ops() {
        if op.tag() != similar::DiffTag::Equal {
            for text in paragraphs(&old_lines[op.old_range()]) {
                *removed_all.entry(text).or_default() += 1;
            }
            for text in paragraphs(&new_lines[op.new_range()]) {
                *added_all.entry(text).or_default() += 1;
            }
        }
    }
    let is_moved = |text: &str| removed_all.contains_key(text) && added_all.contains_key(text);
    let mut out = Vec::new();
    for op in diff.ops() {
        if op.tag() == similar::DiffTag::Equal {
            let text = paragraphs(&old_lines[op.old_range()]);
            if let Some(first) = text.first() {
                out.push(VersionRow::Same {
                    text: first.clone(),
                    n: text.len(),
                });
            }
            continue;
        }
        let olds = paragraphs(&old_lines[op.old_range()]);
        let news = paragraphs(&new_lines[op.new_range()]);
        let mut next_new = 0;
        for old_text in &olds {
            if is_moved(old_text) {
                out.push(VersionRow::Moved {
                    text: old_text.clone(),
                    is_new_place: false,
                });
                continue;
            }
            // The first new paragraph from here on that reads like this one.
            let partner = (next_new..news.len()).find(|&idx| {
                !is_moved(&news[idx])
                    && similar::TextDiff::from_words(old_text.as_str(), news[idx].as_str()).ratio()
                        >= MIN_PARAGRAPH_SIMILARITY
            });
            match partner {
                Some(idx) => {
                    for added in &news[next_new..idx] {
                        out.push(added_row(added, &is_moved));
                    }
                    out.push(VersionRow::Changed {
                        old: old_text.clone(),
                        new: news[idx].clone(),
                    });
                    next_new = idx + 1;
                }
                None => out.push(VersionRow::Changed {
                    old: old_text.clone(),
                    new: String::new(),
                }),
            }
        }
        for added in &news[next_new..] {
            out.push(added_row(added, &is_moved));
        }
    }
    out
}

/// A paragraph only the new version has here: arrived from elsewhere, or added.
fn added_row(text: &str, is_moved: &dyn Fn(&str) -> bool) -> VersionRow {
    if is_moved(text) {
        VersionRow::Moved {
            text: text.to_owned(),
            is_new_place: true,
        }
    } else {
        VersionRow::Changed {
            old: String::new(),
            new: text.to_owned(),
        }
    }
}

/// How a word of a changed stretch fares in the newer version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordChange {
    Same,
    Removed,
    Added,
}

/// The words of `old` and `new` (with their spaces), in order, each marked.
pub fn word_changes<'a>(old: &'a str, new: &'a str) -> Vec<(WordChange, &'a str)> {
    similar::TextDiff::from_words(old, new)
        .iter_all_changes()
        .map(|change| {
            let kind = match change.tag() {
                similar::ChangeTag::Equal => WordChange::Same,
                similar::ChangeTag::Delete => WordChange::Removed,
                similar::ChangeTag::Insert => WordChange::Added,
            };
            (kind, change.value())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compare_versions_pairs_a_reworded_paragraph_and_shows_a_moved_one_as_moved() {
        let old = "Intro paragraph about Mali.\n\nAt least 10.000 people died in the violence.\n\n\
                   The military regime took power in 2020 after two coups.\n\nClosing words.";
        let new = "Intro paragraph about Mali.\n\nAt least 12.000 people died in the violence.\n\n\
                   Closing words.\n\nThe military regime took power in 2020 after two coups.";
        let rows = compare_versions(old, new);
        assert!(
            rows.iter()
                .any(|row| matches!(row, VersionRow::Changed { old, new }
                if old.contains("10.000") && new.contains("12.000"))),
            "{rows:?}"
        );
        let moved: Vec<bool> = rows
            .iter()
            .filter_map(|row| match row {
                VersionRow::Moved { text, is_new_place } if text.contains("regime") => {
                    Some(*is_new_place)
                }
                _ => None,
            })
            .collect();
        assert_eq!(moved, [false, true], "left here, arrived there: {rows:?}");
        assert!(
            !rows
                .iter()
                .any(|row| matches!(row, VersionRow::Changed { old, new }
                if (old.contains("regime") || new.contains("regime")))),
            "the moved paragraph is nobody's rewording: {rows:?}"
        );
    }
}
