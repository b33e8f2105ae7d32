//! Shared helpers for the integration tests.

#![allow(dead_code)]

use std::path::PathBuf;

/// The `shared/` folder beside the checkout (`../shared`), or `MAILCASE_SHARED` when set.
/// Returns `None` and prints a notice when it is absent, so tests that need it skip cleanly.
pub fn shared_dir(test: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("MAILCASE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if dir.join("corpus/index.json").exists() || dir.join("scenarios").exists() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED {test}: {} is absent (set MAILCASE_SHARED to run it)",
            dir.display()
        );
        None
    }
}
