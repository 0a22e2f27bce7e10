//! Where `caseboard export` writes and what it reads: `-o` never names the state file or the
//! case file by any spelling (a symlink, a `..` path, relative against absolute), a state
//! file that cannot be read is an error rather than an empty export, and source URLs become
//! links only when they can be, so a URL never turns into Markdown. A real case folder on
//! disk in each test.

use std::fs;
use std::path::{Component, Path, PathBuf};

use caseboard::case::{Case, load_path};
use caseboard::export::{self, ExportError, Selection};
use caseboard::state::{State, StateError};
use chrono::{DateTime, TimeZone, Utc};
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

fn at(s: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap() + chrono::Duration::seconds(s)
}

const SOURCE_TEXT: &str = "Ann met the people from ACME in June.";

/// Writes a case folder into `dir` with one source per URL (`None`: no URL) and one event
/// citing them all, and loads it.
fn case_with_urls(dir: &Path, urls: &[Option<&str>]) -> Case {
    fs::create_dir_all(dir.join("sources")).unwrap();
    fs::write(dir.join("sources/s.txt"), SOURCE_TEXT).unwrap();
    let sources: Vec<serde_json::Value> = urls
        .iter()
        .enumerate()
        .map(|(i, url)| {
            let mut s = serde_json::json!({
                "id": format!("s{i}"), "title": format!("Source {i}"), "publisher": "Wire",
                "published": "2016-06-14", "file": "sources/s.txt"
            });
            if let Some(u) = url {
                s["url"] = (*u).into();
            }
            s
        })
        .collect();
    let citations: Vec<serde_json::Value> = (0..urls.len())
        .map(|i| serde_json::json!({"source": format!("s{i}"), "quote": "Ann met the people"}))
        .collect();
    let case = serde_json::json!({
        "format": 1, "id": "paths", "title": "Paths", "summary": "",
        "sources": sources,
        "entities": [{"id": "ann", "name": "Ann", "kind": "person"}],
        "events": [{"id": "ev", "date": "2016-06", "title": "Ann meets ACME",
                    "entities": ["ann"], "citations": citations}]
    });
    fs::write(
        dir.join("case.json"),
        serde_json::to_string_pretty(&case).unwrap(),
    )
    .unwrap();
    load_path(dir).unwrap_or_else(|e| panic!("{e}")).case
}

/// A case folder in `dir/case` with its state file saved beside case.json.
fn case_and_state(dir: &Path) -> (Case, PathBuf, String) {
    let case = case_with_urls(&dir.join("case"), &[None]);
    let state_path = dir.join("case/caseboard-state.json");
    let mut state = State::new();
    state.toggle_bookmark("ev", at(0));
    state.set_note("ev", "my note", at(1));
    fs::write(&state_path, state.to_json()).unwrap();
    (case, state_path, state.to_json())
}

/// Runs the export to `out` and expects it refused as writing over `what`.
fn refused(case: &Case, state_path: &Path, out: &Path, what: &str) {
    let mut stdout = Vec::new();
    match export::run(
        case,
        state_path,
        Selection::All,
        false,
        at(0),
        Some(out),
        &mut stdout,
    ) {
        Err(ExportError::WouldOverwrite { what: w, .. }) => {
            assert_eq!(w, what, "{}", out.display())
        }
        other => panic!("-o {} was not refused: {other:?}", out.display()),
    }
    assert!(stdout.is_empty());
}

/// `path` (whose folder exists) spelled relative to the current directory, with `..` if it
/// lies outside.
fn relative_to_cwd(path: &Path) -> PathBuf {
    let cwd = std::env::current_dir().unwrap().canonicalize().unwrap();
    let dir = path.parent().unwrap().canonicalize().unwrap();
    let path = dir.join(path.file_name().unwrap());
    if let Ok(rel) = path.strip_prefix(&cwd) {
        return rel.to_path_buf();
    }
    let mut rel = PathBuf::new();
    for c in cwd.components() {
        if matches!(c, Component::Normal(_)) {
            rel.push("..");
        }
    }
    rel.join(path.strip_prefix("/").unwrap())
}

#[cfg(unix)]
#[test]
fn o_through_a_symlink_to_the_state_or_case_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (case, state_path, saved) = case_and_state(dir.path());
    let link = dir.path().join("notes.md");
    std::os::unix::fs::symlink(&state_path, &link).unwrap();
    refused(&case, &state_path, &link, "state file");
    let case_link = dir.path().join("case.md");
    std::os::unix::fs::symlink(case.path.as_ref().unwrap(), &case_link).unwrap();
    refused(&case, &state_path, &case_link, "case file");
    assert_eq!(fs::read_to_string(&state_path).unwrap(), saved);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn o_through_dot_dot_to_the_state_or_case_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (case, state_path, saved) = case_and_state(dir.path());
    let round_about = dir.path().join("case/sources/../caseboard-state.json");
    refused(&case, &state_path, &round_about, "state file");
    let round_about = dir.path().join("case/sources/../../case/case.json");
    refused(&case, &state_path, &round_about, "case file");
    assert_eq!(fs::read_to_string(&state_path).unwrap(), saved);
}

#[test]
fn o_relative_against_an_absolute_state_file_is_refused() {
    // Under the target directory, so it can be named relative to the current directory
    // (the package root) without changing it (tests share one current directory).
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let (case, state_path, saved) = case_and_state(dir.path());
    assert!(state_path.is_absolute());
    let relative = relative_to_cwd(&state_path);
    assert!(relative.is_relative());
    refused(&case, &state_path, &relative, "state file");
    // And the other way round: the state file relative, `-o` absolute.
    refused(&case, &relative, &state_path, "state file");
    let case_json = relative_to_cwd(case.path.as_ref().unwrap());
    refused(&case, &state_path, &case_json, "case file");
    assert_eq!(fs::read_to_string(&state_path).unwrap(), saved);
}

#[test]
fn o_naming_a_state_file_not_written_yet_is_refused() {
    // Nothing bookmarked yet: an export there would be taken for a corrupt state file.
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let case = case_with_urls(&dir.path().join("case"), &[None]);
    let state_path = dir.path().join("case/caseboard-state.json");
    for spelling in [
        dir.path().join("case/sources/../caseboard-state.json"),
        relative_to_cwd(&state_path),
    ] {
        refused(&case, &state_path, &spelling, "state file");
    }
    #[cfg(unix)]
    {
        let dir_link = dir.path().join("case-link");
        std::os::unix::fs::symlink(dir.path().join("case"), &dir_link).unwrap();
        refused(
            &case,
            &state_path,
            &dir_link.join("caseboard-state.json"),
            "state file",
        );
    }
    assert!(!state_path.exists());
    // A file of that name elsewhere is another file.
    fs::create_dir(dir.path().join("elsewhere")).unwrap();
    let elsewhere = dir.path().join("elsewhere/caseboard-state.json");
    export::run(
        &case,
        &state_path,
        Selection::All,
        false,
        at(0),
        Some(&elsewhere),
        &mut Vec::new(),
    )
    .unwrap();
    assert!(elsewhere.exists());
}

#[test]
fn o_in_a_folder_not_made_yet_is_compared_as_spelled() {
    let dir = tempfile::tempdir().unwrap();
    let case = case_with_urls(&dir.path().join("case"), &[None]);
    // The bundled case's state before its data folder exists.
    let state_path = dir.path().join("data/case.state.json");
    refused(&case, &state_path, &state_path, "state file");
    let out = dir.path().join("data/notes.md");
    export::run(
        &case,
        &state_path,
        Selection::All,
        false,
        at(0),
        Some(&out),
        &mut Vec::new(),
    )
    .unwrap();
    assert!(out.exists());
}

#[test]
fn another_file_beside_them_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (case, state_path, _) = case_and_state(dir.path());
    let out = dir.path().join("case/sources/../notes.md");
    let written = export::run(
        &case,
        &state_path,
        Selection::All,
        false,
        at(0),
        Some(&out),
        &mut Vec::new(),
    )
    .unwrap();
    assert_eq!(written.as_deref(), Some(out.as_path()));
    assert!(
        fs::read_to_string(dir.path().join("case/notes.md"))
            .unwrap()
            .contains("my note")
    );
}

/// Runs the export of `state_path` (which cannot be read) to a file and to stdout, and
/// expects a read error naming it, with nothing written.
fn unreadable_state(case: &Case, state_path: &Path) {
    let err = caseboard::state::read_state(state_path).unwrap_err();
    assert!(
        matches!(&err, StateError::Io { action: "read", path, .. } if path == state_path)
            || matches!(&err, StateError::NotRegular { path, .. } if path == state_path),
        "{err:?}"
    );
    let out = state_path.with_file_name("notes.md");
    let mut stdout = Vec::new();
    for output in [Some(out.as_path()), None] {
        let err = export::run(
            case,
            state_path,
            Selection::All,
            false,
            at(0),
            output,
            &mut stdout,
        )
        .expect_err("an unreadable state file must not export as empty");
        assert!(
            matches!(
                err,
                ExportError::State(
                    StateError::Io { action: "read", .. } | StateError::NotRegular { .. }
                )
            ),
            "{err:?}"
        );
        assert!(
            err.to_string().contains(&state_path.display().to_string()),
            "{err}"
        );
    }
    assert!(stdout.is_empty());
    assert!(!out.exists());
}

#[test]
fn a_state_file_that_is_a_directory_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let (case, state_path, _) = case_and_state(dir.path());
    fs::remove_file(&state_path).unwrap();
    fs::create_dir(&state_path).unwrap();
    unreadable_state(&case, &state_path);
    let err = caseboard::state::read_state(&state_path)
        .unwrap_err()
        .to_string();
    assert!(err.contains("is a directory, not a regular file"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_state_file_in_a_symlink_loop_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let (case, state_path, _) = case_and_state(dir.path());
    fs::remove_file(&state_path).unwrap();
    std::os::unix::fs::symlink(&state_path, &state_path).unwrap();
    unreadable_state(&case, &state_path);
}

#[cfg(unix)]
#[test]
fn a_state_file_without_read_permission_is_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let (case, state_path, _) = case_and_state(dir.path());
    fs::set_permissions(&state_path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&state_path).is_ok() {
        eprintln!("mode 000 is readable here (root?): skipped");
        return;
    }
    unreadable_state(&case, &state_path);
}

/// Each footnote's rendered text, and whether it holds anything but text and autolinks
/// (emphasis, HTML, other links…), by footnote label.
fn footnotes(md: &str) -> Vec<(String, String, Vec<String>)> {
    let opts = Options::ENABLE_FOOTNOTES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut out = Vec::new();
    let mut current: Option<(String, String, Vec<String>)> = None;
    for ev in Parser::new_ext(md, opts) {
        match ev {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                current = Some((label.to_string(), String::new(), Vec::new()));
            }
            Event::End(TagEnd::FootnoteDefinition) => out.extend(current.take()),
            _ => {
                let Some((_, text, odd)) = current.as_mut() else {
                    continue;
                };
                match ev {
                    Event::Text(t) => text.push_str(&t),
                    Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
                    Event::Start(Tag::Link {
                        link_type: LinkType::Autolink,
                        dest_url,
                        ..
                    }) => odd.push(format!("autolink {dest_url}")),
                    Event::End(TagEnd::Link) => {}
                    other => odd.push(format!("{other:?}")),
                }
            }
        }
    }
    out
}

#[test]
fn source_urls_are_autolinks_only_when_they_can_be() {
    let links = [
        "https://example.org/report?a=1&b=2",
        "git+ssh://example.org/x",
        "ab:c",
        "abcdefghijklmnopqrstuvwxyz123456:c", // a scheme of 32 characters
    ];
    let text = [
        r"C:\cases\report.pdf",                // one-letter scheme: a Windows path
        "1http://example.org/",                // starts with a digit
        "ht_tp://example.org/",                // a character schemes do not have
        "https://example.org/a b",             // a space
        "https://example.org/a\tb",            // a tab
        "https://example.org/<b>",             // an angle bracket
        "https://example.org/a>*b* [c](d) <e", // `>` ends an autolink early
        "https://example.org/a\u{7}b",         // a control character
        "abcdefghijklmnopqrstuvwxyz1234567:c", // a scheme of 33 characters
        "example.org/no-scheme",
    ];
    let urls: Vec<Option<&str>> = links.iter().chain(&text).map(|u| Some(*u)).collect();
    let dir = tempfile::tempdir().unwrap();
    let case = case_with_urls(dir.path(), &urls);
    let md = export::markdown(&case, &State::new(), Selection::All, at(0));
    let notes = footnotes(&md);
    assert_eq!(notes.len(), urls.len(), "{md}");
    for (i, url) in links.iter().chain(&text).enumerate() {
        let (label, rendered, odd) = &notes[i];
        assert_eq!(label, &(i + 1).to_string());
        let lead = format!("Source {i} — Wire, published 14 June 2016. ");
        if i < links.len() {
            assert_eq!(rendered, &format!("{lead}{url}"), "{url}");
            assert_eq!(odd, &[format!("autolink {url}")], "{url}");
        } else {
            assert_eq!(rendered, &format!("{lead}{url}"), "{url:?} in\n{md}");
            assert!(odd.is_empty(), "{url:?} rendered as {odd:?}");
        }
    }
}

/// `--with-overview` puts the case's overview (where each claim stands, connections)
/// after its summary, in the Markdown export only; with another format it is refused.
#[test]
fn with_overview_opens_the_markdown_export_and_is_markdown_only() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_caseboard"))
            .args(args)
            .env("CASEBOARD_STATE_DIR", dir.path())
            .output()
            .expect("runs")
    };
    let plain = run(&["export", "--all"]);
    let with = run(&["export", "--all", "--with-overview"]);
    assert_eq!(
        (plain.status.code(), with.status.code()),
        (Some(0), Some(0))
    );
    let (plain, with) = (
        String::from_utf8(plain.stdout).unwrap(),
        String::from_utf8(with.stdout).unwrap(),
    );
    assert!(!plain.contains("## Overview"));
    let overview = with.find("## Overview").expect("an overview");
    assert!(
        overview < with.find("## Events").unwrap(),
        "before the events"
    );
    // Only the overview is added: the rest is the export without it (the time it was
    // made aside).
    let exported = |md: &str| {
        md.lines()
            .filter(|l| !l.starts_with("exported: "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let section_end = with[overview..].find("## Events").unwrap() + overview;
    let without = format!("{}{}", &with[..overview], &with[section_end..]);
    assert_eq!(exported(&without), exported(&plain));
    // Its tables are tables to a Markdown reader.
    let tables = Parser::new_ext(&with, Options::ENABLE_TABLES)
        .filter(|e| matches!(e, Event::Start(Tag::Table(_))))
        .count();
    assert_eq!(tables, 2);
    assert!(with.contains("### Where each claim stands"));
    assert!(with.contains("### Who is connected to whom"));

    let refused = run(&["export", "--format", "ftm", "--with-overview"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(refused.stdout.is_empty());
    let err = String::from_utf8(refused.stderr).unwrap();
    assert!(
        err.contains("--with-overview is for the Markdown export, not ftm"),
        "{err}"
    );
}
