//! End to end in a pseudo-terminal: the finder jumps where its hit points, and bookmarks
//! and a two-line note survive quitting and reopening, then come out in the export.

mod common;

use common::pty::Pty;

#[test]
fn finder_types_a_query_picks_a_hit_and_the_board_jumps() {
    let mut t = Pty::spawn(120, 40, &[]);
    t.wait_for("1 Timeline (50)");

    // An event: typing updates the hits; Enter selects the event.
    t.send("/");
    t.wait_for(" Find ");
    t.send("concede");
    let s =
        t.wait_for("event   2016-11-08   WikiLeaks tells Trump Jr. his father should not concede");
    assert!(s.contains("/ concede"), "{s}");
    t.send("<enter>");
    let s = t.wait_gone(" Find ");
    assert!(
        s.contains("hit 1 of"),
        "the status line counts the hits: {s}"
    );
    assert!(
        s.contains("8 November 2016"),
        "the detail shows the election-day event: {s}"
    );

    // An entity, with a typo: Enter selects it and filters the timeline to its events.
    t.send("/");
    t.wait_for(" Find ");
    t.send("@wikleaks");
    t.wait_for("entity  WikiLeaks");
    t.send("<enter>");
    t.wait_gone(" Find ");
    let s = t.wait_for("1 Timeline › WikiLeaks (28)");
    assert!(s.contains("hit 1 of"), "{s}");
    // The next key clears the message; the status line names the filter.
    t.send("1");
    t.wait_for("filter: events of WikiLeaks");

    // Back restores the unfiltered timeline, as before the jump.
    t.send("<ctrl-o>");
    t.wait_for("1 Timeline (50)");

    // Esc leaves the board as it was, even after previewing hits.
    t.send("/");
    t.wait_for(" Find ");
    t.send("@nix");
    t.wait_for("1 Timeline › Alexander Nix");
    t.send("<esc>");
    t.wait_gone(" Find ");
    t.wait_for("1 Timeline (50)");

    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn bookmark_and_two_line_note_survive_reopening_and_export() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = dir.path().join("state.json");
    let state_arg = state.to_str().expect("utf-8 path");

    let mut t = Pty::spawn(120, 40, &["--state", state_arg]);
    t.wait_for("1 Timeline (50)");
    // Select the election-day message through the finder, then bookmark and annotate it.
    t.send("/");
    t.wait_for(" Find ");
    t.send("concede");
    t.wait_for("event   2016-11-08   WikiLeaks tells Trump Jr. his father should not concede");
    t.send("<enter>");
    t.wait_gone(" Find ");
    t.send("b");
    t.wait_for("bookmarked ★");
    t.send("a");
    t.wait_for("Note · WikiLeaks tells Trump Jr.");
    t.send("First line: *really*?");
    t.send("<enter>");
    t.send("# second line");
    t.wait_for("# second line");
    t.send("<esc>");
    t.wait_for("note saved");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);

    let saved = std::fs::read_to_string(&state).expect("state file written");
    let json: serde_json::Value = serde_json::from_str(&saved).expect("valid JSON");
    let id = "wikileaks-election-day-message";
    assert!(json["bookmarks"][id]["created"].is_string(), "{saved}");
    assert_eq!(
        json["notes"][id]["text"], "First line: *really*?\n# second line",
        "{saved}"
    );

    // Reopen: the marks and the note are there.
    let mut t = Pty::spawn(120, 40, &["--state", state_arg]);
    t.wait_for("1 Timeline (50)");
    t.send("B");
    let s = t.wait_for("1 Timeline › bookmarked (1)");
    assert!(s.contains("★✎"), "timeline marks: {s}");
    assert!(
        s.contains("First line: *really*?") && s.contains("# second line"),
        "note in the detail: {s}"
    );

    // Export: `:export PATH` writes where asked and the status line names the file; the
    // file holds the note, escaped. (`e` writes beside the case: tests/pty_clipboard.rs.)
    let md_path = dir.path().join("state-notes.md");
    t.send(&format!(":export {}<enter>", md_path.display()));
    let s = t.wait_for("(1 marked event)");
    assert!(s.contains("state-notes.md"), "{s}");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    let md = std::fs::read_to_string(&md_path).expect("export written");
    assert!(
        md.contains("WikiLeaks tells Trump Jr. his father should not concede"),
        "{md}"
    );
    assert!(
        md.contains("First line: \\*really*?"),
        "note escaped where it must be: {md}"
    );
    assert!(
        md.contains("\\# second line"),
        "a line starting with # stays text: {md}"
    );
}
