//! The review's vocabulary: verdicts, workflow statuses and source stances, with the words
//! the CLI and JSON use and the labels people see.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

macro_rules! word_enum {
    ($(#[$doc:meta])* $name:ident, $what:literal { $($(#[$vdoc:meta])* $variant:ident = $word:literal, $label:literal;)+ }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            #[default]
            $($(#[$vdoc])* $variant,)+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spelling used on the command line and in JSON output.
            pub fn name(self) -> &'static str {
                match self { $($name::$variant => $word,)+ }
            }

            /// The human-readable label.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }
        }

        impl FromStr for $name {
            type Err = UnknownWord;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                let wanted = text.trim().to_ascii_lowercase().replace(['_', ' '], "-");
                $name::ALL
                    .iter()
                    .copied()
                    .find(|value| value.name() == wanted)
                    .ok_or_else(|| UnknownWord {
                        what: $what,
                        word: text.to_owned(),
                        expected: $name::ALL.iter().map(|v| v.name()).collect::<Vec<_>>().join(", "),
                    })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

/// A word that names no value of an enum, e.g. `--verdict fals`.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("unknown {what} `{word}`; expected one of: {expected}")]
pub struct UnknownWord {
    pub what: &'static str,
    pub word: String,
    pub expected: String,
}

word_enum!(
    /// The rating a reviewer gives a claim; the first five form the 1–5 false…true scale.
    Verdict, "verdict" {
        /// Not rated yet.
        Unrated = "unrated", "Unrated";
        True = "true", "True";
        MostlyTrue = "mostly-true", "Mostly true";
        HalfTrue = "half-true", "Half true";
        MostlyFalse = "mostly-false", "Mostly false";
        False = "false", "False";
        /// Accurate in parts but giving a wrong impression.
        Misleading = "misleading", "Misleading";
        /// Cannot be checked with the evidence available.
        Unverifiable = "unverifiable", "Unverifiable";
    }
);

impl Verdict {
    /// The ClaimReview rating on the 1 (false) … 5 (true) scale; `None` off that scale.
    pub fn rating_value(self) -> Option<u8> {
        match self {
            Verdict::False => Some(1),
            Verdict::MostlyFalse => Some(2),
            Verdict::HalfTrue => Some(3),
            Verdict::MostlyTrue => Some(4),
            Verdict::True => Some(5),
            Verdict::Unrated | Verdict::Misleading | Verdict::Unverifiable => None,
        }
    }
}

word_enum!(
    /// Where a claim is in the review workflow.
    Status, "status" {
        Todo = "todo", "To do";
        InReview = "in-review", "In review";
        Done = "done", "Done";
    }
);

word_enum!(
    /// How a source bears on a claim.
    Stance, "stance" {
        Supports = "supports", "Supports";
        Refutes = "refutes", "Refutes";
        /// Background that neither supports nor refutes.
        Context = "context", "Context";
    }
);
