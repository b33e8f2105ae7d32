//! Labelled scenarios replayed through the built binary by `../shared/tools/scenario-check`
//! (the same check CI and reviewers run): the shared development set, and the project's own
//! set in `tests/scenarios/`, written independently of it in the same format.

use crate::support::shared_dir;
use std::path::Path;
use std::process::Command;

fn scenario_check(test: &str, dirs: impl FnOnce(&Path) -> Vec<std::path::PathBuf>) {
    let Some(shared) = shared_dir(test) else {
        return;
    };
    let out = Command::new("python3")
        .arg(shared.join("tools/scenario-check"))
        .arg("--bin")
        .arg(env!("CARGO_BIN_EXE_mailcase"))
        .args(dirs(&shared))
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
        |shared| vec![shared.join("scenarios")],
    );
}

/// The project's scenarios, every `SHARDS`-th one from `shard` on: the shards are separate
/// tests, so the test harness runs them on both cores at once (one run of all ~900 scenarios
/// takes about 14 minutes on one core).
fn project_shard(shard: usize) -> Vec<std::path::PathBuf> {
    const SHARDS: usize = 2;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let mut all: Vec<std::path::PathBuf> = std::fs::read_dir(&root)
        .expect("tests/scenarios is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("expected.json").exists())
        .collect();
    all.sort();
    assert!(!all.is_empty(), "no scenarios in {}", root.display());
    all.into_iter().skip(shard).step_by(SHARDS).collect()
}

#[test]
fn every_project_scenario_passes_scenario_check_first_half() {
    scenario_check(
        "every_project_scenario_passes_scenario_check_first_half",
        |_| project_shard(0),
    );
}

#[test]
fn every_project_scenario_passes_scenario_check_second_half() {
    scenario_check(
        "every_project_scenario_passes_scenario_check_second_half",
        |_| project_shard(1),
    );
}
