//! A divergence flag: what the aligner found different between aligned sentences (or a
//! sentence without a counterpart), and how a dismissal records it.

use serde::{Deserialize, Serialize};

use crate::model::alignment::DivergenceKind;

/// A difference between aligned sentences, or a sentence with no counterpart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Divergence {
    pub a: Vec<u32>,
    pub b: Vec<u32>,
    pub kind: DivergenceKind,
    pub detail: String,
}

impl Divergence {
    /// How the alignment records this flag once a reviewer dismisses it.
    pub fn key(&self) -> crate::model::alignment::DismissedFlag {
        crate::model::alignment::DismissedFlag(
            self.kind,
            crate::model::alignment::id_range(&self.a),
            crate::model::alignment::id_range(&self.b),
            self.detail.clone(),
        )
    }
}
