//! mailcase turns a support mailbox into threaded, structured account-recovery cases.
//!
//! The pipeline, one module per step (see README for the picture):
//!
//! - [`parse`] reads raw bytes into an owned [`parse::ParsedMessage`] with mail-parser; it never
//!   fails, problems are data. [`html`] converts HTML bodies to text, [`report`] reads DSNs,
//!   read receipts and abuse reports.
//! - [`classify`] tells a person's mail from auto-replies, bounces and list mail.
//! - [`visible`] strips quoted history and signatures.
//! - [`domain`] holds the vocabulary of `shared/spec/fields.md`.

pub mod classify;
pub mod domain;
pub mod html;
pub mod net;
pub mod parse;
pub mod report;
pub mod visible;
pub mod clock;
pub mod config;
pub mod extract;
pub mod store;
pub mod thread;
pub mod reply;
