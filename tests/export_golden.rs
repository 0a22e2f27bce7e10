//! The Markdown export against golden files, and its structure checked with pulldown-cmark.
//! Set `UPDATE_GOLDEN=1` to rewrite the golden files after an intended change (and review
//! the diff).

mod common;

use std::path::PathBuf;

use caseboard::export::{self, Selection};
use caseboard::state::State;
use common::{at, small_case};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

fn state() -> State {
    let mut s = State::new();
    s.toggle_bookmark("ev-late", at(0));
    s.toggle_bookmark("ev-early", at(1));
    s.toggle_bookmark("ev-gone", at(2));
    s.set_note(
        "ev-early",
        "Who arranged this?\n# Not a heading\n\n- not a list, *not emphasis*, [^1] not a footnote",
        at(3),
    );
    s.set_note("ev-middle", "Unbookmarked, but noted.", at(4));
    s.set_note("ev-gone", "This event was removed from the case.", at(5));
    s.set_working_notes("Follow the money.\n  1. indented, not a list", at(6));
    s
}

fn check_golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let expected =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(
        actual,
        expected,
        "export differs from {}; UPDATE_GOLDEN=1 rewrites it",
        path.display()
    );
}

fn options() -> Options {
    Options::ENABLE_FOOTNOTES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS | Options::ENABLE_TABLES
}

#[test]
fn golden_all() {
    let md = export::markdown(&small_case(), &state(), Selection::All, at(3600));
    check_golden("export_all.md", &md);
}

/// The bundled case, as a reporter marks it on a first day: footnotes say what the case
/// states of each source (no "not stated"), the byline, the date spelled out; text that
/// is not Markdown is written without backslashes (`$6 million`).
#[test]
fn golden_bundled_first_day() {
    let case = common::bundled_case();
    let mut s = State::new();
    for id in [
        "pence-denies-wikileaks-ties-on-fox-news",
        "trump-campaign-pays-cambridge-analytica-total",
        "wikileaks-dm-tweet-this-link",
    ] {
        assert!(case.event_by_id(id).is_some(), "{id}");
        s.toggle_bookmark(id, at(0));
    }
    s.set_note(
        "pence-denies-wikileaks-ties-on-fox-news",
        "Compare with the Oct. 12 DM: *same day*. Cost: $6 million? # TODO ask the Post",
        at(1),
    );
    let md = export::markdown(&case, &s, Selection::Bookmarked, at(3600));
    check_golden("export_bundled_first_day.md", &md);
    assert!(!md.contains("not stated"), "{md}");
    assert!(md.contains("by Natalie Huet"), "{md}");
    assert!(
        md.contains("published on or after 13 November 2017 (uncertain)"),
        "{md}"
    );
    assert!(md.contains("nearly $6 million"), "{md}");
    assert!(md.contains("Cost: $6 million? # TODO ask the Post"), "{md}");
    assert!(
        md.contains("\\*same day*"),
        "only the opener is escaped: {md}"
    );
}

#[test]
fn golden_bookmarked() {
    let md = export::markdown(&small_case(), &state(), Selection::Bookmarked, at(3600));
    check_golden("export_bookmarked.md", &md);
}

#[test]
fn golden_annotated() {
    let md = export::markdown(&small_case(), &state(), Selection::Annotated, at(3600));
    check_golden("export_annotated.md", &md);
}

#[test]
fn golden_empty_state() {
    let md = export::markdown(
        &small_case(),
        &State::new(),
        Selection::Bookmarked,
        at(3600),
    );
    check_golden("export_empty.md", &md);
}

/// Collects the text of every heading, at its level.
fn headings(md: &str) -> Vec<(u8, String)> {
    let mut out = Vec::new();
    let mut current: Option<(u8, String)> = None;
    for ev in Parser::new_ext(md, options()) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => {
                current = Some((level as u8, String::new()))
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, s)) = current.as_mut() {
                    s.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

#[test]
fn structure_renders_as_intended() {
    let md = export::markdown(&small_case(), &state(), Selection::All, at(3600));
    let h = headings(&md);
    let h: Vec<(u8, &str)> = h.iter().map(|(l, s)| (*l, s.as_str())).collect();
    assert_eq!(
        h,
        [
            (1, "The *small* case: #1 [test]"),
            (2, "Working notes"),
            (2, "Events"),
            (3, "Early event ★"),
            (4, "Note"),
            (4, "Cited passages"),
            (4, "Entities"),
            (3, "Middle event"),
            (4, "Note"),
            (4, "Cited passages"),
            (3, "Late event ★"),
            (4, "Cited passages"),
            (4, "Entities"),
            (2, "Not in the case any more"),
            (3, "ev-gone ★"),
            (4, "Note"),
        ]
    );

    // Front matter is one metadata block; footnote references and definitions match up,
    // numbered by first use in timeline order (Globe first, then the Post).
    let mut refs = Vec::new();
    let mut defs = Vec::new();
    let mut metadata = 0;
    let mut quotes = 0;
    for ev in Parser::new_ext(&md, options()) {
        match ev {
            Event::FootnoteReference(r) => refs.push(r.to_string()),
            Event::Start(Tag::FootnoteDefinition(d)) => defs.push(d.to_string()),
            Event::Start(Tag::MetadataBlock(_)) => metadata += 1,
            Event::Start(Tag::BlockQuote(_)) => quotes += 1,
            _ => {}
        }
    }
    assert_eq!(metadata, 1);
    assert_eq!(refs, ["1", "2", "1", "2"]);
    assert_eq!(defs, ["1", "2"]);
    assert_eq!(quotes, 4);
    assert!(md.contains("[^1]: Globe report — The Globe, published 14 June 2016. <https://example.com/globe?a=1&b=2>"));
    assert!(md.contains(
        "[^2]: Messages \\<published> — The Post, published November 2017 (approximate)."
    ));
}

#[test]
fn front_matter_is_yaml_with_counts() {
    let md = export::markdown(&small_case(), &state(), Selection::Bookmarked, at(3600));
    let front = md
        .strip_prefix("---\n")
        .and_then(|r| r.split_once("\n---\n"))
        .map(|(f, _)| f)
        .unwrap();
    assert_eq!(
        front,
        "title: \"The *small* case: #1 [test]\"\n\
         case: \"small-case\"\n\
         exported: \"2026-11-23T16:00:00Z\"\n\
         selection: bookmarked\n\
         events: 2\n\
         bookmarked: 2\n\
         notes: 1\n\
         sources: 2\n\
         not_in_case: 1"
    );
}

#[test]
fn write_to_a_file_is_atomic_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sub/export.md");
    let case = small_case();
    let mut stdout = Vec::new();
    let written = export::write(
        &case,
        &state(),
        Selection::All,
        at(0),
        Some(&out),
        &mut stdout,
    )
    .unwrap();
    assert_eq!(written.as_deref(), Some(out.as_path()));
    assert!(stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        export::markdown(&case, &state(), Selection::All, at(0))
    );

    let written = export::write(&case, &state(), Selection::All, at(0), None, &mut stdout).unwrap();
    assert_eq!(written, None);
    assert_eq!(
        String::from_utf8(stdout).unwrap(),
        export::markdown(&case, &state(), Selection::All, at(0))
    );
}

#[test]
fn default_export_file_sits_beside_the_state() {
    let case = small_case();
    assert_eq!(
        export::default_file(
            &case,
            std::path::Path::new("/cases/small/caseboard-state.json")
        ),
        std::path::Path::new("/cases/small/small-case-notes.md")
    );
    assert_eq!(
        export::default_file(
            &case,
            std::path::Path::new("/data/trump-wikileaks-2016.state.json")
        ),
        std::path::Path::new("/data/trump-wikileaks-2016-notes.md")
    );
}

#[test]
fn run_reads_the_state_file_without_taking_it() {
    let dir = tempfile::tempdir().unwrap();
    let state_path = dir.path().join("caseboard-state.json");
    let case = small_case();
    // A board has the file open (and locked) while the export runs.
    let mut board = caseboard::state::StateStore::open(&state_path).unwrap();
    board.store.save(&state()).unwrap();
    let mut stdout = Vec::new();
    export::run(
        &case,
        &state_path,
        Selection::All,
        false,
        at(3600),
        None,
        &mut stdout,
    )
    .unwrap();
    assert_eq!(
        String::from_utf8(stdout).unwrap(),
        export::markdown(&case, &state(), Selection::All, at(3600))
    );
    assert!(!board.read_only);

    // No state file yet: an export of nothing marked, not an error.
    let mut stdout = Vec::new();
    export::run(
        &case,
        &dir.path().join("none.json"),
        Selection::Bookmarked,
        false,
        at(0),
        None,
        &mut stdout,
    )
    .unwrap();
    assert!(
        String::from_utf8(stdout)
            .unwrap()
            .contains("No event is bookmarked.")
    );

    // A corrupt state file is an error naming the file, and is left alone.
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{oops").unwrap();
    let err = export::run(
        &case,
        &bad,
        Selection::All,
        false,
        at(0),
        None,
        &mut Vec::new(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("bad.json"), "{err}");
    assert_eq!(std::fs::read_to_string(&bad).unwrap(), "{oops");
}

#[test]
fn run_never_writes_over_the_state_or_case_file() {
    let dir = tempfile::tempdir().unwrap();
    let state_path = dir.path().join("caseboard-state.json");
    std::fs::write(&state_path, state().to_json()).unwrap();
    let case = small_case();
    // The same file by another spelling is still refused.
    let other_spelling = dir.path().join(".").join("caseboard-state.json");
    let err = export::run(
        &case,
        &state_path,
        Selection::All,
        false,
        at(0),
        Some(&other_spelling),
        &mut Vec::new(),
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            export::ExportError::WouldOverwrite {
                what: "state file",
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&state_path).unwrap(),
        state().to_json()
    );
    let case_json = case.path.clone().unwrap();
    let err = export::run(
        &case,
        &state_path,
        Selection::All,
        false,
        at(0),
        Some(&case_json),
        &mut Vec::new(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("case file"), "{err}");
}

#[test]
fn events_gone_from_the_case_follow_the_selection() {
    let case = small_case();
    let mut s = State::new();
    s.set_note("ev-gone", "a note on a removed event", at(0));
    let bookmarked = export::markdown(&case, &s, Selection::Bookmarked, at(0));
    assert!(bookmarked.contains("not_in_case: 0\n"));
    assert!(!bookmarked.contains("Not in the case any more"));
    for sel in [Selection::Annotated, Selection::All] {
        let md = export::markdown(&case, &s, sel, at(0));
        assert!(md.contains("not_in_case: 1\n"), "{md}");
        assert!(md.contains("## Not in the case any more\n\n"));
        assert!(md.contains("### ev-gone\n\n#### Note\n\na note on a removed event\n"));
    }
}
