//! Where mail comes from. Every source hands the pipeline [`crate::pipeline::Incoming`]
//! messages; the pipeline does not know whether they came from a file, a Maildir or IMAP.
//!
//! - [`files`]: `.eml` files, mbox files and Maildir folders given on the command line
//!   (`mailcase ingest`), streamed in batches so a large mbox never sits in memory whole.
//! - [`maildir`]: the local Maildir `mailcase run` watches (the zero-setup default).
//! - [`imap`]: the live IMAP mailboxes (`intake.source = "imap"`), with the UID cursor kept in
//!   the database.

pub mod files;
pub mod imap;
pub mod maildir;
