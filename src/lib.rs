//! Claimdesk's core: everything a fact-checking review needs except a window.
//!
//! [`model`] holds the review's data and guards its invariants: a [`model::Session`] of
//! documents, claims and alignments changes only through [`model::Edit`]s, which
//! [`model::Session::apply`] checks and inverts; [`intent`] is the only builder of the
//! edits the window and the command line make, and [`history`] keeps them for undo and redo. An [`article`] is
//! loaded and normalised, [`segment`] splits it into sentences (with [`lang`] guessing the
//! language), and [`align`] pairs the sentences of an original and its translation.
//! [`store`] reads and writes sessions as RON, atomically and deterministically (and
//! migrates older format versions); [`export`] writes and reads other tools' formats;
//! [`agree`] measures how far reviewers agree; [`merge`] puts two reviewers' copies of a session together (three-way, conflicts
//! recorded in the session); [`stats`] summarises; [`workspace`] ties a session to its file, history and autosave.
//! The CLI (in the binary) and the GUI (`ui`, behind the default `gui` feature) are
//! shells over these modules; nothing outside `ui` imports egui or asks the user anything.
//!
//! ```
//! use claimdesk::intent::{self, ClaimField};
//! use claimdesk::model::{DocId, Document, SentenceId, Session, Verdict};
//! use claimdesk::timestamp::Timestamp;
//!
//! let now = Timestamp::from_unix_secs(1_700_000_000);
//! let text = "Mali has been in a spiral of violence. At least 10,000 people have died.";
//! let doc = claimdesk::segment::segmented_document(DocId(0), "Mali", "auto", None, text.to_owned());
//! assert_eq!(doc.language, "en");
//! assert_eq!(doc.sentence_text(SentenceId(1)), Some("At least 10,000 people have died."));
//! let mut builder = Session::builder("Review", now);
//! builder.document(doc);
//! let mut session = builder.build().unwrap();
//!
//! let claim = intent::new_claim_on_sentences(&session, DocId(0), SentenceId(1), SentenceId(1), now)
//!     .unwrap();
//! let id = claim.id;
//! session.apply(intent::add_claim_edit(&session, claim)).unwrap();
//! let rate = intent::set_claim_field_edit(&session, id, ClaimField::Verdict(Verdict::True), now);
//! let undo = session.apply(rate).unwrap();
//! assert_eq!(session.claim(id).unwrap().verdict, Verdict::True);
//! session.apply(undo).unwrap();
//! assert_eq!(session.claim(id).unwrap().verdict, Verdict::Unrated);
//!
//! let ron = claimdesk::store::to_ron(&session).unwrap();
//! assert!(ron.contains("At least 10,000 people have died."));
//! ```

pub mod agree;
pub mod align;
pub mod article;
pub mod export;
pub mod fetch;
pub mod history;
pub mod html;
pub mod intent;
pub mod lang;
pub mod links;
pub mod merge;
pub mod model;
pub mod offsets;
pub mod segment;
pub mod stats;
pub mod store;
pub mod timestamp;
#[cfg(feature = "gui")]
pub mod ui;
pub mod update;
pub mod word_bounds;
pub mod workspace;
