//! Keys: the help overlay, quitting, and the default keys reaching their actions
//! through the dispatcher.

use super::*;

#[test]
fn help_opens_scrolls_and_any_other_key_closes_it() {
    let mut app = board(120, 40);
    send(&mut app, [Action::Help]);
    assert_eq!(app.modal, Modal::Help(0));
    send(&mut app, [Action::Down, Action::Down, Action::Up]);
    assert_eq!(app.modal, Modal::Help(1), "j/k scroll the help");
    send(&mut app, [Action::PageDown]);
    assert_eq!(app.modal, Modal::Help(11));
    send(&mut app, [Action::PageUp, Action::PageUp]);
    assert_eq!(app.modal, Modal::Help(0));
    // G and g: its end and its top.
    send(&mut app, [Action::Bottom]);
    assert!(
        matches!(app.modal, Modal::Help(n) if n > 11),
        "{:?}",
        app.modal
    );
    send(&mut app, [Action::Top]);
    assert_eq!(app.modal, Modal::Help(0));
    send(&mut app, [Action::Resize(80, 24)]);
    assert_eq!(app.modal, Modal::Help(0), "a resize keeps the help open");
    send(&mut app, [Action::Resize(120, 40)]);
    assert_eq!(app.modal, Modal::Help(0));
    let before = view(&app);

    // The closing key is swallowed: it does not also act on the board.
    send(&mut app, [Action::Focus(Pane::Source)]);
    assert_eq!(app.modal, Modal::None);
    assert_eq!(view(&app), before);

    for closer in [
        Action::Escape,
        Action::Help,
        Action::Follow,
        Action::NextPane,
    ] {
        send(&mut app, [Action::Help]);
        assert_eq!(app.modal, Modal::Help(0));
        send(&mut app, [closer.clone()]);
        assert_eq!(app.modal, Modal::None, "{closer:?} closes the help");
        assert_eq!(view(&app), before, "{closer:?} only closed the help");
    }

    // q still quits from the help.
    send(&mut app, [Action::Help]);
    assert_eq!(app.update(Action::Quit, now()), Some(Effect::Quit));
}

#[test]
fn quit_asks_the_loop_to_quit() {
    let mut app = board(120, 40);
    assert_eq!(app.update(Action::Quit, now()), Some(Effect::Quit));
}

/// A signal (hang-up, kill) ends the board from wherever it is; the note being typed
/// goes into the state first, for the loop to save.
#[test]
fn a_hang_up_keeps_the_note_being_typed() {
    let mut app = board(120, 40);
    let ev = app.selected_event().expect("an event is selected");
    let id = app.case.event(ev).id.clone();
    send(&mut app, [Action::Annotate]);
    send(&mut app, "half a thought".chars().map(Action::Type));
    assert_eq!(app.update(Action::Hangup, now()), Some(Effect::Hangup));
    assert_eq!(
        app.state.note(&id).map(|n| n.text.as_str()),
        Some("half a thought")
    );
    // From the finder, the help, or nothing open: the same effect.
    for open in [Action::OpenFinder, Action::Help, Action::Escape] {
        let mut app = board(80, 24);
        let _ = app.update(open, now());
        assert_eq!(app.update(Action::Hangup, now()), Some(Effect::Hangup));
    }
}

fn key(code: KeyCode, mods: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, mods))
}

/// A raw terminal reports a line feed (a paste without bracketed paste, Ctrl-Enter in
/// some terminals) as Ctrl-J: in the note editor it starts a new line, as in readline
/// and Emacs, and never deletes what was typed; Ctrl-U deletes to the start of the
/// line, as in the finder, the command line and the forms.
#[test]
fn in_the_note_editor_ctrl_j_is_a_new_line_and_ctrl_u_clears_to_the_line_start() {
    use caseboard::tui::action_for;
    let mut app = board(120, 40);
    let ev = app.selected_event().expect("an event is selected");
    let id = app.case.event(ev).id.clone();
    send(&mut app, [Action::Annotate]);
    let none = KeyModifiers::NONE;
    let ctrl = KeyModifiers::CONTROL;
    let typed =
        |s: &str| -> Vec<Event> { s.chars().map(|c| key(KeyCode::Char(c), none)).collect() };
    let keys = [
        typed("first"),
        vec![key(KeyCode::Char('j'), ctrl)],
        typed("second"),
        vec![key(KeyCode::Char('u'), ctrl)],
        typed("2nd"),
    ]
    .concat();
    for ev in keys {
        let action = action_for(&app, &ev).expect("a bound key");
        let _ = app.update(action, now());
    }
    assert_eq!(app.update(Action::Escape, now()), Some(Effect::Save));
    assert_eq!(
        app.state.note(&id).map(|n| n.text.as_str()),
        Some("first\n2nd")
    );
}

#[test]
fn default_keys_reach_the_actions_through_the_dispatcher() {
    use caseboard::tui::action_for;
    let app = board(120, 40);
    let none = KeyModifiers::NONE;
    let ctrl = KeyModifiers::CONTROL;
    let cases = [
        (key(KeyCode::Char('j'), none), Action::Down),
        (key(KeyCode::Down, none), Action::Down),
        (key(KeyCode::Char('k'), none), Action::Up),
        (key(KeyCode::Char('g'), none), Action::Top),
        (key(KeyCode::Char('G'), KeyModifiers::SHIFT), Action::Bottom),
        (key(KeyCode::Char('G'), none), Action::Bottom),
        (key(KeyCode::Char('d'), ctrl), Action::HalfPageDown),
        (key(KeyCode::Char('u'), ctrl), Action::HalfPageUp),
        (key(KeyCode::PageDown, none), Action::PageDown),
        (key(KeyCode::Tab, none), Action::NextPane),
        (key(KeyCode::BackTab, KeyModifiers::SHIFT), Action::PrevPane),
        (key(KeyCode::Char('h'), none), Action::PaneLeft),
        (key(KeyCode::Char('l'), none), Action::PaneRight),
        (key(KeyCode::Char('1'), none), Action::Focus(Pane::Timeline)),
        (key(KeyCode::Char('2'), none), Action::Focus(Pane::Entities)),
        (key(KeyCode::Char('3'), none), Action::Focus(Pane::Source)),
        (key(KeyCode::Char('4'), none), Action::Focus(Pane::Detail)),
        (key(KeyCode::Enter, none), Action::Follow),
        (key(KeyCode::Char('o'), ctrl), Action::Back),
        (key(KeyCode::Backspace, none), Action::Back),
        (
            key(KeyCode::Char('L'), KeyModifiers::SHIFT),
            Action::Forward,
        ),
        (key(KeyCode::Char(']'), none), Action::NextCitation),
        (key(KeyCode::Char('['), none), Action::PrevCitation),
        (key(KeyCode::Char('}'), none), Action::NextAnchor),
        (key(KeyCode::Char('{'), none), Action::PrevAnchor),
        (key(KeyCode::Esc, none), Action::Escape),
        (key(KeyCode::Char('?'), none), Action::Help),
        (key(KeyCode::F(1), none), Action::Help),
        (key(KeyCode::Char('q'), none), Action::Quit),
        (key(KeyCode::Char('c'), ctrl), Action::Quit),
    ];
    for (ev, want) in cases {
        assert_eq!(action_for(&app, &ev), Some(want.clone()), "{ev:?}");
    }
    // Releases and repeats from enhanced keyboards are not presses.
    let release = Event::Key(KeyEvent::new_with_kind(
        KeyCode::Char('j'),
        none,
        KeyEventKind::Release,
    ));
    assert_eq!(action_for(&app, &release), None);
    // A key bound to nothing says so.
    assert_eq!(
        action_for(&app, &key(KeyCode::Char('Z'), none)),
        Some(Action::Unbound("Z".into()))
    );
    assert_eq!(
        action_for(&app, &Event::Resize(90, 30)),
        Some(Action::Resize(90, 30))
    );
}

#[test]
fn an_unbound_key_closes_the_help_too() {
    use caseboard::tui::action_for;
    let mut app = board(120, 40);
    let x = key(KeyCode::Char('x'), KeyModifiers::NONE);
    assert_eq!(
        action_for(&app, &x),
        Some(Action::Unbound("x".into())),
        "x is not bound on the board"
    );
    send(&mut app, [Action::Help]);
    let a = action_for(&app, &x).expect("with the help open, x does something");
    send(&mut app, [a]);
    assert_eq!(app.modal, Modal::None, "the help says any key closes it");
}

#[test]
fn next_anchor_from_a_list_in_a_narrow_terminal_shows_the_source() {
    let mut app = board(50, 20);
    assert!(app.layout.source.is_none(), "one pane at a time");
    send(&mut app, [Action::NextAnchor]);
    assert_eq!(app.focus, Pane::Source);
    assert!(
        app.layout.source.is_some(),
        "the focused source pane is the one shown"
    );
    assert!(app.layout.timeline.is_none());
    assert_source_cursor_visible(&app);
}

#[test]
fn wrapped_lines_fit_the_pane_as_drawn_with_tabs_and_wide_characters() {
    use caseboard::app::source::wrap;
    use unicode_width::UnicodeWidthStr;
    // The source pane draws a tab as four spaces; CJK characters take two columns.
    for text in [
        "\tindented\tcolumns of text\there\n\t\tand more",
        "ab cd日本語 テキスト e日本f",
    ] {
        for width in 4..30 {
            for r in wrap(text, width) {
                let drawn = text[r].replace('\t', "    ");
                assert!(
                    drawn.width() <= width,
                    "w={width}: {drawn:?} is wider than the pane"
                );
            }
        }
    }
}
