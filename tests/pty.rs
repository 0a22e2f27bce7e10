//! End to end: the built `caseboard` binary in a pseudo-terminal. Each step types keys,
//! waits (with a deadline) for the screen to show the result, and reads it back. A
//! model `App` driven with the same actions says what the screen should hold.

mod common;

use caseboard::action::{Action, Pane};
use caseboard::app::App;
use common::pty::{Pty, key_bytes};
use common::{board as model, send as act};

/// The wrapped source line the model's highlighted passage starts on.
fn passage_line(app: &App) -> String {
    passage_start(app).0
}

/// That line, and the byte offset within it where the passage starts.
fn passage_start(app: &App) -> (String, usize) {
    let v = &app.source;
    let h = v.highlight.clone().expect("a passage is highlighted");
    let line = v.lines[v.line_of(h.start)].clone();
    let text = app.case.source(v.source).text[line.clone()]
        .trim_end()
        .to_string();
    assert!(
        !text.trim().is_empty(),
        "the passage starts on a blank line"
    );
    (text, h.start - line.start)
}

/// Yellow, as the terminal reports the passage background.
const PASSAGE_BG: vt100::Color = vt100::Color::Idx(3);

/// The status line's position text for the model's state.
fn position(app: &App) -> String {
    let events: Vec<_> = app
        .timeline_rows
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r, caseboard::app::TimelineRow::Event(_)))
        .map(|(i, _)| i)
        .collect();
    let pos = events.iter().position(|&i| i == app.timeline.row).unwrap() + 1;
    format!("{}  event {pos}/{}", app.focus.title(), events.len())
}

#[test]
fn walk_event_passage_entity_filter_and_back() {
    let (w, h) = (120, 40);
    let mut m = model(w, h);
    let mut t = Pty::spawn(w, h, &[]);

    // The board comes up on the alternate screen.
    let s = t.wait_for("1 Timeline (50)");
    assert!(s.contains("2 Entities (65)"), "{s}");
    assert!(s.contains("4 Detail"), "{s}");
    assert!(
        t.alternate_screen(),
        "the board draws on the alternate screen"
    );
    assert!(!t.cooked(), "the board puts the terminal in raw mode");
    assert!(s.contains(&position(&m)), "{s}");

    // Down to the third event, Enter: its first passage in the source pane.
    t.send("jj");
    act(&mut m, [Action::Down, Action::Down]);
    t.wait_for(&position(&m));
    t.send("<enter>");
    act(&mut m, [Action::Follow]);
    assert_eq!(m.focus, Pane::Source);
    let s = t.wait_for(" Source  event 3/50");
    let line = passage_line(&m);
    assert!(
        s.contains(&line),
        "passage line {line:?} not on screen:\n{s}"
    );
    // The source pane is titled by the source's title.
    let src = m.case.source(m.source.source);
    assert!(s.contains(&format!("3 {}", &src.title[..12])), "{s}");
    // The passage is drawn highlighted, from its first character.
    let (line, at) = passage_start(&m);
    assert_eq!(
        t.bg_in(&line, at),
        Some(PASSAGE_BG),
        "passage not highlighted"
    );
    if let Some((prev, _)) = line[..at].char_indices().last() {
        assert_ne!(
            t.bg_in(&line, prev),
            Some(PASSAGE_BG),
            "highlight starts early"
        );
    }
    // The status line hints at what Enter, } and Ctrl-o do here.
    let status = t.row(h - 1);
    assert!(status.contains("Enter follow"), "{status}");
    assert!(status.contains("} next link"), "{status}");
    assert!(status.contains("Ctrl-o back"), "{status}");

    // To the entities, down to Alexander Nix.
    t.send("2");
    act(&mut m, [Action::Focus(Pane::Entities)]);
    t.wait_for(" Entities  event 3/50");
    let mut moves = 0;
    while !t.is_reversed("Alexander Nix") {
        assert!(moves < 10, "Alexander Nix never selected:\n{}", t.screen());
        let before = m.entities.row;
        t.send("j");
        act(&mut m, [Action::Down]);
        moves += 1;
        // Wait for the selection bar to move before looking again.
        let name = match m.entity_rows[m.entities.row] {
            caseboard::app::EntityRow::Entity(e) => m.case.entity(e).name.clone(),
            _ => unreachable!(),
        };
        assert_ne!(before, m.entities.row);
        t.wait_reversed(&name);
    }
    assert_eq!(
        m.selected_entity(),
        m.case.entity_by_id("alexander-nix"),
        "model and screen agree"
    );

    // Enter: the timeline filtered to his events.
    t.send("<enter>");
    act(&mut m, [Action::Follow]);
    let s = t.wait_for("Timeline › Alexander Nix (8)");
    assert!(s.contains("filter: events of Alexander Nix"), "{s}");
    assert!(s.contains("(Esc clears)"), "{s}");
    assert!(s.contains(&position(&m)), "{s}");
    let filtered = s.clone();

    // Enter on the selected event: its passage.
    t.send("<enter>");
    act(&mut m, [Action::Follow]);
    let s = t.wait_for(&format!(" {}", position(&m)));
    assert!(
        position(&m).starts_with("Source  event "),
        "{}",
        position(&m)
    );
    assert!(position(&m).ends_with("/8"));
    let line = passage_line(&m);
    assert!(
        s.contains(&line),
        "passage line {line:?} not on screen:\n{s}"
    );

    // Ctrl-o: back to the filtered timeline, as it was.
    t.send("<ctrl-o>");
    act(&mut m, [Action::Back]);
    let s = t.wait_for(" Timeline  event ");
    assert!(s.contains("Timeline › Alexander Nix (8)"), "{s}");
    assert_eq!(body(&s), body(&filtered), "back restores the filtered view");

    // Back again (Backspace is also Back): the unfiltered timeline, focus on the
    // entities as before.
    t.send("<backspace>");
    act(&mut m, [Action::Back]);
    let s = t.wait_for("1 Timeline (50)");
    assert!(!s.contains("Alexander Nix (8)"), "{s}");
    assert!(!s.contains("filter:"), "{s}");
    assert!(s.contains(&position(&m)), "{s}");
    assert!(position(&m).starts_with("Entities"));
    assert!(t.is_reversed("Alexander Nix"));

    // q quits cleanly and gives the terminal back.
    t.send("q");
    let code = t.wait_exit();
    assert_eq!(code, 0, "exit status");
    assert!(!t.alternate_screen(), "the alternate screen was left");
    assert!(t.cooked(), "line editing and echo are back on");
    let raw = t.raw_output();
    assert!(
        contains(&raw, b"\x1b[?1049h"),
        "entered the alternate screen"
    );
    assert!(contains(&raw, b"\x1b[?1049l"), "left the alternate screen");
    assert!(contains(&raw, b"\x1b[?1000l"), "mouse capture turned off");
}

/// The screen without its last row (the status line, which differs after a jump).
fn body(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    lines[..lines.len().saturating_sub(1)].join("\n")
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn medium_layout_shows_tabs_and_the_source() {
    let (w, h) = (80, 24);
    let m = model(w, h);
    let mut t = Pty::spawn(w, h, &[]);
    let s = t.wait_for("1 Timeline (50)");
    // The case's title on top, the tabs below it.
    assert!(
        t.row(0).starts_with(" WikiLeaks, Cambridge Analytica"),
        "{s}"
    );
    let tabs = t.row(1);
    for tab in [
        "1 Timeline",
        "2 Entities",
        "3 Source",
        "4 Detail",
        "5 Sources",
    ] {
        assert!(tabs.contains(tab), "tab {tab} missing from {tabs:?}");
    }
    let src = m.case.source(m.source.source);
    let head = format!("3 {}", &src.title[..12]);
    assert!(s.contains(&head), "{s}");
    let line = passage_line(&m);
    assert!(
        s.contains(&line),
        "passage line {line:?} not on screen:\n{s}"
    );

    // Tab: the entity list takes the list's place.
    t.send("<tab>");
    let s = t.wait_for("2 Entities (65)");
    assert!(!s.contains("1 Timeline (50)"), "{s}");
    assert!(s.contains(&head), "{s}");

    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    assert!(!t.alternate_screen());
}

#[test]
fn help_opens_and_closes() {
    let mut t = Pty::spawn(100, 30, &[]);
    t.wait_for("1 Timeline (50)");
    t.send("?");
    let s = t.wait_for("Keys — any key closes");
    assert!(s.contains("Ctrl-o"), "{s}");
    t.send("x");
    t.wait_gone("Keys — any key closes");
    t.send("?");
    t.wait_for("Keys — any key closes");
    t.send("<esc>");
    let s = t.wait_gone("Keys — any key closes");
    assert!(s.contains(" Timeline  event 1/50"), "{s}");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn keys_toml_in_the_config_dir_is_honoured() {
    let mut t = Pty::spawn_with(120, 40, &[], |config| {
        let dir = config.join("caseboard");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("keys.toml"), "[normal]\nquit = \"x\"\n").unwrap();
    });
    let s = t.wait_for("1 Timeline (50)");
    assert!(s.contains("x quit"), "the hint shows the user's key:\n{s}");
    t.send("q");
    // q is no longer bound: still running; x quits.
    t.send("j");
    t.wait_for(" Timeline  event 2/50");
    t.send("x");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_bad_keys_toml_is_reported_and_the_defaults_used() {
    let mut t = Pty::spawn_with(120, 40, &[], |config| {
        let dir = config.join("caseboard");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("keys.toml"), "[normal]\nfly = \"x\"\n").unwrap();
    });
    // The status line names the file and line (the rest may not fit).
    let s = t.wait_for("keys.toml:2: unknown action");
    assert!(s.contains("1 Timeline (50)"), "{s}");
    // The default keys work.
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    // The message was also printed before the board started, so it is on the normal
    // screen after quitting.
    let s = t.screen();
    assert!(s.contains("keys.toml:2: unknown action \"fly\""), "{s}");
}

#[test]
fn a_mouse_click_selects_an_entity() {
    let (w, h) = (120, 40);
    let mut m = model(w, h);
    let mut t = Pty::spawn(w, h, &[]);
    t.wait_for("1 Timeline (50)");
    let r = m.layout.entities.unwrap();
    let (x, y) = (r.x + 4, r.y + 1 + 4);
    act(&mut m, [Action::Click(x, y)]);
    let name = m.case.entity(m.selected_entity().unwrap()).name.clone();
    // SGR mouse report: press then release of the left button, 1-based coordinates.
    t.send_raw(format!("\x1b[<0;{};{}M\x1b[<0;{};{}m", x + 1, y + 1, x + 1, y + 1).as_bytes());
    t.wait_for(" Entities  event 1/50");
    t.wait_reversed(&name);
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_terminal_resize_redraws_in_the_new_layout() {
    let mut t = Pty::spawn(120, 40, &[]);
    let s = t.wait_for("1 Timeline (50)");
    assert!(s.contains("2 Entities (65)"), "{s}");
    t.resize(80, 24);
    let s = t.wait_until("the tabs row", |s| {
        s.lines()
            .nth(1)
            .is_some_and(|r| r.contains("1 Timeline   2 Entities"))
    });
    assert!(s.contains("1 Timeline (50)"), "{s}");
    assert_eq!(s.lines().count(), 24);
    // Keys still work after the resize, in the new layout.
    t.send("<tab>");
    t.wait_for("2 Entities (65)");
    t.resize(120, 40);
    let s = t.wait_until("three columns again", |s| {
        s.contains("1 Timeline (50)") && s.contains("2 Entities (65)")
    });
    assert!(
        !s.lines()
            .next()
            .unwrap()
            .contains("1 Timeline   2 Entities"),
        "{s}"
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

/// Keys are typed in the keymap's notation; these are the bytes a terminal sends for them.
#[test]
fn key_scripts_become_terminal_bytes() {
    assert_eq!(
        key_bytes("jG<enter><ctrl-o><shift-tab><esc><backspace><alt-left>é<<>"),
        b"jG\r\x0f\x1b[Z\x1b\x7f\x1b\x1b[D\xc3\xa9<"
    );
}
