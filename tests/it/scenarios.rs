//! The labelled scenarios of `../shared/scenarios`, replayed through the built binary by
//! `../shared/tools/scenario-check` (the same check CI and reviewers run).

use crate::support::shared_dir;
use std::process::Command;

#[test]
fn every_development_scenario_passes_scenario_check() {
    let Some(shared) = shared_dir("every_development_scenario_passes_scenario_check") else {
        return;
    };
    let out = Command::new("python3")
        .arg(shared.join("tools/scenario-check"))
        .arg("--bin")
        .arg(env!("CARGO_BIN_EXE_mailcase"))
        .arg(shared.join("scenarios"))
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
fn every_project_scenario_passes_scenario_check() {
    // tests/scenarios: written independently of the development set, in the same format
    let Some(shared) = shared_dir("every_project_scenario_passes_scenario_check") else {
        return;
    };
    let out = Command::new("python3")
        .arg(shared.join("tools/scenario-check"))
        .arg("--bin")
        .arg(env!("CARGO_BIN_EXE_mailcase"))
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scenarios"))
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
