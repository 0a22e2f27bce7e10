//! Helpers for the interop tests: import a file into a temporary case and check it, find
//! the shared fixtures, load a written case back.

use std::path::{Path, PathBuf};

use caseboard::case::{Checked, Loaded};
use caseboard::interop::{Format, Report, command};
use chrono::{TimeZone, Utc};
use serde_json::Value;

/// A fixed time, so runs compare.
pub fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap()
}

/// This repository's own interop fixtures.
pub fn own(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/interop")
        .join(name)
}

/// The shared fixtures folder (`../shared/interop` beside the checkout), if present.
/// Tests skip with a printed note when it is absent; CI has it.
pub fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/interop");
    if dir.is_dir() {
        Some(dir)
    } else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have ../shared/interop beside the checkout"
        );
        eprintln!("note: ../shared/interop is absent; skipping the shared fixtures");
        None
    }
}

/// What an import made: the case.json as JSON, the report, `check`'s result, the folder.
pub struct Imported {
    pub case: Value,
    pub report: Report,
    pub checked: Checked,
    pub dir: tempfile::TempDir,
}

impl Imported {
    pub fn events(&self) -> &Vec<Value> {
        self.case["events"].as_array().unwrap()
    }
    pub fn event(&self, title: &str) -> &Value {
        self.events()
            .iter()
            .find(|e| e["title"] == title)
            .unwrap_or_else(|| panic!("no event titled {title:?}"))
    }
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("case")
    }
    pub fn state(&self) -> Option<Value> {
        let p = self.path().join("caseboard-state.json");
        p.exists()
            .then(|| serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap())
    }
    pub fn load(&self) -> Loaded {
        caseboard::case::load_path(&self.path()).unwrap()
    }
}

/// Imports `file` (format recognised from content unless given) into a new temporary
/// case, and checks it: the case must pass `check` with zero errors.
pub fn import(file: &Path, format: Option<Format>) -> Imported {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("case");
    let (json, report) = command::import_file(file, &out, format, now())
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let checked = caseboard::case::check_path(&out).unwrap_or_else(|e| {
        panic!(
            "{} imports to a case that fails check:\n{e}",
            file.display()
        )
    });
    let case = serde_json::from_slice(&std::fs::read(json).unwrap()).unwrap();
    Imported {
        case,
        report,
        checked,
        dir,
    }
}
