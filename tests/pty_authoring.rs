//! End to end, building a case as a new user would, with the real binary: `caseboard
//! new` and `add-source` (twice) in a git repository, then in the board (a pseudo-
//! terminal): a name selected with a mouse drag made an entity, a sentence selected and
//! captured as an event with its suggested date and two entities (one made in the
//! form), a passage of the second source found with the finder and added as a citation,
//! a second event captured from it and linked to the first with the finder, undo and
//! redo, quit. Then `caseboard check` passes and `git diff` of case.json shows only
//! additions.

mod common;

use std::path::Path;
use std::process::Command;

use caseboard::action::{Action, Pane};
use caseboard::app::App;
use caseboard::case::{SourceIx, load_path};
use common::edit::ARTICLES;
use common::pty::Pty;

fn caseboard(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_caseboard"))
        .args(args)
        .output()
        .expect("caseboard runs")
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The mouse report (SGR) for button `b` at the 0-based cell (`col`, `row`); `up`
/// for a release.
fn mouse(b: u8, (col, row): (u16, u16), up: bool) -> Vec<u8> {
    let end = if up { 'm' } else { 'M' };
    format!("\x1b[<{b};{};{}{end}", col + 1, row + 1).into_bytes()
}

/// The screen cells of the first and last characters of `needle` in source `s`, as a
/// board of the same size draws it with the source at its top (a model of the layout,
/// with no editing session: it must not take the case's lock).
fn cells(json: &Path, s: SourceIx, needle: &str) -> ((u16, u16), (u16, u16)) {
    let case = std::sync::Arc::new(load_path(json).expect("loads").case);
    let mut app = App::new(case, caseboard::keymap::Keymap::default());
    app.update(Action::Resize(120, 40), common::now());
    app.update(Action::Focus(Pane::Source), common::now());
    assert_eq!(app.source.source, s);
    let text = app.case.source(s).text.clone();
    let at = text.find(needle).expect("in the source");
    let last = at + needle.char_indices().next_back().unwrap().0;
    let r = app.layout.rect(Pane::Source).unwrap();
    let cell = |b: usize| {
        let line = app.source.line_of(b);
        let l = app.source.lines[line].clone();
        let col = unicode_width::UnicodeWidthStr::width(&text[l.start..b]) as u16;
        (r.x + 1 + col, r.y + 1 + (line - app.source.offset) as u16)
    };
    (cell(at), cell(last))
}

fn drag(t: &mut Pty, (from, to): ((u16, u16), (u16, u16))) {
    t.send_raw(&mouse(0, from, false));
    t.send_raw(&mouse(32, to, false));
    t.send_raw(&mouse(0, to, true));
}

#[test]
fn new_case_add_sources_capture_cite_link_undo_redo_then_check_and_diff() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("ferry");
    let case_s = case.to_str().unwrap();
    assert!(
        caseboard(&["new", case_s, "--title", "Ferry"])
            .status
            .success()
    );
    let articles = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/authoring/articles");
    for (file, title, publisher, published) in ARTICLES {
        let path = articles.join(file);
        let out = caseboard(&[
            "add-source",
            case_s,
            path.to_str().unwrap(),
            "--title",
            title,
            "--publisher",
            publisher,
            "--published",
            published,
        ]);
        assert!(out.status.success(), "{out:?}");
    }
    git(&case, &["init", "-q"]);
    git(&case, &["add", "."]);
    git(&case, &["commit", "-q", "-m", "sources"]);
    let json = case.join("case.json");

    let mut t = Pty::spawn(120, 40, &[case_s]);
    t.wait_for("1 Timeline (0)");
    // The editing session arrives after the case: the status line offers edits then.
    t.send("3");
    t.wait_for("E edit");

    // A name dragged over with the mouse becomes an entity.
    drag(&mut t, cells(&json, SourceIx(0), "Jane Doe"));
    t.wait_for("c capture");
    t.send("M");
    t.wait_for("New entity");
    assert!(t.screen().contains("name: Jane Doe"), "{}", t.screen());
    t.send("<enter>");
    t.wait_for("added entity \"jane-doe\"");

    // A sentence captured as an event: the date is suggested from "On Monday".
    let monday = "On Monday, the city council of Port Ellis voted 5 to 2 to close the old ferry terminal on Quay Street.";
    drag(&mut t, cells(&json, SourceIx(0), monday));
    t.wait_for("c capture");
    t.send("c");
    let s = t.wait_for("Capture an event");
    assert!(s.contains("date: 2021-03-08  = 8 March 2021"), "{s}");
    assert!(s.contains("says \"Monday\""), "{s}");
    t.send_raw(b"Council votes to close the ferry terminal");
    t.send("<tab><ctrl-g><tab>");
    t.wait_for("type a name to find it");
    // An entity of the case, found by a fuzzy name.
    t.send_raw(b"jne");
    t.wait_for("Jane Doe (person)");
    t.send("<enter>");
    t.wait_for("[Jane Doe]");
    t.send_raw(b"Acme Engineering");
    t.send("<enter>");
    t.wait_for("New entity");
    t.send_raw(b"org");
    t.wait_for("= organization");
    t.send("<enter>");
    t.wait_for("[Jane Doe] [Acme Engineering]");
    t.send("<ctrl-s>");
    t.wait_for("added event \"council-votes-to-close-the-ferry-terminal\"");

    // A passage of the second source, found with the finder, cited for the vote.
    t.send("/");
    t.wait_for("Find");
    t.send_raw(b"\"full Acme Engineering report");
    // The hits of the whole query, not of a part of it typed so far.
    t.wait_until("the hits of the whole query", |s| {
        s.contains("/ \"full Acme Engineering report")
            && !s.contains("searching")
            && s.contains("passage [harbour-authority-publishes-ferry-report]")
    });
    t.send("<enter>");
    // The source pane is titled by the source's title.
    t.wait_for("3 Harbour Authority publishes ferry r");
    t.send("C");
    t.wait_for("cited the passage for \"council-votes-to-close-the-ferry-terminal\"");

    // The same passage captured as a second event (v selects the passage the finder
    // showed, whole). "On Friday", read against the article's date, comes first; "a
    // week after" the vote (the event selected) next.
    t.send("v");
    t.wait_for("c capture");
    t.send("c");
    let s = t.wait_for("Capture an event");
    assert!(s.contains("date: 2021-03-12  = 12 March 2021"), "{s}");
    t.send("<ctrl-n>");
    t.wait_for("▸ 2021-03-15");
    t.send("<ctrl-p>");
    t.wait_for("▸ 2021-03-12");
    t.send("<ctrl-t>");
    t.send_raw(b"Harbour Authority publishes the report");
    t.send("<ctrl-s>");
    t.wait_for("added event \"harbour-authority-publishes-the-report\"");

    // Linked to the vote, picked with the finder.
    t.send("m");
    t.wait_for("Link to which event?");
    t.send_raw(b"council votes");
    t.wait_until("the hits of the whole query", |s| {
        s.contains("/ council votes")
            && !s.contains("searching")
            && s.contains("event   2021-03-08   Council votes to close the ferry terminal")
    });
    t.send("<enter>");
    t.wait_for("Link two events");
    t.send("<enter>");
    t.wait_for("changed event \"harbour-authority-publishes-the-report\"");
    t.wait_for("→ follows: Council votes");

    // Undo and redo, each said on screen.
    t.send("u");
    t.wait_for("undone: change event \"harbour-authority-publishes-the-report\"");
    t.wait_gone("→ follows: Council votes");
    t.send("<ctrl-r>");
    t.wait_for("redone: change event \"harbour-authority-publishes-the-report\"");
    t.wait_for("→ follows: Council votes");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);

    // The case checks clean, and holds what was built.
    let out = caseboard(&["check", case_s]);
    assert!(out.status.success(), "{out:?}");
    let built = load_path(&json).unwrap().case;
    assert_eq!(built.events.len(), 2);
    assert_eq!(built.entities.len(), 2);
    let vote = built.event(
        built
            .event_by_id("council-votes-to-close-the-ferry-terminal")
            .unwrap(),
    );
    assert_eq!(vote.citations.len(), 2);
    assert_eq!(built.passage(&vote.citations[0]), monday);
    assert_eq!(vote.date.to_string(), "2021-03-08");
    let report = built.event(
        built
            .event_by_id("harbour-authority-publishes-the-report")
            .unwrap(),
    );
    assert_eq!(report.links.len(), 1);
    assert_eq!(report.date.to_string(), "2021-03-12");

    // git diff: only additions, apart from the empty lists that now hold records.
    let diff = git(&case, &["diff", "--", "case.json"]);
    let removed: Vec<&str> = diff
        .lines()
        .filter(|l| l.starts_with('-') && !l.starts_with("---"))
        .collect();
    assert_eq!(
        removed,
        ["-  \"entities\": [],", "-  \"events\": []"],
        "{diff}"
    );
    let added = diff
        .lines()
        .filter(|l| l.starts_with('+') && !l.starts_with("+++"))
        .count();
    assert!(added > 40, "{diff}");
    // And no other file of the case changed (the reader's state file is new beside it).
    let status = git(&case, &["status", "--porcelain", "--untracked-files=no"]);
    assert_eq!(status.trim(), "M case.json", "{status}");
}
