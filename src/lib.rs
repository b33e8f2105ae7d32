//! mailcase turns a support mailbox into threaded, structured account-recovery cases.
//!
//! ```text
//!  intake ──► store raw ──► analyze (parallel, pure) ─────────────► apply (one transaction)
//!  files,     dedup by      parse → classify → visible → redact →   thread → fold fields,
//!  Maildir,   Message-ID    extract                                  flags, status → outbox
//!  IMAP       or hash
//! ```
//!
//! Modules, in pipeline order:
//!
//! - [`intake`]: `.eml`/mbox/Maildir files and the watched Maildir (IMAP sessions live in [`net`]).
//! - [`pipeline`]: stores raw bytes first, analyses in parallel, applies each batch in one
//!   transaction; [`pipeline::analyze`] is what `mailcase inspect` shows.
//! - [`parse`] (with [`charset`], [`html`], [`report`]): raw bytes to an owned message; never
//!   fails, problems are data.
//! - [`classify`]: a person's mail vs auto-replies, bounces, list mail, our own mail coming back;
//!   [`auth`] reads trusted `Authentication-Results`.
//! - [`visible`]: quoted history, signatures and our own quoted text apart from the new text.
//! - [`extract`]: the eight fields of `shared/spec/fields.md` with provenance; secrets redacted.
//! - [`thread`]: references, signed outbound Message-IDs, subject normalisation.
//! - [`reply`]: which automated mail a change calls for, templates, the outbound bytes.
//! - [`store`]: all SQL (SQLite through sqlx); [`outbox`]: delivery; [`net`]: TLS, IMAP, SMTP.
//! - [`daemon`]: `mailcase run` live: IMAP intake tasks, the processor, the outbox deliverer,
//!   the scheduler, `/metrics` and `mailcase status`.
//! - [`cli`], [`view`], [`config`], [`clock`], [`telemetry`], [`mod@bench`]: the edges.
//! - [`domain`]: the vocabulary of `shared/spec/fields.md`.

pub mod auth;
pub mod bench;
pub mod charset;
pub mod classify;
pub mod cli;
pub mod clock;
pub mod config;
pub mod daemon;
pub mod domain;
pub mod extract;
pub mod html;
pub mod intake;
pub mod net;
pub mod outbox;
pub mod parse;
pub mod pattern;
pub mod pipeline;
pub mod reply;
pub mod report;
pub mod store;
pub mod telemetry;
pub mod thread;
pub mod view;
pub mod visible;
pub mod web;
