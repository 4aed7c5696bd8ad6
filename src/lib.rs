//! Claimdesk's core: everything a fact-checking review needs except a window.
//!
//! An [`article`] is loaded and normalised, [`segment`] splits it into sentences (with
//! [`lang`] guessing the language), and a [`session`] holds the documents and the claims a
//! reviewer tagged in them. Every change to a session is an [`edit::Edit`]; [`history`]
//! keeps them for undo and redo. [`store`] reads and writes sessions as RON, atomically and
//! deterministically, and [`stats`] summarises them. The GUI and the CLI are shells over
//! these modules; nothing here imports egui or asks the user anything.

pub mod article;
pub mod edit;
pub mod history;
pub mod lang;
pub mod offsets;
pub mod segment;
pub mod session;
pub mod stats;
pub mod store;
pub mod timestamp;
