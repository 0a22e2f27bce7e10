//! Hang-ups and kills: the real binary in a pseudo-terminal, sent the signals that end
//! a program. What the reader typed is saved, the terminal is given back as it was, and
//! the exit status is 128 + the signal's number.

mod common;

use std::path::Path;

use common::pty::Pty;

/// The board on the bundled case with its state in `state`, the first event's note
/// editor open and `text` typed into it (not saved: no Esc, no Ctrl-s).
fn typing_a_note(state: &Path, text: &str) -> Pty {
    let mut t = Pty::spawn(120, 40, &["--state", state.to_str().unwrap()]);
    t.wait_for("1 Timeline (50)");
    t.send("a");
    t.wait_for("Type your note");
    t.send(text);
    t.wait_for(text);
    t
}

fn note_of_first_event(state: &Path) -> Option<String> {
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(state).ok()?).expect("the state file is JSON");
    let notes = json["notes"].as_object()?;
    notes
        .values()
        .find_map(|n| n["text"].as_str().map(str::to_string))
}

/// An SSH connection drops while a note is typed: the note is in the state file.
#[test]
fn a_hang_up_saves_the_note_being_typed() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let mut t = typing_a_note(&state, "typed before the hang-up");
    t.signal("HUP");
    assert_eq!(t.wait_exit(), 128 + 1);
    assert_eq!(
        note_of_first_event(&state).as_deref(),
        Some("typed before the hang-up")
    );
}

/// `kill` (SIGTERM): the note is saved and the terminal is given back: the main screen,
/// the cursor shown, mouse reporting off, line editing, echo, signal keys and output
/// processing on.
#[test]
fn terminate_saves_and_gives_the_terminal_back() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let mut t = typing_a_note(&state, "typed before kill");
    assert!(t.alternate_screen() && t.mouse_reported() && t.modes_restored().is_err());
    t.signal("TERM");
    assert_eq!(t.wait_exit(), 128 + 15);
    assert!(!t.alternate_screen(), "still on the alternate screen");
    assert!(t.cursor_shown(), "the cursor is hidden");
    assert!(!t.mouse_reported(), "the mouse is still reported");
    t.modes_restored().unwrap();
    assert_eq!(
        note_of_first_event(&state).as_deref(),
        Some("typed before kill")
    );
}

/// `kill -INT` and `kill -QUIT` end the board the same way (Ctrl-c typed in the board
/// is a key, as the terminal is raw, and stays one).
#[test]
fn interrupt_and_quit_save_too() {
    for (name, number) in [("INT", 2), ("QUIT", 3)] {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state.json");
        let mut t = typing_a_note(&state, &format!("typed before {name}"));
        t.signal(name);
        assert_eq!(t.wait_exit(), 128 + number, "SIG{name}");
        assert_eq!(
            note_of_first_event(&state),
            Some(format!("typed before {name}"))
        );
        t.modes_restored().unwrap();
    }
}

/// The state file cannot take the note (something else took its place, a folder, after
/// the board opened): the whole state goes to a rescue file beside it, named on stderr.
#[test]
fn a_note_that_cannot_be_saved_goes_to_a_rescue_file() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let mut t = typing_a_note(&state, "typed where it cannot go");
    std::fs::create_dir(&state).unwrap();
    t.signal("TERM");
    assert_eq!(t.wait_exit(), 128 + 15);
    let rescued: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("state.json.rescue-"))
        .collect();
    assert_eq!(rescued.len(), 1, "{rescued:?}");
    assert_eq!(
        note_of_first_event(&rescued[0]).as_deref(),
        Some("typed where it cannot go")
    );
    let name = rescued[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    // stderr names it (the line wraps at the terminal's width).
    let screen = t.wait_until("the rescue file named", |s| {
        s.replace('\n', "").contains(&name)
    });
    assert!(screen.contains("could not be saved"), "{screen}");
}

/// The terminal itself goes away (the window closes, sshd drops the connection): the
/// note being typed is in the state file and the board exits as for SIGHUP.
#[test]
fn a_closed_terminal_saves_the_note_being_typed() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let mut t = typing_a_note(&state, "typed before the window closed");
    t.hang_up();
    assert_eq!(t.wait_exit(), 128 + 1);
    assert_eq!(
        note_of_first_event(&state).as_deref(),
        Some("typed before the window closed")
    );
}

/// A state file the user made read-only is not replaced, even at a kill: the note typed
/// meanwhile goes to a rescue file beside it.
#[cfg(unix)]
#[test]
fn a_read_only_state_file_is_kept_and_the_note_rescued() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    std::fs::write(&state, "{\"format\": 1}\n").unwrap();
    std::fs::set_permissions(&state, std::fs::Permissions::from_mode(0o444)).unwrap();
    let mut t = Pty::spawn(120, 40, &["--state", state.to_str().unwrap()]);
    t.wait_until("the read-only notice", |s| {
        s.replace('\n', "").contains("is read-only")
    });
    t.send("a");
    t.wait_for("Type your note");
    t.send("typed into a read-only board");
    t.wait_for("typed into a read-only board");
    t.signal("TERM");
    assert_eq!(t.wait_exit(), 128 + 15);
    assert_eq!(
        std::fs::read_to_string(&state).unwrap(),
        "{\"format\": 1}\n"
    );
    let rescued: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("state.json.rescue-"))
        .collect();
    assert_eq!(rescued.len(), 1, "{rescued:?}");
    assert_eq!(
        note_of_first_event(&rescued[0]).as_deref(),
        Some("typed into a read-only board")
    );
}
