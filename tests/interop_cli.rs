//! `caseboard import` and `caseboard export --format …` through the built binary: exit
//! codes, the report's text and where it goes, the files written.

use std::path::Path;
use std::process::{Command, Output};

fn caseboard(args: &[&str], state_dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_caseboard"))
        .args(args)
        .env("CASEBOARD_STATE_DIR", state_dir)
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/interop")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn import_writes_a_case_that_checks_and_reports_what_it_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("ts");
    let o = caseboard(
        &[
            "import",
            &fixture("rules-timesketch.csv"),
            "--out",
            out.to_str().unwrap(),
        ],
        tmp.path(),
    );
    let stdout = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{stdout}{}", text(&o.stderr));
    assert!(
        stdout.contains("imported rules-timesketch.csv (Timesketch CSV)"),
        "{stdout}"
    );
    assert!(stdout.contains("skipped 3:"), "{stdout}");
    assert!(stdout.contains("invalid datetime (line 5)"), "{stdout}");
    assert!(stdout.contains("extra field `computer_name`"), "{stdout}");
    assert!(stdout.contains("wrote "), "{stdout}");
    assert!(out.join("case.json").is_file());
    assert!(out.join("sources/timesketch.txt").is_file());
    assert!(out.join("caseboard-state.json").is_file());
    let check = caseboard(&["check", out.to_str().unwrap()], tmp.path());
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    assert!(text(&check.stdout).contains("ok: every quote was found"));

    // A second import into the same folder is refused; the case is untouched.
    let before = std::fs::read(out.join("case.json")).unwrap();
    let again = caseboard(
        &[
            "import",
            &fixture("rules.json"),
            "--out",
            out.to_str().unwrap(),
        ],
        tmp.path(),
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("already exists"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(std::fs::read(out.join("case.json")).unwrap(), before);
}

#[test]
fn import_names_what_it_cannot_read() {
    let tmp = tempfile::tempdir().unwrap();
    let junk = tmp.path().join("junk.txt");
    std::fs::write(&junk, "a,b\n1,2\n").unwrap();
    let out = tmp.path().join("x");
    let o = caseboard(
        &[
            "import",
            junk.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(
        err.contains("cannot tell the format") && err.contains("--format"),
        "{err}"
    );
    assert!(!out.exists());
    // A forced format that does not fit says why.
    let o = caseboard(
        &[
            "import",
            junk.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--format",
            "timesketch-csv",
        ],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("lacks message"),
        "{}",
        text(&o.stderr)
    );
    assert!(!out.exists());
}

#[test]
fn import_reports_never_print_control_characters() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("evil.csv");
    std::fs::write(
        &file,
        "message,datetime,timestamp_desc,\u{1b}]0;owned\u{7}\n\u{1b}[2Jhi,2015-07-24T19:01:01Z,Write time,x\nbad,\u{1b}[31mnot a date,Write time,y\n",
    )
    .unwrap();
    let out = tmp.path().join("c");
    let o = caseboard(
        &[
            "import",
            file.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let all = format!("{}{}", text(&o.stdout), text(&o.stderr));
    assert!(!all.chars().any(|c| c.is_control() && c != '\n'), "{all:?}");
    assert!(all.contains("<U+001B>]0;owned"), "{all}");
}

#[test]
fn export_formats_write_data_to_stdout_and_the_report_to_stderr() {
    let tmp = tempfile::tempdir().unwrap();
    for (format, first) in [
        ("timelinejs", "{"),
        ("timelinejs-csv", "Year,Month,Day,Time"),
        ("timesketch", "{\"message\""),
        (
            "timesketch-csv",
            "message,datetime,timestamp,timestamp_desc",
        ),
        ("ftm", "{\"id\":\"src-"),
    ] {
        let o = caseboard(&["export", "--format", format], tmp.path());
        assert_eq!(o.status.code(), Some(0), "{format}: {}", text(&o.stderr));
        let (data, report) = (text(&o.stdout), text(&o.stderr));
        assert!(
            data.starts_with(first),
            "{format}: {}",
            &data[..80.min(data.len())]
        );
        assert!(
            report.starts_with("exported trump-wikileaks-2016"),
            "{format}: {report}"
        );
        assert!(report.contains("not carried over:"), "{format}: {report}");
    }
    // Markdown stays the default.
    let o = caseboard(&["export", "--all"], tmp.path());
    assert!(text(&o.stdout).starts_with("---\n"));
}

#[test]
fn export_to_a_file_and_import_it_back() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("case.jsonl");
    let o = caseboard(
        &["export", "--format", "ftm", "-o", file.to_str().unwrap()],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(o.stdout.is_empty());
    assert!(text(&o.stderr).contains(&format!("wrote {}", file.display())));
    let out = tmp.path().join("back");
    let o = caseboard(
        &[
            "import",
            file.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("FollowTheMoney"));
    let check = caseboard(&["check", out.to_str().unwrap()], tmp.path());
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    // The bundled case comes back whole: its events and citations, counted from it.
    let bundled = caseboard::case::bundled::load().unwrap().case;
    let citations: usize = bundled.events.iter().map(|e| e.citations.len()).sum();
    let counts = text(&check.stdout);
    assert!(
        counts.contains(&format!(
            "events                  {:>8}",
            bundled.events.len()
        )),
        "{counts}"
    );
    assert!(
        counts.contains(&format!("citations               {citations:>8}")),
        "{counts}"
    );
}
