//! The jump history: Back and Forward restore each view exactly, at every layout.

use super::*;

fn history_round_trip(w: u16, h: u16) {
    let mut app = board(w, h);
    let mut views = Vec::new();

    // Jump 1: event → passage.
    let ev = event(&app, "nix-acknowledges-wikileaks-outreach");
    walk_to_event(&mut app, ev);
    views.push(view(&app));
    send(&mut app, [Action::Follow]);

    // Scroll the source away from the passage, then jump 2: a mention → its entity.
    send(&mut app, (0..7).map(|_| Action::Down));
    walk_to_anchor(&mut app, |_, a| matches!(a, Anchor::Mention { .. }));
    send(&mut app, (0..3).map(|_| Action::NextAnchor));
    let a = app.source.anchor.unwrap();
    if !matches!(app.source.anchors[a], Anchor::Mention { .. }) {
        walk_to_anchor(&mut app, |_, a| matches!(a, Anchor::Mention { .. }));
    }
    views.push(view(&app));
    send(&mut app, [Action::Follow]);
    assert_eq!(app.focus, Pane::Entities);

    // Jump 3: Alexander Nix → his events.
    let nix = entity(&app, "alexander-nix");
    walk_to_entity(&mut app, nix);
    views.push(view(&app));
    send(&mut app, [Action::Follow]);
    assert_eq!(app.filter, Filter::Entity(nix));

    // Jump 4: the last of his events → its passage, then move on to its second citation.
    send(&mut app, [Action::Bottom]);
    views.push(view(&app));
    send(&mut app, [Action::Follow, Action::NextCitation]);
    send(&mut app, (0..4).map(|_| Action::Down));

    // Jump 5: clearing the filter from the source pane.
    views.push(view(&app));
    send(&mut app, [Action::Escape]);
    assert_eq!(app.filter, Filter::All);
    let last = view(&app);

    // Back through every jump: each view comes back exactly.
    for (i, want) in views.iter().enumerate().rev() {
        send(&mut app, [Action::Back]);
        assert_eq!(&view(&app), want, "back to the view before jump {}", i + 1);
        assert_eq!(notice(&app), None);
    }
    let first = view(&app);
    send(&mut app, [Action::Back]);
    assert_eq!(
        view(&app),
        first,
        "back with no earlier jump changes nothing"
    );
    assert_eq!(notice(&app), Some("no earlier jump"));

    // And forward again to where we were.
    let mut ahead: Vec<View> = views[1..].to_vec();
    ahead.push(last.clone());
    for (i, want) in ahead.iter().enumerate() {
        send(&mut app, [Action::Forward]);
        assert_eq!(&view(&app), want, "forward {}", i + 1);
    }
    send(&mut app, [Action::Forward]);
    assert_eq!(view(&app), last);
    assert_eq!(notice(&app), Some("no later jump"));

    // A new jump after going back drops the forward history.
    send(&mut app, [Action::Back, Action::Back]);
    send(
        &mut app,
        [Action::Focus(Pane::Timeline), Action::Top, Action::Follow],
    );
    assert!(!app.history.can_go_forward());
}

#[test]
fn back_and_forward_restore_each_view_exactly_wide() {
    history_round_trip(120, 40);
}

#[test]
fn back_and_forward_restore_each_view_exactly_medium() {
    history_round_trip(80, 24);
}

#[test]
fn back_and_forward_restore_each_view_exactly_narrow() {
    history_round_trip(50, 20);
}

#[test]
fn back_after_a_resize_returns_to_the_same_source_text() {
    let mut app = board(120, 40);
    follow_event(&mut app, "wsj-reports-outreach-during-contract-talks");
    // Move to a mention, then a few lines on so the cursor is mid-text.
    walk_to_anchor(&mut app, |_, a| matches!(a, Anchor::Mention { .. }));
    send(&mut app, (0..9).map(|_| Action::Down));
    walk_to_anchor_from_here(&mut app);
    let at = app.source.lines[app.source.cursor].start;
    let before = app.source.source;
    // Jump away (the mention → its entity), make the terminal narrower, come back.
    send(
        &mut app,
        [Action::Follow, Action::Resize(80, 24), Action::Back],
    );
    assert_eq!(app.source.source, before);
    assert_eq!(app.focus, Pane::Source);
    let line = app.source.lines[app.source.cursor].clone();
    assert!(
        line.start <= at && at <= line.end,
        "cursor line {line:?} does not hold byte {at}"
    );
    assert_source_cursor_visible(&app);
}

/// Steps `}` from the cursor until a mention is selected.
fn walk_to_anchor_from_here(app: &mut App) {
    for _ in 0..app.source.anchors.len() {
        send(app, [Action::NextAnchor]);
        let a = app.source.anchor.unwrap();
        if matches!(app.source.anchors[a], Anchor::Mention { .. }) {
            return;
        }
    }
    panic!("no mention after the cursor");
}

#[test]
fn back_and_forward_with_no_history_change_nothing_and_say_so() {
    let mut app = board(120, 40);
    let before = view(&app);
    send(&mut app, [Action::Back]);
    assert_eq!(view(&app), before);
    assert_eq!(notice(&app), Some("no earlier jump"));
    send(&mut app, [Action::Forward]);
    assert_eq!(view(&app), before);
    assert_eq!(notice(&app), Some("no later jump"));
    // The notice lasts until the next key.
    send(&mut app, [Action::Down]);
    assert_eq!(notice(&app), None);
}
