//! `caseboard check` on one fixture per error class: exit 1, naming file, line:column,
//! JSON path and what is wrong. Runs the real binary.

use std::process::Command;

fn check(fixture: &str) -> (i32, String, String) {
    let dir = format!("{}/tests/fixtures/{fixture}", env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_caseboard"))
        .args(["check", &dir])
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

/// Asserts exit 1 and that stderr names `case.json:LINE:COL: error: PATH: MESSAGE`.
fn fails_at(fixture: &str, line_col: &str, path: &str, message: &str) -> String {
    let (code, _, err) = check(fixture);
    assert_eq!(code, 1, "{fixture} should fail:\n{err}");
    let want = if path.is_empty() {
        format!("case.json:{line_col}: error: {message}")
    } else {
        format!("case.json:{line_col}: error: {path}: {message}")
    };
    assert!(
        err.contains(&want),
        "{fixture}: expected {want:?} in:\n{err}"
    );
    err
}

#[test]
fn valid_fixture_passes_with_counts() {
    let (code, out, err) = check("valid");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("events                         2"), "{out}");
    assert!(out.contains("citations                      2"), "{out}");
    assert!(err.is_empty(), "no warnings expected: {err}");
}

#[test]
fn malformed_json() {
    let err = fails_at("malformed-json", "38:7", "", "invalid JSON");
    assert!(err.contains("missing comma"), "{err}");
}

#[test]
fn missing_field() {
    fails_at(
        "missing-field",
        "54:5",
        "events[1].title",
        "missing field `title`",
    );
}

#[test]
fn wrong_types_are_all_reported() {
    let err = fails_at(
        "wrong-type",
        "9:16",
        "sources[0].title",
        "expected a string, found a number",
    );
    assert!(
        err.contains(
            "case.json:39:19: error: events[0].entities: expected an array, found a string"
        ),
        "{err}"
    );
    assert!(
        err.contains("2 errors found"),
        "a broken field must not cascade into more errors:\n{err}"
    );
}

#[test]
fn duplicate_id() {
    fails_at(
        "duplicate-id",
        "55:13",
        "events[1].id",
        "duplicate id \"meeting\" (first used by events[0])",
    );
}

#[test]
fn dangling_references_suggest_the_near_id() {
    let err = fails_at(
        "dangling-entity",
        "60:9",
        "events[1].entities[0]",
        "no entity with id \"bobb\"",
    );
    assert!(err.contains("did you mean \"bob\"?"), "{err}");
    fails_at(
        "dangling-source",
        "45:21",
        "events[0].citations[0].source",
        "no source with id \"s2\"",
    );
    let err = fails_at(
        "dangling-link",
        "71:17",
        "events[1].links[0].to",
        "no event with id \"meetin\"",
    );
    assert!(err.contains("did you mean \"meeting\"?"), "{err}");
}

#[test]
fn bad_date() {
    let err = fails_at(
        "bad-date",
        "36:15",
        "events[0].date",
        "bad date \"2017-02-30\": 2017-02 has no day 30",
    );
    assert!(
        err.contains("YYYY-MM-DD"),
        "the hint lists the accepted forms: {err}"
    );
}

#[test]
fn source_file_problems() {
    let err = fails_at(
        "source-missing",
        "12:15",
        "sources[0].file",
        "source file not found",
    );
    assert!(
        err.contains("1 error found"),
        "quotes into a missing source are not reported again:\n{err}"
    );
    let err = fails_at("source-not-utf8", "12:15", "sources[0].file", "source file");
    assert!(
        err.contains("s1.txt is not UTF-8 (invalid byte at line 1, column 37, byte 36)"),
        "{err}"
    );
    let err = fails_at(
        "source-unreadable",
        "12:15",
        "sources[0].file",
        "source file",
    );
    assert!(
        err.contains("dir.txt is a directory, not a regular file"),
        "{err}"
    );
}

#[test]
fn quote_not_found_shows_the_closest_passage() {
    let err = fails_at(
        "quote-not-found",
        "46:20",
        "events[0].citations[0].quote",
        "quote not found in source \"s1\"",
    );
    assert!(
        err.contains(
            "closest passage (line 1): \"Alice Example met Bob Sample in Lisbon on Thursday\""
        ),
        "{err}"
    );
}

#[test]
fn warnings_do_not_fail() {
    let (code, out, err) = check("warnings");
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("case.json:32:5: warning: entities[2]: entity \"carol\" is not in any event"),
        "{err}"
    );
    assert!(
        err.contains("case.json:61:5: warning: events[1]: event \"denial\" cites no source"),
        "{err}"
    );
    assert!(out.contains("warnings                       2"), "{out}");
}

#[test]
fn bundled_case_is_clean() {
    let out = Command::new(env!("CARGO_BIN_EXE_caseboard"))
        .arg("check")
        .output()
        .expect("runs");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.is_empty(),
        "the bundled case must have zero warnings: {stderr}"
    );
    assert!(
        stdout.contains("warnings                       0"),
        "{stdout}"
    );
}

/// Output that cannot be written is said, with exit code 2 (not a silent 2).
#[test]
fn unwritable_output_is_reported() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // Not Linux: there is no always-full device to write to.
    };
    let out = Command::new(env!("CARGO_BIN_EXE_caseboard"))
        .arg("check")
        .stdout(full)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("caseboard: cannot write the output: "),
        "{err}"
    );
}

#[test]
fn missing_case_path_is_a_clear_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_caseboard"))
        .args(["check", "no/such/case"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no/such/case: error: no case file here"),
        "{err}"
    );
}

/// What `check` finds, as `check_path` gives it, against what loading the case for the
/// board finds: the same problems, in the same order, and the same counts.
fn agrees_with_load(dir: &std::path::Path) {
    use caseboard::case::{Checked, check_path, load_path};
    match (check_path(dir), load_path(dir)) {
        (Ok(checked), Ok(loaded)) => assert_eq!(checked, Checked::of_loaded(&loaded)),
        (Err(a), Err(b)) => assert_eq!(a.problems, b.problems),
        (a, b) => panic!(
            "{}: check gives {:?}, load gives {:?}",
            dir.display(),
            a.map(|c| c.warnings),
            b.map(|l| l.warnings)
        ),
    }
}

#[test]
fn check_finds_what_loading_finds() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut seen = 0;
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        agrees_with_load(&entry.unwrap().path());
        seen += 1;
    }
    assert!(seen >= 14, "{seen} fixtures");
    // A generated case, read in blocks as large cases are; its counts are known.
    let dir = tempfile::tempdir().unwrap();
    let spec = caseboard_dev::generator::Spec {
        events: 3000,
        seed: 7,
    };
    let summary = caseboard_dev::generator::write_case(&spec, dir.path()).unwrap();
    agrees_with_load(dir.path());
    let checked = caseboard::case::check_path(dir.path()).unwrap();
    assert_eq!(
        (
            checked.events,
            checked.entities,
            checked.sources,
            checked.citations
        ),
        (
            summary.events,
            summary.entities,
            summary.sources,
            summary.citations
        )
    );
}
