//! Labelled scenarios replayed through the built binary by `../shared/tools/scenario-check`
//! (the same check CI and reviewers run): the shared development set, and the project's own
//! set in `tests/scenarios/`, written independently of it in the same format.

use crate::support::shared_dir;
use std::path::Path;
use std::process::Command;

fn scenario_check(test: &str, dir: impl FnOnce(&Path) -> std::path::PathBuf) {
    let Some(shared) = shared_dir(test) else {
        return;
    };
    let out = Command::new("python3")
        .arg(shared.join("tools/scenario-check"))
        .arg("--bin")
        .arg(env!("CARGO_BIN_EXE_mailcase"))
        .arg(dir(&shared))
        .output()
        .expect("python3 runs scenario-check");
    let report = String::from_utf8_lossy(&out.stdout);
    println!("{report}");
    assert!(
        report.contains("scenarios:"),
        "scenario-check printed no summary: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "scenario-check failed:\n{report}");
}

#[test]
fn every_development_scenario_passes_scenario_check() {
    scenario_check(
        "every_development_scenario_passes_scenario_check",
        |shared| shared.join("scenarios"),
    );
}

#[test]
fn every_project_scenario_passes_scenario_check() {
    scenario_check("every_project_scenario_passes_scenario_check", |_| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios")
    });
}
