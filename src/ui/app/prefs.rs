//! Preferences (kept in eframe's storage, never in a session) and start-up options.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// Light, dark, or follow the system.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

/// User preferences, kept in eframe's storage (never in a session).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    pub theme: ThemeChoice,
    /// Article text size in points.
    pub text_size: f32,
    /// How often unsaved work is written to the autosave sidecar.
    pub autosave_secs: u64,
    /// Most recent first.
    pub recent_files: Vec<PathBuf>,
    /// Whether the claims panel (left) is shown.
    pub show_claims_panel: bool,
    /// Whether the inspector (right) is shown.
    pub show_inspector: bool,
    /// The sentences visited per document, by the document's content hash (so reopening
    /// a review, or another review of the same article, keeps the progress), as runs of
    /// sentence indices. The most recently used documents are kept.
    pub visited: BTreeMap<String, VisitedSentences>,
}

/// Visited sentences of one document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VisitedSentences {
    /// `(first, last)` runs, inclusive, ascending.
    pub runs: Vec<(u32, u32)>,
    /// When last used (seconds since 1970), to forget the oldest first.
    pub used: i64,
}

/// How many documents' progress is remembered.
const MAX_REMEMBERED_DOCUMENTS: usize = 500;

impl VisitedSentences {
    /// The runs of a set of sentence indices.
    pub fn from_set(set: &BTreeSet<crate::model::SentenceId>, used: i64) -> Self {
        let mut runs: Vec<(u32, u32)> = Vec::new();
        for id in set {
            match runs.last_mut() {
                Some((_, last)) if *last + 1 == id.0 => *last = id.0,
                _ => runs.push((id.0, id.0)),
            }
        }
        VisitedSentences { runs, used }
    }

    /// The sentence indices, for a document of `n_sentences`.
    pub fn to_set(&self, n_sentences: usize) -> BTreeSet<crate::model::SentenceId> {
        self.runs
            .iter()
            .flat_map(|&(first, last)| first..=last)
            .filter(|&idx| (idx as usize) < n_sentences)
            .map(crate::model::SentenceId)
            .collect()
    }
}

impl Preferences {
    /// Records the visited sentences of the session's documents.
    pub fn remember_visited(
        &mut self,
        session: &crate::model::Session,
        visited: &HashMap<crate::model::DocId, BTreeSet<crate::model::SentenceId>>,
        now: i64,
    ) {
        for doc in session.documents() {
            if let Some(set) = visited.get(&doc.id).filter(|set| !set.is_empty()) {
                self.visited.insert(
                    doc.content_hash().to_owned(),
                    VisitedSentences::from_set(set, now),
                );
            }
        }
        while self.visited.len() > MAX_REMEMBERED_DOCUMENTS {
            let oldest = self
                .visited
                .iter()
                .min_by_key(|(_, visited)| visited.used)
                .map(|(hash, _)| hash.clone());
            match oldest {
                Some(hash) => self.visited.remove(&hash),
                None => break,
            };
        }
    }

    /// The remembered visited sentences of the session's documents.
    pub fn visited_in(
        &self,
        session: &crate::model::Session,
    ) -> HashMap<crate::model::DocId, BTreeSet<crate::model::SentenceId>> {
        session
            .documents()
            .iter()
            .filter_map(|doc| {
                let remembered = self.visited.get(doc.content_hash())?;
                Some((doc.id, remembered.to_set(doc.sentences().len())))
            })
            .collect()
    }
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            theme: ThemeChoice::System,
            text_size: 17.0,
            autosave_secs: 30,
            recent_files: Vec::new(),
            show_claims_panel: true,
            show_inspector: true,
            visited: BTreeMap::new(),
        }
    }
}

/// How the app is set up; tests turn off what needs a desktop.
#[derive(Clone, Debug)]
pub struct AppOptions {
    /// Use native file dialogs (else always the in-app path prompt).
    pub use_native_dialogs: bool,
    /// Where a never-saved session autosaves; `None` disables that.
    pub untitled_autosave_dir: Option<PathBuf>,
}
