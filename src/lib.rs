//! Claimdesk's core: everything a fact-checking review needs except a window.
//!
//! An [`article`] is loaded and normalised, [`segment`] splits it into sentences (with
//! [`lang`] guessing the language), and a [`session`] holds the documents and the claims a
//! reviewer tagged in them. Every change to a session is an [`edit::Edit`]; [`history`]
//! keeps them for undo and redo. [`store`] reads and writes sessions as RON, atomically and
//! deterministically, and [`stats`] summarises them; [`workspace`] ties a session to its
//! file, history and autosave. The CLI (in the binary) and the GUI (`ui`, behind the
//! default `gui` feature) are shells over these modules; nothing outside `ui` imports egui
//! or asks the user anything.
//!
//! ```
//! use claimdesk::edit::{ClaimField, Edit};
//! use claimdesk::session::{Claim, DocId, Document, SentenceId, Session, Verdict};
//! use claimdesk::timestamp::Timestamp;
//!
//! let now = Timestamp::from_unix_secs(1_700_000_000);
//! let mut session = Session::new("Review", now);
//! let text = "Mali has been in a spiral of violence. At least 10,000 people have died.";
//! let doc = Document::segmented(DocId(0), "Mali", "auto", None, text.to_owned());
//! assert_eq!(doc.language, "en");
//! assert_eq!(doc.sentence_text(SentenceId(1)), Some("At least 10,000 people have died."));
//!
//! let anchor = doc.anchor_sentences(SentenceId(1), SentenceId(1)).unwrap();
//! session.apply(Edit::AddDocument(Box::new(doc))).unwrap();
//! let claim = Claim::new(session.next_claim_id(), DocId(0), anchor, now);
//! let id = claim.id;
//! session.apply(Edit::AddClaim(Box::new(claim))).unwrap();
//! let undo = session
//!     .apply(Edit::SetClaimField { id, value: ClaimField::Verdict(Verdict::True), modified: now })
//!     .unwrap();
//! assert_eq!(session.claims[0].verdict, Verdict::True);
//! session.apply(undo).unwrap();
//! assert_eq!(session.claims[0].verdict, Verdict::Unrated);
//!
//! let ron = claimdesk::store::to_ron(&session).unwrap();
//! assert!(ron.contains("At least 10,000 people have died."));
//! ```

pub mod align;
pub mod article;
pub mod edit;
pub mod export;
pub mod history;
pub mod lang;
pub mod offsets;
pub mod segment;
pub mod session;
pub mod stats;
pub mod store;
pub mod timestamp;
#[cfg(feature = "gui")]
pub mod ui;
pub mod workspace;
