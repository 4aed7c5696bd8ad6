//! Conflicts a merge could not decide: both reviewers changed the same thing differently,
//! or one removed a claim the other changed.
//!
//! A conflict is part of the session (saved in its file) until a reviewer resolves it, so
//! a merged session is always valid and opens anywhere: the session holds one side's value
//! (see each variant), and the conflict keeps the base and the other side's, so nothing
//! either reviewer did is lost. Resolving is an ordinary edit
//! ([`crate::intent::resolve_conflict`]), so undo brings the conflict back.

use serde::{Deserialize, Serialize};

use super::alignment::StoredAlignment;
use super::claim::ClaimField;
use super::document::DocumentVersion;
use super::ids::{ClaimId, DocId};

/// Which side of a merge a value came from. "Ours" is the session being merged into (git's
/// current branch), "theirs" the one merged in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum MergeSide {
    Ours,
    Theirs,
}

impl MergeSide {
    pub fn label(self) -> &'static str {
        match self {
            MergeSide::Ours => "ours",
            MergeSide::Theirs => "theirs",
        }
    }
}

/// A session detail that can conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum DetailField {
    Title,
    Organisation,
    OrganisationUrl,
    ReviewUrl,
}

impl DetailField {
    pub fn label(self) -> &'static str {
        match self {
            DetailField::Title => "session title",
            DetailField::Organisation => "organisation",
            DetailField::OrganisationUrl => "organisation URL",
            DetailField::ReviewUrl => "review URL",
        }
    }
}

/// One undecided difference between two reviewers' copies.
// A session holds few conflicts, and boxing the claim values would only add noise.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Conflict {
    /// A field of a claim. `None` on a side means that side has no such claim: it removed
    /// it (or, for `base`, both sides added it apart). The session holds `ours` when it is
    /// `Some`, otherwise `theirs`: a claim removed on one side and changed on the other is
    /// kept, as changed, until a reviewer decides.
    Claim {
        claim: ClaimId,
        base: Option<ClaimField>,
        ours: Option<ClaimField>,
        theirs: Option<ClaimField>,
    },
    /// Which document `doc` translates. The session holds `ours`.
    Translation {
        doc: DocId,
        base: Option<DocId>,
        ours: Option<DocId>,
        theirs: Option<DocId>,
    },
    /// The alignment of `a` and `b`, changed on both sides. The session holds ours (or
    /// none); `theirs` is the other one (`None`: they removed it).
    Alignment {
        a: DocId,
        b: DocId,
        theirs: Option<StoredAlignment>,
    },
    /// The text of document `doc`: both sides updated it to different versions. The
    /// session holds ours (with their claims carried onto it, or orphaned); `theirs` is
    /// their version of the text, which resolving to theirs makes the current one (an
    /// update, with every claim placed by the update's rules).
    Document { doc: DocId, theirs: DocumentVersion },
    /// A session detail; an empty text stands for "not set". The session holds `ours`.
    Detail {
        field: DetailField,
        base: String,
        ours: String,
        theirs: String,
    },
}

impl Conflict {
    /// Whether the conflict is about where a claim is (its span), which an orphan has
    /// no say in until it is attached again.
    pub fn is_about_span(&self) -> bool {
        let is_span = |value: &Option<ClaimField>| {
            matches!(value, Some(ClaimField::Anchor(_) | ClaimField::Span(..)))
        };
        matches!(self, Conflict::Claim { base, ours, theirs, .. }
            if is_span(base) || is_span(ours) || is_span(theirs))
    }

    /// The claim the conflict is about, if any.
    pub fn claim(&self) -> Option<ClaimId> {
        match self {
            Conflict::Claim { claim, .. } => Some(*claim),
            _ => None,
        }
    }

    /// What the conflict is about, for lists: "verdict of claim", "translation mark".
    pub fn subject(&self) -> String {
        match self {
            Conflict::Claim { ours, theirs, .. } => {
                let field = ours
                    .as_ref()
                    .or(theirs.as_ref())
                    .map_or("claim", |f| f.name());
                field.to_owned()
            }
            Conflict::Translation { doc, .. } => format!("translation mark of document {doc}"),
            Conflict::Alignment { a, b, .. } => format!("alignment of documents {a} and {b}"),
            Conflict::Document { doc, .. } => format!("text of document {doc}"),
            Conflict::Detail { field, .. } => field.label().to_owned(),
        }
    }

    /// The side whose value the session holds now.
    pub fn held(&self) -> MergeSide {
        match self {
            Conflict::Claim { ours: None, .. } => MergeSide::Theirs,
            _ => MergeSide::Ours,
        }
    }

    /// A key that orders conflicts the same way on every machine.
    pub(crate) fn sort_key(&self) -> (u8, u64, u64, String) {
        match self {
            Conflict::Claim {
                claim,
                ours,
                theirs,
                ..
            } => {
                let field = ours.as_ref().or(theirs.as_ref()).map_or("", |f| f.name());
                (0, claim.0, 0, field.to_owned())
            }
            Conflict::Translation { doc, .. } => (1, u64::from(doc.0), 0, String::new()),
            Conflict::Alignment { a, b, .. } => (2, u64::from(a.0), u64::from(b.0), String::new()),
            Conflict::Detail { field, .. } => (3, *field as u64, 0, String::new()),
            Conflict::Document { doc, .. } => (4, u64::from(doc.0), 0, String::new()),
        }
    }
}

/// A value as a short text for summaries and the conflict panel.
pub fn describe_field(value: Option<&ClaimField>) -> String {
    let Some(value) = value else {
        return "(claim removed)".to_owned();
    };
    shorten(&value.summary(), 80)
}

/// `text` cut to at most `max` characters, with an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    let one_line = text.replace('\n', " ⏎ ");
    match one_line.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &one_line[..cut]),
        None => one_line,
    }
}
