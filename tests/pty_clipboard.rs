//! End to end, the real binary in a pseudo-terminal: `y` writes the OSC 52 sequence
//! that puts the selected passage (with its citation) on the clipboard, and says so;
//! `e` writes the export beside the case (the current directory for the bundled case)
//! and names the full path.

mod common;

use caseboard::action::{Action, Pane};
use caseboard::app::Effect;
use common::pty::Pty;
use common::{board, now, send};

#[test]
fn y_writes_the_passage_and_its_citation_as_osc_52() {
    // What the board should copy: the passage shown when the Source pane is focused.
    let mut m = board(120, 40);
    send(&mut m, [Action::Focus(Pane::Source)]);
    let Some(Effect::Copy { text, .. }) = m.update(Action::Copy, now()) else {
        panic!("the model copies");
    };
    let want = caseboard::handoff::osc52(&text);
    assert!(want.starts_with("\x1b]52;c;") && want.ends_with('\x07'));

    let mut t = Pty::spawn(120, 40, &[]);
    t.wait_for("1 Timeline (50)");
    t.send("3y");
    t.wait_for("copied the passage from");
    let raw = t.raw_output();
    let raw = String::from_utf8_lossy(&raw);
    assert!(
        raw.contains(&want),
        "the OSC 52 sequence with the passage's base64 was written"
    );
    // Exactly one clipboard write, for one y.
    assert_eq!(raw.matches("\x1b]52;").count(), 1);
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn e_exports_beside_the_case_and_names_the_full_path() {
    let mut home = None;
    let mut t = Pty::spawn_with(120, 40, &[], |config| {
        home = Some(config.parent().unwrap().to_path_buf());
    });
    let home = home.unwrap();
    t.wait_for("1 Timeline (50)");
    t.send("be");
    let want = home.join("trump-wikileaks-2016-notes.md");
    let s = t.wait_for("(1 marked event)");
    // The full path is on the status line (cut at its width, so compare its start).
    let shown = want.display().to_string();
    assert!(s.contains(&shown[..shown.len().min(60)]), "{s}");
    let md = std::fs::read_to_string(&want).expect("written in the current directory");
    assert!(md.contains("# WikiLeaks, Cambridge Analytica"), "{md}");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}
